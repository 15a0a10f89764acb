import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoDbLocalClient, emptyWriteAheadLogDatabase, SHARED_DATABASE_FILE, startDynamoDbLocal } from '../../local/dynamodb-local.js';
/** SQLite header bytes 18 and 19: [1, 1] rollback journal, [2, 2] write-ahead log. */
const journalVersions = (file: string) => [...readFileSync(file).subarray(18, 20)];

describe('DynamoDB Local', () => {
  it('says why it would not start, in its own words (its stderr is read, never left to fill)', async () => {
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'forlob-ddb-')), 'a-file');
    writeFileSync(notAFolder, '');
    await expect(startDynamoDbLocal({ dbPath: notAFolder })).rejects.toThrow(/exited with code \d+: Invalid directory for database creation/);
  });

  const putAndRead = async (dir: string, pk: string) => {
    const ddb = await startDynamoDbLocal({ dbPath: dir });
    const db = dynamoDbLocalClient(ddb.endpoint);
    try {
      await db.send(new CreateTableCommand({ TableName: 'wal-test', BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] })).catch(() => undefined);
      await db.send(new PutItemCommand({ TableName: 'wal-test', Item: { pk: { S: pk } } }));
      return (await db.send(new GetItemCommand({ TableName: 'wal-test', Key: { pk: { S: 'first' } } }))).Item;
    } finally {
      db.destroy();
      await ddb.stop();
    }
  };

  it('keeps a new data folder in write-ahead-log mode, and its data across a restart (the log replayed)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forlob-ddb-'));
    const file = join(dir, SHARED_DATABASE_FILE);
    expect(await putAndRead(dir, 'first')).toEqual({ pk: { S: 'first' } });
    // The commit went to the log, not to a rollback journal; SIGTERM left the log to be replayed.
    expect(journalVersions(file)).toEqual([2, 2]);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(await putAndRead(dir, 'second')).toEqual({ pk: { S: 'first' } });
  }, 60_000);

  it('switches a database made before in rollback-journal mode to the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'forlob-ddb-'));
    const file = join(dir, SHARED_DATABASE_FILE);
    const rollbackMode = emptyWriteAheadLogDatabase();
    rollbackMode[18] = rollbackMode[19] = 1;
    writeFileSync(file, rollbackMode);
    expect(await putAndRead(dir, 'first')).toEqual({ pk: { S: 'first' } });
    expect(journalVersions(file)).toEqual([2, 2]);
    expect(existsSync(`${file}-wal`)).toBe(true);
  }, 60_000);
});
