import { ExecutionAlreadyExists, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
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
 * Tells the journey's waiting step that the caseworker acted. The task token lives in DynamoDB only; a
 * signal for a step that is no longer waiting is harmless.
 */
export async function signalJourney(enrolmentId: string, step: string): Promise<void> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: waitKey(enrolmentId, step), ConsistentRead: true }));
  const token = out.Item?.taskToken;
  if (typeof token !== 'string') return;
  try {
    await stepFunctions.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ signalled: step }) }));
  } catch (error) {
    if (!ALREADY_HANDLED.has((error as Error).name)) throw error;
  }
}
