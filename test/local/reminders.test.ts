import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';

/* The controllable clock and the journey's reminders, from a fixed Monday so the dates can be stated by hand. */
let system: System;
let programme: { id: string };

beforeAll(async () => {
  system = await startSystem();
  // Monday 3 March 2031, 09:00 in Copenhagen; no public holiday until Easter (13 April 2031).
  const set = await system.request('POST', '/local/clock', { body: { now: '2031-03-03T09:00:00+01:00' } });
  expect(set.status).toBe(200);
  ({ programme } = await givenProgrammeWithStaff(system));
});
afterAll(() => system?.stop());

const inboxFor = async (username: string, enrolmentId: string) =>
  (await system.as(username).get('/me/inbox')).body.items.filter((n: { enrolmentId: string }) => n.enrolmentId === enrolmentId);

describe('the controllable clock', () => {
  it('never goes backwards and takes only ISO 8601 durations', async () => {
    const { now } = (await system.request('GET', '/local/clock')).body;
    expect(now.startsWith('2031-03-03T08:00')).toBe(true);
    expect((await system.request('POST', '/local/clock', { body: { now: '2031-03-02T09:00:00+01:00' } })).status).toBe(409);
    expect((await system.request('POST', '/local/clock', { body: { advance: 'three days' } })).status).toBe(400);
  });

  it('fires the screening reminders in due order, to the leads of the citizen’s municipality only, and escalates', async () => {
    const id = (await system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, { cpr: '0808901234', name: 'Hans Fiktiv', municipality: '0187' })).body.id;
    // Due times carry the milliseconds of the enrolment; compare them to the minute.
    const minute = (items: { kind: string; dueAt: string }[]) => items.map((n) => `${n.kind} ${n.dueAt.slice(0, 16)}`);
    await system.advance('P14DT1M'); // Monday 17 March, 09:01: the deadline (ten working days) has passed.
    expect(minute(await inboxFor('lead.both', id))).toEqual(['screening-overdue 2031-03-17T08:00']);
    await system.advance('P4D'); // Friday 21 March: the reminder of Thursday 20 March has come.
    expect(minute(await inboxFor('lead.both', id))).toEqual(['screening-overdue 2031-03-20T08:00', 'screening-overdue 2031-03-17T08:00']);
    // Tuesday 25 and Friday 28 March: the third reminder comes with the escalation to the leads.
    await system.advance('P7D');
    const all = await inboxFor('lead.both', id);
    expect(minute(all).sort()).toEqual([
      'escalation 2031-03-28T08:00',
      'screening-overdue 2031-03-17T08:00',
      'screening-overdue 2031-03-20T08:00',
      'screening-overdue 2031-03-25T08:00',
      'screening-overdue 2031-03-28T08:00',
    ]);
    expect(await inboxFor('lead.ishoj', id)).toEqual([]);
    expect(await inboxFor('tov.vallensbaek', id)).toEqual([]);

    const read = await system.as('lead.both').post(`/me/inbox/${all[0].id}/read`);
    expect(read.body.read).toBe(true);
    expect((await system.as('lead.ishoj').post(`/me/inbox/${all[0].id}/read`)).status).toBe(404);
  });

  it('stops reminding once the step is recorded', async () => {
    const id = (await system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, { cpr: '0909901234', name: 'Ida Fiktiv', municipality: '0183' })).body.id;
    expect((await system.as('lead.both').post(`/enrolments/${id}/screening`, { colour: 'orange', reason: 'Kendt i BSO' })).status).toBe(200);
    // Screened on Friday 28 March; ten working days around Easter 2031 (10, 11 and 14 April) end Wednesday 16 April.
    await system.advance('P20D');
    // Intake is now awaited; with no tovholder yet, its overdue notice goes to the leads — no screening reminder.
    const kinds = (await inboxFor('lead.both', id)).map((n: { kind: string }) => n.kind);
    expect(kinds).not.toContain('screening-overdue');
    expect(kinds).toEqual(['step-overdue']);
  });
});
