import { describe, expect, it } from 'vitest';
import { interventionsNotStarted, startOfMonthInCopenhagen } from '../../../functions/domain/follow-up.js';

const plan = [
  { id: 'iv-jan', title: 'Praktik', startMonth: '2031-01' },
  { id: 'iv-feb', title: 'Angstgruppe', startMonth: '2031-02' },
  { id: 'iv-mar', title: 'Bostøtte', startMonth: '2031-03' },
];

describe('interventions not started', () => {
  it('flags an intervention once its start month is over in Copenhagen, unless a session of it was attended', () => {
    const sessions = [
      { kind: 'intervention', interventionId: 'iv-jan', attendance: { status: 'no-show' } },
      { kind: 'intervention', interventionId: 'iv-feb', attendance: { status: 'attended' } },
      { kind: 'follow-up', interventionId: null, attendance: { status: 'attended' } },
    ];
    // 28 February 23:30 UTC is already 1 March in Copenhagen: February is over.
    expect(interventionsNotStarted(plan, sessions, new Date('2031-02-28T23:30:00Z'))).toEqual([
      { interventionId: 'iv-jan', title: 'Praktik', startMonth: '2031-01', dueAt: '2031-01-31T23:00:00.000Z' },
    ]);
    expect(interventionsNotStarted(plan, [], new Date('2031-02-28T22:30:00Z')).map((f) => f.interventionId)).toEqual(['iv-jan']);
    expect(interventionsNotStarted(plan, [], new Date('2031-04-01T08:00:00+02:00')).map((f) => f.interventionId)).toEqual(['iv-jan', 'iv-feb', 'iv-mar']);
  });

  it('starts a month at Copenhagen midnight, in winter and in summer time', () => {
    expect(startOfMonthInCopenhagen('2031-03').toISOString()).toBe('2031-02-28T23:00:00.000Z');
    expect(startOfMonthInCopenhagen('2031-04').toISOString()).toBe('2031-03-31T22:00:00.000Z');
    expect(startOfMonthInCopenhagen('2031-11').toISOString()).toBe('2031-10-31T23:00:00.000Z');
  });
});
