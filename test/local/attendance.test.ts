import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';
import { awaitingPlan } from '../support/journeys.js';

/*
 * Appointments and their attendance watch, end to end: the API, the `attendance-watch` state machine from the
 * synthesized template, and the journey it moves on — all on the controllable clock, from a fixed Monday.
 */
let system: System;
let programme: { id: string };
let other: { id: string };
let cprSeq = 10;

beforeAll(async () => {
  system = await startSystem();
  // Monday 3 March 2031, 09:00 in Copenhagen; no public holiday until Easter (13 April 2031).
  expect((await system.request('POST', '/local/clock', { body: { now: '2031-03-03T09:00:00+01:00' } })).status).toBe(200);
  ({ programme, other } = await givenProgrammeWithStaff(system));
  const staff = [
    { username: 'case.ishoj', roles: ['caseworker'], municipalities: ['0183'], programmes: [programme.id] },
    { username: 'cm.ishoj', roles: ['care-manager'], municipalities: ['0183'], programmes: [programme.id] },
    { username: 'prov.ishoj', roles: ['provider'], municipalities: ['0183'], programmes: [programme.id] },
    { username: 'prov.other', roles: ['provider'], municipalities: ['0183'], programmes: [programme.id] },
    { username: 'case.other', roles: ['caseworker'], municipalities: ['0183'], programmes: [other.id] },
  ];
  for (const user of staff) expect((await system.as('admin').post('/users', { ...user, name: user.username, email: `${user.username}@example.org` })).status).toBe(201);
});
afterAll(() => system?.stop());

const now = async () => Date.parse((await system.request('GET', '/local/clock')).body.now);
const hoursFrom = (t: number, hours: number) => new Date(t + hours * 3_600_000).toISOString();
const inbox = async (username: string, enrolmentId: string) =>
  (await system.as(username).get('/me/inbox')).body.items.filter((n: { enrolmentId: string }) => n.enrolmentId === enrolmentId) as { kind: string; dueAt: string }[];
const kinds = async (username: string, enrolmentId: string) => (await inbox(username, enrolmentId)).map((n) => n.kind).sort();

/** A citizen in Ishøj, screened into `colour` (or not screened). */
async function citizen(colour?: 'green' | 'orange' | 'blue') {
  const cpr = `0101${String(80 + (cprSeq++ % 20)).padStart(2, '0')}${String(1000 + cprSeq).slice(-4)}`;
  const enrolled = await system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, { cpr, name: 'Fiktiv Borger', municipality: '0183' });
  expect(enrolled.status).toBe(201);
  if (colour) expect((await system.as('lead.both').post(`/enrolments/${enrolled.body.id}/screening`, { colour, reason: 'Screenet' })).status).toBe(200);
  return enrolled.body.id as string;
}

