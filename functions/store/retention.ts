import { randomUUID } from 'node:crypto';
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo } from '../platform/clients.js';
import { cprLookupHash, decryptCpr } from '../platform/cpr-vault.js';
import { config } from '../platform/env.js';
import { Appointment } from '../contract/appointments.js';
import { Note } from '../contract/schemas.js';
import { ERASED_CATEGORIES, evaluationRecord, isDueForErasure } from '../domain/retention.js';
import { auditEntryPut } from './audit.js';
import { countGroupOf, getJourney, readJourneyItems, type StoredJourney, type TransactItem } from './journeys.js';
import {
  appointmentRefKey,
  AUDIT_TIME_INDEX,
  countsKey,
  cprKey,
  ERASURE_DUE_PK,
  erasureDueKey,
  evaluationRecordKey,
  journeyKey,
  journeyPk,
  tovholderPointerKey,
} from './keys.js';
import { latestAmong } from './plans.js';
import { getProgramme } from './programmes.js';
import { isConditionFailure, queryAll, transactWrite } from './queries.js';

/** Who erases: the retention workflow, named so in the audit. */
export const RETENTION_ACTOR = 'system:retention';

const DuePointer = z.object({ sk: z.string(), enrolmentId: z.string(), dueAt: z.string() });

/** A page of closed journeys whose erasure is due at `now`, earliest first (held ones included). */
export async function dueForErasure(now: Date, cursor: Record<string, unknown> | undefined, limit: number) {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config.dataTable,
      KeyConditionExpression: 'pk = :pk AND sk < :after',
      // `{dueAt}#{id}` sorts before `{now}$` exactly when dueAt <= now ('$' follows '#').
      ExpressionAttributeValues: { ':pk': ERASURE_DUE_PK, ':after': `${now.toISOString()}$` },
      ExclusiveStartKey: cursor,
      Limit: limit,
    }),
  );
  return { items: (out.Items ?? []).map((item) => DuePointer.parse(item)), cursor: out.LastEvaluatedKey };
}

export type ErasureResult = 'erased' | 'held' | 'finished';

/**
 * Erases one journey whose erasure is due, in steps that can each be repeated (a retried or resumed run
 * continues where the last one stopped):
 * 1. one transaction removes the journey's profile (so it is gone from every read and the overview), its
 *    CPR lookup (the CPR can be enrolled again) and tovholder pointers, takes it off its colour's count,
 *    writes the pseudonymised evaluation record and the erasure's audit entry — all or nothing, conditioned
 *    on the journey not having changed since it was read (a legal hold set meanwhile keeps it);
 * 2. every other item of the journey's partition, and the appointments' references, are deleted;
 * 3. the journey leaves the erasure list.
 * A held journey stays on the list and is looked at again by the next run.
 */
export async function eraseJourney(pointer: z.infer<typeof DuePointer>, now: Date): Promise<ErasureResult> {
  const pointerKey = erasureDueKey(pointer.dueAt, pointer.enrolmentId);
  const journey = await getJourney(pointer.enrolmentId);
  if (journey) {
    // Only a closed journey is ever erased (a journey does not reopen; this guards the rule, not a path).
    if (journey.stage !== 'closed') {
      await dynamo.send(new DeleteCommand({ TableName: config.dataTable, Key: pointerKey }));
      return 'finished';
    }
    const programme = await getProgramme(journey.programmeId);
    if (!programme) throw new Error('programme not found');
    if (!isDueForErasure(journey, programme.settings.retentionYears, now)) return 'held';
    try {
      await removeProfile(journey, now);
    } catch (error) {
      // Changed since it was read (a legal hold set just now): looked at again by the next run.
      if (isConditionFailure(error)) return 'held';
      throw error;
    }
  }
  await deletePartition(pointer.enrolmentId);
  await dynamo.send(new DeleteCommand({ TableName: config.dataTable, Key: pointerKey }));
  return journey ? 'erased' : 'finished';
}

