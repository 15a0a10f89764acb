import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { dynamo } from '../commons/clients.js';
import { now } from '../commons/clock.js';
import { config } from '../commons/env.js';
import { AuditEntry } from '../contract/schemas.js';

/** One line of the append-only audit: who read, changed or was refused what, and when. */
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * Writes one entry per enrolment touched, keyed by enrolment so `GET /enrolments/{id}/audit` is one query.
 * A page of the overview is one entry listing the enrolments shown.
 */
export async function audit(entry: Omit<AuditEntry, 'at'>): Promise<void> {
  await dynamo.send(new PutCommand({ ...auditPut(entry).Put, ConditionExpression: 'attribute_not_exists(pk)' }));
}

/**
 * An audit entry as a put of a transaction, so it is written with the change it records (an enrolment and
 * its entry: both or neither). Only puts: the audit's role may only append.
 */
export function auditPut(entry: Omit<AuditEntry, 'at'>) {
  const at = now().toISOString();
  const subject = entry.enrolmentIds.length === 1 ? `ENROLMENT#${entry.enrolmentIds[0]}` : `ACTOR#${entry.actor}`;
  return { Put: { TableName: config.auditTable, Item: { pk: subject, sk: `${at}#${randomUUID()}`, ...entry, at } } };
}

export async function auditOfEnrolment(enrolmentId: string): Promise<AuditEntry[]> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config.auditTable,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `ENROLMENT#${enrolmentId}` },
      ScanIndexForward: false,
    }),
  );
  return (out.Items ?? []).map((item) => AuditEntry.parse(item));
}
