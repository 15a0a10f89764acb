import { copenhagenDate, copenhagenInstant, isWorkingDay } from './working-days.js';

/*
 * The coordinator's worklist (shared/api.md v2 "The worklist"): one row per citizen a user must act on, built
 * from the reasons the notifications left (one per user, citizen and kind, however many reminders came), each
 * leaving by itself when the step it is about is recorded. Pure: the store keeps the reasons, this decides.
 */

/** What a notification kind means on the worklist. A kind with no rule (`caseload-assigned`) stays in the inbox only. */
export interface ReasonRule {
  /** Leaves when the journey's step changes (it moves on, or its stage's clock starts again). */
  untilStep?: boolean;
  /** Leaves when one of these timeline events is recorded. */
  untilEvents?: readonly string[];
  /** A safety flag: such rows come first and it is mailed at once. */
  safety?: boolean;
  /** A deadline passed (counted as `overdue`). */
  overdue?: boolean;
  /** The next action, where the front end links to; `step`: the step the journey's stage awaits (its stage id). */
  next: string;
}

/** Every kind's rule: adding a kind (IBBU's, a later template's) is one line. */
/** The timeline events of a registered attendance (`attendance-{status}`). */
const ATTENDANCE = ['attendance-attended', 'attendance-no-show', 'attendance-cancelled'];

export const REASON_RULES: Readonly<Record<string, ReasonRule>> = {
  'safety-flag': { untilEvents: ['safety-followed-up'], safety: true, next: 'safety-follow-up' },
  'screening-overdue': { untilStep: true, overdue: true, next: 'screening' },
  'step-overdue': { untilStep: true, overdue: true, next: 'step' },
  escalation: { untilStep: true, overdue: true, next: 'step' },
  'needs-tovholder': { untilEvents: ['tovholders-assigned', 'reassigned', 'responsible-assigned'], overdue: true, next: 'assign-tovholder' },
  'missed-attendance': { untilEvents: ['appointment-booked', 'sanction-assessed'], next: 'sanction-assessment' },
  'attendance-not-registered': { untilEvents: ATTENDANCE, overdue: true, next: 'attendance' },
  'follow-up-due': { untilStep: true, untilEvents: ['appointment-booked', ...ATTENDANCE], next: 'appointment' },
  'colour-changed': { untilStep: true, untilEvents: ['appointment-booked'], next: 'appointment' },
  'intervention-not-started': { untilEvents: ['attendance-attended', 'plan'], next: 'plan' },
  'hours-not-registered': { untilEvents: ['hours'], overdue: true, next: 'hours' },
  'paid-hours-goal-reached': { untilStep: true, untilEvents: ['internship-ended', 'learning-certificate'], next: 'internship' },
  'offer-proposed': { untilEvents: ['praktik-generator'], next: 'praktik-generator' },
  // IBBU (template `ibbu`).
  'instrument-due': { untilEvents: ['instrument-recorded'], overdue: true, next: 'instrument' },
  'not-improving': { untilEvents: ['supervision'], next: 'supervision' },
  'aftercare-check-in-due': { untilEvents: ['aftercare-check-in'], overdue: true, next: 'aftercare-check-in' },
};

/** Whether a notification of this kind puts a reason on its recipients' worklists. */
export const isWorklistKind = (kind: string): boolean => kind in REASON_RULES;

/** Whether a notification of this kind is mailed at once; every other kind is told by the daily digest. */
export const mailedAtOnce = (kind: string): boolean => REASON_RULES[kind]?.safety === true;

/** The timeline events that end some reason: a change recording none of them (and no step change) ends none. */
const SETTLING_EVENTS = new Set(Object.values(REASON_RULES).flatMap((r) => r.untilEvents ?? []));

/** Whether a change of a journey may end a reason at all (so a store looks for reasons only then). */
export const maySettle = (change: { events: readonly string[]; stepChanged: boolean }): boolean => change.stepChanged || change.events.some((e) => SETTLING_EVENTS.has(e));

