import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { dynamo } from '../commons/clients.js';
import { now } from '../commons/clock.js';
import { config } from '../commons/env.js';
import { AuditEntry } from '../contract/schemas.js';
import { auditTimeShard } from './keys.js';

/** One line of the append-only audit: who read, changed or was refused what, and when. */
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * Writes one entry per enrolment touched, keyed by enrolment so `GET /enrolments/{id}/audit` is one query.
 * A page of the overview is one entry listing the enrolments shown.
 */
export async function audit(entry: Omit<AuditEntry, 'at'>): Promise<void> {
  const at = now().toISOString();
  const subject = entry.enrolmentIds.length === 1 ? `ENROLMENT#${entry.enrolmentIds[0]}` : `ACTOR#${entry.actor}`;
  const uuid = randomUUID();
  await dynamo.send(
    new PutCommand({
      TableName: config.auditTable,
      Item: { pk: subject, sk: `${at}#${uuid}`, timeShard: auditTimeShard(uuid), ...entry, at },
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
        TransactItems: enrolmentIds.slice(i, i + 100).map((id) => auditEntryPut(entry, id, at)),
      }),
    );
  }
}

/** The put of one enrolment's audit entry, for a transaction that must write it with what it records. */
export function auditEntryPut(entry: Omit<AuditEntry, 'at' | 'enrolmentIds'>, enrolmentId: string, at: string) {
  const uuid = randomUUID();
  return {
    Put: {
      TableName: config.auditTable,
      Item: { pk: `ENROLMENT#${enrolmentId}`, sk: `${at}#${uuid}`, timeShard: auditTimeShard(uuid), ...entry, enrolmentIds: [enrolmentId], at },
    },
  };
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
