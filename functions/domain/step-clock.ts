import { addCalendarDays, addWorkingDays } from './working-days.js';
import { weekAfter, weekEnd } from './iso-week.js';
import { stageOf, trackOf, type Audience, type NotificationKind, type Period, type Rules, type StageClock } from './templates/index.js';

export type { Audience, NotificationKind } from './templates/index.js';

/*
 * When a waiting step reminds whom, as its template version says (the stage's clock). Everything is computed
 * from stored facts (when the step began, the template version and programme settings, the last tick handled),
 * never from when a timer happened to start, so a journey resumed after a restart or continued as a new
 * execution arrives at the same due times, and notifications stay once per due time. The next tick is the one
 * after the last handled, not the first after now: a tick that fell due while nothing ran (a restart, a crashed
 * advance, a task retried later) is sent late, once.
 */

/** No single wait may exceed 20 days: the local interpreter's timers stop at ~24.8 days. Longer periods loop. */
export const MAX_WAIT_SECONDS = 20 * 24 * 60 * 60;

export interface Tick {
  /** 0 for the deadline itself, then one per reminder. */
  index: number;
  dueAt: string;
  notifications: { kind: NotificationKind; audience: Audience }[];
}

export interface Timer {
  seconds: number;
  dueAt: string;
  /** null when the timer only re-checks because the next tick is further away than the longest wait. */
  tick: Tick | null;
}

/** A setting that feeds a clock; the template's settings schema guarantees it (a test checks every template). */
function numberSetting(rules: Rules, setting: string): number {
  const value = rules.settings[setting];
  if (typeof value !== 'number') throw new Error(`setting ${setting} of ${rules.template.id} v${rules.template.version} is not a number`);
  return value;
}

/** `from` plus `times` the period. */
function after(from: Date, period: Period, rules: Rules, times = 1): Date {
  const n = numberSetting(rules, period.setting) * times;
  switch (period.unit) {
    case 'working-days':
      return addWorkingDays(from, n);
    case 'calendar-days':
      return addCalendarDays(from, n);
    case 'weeks':
      return addCalendarDays(from, 7 * n);
  }
}

/** The clock of a stage of a track (the template's first track unless named); a stage it does not have has none. */
export function clockOf(stage: string, rules: Rules, track?: string): StageClock {
  return stageOf(rules.template, trackOf(rules.template, track).id, stage)?.clock ?? { kind: 'none', why: 'not a stage of this template' };
}

/** The k-th tick of a step, or null when the step has no such tick. */
export function tickOf(stage: string, enteredAt: Date, rules: Rules, index: number, track?: string): Tick | null {
  const clock = clockOf(stage, rules, track);
  switch (clock.kind) {
    case 'none':
      return null;
    case 'rhythm':
      return { index, dueAt: after(enteredAt, clock.every, rules, index + 1).toISOString(), notifications: [clock.notice] };
    case 'weekly':
      return { index, dueAt: after(weekEnd(weekAfter(enteredAt, index)), clock.grace, rules).toISOString(), notifications: [clock.notice] };
    case 'deadline': {
      const deadline = after(enteredAt, clock.after, rules);
      const escalates = index === numberSetting(rules, clock.reminders.escalateAt);
      return {
        index,
        dueAt: (index === 0 ? deadline : after(deadline, clock.reminders.every, rules, index)).toISOString(),
        notifications: escalates ? [clock.overdue, clock.escalation] : [clock.overdue],
      };
    }
  }
}

/** The deadline of the step being awaited, shown as the journey's next deadline. */
export function stepDeadline(stage: string, enteredAt: Date, rules: Rules, track?: string): string | null {
  return tickOf(stage, enteredAt, rules, 0, track)?.dueAt ?? null;
}

/**
 * The timer a waiting step sets now: until the tick after `handledDueAt` (the due time of the last tick of this
 * visit already handled; null when none was), capped at the longest wait; at once when that tick is past.
 */
export function nextTimer(stage: string, enteredAt: Date, rules: Rules, now: Date, handledDueAt: string | null, track?: string): Timer {
  return timerUntilNextTick((index) => tickOf(stage, enteredAt, rules, index, track), now, handledDueAt);
}

/** The first of a sequence of ticks due after `after` (the very first when null), or null when none comes. */
function firstTickAfter(tickAt: (index: number) => Tick | null, after: Date | null): Tick | null {
  for (let index = 0; index < 10_000; index++) {
    const candidate = tickAt(index);
    if (!candidate) return null;
    if (after === null || Date.parse(candidate.dueAt) > after.getTime()) return candidate;
  }
  return null;
}

/**
 * The timer for a sequence of ticks (`tickAt(0)`, `tickAt(1)`, … until null): until the first tick after the
 * last one handled (`handledDueAt`, null when none was), capped at the longest wait, and at least a second
 * when that tick is already past (it fires late, in order); null when no tick is left.
 */
export function timerUntilNextTick(tickAt: (index: number) => Tick | null, now: Date, handledDueAt: string | null): Timer;
export function timerUntilNextTick(tickAt: (index: number) => Tick | null, now: Date, handledDueAt: string | null, orNull: true): Timer | null;
export function timerUntilNextTick(tickAt: (index: number) => Tick | null, now: Date, handledDueAt: string | null, orNull = false): Timer | null {
  const tick = firstTickAfter(tickAt, handledDueAt === null ? null : new Date(handledDueAt));
  if (!tick && orNull) return null;
  const seconds = tick ? Math.ceil((Date.parse(tick.dueAt) - now.getTime()) / 1000) : Infinity;
  if (seconds > MAX_WAIT_SECONDS) {
    return { seconds: MAX_WAIT_SECONDS, dueAt: new Date(now.getTime() + MAX_WAIT_SECONDS * 1000).toISOString(), tick: null };
  }
  return { seconds: Math.max(1, seconds), dueAt: tick!.dueAt, tick };
}

/** When the awaited step becomes overdue; a rhythm (follow-up) has no deadline, a stage with no clock none. */
export function overdueFrom(stage: string, enteredAt: Date, rules: Rules, track?: string): string | null {
  return clockOf(stage, rules, track).kind === 'deadline' ? stepDeadline(stage, enteredAt, rules, track) : null;
}

/** What the overview shows for a journey: its next deadline and what is overdue now. */
export function deadlinesOf(
  journey: { stage: string; stageEnteredAt: string; needsTovholderSince: string | null },
  rules: Rules,
  now: Date,
): { nextDeadline: string | null; overdue: { kind: NotificationKind; dueAt: string }[] } {
  const overdue: { kind: NotificationKind; dueAt: string }[] = [];
  if (journey.needsTovholderSince) overdue.push({ kind: 'needs-tovholder', dueAt: journey.needsTovholderSince });
  const enteredAt = new Date(journey.stageEnteredAt);
  const clock = clockOf(journey.stage, rules);
  if (clock.kind === 'none') return { nextDeadline: null, overdue };
  if (clock.kind === 'rhythm' || clock.kind === 'weekly') {
    // A rhythm repeats: the next one due from now; it is never overdue.
    return { nextDeadline: firstTickAfter((i) => tickOf(journey.stage, enteredAt, rules, i), now)?.dueAt ?? null, overdue };
  }
  const deadline = overdueFrom(journey.stage, enteredAt, rules);
  if (deadline && Date.parse(deadline) <= now.getTime()) overdue.push({ kind: clock.overdue.kind, dueAt: deadline });
  return { nextDeadline: deadline, overdue };
}
