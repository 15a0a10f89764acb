import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { ApiError } from '../platform/errors.js';
import type { Colour, Stage } from '../contract/schemas.js';
import { enrolmentsIndexPk, GSI1, journeyKey, OVERVIEW_INDEXES, overviewCprPk, overviewPk } from './keys.js';
import { findEnrolmentIdByCpr, getJourney, StoredJourney } from './journeys.js';
import { listProgrammes } from './programmes.js';
import { isConditionFailure, queryAll } from './queries.js';

type OverviewFields = Pick<StoredJourney, 'id' | 'programmeId' | 'municipality' | 'colour' | 'stage' | 'createdAt' | 'deadlineAt' | 'needsTovholderSince'>;

/** When the journey is overdue from: its step's deadline, or since it needs a tovholder; null when neither. */
function dueAt(journey: OverviewFields): string | null {
  const times = [journey.deadlineAt, journey.needsTovholderSince].filter((t) => t !== null).sort();
  return times[0] ?? null;
}

/**
 * The overview index keys of a journey, written with it on every save. The due index is sparse: a journey
 * with no deadline and a tovholder has no `ovDuePk`, and `overviewKeyRemovals` says which to remove.
 */
export function overviewKeys(journey: OverviewFields): Record<string, string> {
  const base = overviewPk(journey.programmeId, journey.municipality);
  const due = dueAt(journey);
  return {
    ovMunicipalityPk: base,
    ovColourPk: `${base}#COLOUR#${journey.colour ?? 'unscreened'}`,
    ovStagePk: `${base}#STAGE#${journey.stage}`,
    ovSk: `${journey.createdAt}#${journey.id}`,
    ...(due === null ? {} : { ovDuePk: `${base}#DUE`, ovDueSk: `${due}#${journey.id}` }),
  };
}

/** The overview key attributes a journey's update removes (those of the due index when nothing falls due). */
export const overviewKeyRemovals = (journey: OverviewFields): string[] => (dueAt(journey) === null ? [OVERVIEW_INDEXES.due.pk, OVERVIEW_INDEXES.due.sk] : []);

export interface OverviewFilter {
  /** The caller's municipalities of the programme (one, when the overview is filtered by municipality). */
  municipalities: string[];
  colour?: Colour | 'unscreened';
  stage?: Stage;
  /** Only journeys overdue at this instant. */
  overdueAt?: string;
}

export interface OverviewPage {
  items: StoredJourney[];
  cursor: string | null;
  /** Items DynamoDB read for the page (ScannedCount): the page's read amplification is this ÷ items. */
  itemsRead: number;
  /** Queries sent for the page. */
  queries: number;
}

/**
 * The index a filter reads and its key condition: the most selective filter is the key, any other is a filter
 * expression (only combined filters pay for reading more than they show).
 */
function plan(filter: OverviewFilter) {
  const filters: string[] = [];
  const values: Record<string, unknown> = {};
  const colourFilter = () => {
    if (filter.colour === 'unscreened') filters.push('attribute_type(colour, :null)'), (values[':null'] = 'NULL');
    else if (filter.colour) filters.push('colour = :colour'), (values[':colour'] = filter.colour);
  };
  const stageFilter = () => {
    if (filter.stage) filters.push('stage = :stage'), (values[':stage'] = filter.stage);
  };
  if (filter.overdueAt) {
    colourFilter();
    stageFilter();
    // Sort keys are `{dueAt}#{id}`: '$' follows '#', so every key due at or before the instant sorts below it.
    values[':dueBound'] = `${filter.overdueAt}$`;
    return { index: OVERVIEW_INDEXES.due, suffix: '#DUE', range: ` AND ${OVERVIEW_INDEXES.due.sk} < :dueBound`, filters, values };
  }
  if (filter.colour) {
    stageFilter();
    return { index: OVERVIEW_INDEXES.colour, suffix: `#COLOUR#${filter.colour}`, range: '', filters, values };
  }
  if (filter.stage) return { index: OVERVIEW_INDEXES.stage, suffix: `#STAGE#${filter.stage}`, range: '', filters, values };
  return { index: OVERVIEW_INDEXES.municipality, suffix: '', range: '', filters, values };
}

interface Cursor {
  /** The municipality the next page starts in, and where in it (null: from its start). */
  municipality: string;
  key: Record<string, string> | null;
}

/**
 * One page of a programme's journeys: municipality after municipality (in code order), within one by
 * enrolment (by when they fell due, for `overdueAt`).
 */
