import { randomUUID } from 'node:crypto';
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { conflict } from '../platform/errors.js';
import { Colour, ExitReason, Instant, LegalHold, Outcome, PersonRef, Screening, Stage, Template, TemplateVersion, TimelineEvent } from '../contract/schemas.js';
import { CoordinationState, Guardian } from '../contract/coordination.js';
import { erasureDueAt } from '../domain/retention.js';
import { overdueFrom } from '../domain/step-clock.js';
import { groupOfJourney, rulesOf, templateOf } from '../domain/templates/index.js';
import { auditPut } from './audit.js';
import { getProgramme } from './programmes.js';
import { isConditionFailure, queryAll, transactWrite } from './queries.js';
import { overviewKeyRemovals, overviewKeys } from './overview.js';
import { settleReasons } from './worklist.js';
import { countsKey, cprKey, enrolmentsIndexPk, erasureDueKey, journeyKey, OVERVIEW_INDEXES, overviewCprPk, journeyPk, tovholderPointerKey, tovholderPointersPk } from './keys.js';

/** A journey as stored: the profile item of the enrolment's partition. */
export const StoredJourney = z.object({
  id: z.string(),
  programmeId: z.string(),
  /** The template version the journey was enrolled under; journeys stored before templates ran Brug for alle v1. */
  template: Template.default('brug-for-alle'),
  templateVersion: TemplateVersion.default(1),
  municipality: z.string(),
  name: z.string(),
  cprEncrypted: z.string(),
  cprMasked: z.string(),
  birthDate: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  colour: Colour.nullable(),
  stage: Stage,
  stageEnteredAt: Instant,
  baseline: Screening.nullable(),
  screening: Screening.nullable(),
  exitReason: ExitReason.nullable(),
  primaryTovholder: PersonRef.nullable(),
  secondaryTovholder: PersonRef.nullable(),
  /** When a tovholder left (deactivated or moved); cleared when new tovholders are assigned. */
  needsTovholderSince: Instant.nullable().default(null),
  /** The first deadline of the step awaited, kept with the stage so the overview can filter on it. */
  deadlineAt: Instant.nullable().default(null),
  outcome: Outcome.nullable().default(null),
  /**
   * Who enrolled the citizen. The journey's first timeline event is read from it and `createdAt`, so that
   * creating a journey writes two items, not three (journeys stored before it have an event item instead).
   */
  enrolledBy: z.string().nullable().default(null),
  /** While set, the journey is not erased after its retention period. */
  legalHold: LegalHold.nullable().default(null),
  /** Gennem Job til Uddannelse: who gets the reminders, the mentors of the internships (their scope), the youth ambassador. */
  contactPerson: PersonRef.nullable().default(null),
  mentors: z.array(z.string()).default([]),
  ambassadorId: z.string().nullable().default(null),
  /** Youth coordination: a young person's guardians and time on the coordination lists. */
  guardians: z.array(Guardian).default([]),
  coordination: CoordinationState.nullable().default(null),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.int(),
});
export type StoredJourney = z.infer<typeof StoredJourney>;

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The group a journey counts under in its programme's counts (templates/template.ts `groupOfJourney`; null: none). */
export const countGroupOf = (journey: Pick<StoredJourney, 'template' | 'templateVersion' | 'stage' | 'colour' | 'outcome'>): string | null => groupOfJourney(templateOf(journey), journey);

function countsChange(journey: Pick<StoredJourney, 'programmeId' | 'municipality'>, from: string | null, to: string | null): TransactItem | undefined {
  const add: Record<string, number> = {};
  if (to !== null) add[to] = 1;
  if (from !== null) add[from] = (add[from] ?? 0) - 1;
  const fields = Object.entries(add).filter(([, n]) => n !== 0);
  if (fields.length === 0) return undefined;
  return {
    Update: {
      TableName: config.dataTable,
      Key: countsKey(journey.programmeId, journey.municipality),
      UpdateExpression: `ADD ${fields.map((_, i) => `#c${i} :n${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(fields.map(([f], i) => [`#c${i}`, f])),
      ExpressionAttributeValues: Object.fromEntries(fields.map(([, n], i) => [`:n${i}`, n])),
    },
  };
}

