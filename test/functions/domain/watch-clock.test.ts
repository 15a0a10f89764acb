import { describe, expect, it } from 'vitest';
import { ProgrammeSettings } from '../../../functions/contract/schemas.js';
import { attendanceTick, nextWatchTimer, safetyTick } from '../../../functions/domain/watch-clock.js';

const defaults = ProgrammeSettings.parse({});
const summary = (t: ReturnType<typeof attendanceTick>) => t && `${t.dueAt} ${t.notifications.map((n) => `${n.kind}>${n.audience}`).join(',')}`;

describe('the attendance watch clock', () => {
  // Wednesday 1 April 2026, 14:00–15:00 in Copenhagen; Easter (2, 3 and 6 April) follows.
  const endsAt = new Date('2026-04-01T15:00:00+02:00');

  it('reminds the owner 24 hours after the end, then every three working days around Easter, and escalates at the third', () => {
    expect([0, 1, 2, 3, 4].map((i) => summary(attendanceTick(endsAt, defaults, i)))).toEqual([
      '2026-04-02T13:00:00.000Z attendance-not-registered>owner', // Skærtorsdag itself: the grace is hours, not working days
      // From a holiday, counting starts on the next working day (Tuesday 7 April): 8, 9, 10 April.
      '2026-04-10T13:00:00.000Z attendance-not-registered>owner',
      '2026-04-15T13:00:00.000Z attendance-not-registered>owner', // 13, 14, 15 April
      '2026-04-20T13:00:00.000Z attendance-not-registered>owner,escalation>leads', // 16, 17, 20 April
      null, // the leads own it from then on
    ]);
  });

  it('waits until the next reminder, and ends when every reminder was handled', () => {
    const handled = (i: number) => attendanceTick(endsAt, defaults, i)!.dueAt;
    expect(nextWatchTimer('attendance', endsAt, defaults, new Date('2026-04-01T15:00:00+02:00'), null)).toMatchObject({ seconds: 24 * 3600, tick: { index: 0 } });
    expect(nextWatchTimer('attendance', endsAt, defaults, new Date('2026-04-10T09:00:00+02:00'), handled(0))?.tick?.index).toBe(1);
    expect(nextWatchTimer('attendance', endsAt, defaults, new Date('2026-04-10T15:00:00+02:00'), handled(1))?.tick?.index).toBe(2);
    expect(nextWatchTimer('attendance', endsAt, defaults, new Date('2026-04-20T15:00:00+02:00'), handled(3))).toBeNull();
  });

  it('after downtime sends every reminder missed late, once each and in order, escalation included, then ends', () => {
    const back = new Date('2026-04-25T10:00:00Z'); // every due time has passed, none was handled
    const fired: string[] = [];
    let handled: string | null = null;
    for (let timer = nextWatchTimer('attendance', endsAt, defaults, back, handled); timer; timer = nextWatchTimer('attendance', endsAt, defaults, back, handled)) {
      expect(timer.seconds).toBe(1);
      fired.push(summary(timer.tick)!);
      handled = timer.dueAt;
    }
    expect(fired).toEqual([0, 1, 2, 3].map((i) => summary(attendanceTick(endsAt, defaults, i))));
  });

  it('caps a far-away first reminder at the longest wait, without a tick', () => {
    const far = nextWatchTimer('attendance', new Date('2026-12-01T10:00:00Z'), defaults, new Date('2026-06-01T10:00:00Z'), null);
    expect(far).toMatchObject({ seconds: 20 * 24 * 3600, tick: null });
  });
});

describe('the safety flag clock', () => {
  it('is due the next working day, reminds daily over Christmas 2026 and escalates at the third reminder', () => {
    // Wednesday 23 December 2026, 11:00. Juleaften is a working day; 25 and 26 December are holidays, then Sunday.
    const flagged = new Date('2026-12-23T11:00:00+01:00');
    expect([0, 1, 2, 3, 4].map((i) => summary(safetyTick(flagged, defaults, i)))).toEqual([
      '2026-12-24T10:00:00.000Z safety-flag>safety-team',
      '2026-12-28T10:00:00.000Z safety-flag>safety-team',
      '2026-12-29T10:00:00.000Z safety-flag>safety-team',
      '2026-12-30T10:00:00.000Z safety-flag>safety-team,escalation>leads',
      null,
    ]);
  });
});

describe('the safety flag clock after downtime', () => {
  it('sends the reminder that fell due while nothing ran late, at once, and the next on its day', () => {
    const flagged = new Date('2026-12-23T11:00:00+01:00');
    const back = new Date('2026-12-28T12:00:00Z'); // the flag's deadline and the reminder of the 28th passed
    const missed = nextWatchTimer('safety', flagged, defaults, back, '2026-12-24T10:00:00.000Z');
    expect(missed).toMatchObject({ seconds: 1, dueAt: '2026-12-28T10:00:00.000Z', tick: { index: 1 } });
    expect(nextWatchTimer('safety', flagged, defaults, back, missed!.dueAt)).toMatchObject({ dueAt: '2026-12-29T10:00:00.000Z', tick: { index: 2 } });
  });
});
