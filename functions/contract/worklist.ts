import { z } from 'zod';
import { Id, Instant, MunicipalityCode, Stage } from './primitives.js';
import { Template } from './schemas.js';

/*
 * The coordinator's worklist and the daily digest (shared/api.md v2 "The worklist"). A reason's and a next
 * action's `kind` is a notification kind and an action id of functions/domain/worklist.ts; the front end words
 * them (web/src/texts.ts).
 */

export const WorklistQuery = z.object({ programme: Id.optional() });

export const WorklistReason = z.object({ kind: z.string(), dueAt: Instant, since: Instant });
export const WorklistItem = z.object({
  enrolmentId: Id,
  name: z.string(),
  cprMasked: z.string(),
  programme: Id,
  municipality: MunicipalityCode,
  template: Template,
  /** The group the journey counts under in its template (a colour, `unscreened`, a stage group), or null. */
  group: z.string().nullable(),
  stage: Stage,
  /** Safety first, then the oldest due. */
  reasons: z.array(WorklistReason).min(1),
  next: z.object({ kind: z.string() }),
});
export const Worklist = z.object({
  items: z.array(WorklistItem),
  counts: z.object({ total: z.int(), safety: z.int(), overdue: z.int() }),
});
