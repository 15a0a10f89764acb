/**
 * Working days and calendar arithmetic in Europe/Copenhagen.
 *
 * A working day is Monday–Friday and not a Danish public holiday. Only the days that are public
 * holidays by law (helligdage) count: Nytårsdag, Skærtorsdag, Langfredag, Påskedag, 2. Påskedag,
 * Store Bededag (abolished as a holiday from 2024 by an act of 2023), Kristi Himmelfartsdag,
 * Pinsedag, 2. Pinsedag, Juledag and 2. Juledag. Grundlovsdag, Juleaften and Nytårsaften are NOT
 * public holidays by law — many workplaces close, but a municipal deadline still runs through them.
 *
 * They are computed here (Easter by the Gregorian computus, the rest fixed or counted from it) rather than
 * taken from a holiday library: `date-holidays` carried every country's data and made each Lambda bundle
 * three times the size of the rest of it together (bench/bundles.ts).
 */

const TIME_ZONE = 'Europe/Copenhagen';
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}

/** Days from Easter Sunday of the movable holidays: Skærtorsdag … 2. Pinsedag. */
const FROM_EASTER = [-3, -2, 0, 1, 39, 49, 50];
/** Store Bededag, the fourth Friday after Easter, was abolished as a public holiday from 2024. */
const STORE_BEDEDAG = 26;
const LAST_STORE_BEDEDAG_YEAR = 2023;

const holidaysByYear = new Map<number, ReadonlySet<string>>();

function publicHolidays(year: number): ReadonlySet<string> {
  let dates = holidaysByYear.get(year);
  if (!dates) {
    const easter = easterSunday(year);
    const offsets = year <= LAST_STORE_BEDEDAG_YEAR ? [...FROM_EASTER, STORE_BEDEDAG] : FROM_EASTER;
    dates = new Set([
      formatCivil({ year, month: 1, day: 1 }), // Nytårsdag
      ...offsets.map((days) => formatCivil(shiftCivil(easter, days))),
      formatCivil({ year, month: 12, day: 25 }), // Juledag
      formatCivil({ year, month: 12, day: 26 }), // 2. Juledag
    ]);
    holidaysByYear.set(year, dates);
  }
  return dates;
}

/** A calendar date without time or zone; month is 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

function parseIsoDate(date: string): CivilDate {
  const match = ISO_DATE.exec(date);
  const civil = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!civil || formatCivil(shiftCivil(civil, 0)) !== date) {
    throw new RangeError('Expected a real date written as YYYY-MM-DD.');
  }
  return civil;
}

function formatCivil({ year, month, day }: CivilDate): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Calendar-day shift done in UTC, where every day is 24 hours long. */
function shiftCivil({ year, month, day }: CivilDate, days: number): CivilDate {
  const shifted = new Date(0);
  shifted.setUTCFullYear(year, month - 1, day + days);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function isWorkingCivil(date: CivilDate): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(date.year).has(formatCivil(date));
}

/** True when `date` (YYYY-MM-DD) is a Danish working day. Throws RangeError on a malformed date. */
export function isWorkingDay(date: string): boolean {
  return isWorkingCivil(parseIsoDate(date));
}

// ---- Copenhagen wall-clock time -------------------------------------------------------------

const wallClockFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock extends CivilDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** The wall clock as Intl formats it: exact, but slow enough to matter when thousands of timers are set. */
function formattedWallClock(instant: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const part of wallClockFormat.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
    millisecond: 0,
  };
}

const HOUR_MS = 3_600_000;
/** Copenhagen's offset in each UTC hour; its changes fall on whole UTC hours (01:00 UTC), so it holds all hour. */
const offsetOfHour = new Map<number, number>();

function offsetAt(epochMs: number): number {
  const hour = Math.floor(epochMs / HOUR_MS);
  let offset = offsetOfHour.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    offset = wallClockAsUtc(formattedWallClock(new Date(start))) - start;
    if (offsetOfHour.size >= 100_000) offsetOfHour.clear();
    offsetOfHour.set(hour, offset);
  }
  return offset;
}

function wallClockOf(instant: Date): WallClock {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid Date.');
  const shifted = new Date(time + offsetAt(time));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
  };
}

/** The wall-clock reading treated as if it were UTC — handy for offset arithmetic. */
function wallClockAsUtc(w: WallClock): number {
  const utc = new Date(0);
  utc.setUTCFullYear(w.year, w.month - 1, w.day);
  utc.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return utc.getTime();
}

/**
 * The instant showing wall clock `w` in Copenhagen. Resolves DST like Temporal's "compatible":
 * a time repeated in autumn gets its first (summer-time) occurrence; a time skipped in spring is
 * moved forward by the gap (02:30 becomes 03:30).
 */
function instantOfWallClock(w: WallClock): Date {
  const local = wallClockAsUtc(w);
  // Offsets a day either side bracket any single DST transition.
  const offsetBefore = offsetAt(local - DAY_MS);
  const offsetAfter = offsetAt(local + DAY_MS);
  const candidates = [local - offsetBefore, local - offsetAfter]
    .filter((epoch) => offsetAt(epoch) === local - epoch)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? local - offsetBefore);
}

/** The date (YYYY-MM-DD) the instant falls on in Copenhagen. */
export function copenhagenDate(instant: Date): string {
  return formatCivil(wallClockOf(instant));
}

/**
 * `days` calendar days later (or earlier, when negative) at the same Copenhagen wall-clock time,
 * so 09:00 stays 09:00 across a change to or from summer time.
 */
export function addCalendarDays(from: Date, days: number): Date {
  if (!Number.isInteger(days)) throw new RangeError('days must be a whole number.');
  const wall = wallClockOf(from);
  return instantOfWallClock({ ...wall, ...shiftCivil(wall, days) });
}

/**
 * `days` working days later at the same Copenhagen wall-clock time. When `from` is not a working
 * day, counting starts from the next working day (as something received on a Saturday counts as
 * received on Monday): Saturday + 1 is Tuesday, Saturday + 0 is Monday.
 */
export function addWorkingDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError('days must be a whole number ≥ 0.');
  const wall = wallClockOf(from);
  let date: CivilDate = wall;
  while (!isWorkingCivil(date)) date = shiftCivil(date, 1);
  for (let counted = 0; counted < days; ) {
    date = shiftCivil(date, 1);
    if (isWorkingCivil(date)) counted += 1;
  }
  return instantOfWallClock({ ...wall, ...date });
}

/** The instant it is `hour`:`minute` on `date` (YYYY-MM-DD) in Copenhagen. */
export function copenhagenInstant(date: string, hour: number, minute: number): Date {
  return instantOfWallClock({ ...parseIsoDate(date), hour, minute, second: 0, millisecond: 0 });
}
