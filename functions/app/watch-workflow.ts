import { ExecutionAlreadyExists, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { WatchKind } from '../domain/watch-clock.js';
import { watchToken } from '../store/waits.js';
import { stepFunctions } from '../platform/clients.js';
import { config } from '../platform/env.js';

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
  const token = await watchToken(enrolmentId, kind, watchId);
  if (token === null) return;
  try {
    await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ signalled: kind }) }));
  } catch (error) {
    if (!ALREADY_HANDLED.has((error as Error).name)) throw error;
  }
}
