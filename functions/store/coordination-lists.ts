import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { conflict } from '../platform/errors.js';
import { Actor, CoordinationMeeting, PersonRef } from '../contract/coordination.js';
import { Instant, Month } from '../contract/primitives.js';
import { ImportRejection } from '../contract/schemas.js';
import { countsKey, GSI1, journeyPk, noteSk } from './keys.js';
import type { TransactItem } from './journeys.js';
import { isConditionFailure, queryAll, transactWrite } from './queries.js';
import { outcomeItems } from './imports.js';
import { StoredEntry } from './coordination-entry.js';

/*
 * Youth coordination's monthly lists. Access patterns (README "Data access"):
 *   list and its entries          pk COORDLIST#{id}                 sk PROFILE | ENTRY#{line, 6 digits}
 *   a programme's lists by month  gsi1 PROGRAMME#{id}#COORDLISTS    sk {month}#{id}
 *   one list per month            pk PROGRAMME#{id}                 sk COORDMONTH#{month}  → listId (conditional put)
 *   actors of a programme         pk PROGRAMME#{id}#ACTORS          sk {at}#{id}
 * An entry holds its young person's CPR encrypted and hashed (to find or make the journey when kept) until
 * it is found misplaced: then CPR, name and birth date are removed from the item.
 */

export const listKey = (id: string) => ({ pk: `COORDLIST#${id}`, sk: 'PROFILE' });
const entryKey = (listId: string, line: number) => ({ pk: `COORDLIST#${listId}`, sk: `ENTRY#${String(line).padStart(6, '0')}` });
const monthLockKey = (programmeId: string, month: string) => ({ pk: `PROGRAMME#${programmeId}`, sk: `COORDMONTH#${month}` });
const listsIndexPk = (programmeId: string) => `PROGRAMME#${programmeId}#COORDLISTS`;
const actorsPk = (programmeId: string) => `PROGRAMME#${programmeId}#ACTORS`;

export { StoredEntry } from './coordination-entry.js';

export const StoredList = z.object({
  id: z.string(),
  programmeId: z.string(),
  month: Month,
  rejected: z.array(ImportRejection),
  /** A list over the synchronous limit is written by the import workflow; its rejections are the import's. */
  importId: z.string().nullable().default(null),
  meeting: CoordinationMeeting.nullable().default(null),
  createdAt: Instant,
  by: PersonRef,
});
export type StoredList = z.infer<typeof StoredList>;

export const entryPut = (entry: StoredEntry): TransactItem => ({
  Put: { TableName: config.dataTable, Item: { ...entryKey(entry.listId, entry.line), type: 'coordination-entry', ...entry } },
});

/**
 * Stores a new list as the list of its month (the month's lock, conditional), with the entries given (all of
 * them, for a list answered at once; none for one the import workflow writes). `replacing` the month's list:
 * that list and its entries go (the journeys of its kept entries stay).
 */
export async function createList(list: StoredList, entries: StoredEntry[], replacing?: string): Promise<void> {
  const lock = monthLockKey(list.programmeId, list.month);
  try {
    await transactWrite({
      TransactItems: [
        {
          Put: {
            TableName: config.dataTable,
            Item: { ...lock, type: 'coordination-month', listId: list.id },
            ConditionExpression: replacing === undefined ? 'attribute_not_exists(pk)' : 'listId = :old',
            ...(replacing === undefined ? {} : { ExpressionAttributeValues: { ':old': replacing } }),
          },
        },
        {
          Put: {
            TableName: config.dataTable,
            Item: { ...listKey(list.id), gsi1pk: listsIndexPk(list.programmeId), gsi1sk: `${list.month}#${list.id}`, type: 'coordination-list', ...list },
          },
        },
      ],
    });
  } catch (error) {
    if (isConditionFailure(error)) throw conflict(`there is a list for ${list.month} already; send it with replace=true to replace it`);
    throw error;
  }
  await batchPut(entries.map((e) => ({ ...entryKey(e.listId, e.line), type: 'coordination-entry', ...e })));
  if (replacing !== undefined) await deleteList(replacing);
}

async function batchPut(items: Record<string, unknown>[]): Promise<void> {
  await batch(items.map((Item) => ({ PutRequest: { Item } })));
}

