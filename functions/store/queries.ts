import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../platform/clients.js';

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
