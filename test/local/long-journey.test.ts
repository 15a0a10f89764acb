import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimatedHistoryEvents } from '../../local/step-functions.js';
import { givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';

/*
 * A journey longer than a Step Functions execution may live: it continues as a new execution before the
 * one-year limit, with its state (the stored stage, the due times) intact, driven across that boundary by the
 * controllable clock. Also the history budget: far below 25,000 events per execution.
 */
let system: System;
let programme: { id: string };

beforeAll(async () => {
  system = await startSystem();
  expect((await system.request('POST', '/local/clock', { body: { now: '2031-03-03T09:00:00+01:00' } })).status).toBe(200);
  ({ programme } = await givenProgrammeWithStaff(system));
});
afterAll(() => system?.stop());

describe('a journey across the one-year limit', () => {
  it('continues as the next generation after 300 days, keeps reminding once per due time, and still takes its signal', async () => {
    const id = (await system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, { cpr: '0202921234', name: 'Lang Fiktiv', municipality: '0183' })).body.id;
    await system.advance('P299D');
    const executions = () => system.runtime.stepFunctions.listExecutions().filter((e) => e.name.startsWith(`journey-${id}`));
    expect(executions().map((e) => `${e.name.replace(id, 'ID')} ${e.status}`)).toEqual(['journey-ID RUNNING']);
    const before = (await system.as('lead.both').get('/me/inbox')).body.items.filter((n: { enrolmentId: string }) => n.enrolmentId === id);

    await system.advance('P60D');
    expect(executions().map((e) => `${e.name.replace(id, 'ID')} ${e.status}`)).toEqual(['journey-ID SUCCEEDED', 'journey-ID-g1 RUNNING']);
    expect(executions()[1]!.input).toEqual({ enrolmentId: id, generation: 1 });
    const after: { kind: string; dueAt: string }[] = (await system.as('lead.both').get('/me/inbox')).body.items.filter((n: { enrolmentId: string }) => n.enrolmentId === id);
    // The reminders went on across the boundary at the interval, each due time once.
    expect(after.length).toBeGreaterThan(before.length + 10);
    expect(new Set(after.map((n) => `${n.kind} ${n.dueAt}`)).size).toBe(after.length);
    const dueTimes = after.filter((n) => n.kind === 'screening-overdue').map((n) => Date.parse(n.dueAt)).sort((a, b) => a - b);
    const gaps = dueTimes.slice(1).map((t, i) => (t - dueTimes[i]!) / 86_400_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(9); // three working days; around Christmas and Easter up to nine calendar days
    expect(after.filter((n) => n.kind === 'escalation')).toHaveLength(1);

    // The state is intact: the new generation waits on the same step and moves on when it is recorded.
    const journey = (await system.as('lead.both').get(`/enrolments/${id}`)).body;
    expect(journey.stage).toBe('screening');
    expect((await system.as('lead.both').post(`/enrolments/${id}/screening`, { colour: 'orange', reason: 'Screenet sent' })).status).toBe(200);
    await system.advance('PT1M');
    expect((await system.as('lead.both').get(`/enrolments/${id}`)).body.stage).toBe('intake');

    const history = executions().map((e) => estimatedHistoryEvents(e.enteredByType, 1));
    console.log(JSON.stringify({ generations: executions().map((e) => ({ transitions: e.transitions, invocations: e.invocations, estimatedAwsEvents: estimatedHistoryEvents(e.enteredByType, 1) })) }));
    for (const events of history) expect(events).toBeLessThan(25_000 / 10);
  }, 240_000);
});
