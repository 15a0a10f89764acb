import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { conflict } from '../platform/errors.js';
import { AgendaItem, Recommendation } from '../contract/meetings.js';
import { LifeArea } from '../contract/plan.js';
import { Instant } from '../contract/primitives.js';
import type { Slot } from '../domain/team-meeting.js';
import { agendaLockKey, GSI1, journeyPk, meetingItemKey, meetingKey, meetingsIndexPk } from './keys.js';
import type { TransactItem } from './journeys.js';
import { isConditionFailure, queryAll } from './queries.js';

/*
 * Team meetings: the profile with its agenda (one item, versioned), and for each citizen on the agenda
 * an item in the citizen's partition (its place on the agenda, the members — the team-member scope rule
 * reads them — and, once recorded, the team's recommendations) plus the citizen's agenda lock: a conditional
 * item that keeps a citizen on at most one upcoming agenda, also when two meetings are convened at once.
 * The journey view finds the items in its one query; the meeting view is one read.
 */


/** An agenda place as stored: the contract's item without the name, which is looked up per caller. */
export const AgendaEntry = AgendaItem.omit({ name: true, citizenPresent: true, recommendations: true });
export type AgendaEntry = z.infer<typeof AgendaEntry>;

export const StoredMeeting = z.object({
  id: z.string(),
  programmeId: z.string(),
  startsAt: Instant,
  theme: LifeArea.nullable(),
  members: z.array(z.string()),
  slotMinutes: z.int(),
  agenda: z.array(AgendaEntry),
  createdBy: z.string(),
  createdAt: Instant,
  version: z.int(),
});
export type StoredMeeting = z.infer<typeof StoredMeeting>;

export const StoredMeetingItem = z.object({
  meetingId: z.string(),
  programmeId: z.string(),
  members: z.array(z.string()),
  startsAt: Instant,
  slotStart: Instant,
  slotEnd: Instant,
  withCitizen: z.boolean(),
  recorded: z.boolean(),
  citizenPresent: z.boolean().nullable(),
  recommendations: z.array(Recommendation),
  by: z.string().nullable(),
  at: Instant.nullable(),
});
export type StoredMeetingItem = z.infer<typeof StoredMeetingItem>;

export interface MeetingWithAgenda {
  meeting: Omit<StoredMeeting, 'agenda'>;
  agenda: AgendaEntry[];
}

/** The citizen's item and lock for a slot. The lock is taken unless another meeting holds it for a slot not yet over. */
function slotWrites(meeting: MeetingWithAgenda['meeting'], slot: Slot, at: string): TransactItem[] {
  return [
    {
      Put: {
        TableName: config.dataTable,
        Item: {
          ...meetingItemKey(slot.enrolmentId, meeting.id),
          type: 'meeting-item',
          meetingId: meeting.id,
          programmeId: meeting.programmeId,
          members: meeting.members,
          startsAt: meeting.startsAt,
          slotStart: slot.slotStart,
          slotEnd: slot.slotEnd,
          withCitizen: slot.withCitizen,
          recorded: false,
          citizenPresent: null,
          recommendations: [],
          by: null,
          at: null,
        },
      },
    },
    {
      Put: {
        TableName: config.dataTable,
        Item: { ...agendaLockKey(slot.enrolmentId), type: 'agenda-lock', meetingId: meeting.id, slotEnd: slot.slotEnd },
        ConditionExpression: 'attribute_not_exists(pk) OR meetingId = :m OR slotEnd <= :now',
        ExpressionAttributeValues: { ':m': meeting.id, ':now': at },
      },
    },
  ];
}

async function transact(items: TransactItem[], why: string): Promise<void> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (isConditionFailure(error)) throw conflict(why);
    throw error;
  }
}

const entryOf = (slot: Slot): AgendaEntry => ({ ...slot, recorded: false });

export async function createMeeting(meeting: MeetingWithAgenda['meeting'], slots: Slot[], at: string): Promise<void> {
  const stored: StoredMeeting = { ...meeting, agenda: slots.map(entryOf) };
  await transact(
    [
      {
        Put: {
          TableName: config.dataTable,
          Item: { ...meetingKey(meeting.id), type: 'meeting', gsi1pk: meetingsIndexPk(meeting.programmeId), gsi1sk: `${meeting.startsAt}#${meeting.id}`, ...stored },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...slots.flatMap((slot) => slotWrites(meeting, slot, at)),
    ],
    'a citizen of the proposed agenda was just put on another agenda; try again',
  );
}

function fromItem(item: Record<string, unknown>): MeetingWithAgenda {
  const { agenda, ...meeting } = StoredMeeting.parse(item);
  return { meeting, agenda };
}

export async function getMeeting(meetingId: string): Promise<MeetingWithAgenda | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: meetingKey(meetingId), ConsistentRead: true }));
  return out.Item ? fromItem(out.Item) : undefined;
}

/** The programme's meetings starting in [from, to], earliest first, with their agendas. */
export async function listMeetings(programmeId: string, from: string, to: string): Promise<MeetingWithAgenda[]> {
  const items = await queryAll({
    TableName: config.dataTable,
    IndexName: GSI1,
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': meetingsIndexPk(programmeId), ':from': from, ':to': to },
  });
  return items.map(fromItem);
}

/**
 * Replaces the agenda when nobody changed the meeting since it was read: removed citizens lose their item
 * and lock, the others get their (new) slot; recorded entries stay exactly as they were.
 */
