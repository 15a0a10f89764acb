import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCpr } from '../../functions/contract/cpr.js';
import { bootstrap, DEMO_CITIZENS, DEMO_OFFERS, DEMO_USERS, demoCpr } from '../../local/seed.js';
import { startRuntime } from '../../local/runtime.js';
import { PRAKTIK_GENERATOR_OFFER } from '../../local/seed-youth-coordination.js';
import { System } from '../support/system.js';
import { JTU_DEMO_USERS } from '../../local/demo-users-job-til-uddannelse.js';

/*
 * The demo a first-time user sees after `npm start` on a fresh store, checked through the API as that user
 * would look at it: every colour and every reachable stage, tovholders, plans, a held and an upcoming team
 * meeting, appointments (one missed), instruments without a safety flag, and a token for every demo user.
 * Before that, on the same fresh store, what `SEED_DEMO=0` gives (bootstrap without demo): the admin user only.
 */
const STAGES = ['screening', 'intake', 'preparatory-form', 'team-meeting', 'plan', 'follow-up', 'aftercare', 'closed'];

describe('a fresh store with demo data', () => {
  let system: System;
  let programmeId: string;
  let seedSeconds: number;
  let items: { id: string; name: string; colour: string | null; stage: string; municipality: string; primaryTovholder: { username: string } | null }[];

  let withoutDemo: { users: string[]; programmes: unknown[]; leadToken: number };

  beforeAll(async () => {
    // One runtime per test process (the handlers' clients are made once): bootstrap first as SEED_DEMO=0 does,
    // look, then seed the demo on the same fresh store.
    const runtime = await startRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'forlob-demo-')), port: 0, inMemory: true, logLevel: 'WARN' });
    system = new System(runtime);
    await bootstrap(runtime, { demo: false });
    withoutDemo = {
      users: (await system.as('admin').get('/users')).body.items.map((u: { username: string }) => u.username),
      programmes: (await system.as('admin').get('/programmes')).body.items,
      leadToken: (await system.request('POST', '/local/token', { body: { username: 'lise.leder' } })).status,
    };
    const started = Date.now();
    await bootstrap(runtime, { demo: true });
    seedSeconds = (Date.now() - started) / 1000;
    const programmes = (await system.as('lise.leder').get('/programmes')).body.items;
    expect(programmes).toHaveLength(1);
    programmeId = programmes[0].id;
    const overview = await system.as('lise.leder').get(`/programmes/${programmeId}/enrolments`);
    expect(overview.status).toBe(200);
    expect(overview.body.cursor).toBeNull();
    items = overview.body.items;
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('without demo data (SEED_DEMO=0) has the admin user only, and no programme', () => {
    expect(withoutDemo.users).toEqual(['admin']);
    expect(withoutDemo.programmes).toEqual([]);
    expect(withoutDemo.leadToken).not.toBe(200);
  });

  it('seeds within the time a fresh start can afford', () => {
    console.log(`demo seeded in ${seedSeconds.toFixed(1)} s`);
    expect(seedSeconds).toBeLessThan(60);
  });

  it('shows every colour and every reachable stage in the overview, in both municipalities', async () => {
    expect(items).toHaveLength(DEMO_CITIZENS.length);
    const counts = (await system.as('lise.leder').get(`/programmes/${programmeId}/enrolments`)).body.counts;
    for (const colour of ['green', 'orange', 'red', 'blue', 'unscreened']) expect(counts[colour], colour).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.stage))).toEqual(new Set(STAGES));
    expect(new Set(items.map((i) => i.municipality))).toEqual(new Set(['0183', '0187']));
    // Closed both by a red screening and by an outcome.
    const closed = items.filter((i) => i.stage === 'closed');
    expect(closed.some((i) => i.colour === 'red')).toBe(true);
    expect(closed.some((i) => i.colour !== 'red')).toBe(true);
    // Intake with the caseworker (green) and with the tovholder (orange).
    expect(items.some((i) => i.stage === 'intake' && i.colour === 'green')).toBe(true);
    expect(items.some((i) => i.stage === 'intake' && i.colour === 'orange')).toBe(true);
  });

  it('gives every screened citizen with a course a tovholder, both tovholders serving both municipalities', () => {
    const open = items.filter((i) => i.colour !== null && i.stage !== 'closed');
    expect(open.length).toBeGreaterThan(10);
    for (const i of open) expect(i.primaryTovholder, i.name).not.toBeNull();
    for (const tovholder of ['tove.tovholder', 'jens.jobcenter']) {
      expect(new Set(open.filter((i) => i.primaryTovholder?.username === tovholder).map((i) => i.municipality))).toEqual(new Set(['0183', '0187']));
    }
  });

  it('has action plans with overlapping interventions by month, one with a group intervention, one with a motivation goal', async () => {
    const followUp = items.filter((i) => i.stage === 'follow-up');
    expect(followUp.length).toBeGreaterThanOrEqual(2);
    const plans = await Promise.all(followUp.map(async (i) => (await system.as('tove.tovholder').get(`/enrolments/${i.id}`)).body.plan));
    for (const plan of plans) {
      expect(plan.interventions.length).toBeGreaterThanOrEqual(2);
      const [a, b] = plan.interventions;
      expect(a.startMonth <= (b.endMonth ?? b.startMonth) && b.startMonth <= (a.endMonth ?? a.startMonth)).toBe(true);
    }
    const all = plans.flatMap((p) => p.interventions);
    expect(all.some((i: { mode: string }) => i.mode === 'group')).toBe(true);
    expect(all.some((i: { goalKind: string }) => i.goalKind === 'motivation')).toBe(true);
    expect(all.every((i: { goal: string; responsible: string }) => i.goal.length > 0 && i.responsible.length > 0)).toBe(true);
  });

  it("has Brøndby's coordination group with three months of lists: repeaters, misplaced ones, some not reached", async () => {
    const lead = system.as('birgit.brondby');
    const programme = (await lead.get('/programmes')).body.items.find((p: { template: string }) => p.template === 'youth-coordination');
    const months = (await lead.get(`/programmes/${programme.id}/coordination-lists`)).body;
    expect(months.items.map((m: { indicators: unknown }) => m.indicators !== null)).toEqual([true, true, false]);
    expect(months.items.map((m: { misplaced: number }) => m.misplaced)).toEqual([1, 1, 0]);
    expect(months.items[0].indicators.couldNotBeContacted).toBeGreaterThan(0);
    expect(months.items[1].indicators.repeaters).toBe(3);
    const latest = (await lead.get(`/coordination-lists/${months.items[2].listId}`)).body;
    expect(latest.entries.filter((e: { repeater: boolean }) => e.repeater).length).toBeGreaterThan(0);
    expect(latest.entries.some((e: { status: string }) => e.status === 'proposed')).toBe(true);
    expect((await lead.get(`/programmes/${programme.id}/actors`)).body.items.length).toBeGreaterThanOrEqual(5);
    expect(months.goal.inEducationOrJob).toBe(1);
  });

  it('has an offers catalogue across the domains', async () => {
    const offers = (await system.as('tove.tovholder').get('/offers')).body.items;
    expect(offers.map((o: { name: string }) => o.name).sort()).toEqual([...DEMO_OFFERS, PRAKTIK_GENERATOR_OFFER].map((o) => o.name).sort());
    expect(new Set(offers.map((o: { domain: string }) => o.domain))).toEqual(new Set(['employment', 'social', 'health', 'education']));
  });

  it('has a held team meeting and an upcoming one with an agenda and a member of each kind', async () => {
    const clock = Date.parse((await system.request('GET', '/local/clock')).body.now);
    const meetings = (await system.as('tove.tovholder').get(`/programmes/${programmeId}/team-meetings`)).body.items;
    const upcoming = meetings.filter((m: { startsAt: string }) => Date.parse(m.startsAt) > clock);
    expect(upcoming).toHaveLength(1);
    expect(upcoming[0].agenda).toHaveLength(5);
    expect(upcoming[0].agenda.every((e: { recorded: boolean; name: string | null }) => !e.recorded && e.name)).toBe(true);
    expect(upcoming[0].members).toEqual(expect.arrayContaining(['tove.tovholder', 'sara.sagsbehandler', 'carl.care', 'tina.team']));
    const held = meetings.filter((m: { startsAt: string }) => Date.parse(m.startsAt) <= clock);
    expect(held).toHaveLength(1);
    expect(held[0].agenda.every((e: { recorded: boolean }) => e.recorded)).toBe(true);
    // The team member sees the upcoming meeting's citizens by name.
    const asTeam = (await system.as('tina.team').get(`/team-meetings/${upcoming[0].id}`)).body;
    expect(asTeam.agenda.every((e: { name: string | null }) => e.name)).toBe(true);
  });

  it('has an upcoming intake, a provider’s intervention appointment and a registered no-show the tovholder was told of', async () => {
    const clock = Date.parse((await system.request('GET', '/local/clock')).body.now);
    const sara = (await system.as('sara.sagsbehandler').get('/me/appointments')).body.items;
    expect(sara.some((a: { kind: string; startsAt: string }) => a.kind === 'intake' && Date.parse(a.startsAt) > clock)).toBe(true);
    expect(sara.some((a: { attendance: { status: string } | null }) => a.attendance?.status === 'no-show')).toBe(true);
    const palle = (await system.as('palle.praktik').get('/me/appointments')).body.items;
    expect(palle).toHaveLength(1);
    expect(palle[0]).toMatchObject({ kind: 'intervention', attendance: null });
    expect(Date.parse(palle[0].startsAt)).toBeGreaterThan(clock);
    expect((await system.as('palle.praktik').get(`/appointments/${palle[0].id}`)).status).toBe(200);
    const inboxes = await Promise.all(['tove.tovholder', 'jens.jobcenter'].map(async (u) => (await system.as(u).get('/me/inbox')).body.items));
    const kinds = inboxes.flat().map((n: { kind: string }) => n.kind);
    expect(kinds).toContain('missed-attendance');
    expect(kinds).toContain('colour-changed');
  });

  it('keeps the demo calm: instruments recorded, no safety flag raised', async () => {
    const followUp = items.filter((i) => i.stage === 'follow-up');
    const journeys = await Promise.all(followUp.map(async (i) => (await system.as('carl.care').get(`/enrolments/${i.id}`)).body));
    const instruments = journeys.flatMap((j) => j.instruments);
    expect(new Set(instruments.map((i: { instrument: string }) => i.instrument))).toEqual(new Set(['WHO-5', 'GAD-7']));
    expect(instruments.every((i: { flags: string[] }) => !i.flags.includes('suicidal-ideation'))).toBe(true);
    for (const user of ['tove.tovholder', 'jens.jobcenter', 'carl.care', 'lise.leder', 'bent.beskaeftigelse']) {
      const inbox = (await system.as(user).get('/me/inbox')).body.items;
      expect(inbox.filter((n: { kind: string }) => n.kind === 'safety-flag'), user).toEqual([]);
    }
  });

  it('has journal notes and contact attempts, some that did not reach the citizen', async () => {
    const unscreened = items.filter((i) => i.stage === 'screening');
    const journeys = await Promise.all(unscreened.map(async (i) => (await system.as('tove.tovholder').get(`/enrolments/${i.id}`)).body));
    const notes = journeys.flatMap((j) => j.notes);
    expect(notes.some((n: { kind: string; reached: boolean | null }) => n.kind === 'contact-attempt' && n.reached === false)).toBe(true);
  });

  it('gives every demo user a token, with the roles and municipalities the README names', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const user of DEMO_USERS) {
      const me = await system.as(user.username).get('/me');
      expect(me.status, user.username).toBe(200);
      expect(me.body).toMatchObject({ username: user.username, name: user.name, roles: [...user.roles], municipalities: [...user.municipalities], programmes: [programmeId] });
      expect(readme, `README names ${user.username}`).toContain(`\`${user.username}\``);
    }
    const roles = new Set(DEMO_USERS.flatMap((u) => u.roles));
    expect(roles).toEqual(new Set(['lead', 'tovholder', 'caseworker', 'care-manager', 'team-member', 'provider', 'evaluator']));
    expect((await system.as('admin').get('/me')).status).toBe(200);
  });

  it('has Gennem Job til Uddannelse in Jammerbugt: young people at every stage, hours, certificates, a hand-over, ambassadors', async () => {
    const lars = system.as('lars.leder');
    const [jtu] = (await lars.get('/programmes')).body.items;
    expect(jtu).toMatchObject({ name: 'Gennem Job til Uddannelse — Jammerbugt', template: 'job-til-uddannelse', municipalities: ['0849'] });
    const overview = (await lars.get(`/programmes/${jtu.id}/enrolments`)).body;
    expect(new Set(overview.items.map((i: { stage: string }) => i.stage))).toEqual(new Set(['clarification', 'internship', 'follow-up', 'aftercare', 'closed']));
    expect(overview.counts).toEqual({ clarification: 1, internship: 2, 'follow-up': 1, aftercare: 1 });
    const journeys = await Promise.all(overview.items.map(async (i: { id: string }) => (await system.as('jonas.jobformidler').get(`/enrolments/${i.id}`)).body));
    const internships = journeys.flatMap((j) => j.internships);
    expect(internships.filter((i: { hours: unknown[] }) => i.hours.length > 0).length).toBeGreaterThanOrEqual(3);
    expect(internships.some((i: { goalReachedAt: string | null }) => i.goalReachedAt !== null)).toBe(true);
    expect(journeys.flatMap((j) => j.learningCertificates).map((c: { phase: string }) => c.phase).sort()).toEqual(['end', 'progress', 'start']);
    expect(journeys.filter((j) => j.contactPerson?.username === 'mette.mentor')).toHaveLength(1);
    expect(journeys.filter((j) => j.ambassador?.kind === 'youth')).toHaveLength(1);
    const ambassadors = (await system.as('mette.mentor').get('/ambassadors')).body.items.map((a: { kind: string }) => a.kind).sort();
    expect(ambassadors).toEqual(['company', 'company', 'youth']);
    // The mentor's overview: their young people only.
    expect((await system.as('mette.mentor').get(`/programmes/${jtu.id}/enrolments`)).body.items.map((i: { name: string }) => i.name).sort()).toEqual(['Bella Opdigtet', 'Carlo Prøvesen']);
    const goal = (await system.as('jonas.jobformidler').get('/me/inbox')).body.items.filter((n: { kind: string }) => n.kind === 'paid-hours-goal-reached');
    expect(goal).toHaveLength(1);
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const user of JTU_DEMO_USERS) expect(readme, `README names ${user.username}`).toContain(`\`${user.username}\``);
  });

  it('leaves the clock within minutes of real time', async () => {
    const clock = Date.parse((await system.request('GET', '/local/clock')).body.now);
    expect(clock - Date.now()).toBeLessThan(3 * 60_000);
  });
});

describe('the demo citizens', () => {
  it('have generated CPR numbers that are valid dates, unique, and invented names', () => {
    const cprs = DEMO_CITIZENS.map((c, n) => demoCpr(c.born, n));
    expect(new Set(cprs).size).toBe(cprs.length);
    DEMO_CITIZENS.forEach((c, n) => {
      const parsed = parseCpr(cprs[n]!);
      expect(parsed.ok, cprs[n]).toBe(true);
      if (parsed.ok) expect(parsed.birthDate).toBe(c.born);
    });
    const surnames = new Set(DEMO_CITIZENS.map((c) => c.name.split(' ').at(-1)));
    expect([...surnames].every((s) => ['Fiktivsen', 'Opdigtet', 'Prøvesen', 'Eksempel', 'Demosen', 'Påhitsen'].includes(s!))).toBe(true);
  });
});
