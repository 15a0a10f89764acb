import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { conflict } from '../platform/errors.js';
import type { Note } from '../contract/schemas.js';
import { journeyKey, journeyPk, noteSk } from './keys.js';
import { isConditionFailure } from './queries.js';
import { timelineEntry } from './journeys.js';

/**
 * Appends a note or contact attempt with its timeline event. The journal only grows, so it takes no version:
 * two caseworkers writing notes at once both keep theirs. The journey must still be open.
 */
export async function appendNote(enrolmentId: string, note: Omit<Note, 'id'>): Promise<Note> {
  const stored: Note = { id: randomUUID(), ...note };
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: config.dataTable,
              Key: journeyKey(enrolmentId),
              ConditionExpression: 'attribute_exists(pk) AND stage <> :closed',
              ExpressionAttributeValues: { ':closed': 'closed' },
            },
          },
          { Put: { TableName: config.dataTable, Item: { pk: journeyPk(enrolmentId), sk: noteSk(note.at, stored.id), type: 'note', ...stored } } },
          timelineEntry(enrolmentId, {
            at: note.at,
            kind: note.kind,
            by: note.by,
            summary: note.kind === 'note' ? 'Note written' : `Contact attempt by ${note.channel}${note.addressee ? ' to a guardian' : ''}: ${note.reached ? 'reached' : 'not reached'}`,
          }),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('the journey is closed');
    throw error;
  }
  return stored;
}
