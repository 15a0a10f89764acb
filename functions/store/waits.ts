import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../platform/clients.js';
import { now } from '../platform/clock.js';
import { config } from '../platform/env.js';
import { waitKey, watchKey } from './keys.js';

/**
 * The waiting-token protocol between the API and a waiting workflow step, all its DynamoDB calls in one
 * place. A journey step's token sits on `WAIT#{track}#{step}` (`WAIT#{step}` for a one-track template), a watch's on `WATCH#{kind}#{watchId}`; the API takes a
 * token to signal the step that the stored state changed.
 */

/**
 * Stores a waiting journey step's token, on the condition that the visit read just before (`enteredAt`) was
 * not left meanwhile: `leaveJourneyVisit` marks the visit it ends on the same item. False when it was left.
 * One conditional put, no transaction (a marker of an older visit is dropped: no execution still awaits it).
 */
export async function storeJourneyWaitToken(input: { enrolmentId: string; track?: string | undefined; step: string; taskToken: string; enteredAt: string }): Promise<boolean> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config.dataTable,
        Item: {
          ...waitKey(input.enrolmentId, input.step, input.track),
          type: 'wait',
          ...(input.track === undefined ? {} : { track: input.track }),
          step: input.step,
          taskToken: input.taskToken,
          enteredAt: input.enteredAt,
          since: now().toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(leftEnteredAt) OR leftEnteredAt <> :entered',
        ExpressionAttributeValues: { ':entered': input.enteredAt },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Marks the visit of `step` that began at `enteredAt` as left and takes the token of the step waiting on it,
 * if one waits (a step that starts waiting on that visit later sees the mark and goes on at once).
 */
export async function leaveJourneyVisit(enrolmentId: string, step: string, enteredAt: string, track?: string): Promise<string | null> {
  const out = await dynamo.send(
    new UpdateCommand({
      TableName: config.dataTable,
      Key: waitKey(enrolmentId, step, track),
      UpdateExpression: 'SET #type = :type, step = :step, leftEnteredAt = :left REMOVE taskToken',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':type': 'wait', ':step': step, ':left': enteredAt },
      ReturnValues: 'ALL_OLD',
    }),
  );
  const token = out.Attributes?.taskToken;
  return typeof token === 'string' ? token : null;
}

/** Stores a waiting watch's token for this version of what it watches. */
export async function storeWatchToken(input: { enrolmentId: string; kind: string; watchId: string; revision: number; taskToken: string }): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: config.dataTable,
      Item: { ...watchKey(input.enrolmentId, input.kind, input.watchId), type: 'watch', revision: input.revision, taskToken: input.taskToken, since: now().toISOString() },
    }),
  );
}

/** The token of the watch waiting on this thing, if one waits. */
export async function watchToken(enrolmentId: string, kind: string, watchId: string): Promise<string | null> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: watchKey(enrolmentId, kind, watchId), ConsistentRead: true }));
  const token = out.Item?.taskToken;
  return typeof token === 'string' ? token : null;
}
