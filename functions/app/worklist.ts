import type { z } from 'zod';
import type { User } from '../contract/schemas.js';
import type { WorklistItem } from '../contract/worklist.js';
import { worklistOf } from '../domain/worklist.js';
import { now } from '../platform/clock.js';
import { countGroupOf, StoredJourney } from '../store/journeys.js';
import { journeyKey } from '../store/keys.js';
import { batchGetItems } from '../store/queries.js';
import { reasonsOfUser, shownReason } from '../store/worklist.js';

/**
 * A user's worklist: their open reasons (one query), their journeys (batch gets), those in the user's
 * programmes and municipalities and still open, in the worklist's order (domain/worklist.ts).
 */
export async function worklistOfUser(user: User, programme?: string): Promise<{ items: z.infer<typeof WorklistItem>[]; counts: { total: number; safety: number; overdue: number } }> {
  const reasons = await reasonsOfUser(user.username);
  const ids = [...new Set(reasons.map((r) => r.enrolmentId))];
  const journeys = (await batchGetItems(ids.map(journeyKey)))
    .map((item) => StoredJourney.parse(item))
    .filter((j) => j.stage !== 'closed' && user.programmes.includes(j.programmeId) && user.municipalities.includes(j.municipality) && (!programme || j.programmeId === programme));
  const byJourney = new Map(journeys.map((j) => [j.id, { journey: j, reasons: [] as ReturnType<typeof shownReason>[] }]));
  for (const reason of reasons) byJourney.get(reason.enrolmentId)?.reasons.push(shownReason(reason));
  const { rows, counts } = worklistOf([...byJourney.values()], now());
  const items = rows.map(({ journey: j, reasons, next }) => ({
    enrolmentId: j.id,
    name: j.name,
    cprMasked: j.cprMasked,
    programme: j.programmeId,
    municipality: j.municipality,
    template: j.template,
    group: countGroupOf(j),
    stage: j.stage,
    reasons,
    next,
  }));
  return { items, counts };
}
