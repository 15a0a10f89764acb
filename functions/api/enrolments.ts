import { authenticated, visibleJourney, visibleRead } from '../app/access.js';
import { now } from '../platform/clock.js';
import { ApiError, ruleViolated } from '../platform/errors.js';
import { apiHandler } from '../platform/http.js';
import { decideOrRefuse, followDecision } from '../app/decide.js';
import { readJourney, viewOf } from '../app/journey-view.js';
import { recordContact } from '../app/coordination.js';
import { tovholderProblem } from '../domain/journey.js';
import { responsibleRolesOf, templateOf } from '../domain/templates/index.js';
import { auditOfEnrolment } from '../store/audit.js';
import { appendNote } from '../store/journal.js';
import { saveJourney, tovholderPointers } from '../store/journeys.js';
import { getUser } from '../store/users.js';

export const handler = apiHandler({
  'GET /enrolments/{id}': authenticated(async (request, caller) => {
    // One query of the partition serves both the access check and the view.
    return { body: await viewOf(await visibleRead(caller, request.params.id, request.route, readJourney)) };
  }),

  'POST /enrolments/{id}/screening': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    const decided = decideOrRefuse(journey, { kind: 'screening', by: caller.user.username, colour: input.colour, reason: input.reason, exitReason: input.exitReason }, now());
    await saveJourney(journey, decided.journey, decided.events);
    await followDecision(journey, decided);
    return { body: { screening: decided.journey.screening!, stage: decided.journey.stage, colour: input.colour } };
  }),

  'PUT /enrolments/{id}/tovholders': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    if (journey.stage === 'closed') throw ruleViolated('journey-closed', 'the journey is closed');
    const [primary, secondary] = await Promise.all([getUser(input.primary), input.secondary ? getUser(input.secondary) : undefined]);
    const details = [
      { path: 'primary', message: tovholderProblem(primary, journey, responsibleRolesOf(templateOf(journey))) },
      { path: 'secondary', message: input.secondary ? tovholderProblem(secondary, journey, responsibleRolesOf(templateOf(journey))) : null },
    ].filter((d): d is { path: string; message: string } => d.message !== null);
    if (details.length) throw new ApiError('invalid-input', 'the request is not valid', details);
    const at = now().toISOString();
    const primaryTovholder = { username: primary!.username, name: primary!.name };
    const secondaryTovholder = secondary ? { username: secondary.username, name: secondary.name } : null;
    await saveJourney(
      journey,
      { ...journey, primaryTovholder, secondaryTovholder, needsTovholderSince: null, updatedAt: at },
      [
        {
          at,
          kind: 'tovholders-assigned',
          by: caller.user.username,
          summary: `Tovholders: ${primaryTovholder.username}${secondaryTovholder ? ` and ${secondaryTovholder.username}` : ''}`,
        },
      ],
      tovholderPointers(journey, [primaryTovholder, secondaryTovholder]),
    );
    return { body: { primaryTovholder, secondaryTovholder, stage: journey.stage } };
  }),

  'POST /enrolments/{id}/notes': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    if (input.addressee !== undefined && !journey.guardians.some((g) => g.name === input.addressee)) {
      throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'addressee', message: "not one of the young person's guardians" }]);
    }
    const note = await appendNote(journey.id, {
      kind: input.kind,
      text: input.text,
      channel: input.channel ?? null,
      reached: input.reached ?? null,
      addressee: input.addressee ?? null,
      by: caller.user.username,
      at: now().toISOString(),
    });
    // A reached contact attempt is the first contact where the template has that step.
    const stage = input.reached === true ? await recordContact(journey, caller.user.username) : journey.stage;
    return { body: { ...note, stage } };
  }),

  'POST /enrolments/{id}/outcome': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    const decided = decideOrRefuse(journey, { kind: 'outcome', by: caller.user.username, outcome: input.outcome, date: input.date, note: input.note }, now());
    await saveJourney(journey, decided.journey, decided.events);
    await followDecision(journey, decided);
    return { body: { ...decided.journey.outcome!, stage: decided.journey.stage } };
  }),

  'PUT /enrolments/{id}/legal-hold': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    const input = request.body;
    const at = now().toISOString();
    const legalHold = input.hold ? { reason: input.reason!, by: caller.user.username, at } : null;
    // The reason stays on the hold (shown to those who read the journey); the timeline says only that it changed.
    await saveJourney(journey, { ...journey, legalHold, updatedAt: at }, [
      { at, kind: input.hold ? 'legal-hold-set' : 'legal-hold-lifted', by: caller.user.username, summary: input.hold ? 'Legal hold set: not erased while held' : 'Legal hold lifted' },
    ]);
    return { body: { legalHold, stage: journey.stage } };
  }),

  'GET /enrolments/{id}/audit': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params.id, request.route);
    return { body: { items: await auditOfEnrolment(journey.id) } };
  }),
});
