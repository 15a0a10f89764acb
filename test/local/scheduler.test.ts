import { describe, expect, it } from 'vitest';
import { nextOccurrence } from '../../local/scheduler.js';

const daily = { expression: 'cron(0 2 * * ? *)', timeZone: 'Europe/Copenhagen' };

describe('the local scheduler’s times', () => {
  it('runs a daily schedule at 02:00 Copenhagen time, in winter and in summer', () => {
    expect(nextOccurrence(daily, new Date('2026-12-02T05:00:00Z')).toISOString()).toBe('2026-12-03T01:00:00.000Z');
    expect(nextOccurrence(daily, new Date('2027-06-01T00:30:00Z')).toISOString()).toBe('2027-06-02T00:00:00.000Z');
    expect(nextOccurrence(daily, new Date('2027-06-01T23:59:00Z')).toISOString()).toBe('2027-06-02T00:00:00.000Z');
  });

  it('runs a monthly schedule on its day of the month', () => {
    const monthly = { expression: 'cron(30 6 5 * ? *)', timeZone: 'Europe/Copenhagen' };
    expect(nextOccurrence(monthly, new Date('2027-01-05T06:00:00Z')).toISOString()).toBe('2027-02-05T05:30:00.000Z');
  });

  it('refuses an expression it cannot run, rather than run it wrongly', () => {
    expect(() => nextOccurrence({ expression: 'rate(1 day)', timeZone: 'Europe/Copenhagen' }, new Date())).toThrow(/does not run/);
    expect(() => nextOccurrence({ ...daily, timeZone: 'UTC' }, new Date())).toThrow(/does not run/);
  });
});