async function batch(requests: ({ PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } })[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending = requests.slice(i, i + 25);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** Math.min(attempt, 5)));
      const out = await dynamo.send(new BatchWriteCommand({ RequestItems: { [config.dataTable]: pending } }));
      pending = (out.UnprocessedItems?.[config.dataTable] ?? []) as typeof pending;
    }
  }
}

async function deleteList(listId: string): Promise<void> {
  const keys = await queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': listKey(listId).pk },
    ProjectionExpression: 'pk, sk',
  });
  await batch(keys.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })));
}

/** The list of `month`, if there is one. */
export async function listIdOfMonth(programmeId: string, month: string): Promise<string | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: monthLockKey(programmeId, month), ConsistentRead: true }));
  return out.Item ? z.string().parse(out.Item.listId) : undefined;
}

/** A list and its entries, in one query of its partition. */
export async function readList(listId: string): Promise<{ list: StoredList; entries: StoredEntry[] } | undefined> {
  const items = await queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': listKey(listId).pk },
    ConsistentRead: true,
  });
  const profile = items.find((i) => i.sk === 'PROFILE');
  if (!profile) return undefined;
  return { list: StoredList.parse(profile), entries: items.filter((i) => i.type === 'coordination-entry').map((i) => StoredEntry.parse(i)) };
}

/** The programme's lists from `from` to `to` (months, inclusive), oldest first. */
export async function listsOf(programmeId: string, from = '0000-00', to = '9999-99'): Promise<StoredList[]> {
  const items = await queryAll({
    TableName: config.dataTable,
    IndexName: GSI1,
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': listsIndexPk(programmeId), ':from': from, ':to': `${to}#~` },
  });
  return items.map((i) => StoredList.parse(i));
}

/** The latest list before `month` that had its meeting: the period "since the previous meeting" starts there. */
export async function previousMeetingAt(programmeId: string, month: string): Promise<string | null> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config.dataTable,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :month',
      ExpressionAttributeValues: { ':pk': listsIndexPk(programmeId), ':month': month },
      ScanIndexForward: false,
      Limit: 12,
    }),
  );
  const held = (out.Items ?? []).map((i) => StoredList.parse(i)).find((l) => l.meeting !== null);
  return held?.meeting?.heldAt ?? null;
}

/** Whether `month` is the programme's latest list: its numbers are the overview's. */
async function isLatest(programmeId: string, month: string): Promise<boolean> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config.dataTable,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': listsIndexPk(programmeId) },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  const latest = out.Items?.[0];
  return latest === undefined || String(latest.gsi1sk) <= `${month}#~`;
}

/**
 * The entry's change on condition that it is still as read (`from`): `fields` set, `erase` removed. Refused
 * (409) when someone changed it first.
 */