async function removeProfile(journey: StoredJourney, now: Date): Promise<void> {
  const items = await readJourneyItems(journey.id);
  const ofType = (type: string) => items.filter((item) => item.type === type);
  const plan = latestAmong(items, 'PLAN');
  const record = evaluationRecord(
    journey,
    {
      appointments: ofType('appointment').map((item) => Appointment.parse(item)),
      contactAttempts: ofType('note')
        .map((item) => Note.parse(item))
        .filter((note) => note.kind === 'contact-attempt'),
      instruments: ofType('instrument').length,
      planInterventionDomains: plan?.interventions.map((i) => i.domain) ?? [],
    },
    randomUUID(),
    now,
  );
  const cprHash = await cprLookupHash(await decryptCpr(journey.cprEncrypted));
  const tovholders = [journey.primaryTovholder, journey.secondaryTovholder].filter((p) => p !== null);
  const at = now.toISOString();
  const group = countGroupOf(journey);
  const transaction: TransactItem[] = [
    {
      Delete: {
        TableName: config.dataTable,
        Key: journeyKey(journey.id),
        ConditionExpression: '#version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':version': journey.version },
      },
    },
    {
      Delete: {
        TableName: config.dataTable,
        Key: cprKey(journey.programmeId, cprHash),
        ConditionExpression: 'attribute_not_exists(pk) OR enrolmentId = :id',
        ExpressionAttributeValues: { ':id': journey.id },
      },
    },
    // A journey counts under its group until erased (one of a template counted by stage no longer counts once closed).
    ...(group === null
      ? []
      : [{ Update: { TableName: config.dataTable, Key: countsKey(journey.programmeId, journey.municipality), UpdateExpression: 'ADD #group :minus', ExpressionAttributeNames: { '#group': group }, ExpressionAttributeValues: { ':minus': -1 } } }]),
    ...tovholders.map((p) => ({ Delete: { TableName: config.dataTable, Key: tovholderPointerKey(p.username, journey.id) } })),
    { Put: { TableName: config.dataTable, Item: { ...evaluationRecordKey(journey.programmeId, record.pseudonym), type: 'evaluation-record', ...record } } },
    auditEntryPut({ actor: RETENTION_ACTOR, action: 'erase', outcome: 'allowed', erased: [...ERASED_CATEGORIES] }, journey.id),
  ];
  await transactWrite({ TransactItems: transaction });
}

/** Deletes what is left of a journey's partition, and the references of its appointments, 100 items a transaction. */
async function deletePartition(enrolmentId: string): Promise<void> {
  const keys = await queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': journeyPk(enrolmentId) },
    ProjectionExpression: 'pk, sk',
    ConsistentRead: true,
  });
  const appointmentRefs = keys
    .filter((key) => String(key.sk).startsWith('APPOINTMENT#'))
    .map((key) => appointmentRefKey(String(key.sk).slice('APPOINTMENT#'.length)));
  // References first: a resumed erasure finds them through the appointments still in the partition.
  const deletes = [...appointmentRefs, ...keys.map((key) => ({ pk: key.pk, sk: key.sk }))];
  for (let i = 0; i < deletes.length; i += 100) {
    await transactWrite({ TransactItems: deletes.slice(i, i + 100).map((Key) => ({ Delete: { TableName: config.dataTable, Key } })) });
  }
}

const ExpiredEntry = z.object({ pk: z.string(), sk: z.string(), at: z.string(), enrolmentIds: z.array(z.string()) });

/** A page of audit entries of one time shard written before `cutoff`, oldest first. */
export async function auditEntriesBefore(shard: string, cutoff: string, cursor: Record<string, unknown> | undefined, limit: number) {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config.auditTable,
      IndexName: AUDIT_TIME_INDEX,
      KeyConditionExpression: 'timeShard = :shard AND #at < :cutoff',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':shard': shard, ':cutoff': cutoff },
      ExclusiveStartKey: cursor,
      Limit: limit,
    }),
  );
  return { items: (out.Items ?? []).map((item) => ExpiredEntry.parse(item)), cursor: out.LastEvaluatedKey };
}

export async function deleteAuditEntry(entry: { pk: string; sk: string }): Promise<void> {
  await dynamo.send(new DeleteCommand({ TableName: config.auditTable, Key: { pk: entry.pk, sk: entry.sk } }));
}