export function timelineEntry(enrolmentId: string, event: z.infer<typeof TimelineEvent>): TransactItem {
  return {
    Put: {
      TableName: config.dataTable,
      Item: { pk: journeyPk(enrolmentId), sk: `EVENT#${event.at}#${randomUUID()}`, type: 'event', ...event },
    },
  };
}

export interface NewJourney {
  journey: StoredJourney;
  cprHash: string;
}

/** The enrolment as the first event of the timeline, from the journey item itself. */
export function enrolmentEvent(journey: StoredJourney): z.infer<typeof TimelineEvent> | undefined {
  return journey.enrolledBy === null ? undefined : { at: journey.createdAt, kind: 'enrolled', by: journey.enrolledBy, summary: 'Enrolled in the programme' };
}

/**
 * Journeys per transaction: three items each (journey, CPR lookup, audit entry), a count per municipality (at
 * most one per journey) and up to two more of an import's chunk (its outcome and the import's progress): ≤ 98.
 */
export const JOURNEYS_PER_TRANSACTION = 24;

/** What an import's chunk writes in the same transaction, given which journeys it creates and which it cannot. */
export type ChunkOutcome = (created: NewJourney[], alreadyEnrolled: NewJourney[]) => TransactItem[];

/** A transaction was refused because an item of `outcome` (not a journey's) did not meet its condition. */
export class OutcomeRefused extends Error {
  constructor() {
    super('the outcome of this chunk was written by another attempt');
    this.name = 'OutcomeRefused';
  }
}

/**
 * Creates journeys with their CPR lookups, their audit entries (`enrol`, by `enrolledBy`) and counts in one
 * transaction: all or nothing, so no enrolment exists without its audit entry. A citizen already enrolled
 * (the CPR lookup exists) is left out and the rest is tried again; returns the journeys created and the ones
 * refused as already enrolled. `outcome` adds items to the same transaction (it is sent even when no
 * journey is left to create).
 */
