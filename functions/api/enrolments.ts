import type { z } from 'zod';
import { authenticated, JOURNEY_READ_ROLES, visibleJourney } from '../commons/access.js';
import { now } from '../commons/clock.js';
import { notFound, ruleViolated } from '../commons/errors.js';
import { apiHandler } from '../commons/http.js';
import { signalJourney } from '../commons/journey-workflow.js';
import { journeyView } from '../commons/journey-view.js';
import type { ScreeningInput } from '../contract/schemas.js';
import { decideScreening } from '../domain/journey.js';
import { saveJourney } from '../store/journeys.js';

export const handler = apiHandler({
  'GET /enrolments/{id}': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params['id'] ?? '', 'read-journey', JOURNEY_READ_ROLES);
    const view = await journeyView(journey.id);
    if (!view) throw notFound('enrolment');
    return { body: view };
  }),

  'POST /enrolments/{id}/screening': authenticated(async (request, caller) => {
    const journey = await visibleJourney(caller, request.params['id'] ?? '', 'screening', ['lead', 'tovholder']);
    const input = request.body as z.output<typeof ScreeningInput>;
    const decision = decideScreening(journey, input.colour);
    if (!decision.ok) throw ruleViolated(decision.rule, decision.why);
    const at = now().toISOString();
    const screening = { colour: input.colour, reason: input.reason, exitReason: input.exitReason ?? null, by: caller.user.username, at };
    const stageChanged = decision.stage !== journey.stage;
    await saveJourney(
      journey,
      {
        ...journey,
        colour: input.colour,
        screening,
        baseline: decision.isBaseline ? screening : journey.baseline,
        exitReason: input.exitReason ?? journey.exitReason,
        stage: decision.stage,
        stageEnteredAt: stageChanged ? at : journey.stageEnteredAt,
        updatedAt: at,
      },
      [
        {
          at,
          kind: decision.isBaseline ? 'screened' : 'colour-changed',
          by: caller.user.username,
          summary: decision.isBaseline ? `Screened ${input.colour} (baseline)` : `Colour changed to ${input.colour}`,
        },
      ],
    );
    if (stageChanged) await signalJourney(journey.id, journey.stage);
    return { body: { screening, stage: decision.stage, colour: input.colour } };
  }),
});
