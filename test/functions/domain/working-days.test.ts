import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  copenhagenDate,
  easterSunday,
  isWorkingDay,
} from '../../../functions/domain/working-days.js';

/** Every Monday–Friday of `year` that isWorkingDay calls a holiday. */
function weekdayHolidays(year: number): string[] {
  const found: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const day = new Date(t);
    const weekday = day.getUTCDay();
    const iso = day.toISOString().slice(0, 10);
    if (weekday !== 0 && weekday !== 6 && !isWorkingDay(iso)) found.push(iso);
  }
  return found;
}

describe('easterSunday', () => {
  // Published Easter Sunday dates (Gregorian), across the century rules of the computus.
  it.each([
    [1900, 4, 15],
    [1943, 4, 25], // the latest possible
    [1961, 4, 2],
    [1985, 4, 7],
    [2000, 4, 23],
    [2008, 3, 23],
    [2011, 4, 24],
    [2019, 4, 21],
    [2027, 3, 28],
    [2038, 4, 25],
    [2049, 4, 18],
    [2100, 3, 28],
    [2285, 3, 22], // the earliest possible
  ])('Easter Sunday %i is %i/%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual({ year, month, day });
  });
});

describe('isWorkingDay', () => {
  // Hand-checked against the Danish calendar: Easter Sunday was/is 9 Apr 2023, 31 Mar 2024,
  // 20 Apr 2025 and 5 Apr 2026; holidays on a Saturday or Sunday are not moved.
  it.each([
    [
      2023,
      [
        '2023-04-06', // Skærtorsdag
        '2023-04-07', // Langfredag
        '2023-04-10', // 2. Påskedag
        '2023-05-05', // Store Bededag — its last year
        '2023-05-18', // Kristi Himmelfartsdag
        '2023-05-29', // 2. Pinsedag
        '2023-12-25', // Juledag
        '2023-12-26', // 2. Juledag (Nytårsdag 2023 was a Sunday)
      ],
    ],
    [
      2024,
      [
        '2024-01-01', // Nytårsdag
        '2024-03-28', // Skærtorsdag
        '2024-03-29', // Langfredag
        '2024-04-01', // 2. Påskedag — and no Store Bededag on 26 April
        '2024-05-09', // Kristi Himmelfartsdag
        '2024-05-20', // 2. Pinsedag
        '2024-12-25', // Juledag
        '2024-12-26', // 2. Juledag
      ],
    ],
    [
      2025,
      [
        '2025-01-01',
        '2025-04-17', // Skærtorsdag
        '2025-04-18', // Langfredag
        '2025-04-21', // 2. Påskedag
        '2025-05-29', // Kristi Himmelfartsdag
        '2025-06-09', // 2. Pinsedag
        '2025-12-25',
        '2025-12-26',
      ],
    ],
    [
      2026,
      [
        '2026-01-01',
        '2026-04-02', // Skærtorsdag
        '2026-04-03', // Langfredag
        '2026-04-06', // 2. Påskedag
        '2026-05-14', // Kristi Himmelfartsdag
        '2026-05-25', // 2. Pinsedag
        '2026-12-25', // Juledag (2. Juledag is a Saturday)
      ],
    ],
    [
      2019,
      [
        '2019-01-01',
        '2019-04-18', // Skærtorsdag
        '2019-04-19', // Langfredag
        '2019-04-22', // 2. Påskedag
        '2019-05-17', // Store Bededag
        '2019-05-30', // Kristi Himmelfartsdag
        '2019-06-10', // 2. Pinsedag
        '2019-12-25',
        '2019-12-26',
      ],
    ],
    [
      2027,
      [
        '2027-01-01',
        '2027-03-25', // Skærtorsdag
        '2027-03-26', // Langfredag
        '2027-03-29', // 2. Påskedag
        '2027-05-06', // Kristi Himmelfartsdag
        '2027-05-17', // 2. Pinsedag
        // Juledag and 2. Juledag 2027 are a Saturday and a Sunday.
      ],
    ],
  ])('the weekday holidays of %i are exactly these', (year, holidays) => {
    expect(weekdayHolidays(year)).toEqual(holidays);
  });

  it('Store Bededag is a holiday in 2023 but a working day from 2024', () => {
    expect(isWorkingDay('2023-05-05')).toBe(false);
    expect(isWorkingDay('2024-04-26')).toBe(true);
    expect(isWorkingDay('2025-05-16')).toBe(true);
    expect(isWorkingDay('2026-05-01')).toBe(true);
  });

  it.each([
    ['2025-06-05', 'Grundlovsdag (Thursday)'],
    ['2026-06-05', 'Grundlovsdag (Friday)'],
    ['2025-12-24', 'Juleaften (Wednesday)'],
    ['2026-12-24', 'Juleaften (Thursday)'],
    ['2025-12-31', 'Nytårsaften (Wednesday)'],
    ['2026-12-31', 'Nytårsaften (Thursday)'],
    ['2026-05-01', '1. maj (Friday)'],
  ])('%s, %s, is a working day (not a public holiday by law)', (date) => {
    expect(isWorkingDay(date)).toBe(true);
  });

  it('weekends and Sunday holidays are not working days', () => {
    expect(isWorkingDay('2026-04-04')).toBe(false); // Saturday
    expect(isWorkingDay('2026-04-05')).toBe(false); // Påskedag, Sunday
    expect(isWorkingDay('2026-12-26')).toBe(false); // 2. Juledag, Saturday
    expect(isWorkingDay('2026-04-07')).toBe(true); // Tuesday after Easter
  });

  it.each(['2026-02-30', '2026-13-01', '2026-4-7', '07-04-2026', '', '2026-04-07T00:00'])(
    'throws on %j',
    (date) => {
      expect(() => isWorkingDay(date)).toThrow(RangeError);
    },
  );
});

