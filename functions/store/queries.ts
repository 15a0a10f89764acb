import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, type BatchGetCommandOutput, QueryCommand, TransactWriteCommand, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';

/** Every item a query finds, following its pages. For partitions known to stay small. */
export async function queryAll(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey: cursor }));
    items.push(...(out.Items ?? []));
    cursor = out.LastEvaluatedKey;
  } while (cursor);
  return items;
}

/** The items of the data table with these keys that exist, 100 keys a request (in parallel), unprocessed keys sent again. */
export async function batchGetItems(keys: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
  const found = await Promise.all(
    chunks.map(async (chunk) => {
      const items: Record<string, unknown>[] = [];
      let pending: Record<string, unknown>[] | undefined = chunk;
      while (pending && pending.length) {
        const out: BatchGetCommandOutput = await dynamo.send(new BatchGetCommand({ RequestItems: { [config.dataTable]: { Keys: pending } } }));
        items.push(...(out.Responses?.[config.dataTable] ?? []));
        pending = out.UnprocessedKeys?.[config.dataTable]?.Keys;
      }
      return items;
    }),
  );
  return found.flat();
}

const cancelledFor = (error: unknown, code: string) =>
  error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((r) => r.Code === code);

/** Whether a transaction was refused because one of its conditions did not hold. */
export function isConditionFailure(error: unknown): boolean {
  return cancelledFor(error, 'ConditionalCheckFailed');
}

const CONFLICT_ATTEMPTS = 6;

/**
 * Sends a transaction; while DynamoDB cancels it for a conflict with another transaction in flight on one
 * of its items (an import's batches made at once all update the programme's counts), sends it again after
 * a short random pause. The SDK does not retry these.
 */
export async function transactWrite(input: TransactWriteCommandInput): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await dynamo.send(new TransactWriteCommand(input));
      return;
    } catch (error) {
      if (attempt === CONFLICT_ATTEMPTS || !cancelledFor(error, 'TransactionConflict')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** attempt));
    }
  }
}