async function book(id: string, body: object, who = 'lead.both') {
  const reply = await system.as(who).post(`/enrolments/${id}/appointments`, body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body;
}

describe('attended and missed intake conversations', () => {
  it('an attended intake moves an orange citizen on to the preparatory form, a green one to the team', async () => {
    const orange = await citizen('orange');
    const green = await citizen('green');
    const t = await now();
    const a = await book(orange, { kind: 'intake', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'tov.ishoj' });
    expect(a).toMatchObject({ kind: 'intake', owner: 'tov.ishoj', attendance: null, stage: 'intake', version: 1 });
    const b = await book(green, { kind: 'intake', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'case.ishoj' });
    await system.advance('PT1H30M');
    const attended = await system.as('tov.ishoj').post(`/appointments/${a.id}/attendance`, { status: 'attended' });
    expect(attended.status).toBe(200);
    expect(attended.body).toMatchObject({ stage: 'preparatory-form', attendance: { status: 'attended', by: 'tov.ishoj' }, version: 2 });
    expect((await system.as('case.ishoj').post(`/appointments/${b.id}/attendance`, { status: 'attended', note: 'God samtale' })).body.stage).toBe('team-meeting');

    const journey = (await system.as('lead.both').get(`/enrolments/${orange}`)).body;
    expect(journey.stage).toBe('preparatory-form');
    expect(journey.appointments).toEqual([expect.objectContaining({ id: a.id, attendance: expect.objectContaining({ status: 'attended' }) })]);
    expect(journey.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['appointment-booked', 'attendance-attended']));
    // The watches ended: nobody is asked to register attendance, and the journey waits for the next step.
    await system.advance('P3D');
    expect(await kinds('tov.ishoj', orange)).toEqual([]);
    expect(await kinds('case.ishoj', green)).toEqual([]);
    const watches = system.runtime.stepFunctions.listExecutions().filter((e) => e.name.startsWith(`attendance-${a.id}`));
    expect(watches.map((e) => e.status)).toEqual(['SUCCEEDED']);
  });

  it('a green citizen who misses the intake becomes orange; the tovholder is told and gets the intake', async () => {
    const id = await citizen('green');
    const t = await now();
    const a = await book(id, { kind: 'intake', startsAt: hoursFrom(t, 2), endsAt: hoursFrom(t, 3), owner: 'case.ishoj' });
    await system.advance('PT4H');
    const missed = await system.as('case.ishoj').post(`/appointments/${a.id}/attendance`, { status: 'no-show' });
    expect(missed.status).toBe(200);
    expect(missed.body.stage).toBe('intake');
    const journey = (await system.as('lead.both').get(`/enrolments/${id}`)).body;
    expect(journey.colour).toBe('orange');
    expect(journey.baseline.colour).toBe('green');
    expect(journey.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['attendance-no-show', 'colour-changed']));
    // No tovholder is assigned yet: the leads of the citizen's municipality stand in.
    expect(await kinds('lead.both', id)).toEqual(['colour-changed', 'missed-attendance']);
    expect(await kinds('lead.ishoj', id)).toEqual(['colour-changed', 'missed-attendance']);
    expect(await kinds('tov.vallensbaek', id)).toEqual([]);
    // The intake is now the tovholders': a caseworker may no longer hold it, a tovholder may.
    const t2 = await now();
    expect((await system.as('lead.both').post(`/enrolments/${id}/appointments`, { kind: 'intake', startsAt: hoursFrom(t2, 24), endsAt: hoursFrom(t2, 25), owner: 'case.ishoj' })).status).toBe(422);
    await book(id, { kind: 'intake', startsAt: hoursFrom(t2, 24), endsAt: hoursFrom(t2, 25), owner: 'tov.ishoj' });
  });
});