export async function queryOverview(programmeId: string, filter: OverviewFilter, cursor: string | undefined, pageSize = 50): Promise<OverviewPage> {
  const { index, suffix, range, filters, values } = plan(filter);
  const municipalities = [...new Set(filter.municipalities)].sort();
  const pkOf = (municipality: string) => `${overviewPk(programmeId, municipality)}${suffix}`;
  const from = cursor ? decodeCursor(cursor, municipalities, pkOf, index) : { municipality: municipalities[0], key: null };
  const items: StoredJourney[] = [];
  let itemsRead = 0;
  let queries = 0;
  let next: Cursor | null = null;
  for (let m = municipalities.indexOf(from.municipality ?? ''); m >= 0 && m < municipalities.length; m++) {
    const municipality = municipalities[m]!;
    let start: Record<string, unknown> | undefined = m === municipalities.indexOf(from.municipality!) ? (from.key ?? undefined) : undefined;
    do {
      const out = await dynamo.send(
        new QueryCommand({
          TableName: config.dataTable,
          IndexName: index.name,
          KeyConditionExpression: `${index.pk} = :pk${range}`,
          ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
          ExpressionAttributeValues: { ':pk': pkOf(municipality), ...values },
          ExclusiveStartKey: start,
          Limit: pageSize - items.length,
        }),
      );
      queries += 1;
      itemsRead += out.ScannedCount ?? 0;
      items.push(...(out.Items ?? []).map((item) => StoredJourney.parse(item)));
      start = out.LastEvaluatedKey;
    } while (start && items.length < pageSize);
    if (items.length >= pageSize) {
      if (start) next = { municipality, key: start as Record<string, string> };
      else if (m + 1 < municipalities.length) next = { municipality: municipalities[m + 1]!, key: null };
      break;
    }
  }
  return { items, itemsRead, queries, cursor: next ? Buffer.from(JSON.stringify(next)).toString('base64url') : null };
}

/**
 * The journey of a citizen by CPR (its keyed hash): one item read, from the CPR index. A journey stored before
 * the index has no key there; it is found by its CPR item as before.
 */
export async function findJourneyByCpr(programmeId: string, cprHash: string): Promise<{ journey: StoredJourney | undefined; itemsRead: number }> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config.dataTable,
      IndexName: OVERVIEW_INDEXES.cpr.name,
      KeyConditionExpression: `${OVERVIEW_INDEXES.cpr.pk} = :pk`,
      ExpressionAttributeValues: { ':pk': overviewCprPk(programmeId, cprHash) },
      Limit: 1,
    }),
  );
  const [item] = out.Items ?? [];
  if (item) return { journey: StoredJourney.parse(item), itemsRead: out.ScannedCount ?? 1 };
  const id = await findEnrolmentIdByCpr(programmeId, cprHash);
  return { journey: id ? await getJourney(id) : undefined, itemsRead: id ? 2 : 1 };
}

/** A cursor names one of the caller's municipalities and a key of its index partition; anything else is the client's mistake. */
function decodeCursor(cursor: string, municipalities: string[], pkOf: (m: string) => string, index: { pk: string; sk: string }): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Cursor;
    if (typeof parsed.municipality === 'string' && municipalities.includes(parsed.municipality)) {
      const key = parsed.key;
      if (key === null) return parsed;
      const fields = ['pk', 'sk', index.pk, index.sk];
      if (fields.every((f) => typeof key[f] === 'string') && Object.keys(key).length === fields.length && key[index.pk] === pkOf(parsed.municipality)) return parsed;
    }
  } catch {
    /* fall through */
  }
  throw new ApiError('invalid-input', 'the request is not valid', [{ path: 'cursor', message: 'not a cursor of this overview' }]);
}

/**
 * Gives journeys stored before the overview's indexes their keys (they are in none of them until then). Reads
 * each programme's enrolment list once; idempotent, so a store may run it at every start. Returns how many it
 * gave keys.
 */
export async function backfillOverviewKeys(): Promise<number> {
  let given = 0;
  for (const programme of await listProgrammes()) {
    const missing = await queryAll({
      TableName: config.dataTable,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk',
      FilterExpression: `attribute_not_exists(${OVERVIEW_INDEXES.municipality.pk})`,
      ExpressionAttributeValues: { ':pk': enrolmentsIndexPk(programme.id) },
    });
    for (const item of missing) {
      const journey = StoredJourney.parse(item);
      const keys = Object.entries(overviewKeys(journey));
      await dynamo.send(
        new UpdateCommand({
          TableName: config.dataTable,
          Key: journeyKey(journey.id),
          UpdateExpression: `SET ${keys.map((_, i) => `#k${i} = :k${i}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(keys.map(([k], i) => [`#k${i}`, k])),
          ExpressionAttributeValues: Object.fromEntries(keys.map(([, v], i) => [`:k${i}`, v])),
        }),
      ).catch((error: unknown) => {
        // Erased meanwhile: nothing to index.
        if (!isConditionFailure(error)) throw error;
      });
      given += 1;
    }
  }
  return given;
}
