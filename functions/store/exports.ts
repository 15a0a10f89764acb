import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { Export, ExportSchedule, type ExportFile } from '../contract/exports.js';
import { AuditEntry } from '../contract/schemas.js';

type Entry = z.infer<typeof AuditEntry>;
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { auditPut } from './audit.js';
import { CPR_SK_PREFIX, EXPORT_SCHEDULES_INDEX_PK, exportKey, exportScheduleKey, exportsAuditPk, exportsIndexPk, GSI1, journeyPk } from './keys.js';
import { queryAll } from './queries.js';

/** An export as stored: its record, with the file names it wrote and where (`{exportId}/{name}`). */
export async function createExport(record: Export): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: config.dataTable,
      Item: { ...exportKey(record.id), gsi1pk: exportsIndexPk(record.programmeId), gsi1sk: `${record.createdAt}#${record.id}`, type: 'export', ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getExport(id: string): Promise<Export | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: exportKey(id), ConsistentRead: true }));
  return out.Item ? Export.parse(out.Item) : undefined;
}

/** A programme's exports, newest first. */
export async function listExports(programmeId: string, limit = 50): Promise<Export[]> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config.dataTable,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': exportsIndexPk(programmeId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map((item) => Export.parse(item));
}

async function update(id: string, fields: Record<string, unknown>, condition?: string): Promise<void> {
  const entries = Object.entries(fields);
  await dynamo.send(
    new UpdateCommand({
      TableName: config.dataTable,
      Key: exportKey(id),
      UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: { ...Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])), ...(condition ? { '#status': 'status' } : {}) },
      ExpressionAttributeValues: { ...Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])), ...(condition ? { ':running': 'running' } : {}) },
      ...(condition ? { ConditionExpression: condition } : {}),
    }),
  );
}

export const setExportProgress = (id: string, progress: { done: number; total: number }) => update(id, { progress });
export const setExportFiles = (id: string, files: ExportFile[]) => update(id, { files });

/** Marks a running export done or failed; false when it was no longer running (a retried task). */
export async function finishExport(id: string, status: 'done' | 'failed', finishedAt: string): Promise<boolean> {
  try {
    await update(id, { status, finishedAt }, '#status = :running');
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** An export's start, end and downloads, under its programme in the audit (an export names no citizen). */
export async function auditExport(programmeId: string, entry: Omit<Entry, 'at' | 'enrolmentIds' | 'programmeId'>): Promise<void> {
  const put = auditPut({ ...entry, programmeId, enrolmentIds: [] }, exportsAuditPk(programmeId)).Put;
  await dynamo.send(new PutCommand({ ...put, ConditionExpression: 'attribute_not_exists(pk)' }));
}

export async function exportAudit(programmeId: string): Promise<Entry[]> {
  const items = await queryAll({ TableName: config.auditTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': exportsAuditPk(programmeId) } });
  return items.map((item) => AuditEntry.parse(item));
}

// ---- schedules -------------------------------------------------------------------------------------

export async function putExportSchedule(schedule: ExportSchedule): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: config.dataTable,
      Item: { ...exportScheduleKey(schedule.programmeId), gsi1pk: EXPORT_SCHEDULES_INDEX_PK, gsi1sk: schedule.programmeId, type: 'export-schedule', ...schedule },
    }),
  );
}

export async function getExportSchedule(programmeId: string): Promise<ExportSchedule | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: exportScheduleKey(programmeId), ConsistentRead: true }));
  return out.Item ? ExportSchedule.parse(out.Item) : undefined;
}

export async function listExportSchedules(): Promise<ExportSchedule[]> {
  const items = await queryAll({ TableName: config.dataTable, IndexName: GSI1, KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': EXPORT_SCHEDULES_INDEX_PK } });
  return items.map((item) => ExportSchedule.parse(item));
}

/** Claims a schedule's run of `month` once: false when that month's run was claimed already. */
export async function claimScheduledRun(programmeId: string, month: string): Promise<boolean> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: config.dataTable,
        Key: exportScheduleKey(programmeId),
        UpdateExpression: 'SET lastRunMonth = :month',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_type(lastRunMonth, :null) OR lastRunMonth < :month)',
        ExpressionAttributeValues: { ':month': month, ':null': 'NULL' },
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

// ---- what an export reads ----------------------------------------------------------------------------

/** One enrolment as the export reads it: its CPR lookup hash (for the pseudonym) and every item of its partition. */
export interface EnrolmentForExport {
  cprHash: string;
  items: Record<string, unknown>[];
}

const CprLookup = z.object({ sk: z.string(), enrolmentId: z.string() });

/**
 * One page of a programme's enrolments, by their CPR lookups (Query, never Scan): each with its journey
 * partition, read `concurrency` at a time. The lookups order the enrolments by a keyed hash, so the files
 * follow no order that could hint at who is who. `cursor` is where the last page ended.
 */
export async function enrolmentsForExport(
  programmeId: string,
  cursor: Record<string, unknown> | undefined,
  pageSize = 100,
  concurrency = 16,
): Promise<{ entries: EnrolmentForExport[]; cursor: Record<string, unknown> | undefined; itemsRead: number }> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config.dataTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :cpr)',
      ExpressionAttributeValues: { ':pk': `PROGRAMME#${programmeId}`, ':cpr': CPR_SK_PREFIX },
      ExclusiveStartKey: cursor,
      Limit: pageSize,
    }),
  );
  const lookups = (out.Items ?? []).map((item) => CprLookup.parse(item));
  const entries: EnrolmentForExport[] = new Array(lookups.length);
  let itemsRead = lookups.length;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, lookups.length) }, async () => {
      while (next < lookups.length) {
        const i = next++;
        const lookup = lookups[i]!;
        const items = await queryAll({ TableName: config.dataTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': journeyPk(lookup.enrolmentId) } });
        itemsRead += items.length;
        entries[i] = { cprHash: lookup.sk.slice(CPR_SK_PREFIX.length), items };
      }
    }),
  );
  return { entries, cursor: out.LastEvaluatedKey, itemsRead };
}
