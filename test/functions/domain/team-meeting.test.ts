import { describe, expect, it } from 'vitest';
import { agendaProblems, copenhagenDayStart, meetingEnd, meetingPeriod, proposeAgenda, slotsFor, type Candidate } from '../../../functions/domain/team-meeting.js';

const candidate = (enrolmentId: string, waitingSince: string, over: Partial<Candidate> = {}): Candidate => ({
  enrolmentId,
  colour: 'orange',
  stage: 'team-meeting',
  waitingSince,
  areas: [],
  ...over,
});

describe('proposeAgenda', () => {
  const candidates = [
    candidate('c', '2026-10-03T08:00:00Z', { areas: ['substance-use'] }),
    candidate('a', '2026-10-01T08:00:00Z', { colour: 'green', areas: ['mental-health'] }),
    candidate('red', '2026-09-01T08:00:00Z', { colour: 'red' }),
    candidate('plan', '2026-09-02T08:00:00Z', { stage: 'plan' }),
    candidate('unscreened', '2026-09-03T08:00:00Z', { colour: null }),
    candidate('b', '2026-10-02T08:00:00Z', { colour: 'blue' }),
    candidate('d', '2026-10-04T08:00:00Z', { areas: ['substance-use', 'housing'] }),
  ];

  it('takes the due citizens oldest-waiting first, at most max', () => {
    expect(proposeAgenda(candidates, { taken: new Set(), max: 3 }).map((c) => c.enrolmentId)).toEqual(['a', 'b', 'c']);
    expect(proposeAgenda(candidates, { taken: new Set(), max: 10 }).map((c) => c.enrolmentId)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('leaves out citizens on another upcoming agenda and pools by theme', () => {
    expect(proposeAgenda(candidates, { taken: new Set(['a', 'c']), max: 5 }).map((c) => c.enrolmentId)).toEqual(['b', 'd']);
    expect(proposeAgenda(candidates, { taken: new Set(['c']), theme: 'substance-use', max: 5 }).map((c) => c.enrolmentId)).toEqual(['d']);
  });
});

describe('slotsFor', () => {
  it('gives consecutive slots from the start; only orange meets the team in person', () => {
    expect(slotsFor([{ enrolmentId: 'x', colour: 'orange' }, { enrolmentId: 'y', colour: 'green' }, { enrolmentId: 'z', colour: 'blue' }], '2026-11-24T09:00:00.000Z', 30)).toEqual([
      { enrolmentId: 'x', colour: 'orange', withCitizen: true, slotStart: '2026-11-24T09:00:00.000Z', slotEnd: '2026-11-24T09:30:00.000Z' },
      { enrolmentId: 'y', colour: 'green', withCitizen: false, slotStart: '2026-11-24T09:30:00.000Z', slotEnd: '2026-11-24T10:00:00.000Z' },
      { enrolmentId: 'z', colour: 'blue', withCitizen: false, slotStart: '2026-11-24T10:00:00.000Z', slotEnd: '2026-11-24T10:30:00.000Z' },
    ]);
  });

  it('ends the meeting after its last slot, or one slot for an empty agenda', () => {
    expect(meetingEnd('2026-11-24T09:00:00.000Z', 5, 30)).toBe('2026-11-24T11:30:00.000Z');
    expect(meetingEnd('2026-11-24T09:00:00.000Z', 0, 20)).toBe('2026-11-24T09:20:00.000Z');
  });
});

describe('agendaProblems', () => {
  const none = { taken: new Set<string>(), current: new Set<string>(), recorded: new Set<string>() };
  it('refuses red, not due and taken citizens by index', () => {
    expect(
      agendaProblems(
        [
          { enrolmentId: 'ok', colour: 'green', stage: 'team-meeting' },
          { enrolmentId: 'r', colour: 'red', stage: 'closed' },
          { enrolmentId: 'early', colour: 'orange', stage: 'intake' },
          { enrolmentId: 'busy', colour: 'orange', stage: 'team-meeting' },
        ],
        { ...none, taken: new Set(['busy']) },
      ).map((p) => [p.index, p.rule]),
    ).toEqual([
      [1, 'red'],
      [2, 'not-due'],
      [3, 'on-another-agenda'],
    ]);
  });

  it('keeps recorded citizens: they may stay although no longer due, and may not be removed', () => {
    const context = { ...none, current: new Set(['done', 'x']), recorded: new Set(['done']) };
    expect(agendaProblems([{ enrolmentId: 'done', colour: 'orange', stage: 'plan' }], context)).toEqual([]);
    expect(agendaProblems([], context).map((p) => p.rule)).toEqual(['already-recorded']);
  });
});

describe('meeting periods', () => {
  it('starts a Copenhagen day at local midnight, winter and summer', () => {
    expect(copenhagenDayStart('2026-01-10')).toBe('2026-01-09T23:00:00.000Z');
    expect(copenhagenDayStart('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
    expect(copenhagenDayStart('2026-03-29')).toBe('2026-03-28T23:00:00.000Z'); // summer time begins at 02:00 that day
  });

  it('reads dates as whole Copenhagen days and instants as they are', () => {
    expect(meetingPeriod('2026-11-24', '2026-11-24')).toEqual({ from: '2026-11-23T23:00:00.000Z', to: '2026-11-24T23:00:00.000Z' });
    expect(meetingPeriod('2026-11-24T10:00:00+01:00', undefined)).toEqual({ from: '2026-11-24T09:00:00.000Z', to: '9999' });
    expect(meetingPeriod(undefined, '2026-11-24T10:00:00Z')).toEqual({ from: '0000', to: '2026-11-24T10:00:00.000Z#\uffff' });
  });
});
