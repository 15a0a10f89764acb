import type { CoordinationState, Indicators } from '../contract/coordination.js';
import { refusal, type Refusal } from './refusal.js';

/*
 * The rules of Brøndby's coordination list (seed 003, shared/api.md "Youth coordination"). Pure: the store
 * keeps the lists, the handlers apply these.
 */

/** The month before `month` (`YYYY-MM`). */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Months from `from` to `to` (`to` minus `from`; 0 for the same month). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

/** Age in whole years on `date` (`YYYY-MM-DD`), from a birth date `YYYY-MM-DD` (born 29 February: a year older on 1 March). */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** Age in whole years on the 1st of `month` (the list's month). */
export const ageOnFirstOf = (birthDate: string, month: string): number => ageOn(birthDate, `${month}-01`);

/** Why a young person is outside the template's age range in the list's month, or null. Names no CPR. */
export function ageProblem(birthDate: string, month: string, range: { minAge: number; maxAge: number }): string | null {
  const age = ageOnFirstOf(birthDate, month);
  if (age < range.minAge || age > range.maxAge) {
    return `The young person is ${age} on the 1st of ${month}; the programme takes ages ${range.minAge}–${range.maxAge}.`;
  }
  return null;
}

/**
 * How long a young person has been on the lists, counting this month's: one more than their run up to the
 * previous month when they were kept on it, else one. `repeater`: kept on the previous month's list too.
 */
export function runOnList(state: Pick<CoordinationState, 'lastKeptMonth' | 'monthsOnList'> | null, month: string): { monthsOnList: number; repeater: boolean } {
  if (state === null) return { monthsOnList: 1, repeater: false };
  if (state.lastKeptMonth === month) return { monthsOnList: state.monthsOnList, repeater: state.monthsOnList > 1 };
  const repeater = state.lastKeptMonth === previousMonth(month);
  return { monthsOnList: repeater ? state.monthsOnList + 1 : 1, repeater };
}

/** Flagged in the overview: kept on the lists two months in a row, the last of them this month or the previous. */
export const isRepeater = (state: Pick<CoordinationState, 'lastKeptMonth' | 'monthsOnList'>, currentMonth: string): boolean =>
  state.monthsOnList > 1 && monthsBetween(state.lastKeptMonth, currentMonth) <= 1;

/** A young person's coordination state once kept on the list of `month`. */
export function keptOn(state: CoordinationState | null, month: string): CoordinationState {
  const run = runOnList(state, month);
  return {
    firstKeptMonth: state?.firstKeptMonth ?? month,
    lastKeptMonth: state && state.lastKeptMonth > month ? state.lastKeptMonth : month,
    monthsOnList: run.monthsOnList,
    notReachedOn: state?.notReachedOn ?? [],
    praktik: state?.praktik ?? null,
  };
}

/**
 * The Praktik-generator (seed 003): a young person in the rest group for more than `afterMonths` months —
 * kept on that many lists in a row before this one — is proposed for the offer, once.
 */
export function praktikDue(state: CoordinationState, afterMonths: number): boolean {
  return state.praktik === null && state.monthsOnList > afterMonths;
}

/**
 * The Praktik-generator lasts until the young person starts another course, an education or a job (seed 003):
 * a plan revision that adds another activity ends it, in the month before that activity starts (its own
 * start month at the earliest). Null when the revision ends nothing.
 */
export function praktikEndedByPlan<I extends { id: string; startMonth: string; endMonth: string | null }>(
  state: CoordinationState | null,
  previous: readonly { id: string }[],
  next: I[],
  at: string,
): { interventions: I[]; state: CoordinationState } | null {
  const praktik = state?.praktik;
  if (!state || !praktik?.confirmedAt || praktik.endedAt || !praktik.interventionId) return null;
  const added = next.filter((i) => i.id !== praktik.interventionId && !previous.some((p) => p.id === i.id));
  const own = next.find((i) => i.id === praktik.interventionId);
  if (added.length === 0 || !own) return null;
  const starts = added.map((i) => i.startMonth).sort()[0]!;
  const endMonth = previousMonth(starts) < own.startMonth ? own.startMonth : previousMonth(starts);
  return {
    interventions: next.map((i) => (i === own ? { ...i, endMonth } : i)),
    state: { ...state, praktik: { ...praktik, endedAt: at } },
  };
}

export interface ContactAttempt {
  at: string;
  reached: boolean | null;
}

/**
 * "Could not be contacted" (shared/api.md): at least one contact attempt since the previous meeting (all of
 * them when there was none), and none of those reached the young person.
 */
export function couldNotBeContacted(attempts: ContactAttempt[], since: string | null): boolean {
  const recent = attempts.filter((a) => since === null || a.at > since);
  return recent.length > 0 && recent.every((a) => a.reached !== true);
}

/** The meeting's three key indicators over the kept entries of the list. */
export function indicatorsOf(kept: { repeater: boolean; attempts: ContactAttempt[] }[], previousMeetingAt: string | null): Indicators {
  return {
    inRestGroup: kept.length,
    repeaters: kept.filter((e) => e.repeater).length,
    couldNotBeContacted: kept.filter((e) => couldNotBeContacted(e.attempts, previousMeetingAt)).length,
  };
}

/**
 * A sanction may be recommended only after the coordination group recorded, at the meeting of that list, that
 * neither its members nor the outreach workers could make contact (seed 003: the group is the buffer) — and,
 * as everywhere, only when the young person had no reasonable cause, lacked no resources and would not face
 * financial hardship.
 */
export function checkCoordinationSanction(s: {
  conclusion: 'no-sanction' | 'recommend-sanction';
  coordinationListId: string;
  notReachedOn: readonly string[];
  reasonableCause: boolean;
  lackOfResources: boolean;
  financialHardship: boolean;
}): { ok: true } | Refusal {
  if (s.conclusion === 'no-sanction') return { ok: true };
  if (!s.notReachedOn.includes(s.coordinationListId)) {
    return refusal('rule-violated', 'sanction-needs-not-reached', "a sanction is recommended only after the coordination group recorded at that list's meeting that nobody could make contact");
  }
  if (s.reasonableCause || s.lackOfResources || s.financialHardship) {
    return refusal('rule-violated', 'sanction-not-allowed', 'no sanction when the young person had a reasonable cause, lacked the resources, or would face financial hardship');
  }
  return { ok: true };
}

/** The success criterion's progress: the share of the young people enrolled who went into education or a job. */
export function goalProgress(enrolled: number, inEducationOrJob: number, goalShare: number) {
  const share = enrolled === 0 ? 0 : inEducationOrJob / enrolled;
  return { goalShareInEducationOrJob: goalShare, enrolled, inEducationOrJob, share, reached: enrolled > 0 && share >= goalShare };
}

/**
 * A coordination member reaches a young person while they are on a list of the last two months (this one or
 * the previous; a list for next month arrives early) or while the member is their responsible.
 */
export function memberReaches(member: string, journey: { lastKeptMonth: string | null; responsible: string | null }, currentMonth: string): boolean {
  if (journey.responsible === member) return true;
  return journey.lastKeptMonth !== null && monthsBetween(journey.lastKeptMonth, currentMonth) <= 1;
}
