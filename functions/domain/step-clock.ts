import type { ProgrammeSettings, Stage } from '../contract/schemas.js';
import { addCalendarDays, addWorkingDays } from './working-days.js';

/*
 * When a waiting step reminds whom. Everything is computed from stored facts (when the step began, the
 * programme's settings and the last tick handled), never from when a timer happened to start, so a journey
 * resumed after a restart or continued as a new execution arrives at the same due times, and notifications
 * stay once per due time. The next tick is the one after the last handled, not the first after now: a tick
 * that fell due while nothing ran (a restart, a crashed advance, a task retried later) is sent late, once.
 */

/** No single wait may exceed 20 days: the local interpreter's timers stop at ~24.8 days. Longer periods loop. */
export const MAX_WAIT_SECONDS = 20 * 24 * 60 * 60;

export type NotificationKind =
  | 'missed-attendance'
  | 'attendance-not-registered'
  | 'screening-overdue'
  | 'step-overdue'
  | 'escalation'
  | 'follow-up-due'
  | 'safety-flag'
  | 'colour-changed'
  | 'needs-tovholder'
  | 'intervention-not-started';

/** Who gets a notification: the municipality's leads, the primary tovholder (the leads before one exists), the
 * appointment's owner, or the safety team (primary tovholder and the programme's care managers there). */
export type Audience = 'leads' | 'tovholder' | 'owner' | 'safety-team';

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

type WaitingStage = Exclude<Stage, 'closed'>;

function deadlineOf(stage: WaitingStage, enteredAt: Date, s: ProgrammeSettings): Date | null {
  switch (stage) {
    case 'screening':
      return addWorkingDays(enteredAt, s.screeningDeadlineWorkingDays);
    case 'intake':
    case 'preparatory-form':
      return addWorkingDays(enteredAt, s.intakeDeadlineWorkingDays);
    case 'team-meeting':
      return addCalendarDays(enteredAt, s.teamMeetingCadenceDays);
    case 'plan':
      return addWorkingDays(enteredAt, s.planDeadlineWorkingDays);
    case 'follow-up':
    case 'aftercare':
      return null;
  }
}

/** The k-th tick of a step, or null when the step has no such tick. */
export function tickOf(stage: WaitingStage, enteredAt: Date, s: ProgrammeSettings, index: number): Tick | null {
  if (stage === 'aftercare') return null;
  if (stage === 'follow-up') {
    return {
      index,
      dueAt: addCalendarDays(enteredAt, (index + 1) * s.followUpIntervalDays).toISOString(),
      notifications: [{ kind: 'follow-up-due', audience: 'tovholder' }],
    };
  }
  const deadline = deadlineOf(stage, enteredAt, s);
  if (!deadline) return null;
  const overdue: Tick['notifications'][number] =
    stage === 'screening' ? { kind: 'screening-overdue', audience: 'leads' } : { kind: 'step-overdue', audience: 'tovholder' };
  return {
    index,
    dueAt: addWorkingDays(deadline, index * s.reminderIntervalWorkingDays).toISOString(),
    notifications: index === s.remindersBeforeEscalation ? [overdue, { kind: 'escalation', audience: 'leads' }] : [overdue],
  };
}

/** The deadline of the step being awaited, shown as the journey's next deadline. */
export function stepDeadline(stage: Stage, enteredAt: Date, s: ProgrammeSettings): string | null {
  if (stage === 'closed') return null;
  return tickOf(stage, enteredAt, s, 0)?.dueAt ?? null;
}

/**
 * The timer a waiting step sets now: until the tick after `handledDueAt` (the due time of the last tick of this
 * visit already handled; null when none was), capped at the longest wait; at once when that tick is past.
 */
export function nextTimer(stage: WaitingStage, enteredAt: Date, s: ProgrammeSettings, now: Date, handledDueAt: string | null): Timer {
  return timerUntilNextTick((index) => tickOf(stage, enteredAt, s, index), now, handledDueAt);
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

/** When the awaited step becomes overdue; follow-up is a rhythm with no deadline, aftercare has none. */
export function overdueFrom(stage: Stage, enteredAt: Date, s: ProgrammeSettings): string | null {
  return stage === 'follow-up' ? null : stepDeadline(stage, enteredAt, s);
}

/** What the overview shows for a journey: its next deadline and what is overdue now. */
export function deadlinesOf(
  journey: { stage: Stage; stageEnteredAt: string; needsTovholderSince: string | null },
  s: ProgrammeSettings,
  now: Date,
): { nextDeadline: string | null; overdue: { kind: NotificationKind; dueAt: string }[] } {
  const overdue: { kind: NotificationKind; dueAt: string }[] = [];
  if (journey.needsTovholderSince) overdue.push({ kind: 'needs-tovholder', dueAt: journey.needsTovholderSince });
  if (journey.stage === 'closed' || journey.stage === 'aftercare') return { nextDeadline: null, overdue };
  const enteredAt = new Date(journey.stageEnteredAt);
  if (journey.stage === 'follow-up') {
    // Follow-up repeats: the next one due from now; it is a rhythm, never overdue.
    return { nextDeadline: firstTickAfter((i) => tickOf('follow-up', enteredAt, s, i), now)?.dueAt ?? null, overdue };
  }
  const deadline = overdueFrom(journey.stage, enteredAt, s);
  if (deadline && Date.parse(deadline) <= now.getTime()) {
    overdue.push({ kind: journey.stage === 'screening' ? 'screening-overdue' : 'step-overdue', dueAt: deadline });
  }
  return { nextDeadline: deadline, overdue };
}
