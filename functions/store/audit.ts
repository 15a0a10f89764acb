import { randomUUID } from 'node:crypto';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { dynamo } from '../platform/clients.js';
import { now } from '../platform/clock.js';
import { config } from '../platform/env.js';
import { AuditEntry } from '../contract/schemas.js';
import { queryAll } from './queries.js';
import { auditTimeShard } from './keys.js';

/** One line of the append-only audit: who read, changed or was refused what, and when. */
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * Writes one entry per enrolment touched, keyed by enrolment so `GET /enrolments/{id}/audit` is one query.
 * An entry about several enrolments (a provider's appointments) is keyed by its actor; the overview writes one
 * entry per citizen listed (`auditEach`) so each shows in that citizen's audit.
 */
export async function audit(entry: Omit<AuditEntry, 'at'>): Promise<void> {
  await append(entry);
}

/** A change of a user (or a refused one), kept under the user changed: `pk USER#{username}` in the audit table. */
export async function auditUserChange(username: string, entry: Omit<AuditEntry, 'at' | 'enrolmentIds'>): Promise<void> {
  await append({ ...entry, enrolmentIds: [] }, `USER#${username}`);
}

async function append(entry: Omit<AuditEntry, 'at'>, subject?: string): Promise<void> {
  await dynamo.send(new PutCommand({ ...auditPut(entry, subject).Put, ConditionExpression: 'attribute_not_exists(pk)' }));
}

/**
 * An audit entry as a put of a transaction, so it is written with the change it records (an enrolment and
 * its entry: both or neither). Only puts: the audit's role may only append.
 */
export function auditPut(entry: Omit<AuditEntry, 'at'>, subject = entry.enrolmentIds.length === 1 ? `ENROLMENT#${entry.enrolmentIds[0]}` : `ACTOR#${entry.actor}`) {
  const at = now().toISOString();
  const uuid = randomUUID();
  // timeShard: the audit's time index (`byTime`), which the retention run pages through.
  return { Put: { TableName: config.auditTable, Item: { pk: subject, sk: `${at}#${uuid}`, timeShard: auditTimeShard(uuid), ...entry, at } } };
}

/**
 * The same action on many enrolments (an overview page): one entry per enrolment, so each shows in that
 * citizen's audit, up to 100 in a transaction of puts. Not BatchWriteItem: its IAM action also allows deletes,
 * and the audit's role may only append (a transaction's puts need `dynamodb:PutItem` alone).
 */
export async function auditEach(entry: Omit<AuditEntry, 'at' | 'enrolmentIds'>, enrolmentIds: string[]): Promise<void> {
  for (let i = 0; i < enrolmentIds.length; i += 100) {
    await dynamo.send(new TransactWriteCommand({ TransactItems: enrolmentIds.slice(i, i + 100).map((id) => auditPut({ ...entry, enrolmentIds: [id] })) }));
  }
}

/** The put of one enrolment's audit entry, for a transaction that must write it with what it records. */
export function auditEntryPut(entry: Omit<AuditEntry, 'at' | 'enrolmentIds'>, enrolmentId: string) {
  return auditPut({ ...entry, enrolmentIds: [enrolmentId] });
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
