/**
 * `npm run bench:dynamodb-local`: CPU of DynamoDB Local (the Java process) and of Node per item written or
 * read, by kind of request, on a table with a GSI like the journey table. The figures behind the choice of
 * single conditional puts and fewer transaction items; after a warm-up round (the JIT), the second counts.
 * Then, in a data folder, puts one after another with SQLite's rollback journal and with its write-ahead log.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDbLocalClient, startDynamoDbLocal } from '../local/dynamodb-local.js';

/** CPU time (user + system) of the DynamoDB Local process started last. */
function javaCpuMeter(): () => number {
  const pid = execSync(`pgrep -n -P ${process.pid} java`).toString().trim();
  return () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };
}

const ddb = await startDynamoDbLocal({});
const javaCpuMs = javaCpuMeter();
const raw = dynamoDbLocalClient(ddb.endpoint);
const doc = DynamoDBDocumentClient.from(raw);
const TableName = 'bench';
await raw.send(
  new CreateTableCommand({
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: ['pk', 'sk', 'gpk', 'gsk'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [{ AttributeName: 'gpk', KeyType: 'HASH' }, { AttributeName: 'gsk', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
  }),
);
const journey = (run: string, i: number) => ({ pk: `E#${run}${i}`, sk: 'JOURNEY', gpk: 'programme', gsk: `${run}${i}`, name: 'Fiktiv Borger', padding: 'x'.repeat(500) });
const cpr = (run: string, i: number) => ({ pk: 'PROGRAMME', sk: `CPR#${run}${i}`, enrolmentId: `${run}${i}` });
const N = 3200;
const inLanes = async (count: number, work: (i: number) => Promise<unknown>) => {
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => { while (next < count) await work(next++); }));
};
const kinds: Record<string, (run: string) => Promise<unknown>> = {
  'put (4 at once)': (run) => inLanes(N, (i) => doc.send(new PutCommand({ TableName, Item: journey(run, i) }))),
  'conditional put (4 at once)': (run) => inLanes(N, (i) => doc.send(new PutCommand({ TableName, Item: cpr(run, i), ConditionExpression: 'attribute_not_exists(pk)' }))),
  'get, consistent (4 at once)': (run) => inLanes(N, (i) => doc.send(new GetCommand({ TableName, Key: { pk: `E#${run}${i}`, sk: 'JOURNEY' }, ConsistentRead: true }))),
  'batch write of 25': (run) => inLanes(N / 25, (b) => doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: Array.from({ length: 25 }, (_, k) => ({ PutRequest: { Item: journey(run, b * 25 + k) } })) } }))),
  'transaction of 100 puts': (run) => inLanes(N / 100, (b) => doc.send(new TransactWriteCommand({ TransactItems: Array.from({ length: 100 }, (_, k) => ({ Put: { TableName, Item: journey(run, b * 100 + k)} })) }))),
  'transaction of 2 (check + put)': (run) =>
    inLanes(N, (i) =>
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName, Key: { pk: 'PROGRAMME', sk: 'NONE' }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName, Item: journey(run, i) } },
          ],
        }),
      ),
    ),
};
const results: Record<string, { javaMsPerItem: number; nodeMsPerItem: number }> = {};
for (const [kind, work] of Object.entries(kinds)) {
  for (const round of ['warm-up', 'measured']) {
    const java = javaCpuMs();
    const node = process.cpuUsage();
    await work(`${kind.replace(/\W/g, '')}${round}`);
    const nodeUsed = process.cpuUsage(node);
    if (round === 'measured') results[kind] = { javaMsPerItem: +((javaCpuMs() - java) / N).toFixed(2), nodeMsPerItem: +((nodeUsed.user + nodeUsed.system) / 1000 / N).toFixed(2) };
  }
}
await ddb.stop();

// In a data folder (as `npm start` keeps it): puts one after another, with SQLite's rollback journal and
// with the write-ahead log the runtime uses.
const journals: Record<string, { wallMsPerPut: number; javaMsPerPut: number }> = {};
for (const journal of ['rollback', 'write-ahead-log'] as const) {
  const onDisk = await startDynamoDbLocal({ dbPath: mkdtempSync(join(tmpdir(), 'forlob-bench-')), journal });
  const cpu = javaCpuMeter();
  const db = DynamoDBDocumentClient.from(dynamoDbLocalClient(onDisk.endpoint));
  await db.send(new CreateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }] }));
  const puts = 1000;
  for (const round of ['warm-up', 'measured']) {
    const java = cpu();
    const started = performance.now();
    for (let i = 0; i < puts; i++) await db.send(new PutCommand({ TableName, Item: cpr(round, i) }));
    if (round === 'measured') journals[journal] = { wallMsPerPut: +((performance.now() - started) / puts).toFixed(2), javaMsPerPut: +((cpu() - java) / puts).toFixed(2) };
  }
  db.destroy();
  await onDisk.stop();
}
console.log(JSON.stringify({ inMemory: results, dataFolderPutsOneAfterAnother: journals }, null, 2));
