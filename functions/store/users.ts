import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { conflict, notFound } from '../platform/errors.js';
import { User } from '../contract/schemas.js';
import { GSI1, USERS_INDEX_PK, userKey } from './keys.js';
import { batchGetItems, queryAll } from './queries.js';

export async function getUser(username: string): Promise<User | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: userKey(username) }));
  return out.Item ? User.parse(out.Item) : undefined;
}

export async function createUser(user: User): Promise<void> {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config.dataTable,
        Item: { ...userKey(user.username), gsi1pk: USERS_INDEX_PK, gsi1sk: user.username, ...user },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw conflict('a user with that username exists');
    throw error;
  }
}

export async function updateUser(
  username: string,
  patch: Partial<Pick<User, 'active' | 'roles' | 'organisation' | 'municipalities' | 'programmes' | 'digestTime'>>,
): Promise<User> {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
  if (entries.length === 0) {
    const user = await getUser(username);
    if (!user) throw notFound('user');
    return user;
  }
  try {
    const out = await dynamo.send(
      new UpdateCommand({
        TableName: config.dataTable,
        Key: userKey(username),
        UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_NEW',
      }),
    );
    return User.parse(out.Attributes);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw notFound('user');
    throw error;
  }
}

/** Every user, for pickers; a programme has tens of staff, so one partition of the index serves it. */
export async function listUsers(): Promise<User[]> {
  const items = await queryAll({
    TableName: config.dataTable,
    IndexName: GSI1,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': USERS_INDEX_PK },
  });
  return items.map((item) => User.parse(item));
}

/** Who these usernames are, by username and name, in batch gets (one who is not a user keeps the username as name). */
export async function peopleNamed(usernames: readonly string[]): Promise<Map<string, { username: string; name: string }>> {
  const unique = [...new Set(usernames)];
  const found = new Map(unique.map((u) => [u, { username: u, name: u }]));
  for (const item of await batchGetItems(unique.map(userKey))) found.set(String(item.username), { username: String(item.username), name: String(item.name) });
  return found;
}