describe('the attendance watch', () => {
  it('reminds the owner after the grace period, repeats at the reminder interval and escalates to the leads, once each', async () => {
    const id = await citizen('orange');
    const t = await now();
    const a = await book(id, { kind: 'follow-up', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'cm.ishoj' });
    await system.advance('PT25H'); // not yet: the end plus 24 hours is an hour away
    expect(await kinds('cm.ishoj', id)).toEqual([]);
    await system.advance('PT1H1M');
    const first = await inbox('cm.ishoj', id);
    expect(first.map((n) => [n.kind, n.dueAt])).toEqual([['attendance-not-registered', hoursFrom(t, 26)]]);
    await system.advance('P14D');
    const all = await inbox('cm.ishoj', id);
    expect(all.map((n) => n.kind)).toEqual(Array(4).fill('attendance-not-registered'));
    expect(new Set(all.map((n) => n.dueAt)).size).toBe(4);
    const escalations = (await inbox('lead.ishoj', id)).filter((n) => n.kind === 'escalation');
    expect(escalations).toHaveLength(1);
    // After the escalation the watch has ended; registering late is still possible and changes nothing else.
    await system.advance('P14D');
    expect(await inbox('cm.ishoj', id)).toHaveLength(4);
    expect((await system.as('cm.ishoj').post(`/appointments/${a.id}/attendance`, { status: 'attended' })).status).toBe(200);
  });

  it('a moved appointment re-arms its watch at the new time; a cancelled one ends it', async () => {
    const id = await citizen('orange');
    const t = await now();
    const moved = await book(id, { kind: 'follow-up', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'tov.ishoj' });
    const cancelled = await book(id, { kind: 'follow-up', startsAt: hoursFrom(t, 3), endsAt: hoursFrom(t, 4), owner: 'tov.ishoj' });
    const patch = await system.as('tov.ishoj').patch(`/appointments/${moved.id}`, { startsAt: hoursFrom(t, 48), endsAt: hoursFrom(t, 49) });
    expect(patch.status).toBe(200);
    expect(patch.body).toMatchObject({ version: 2, endsAt: hoursFrom(t, 49) });
    expect((await system.as('tov.ishoj').post(`/appointments/${cancelled.id}/attendance`, { status: 'cancelled' })).status).toBe(200);
    await system.advance('PT30H'); // the old time plus grace has passed: nothing
    expect(await kinds('tov.ishoj', id)).toEqual([]);
    await system.advance('PT44H'); // the new end plus 24 hours has passed
    expect((await inbox('tov.ishoj', id)).map((n) => [n.kind, n.dueAt])).toEqual([['attendance-not-registered', hoursFrom(t, 73)]]);
    const executions = system.runtime.stepFunctions.listExecutions();
    const of = (appointmentId: string) => executions.filter((e) => e.name.startsWith(`attendance-${appointmentId}`)).map((e) => `${e.name.slice(-2)} ${e.status}`);
    expect(of(moved.id)).toEqual(['v1 SUCCEEDED', 'v2 RUNNING']);
    expect(of(cancelled.id)).toEqual(['v1 SUCCEEDED']);
    // Registered attendance cannot be moved.
    expect((await system.as('tov.ishoj').patch(`/appointments/${cancelled.id}`, { startsAt: hoursFrom(t, 100), endsAt: hoursFrom(t, 101) })).status).toBe(409);
  });

  it('a no-show of any appointment tells the tovholder (once) and ends the watch', async () => {
    const id = await citizen('orange');
    const t = await now();
    const a = await book(id, { kind: 'follow-up', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'tov.ishoj' });
    await system.advance('PT3H');
    expect((await system.as('tov.ishoj').post(`/appointments/${a.id}/attendance`, { status: 'no-show' })).status).toBe(200);
    expect((await system.as('tov.ishoj').post(`/appointments/${a.id}/attendance`, { status: 'no-show' })).status).toBe(409);
    await system.advance('P5D');
    expect((await inbox('lead.ishoj', id)).map((n) => [n.kind, n.dueAt])).toEqual([['missed-attendance', hoursFrom(t, 2)]]);
    expect(await kinds('tov.ishoj', id)).toEqual([]);
    expect((await system.as('lead.both').get(`/enrolments/${id}`)).body.colour).toBe('orange');
  });
});

describe('exactly once', () => {
  it('a timer task delivered twice (or retried after it sent) sends its notifications once', async () => {
    const { handler: watchTasks } = await import('../../functions/workflow/watch-tasks.js');
    const { handler: journeyTasks } = await import('../../functions/workflow/journey-tasks.js');
    const id = await citizen('orange');
    const t = await now();
    const a = await book(id, { kind: 'follow-up', startsAt: hoursFrom(t, -3), endsAt: hoursFrom(t, -2), owner: 'tov.ishoj' });
    const tick = { index: 0, dueAt: hoursFrom(t, 22), notifications: [{ kind: 'attendance-not-registered', audience: 'owner' }] };
    const event = { action: 'timer-fired', watch: 'attendance', enrolmentId: id, watchId: a.id, revision: 1, timer: { seconds: 1, dueAt: tick.dueAt, tick } };
    expect(await watchTasks(event)).toEqual({ sent: 1 });
    expect(await watchTasks(event)).toEqual({ sent: 0 });
    const stepTick = { index: 0, dueAt: hoursFrom(t, -1), notifications: [{ kind: 'step-overdue', audience: 'tovholder' }] };
    const stepEvent = { action: 'timer-fired', step: 'intake', enrolmentId: id, timer: { seconds: 1, dueAt: stepTick.dueAt, tick: stepTick } };
    expect(await journeyTasks(stepEvent)).toEqual({ sent: 1 });
    expect(await journeyTasks(stepEvent)).toEqual({ sent: 0 });
    expect((await inbox('tov.ishoj', id)).map((n) => n.kind)).toEqual(['attendance-not-registered']);
    expect((await inbox('lead.ishoj', id)).map((n) => n.kind)).toEqual(['step-overdue']);
  });
});