/** Whether the reason of `kind` leaves with this change of its journey. */
export function settles(kind: string, change: { events: readonly string[]; stepChanged: boolean }): boolean {
  const rule = REASON_RULES[kind];
  if (!rule) return false;
  return (change.stepChanged && rule.untilStep === true) || change.events.some((e) => rule.untilEvents?.includes(e));
}

export interface Reason {
  kind: string;
  /** When it fell due (the first notification's due time). */
  dueAt: string;
  /** When it came onto the worklist. */
  since: string;
}

export interface RowJourney {
  id: string;
  stage: string;
}

export interface Row<J extends RowJourney> {
  journey: J;
  reasons: Reason[];
  next: { kind: string };
  safety: boolean;
  overdue: boolean;
}

/** A citizen's reasons in the order a user should take them: safety first, then the oldest due. */
const byUrgency = (a: Reason, b: Reason) => Number(REASON_RULES[b.kind]?.safety === true) - Number(REASON_RULES[a.kind]?.safety === true) || a.dueAt.localeCompare(b.dueAt) || a.kind.localeCompare(b.kind);

/**
 * The worklist: one row per journey with at least one reason, its reasons in order and its next action (that
 * of its most urgent reason), safety rows first and then by their oldest due time; the counts of rows.
 */
export function worklistOf<J extends RowJourney>(entries: { journey: J; reasons: Reason[] }[], at: Date): { rows: Row<J>[]; counts: { total: number; safety: number; overdue: number } } {
  const rows = entries
    .filter((e) => e.reasons.length > 0)
    .map((e): Row<J> => {
      const reasons = [...e.reasons].sort(byUrgency);
      const first = REASON_RULES[reasons[0]!.kind]!;
      return {
        journey: e.journey,
        reasons,
        next: { kind: first.next === 'step' ? e.journey.stage : first.next },
        safety: reasons.some((r) => REASON_RULES[r.kind]?.safety === true),
        overdue: reasons.some((r) => REASON_RULES[r.kind]?.overdue === true && Date.parse(r.dueAt) <= at.getTime()),
      };
    })
    .sort((a, b) => Number(b.safety) - Number(a.safety) || a.reasons[0]!.dueAt.localeCompare(b.reasons[0]!.dueAt) || a.journey.id.localeCompare(b.journey.id));
  return { rows, counts: { total: rows.length, safety: rows.filter((r) => r.safety).length, overdue: rows.filter((r) => r.overdue).length } };
}

// ---- the daily digest ------------------------------------------------------------------------------

export const DEFAULT_DIGEST_TIME = '07:30';

/**
 * The digest times of a day still to come at `after` (inclusive), in order: none on a day that is not a
 * working day. Each is the instant it falls on in Copenhagen, with the `HH:MM` it is for.
 */
export function digestSlots(times: readonly (string | null | undefined)[], after: Date): { time: string; at: string }[] {
  const date = copenhagenDate(after);
  if (!isWorkingDay(date)) return [];
  return [...new Set(times.map((t) => t ?? DEFAULT_DIGEST_TIME))]
    .sort()
    .map((time) => ({ time, at: copenhagenInstant(date, Number(time.slice(0, 2)), Number(time.slice(3, 5))).toISOString() }))
    .filter((slot) => Date.parse(slot.at) >= after.getTime());
}

/** What a digest says: counts and a link only (never a name, CPR number or score). */
export function digestText(counts: { total: number; safety: number; overdue: number }, link: string): { subject: string; body: string } {
  const lines = [
    `Du har ${counts.total} ${counts.total === 1 ? 'borger' : 'borgere'} på din arbejdsliste i Forløb.`,
    ...(counts.safety ? [`${counts.safety} med sikkerhedsflag.`] : []),
    ...(counts.overdue ? [`${counts.overdue} med overskreden frist.`] : []),
    '',
    `Log ind for at se dem: ${link}`,
  ];
  return { subject: `Forløb: din arbejdsliste (${counts.total})`, body: `${lines.join('\n')}\n` };
}
