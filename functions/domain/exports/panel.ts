import { copenhagenDate } from '../working-days.js';
import { ageBand } from '../retention.js';
import { indicatorsOf } from './templates.js';

/*
 * The evaluation panel (shared/api.md v2 "Evaluation exports"): one row per enrolment × month from the month
 * of enrolment to the export's last month, built from what a journey's partition holds. Pure: the caller reads
 * the journey, computes its pseudonym and says whether an `evaluation` consent covers instrument scores.
 * Nothing identifying goes in: no CPR, name, username, free text or exact date reaches a row.
 */

export const INSTRUMENTS = ['PHQ-9', 'GAD-7', 'WHO-5'] as const;
export const INTERVENTION_DOMAINS = ['employment', 'social', 'health', 'education'] as const;
export const OUTCOME_KINDS = ['job', 'education', 'match-improved', 'still-passive', 'permanent-support', 'exited'] as const;
/** Outcomes that count as "in job or education" for the programme's goal. */
export const JOB_OR_EDUCATION: readonly string[] = ['job', 'education'];

/** What of a journey the panel reads: categories and instants, never identity or free text. */
export interface PanelSource {
  pseudonym: string;
  municipality: string;
  template: string;
  templateVersion: number;
  birthDate: string;
  createdAt: string;
  stage: string;
  stageEnteredAt: string;
  baseline: { colour: string; at: string } | null;
  screening: { colour: string; at: string } | null;
  /** Timeline events by kind and time (their summaries are free text and stay out). */
  events: { kind: string; at: string }[];
  appointments: { startsAt: string; status: 'attended' | 'no-show' | 'cancelled' | null }[];
  /** Every revision of the action plan: when it was made and its interventions' domains. */
  plans: { at: string; domains: string[] }[];
  instruments: { instrument: string; takenAt: string; score: number }[];
  outcome: { outcome: string; date: string } | null;
  /** Whether a consent of purpose `evaluation` lets scores into the panel (see `scoresAllowed`). */
  scoresAllowed: boolean;
}

export interface PanelRow {
  pseudonym: string;
  municipality: string;
  template: string;
  templateVersion: number;
  month: string;
  monthsSinceEnrolment: number;
  ageBand: string;
  baselineGroup: string | null;
  /** The group at the end of the month: `unscreened` before the first screening. */
  group: string;
  stage: string;
  daysInStage: number;
  appointmentsBooked: number;
  appointmentsAttended: number;
  noShows: number;
  interventionsEmployment: number;
  interventionsSocial: number;
  interventionsHealth: number;
  interventionsEducation: number;
  latestPhq9: number | null;
  latestGad7: number | null;
  latestWho5: number | null;
  outcome: string | null;
  outcomeMonth: string | null;
}

export const monthOf = (instant: string): string => copenhagenDate(new Date(instant)).slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const monthsBetween = (from: string, to: string): number => {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
};

/** The months from `from` to `to`, both included. */
export function monthRange(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** Whether an instant lies at or before the end of a month, in Copenhagen. */
const byEndOf = (instant: string, month: string) => monthOf(instant) <= month;

const DAY = 24 * 60 * 60 * 1000;

/**
 * The one place that decides whether instrument scores may be exported: only under a consent of purpose
 * `evaluation`. Consent is not recorded yet (its own issue), so no journey has one and no score leaves.
 */
export function scoresAllowed(consents: readonly { purpose: string; withdrawnAt?: string | null }[]): boolean {
  return consents.some((c) => c.purpose === 'evaluation' && !c.withdrawnAt);
}

/**
 * The panel rows of one journey, months `from`..`to` (its enrolment month at the earliest). `asOf` is the
 * export's time: the days in stage of the current month count to it, those of past months to the month's end.
 */
export function panelRows(source: PanelSource, to: string, asOf: Date, from?: string): PanelRow[] {
  const enrolled = monthOf(source.createdAt);
  const first = from && from > enrolled ? from : enrolled;
  const hook = indicatorsOf(source.template);
  const history = hook.stageHistory(source);
  const latest = (instrument: string, month: string): number | null => {
    if (!source.scoresAllowed) return null;
    const taken = source.instruments.filter((i) => i.instrument === instrument && byEndOf(i.takenAt, month));
    return taken.length === 0 ? null : taken.reduce((a, b) => (b.takenAt > a.takenAt ? b : a)).score;
  };
  return monthRange(first, to).map((month) => {
    const end = Math.min(asOf.getTime(), monthEndMs(month));
    const point = [...history].reverse().find((p) => Date.parse(p.at) <= end) ?? history[0]!;
    const screened = source.screening && byEndOf(source.screening.at, month) ? source.screening : source.baseline && byEndOf(source.baseline.at, month) ? source.baseline : null;
    const inMonth = source.appointments.filter((a) => monthOf(a.startsAt) === month);
    const plan = source.plans.filter((p) => byEndOf(p.at, month)).reduce<PanelSource['plans'][number] | null>((a, b) => (a === null || b.at > a.at ? b : a), null);
    const domains = (d: string) => plan?.domains.filter((x) => x === d).length ?? 0;
    const outcome = source.outcome && source.outcome.date.slice(0, 7) <= month ? source.outcome : null;
    return {
      pseudonym: source.pseudonym,
      municipality: source.municipality,
      template: source.template,
      templateVersion: source.templateVersion,
      month,
      monthsSinceEnrolment: monthsBetween(enrolled, month),
      ageBand: ageBand(source.birthDate, source.createdAt),
      baselineGroup: source.baseline && byEndOf(source.baseline.at, month) ? source.baseline.colour : null,
      group: screened?.colour ?? hook.ungrouped,
      stage: point.stage,
      daysInStage: Math.max(0, Math.floor((end - Date.parse(point.at)) / DAY)),
      appointmentsBooked: inMonth.filter((a) => a.status !== 'cancelled').length,
      appointmentsAttended: inMonth.filter((a) => a.status === 'attended').length,
      noShows: inMonth.filter((a) => a.status === 'no-show').length,
      interventionsEmployment: domains('employment'),
      interventionsSocial: domains('social'),
      interventionsHealth: domains('health'),
      interventionsEducation: domains('education'),
      latestPhq9: latest('PHQ-9', month),
      latestGad7: latest('GAD-7', month),
      latestWho5: latest('WHO-5', month),
      outcome: outcome?.outcome ?? null,
      outcomeMonth: outcome ? outcome.date.slice(0, 7) : null,
    };
  });
}

/** The last millisecond of a month in Copenhagen (the first instant of the next, less one). */
function monthEndMs(month: string): number {
  const next = addMonths(month, 1);
  // Copenhagen is UTC+1 or +2: the month turns at 22:00 or 23:00 UTC the day before; find it exactly.
  for (const hours of [22, 23]) {
    const candidate = Date.parse(`${next}-01T00:00:00Z`) - (24 - hours) * 60 * 60 * 1000;
    if (monthOf(new Date(candidate).toISOString()) === next && monthOf(new Date(candidate - 1).toISOString()) === month) return candidate - 1;
  }
  return Date.parse(`${next}-01T00:00:00Z`) - 1;
}
