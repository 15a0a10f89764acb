import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDbLocalClient } from '../../local/dynamodb-local.js';
import { bootstrap } from '../../local/seed.js';
import { startRuntime, type Runtime } from '../../local/runtime.js';

/** The whole local system, in memory, on a free port: what `npm start` runs, for one test file. */
export async function startSystem(): Promise<System> {
  const runtime = await startRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'forlob-test-')), port: 0, inMemory: true, logLevel: 'WARN' });
  await bootstrap(runtime, { demo: false });
  return new System(runtime);
}

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

export class System {
  private readonly tokens = new Map<string, string>();
  constructor(readonly runtime: Runtime) {}

  get url(): string {
    return this.runtime.url;
  }

  async request(method: string, path: string, options: { token?: string; body?: unknown; raw?: string | Uint8Array; contentType?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] = options.contentType ?? 'text/plain';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.url}${path}`, { method, headers, body: body as BodyInit | undefined });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async tokenFor(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const reply = await this.request('POST', '/local/token', { body: { username } });
    if (reply.status !== 200) throw new Error(`no token for ${username}: ${reply.status}`);
    this.tokens.set(username, reply.body.token);
    return reply.body.token;
  }

  /** Calls the API as `username`. */
  as(username: string) {
    const call = async (method: string, path: string, body?: unknown, extra: { raw?: string | Uint8Array; contentType?: string } = {}) =>
      this.request(method, path, { token: await this.tokenFor(username), body, ...extra });
    return {
      get: (path: string) => call('GET', path),
      post: (path: string, body?: unknown, extra?: { raw?: string | Uint8Array; contentType?: string }) => call('POST', path, body, extra),
      put: (path: string, body?: unknown) => call('PUT', path, body),
      patch: (path: string, body?: unknown) => call('PATCH', path, body),
    };
  }

  async advance(duration: string): Promise<string> {
    const reply = await this.request('POST', '/local/clock', { body: { advance: duration } });
    if (reply.status !== 200) throw new Error(`clock: ${reply.status}`);
    return reply.body.now;
  }

  /** Every item of every table, for proving that a refused request changed nothing. */
  async snapshot(): Promise<{ items: string[]; executions: number }> {
    await this.runtime.stepFunctions.settled();
    const client = dynamoDbLocalClient(this.runtime.dynamoEndpoint);
    const items: string[] = [];
    for (const table of this.runtime.model.tables()) {
      let start: Record<string, any> | undefined;
      do {
        const out = await client.send(new ScanCommand({ TableName: table.TableName, ExclusiveStartKey: start }));
        items.push(...(out.Items ?? []).map((item) => `${table.TableName}:${JSON.stringify(item)}`));
        start = out.LastEvaluatedKey;
      } while (start);
    }
    client.destroy();
    return { items: items.sort(), executions: this.runtime.stepFunctions.listExecutions().length };
  }

  /** Like snapshot, without the audit table: refusals are audited, and that is the only change allowed. */
  async journeyData(): Promise<{ items: string[]; executions: number }> {
    const snap = await this.snapshot();
    const audit = this.runtime.model.tables().find((t) => t.TableName!.startsWith('DataAudit'))!.TableName!;
    return { items: snap.items.filter((i) => !i.startsWith(`${audit}:`)), executions: snap.executions };
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
  }
}

export const BRUG_FOR_ALLE = { name: 'Brug for alle', template: 'brug-for-alle', municipalities: ['0183', '0187'] };

/** A programme in Ishøj and Vallensbæk with a lead and a tovholder in each municipality, and one in both. */
export async function givenProgrammeWithStaff(system: System) {
  const admin = system.as('admin');
  const programme = (await admin.post('/programmes', BRUG_FOR_ALLE)).body;
  const other = (await admin.post('/programmes', { ...BRUG_FOR_ALLE, name: 'Andet program' })).body;
  const staff = [
    { username: 'lead.both', roles: ['lead'], municipalities: ['0183', '0187'], programmes: [programme.id] },
    { username: 'lead.ishoj', roles: ['lead'], municipalities: ['0183'], programmes: [programme.id] },
    { username: 'tov.ishoj', roles: ['tovholder'], municipalities: ['0183'], programmes: [programme.id] },
    { username: 'tov.vallensbaek', roles: ['tovholder'], municipalities: ['0187'], programmes: [programme.id] },
    { username: 'lead.other', roles: ['lead'], municipalities: ['0183', '0187'], programmes: [other.id] },
    { username: 'eva.evaluator', roles: ['evaluator'], municipalities: [], programmes: [programme.id] },
  ];
  for (const user of staff) {
    const reply = await admin.post('/users', { ...user, name: user.username, email: `${user.username}@example.org` });
    if (reply.status !== 201) throw new Error(`user ${user.username}: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return { programme, other };
}
