import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awaitingPlan } from '../support/journeys.js';
import { givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';

/*
 * Follow-up during the plan: `follow-up-due` at the programme's interval until an outcome is recorded, and
 * interventions whose start month passed without an attended session flagged to the tovholder — on the clock.
 */
let system: System;
let programme: { id: string };

beforeAll(async () => {
  system = await startSystem();
  // Monday 3 March 2031, 09:00 in Copenhagen.
  expect((await system.request('POST', '/local/clock', { body: { now: '2031-03-03T09:00:00+01:00' } })).status).toBe(200);
  ({ programme } = await givenProgrammeWithStaff(system));
  expect((await system.as('admin').post('/users', { username: 'prov.ishoj', name: 'P', email: 'p@example.org', roles: ['provider'], municipalities: ['0183'], programmes: [programme.id] })).status).toBe(201);
});
afterAll(() => system?.stop());

const inbox = async (username: string, id: string) =>
  ((await system.as(username).get('/me/inbox')).body.items as { kind: string; enrolmentId: string; dueAt: string }[]).filter((n) => n.enrolmentId === id);

describe('follow-up', () => {
  it('reminds at the interval, flags an intervention not started by the end of its start month, and stops at the outcome', async () => {
    const id = await awaitingPlan(system, programme.id, 'Opfølgning Fiktiv');
    expect((await system.as('lead.both').put(`/enrolments/${id}/tovholders`, { primary: 'tov.ishoj' })).status).toBe(200);
    const intervention = (title: string, startMonth: string) => ({ domain: 'employment', title, responsible: 'Jobcentret', startMonth, mode: 'individual', goalKind: 'outcome', goal: 'Mål' });
    const planned = await system.as('tov.ishoj').put(`/enrolments/${id}/plan`, {
      goal: 'Job',
      citizenAgreed: true,
      interventions: [intervention('Praktik', '2031-03'), intervention('Mentor', '2031-04')],
    });
    expect(planned.body.stage).toBe('follow-up');
    const [praktik, mentor] = planned.body.plan.interventions.map((i: { id: string }) => i.id);

    // A session of the first intervention is held and attended in March; the second never starts.
    const session = await system.as('tov.ishoj').post(`/enrolments/${id}/appointments`, { kind: 'intervention', interventionId: praktik, startsAt: '2031-03-10T10:00:00+01:00', endsAt: '2031-03-10T11:00:00+01:00', owner: 'prov.ishoj' });
    expect(session.status).toBe(201);
    await system.advance('P8D');
    expect((await system.as('prov.ishoj').post(`/appointments/${session.body.id}/attendance`, { status: 'attended' })).status).toBe(200);

    await system.advance('P24D'); // 4 April: the first follow-up is due (30 days); April has only begun
    expect((await inbox('tov.ishoj', id)).map((n) => n.kind)).toEqual(['follow-up-due']);
    expect((await system.as('tov.ishoj').get(`/enrolments/${id}`)).body.interventionsNotStarted).toEqual([]);

    await system.advance('P30D'); // 3 May: the second follow-up; April is over and the mentor never started
    const flagged = await inbox('tov.ishoj', id);
    expect(flagged.map((n) => n.kind).sort()).toEqual(['follow-up-due', 'follow-up-due', 'intervention-not-started']);
    expect(flagged.find((n) => n.kind === 'intervention-not-started')!.dueAt).toBe('2031-04-30T22:00:00.000Z');
    const view = (await system.as('tov.ishoj').get(`/enrolments/${id}`)).body;
    expect(view.interventionsNotStarted).toEqual([{ interventionId: mentor, title: 'Mentor', startMonth: '2031-04', dueAt: '2031-04-30T22:00:00.000Z' }]);

    // The flag is sent once, however many follow-ups pass; the outcome ends the follow-up reminders.
    await system.advance('P30D');
    expect((await inbox('tov.ishoj', id)).filter((n) => n.kind === 'intervention-not-started')).toHaveLength(1);
    const outcome = await system.as('tov.ishoj').post(`/enrolments/${id}/outcome`, { outcome: 'job', date: '2031-06-02' });
    expect(outcome.status).toBe(200);
    const before = (await inbox('tov.ishoj', id)).length;
    await system.advance('P90D');
    expect((await inbox('tov.ishoj', id)).filter((n) => n.kind === 'follow-up-due')).toHaveLength(3);
    expect((await inbox('tov.ishoj', id)).length).toBe(before);
  }, 120_000);
});
