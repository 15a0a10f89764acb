import { randomUUID } from 'node:crypto';
import { authenticated, visibleJourney, type Caller } from '../app/access.js';
import { now } from '../platform/clock.js';
import { ApiError, conflict, forbidden, ruleViolated } from '../platform/errors.js';
import { apiHandler } from '../platform/http.js';
import { signalJourney } from '../app/journey-workflow.js';
import type { Plan, PreparatoryForm } from '../contract/plan.js';
import { decidePlanStep, offerProblems, outsideCareManagerRemit, withInterventionIds, type Problem } from '../domain/plan.js';
import { decideFormStep, proposeTeam } from '../domain/preparatory-form.js';
import { nextRevision, type StepDecision } from '../domain/revisions.js';
import { copenhagenDate } from '../domain/working-days.js';
import { saveJourney, type StoredJourney } from '../store/journeys.js';
import { getOffers } from '../store/offers.js';
import { latestRevision, listRevisions, putRevision } from '../store/plans.js';

function stepOrThrow(step: StepDecision): asserts step is Extract<StepDecision, { ok: true }> {
  if (step.ok) return;
  throw step.status === 'conflict' ? conflict(`${step.rule}: ${step.why}`) : ruleViolated(step.rule, step.why);
}

function invalid(problems: Problem[]): ApiError {
  return new ApiError('invalid-input', 'the request is not valid', problems);
}

/** Saves a revision with the journey's (possibly) new stage in one transaction, then tells the waiting step. */
async function saveStep(journey: StoredJourney, stage: StoredJourney['stage'], at: string, event: { kind: string; by: string; summary: string }, revision: Parameters<typeof putRevision>) {
  const moved = stage !== journey.stage;
  await saveJourney(
    journey,
    { ...journey, stage, stageEnteredAt: moved ? at : journey.stageEnteredAt, updatedAt: at },
    [{ at, ...event }],
    [putRevision(...revision)],
  );
  if (moved) await signalJourney(journey);
}

/** A care manager without a coordinating role changes only the plan's health interventions. */
const careManagerOnly = (caller: Caller) => caller.has('care-manager') && !caller.has('lead', 'tovholder');

export const handler = apiHandler({
  'PUT /enrolments/{id}/preparatory-form': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    const step = decideFormStep(journey.stage);
    stepOrThrow(step);
    const latest = await latestRevision(journey.id, 'PREPFORM');
    const revision = nextRevision(latest?.version ?? null, input.version);
    if (!revision.ok) throw conflict(`preparatory form: ${revision.why}`);
    const at = now();
    const form: PreparatoryForm = {
      version: revision.version,
      citizenParticipated: input.citizenParticipated,
      areas: input.areas.map((a) => ({ area: a.area, wish: a.wish ?? null, problem: a.problem ?? null, priority: a.priority ?? null })),
      proposedTeam: proposeTeam(input.areas, journey, copenhagenDate(at)),
      by: caller.user.username,
      at: at.toISOString(),
    };
    await saveStep(
      journey,
      step.stage,
      form.at,
      { kind: 'preparatory-form', by: caller.user.username, summary: `Preparatory form saved (version ${form.version})` },
      [journey.id, 'PREPFORM', form],
    );
    return { body: { preparatoryForm: form, stage: step.stage } };
  }),

  'GET /enrolments/{id}/preparatory-form/revisions': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    return { body: { items: await listRevisions(journey.id, 'PREPFORM') } };
  }),

  'PUT /enrolments/{id}/plan': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    const step = decidePlanStep(journey.stage);
    stepOrThrow(step);
    const previous = await latestRevision(journey.id, 'PLAN');
    const revision = nextRevision(previous?.version ?? null, input.version);
    if (!revision.ok) throw conflict(`plan: ${revision.why}`);
    const withIds = withInterventionIds(input.interventions, previous?.interventions ?? [], randomUUID);
    if (!withIds.ok) throw invalid(withIds.problems);
    const offerIds = withIds.interventions.flatMap((i) => (i.offerId ? [i.offerId] : []));
    const catalogue = offerIds.length ? await getOffers(offerIds) : new Map();
    const offers = offerProblems(withIds.interventions, catalogue);
    if (offers.length) throw invalid(offers);
    const plan: Plan = {
      version: revision.version,
      goal: input.goal,
      citizenAgreed: input.citizenAgreed,
      interventions: withIds.interventions,
      by: caller.user.username,
      at: now().toISOString(),
    };
    if (careManagerOnly(caller)) {
      const touched = outsideCareManagerRemit(previous, plan);
      if (touched.length) throw forbidden(`a care manager may change only the plan's health interventions; this change touches ${touched.join('; ')}`);
    }
    await saveStep(
      journey,
      step.stage,
      plan.at,
      { kind: 'plan', by: caller.user.username, summary: `Action plan version ${plan.version} (${plan.interventions.length} interventions)` },
      [journey.id, 'PLAN', plan],
    );
    return { body: { plan, stage: step.stage } };
  }),

  'GET /enrolments/{id}/plan/revisions': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    return { body: { items: await listRevisions(journey.id, 'PLAN') } };
  }),
});
