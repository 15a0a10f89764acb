import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { z } from 'zod';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { conflict } from '../platform/errors.js';
import { Appointment, SanctionAssessment } from '../contract/appointments.js';
import { InstrumentRecord } from '../contract/instruments.js';
import type { TimelineEvent } from '../contract/schemas.js';
import { timelineEntry, type TransactItem } from './journeys.js';
import { appointmentKey, appointmentRefKey, GSI1, instrumentKey, ownerAppointmentsIndexPk, sanctionKey } from './keys.js';
import { isConditionFailure, queryAll } from './queries.js';
import { settleReasons } from './worklist.js';

/** An appointment as stored in its journey's partition, indexed by its owner for "my appointments". */
export function appointmentItem(a: Appointment): Record<string, unknown> {
  return {
    ...appointmentKey(a.enrolmentId, a.id),
    gsi1pk: ownerAppointmentsIndexPk(a.owner),
    gsi1sk: `${a.startsAt}#${a.id}`,
    type: 'appointment',
    ...a,
  };
}

/** Puts the changed appointment if nobody changed it since `expectedVersion` (none: it must be new). */
export function putAppointment(a: Appointment, expectedVersion: number | null): TransactItem {
  return {
    Put: {
      TableName: config.dataTable,
      Item: appointmentItem(a),
      ConditionExpression: expectedVersion === null ? 'attribute_not_exists(pk)' : '#version = :expected',
      ...(expectedVersion === null ? {} : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': expectedVersion } }),
    },
  };
}

/** Writes a change of a journey's sub-resource with its timeline events; the worklist reasons they settle then leave. */
async function write(enrolmentId: string, items: TransactItem[], events: z.infer<typeof TimelineEvent>[], what: string): Promise<void> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: [...items, ...events.map((e) => timelineEntry(enrolmentId, e))] }));
  } catch (error) {
    if (isConditionFailure(error)) throw conflict(`the ${what} was changed by someone else; reload and try again`);
    throw error;
  }
  await settleReasons(enrolmentId, { events: events.map((e) => e.kind), stepChanged: false });
}

/** Books an appointment: the item, its lookup by id and the timeline event, all or nothing. */
export async function createAppointment(a: Appointment, event: z.infer<typeof TimelineEvent>): Promise<void> {
  await write(
    a.enrolmentId,
    [
      putAppointment(a, null),
      { Put: { TableName: config.dataTable, Item: { ...appointmentRefKey(a.id), type: 'appointment-ref', enrolmentId: a.enrolmentId }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ],
    [event],
    'appointment',
  );
}

/** Saves a changed appointment (optimistic on its version) with its timeline events and further items. */
export async function saveAppointment(before: Appointment, after: Appointment, events: z.infer<typeof TimelineEvent>[], more: TransactItem[] = []): Promise<void> {
  await write(after.enrolmentId, [putAppointment({ ...after, version: before.version + 1 }, before.version), ...more], events, 'appointment');
}

export async function getAppointment(appointmentId: string): Promise<Appointment | undefined> {
  const ref = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: appointmentRefKey(appointmentId), ConsistentRead: true }));
  const enrolmentId = ref.Item?.enrolmentId;
  if (typeof enrolmentId !== 'string') return undefined;
  return getAppointmentIn(enrolmentId, appointmentId);
}

export async function getAppointmentIn(enrolmentId: string, appointmentId: string): Promise<Appointment | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: appointmentKey(enrolmentId, appointmentId), ConsistentRead: true }));
  return out.Item ? Appointment.parse(out.Item) : undefined;
}

/** The appointments a user owns, by start time (one partition of the index). */
export async function appointmentsOwnedBy(username: string, from?: string, to?: string): Promise<Appointment[]> {
  const range = from && to ? ' AND gsi1sk BETWEEN :from AND :to' : from ? ' AND gsi1sk >= :from' : to ? ' AND gsi1sk <= :to' : '';
  const items = await queryAll({
    TableName: config.dataTable,
    IndexName: GSI1,
    KeyConditionExpression: `gsi1pk = :pk${range}`,
    ExpressionAttributeValues: {
      ':pk': ownerAppointmentsIndexPk(username),
      ...(from ? { ':from': from } : {}),
      ...(to ? { ':to': `${to}~` } : {}),
    },
  });
  return items.map((item) => Appointment.parse(item));
}

export function instrumentItem(enrolmentId: string, record: InstrumentRecord, answers: number[]): TransactItem {
  return { Put: { TableName: config.dataTable, Item: { ...instrumentKey(enrolmentId, record.id), type: 'instrument', enrolmentId, ...record, answers }, ConditionExpression: 'attribute_not_exists(pk)' } };
}

export async function getInstrument(enrolmentId: string, instrumentId: string): Promise<(InstrumentRecord & { version: number }) | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: instrumentKey(enrolmentId, instrumentId), ConsistentRead: true }));
  return out.Item ? { ...InstrumentRecord.parse(out.Item), version: Number(out.Item.version ?? 1) } : undefined;
}

/** Records the follow-up of a safety flag once: a second one finds it recorded (409). */
export async function recordSafetyFollowUp(enrolmentId: string, record: InstrumentRecord, event: z.infer<typeof TimelineEvent>): Promise<void> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.dataTable,
              Key: instrumentKey(enrolmentId, record.id),
              UpdateExpression: 'SET safety = :safety',
              ConditionExpression: 'attribute_exists(pk) AND attribute_type(safety.followUp, :null)',
              ExpressionAttributeValues: { ':safety': record.safety, ':null': 'NULL' },
            },
          },
          timelineEntry(enrolmentId, event),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('the safety flag was already followed up');
    throw error;
  }
  await settleReasons(enrolmentId, { events: [event.kind], stepChanged: false });
}

export function sanctionItem(enrolmentId: string, s: SanctionAssessment): TransactItem {
  return { Put: { TableName: config.dataTable, Item: { ...sanctionKey(enrolmentId, s.at, s.id), type: 'sanction-assessment', ...s } } };
}

/** Writes items with timeline events in one transaction (sub-resources that do not change the journey). */
export async function writeWithEvents(enrolmentId: string, items: TransactItem[], events: z.infer<typeof TimelineEvent>[]): Promise<void> {
  await write(enrolmentId, items, events, 'journey');
}
