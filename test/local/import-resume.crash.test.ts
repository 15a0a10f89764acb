import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { dynamoDbLocalClient, freePort, startDynamoDbLocal } from '../../local/dynamodb-local.js';

/*
 * A large import survives a crash: `npm start` as a separate process is killed (SIGKILL, with its DynamoDB
 * Local) in the middle of an import, started again on the same DATA_DIR, and the import goes on to the end
 * with every line made exactly once and exactly one audit entry per journey.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'forlob-import-resume-'));
const output: string[] = [];
let current: ChildProcess | undefined;

async function start(port: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  current = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes('Forløb kører på')) resolve();
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output.join('').slice(-2000)}`)));
  });
  return `http://localhost:${port}`;
}

/** A crash: the process and the DynamoDB Local it started are killed at once, by their ids. */
function crash(child: ChildProcess): Promise<void> {
  const javaIds = execFileSync('pgrep', ['-P', String(child.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  for (const id of javaIds) process.kill(id, 'SIGKILL');
  return exited;
}

async function stop(child: ChildProcess): Promise<void> {
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  current = undefined;
}

async function call(url: string, method: string, path: string, body?: unknown, token?: string, contentType = 'application/json') {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

afterAll(() => {
  current?.kill('SIGKILL');
});

it('goes on with an import after the process is killed in the middle of it, making every line exactly once', async () => {
  const port = await freePort();
  let url = await start(port);
  const admin = (await call(url, 'POST', '/local/token', { username: 'admin' })).body.token;
  const programme = (await call(url, 'POST', '/programmes', { name: 'Brug for alle', template: 'brug-for-alle', municipalities: ['0183'] }, admin)).body;
  await call(url, 'POST', '/users', { username: 'lead', name: 'Lead', email: 'lead@example.org', roles: ['lead'], municipalities: ['0183'], programmes: [programme.id] }, admin);
  const token = async () => (await call(url, 'POST', '/local/token', { username: 'lead' })).body.token as string;
  let lead = await token();

  const lines = 1_000;
  // Fictional: a real date in 1977 and a serial per line.
  const rows = Array.from({ length: lines }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}${String((Math.floor(i / 28) % 12) + 1).padStart(2, '0')}77-${3000 + Math.floor(i / 336)};Fiktiv Genstart ${i};0183`);
  const accepted = await call(url, 'POST', `/programmes/${programme.id}/enrolments/import`, ['cpr;name;municipality', ...rows].join('\n'), lead, 'text/csv');
  expect(accepted.status).toBe(202);
  const progress = async () => (await call(url, 'GET', `/imports/${accepted.body.importId}`, undefined, lead)).body;

  let before = await progress();
  while (before.done < 100) {
    await new Promise((r) => setTimeout(r, 50));
    before = await progress();
  }
  expect(before.status).toBe('running');
  await crash(current!);

  url = await start(port);
  lead = await token();
  let after = await progress();
  const deadline = Date.now() + 120_000;
  while (after.status === 'running' && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    after = await progress();
  }
  expect(after).toEqual({ status: 'done', total: lines, done: lines, created: lines, rejected: [] });
  expect((await call(url, 'GET', `/programmes/${programme.id}/enrolments`, undefined, lead)).body.counts.unscreened).toBe(lines);
  await stop(current!);

  // Straight from the store: every journey once, each with exactly one `enrol` audit entry, none without.
  const dynamo = await startDynamoDbLocal({ dbPath: join(dataDir, 'dynamodb') });
  const client = dynamoDbLocalClient(dynamo.endpoint);
  try {
    const journeys = new Set<string>();
    const enrolAudits = new Map<string, number>();
    for (const table of (await client.send(new ListTablesCommand({}))).TableNames ?? []) {
      let start: Record<string, any> | undefined;
      do {
        const out = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
        for (const item of out.Items ?? []) {
          if (item.type?.S === 'journey') journeys.add(`ENROLMENT#${item.id!.S}`);
          if (item.action?.S === 'enrol') enrolAudits.set(item.pk!.S!, (enrolAudits.get(item.pk!.S!) ?? 0) + 1);
        }
        start = out.LastEvaluatedKey;
      } while (start);
    }
    expect(journeys.size).toBe(lines);
    expect(enrolAudits.size).toBe(lines);
    for (const id of journeys) expect(enrolAudits.get(id), id).toBe(1);
  } finally {
    client.destroy();
    await dynamo.stop();
  }
  for (const secret of ['Fiktiv Genstart', '010177-3000', '0101773000']) expect(output.join('')).not.toContain(secret);
}, 300_000);
