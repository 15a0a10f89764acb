import { createHash, randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { dynamo } from '../platform/clients.js';
import { now } from '../platform/clock.js';
import { config } from '../platform/env.js';
import { sendNotificationMail } from '../platform/mailer.js';
import { InboxItem, type User } from '../contract/schemas.js';
import { recipientsOf, type RecipientContext } from '../domain/recipients.js';
import type { Audience } from '../domain/step-clock.js';
import { mailedAtOnce } from '../domain/worklist.js';
import { handledTickKey, inboxPk } from './keys.js';
import { reasonUpdate } from './worklist.js';
import { isConditionFailure } from './queries.js';

type InboxItem = z.infer<typeof InboxItem>;

/**
 * Sends a notification exactly once (its reasons on the recipients' worklists with it) per (enrolment, kind, due time): a marker item is written in the same
 * transaction as the inbox items, so a retried or twice-delivered task finds the marker and sends nothing.
 * Returns whether it was sent now.
 */
export async function notifyOnce(n: { enrolmentId: string; kind: string; dueAt: string; recipients: User[]; subject?: string }): Promise<boolean> {
  const createdAt = now().toISOString();
  // `subject` (an appointment, a flag) keeps apart two things of one citizen due at the same time.
  const onceKey = createHash('sha256').update(`${n.enrolmentId}|${n.kind}|${n.dueAt}${n.subject ? `|${n.subject}` : ''}`).digest('base64url');
  const items = n.recipients.map((user) => {
    const sk = `${createdAt}#${randomUUID()}`;
    return { user, item: { pk: inboxPk(user.username), sk, id: Buffer.from(sk).toString('base64url'), kind: n.kind, enrolmentId: n.enrolmentId, dueAt: n.dueAt, createdAt, read: false } };
  });
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: config.dataTable,
              Item: { pk: `NOTIFICATION#${onceKey}`, sk: 'ONCE', enrolmentId: n.enrolmentId, kind: n.kind, dueAt: n.dueAt, sentAt: createdAt },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...items.flatMap(({ user, item }) => [
            { Put: { TableName: config.dataTable, Item: item } },
            ...reasonUpdate({ enrolmentId: n.enrolmentId, kind: n.kind, dueAt: n.dueAt, createdAt, username: user.username, inboxSk: item.sk }),
          ]),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
  // Everything else waits for the user's daily digest (functions/workflow/digest-tasks.ts).
  if (mailedAtOnce(n.kind)) for (const { user, item } of items) await sendNotificationMail(user.email, n.kind, item.id);
  return true;
}

export async function inboxOf(username: string): Promise<InboxItem[]> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config.dataTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': inboxPk(username) },
      ScanIndexForward: false,
      Limit: 200,
    }),
  );
  return (out.Items ?? []).map((item) => InboxItem.parse(item));
}

/** Marks one of the user's own inbox items read; false when the user has no such item. */
export async function markRead(username: string, id: string): Promise<InboxItem | undefined> {
  const sk = Buffer.from(id, 'base64url').toString('utf8');
  if (!/^\d{4}-\d\d-\d\dT[^#]+#[0-9a-f-]{36}$/.test(sk)) return undefined;
  try {
    const out = await dynamo.send(
      new UpdateCommand({
        TableName: config.dataTable,
        Key: { pk: inboxPk(username), sk },
        UpdateExpression: 'SET #read = :true',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#read': 'read' },
        ExpressionAttributeValues: { ':true': true },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return InboxItem.parse(out.Attributes);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return undefined;
    throw error;
  }
}

/** Sends what a timer tick brought (an escalation tick has two), each once, to its audience; returns how many went out. */
export async function notifyTick(
  n: { enrolmentId: string; tick: { dueAt: string; notifications: { kind: string; audience: Audience }[] }; users: User[]; context: RecipientContext; subject?: string },
): Promise<number> {
  let sent = 0;
  for (const notification of n.tick.notifications) {
    const recipients = recipientsOf(n.users, n.context, notification.audience);
    if (await notifyOnce({ enrolmentId: n.enrolmentId, kind: notification.kind, dueAt: n.tick.dueAt, recipients, subject: n.subject })) sent++;
  }
  return sent;
}

/**
 * A waiting clock (`journey`, or a watch's `{kind}#{watchId}`) and the visit it counts for (a stage and when it
 * was entered; a watch's version and its start): the last tick handled is kept per visit, so a new visit
 * starts from its first tick.
 */
export interface TickedClock {
  enrolmentId: string;
  clock: string;
  visit: string;
}

/** The due time of the last tick of this visit handled, or null when none was (or only an earlier visit's). */
export async function handledTickOf(c: TickedClock): Promise<string | null> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: handledTickKey(c.enrolmentId, c.clock), ConsistentRead: true }));
  return out.Item?.visit === c.visit && typeof out.Item.dueAt === 'string' ? out.Item.dueAt : null;
}

/**
 * Records that the tick due at `dueAt` was handled, after its notifications were sent: the next timer counts
 * from it (see step-clock.ts). A crash between the two repeats the tick, and its markers send nothing twice.
 * Never moves back within a visit (a task retried late finds a later tick recorded).
 */
export async function markTickHandled(c: TickedClock, dueAt: string): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: config.dataTable,
        Key: handledTickKey(c.enrolmentId, c.clock),
        UpdateExpression: 'SET #type = :type, visit = :visit, dueAt = :dueAt, handledAt = :at',
        ConditionExpression: 'attribute_not_exists(pk) OR visit <> :visit OR dueAt < :dueAt',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'handled-tick', ':visit': c.visit, ':dueAt': dueAt, ':at': now().toISOString() },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
