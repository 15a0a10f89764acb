import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime } from '../../local/runtime.js';
import { bootstrap } from '../../local/seed.js';
import { System } from '../support/system.js';

/*
 * Data written before templates existed reads back as Brug for alle v1 (issue 11). The fixture is a whole
 * DATA_DIR made by the previous main (95385b2: `SEED_DEMO=1 npm start`, stopped with SIGTERM once seeded, the
 * SQLite WAL checkpointed): DynamoDB Local's file with the demo's programme, users and 24 journeys in every
 * stage, none with a template field, the local runner's journal of the waiting executions, the clock and the
 * (fictional, local-only) secrets. The clock runs on from real time, so the test states due times relative to
 * what the system shows, not by hand.
 */
let system: System;

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'forlob-old-data-'));
  execFileSync('tar', ['xzf', join(import.meta.dirname, 'fixtures', 'data-before-templates.tgz'), '-C', dataDir]);
  const runtime = await startRuntime({ dataDir, port: 0, logLevel: 'WARN' });
  // As `npm start` does: a store that is not fresh gets no demo data again.
  await bootstrap(runtime, { demo: true });
  system = new System(runtime);
});
afterAll(() => system?.stop());

const lead = () => system.as('lise.leder');
const demoProgramme = async () => (await lead().get('/programmes')).body.items.find((p: { name: string }) => p.name === 'Brug for alle — Ishøj og Vallensbæk');
const journeysAt = async (programmeId: string, stage: string) => (await lead().get(`/programmes/${programmeId}/enrolments?stage=${stage}`)).body.items as { id: string }[];

describe('data from before templates', () => {
  it('shows the old programme as Brug for alle v1', async () => {
    const programme = await demoProgramme();
    const reply = await lead().get(`/programmes/${programme.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ template: 'brug-for-alle', templateVersion: 1 });
  });

  it('shows old journeys of every stage, each as Brug for alle v1', async () => {
    const programme = await demoProgramme();
    const stages = ['screening', 'intake', 'preparatory-form', 'team-meeting', 'plan', 'follow-up', 'aftercare', 'closed'];
    for (const stage of stages) {
      const journeys = await journeysAt(programme.id, stage);
      expect(journeys.length, stage).toBeGreaterThan(0);
      for (const { id } of journeys) {
        const reply = await lead().get(`/enrolments/${id}`);
        expect(reply.status, `${stage} ${id}`).toBe(200);
        expect(reply.body).toMatchObject({ stage, template: 'brug-for-alle', templateVersion: 1 });
      }
    }
  });

  it('a journey that was waiting still reminds at its deadline, once', async () => {
    const programme = await demoProgramme();
    const [waiting] = await journeysAt(programme.id, 'screening');
    const { nextDeadline } = (await lead().get(`/enrolments/${waiting!.id}`)).body;
    expect(nextDeadline).not.toBeNull();
    const reminders = async () =>
      (await lead().get('/me/inbox')).body.items.filter((n: { enrolmentId: string; kind: string }) => n.enrolmentId === waiting!.id && n.kind === 'screening-overdue');
    // Past the deadline (ten working days: at most sixteen calendar days), and then a day more.
    await system.advance('P17D');
    const first = await reminders();
    expect(first.filter((n: { dueAt: string }) => n.dueAt === nextDeadline)).toHaveLength(1);
    await system.advance('P1D');
    const later = await reminders();
    expect(later.filter((n: { dueAt: string }) => n.dueAt === nextDeadline)).toHaveLength(1);
    expect(new Set(later.map((n: { dueAt: string }) => n.dueAt)).size).toBe(later.length);
  });

  it('a journey that was waiting moves on when its step is recorded, and waits at the next', async () => {
    const programme = await demoProgramme();
    const [waiting] = await journeysAt(programme.id, 'screening');
    expect((await lead().post(`/enrolments/${waiting!.id}/screening`, { colour: 'orange', reason: 'Kendt i BSO' })).status).toBe(200);
    const waits = (await system.snapshot()).items.filter((i) => i.includes(`"ENROLMENT#${waiting!.id}"`) && i.includes('"WAIT#'));
    expect(waits.find((i) => i.includes('"WAIT#screening"'))).not.toContain('taskToken');
    expect(waits.find((i) => i.includes('"WAIT#intake"'))).toContain('taskToken');
  });

  it('a new enrolment in the old programme runs by version 1', async () => {
    const programme = await demoProgramme();
    const reply = await lead().post(`/programmes/${programme.id}/enrolments`, { cpr: '0101901239', name: 'Ny Fiktivsen', municipality: '0183' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ template: 'brug-for-alle', templateVersion: 1, stage: 'screening' });
    expect((await lead().get(`/enrolments/${reply.body.id}`)).body).toMatchObject({ template: 'brug-for-alle', templateVersion: 1 });
  });
});
