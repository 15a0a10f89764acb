import { ExecutionAlreadyExists, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, stepFunctions } from './clients.js';
import { config } from './env.js';
import { waitKey } from '../store/keys.js';

/** Deterministic execution names make starting a journey idempotent; each continuation gets the next generation. */
export const journeyExecutionName = (enrolmentId: string, generation: number) =>
  generation === 0 ? `journey-${enrolmentId}` : `journey-${enrolmentId}-g${generation}`;

export interface JourneyInput {
  enrolmentId: string;
  generation: number;
}

export async function startJourney(enrolmentId: string, generation = 0): Promise<void> {
  const input: JourneyInput = { enrolmentId, generation };
  try {
    await stepFunctions.send(
      new StartExecutionCommand({
        stateMachineArn: config.journeyStateMachineArn,
        name: journeyExecutionName(enrolmentId, generation),
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
 * Tells the journey's waiting step that the caseworker acted: the visit of `before.stage` that began at
 * `before.stageEnteredAt` is over (the stage moved on, or its clock started again). The task token lives in
 * DynamoDB only. The wait item keeps which visit was left, so a step that starts waiting on that visit after
 * this (it read the journey just before the change) sees it and goes on at once; see `await-step`.
 */
export async function signalJourney(before: { id: string; stage: string; stageEnteredAt: string }): Promise<void> {
  const out = await dynamo.send(
    new UpdateCommand({
      TableName: config.dataTable,
      Key: waitKey(before.id, before.stage),
      UpdateExpression: 'SET #type = :type, step = :step, leftEnteredAt = :left REMOVE taskToken',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': 'wait', ':step': before.stage, ':left': before.stageEnteredAt },
      ReturnValues: 'ALL_OLD',
    }),
  );
  const token = out.Attributes?.taskToken;
  if (typeof token !== 'string') return;
  try {
    await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ signalled: before.stage }) }));
  } catch (error) {
    if (!ALREADY_HANDLED.has((error as Error).name)) throw error;
  }
}
