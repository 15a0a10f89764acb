import { addWorkingDays, copenhagenDate, copenhagenInstant } from './working-days.js';

/*
 * ISO 8601 weeks (`2026-W49`, Monday to Sunday), as Danish workplaces count them: the week of 4 January is week
 * 1. Weeks are civil dates; their end is midnight in Copenhagen after the Sunday.
 */

const DAY_MS = 86_400_000;
const utc = (date: string) => Date.parse(`${date}T00:00:00Z`);
const civil = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The ISO week a date (YYYY-MM-DD) falls in. */
export function isoWeekOf(date: string): string {
  const ms = utc(date);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0
  const thursday = ms + (3 - weekday) * DAY_MS; // the week's Thursday names its year
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week. */
export function mondayOf(week: string): string {
  const [year, w] = [Number(week.slice(0, 4)), Number(week.slice(6))];
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
  return civil(mondayOfWeek1 + (w - 1) * 7 * DAY_MS);
}

/** The Sunday of an ISO week. */
export const sundayOf = (week: string): string => civil(utc(mondayOf(week)) + 6 * DAY_MS);

/** Whether a well-formed week exists (`2025-W53` does not: only years whose 1 January or 31 December is a Thursday have 53). */
export const isRealWeek = (week: string): boolean => isoWeekOf(mondayOf(week)) === week;

/** The week `n` weeks after `week`. */
export const addWeeks = (week: string, n: number): string => isoWeekOf(civil(utc(mondayOf(week)) + n * 7 * DAY_MS));

/** When a week ends: midnight in Copenhagen after its Sunday. */
export const weekEnd = (week: string): Date => copenhagenInstant(civil(utc(sundayOf(week)) + DAY_MS), 0, 0);

/** When a week's hours are due: its end plus `graceWorkingDays` working days. */
export const hoursDueAt = (week: string, graceWorkingDays: number): Date => addWorkingDays(weekEnd(week), graceWorkingDays);

/** The week `n` weeks after the one an instant falls in (in Copenhagen). */
export const weekAfter = (instant: Date, n: number): string => addWeeks(isoWeekOf(copenhagenDate(instant)), n);
