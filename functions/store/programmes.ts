import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { Programme } from '../contract/schemas.js';
import { GSI1, PROGRAMMES_INDEX_PK, programmeKey } from './keys.js';
import { queryAll } from './queries.js';

/** A programme stored before templates existed had no version: it runs Brug for alle version 1. */
const parseProgramme = (item: Record<string, unknown>): Programme => Programme.parse({ templateVersion: 1, ...item });

/** A programme never changes once created, so a container keeps what it has read. */
const known = new Map<string, Programme>();

export async function getProgramme(id: string): Promise<Programme | undefined> {
  const cached = known.get(id);
  if (cached) return cached;
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: programmeKey(id) }));
  if (!out.Item) return undefined;
  const programme = parseProgramme(out.Item);
  known.set(id, programme);
  return programme;
}

export async function createProgramme(programme: Programme): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: config.dataTable,
      Item: {
        ...programmeKey(programme.id),
        gsi1pk: PROGRAMMES_INDEX_PK,
        gsi1sk: `${programme.createdAt}#${programme.id}`,
        ...programme,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function listProgrammes(): Promise<Programme[]> {
  const items = await queryAll({
    TableName: config.dataTable,
    IndexName: GSI1,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': PROGRAMMES_INDEX_PK },
  });
  return items.map(parseProgramme);
}