describe('addWorkingDays', () => {
  const add = (from: string, days: number) => addWorkingDays(new Date(from), days).toISOString();

  describe('Easter 2026 (Skærtorsdag 2 April – 2. Påskedag 6 April)', () => {
    it('counting from Skærtorsdag starts on Tuesday 7 April', () => {
      // Thu 2 Apr 09:00 CEST → next working day Tue 7 Apr, +1 → Wed 8 Apr 09:00 CEST.
      expect(add('2026-04-02T07:00:00Z', 1)).toBe('2026-04-08T07:00:00.000Z');
      expect(add('2026-04-02T07:00:00Z', 0)).toBe('2026-04-07T07:00:00.000Z');
    });

    it('the Wednesday before Easter + 1 is the Tuesday after', () => {
      expect(add('2026-04-01T07:00:00Z', 1)).toBe('2026-04-07T07:00:00.000Z');
    });

    it('the Wednesday before Easter + 10 is Monday 20 April', () => {
      // Tue 7, Wed 8, Thu 9, Fri 10, Mon 13, Tue 14, Wed 15, Thu 16, Fri 17, Mon 20.
      expect(add('2026-04-01T07:00:00Z', 10)).toBe('2026-04-20T07:00:00.000Z');
    });

    it('uses the Copenhagen date, not the UTC date', () => {
      // 22:30Z on 1 April is 00:30 on Skærtorsdag in Copenhagen.
      expect(add('2026-04-01T22:30:00Z', 1)).toBe('2026-04-07T22:30:00.000Z');
    });
  });

  describe('Easter 2025 (Skærtorsdag 17 April – 2. Påskedag 21 April)', () => {
    it('Wednesday 16 April 14:30 + 1 is Tuesday 22 April 14:30', () => {
      expect(add('2025-04-16T12:30:00Z', 1)).toBe('2025-04-22T12:30:00.000Z');
    });

    it('Friday 11 April + 5 is Wednesday 23 April', () => {
      // Mon 14, Tue 15, Wed 16, Tue 22, Wed 23.
      expect(add('2025-04-11T08:00:00Z', 5)).toBe('2025-04-23T08:00:00.000Z');
    });

    it('Kristi Himmelfartsdag: Wednesday 28 May + 1 is Friday 30 May', () => {
      expect(add('2025-05-28T08:00:00Z', 1)).toBe('2025-05-30T08:00:00.000Z');
    });
  });

  describe('Christmas and New Year 2026', () => {
    it('Juleaften is a working day: Wednesday 23 December + 1 is Thursday 24', () => {
      expect(add('2026-12-23T09:00:00Z', 1)).toBe('2026-12-24T09:00:00.000Z');
    });

    it('Wednesday 23 December + 2 is Monday 28 (Juledag, then the weekend)', () => {
      expect(add('2026-12-23T09:00:00Z', 2)).toBe('2026-12-28T09:00:00.000Z');
    });

    it('Tuesday 22 December + 5 is Wednesday 30', () => {
      // Wed 23, Thu 24, Mon 28, Tue 29, Wed 30.
      expect(add('2026-12-22T09:00:00Z', 5)).toBe('2026-12-30T09:00:00.000Z');
    });

    it('Thursday 31 December + 1 is Monday 4 January 2027 (Nytårsdag is a Friday)', () => {
      expect(add('2026-12-31T09:00:00Z', 1)).toBe('2027-01-04T09:00:00.000Z');
    });
  });

  describe('Store Bededag', () => {
    it('2023: Thursday 4 May + 1 skips Friday 5 May', () => {
      expect(add('2023-05-04T08:00:00Z', 1)).toBe('2023-05-08T08:00:00.000Z');
    });

    it('2024: Thursday 25 April + 1 is Friday 26 April', () => {
      expect(add('2024-04-25T08:00:00Z', 1)).toBe('2024-04-26T08:00:00.000Z');
    });
  });

  describe('across a DST change the wall-clock time is kept', () => {
    it('Friday 27 March 2026 09:00 CET + 1 is Monday 30 March 09:00 CEST', () => {
      expect(add('2026-03-27T08:00:00Z', 1)).toBe('2026-03-30T07:00:00.000Z');
    });

    it('Friday 23 October 2026 09:00 CEST + 1 is Monday 26 October 09:00 CET', () => {
      expect(add('2026-10-23T07:00:00Z', 1)).toBe('2026-10-26T08:00:00.000Z');
    });
  });

  it('0 days from a working day is the same instant', () => {
    expect(add('2026-03-03T10:15:42.123Z', 0)).toBe('2026-03-03T10:15:42.123Z');
  });

  it('from a weekend, counting starts on Monday', () => {
    // Saturday 7 March 2026 11:00 CET.
    expect(add('2026-03-07T10:00:00Z', 0)).toBe('2026-03-09T10:00:00.000Z');
    expect(add('2026-03-07T10:00:00Z', 1)).toBe('2026-03-10T10:00:00.000Z');
    expect(add('2026-03-08T10:00:00Z', 1)).toBe('2026-03-10T10:00:00.000Z');
  });

  it('Friday + 1 is Monday', () => {
    expect(add('2026-03-06T10:00:00Z', 1)).toBe('2026-03-09T10:00:00.000Z');
  });

  it('does not mutate its argument', () => {
    const from = new Date('2026-04-01T07:00:00Z');
    addWorkingDays(from, 3);
    expect(from.toISOString()).toBe('2026-04-01T07:00:00.000Z');
  });

  it.each([-1, 1.5, Number.NaN])('throws on days = %d', (days) => {
    expect(() => addWorkingDays(new Date('2026-04-01T07:00:00Z'), days)).toThrow(RangeError);
  });

  it('throws on an invalid Date', () => {
    expect(() => addWorkingDays(new Date('nonsense'), 1)).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  const add = (from: string, days: number) => addCalendarDays(new Date(from), days).toISOString();

  it('keeps 09:00 across the spring change (a 23-hour day)', () => {
    // Sat 28 Mar 2026 09:00 CET → Sun 29 Mar 09:00 CEST.
    expect(add('2026-03-28T08:00:00Z', 1)).toBe('2026-03-29T07:00:00.000Z');
  });

  it('keeps 12:00 across the autumn change (a 25-hour day)', () => {
    // Sat 24 Oct 2026 12:00 CEST → Sun 25 Oct 12:00 CET.
    expect(add('2026-10-24T10:00:00Z', 1)).toBe('2026-10-25T11:00:00.000Z');
  });

  it('goes backwards with negative days', () => {
    // Mon 30 Mar 2026 09:00 CEST → Sat 28 Mar 09:00 CET.
    expect(add('2026-03-30T07:00:00Z', -2)).toBe('2026-03-28T08:00:00.000Z');
  });

  it('keeps local midnight across the spring change', () => {
    // Sun 29 Mar 2026 00:00 CET → Mon 30 Mar 00:00 CEST.
    expect(add('2026-03-28T23:00:00Z', 1)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('moves a wall-clock time that does not exist (02:30 on 29 March 2026) forward to 03:30', () => {
    // Sat 28 Mar 02:30 CET = 01:30Z; 02:30 on Sunday is skipped, 03:30 CEST = 01:30Z.
    expect(add('2026-03-28T01:30:00Z', 1)).toBe('2026-03-29T01:30:00.000Z');
  });

  it('picks the first of a repeated wall-clock time (02:30 on 25 October 2026)', () => {
    // Sat 24 Oct 02:30 CEST = 00:30Z; Sunday's 02:30 happens at 00:30Z (CEST) and 01:30Z (CET).
    expect(add('2026-10-24T00:30:00Z', 1)).toBe('2026-10-25T00:30:00.000Z');
  });

  it('keeps milliseconds and crosses month and year ends', () => {
    expect(add('2026-01-15T08:00:00.123Z', 1)).toBe('2026-01-16T08:00:00.123Z');
    expect(add('2026-12-31T09:00:00Z', 1)).toBe('2027-01-01T09:00:00.000Z');
    expect(add('2028-02-28T09:00:00Z', 1)).toBe('2028-02-29T09:00:00.000Z');
    expect(add('2026-01-31T09:00:00Z', 30)).toBe('2026-03-02T09:00:00.000Z');
  });

  it('throws on fractional days', () => {
    expect(() => addCalendarDays(new Date('2026-01-01T00:00:00Z'), 0.5)).toThrow(RangeError);
  });
});

describe('copenhagenDate', () => {
  it.each([
    ['2026-03-28T23:30:00Z', '2026-03-29'], // 00:30 CET
    ['2026-03-28T22:59:59Z', '2026-03-28'], // 23:59:59 CET
    ['2026-06-30T21:59:59Z', '2026-06-30'], // 23:59:59 CEST
    ['2026-06-30T22:00:00Z', '2026-07-01'], // 00:00 CEST
    ['2026-12-31T22:59:59.999Z', '2026-12-31'],
    ['2026-12-31T23:00:00Z', '2027-01-01'],
  ])('%s → %s', (instant, date) => {
    expect(copenhagenDate(new Date(instant))).toBe(date);
  });
});