export function entryUpdate(entry: StoredEntry, fields: Partial<StoredEntry>, erase: (keyof StoredEntry)[] = []): TransactItem {
  const set = Object.entries(fields);
  return {
    Update: {
      TableName: config.dataTable,
      Key: entryKey(entry.listId, entry.line),
      UpdateExpression: [set.length ? `SET ${set.map((_, i) => `#s${i} = :s${i}`).join(', ')}` : '', erase.length ? `REMOVE ${erase.map((_, i) => `#r${i}`).join(', ')}` : '']
        .filter(Boolean)
        .join(' '),
      ConditionExpression: '#status = :was',
      ExpressionAttributeNames: {
        ...Object.fromEntries(set.map(([k], i) => [`#s${i}`, k])),
        ...Object.fromEntries(erase.map((k, i) => [`#r${i}`, k])),
        '#status': 'status',
      },
      ExpressionAttributeValues: { ...Object.fromEntries(set.map(([, v], i) => [`:s${i}`, v])), ':was': entry.status },
    },
  };
}

/** Writes entry changes (and any further items) in one transaction; 409 when an entry changed meanwhile. */
export async function writeEntries(items: TransactItem[]): Promise<void> {
  try {
    await transactWrite({ TransactItems: items });
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('the entry was changed by someone else; reload the list');
    throw error;
  }
}

/** Records the list's meeting, once (409 when it was recorded already), with the entries' could-not-be-contacted flags. */
export async function recordMeeting(list: StoredList, meeting: z.infer<typeof CoordinationMeeting>, unreachable: StoredEntry[]): Promise<void> {
  try {
    await transactWrite({
      TransactItems: [
        {
          Update: {
            TableName: config.dataTable,
            Key: listKey(list.id),
            UpdateExpression: 'SET meeting = :meeting',
            ConditionExpression: 'attribute_type(meeting, :null) OR attribute_not_exists(meeting)',
            ExpressionAttributeValues: { ':meeting': meeting, ':null': 'NULL' },
          },
        },
      ],
    });
  } catch (error) {
    if (isConditionFailure(error)) throw conflict("this list's meeting is recorded already");
    throw error;
  }
  await Promise.all(
    unreachable.map((e) =>
      dynamo.send(new UpdateCommand({ TableName: config.dataTable, Key: entryKey(e.listId, e.line), UpdateExpression: 'SET couldNotBeContacted = :t', ExpressionAttributeValues: { ':t': true } })),
    ),
  );
}

/**
 * Keeps the overview's `repeater` and `could-not-be-contacted` counts (per municipality, beside the stored
 * journey counts) at the latest list's numbers: set, not added, from the list's kept entries.
 */
export async function refreshListCounts(programmeId: string, municipalities: string[], list: StoredList, entries: StoredEntry[]): Promise<void> {
  if (!(await isLatest(programmeId, list.month))) return;
  const kept = entries.filter((e) => e.status === 'kept');
  await Promise.all(
    municipalities.map((m) =>
      dynamo.send(
        new UpdateCommand({
          TableName: config.dataTable,
          Key: countsKey(programmeId, m),
          UpdateExpression: 'SET #repeater = :r, #cnbc = :c',
          ExpressionAttributeNames: { '#repeater': 'repeater', '#cnbc': 'could-not-be-contacted' },
          ExpressionAttributeValues: {
            ':r': kept.filter((e) => e.municipality === m && e.repeater).length,
            ':c': kept.filter((e) => e.municipality === m && e.couldNotBeContacted).length,
          },
        }),
      ),
    ),
  );
}

/** A journey's contact attempts (its journal's), for "could not be contacted". */
export async function contactAttemptsOf(enrolmentId: string): Promise<{ at: string; reached: boolean | null }[]> {
  const items = await queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :note)',
    ExpressionAttributeValues: { ':pk': journeyPk(enrolmentId), ':note': noteSk('', '').slice(0, 'NOTE#'.length) },
    ProjectionExpression: 'kind, reached, #at',
    ExpressionAttributeNames: { '#at': 'at' },
  });
  return items.filter((i) => i.kind === 'contact-attempt').map((i) => ({ at: String(i.at), reached: typeof i.reached === 'boolean' ? i.reached : null }));
}

// ---- actors ---------------------------------------------------------------------------------------

export async function createActor(programmeId: string, actor: z.infer<typeof Actor>): Promise<void> {
  await dynamo.send(new PutCommand({ TableName: config.dataTable, Item: { pk: actorsPk(programmeId), sk: `${actor.at}#${actor.id}`, type: 'actor', ...actor } }));
}

export async function listActors(programmeId: string): Promise<z.infer<typeof Actor>[]> {
  const items = await queryAll({ TableName: config.dataTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': actorsPk(programmeId) } });
  return items.map((i) => Actor.parse(i)).sort((a, b) => a.organisation.localeCompare(b.organisation, 'da') || a.name.localeCompare(b.name, 'da'));
}

export const newEntryId = () => randomUUID();

/**
 * Writes one chunk of a large list's lines (the import workflow's `make-chunks`): its entries and the chunk's
 * outcome in one transaction, once (a chunk written before is left as it is).
 */
export async function writeEntryChunk(importId: string, chunk: number, lines: ({ line: number; entry: StoredEntry } | { line: number; reason: string } | { line: number })[]): Promise<void> {
  const entries = lines.flatMap((l) => ('entry' in l ? [l.entry] : []));
  const rejected = lines.flatMap((l) => ('reason' in l ? [{ line: l.line, reason: l.reason }] : []));
  try {
    await transactWrite({ TransactItems: [...entries.map(entryPut), ...outcomeItems(importId, chunk, lines.length, entries.map((e) => e.entryId), rejected)] });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
