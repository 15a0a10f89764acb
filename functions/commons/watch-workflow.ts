import { ExecutionAlreadyExists, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { WatchKind } from '../domain/watch-clock.js';
import { watchKey } from '../store/keys.js';
import { dynamo, stepFunctions } from './clients.js';
import { config } from './env.js';

/** What a watch execution gets: the citizen, what it watches, and which version of it. */
export interface WatchInput {
  enrolmentId: string;
  watchId: string;
  revision: number;
}

/** One execution per watched thing and version: starting it twice is idempotent. */
export const watchExecutionName = (kind: WatchKind, watchId: string, revision: number) => `${kind}-${watchId}-v${revision}`;

export async function startWatch(kind: WatchKind, input: WatchInput): Promise<void> {
  try {
    await stepFunctions.send(
      new StartExecutionCommand({
        stateMachineArn: kind === 'attendance' ? config.attendanceWatchStateMachineArn : config.safetyWatchStateMachineArn,
        name: watchExecutionName(kind, input.watchId, input.revision),
        input: JSON.stringify(input),
      }),
    );
  } catch (error) {
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

const ALREADY_HANDLED = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * Tells a waiting watch that what it watches changed, so it reads again (ends, or re-arms at the new time).
 * Harmless when the watch is not waiting: it reads the stored state before it waits again.
 */
export async function signalWatch(kind: WatchKind, enrolmentId: string, watchId: string): Promise<void> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: watchKey(enrolmentId, kind, watchId), ConsistentRead: true }));
  const token = out.Item?.taskToken;
  if (typeof token !== 'string') return;
  try {
    await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ signalled: kind }) }));
  } catch (error) {
    if (!ALREADY_HANDLED.has((error as Error).name)) throw error;
  }
}
