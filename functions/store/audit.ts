import { randomUUID } from 'node:crypto';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { dynamo } from '../commons/clients.js';
import { now } from '../commons/clock.js';
import { config } from '../commons/env.js';
import { AuditEntry } from '../contract/schemas.js';
import { queryAll } from './queries.js';

/** One line of the append-only audit: who read, changed or was refused what, and when. */
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * Writes one entry per enrolment touched, keyed by enrolment so `GET /enrolments/{id}/audit` is one query.
 * An entry about several enrolments (a provider's appointments) is keyed by its actor; the overview writes one
 * entry per citizen listed (`auditEach`) so each shows in that citizen's audit.
 */
export async function audit(entry: Omit<AuditEntry, 'at'>): Promise<void> {
  const subject = entry.enrolmentIds.length === 1 ? `ENROLMENT#${entry.enrolmentIds[0]}` : `ACTOR#${entry.actor}`;
  await append(subject, entry);
}

/** A change of a user (or a refused one), kept under the user changed: `pk USER#{username}` in the audit table. */
export async function auditUserChange(username: string, entry: Omit<AuditEntry, 'at' | 'enrolmentIds'>): Promise<void> {
  await append(`USER#${username}`, { ...entry, enrolmentIds: [] });
}

async function append(subject: string, entry: Omit<AuditEntry, 'at'>): Promise<void> {
  const at = now().toISOString();
  await dynamo.send(
    new PutCommand({
      TableName: config.auditTable,
      Item: { pk: subject, sk: `${at}#${randomUUID()}`, ...entry, at },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/**
 * The same action on many enrolments (an import): one entry per enrolment, up to 100 in a transaction of
 * puts. Not BatchWriteItem: its IAM action also allows deletes, and the audit's role may only append (a
 * transaction's puts need `dynamodb:PutItem` alone).
 */
export async function auditEach(entry: Omit<AuditEntry, 'at' | 'enrolmentIds'>, enrolmentIds: string[]): Promise<void> {
  const at = now().toISOString();
  for (let i = 0; i < enrolmentIds.length; i += 100) {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: enrolmentIds.slice(i, i + 100).map((id) => ({
          Put: { TableName: config.auditTable, Item: { pk: `ENROLMENT#${id}`, sk: `${at}#${randomUUID()}`, ...entry, enrolmentIds: [id], at } },
        })),
      }),
    );
  }
}

/** Every entry of a journey, newest first, following the query's pages (one page holds at most 1 MB). */
export async function auditOfEnrolment(enrolmentId: string): Promise<AuditEntry[]> {
  return auditOf(`ENROLMENT#${enrolmentId}`);
}

export async function auditOfUser(username: string): Promise<AuditEntry[]> {
  return auditOf(`USER#${username}`);
}

async function auditOf(subject: string): Promise<AuditEntry[]> {
  const items = await queryAll({
    TableName: config.auditTable,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': subject },
    ScanIndexForward: false,
  });
  return items.map((item) => AuditEntry.parse(item));
}