describe('refusals change nothing', () => {
  it('bad input, rules and scope: 400, 409, 422, 404 — with the journey data untouched', async () => {
    const id = await citizen('orange');
    const unscreened = await citizen();
    const t = await now();
    const a = await book(id, { kind: 'follow-up', startsAt: hoursFrom(t, 5), endsAt: hoursFrom(t, 6), owner: 'tov.ishoj' });
    const before = await system.journeyData();
    const bad = await system.as('lead.both').post(`/enrolments/${id}/appointments`, { kind: 'intervention', startsAt: hoursFrom(t, 2), endsAt: hoursFrom(t, 1), owner: 'Not A User' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['endsAt', 'interventionId', 'owner']);
    const refused: [string, Promise<{ status: number; body: any }>, number, string?][] = [
      ['intake before screening', system.as('lead.both').post(`/enrolments/${unscreened}/appointments`, { kind: 'intake', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'tov.ishoj' }), 422, 'intake-not-awaited'],
      ['owner elsewhere', system.as('lead.both').post(`/enrolments/${id}/appointments`, { kind: 'follow-up', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'tov.vallensbaek' }), 422, 'owner-not-eligible'],
      ['intervention not in the plan', system.as('lead.both').post(`/enrolments/${id}/appointments`, { kind: 'intervention', interventionId: 'iv-1', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'prov.ishoj' }), 422, 'intervention-not-in-plan'],
      ['provider holds no follow-up', system.as('lead.both').post(`/enrolments/${id}/appointments`, { kind: 'follow-up', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'prov.ishoj' }), 422, 'owner-not-eligible'],
      ['too far ahead', system.as('lead.both').post(`/enrolments/${id}/appointments`, { kind: 'follow-up', startsAt: hoursFrom(t, 24 * 400), endsAt: hoursFrom(t, 24 * 400 + 1), owner: 'tov.ishoj' }), 422, 'too-far-ahead'],
      ['no-show before it starts', system.as('tov.ishoj').post(`/appointments/${a.id}/attendance`, { status: 'no-show' }), 422, 'appointment-not-started'],
      ['unknown status', system.as('tov.ishoj').post(`/appointments/${a.id}/attendance`, { status: 'late' }), 400],
      ['other municipality', system.as('tov.vallensbaek').post(`/appointments/${a.id}/attendance`, { status: 'cancelled' }), 404],
      ['other programme', system.as('case.other').post(`/enrolments/${id}/appointments`, { kind: 'follow-up', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'tov.ishoj' }), 404],
      ['other programme moves', system.as('case.other').patch(`/appointments/${a.id}`, { startsAt: hoursFrom(t, 7), endsAt: hoursFrom(t, 8) }), 404],
      ['unknown appointment', system.as('lead.both').get('/appointments/00000000-0000-0000-0000-000000000000'), 404],
      ['evaluator', system.as('eva.evaluator').get(`/appointments/${a.id}`), 404],
    ];
    for (const [why, call, status, rule] of refused) {
      const reply = await call;
      expect(reply.status, why).toBe(status);
      if (rule) expect(reply.body.error.message.startsWith(`${rule}:`), why).toBe(true);
    }
    expect(await system.journeyData()).toEqual(before);
  });
});

describe('providers', () => {
  it('see and register only the intervention appointments they own; any other citizen is 404', async () => {
    const id = await awaitingPlan(system, programme.id, 'Fiktiv Borger');
    const intervention = (title: string) => ({ domain: 'employment', title, responsible: 'Jobcentret', startMonth: '2031-04', mode: 'individual', goalKind: 'outcome', goal: 'Fremmøde' });
    const plan = await system.as('lead.both').put(`/enrolments/${id}/plan`, { goal: 'Job', citizenAgreed: true, interventions: [intervention('Praktik'), intervention('Mentor')] });
    expect(plan.status).toBe(200);
    const [iv1, iv2] = plan.body.plan.interventions.map((i: { id: string }) => i.id);
    const t = await now();
    const own = await book(id, { kind: 'intervention', interventionId: iv1, startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'prov.ishoj' });
    const notOwn = await book(id, { kind: 'follow-up', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'tov.ishoj' });
    const othersIntervention = await book(id, { kind: 'intervention', interventionId: iv2, startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'prov.other' });
    const mine = await system.as('prov.ishoj').get('/me/appointments');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([own.id]);
    expect((await system.as('prov.ishoj').get(`/appointments/${own.id}`)).body).toMatchObject({ id: own.id, interventionId: iv1 });

    const before = await system.journeyData();
    for (const path of [`/appointments/${notOwn.id}`, `/appointments/${othersIntervention.id}`, `/enrolments/${id}`]) {
      expect((await system.as('prov.ishoj').get(path)).status, path).toBe(404);
    }
    expect((await system.as('prov.ishoj').post(`/appointments/${notOwn.id}/attendance`, { status: 'cancelled' })).status).toBe(404);
    expect((await system.as('prov.ishoj').post(`/enrolments/${id}/appointments`, { kind: 'intervention', interventionId: iv1, startsAt: hoursFrom(t, 30), endsAt: hoursFrom(t, 31), owner: 'prov.ishoj' })).status).toBe(404);
    // The contract lets a provider read and register attendance, not move the appointment.
    expect((await system.as('prov.ishoj').patch(`/appointments/${own.id}`, { startsAt: hoursFrom(t, 30), endsAt: hoursFrom(t, 31) })).status).toBe(403);
    expect(await system.journeyData()).toEqual(before);

    await system.advance('PT3H');
    const registered = await system.as('prov.ishoj').post(`/appointments/${own.id}/attendance`, { status: 'no-show', note: 'Kom ikke' });
    expect(registered.status).toBe(200);
    expect(registered.body.attendance).toMatchObject({ status: 'no-show', by: 'prov.ishoj' });
    // The unit that runs the intervention tells the tovholders through the system.
    expect(await kinds('lead.ishoj', id)).toEqual(['missed-attendance']);
  });
});

describe('sanction assessments', () => {
  it('recommends a sanction only after a no-show with all three answers false', async () => {
    const id = await citizen('orange');
    const t = await now();
    const attended = await book(id, { kind: 'follow-up', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'tov.ishoj' });
    const missed = await book(id, { kind: 'follow-up', startsAt: hoursFrom(t, 1), endsAt: hoursFrom(t, 2), owner: 'tov.ishoj' });
    await system.advance('PT3H');
    await system.as('tov.ishoj').post(`/appointments/${attended.id}/attendance`, { status: 'attended' });
    await system.as('tov.ishoj').post(`/appointments/${missed.id}/attendance`, { status: 'no-show' });
    const assess = (body: object, who = 'tov.ishoj') =>
      system.as(who).post(`/enrolments/${id}/sanction-assessments`, { reasonableCause: false, lackOfResources: false, financialHardship: false, conclusion: 'recommend-sanction', note: 'Vurderet', ...body });
    const before = await system.journeyData();
    expect((await assess({ appointmentId: attended.id })).body.error.message).toMatch(/^sanction-needs-no-show:/);
    for (const answer of ['reasonableCause', 'lackOfResources', 'financialHardship']) {
      const reply = await assess({ appointmentId: missed.id, [answer]: true });
      expect(reply.status, answer).toBe(422);
      expect(reply.body.error.message).toMatch(/^sanction-not-allowed:/);
    }
    expect((await assess({ appointmentId: missed.id, conclusion: 'maybe' })).status).toBe(400);
    expect((await assess({ appointmentId: 'no-such-appointment' })).status).toBe(400);
    expect((await assess({ appointmentId: missed.id }, 'case.ishoj')).status).toBe(404);
    expect(await system.journeyData()).toEqual(before);

    expect((await assess({ appointmentId: attended.id, conclusion: 'no-sanction', reasonableCause: true })).status).toBe(201);
    const recommended = await assess({ appointmentId: missed.id });
    expect(recommended.status).toBe(201);
    expect(recommended.body).toMatchObject({ conclusion: 'recommend-sanction', by: 'tov.ishoj', stage: 'intake' });
    const journey = (await system.as('lead.both').get(`/enrolments/${id}`)).body;
    expect(journey.sanctionAssessments.map((s: { conclusion: string }) => s.conclusion).sort()).toEqual(['no-sanction', 'recommend-sanction']);
  });
});
