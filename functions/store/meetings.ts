import { QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo } from '../commons/clients.js';
import { config } from '../commons/env.js';
import { conflict } from '../commons/errors.js';
import { Recommendation } from '../contract/meetings.js';
import { LifeArea } from '../contract/plan.js';
import { Colour, Instant } from '../contract/primitives.js';
import type { Slot } from '../domain/team-meeting.js';
import { agendaEntryKey, GSI1, journeyPk, meetingItemKey, meetingKey, meetingPk, meetingsIndexPk } from './keys.js';
import { isConditionFailure, queryAll } from './queries.js';

/*
 * Team meetings: the profile and its agenda in the meeting's partition, and for each citizen on the agenda
 * an item in the citizen's partition (its place on the agenda, the members — the team-member scope rule
 * reads them — and, once recorded, the team's recommendations). The journey view finds the items in its
 * one query; the meeting view finds the agenda in one query of the meeting.
 */

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const StoredMeeting = z.object({
  id: z.string(),
  programmeId: z.string(),
  startsAt: Instant,
  theme: LifeArea.nullable(),
  members: z.array(z.string()),
  slotMinutes: z.int(),
  createdBy: z.string(),
  createdAt: Instant,
  version: z.int(),
});
export type StoredMeeting = z.infer<typeof StoredMeeting>;

export const AgendaEntry = z.object({
  enrolmentId: z.string(),
  position: z.int(),
  colour: Colour,
  withCitizen: z.boolean(),
  slotStart: Instant,
  slotEnd: Instant,
  recorded: z.boolean(),
});
export type AgendaEntry = z.infer<typeof AgendaEntry>;

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
  meeting: StoredMeeting;
  agenda: AgendaEntry[];
}

function agendaWrites(meeting: StoredMeeting, slots: Slot[]): TransactItem[] {
  return slots.flatMap((slot, position): TransactItem[] => [
    {
      Put: {
        TableName: config.dataTable,
        Item: { ...agendaEntryKey(meeting.id, slot.enrolmentId), type: 'agenda-entry', ...slot, position, recorded: false },
      },
    },
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
  ]);
}

async function transact(items: TransactItem[], why: string): Promise<void> {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (isConditionFailure(error)) throw conflict(why);
    throw error;
  }
}

export async function createMeeting(meeting: StoredMeeting, slots: Slot[]): Promise<void> {
  await transact(
    [
      {
        Put: {
          TableName: config.dataTable,
          Item: { ...meetingKey(meeting.id), type: 'meeting', gsi1pk: meetingsIndexPk(meeting.programmeId), gsi1sk: `${meeting.startsAt}#${meeting.id}`, ...meeting },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...agendaWrites(meeting, slots),
    ],
    'the meeting already exists',
  );
}

function splitMeetingItems(items: Record<string, unknown>[]): MeetingWithAgenda | undefined {
  const profile = items.find((i) => i.sk === 'PROFILE');
  if (!profile) return undefined;
  const agenda = items.filter((i) => String(i.sk).startsWith('AGENDA#')).map((i) => AgendaEntry.parse(i));
  return { meeting: StoredMeeting.parse(profile), agenda: agenda.sort((a, b) => a.position - b.position) };
}

export async function getMeeting(meetingId: string): Promise<MeetingWithAgenda | undefined> {
  const items = await queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': meetingPk(meetingId) },
    ConsistentRead: true,
  });
  return splitMeetingItems(items);
}

/** The programme's meetings starting in [from, to), earliest first, with their agendas. */
export async function listMeetings(programmeId: string, from: string, to: string): Promise<MeetingWithAgenda[]> {
  const profiles = await queryAll({
    TableName: config.dataTable,
    IndexName: GSI1,
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': meetingsIndexPk(programmeId), ':from': from, ':to': to },
  });
  const meetings = await Promise.all(profiles.map((p) => getMeeting(String(p.id))));
  return meetings.filter((m): m is MeetingWithAgenda => m !== undefined);
}

/**
 * Replaces the agenda when nobody changed the meeting since it was read: removed citizens lose their
 * item, the others get their (new) slot; recorded items stay exactly as they are.
 */
export async function replaceAgenda(before: MeetingWithAgenda, slots: Slot[], updatedBy: string, at: string): Promise<void> {
  const { meeting, agenda } = before;
  const recorded = new Set(agenda.filter((e) => e.recorded).map((e) => e.enrolmentId));
  const kept = new Set(slots.map((s) => s.enrolmentId));
  const removed = agenda.filter((e) => !kept.has(e.enrolmentId) && !e.recorded);
  const deletes: TransactItem[] = removed.flatMap((e): TransactItem[] => [
    { Delete: { TableName: config.dataTable, Key: agendaEntryKey(meeting.id, e.enrolmentId), ConditionExpression: 'recorded = :no', ExpressionAttributeValues: { ':no': false } } },
    { Delete: { TableName: config.dataTable, Key: meetingItemKey(e.enrolmentId, meeting.id), ConditionExpression: 'recorded = :no', ExpressionAttributeValues: { ':no': false } } },
  ]);
  const writes = agendaWrites(meeting, slots.filter((s) => !recorded.has(s.enrolmentId)));
  // Positions follow the new order; a recorded entry keeps its slot but moves to its new place.
  const positions: TransactItem[] = slots.flatMap((s, position): TransactItem[] =>
    recorded.has(s.enrolmentId)
      ? [{ Update: { TableName: config.dataTable, Key: agendaEntryKey(meeting.id, s.enrolmentId), UpdateExpression: 'SET #p = :p', ExpressionAttributeNames: { '#p': 'position' }, ExpressionAttributeValues: { ':p': position } } }]
      : [],
  );
  for (const item of writes) {
    if (item.Put && String(item.Put.Item?.sk).startsWith('AGENDA#')) {
      const id = String(item.Put.Item?.enrolmentId);
      item.Put.Item = { ...item.Put.Item, position: slots.findIndex((s) => s.enrolmentId === id) };
    }
  }
  await transact(
    [
      {
        Update: {
          TableName: config.dataTable,
          Key: meetingKey(meeting.id),
          UpdateExpression: 'SET #v = :next, updatedBy = :by, updatedAt = :at',
          ConditionExpression: '#v = :expected',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':next': meeting.version + 1, ':expected': meeting.version, ':by': updatedBy, ':at': at },
        },
      },
      ...deletes,
      ...writes,
      ...positions,
    ],
    'the meeting was changed by someone else; reload and try again',
  );
}

/** The writes that record a citizen's item at a meeting (inside the journey's transaction); once only. */
export function recordItemWrites(meetingId: string, enrolmentId: string, record: { citizenPresent: boolean; recommendations: z.infer<typeof Recommendation>[]; by: string; at: string }): TransactItem[] {
  return [
    {
      Update: {
        TableName: config.dataTable,
        Key: agendaEntryKey(meetingId, enrolmentId),
        UpdateExpression: 'SET recorded = :yes',
        ConditionExpression: 'recorded = :no',
        ExpressionAttributeValues: { ':yes': true, ':no': false },
      },
    },
    {
      Update: {
        TableName: config.dataTable,
        Key: meetingItemKey(enrolmentId, meetingId),
        UpdateExpression: 'SET recorded = :yes, citizenPresent = :present, recommendations = :recs, #by = :by, #at = :at',
        ConditionExpression: 'recorded = :no',
        ExpressionAttributeNames: { '#by': 'by', '#at': 'at' },
        ExpressionAttributeValues: { ':yes': true, ':no': false, ':present': record.citizenPresent, ':recs': record.recommendations, ':by': record.by, ':at': record.at },
      },
    },
  ];
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
