import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.js';

/*
 * `npm start` as a user runs it: a separate process, stopped with SIGTERM and started again on the same
 * DATA_DIR. Everything the process prints is kept, to prove no CPR number or name ever reaches it.
 */
const CPR = '2412851937';
const CPR_DASHED = '241285-1937';
const NAME = 'Zacharias Quistgaard-Ørnebjerg';

interface Started {
  child: ChildProcess;
  url: string;
}

const output: string[] = [];
let current: ChildProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'forlob-process-'));

async function start(port: number): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, SEED_DEMO: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  current = child;
  const url = `http://localhost:${port}`;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (chunk.toString().includes('Forløb kører på')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output.join('').slice(-2000)}`)));
  });
  return { child, url };
}

async function stop(started: Started): Promise<void> {
  await new Promise<void>((resolve) => {
    started.child.once('exit', () => resolve());
    started.child.kill('SIGTERM');
  });
  current = undefined;
}

async function call(url: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

afterAll(() => {
  current?.kill('SIGKILL');
});

describe('npm start, restarted', () => {
  it('keeps waiting journeys across a restart, reminds once, and never prints a CPR number or a name', async () => {
    const port = await freePort();
    let app = await start(port);
    const admin = (await call(app.url, 'POST', '/local/token', { username: 'admin' })).body.token;
    const programme = (await call(app.url, 'POST', '/programmes', { name: 'Brug for alle', template: 'brug-for-alle', municipalities: ['0183'] }, admin)).body;
    await call(app.url, 'POST', '/users', { username: 'lead', name: 'Lead', email: 'lead@example.org', roles: ['lead'], municipalities: ['0183'], programmes: [programme.id] }, admin);
    const lead = (await call(app.url, 'POST', '/local/token', { username: 'lead' })).body.token;

    // The distinctive CPR and name through every route of the slice, its error paths included.
    const enrolled = await call(app.url, 'POST', `/programmes/${programme.id}/enrolments`, { cpr: CPR_DASHED, name: NAME, municipality: '0183' }, lead);
    expect(enrolled.status).toBe(201);
    const id = enrolled.body.id;
    expect((await call(app.url, 'POST', `/programmes/${programme.id}/enrolments`, { cpr: CPR, name: NAME, municipality: '0183' }, lead)).status).toBe(409);
    expect((await call(app.url, 'POST', `/programmes/${programme.id}/enrolments`, { cpr: `${CPR}9`, name: NAME, municipality: '9999' }, lead)).status).toBe(400);
    expect((await call(app.url, 'POST', `/programmes/${programme.id}/enrolments`, { cpr: NAME, name: { nested: CPR }, municipality: CPR }, lead)).status).toBe(400);
    expect((await call(app.url, 'GET', `/programmes/${programme.id}/enrolments?cpr=${CPR}`, undefined, lead)).body.items).toHaveLength(1);
    expect((await call(app.url, 'GET', `/programmes/${programme.id}/enrolments?cpr=${NAME}`, undefined, lead)).status).toBe(400);
    expect((await call(app.url, 'GET', `/enrolments/${id}`, undefined, lead)).status).toBe(200);
    expect((await call(app.url, 'POST', `/enrolments/${id}/screening`, { colour: CPR, reason: NAME }, lead)).status).toBe(400);

    // Restart while the journey waits for screening.
    await stop(app);
    app = await start(port);
    // Ten working days later the screening is overdue: the lead is told once, after the restart.
    await call(app.url, 'POST', '/local/clock', { advance: 'P15D' });
    const inbox = (await call(app.url, 'GET', '/me/inbox', undefined, lead)).body.items;
    expect(inbox.map((n: { kind: string }) => n.kind)).toEqual(['screening-overdue']);

    // Restart again between reminders: the next one still comes, and the first is not sent twice.
    await stop(app);
    app = await start(port);
    await call(app.url, 'POST', '/local/clock', { advance: 'P5D' });
    const after = (await call(app.url, 'GET', '/me/inbox', undefined, lead)).body.items;
    expect(after.map((n: { kind: string }) => n.kind)).toEqual(['screening-overdue', 'screening-overdue']);
    expect(new Set(after.map((n: { dueAt: string }) => n.dueAt)).size).toBe(2);

    // Screening now ends the wait; the screening workflow task ran with the citizen's data in the store.
    expect((await call(app.url, 'POST', `/enrolments/${id}/screening`, { colour: 'orange', reason: NAME }, lead)).status).toBe(200);

    // Watches wait across restarts too: an appointment whose attendance is not registered, a safety flag.
    const clockNow = Date.parse((await call(app.url, 'GET', '/local/clock')).body.now);
    const hours = (h: number) => new Date(clockNow + h * 3_600_000).toISOString();
    const booked = await call(app.url, 'POST', `/enrolments/${id}/appointments`, { kind: 'follow-up', startsAt: hours(1), endsAt: hours(2), owner: 'lead' }, lead);
    expect(booked.status).toBe(201);
    const phq = await call(app.url, 'POST', `/enrolments/${id}/instruments`, { instrument: 'PHQ-9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 2], takenAt: hours(0) }, lead);
    expect(phq.status).toBe(201);
    const watchKinds = async () =>
      ((await call(app.url, 'GET', '/me/inbox', undefined, lead)).body.items as { kind: string; dueAt: string }[]).filter((n) => ['attendance-not-registered', 'safety-flag'].includes(n.kind));
    expect((await watchKinds()).map((n) => n.kind)).toEqual(['safety-flag']);
    await stop(app);
    app = await start(port);
    // The end plus the 24-hour grace has passed: the first request to register attendance, once.
    await call(app.url, 'POST', '/local/clock', { advance: 'PT27H' });
    let seen = await watchKinds();
    expect(seen.filter((n) => n.kind === 'attendance-not-registered')).toHaveLength(1);
    await stop(app);
    app = await start(port);
    await call(app.url, 'POST', '/local/clock', { advance: 'P20D' });
    seen = await watchKinds();
    // Every reminder came, once: four to register attendance (then the leads own it), five for the flag.
    expect(seen.filter((n) => n.kind === 'attendance-not-registered')).toHaveLength(4);
    expect(seen.filter((n) => n.kind === 'safety-flag')).toHaveLength(5);
    expect(new Set(seen.map((n) => `${n.kind} ${n.dueAt}`)).size).toBe(seen.length);
    await stop(app);

    const printed = output.join('');
    expect(printed).toContain('"routeKey":"POST /programmes/{id}/enrolments"');
    expect(printed).toContain('step timer fired');
    for (const secret of [CPR, CPR_DASHED, NAME, 'Quistgaard', 'Ørnebjerg']) expect(printed).not.toContain(secret);
  }, 300_000);
});
