import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo } from '../commons/clients.js';
import { now } from '../commons/clock.js';
import { config } from '../commons/env.js';

/** One line of the append-only audit: who read, changed or was refused what, and when. */
export const AuditEntry = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  outcome: z.enum(['allowed', 'denied']),
  enrolmentIds: z.array(z.string()),
  status: z.int().optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * Writes one entry per enrolment touched, keyed by enrolment so `GET /enrolments/{id}/audit` is one query.
 * A page of the overview is one entry listing the enrolments shown.
 */
export async function audit(entry: Omit<AuditEntry, 'at'>): Promise<void> {
  const at = now().toISOString();
  const subject = entry.enrolmentIds.length === 1 ? `ENROLMENT#${entry.enrolmentIds[0]}` : `ACTOR#${entry.actor}`;
  await dynamo.send(
    new PutCommand({
      TableName: config.auditTable,
      Item: { pk: subject, sk: `${at}#${randomUUID()}`, ...entry, at },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
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
