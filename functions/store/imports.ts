import { BatchWriteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { ImportRejection, ImportStatus } from '../contract/schemas.js';
import { IMPORT_OUTCOME_PREFIX, importChunkKey, importKey, importOutcomeKey } from './keys.js';
import { StoredJourney, type NewJourney, type TransactItem } from './journeys.js';
import { StoredEntry } from './coordination-entry.js';
import { queryAll } from './queries.js';

/**
 * A large import (`POST /programmes/{id}/enrolments/import` over `IMPORT_SYNC_MAX_LINES` lines), carried out
 * by the `import` workflow chunk by chunk. Each line is stored ready to enrol (its journey prepared, CPR
 * encrypted and hashed, its id fixed) or with the reason it was refused, so a chunk made again makes the
 * same journeys. A chunk's outcome is written in the transaction of its journeys, on condition that it does
 * not exist yet: a chunk is written once, however often it is tried.
 */
export const ImportLine = z.union([
  z.object({ line: z.int(), journey: StoredJourney, cprHash: z.string() }),
  // A coordination list's entry, proposed (not enrolled): the chunk writes it to its list.
  z.object({ line: z.int(), entry: StoredEntry }),
  z.object({ line: z.int(), reason: z.string() }),
]);
export type ImportLine = z.infer<typeof ImportLine>;

export const StoredImport = z.object({
  id: z.string(),
  programmeId: z.string(),
  /** What its lines make: journeys (an enrolment import), or a coordination list's entries. */
  kind: z.enum(['enrolments', 'coordination-list']).default('enrolments'),
  by: z.string(),
  status: ImportStatus,
  total: z.int(),
  /** Lines whose chunk is written (created or rejected). */
  done: z.int(),
  created: z.int(),
  chunks: z.int(),
  /** Chunks written and their journeys' workflows started: the next chunk to make. */
  chunksStarted: z.int(),
  createdAt: z.string(),
});
export type StoredImport = z.infer<typeof StoredImport>;

const ChunkOutcome = z.object({ createdIds: z.array(z.string()), rejected: z.array(ImportRejection) });

/** Stores the chunks, then the import itself: a running import has all its lines (until done: deleteImportLines). */
export async function storeImport(profile: z.input<typeof StoredImport>, chunks: ImportLine[][]): Promise<void> {
  await batchWrite(chunks.map((lines, n) => ({ PutRequest: { Item: { ...importChunkKey(profile.id, n), type: 'import-chunk', lines } } })));
  await dynamo.send(new PutCommand({ TableName: config.dataTable, Item: { ...importKey(profile.id), type: 'import', ...profile } }));
}

/**
 * Deletes the import's stored lines (CPR numbers encrypted and hashed, names): personal data that may not
 * outlive the import. What stays (the profile's counts, each chunk's created ids and rejected lines' numbers
 * and reasons) names nobody. A repeat deletes nothing more.
 */
export async function deleteImportLines(importId: string, chunks: number): Promise<void> {
  await batchWrite(Array.from({ length: chunks }, (_, n) => ({ DeleteRequest: { Key: importChunkKey(importId, n) } })));
}

async function batchWrite(requests: ({ PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } })[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let batch = requests.slice(i, i + 25);
    for (let attempt = 0; batch.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** Math.min(attempt, 5)));
      const out = await dynamo.send(new BatchWriteCommand({ RequestItems: { [config.dataTable]: batch } }));
      batch = (out.UnprocessedItems?.[config.dataTable] ?? []) as typeof batch;
    }
  }
}

export async function getImport(importId: string): Promise<StoredImport | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: importKey(importId), ConsistentRead: true }));
  return out.Item ? StoredImport.parse(out.Item) : undefined;
}

export async function importChunk(importId: string, chunk: number): Promise<ImportLine[]> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: importChunkKey(importId, chunk), ConsistentRead: true }));
  if (!out.Item) throw new Error(`import chunk ${chunk} is missing`);
  return z.array(ImportLine).parse(out.Item.lines);
}

/** The journeys a written chunk created; undefined while it is not written. */
export async function writtenChunk(importId: string, chunk: number): Promise<string[] | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: importOutcomeKey(importId, chunk), ConsistentRead: true }));
  return out.Item ? ChunkOutcome.parse(out.Item).createdIds : undefined;
}

/**
 * The items that record a chunk's outcome in its journeys' transaction: the outcome (once only) and the
 * import's progress. Lines refused when stored and citizens found already enrolled are its rejections.
 */
export function chunkOutcomeItems(importId: string, chunk: number, lines: ImportLine[], created: NewJourney[], alreadyEnrolled: NewJourney[]): TransactItem[] {
  const enrolled = new Set(alreadyEnrolled.map((made) => made.journey.id));
  const rejected = lines.flatMap((line) =>
    'reason' in line ? [{ line: line.line, reason: line.reason }] : 'journey' in line && enrolled.has(line.journey.id) ? [{ line: line.line, reason: ALREADY_ENROLLED }] : [],
  );
  return outcomeItems(importId, chunk, lines.length, created.map((made) => made.journey.id), rejected);
}

/** A chunk's outcome (once only: conditional) and the import's progress, for the transaction that makes the chunk. */
export function outcomeItems(importId: string, chunk: number, lines: number, createdIds: string[], rejected: z.infer<typeof ImportRejection>[]): TransactItem[] {
  return [
    {
      Put: {
        TableName: config.dataTable,
        Item: { ...importOutcomeKey(importId, chunk), type: 'import-outcome', createdIds, rejected },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: config.dataTable,
        Key: importKey(importId),
        UpdateExpression: 'ADD done :lines, created :created',
        ExpressionAttributeValues: { ':lines': lines, ':created': createdIds.length },
      },
    },
  ];
}

export const ALREADY_ENROLLED = 'This citizen is already enrolled in the programme.';

/** The chunk's journeys are all started: the next chunk is due, or the import is done. A repeat changes nothing. */
export async function markChunkStarted(importId: string, chunk: number, last: boolean): Promise<void> {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: config.dataTable,
        Key: importKey(importId),
        UpdateExpression: last ? 'SET chunksStarted = :next, #status = :done' : 'SET chunksStarted = :next',
        ConditionExpression: 'chunksStarted = :chunk',
        ...(last ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
        ExpressionAttributeValues: { ':next': chunk + 1, ':chunk': chunk, ...(last ? { ':done': 'done' } : {}) },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
  }
}

export async function markImportFailed(importId: string): Promise<void> {
  await dynamo.send(
    new UpdateCommand({
      TableName: config.dataTable,
      Key: importKey(importId),
      UpdateExpression: 'SET #status = :failed',
      ConditionExpression: '#status = :running',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':failed': 'failed', ':running': 'running' },
    }),
  ).catch((error: Error) => {
    if (error.name !== 'ConditionalCheckFailedException') throw error;
  });
}

/** Every line rejected so far, in line order: one query over the import's outcomes (never its lines). */
export async function importRejections(importId: string): Promise<z.infer<typeof ImportRejection>[]> {
  const outcomes = await queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :outcome)',
    ExpressionAttributeValues: { ':pk': importKey(importId).pk, ':outcome': IMPORT_OUTCOME_PREFIX },
    ProjectionExpression: 'rejected',
    ConsistentRead: true,
  });
  return outcomes.flatMap((item) => ChunkOutcome.shape.rejected.parse(item.rejected));
}
