import type { ProgrammeSettings } from '../contract/schemas.js';
import { addWorkingDays } from './working-days.js';
import { timerUntilNextTick, type Tick, type Timer } from './step-clock.js';

/*
 * The clocks of the short watches (workflows/watch.ts): an appointment's attendance and a safety flag's
 * follow-up. Like the journey's steps, every due time is computed from stored facts (the appointment's end,
 * the time of the flag, the last tick handled) so a re-armed or resumed watch arrives at the same due times,
 * sends a tick missed while nothing ran late, and notifications stay once per due time. Each watch ends after its escalation: the leads own it from then on.
 */

/** A safety flag must be followed up by the end of the next working day; reminders are daily (working days). */
export const SAFETY_FOLLOW_UP_WORKING_DAYS = 1;
export const SAFETY_REMINDER_WORKING_DAYS = 1;

/** The k-th tick of an appointment's attendance watch: the owner is reminded to register attendance. */
export function attendanceTick(endsAt: Date, s: ProgrammeSettings, index: number): Tick | null {
  if (index > s.remindersBeforeEscalation) return null;
  const first = new Date(endsAt.getTime() + s.attendanceGraceHours * 3_600_000);
  const dueAt = index === 0 ? first : addWorkingDays(first, index * s.reminderIntervalWorkingDays);
  return {
    index,
    dueAt: dueAt.toISOString(),
    notifications:
      index === s.remindersBeforeEscalation
        ? [{ kind: 'attendance-not-registered', audience: 'owner' }, { kind: 'escalation', audience: 'leads' }]
        : [{ kind: 'attendance-not-registered', audience: 'owner' }],
  };
}

/** The k-th tick of a safety flag's follow-up: the safety team is reminded daily, then the leads are told. */
export function safetyTick(flaggedAt: Date, s: ProgrammeSettings, index: number): Tick | null {
  if (index > s.remindersBeforeEscalation) return null;
  const deadline = addWorkingDays(flaggedAt, SAFETY_FOLLOW_UP_WORKING_DAYS);
  const dueAt = index === 0 ? deadline : addWorkingDays(deadline, index * SAFETY_REMINDER_WORKING_DAYS);
  return {
    index,
    dueAt: dueAt.toISOString(),
    notifications:
      index === s.remindersBeforeEscalation
        ? [{ kind: 'safety-flag', audience: 'safety-team' }, { kind: 'escalation', audience: 'leads' }]
        : [{ kind: 'safety-flag', audience: 'safety-team' }],
  };
}

export type WatchKind = 'attendance' | 'safety';

/**
 * The timer a watch sets now: until the tick after the last one handled (`handledDueAt`, null when none was),
 * at once when that is past; null when every tick was handled (the watch ends).
 */
export function nextWatchTimer(kind: WatchKind, from: Date, s: ProgrammeSettings, now: Date, handledDueAt: string | null): Timer | null {
  const tickAt = kind === 'attendance' ? (i: number) => attendanceTick(from, s, i) : (i: number) => safetyTick(from, s, i);
  return timerUntilNextTick(tickAt, now, handledDueAt, true);
}
