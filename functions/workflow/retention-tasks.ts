import { z } from 'zod';
import { now } from '../platform/clock.js';
import { config } from '../platform/env.js';
import { logger } from '../platform/logger.js';
import { auditCutoff, mayDeleteAuditEntry } from '../domain/retention.js';
import { getJourney } from '../store/journeys.js';
import { AUDIT_TIME_SHARDS, auditTimeShardPk } from '../store/keys.js';
import { auditEntriesBefore, deleteAuditEntry, dueForErasure, eraseJourney } from '../store/retention.js';

/**
 * The tasks of the retention state machine (workflows/retention.ts): each does one page and says where the
 * next begins, so a run of any size stays within a task's time and resumes where it stopped. Versioned
 * inputs: a field added later must be optional.
 */
const Cursor = z.string().nullable();
const TaskInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('erase-due'), cursor: Cursor }),
  z.object({ action: z.literal('purge-audit'), shard: z.int().min(0), cursor: Cursor }),
]);

const ERASURES_PER_PAGE = 20;
const AUDIT_ENTRIES_PER_PAGE = 200;

const encode = (key: Record<string, unknown> | undefined) => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null);
const decode = (cursor: string | null) => (cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>) : undefined);

/** Erases the closed journeys of one page of the erasure list that are due and not held. */
async function eraseDue(input: { cursor: string | null }) {
  const at = now();
  const page = await dueForErasure(at, decode(input.cursor), ERASURES_PER_PAGE);
  const results = { erased: 0, held: 0, finished: 0 };
  for (const pointer of page.items) results[await eraseJourney(pointer, at)]++;
  logger.info('erasure page', results);
  return { cursor: encode(page.cursor) };
}

/** Deletes one page of one shard's audit entries past the audit's retention, unless a journey they name still exists. */
async function purgeAudit(input: { shard: number; cursor: string | null }) {
  const cutoff = auditCutoff(config.auditRetentionYears, now());
  const page = await auditEntriesBefore(auditTimeShardPk(input.shard), cutoff, decode(input.cursor), AUDIT_ENTRIES_PER_PAGE);
  const exists = new Map<string, boolean>();
  for (const entry of page.items) for (const id of entry.enrolmentIds) if (!exists.has(id)) exists.set(id, (await getJourney(id)) !== undefined);
  let deleted = 0;
  for (const entry of page.items) {
    if (!mayDeleteAuditEntry(entry, cutoff, (id) => exists.get(id) === true)) continue;
    await deleteAuditEntry(entry);
    deleted++;
  }
  logger.info('audit retention page', { shard: input.shard, deleted, kept: page.items.length - deleted });
  const cursor = encode(page.cursor);
  const shard = cursor ? input.shard : input.shard + 1;
  return { shard, cursor, done: shard >= AUDIT_TIME_SHARDS };
}

export const handler = async (event: unknown) => {
  const input = TaskInput.parse(event);
  switch (input.action) {
    case 'erase-due':
      return eraseDue(input);
    case 'purge-audit':
      return purgeAudit(input);
  }
};
