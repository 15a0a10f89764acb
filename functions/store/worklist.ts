import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { isWorklistKind, maySettle, settles, type Reason } from '../domain/worklist.js';
import { digestSentKey, GSI1, inboxKey, journeyPk, reasonKey, REASON_SK_PREFIX, worklistIndexPk } from './keys.js';
import type { TransactItem } from './journeys.js';
import { queryAll } from './queries.js';

/*
 * The worklist's reasons: one item per (journey, kind, user) in the journey's partition (erased with it),
 * indexed by user (gsi1 WORKLIST#{username}), so a user's worklist is one query of their own partition and
 * a journey's change finds its reasons in its own. Each keeps the inbox items behind it, to mark them read
 * when the reason leaves.
 */

export const StoredReason = z.object({
  enrolmentId: z.string(),
  username: z.string(),
  kind: z.string(),
  dueAt: z.string(),
  since: z.string(),
  inbox: z.set(z.string()).default(new Set()),
});
export type StoredReason = z.infer<typeof StoredReason>;

/**
 * What a notification writes, in its own transaction, for one recipient: the reason (created, or the
 * repeated reminder added to it: its first due time and arrival stay).
 */
export function reasonUpdate(n: { enrolmentId: string; kind: string; dueAt: string; createdAt: string; username: string; inboxSk: string }): TransactItem[] {
  if (!isWorklistKind(n.kind)) return [];
  return [
    {
      Update: {
        TableName: config.dataTable,
        Key: reasonKey(n.enrolmentId, n.kind, n.username),
        UpdateExpression:
          'SET #type = :type, enrolmentId = :e, username = :u, kind = :k, gsi1pk = :pk, dueAt = if_not_exists(dueAt, :due), since = if_not_exists(since, :at), gsi1sk = if_not_exists(gsi1sk, :sk) ADD inbox :inbox',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'reason',
          ':e': n.enrolmentId,
          ':u': n.username,
          ':k': n.kind,
          ':pk': worklistIndexPk(n.username),
          ':due': n.dueAt,
          ':at': n.createdAt,
          ':sk': `${n.dueAt}#${n.enrolmentId}#${n.kind}`,
          ':inbox': new Set([n.inboxSk]),
        },
      },
    },
  ];
}

/** Every open reason of a user (one partition of the index). */
export async function reasonsOfUser(username: string): Promise<StoredReason[]> {
  const items = await queryAll({ TableName: config.dataTable, IndexName: GSI1, KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': worklistIndexPk(username) } });
  return items.map((item) => StoredReason.parse(item));
}

/** The open reasons of a journey, every user's. */
export async function reasonsOfJourney(enrolmentId: string): Promise<StoredReason[]> {
  const items = await queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': journeyPk(enrolmentId), ':prefix': REASON_SK_PREFIX },
    ConsistentRead: true,
  });
  return items.map((item) => StoredReason.parse(item));
}

/** Marks one inbox item read (gone already: nothing to do). */
async function markInboxItemRead(username: string, sk: string): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: config.dataTable,
        Key: inboxKey(username, sk),
        UpdateExpression: 'SET #read = :true',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#read': 'read' },
        ExpressionAttributeValues: { ':true': true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** A reason leaves: its inbox items are marked read, then it is deleted (a crash between leaves it to be settled again). */
async function removeReason(reason: StoredReason): Promise<void> {
  await Promise.all([...reason.inbox].map((sk) => markInboxItemRead(reason.username, sk)));
  await dynamo.send(new DeleteCommand({ TableName: config.dataTable, Key: reasonKey(reason.enrolmentId, reason.kind, reason.username) }));
}

/**
 * After a change of a journey is stored: the reasons it settles leave, every user's (domain/worklist.ts says
 * which). Looks only when the change may settle one. Returns how many left.
 */
export async function settleReasons(enrolmentId: string, change: { events: readonly string[]; stepChanged: boolean }): Promise<number> {
  if (!maySettle(change)) return 0;
  const settled = (await reasonsOfJourney(enrolmentId)).filter((r) => settles(r.kind, change));
  await Promise.all(settled.map(removeReason));
  return settled.length;
}

/** A caseload moves: the reasons `from` had for this journey become `to`'s (their inbox items stay `from`'s, marked read). */
export async function moveReasons(enrolmentId: string, from: string, to: string): Promise<void> {
  for (const reason of (await reasonsOfJourney(enrolmentId)).filter((r) => r.username === from)) {
    await dynamo.send(
      new UpdateCommand({
        TableName: config.dataTable,
        Key: reasonKey(enrolmentId, reason.kind, to),
        UpdateExpression: 'SET #type = :type, enrolmentId = :e, username = :u, kind = :k, gsi1pk = :pk, dueAt = if_not_exists(dueAt, :due), since = if_not_exists(since, :at), gsi1sk = if_not_exists(gsi1sk, :sk)',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'reason', ':e': enrolmentId, ':u': to, ':k': reason.kind, ':pk': worklistIndexPk(to), ':due': reason.dueAt, ':at': reason.since, ':sk': `${reason.dueAt}#${enrolmentId}#${reason.kind}` },
      }),
    );
    await removeReason(reason);
  }
}

/** The reasons as the worklist shows them. */
export const shownReason = (r: StoredReason): Reason => ({ kind: r.kind, dueAt: r.dueAt, since: r.since });

/** Records that a user's digest of `date` is sent; false when it was already (a run repeated or caught up). One item per user. */
export async function markDigestSent(username: string, date: string, at: string): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config.dataTable,
        Item: { ...digestSentKey(username), type: 'digest-sent', date, sentAt: at },
        ConditionExpression: 'attribute_not_exists(pk) OR #date < :date',
        ExpressionAttributeNames: { '#date': 'date' },
        ExpressionAttributeValues: { ':date': date },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