export async function createJourneys(batch: NewJourney[], outcome?: ChunkOutcome): Promise<{ created: NewJourney[]; alreadyEnrolled: NewJourney[] }> {
  if (batch.length > JOURNEYS_PER_TRANSACTION) throw new Error(`at most ${JOURNEYS_PER_TRANSACTION} journeys per transaction`);
  const alreadyEnrolled: NewJourney[] = [];
  let pending = batch;
  for (;;) {
    // Per municipality, per group: a new journey counts under its template's group for it (one update per municipality's item).
    const perMunicipality = new Map<string, Map<string, number>>();
    for (const { journey } of pending) {
      const group = countGroupOf(journey);
      if (group === null) continue;
      const groups = perMunicipality.get(journey.municipality) ?? new Map<string, number>();
      groups.set(group, (groups.get(group) ?? 0) + 1);
      perMunicipality.set(journey.municipality, groups);
    }
    const journeyItems = pending.flatMap(({ journey, cprHash }): TransactItem[] => [
      {
        // A fresh UUID: no condition needed (and DynamoDB Local pays for each one it checks).
        Put: {
          TableName: config.dataTable,
          Item: {
            ...journeyKey(journey.id),
            gsi1pk: enrolmentsIndexPk(journey.programmeId),
            gsi1sk: `${journey.createdAt}#${journey.id}`,
            ...overviewKeys(journey),
            [OVERVIEW_INDEXES.cpr.pk]: overviewCprPk(journey.programmeId, cprHash),
            type: 'journey',
            ...journey,
          },
        },
      },
      {
        Put: {
          TableName: config.dataTable,
          Item: { ...cprKey(journey.programmeId, cprHash), type: 'cpr', enrolmentId: journey.id },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditPut({ actor: journey.enrolledBy ?? 'unknown', action: 'enrol', outcome: 'allowed', enrolmentIds: [journey.id] }),
    ]);
    const countItems = [...perMunicipality].map(([municipality, groups]): TransactItem => {
      const added = [...groups];
      return {
        Update: {
          TableName: config.dataTable,
          Key: countsKey(pending[0]!.journey.programmeId, municipality),
          UpdateExpression: `ADD ${added.map((_, i) => `#g${i} :n${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(added.map(([g], i) => [`#g${i}`, g])),
          ExpressionAttributeValues: Object.fromEntries(added.map(([, n], i) => [`:n${i}`, n])),
        },
      };
    });
    const items = [...journeyItems, ...countItems, ...(outcome?.(pending, alreadyEnrolled) ?? [])];
    if (items.length === 0) return { created: [], alreadyEnrolled };
    try {
      await transactWrite({ TransactItems: items });
      return { created: pending, alreadyEnrolled };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
      if (reasons.slice(journeyItems.length + countItems.length).some((r) => r.Code === 'ConditionalCheckFailed')) throw new OutcomeRefused();
      const refused = new Set(pending.filter((_, i) => reasons[i * 3 + 1]?.Code === 'ConditionalCheckFailed'));
      if (refused.size === 0) throw error;
      alreadyEnrolled.push(...refused);
      pending = pending.filter((p) => !refused.has(p));
    }
  }
}

/**
 * Undoes createJourneys for one journey when its workflow could not be started, so no half-made journey is
 * left; the audit says so in the same transaction (`enrol-undone`, its entry `enrol` stays: the audit is
 * append-only).
 */
export async function removeJourney(journey: StoredJourney, cprHash: string): Promise<void> {
  const keys = await queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': journeyPk(journey.id) },
    ProjectionExpression: 'pk, sk',
  });
  await transactWrite({
    TransactItems: [
      ...keys.map((key) => ({ Delete: { TableName: config.dataTable, Key: { pk: key.pk, sk: key.sk } } })),
      { Delete: { TableName: config.dataTable, Key: cprKey(journey.programmeId, cprHash) } },
      ...[countsChange(journey, countGroupOf(journey), null)].filter((c) => c !== undefined),
      auditPut({ actor: journey.enrolledBy ?? 'unknown', action: 'enrol-undone', outcome: 'allowed', enrolmentIds: [journey.id] }),
    ],
  });
}

export async function getJourney(enrolmentId: string): Promise<StoredJourney | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: journeyKey(enrolmentId), ConsistentRead: true }));
  return out.Item ? StoredJourney.parse(out.Item) : undefined;
}

export async function findEnrolmentIdByCpr(programmeId: string, cprHash: string): Promise<string | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: cprKey(programmeId, cprHash) }));
  return out.Item ? z.string().parse(out.Item.enrolmentId) : undefined;
}

/** Every item of a journey's partition, in one query: the profile, its timeline and its sub-resources. */
export async function readJourneyItems(enrolmentId: string): Promise<Record<string, unknown>[]> {
  return queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': journeyPk(enrolmentId) },
    ConsistentRead: true,
  });
}

/** When the step a journey awaits becomes overdue, by its programme's settings. */
export async function deadlineOfStep(journey: Pick<StoredJourney, 'programmeId' | 'template' | 'templateVersion' | 'stage' | 'stageEnteredAt'>): Promise<string | null> {
  const programme = await getProgramme(journey.programmeId);
  return programme ? overdueFrom(journey.stage, new Date(journey.stageEnteredAt), rulesOf(programme, journey)) : null;
}

/**
 * Saves a changed journey when nobody changed it since it was read (optimistic concurrency on `version`),
 * together with its timeline event, its colour count and any further items, in one transaction.
 */
