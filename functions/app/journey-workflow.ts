import { ExecutionAlreadyExists, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { stepFunctions } from '../platform/clients.js';
import { now } from '../platform/clock.js';
import { config } from '../platform/env.js';
import { leaveJourneyVisit } from '../store/waits.js';
import { earliestDue, trackPositions, waitingSteps, type JourneyTracks } from '../domain/track-waits.js';
import type { Rules } from '../domain/templates/index.js';
import type { TickedClock } from '../store/notifications.js';

/** Deterministic execution names make starting a journey idempotent; each continuation gets the next generation. */
export const journeyExecutionName = (enrolmentId: string, generation: number) =>
  generation === 0 ? `journey-${enrolmentId}` : `journey-${enrolmentId}-g${generation}`;

/** Continue as a new execution well before Step Functions' one-year limit. */
const CONTINUE_AFTER_DAYS = 300;

/**
 * A journey's waiting clock: one per track, counting for the visit of the stage awaited (see notifications.ts).
 * A one-track template's clock names no track (`waitTrack`), as before tracks existed.
 */
export const journeyClock = (enrolmentId: string, stage: string, enteredAt: string, track?: string): TickedClock => ({
  enrolmentId,
  clock: 'journey',
  visit: `${track === undefined ? '' : `${track}#`}${stage}@${enteredAt}`,
});

/**
 * Where a journey's execution stands: the step due first over all its tracks (`earliestDue`) and the visit of
 * it, that step's next timer (after the last tick of the visit handled, per track in `handledDueAt`), and
 * whether to continue as a new execution. A journey of several tracks also names that step's track and every
 * waiting step (`waiting`), whose wait items all get the execution's token; a one-track journey's position is
 * as it was before tracks. `ReadJourney` computes it from the stored journey; an enrolment computes it once at
 * the start and hands it to the new execution, which saves that read.
 */
export function journeyPosition(
  journey: JourneyTracks & { id: string; colour: string | null },
  rules: Rules,
  execution: { generation: number; startedAt: Date },
  at: Date,
  handledDueAt: Partial<Record<string, string>>,
) {
  const ageDays = (at.getTime() - execution.startedAt.getTime()) / 86_400_000;
  const waiting = waitingSteps(trackPositions(rules.template, journey), rules, at, (track) => handledDueAt[track] ?? null);
  const first = earliestDue(waiting);
  const tracks = rules.template.tracks.length > 1;
  return {
    stage: first && tracks ? first.stage : journey.stage,
    enteredAt: first && tracks ? first.enteredAt : journey.stageEnteredAt,
    ...(tracks ? { track: first?.track ?? null, waiting: waiting.map(({ track, stage, enteredAt }) => ({ track, step: stage, enteredAt })) } : {}),
    colour: journey.colour,
    continueAsNew: ageDays >= CONTINUE_AFTER_DAYS && first !== undefined,
    nextGeneration: execution.generation + 1,
    nextExecutionName: journeyExecutionName(journey.id, execution.generation + 1),
    timer: first?.timer ?? null,
    /** When this was computed: a waiting step given an older position reads the journey again (`await-step`). */
    readAt: at.toISOString(),
  };
}

export type JourneyPosition = ReturnType<typeof journeyPosition>;

export interface JourneyInput {
  enrolmentId: string;
  generation: number;
  /** Given by an enrolment only: where the new journey stands, so the execution need not read it first. */
  journey?: JourneyPosition;
}

/** Starts a new journey's execution at the position its enrolment stored. */
export async function startJourney(journey: Parameters<typeof journeyPosition>[0], rules: Rules): Promise<void> {
  const generation = 0;
  const at = now();
  // A new journey has handled no tick yet.
  const input: JourneyInput = { enrolmentId: journey.id, generation, journey: journeyPosition(journey, rules, { generation, startedAt: at }, at, {}) };
  try {
    await stepFunctions.send(
      new StartExecutionCommand({
        stateMachineArn: config.journeyStateMachineArn,
        name: journeyExecutionName(journey.id, generation),
        input: JSON.stringify(input),
      }),
    );
  } catch (error) {
    // Already started with this name: starting is idempotent.
    if (!(error instanceof ExecutionAlreadyExists)) throw error;
  }
}

/** Errors that mean the waiting step was already handled: its deadline passed, or it was signalled before. */
const ALREADY_HANDLED = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

/**
 * Tells the journey's waiting step that the caseworker acted: the visit of `before.stage` (of `track`, for a
 * template with several tracks: see `waitTrack`) that began at `before.stageEnteredAt` is over (the stage moved
 * on, or its clock started again). The task token lives in DynamoDB only. The wait item keeps which visit was
 * left, so a step that starts waiting on that visit after this (it read the journey just before the change)
 * sees it and goes on at once; see `await-step`.
 */
export async function signalJourney(before: { id: string; stage: string; stageEnteredAt: string }, track?: string): Promise<void> {
  const token = await leaveJourneyVisit(before.id, before.stage, before.stageEnteredAt, track);
  if (token === null) return;
  try {
    await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ signalled: before.stage }) }));
  } catch (error) {
    if (!ALREADY_HANDLED.has((error as Error).name)) throw error;
  }
}
