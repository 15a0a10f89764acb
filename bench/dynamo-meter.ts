/**
 * Watches the handlers' DynamoDB document client (the same module instance the local runtime loads): the
 * time each call spends from the SDK's HTTP send to its parsed answer, and what each call consumed. Install
 * after the system started (the client reads its endpoint from the environment the runtime sets).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoMeter {
  /** [start, end] of every call since the last reset, in performance.now() milliseconds. */
  spans: [number, number][];
  /** Calls by operation (GetItem, Query, TransactWriteItems, …). */
  calls: Record<string, number>;
  /** Capacity units consumed, read and write, as DynamoDB reports them (ReturnConsumedCapacity TOTAL). */
  readUnits: number;
  writeUnits: number;
  /** While set, every call's operation, input and consumed units are kept here (bench/scale.ts). */
  recorded?: { operation: string; input: Record<string, any>; units: number }[];
  reset(): void;
  /** Milliseconds in DynamoDB between `from` and `to`, overlapping calls counted once. */
  busyMs(from: number, to: number): number;
}

const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand', 'GetCommand', 'BatchGetCommand', 'TransactGetCommand']);

export async function meterDynamo(): Promise<DynamoMeter> {
  const { dynamo } = (await import('../functions/platform/clients.js')) as { dynamo: DynamoDBDocumentClient };
  const meter: DynamoMeter = {
    spans: [],
    calls: {},
    readUnits: 0,
    writeUnits: 0,
    reset() {
      meter.spans = [];
      meter.calls = {};
      meter.readUnits = 0;
      meter.writeUnits = 0;
    },
    busyMs(from, to) {
      let busy = 0;
      let until = from;
      for (const [start, end] of [...meter.spans].sort((a, b) => a[0] - b[0])) {
        const s = Math.max(start, until);
        const e = Math.min(end, to);
        if (e > s) busy += e - s;
        until = Math.max(until, end);
      }
      return busy;
    },
  };
  dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const operation = String(context.commandName ?? 'unknown');
      meter.calls[operation] = (meter.calls[operation] ?? 0) + 1;
      const out = await next(args);
      const consumed = (out.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
      if (READS.has(operation)) meter.readUnits += units;
      else meter.writeUnits += units;
      meter.recorded?.push({ operation, input, units });
      return out;
    },
    { step: 'initialize', name: 'benchCapacity' },
  );
  dynamo.middlewareStack.add(
    (next) => async (args) => {
      const start = performance.now();
      try {
        return await next(args);
      } finally {
        meter.spans.push([start, performance.now()]);
      }
    },
    { step: 'deserialize', name: 'benchTiming' },
  );
  return meter;
}
