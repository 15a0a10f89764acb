import { randomUUID } from 'node:crypto';
import { authenticated, visibleJourney, type Caller } from '../app/access.js';
import { now } from '../platform/clock.js';
import { ApiError, conflict, forbidden } from '../platform/errors.js';
import { apiHandler } from '../platform/http.js';
import { decideOrRefuse, followDecision } from '../app/decide.js';
import type { Plan, PreparatoryForm } from '../contract/plan.js';
import { offerProblems, outsideCareManagerRemit, withInterventionIds, type Problem } from '../domain/plan.js';
import { proposeTeam } from '../domain/preparatory-form.js';
import type { Decided } from '../domain/decide.js';
import { nextRevision } from '../domain/revisions.js';
import { praktikEndedByPlan } from '../domain/coordination.js';
import { copenhagenDate } from '../domain/working-days.js';
import { saveJourney, type StoredJourney } from '../store/journeys.js';
import { getOffers } from '../store/offers.js';
import { latestRevision, listRevisions, putRevision } from '../store/plans.js';

function invalid(problems: Problem[]): ApiError {
  return new ApiError('invalid-input', 'the request is not valid', problems);
}

/** Saves a revision with what the decision made of the journey in one transaction, then sends what follows. */
async function saveStep(journey: StoredJourney, decided: Decided<StoredJourney>, revision: Parameters<typeof putRevision>) {
  await saveJourney(journey, decided.journey, decided.events, [putRevision(...revision)]);
  await followDecision(journey, decided);
}

/** A care manager without a coordinating role changes only the plan's health interventions. */
const careManagerOnly = (caller: Caller) => caller.has('care-manager') && !caller.has('lead', 'tovholder');

export const handler = apiHandler({
  'PUT /enrolments/{id}/preparatory-form': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    const latest = await latestRevision(journey.id, 'PREPFORM');
    const at = now();
    // The version the form gets if saved: the step's own rules refuse first, then a stale or second create.
    const decided = decideOrRefuse(journey, { kind: 'preparatory-form', by: caller.user.username, version: (latest?.version ?? 0) + 1 }, at);
    const revision = nextRevision(latest?.version ?? null, input.version);
    if (!revision.ok) throw conflict(`preparatory form: ${revision.why}`);
    const form: PreparatoryForm = {
      version: revision.version,
      citizenParticipated: input.citizenParticipated,
      areas: input.areas.map((a) => ({ area: a.area, wish: a.wish ?? null, problem: a.problem ?? null, priority: a.priority ?? null })),
      proposedTeam: proposeTeam(input.areas, journey, copenhagenDate(at)),
      by: caller.user.username,
      at: at.toISOString(),
    };
    await saveStep(journey, decided, [journey.id, 'PREPFORM', form]);
    return { body: { preparatoryForm: form, stage: decided.journey.stage } };
  }),

  'GET /enrolments/{id}/preparatory-form/revisions': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    return { body: { items: await listRevisions(journey.id, 'PREPFORM') } };
  }),

  'PUT /enrolments/{id}/plan': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    const previous = await latestRevision(journey.id, 'PLAN');
    const at = now();
    const decided = decideOrRefuse(journey, { kind: 'plan', by: caller.user.username, version: (previous?.version ?? 0) + 1, interventions: input.interventions.length }, at);
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
      at: at.toISOString(),
    };
    // Youth coordination: another course on the plan ends the Praktik-generator's place.
    const ended = praktikEndedByPlan(journey.coordination, previous?.interventions ?? [], plan.interventions, plan.at);
    if (ended) {
      plan.interventions = ended.interventions;
      decided.journey.coordination = ended.state;
    }
    if (careManagerOnly(caller)) {
      const touched = outsideCareManagerRemit(previous, plan);
      if (touched.length) throw forbidden(`a care manager may change only the plan's health interventions; this change touches ${touched.join('; ')}`);
    }
    await saveStep(journey, decided, [journey.id, 'PLAN', plan]);
    return { body: { plan, stage: decided.journey.stage } };
  }),

  'GET /enrolments/{id}/plan/revisions': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    return { body: { items: await listRevisions(journey.id, 'PLAN') } };
  }),
});