export async function saveJourney(
  before: StoredJourney,
  after: StoredJourney,
  events: z.infer<typeof TimelineEvent>[],
  more: TransactItem[] = [],
): Promise<void> {
  const stepChanged = after.stage !== before.stage || after.stageEnteredAt !== before.stageEnteredAt;
  const saved = stepChanged ? { ...after, deadlineAt: await deadlineOfStep(after) } : after;
  const { id, ...rest } = saved;
  const fields = Object.entries({ ...rest, ...overviewKeys(saved), version: before.version + 1 });
  const removed = overviewKeyRemovals(saved);
  const items: TransactItem[] = [
    {
      Update: {
        TableName: config.dataTable,
        Key: journeyKey(id),
        UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :v${i}`).join(', ')}${removed.length ? ` REMOVE ${removed.map((_, i) => `#r${i}`).join(', ')}` : ''}`,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: {
          ...Object.fromEntries(fields.map(([k], i) => [`#f${i}`, k])),
          ...Object.fromEntries(removed.map((k, i) => [`#r${i}`, k])),
          '#version': 'version',
        },
        ExpressionAttributeValues: { ...Object.fromEntries(fields.map(([, v], i) => [`:v${i}`, v])), ':expected': before.version },
      },
    },
    ...events.map((event) => timelineEntry(id, event)),
    ...more,
  ];
  const counts = countsChange(after, countGroupOf(before), countGroupOf(after));
  if (counts) items.push(counts);
  if (after.stage === 'closed' && before.stage !== 'closed') items.push(await erasureDue(after));
  try {
    // Through transactWrite: a change of colour updates the programme's counts, which others update too.
    await transactWrite({ TransactItems: items });
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('the journey was changed by someone else; reload and try again');
    throw error;
  }
  await settleReasons(id, { events: events.map((e) => e.kind), stepChanged });
}

/** Closing a journey puts it in the list of journeys by when they fall due for erasure (its programme's retentionYears). */
async function erasureDue(closed: StoredJourney): Promise<TransactItem> {
  const programme = await getProgramme(closed.programmeId);
  if (!programme) throw new Error('programme not found');
  const dueAt = erasureDueAt(closed.stageEnteredAt, programme.settings.retentionYears);
  return { Put: { TableName: config.dataTable, Item: { ...erasureDueKey(dueAt, closed.id), type: 'erasure-due', enrolmentId: closed.id, dueAt } } };
}

/** The overview's query lives beside its keys; exported here, where the journeys are, for its callers. */
export { findJourneyByCpr, queryOverview, type OverviewPage } from './overview.js';

/** The programme's journeys per group of its template (`groups`), summed over `municipalities`. */
export async function readCounts(programmeId: string, municipalities: string[], groups: readonly string[]) {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config.dataTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :counts)',
      ExpressionAttributeValues: { ':pk': `PROGRAMME#${programmeId}`, ':counts': 'COUNTS#' },
    }),
  );
  const counts: Record<string, number> = Object.fromEntries(groups.map((g) => [g, 0]));
  for (const item of out.Items ?? []) {
    if (!municipalities.includes(String(item.sk).slice('COUNTS#'.length))) continue;
    for (const key of groups) counts[key]! += Number(item[key] ?? 0);
  }
  return counts;
}

/** The items that keep "journeys this person is tovholder of" in step with a new assignment. */
export function tovholderPointers(journey: StoredJourney, assigned: ({ username: string } | null)[]): TransactItem[] {
  const next = new Set(assigned.filter((p) => p !== null).map((p) => p.username));
  const before = [journey.primaryTovholder, journey.secondaryTovholder].filter((p) => p !== null).map((p) => p.username);
  return [
    ...before.filter((u) => !next.has(u)).map((u) => ({ Delete: { TableName: config.dataTable, Key: tovholderPointerKey(u, journey.id) } })),
    ...[...next].map((u) => ({ Put: { TableName: config.dataTable, Item: { ...tovholderPointerKey(u, journey.id), type: 'tovholder-of', enrolmentId: journey.id } } })),
  ];
}

/** Ids of the journeys a user is (or was last assigned as) tovholder of. */
export async function journeysHeldBy(username: string): Promise<string[]> {
  const items = await queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': tovholderPointersPk(username) },
  });
  return items.map((item) => z.string().parse(item.enrolmentId));
}