export async function replaceAgenda(before: MeetingWithAgenda, slots: Slot[], updatedBy: string, at: string): Promise<void> {
  const { meeting, agenda } = before;
  const recorded = new Map(agenda.filter((e) => e.recorded).map((e) => [e.enrolmentId, e]));
  const kept = new Set(slots.map((s) => s.enrolmentId));
  const removed = agenda.filter((e) => !kept.has(e.enrolmentId) && !e.recorded);
  const next = slots.map((s) => recorded.get(s.enrolmentId) ?? entryOf(s));
  const mine = { ':m': meeting.id };
  await transact(
    [
      {
        Update: {
          TableName: config.dataTable,
          Key: meetingKey(meeting.id),
          UpdateExpression: 'SET agenda = :agenda, #v = :next, updatedBy = :by, updatedAt = :at',
          ConditionExpression: '#v = :expected',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':agenda': next, ':next': meeting.version + 1, ':expected': meeting.version, ':by': updatedBy, ':at': at },
        },
      },
      ...removed.flatMap((e): TransactItem[] => [
        { Delete: { TableName: config.dataTable, Key: meetingItemKey(e.enrolmentId, meeting.id), ConditionExpression: 'recorded = :no', ExpressionAttributeValues: { ':no': false } } },
        { Delete: { TableName: config.dataTable, Key: agendaLockKey(e.enrolmentId), ConditionExpression: 'attribute_not_exists(pk) OR meetingId = :m', ExpressionAttributeValues: mine } },
      ]),
      ...slots.filter((s) => !recorded.has(s.enrolmentId)).flatMap((slot) => slotWrites(meeting, slot, at)),
    ],
    'the meeting or a citizen on it was changed by someone else; reload and try again',
  );
}

/**
 * The writes that record a citizen's item at a meeting (inside the journey's transaction), once only: the
 * agenda entry at `index` is marked, the citizen's item gets the recommendations, and the lock is released.
 */
export function recordItemWrites(
  meeting: MeetingWithAgenda['meeting'],
  index: number,
  enrolmentId: string,
  record: { citizenPresent: boolean; recommendations: z.infer<typeof Recommendation>[]; by: string; at: string },
): TransactItem[] {
  return [
    {
      Update: {
        TableName: config.dataTable,
        Key: meetingKey(meeting.id),
        // The version moves on, so an agenda change read before this recording cannot overwrite it.
        UpdateExpression: `SET agenda[${index}].recorded = :yes, #v = #v + :one`,
        ConditionExpression: `agenda[${index}].enrolmentId = :e AND agenda[${index}].recorded = :no`,
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':yes': true, ':no': false, ':e': enrolmentId, ':one': 1 },
      },
    },
    {
      Update: {
        TableName: config.dataTable,
        Key: meetingItemKey(enrolmentId, meeting.id),
        UpdateExpression: 'SET recorded = :yes, citizenPresent = :present, recommendations = :recs, #by = :by, #at = :at',
        ConditionExpression: 'recorded = :no',
        ExpressionAttributeNames: { '#by': 'by', '#at': 'at' },
        ExpressionAttributeValues: { ':yes': true, ':no': false, ':present': record.citizenPresent, ':recs': record.recommendations, ':by': record.by, ':at': record.at },
      },
    },
    {
      Delete: {
        TableName: config.dataTable,
        Key: agendaLockKey(enrolmentId),
        ConditionExpression: 'attribute_not_exists(pk) OR meetingId = :m',
        ExpressionAttributeValues: { ':m': meeting.id },
      },
    },
  ];
}

/** One citizen's item of one meeting: the recommendations the meeting page shows once recorded. */
export async function getMeetingItem(enrolmentId: string, meetingId: string): Promise<StoredMeetingItem | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: meetingItemKey(enrolmentId, meetingId), ConsistentRead: true }));
  return out.Item ? StoredMeetingItem.parse(out.Item) : undefined;
}

/** The citizen's meeting items (the team-member scope rule and the journey view). */
export async function meetingItemsOf(enrolmentId: string): Promise<StoredMeetingItem[]> {
  const items = await queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': journeyPk(enrolmentId), ':prefix': 'MEETING#' },
    ConsistentRead: true,
  });
  return items.map((i) => StoredMeetingItem.parse(i));
}

/** Meeting items among a journey's items, earliest meeting first. */
export function meetingItemsAmong(items: Record<string, unknown>[]): StoredMeetingItem[] {
  return items
    .filter((i) => i.type === 'meeting-item')
    .map((i) => StoredMeetingItem.parse(i))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** No agenda lasts longer than this (20 slots of 120 minutes); meetings that began earlier are over. */
const LONGEST_MEETING_MS = 40 * 3_600_000;

/**
 * Citizens on an upcoming agenda of the programme other than `exceptMeetingId`: their slot has not ended
 * and their item is not recorded.
 */
export async function citizensOnUpcomingAgendas(programmeId: string, now: Date, exceptMeetingId?: string): Promise<Set<string>> {
  const from = new Date(now.getTime() - LONGEST_MEETING_MS).toISOString();
  const meetings = await listMeetings(programmeId, from, '9999');
  const taken = new Set<string>();
  for (const { meeting, agenda } of meetings) {
    if (meeting.id === exceptMeetingId) continue;
    for (const entry of agenda) if (!entry.recorded && Date.parse(entry.slotEnd) > now.getTime()) taken.add(entry.enrolmentId);
  }
  return taken;
}
