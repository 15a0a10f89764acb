import { describe, expect, it } from 'vitest';
import { BrugForAlleSettings } from '../../../functions/contract/schemas.js';
import { nextTimer, stepDeadline, tickOf } from '../../../functions/domain/step-clock.js';
import { brugForAlle } from '../../../functions/domain/templates/brug-for-alle.js';

const defaults = { template: brugForAlle, settings: BrugForAlleSettings.parse({}) };
// Monday 30 March 2026, 09:00 in Copenhagen (summer time): Easter falls inside the first ten working days.
const enteredBeforeEaster = new Date('2026-03-30T09:00:00+02:00');

describe('step deadlines and reminders', () => {
  it('puts the screening deadline ten working days later, skipping Easter (2, 3 and 6 April 2026)', () => {
    // Working days: 31/3, 1/4, 7/4, 8/4, 9/4, 10/4, 13/4, 14/4, 15/4, 16/4.
    expect(stepDeadline('screening', enteredBeforeEaster, defaults)).toBe('2026-04-16T07:00:00.000Z');
  });

  it('reminds every three working days and escalates to the leads at the third reminder', () => {
    const ticks = [0, 1, 2, 3, 4].map((i) => tickOf('screening', enteredBeforeEaster, defaults, i)!);
    expect(ticks.map((t) => t.dueAt)).toEqual([
      '2026-04-16T07:00:00.000Z', // Thursday
      '2026-04-21T07:00:00.000Z', // Tuesday (17, 20, 21)
      '2026-04-24T07:00:00.000Z', // Friday
      '2026-04-29T07:00:00.000Z', // Wednesday
      '2026-05-04T07:00:00.000Z', // Monday
    ]);
    expect(ticks.map((t) => t.notifications.map((n) => `${n.kind}>${n.audience}`).join(','))).toEqual([
      'screening-overdue>leads',
      'screening-overdue>leads',
      'screening-overdue>leads',
      'screening-overdue>leads,escalation>leads',
      'screening-overdue>leads',
    ]);
  });

  it('tells the tovholder when a later step is overdue', () => {
    expect(tickOf('plan', enteredBeforeEaster, defaults, 0)!.notifications).toEqual([{ kind: 'step-overdue', audience: 'tovholder' }]);
  });

  it('asks for follow-up every 30 calendar days and has no deadline in aftercare', () => {
    expect(tickOf('follow-up', enteredBeforeEaster, defaults, 0)!.dueAt).toBe('2026-04-29T07:00:00.000Z');
    expect(tickOf('follow-up', enteredBeforeEaster, defaults, 1)!.dueAt).toBe('2026-05-29T07:00:00.000Z');
    expect(stepDeadline('aftercare', enteredBeforeEaster, defaults)).toBeNull();
  });

  it('sets the timer to the next tick after the one just fired, never that one again', () => {
    const atDeadline = new Date('2026-04-16T07:00:00.000Z');
    const timer = nextTimer('screening', enteredBeforeEaster, defaults, atDeadline, atDeadline.toISOString());
    expect(timer.tick?.index).toBe(1);
    expect(timer.dueAt).toBe('2026-04-21T07:00:00.000Z');
    expect(timer.seconds).toBe(5 * 24 * 3600);
  });

  it('re-checks after 20 days when the next tick is further away', () => {
    const timer = nextTimer('aftercare', enteredBeforeEaster, defaults, enteredBeforeEaster, null);
    expect(timer).toEqual({ seconds: 20 * 24 * 3600, dueAt: '2026-04-19T07:00:00.000Z', tick: null });
  });

  it('sends the ticks that fell due while nothing ran late, at once, each once and in order, then waits for the next', () => {
    // Down from before the deadline until Saturday 25 April: the deadline and two reminders passed meanwhile.
    const back = new Date('2026-04-25T10:00:00.000Z');
    const fired: string[] = [];
    let handled: string | null = null;
    let timer = nextTimer('screening', enteredBeforeEaster, defaults, back, handled);
    while (timer.seconds === 1) {
      fired.push(timer.tick!.dueAt);
      handled = timer.tick!.dueAt;
      timer = nextTimer('screening', enteredBeforeEaster, defaults, back, handled);
    }
    expect(fired).toEqual(['2026-04-16T07:00:00.000Z', '2026-04-21T07:00:00.000Z', '2026-04-24T07:00:00.000Z']);
    expect(timer.tick?.index).toBe(3);
    expect(timer.dueAt).toBe('2026-04-29T07:00:00.000Z');
    expect(timer.seconds).toBe((Date.parse('2026-04-29T07:00:00.000Z') - back.getTime()) / 1000);
  });

  it('keeps the follow-up rhythm after downtime: the missed follow-up comes late, the next on its day', () => {
    const back = new Date('2026-06-10T12:00:00.000Z'); // after the follow-ups of 29 April and 29 May
    const missed = nextTimer('follow-up', enteredBeforeEaster, defaults, back, '2026-04-29T07:00:00.000Z');
    expect(missed).toMatchObject({ seconds: 1, dueAt: '2026-05-29T07:00:00.000Z', tick: { index: 1 } });
    expect(nextTimer('follow-up', enteredBeforeEaster, defaults, back, missed.dueAt)).toMatchObject({ dueAt: '2026-06-28T07:00:00.000Z', tick: { index: 2 } });
  });
});
