import type { Colour, Stage } from '../contract/schemas.js';
import { copenhagenDate } from './working-days.js';

/*
 * Retention and erasure (README "Retention and erasure"), as plain functions: when a closed journey falls
 * due for erasure, when an audit entry has outlived the audit's retention, and what of a journey the
 * evaluation keeps once it is erased.
 */

/** The same instant `years` later (29 February falls on 1 March). */
export function yearsLater(from: string | Date, years: number): Date {
  const at = new Date(from);
  at.setUTCFullYear(at.getUTCFullYear() + years);
  return at;
}

/** When a journey closed at `closedAt` falls due for erasure: `retentionYears` after closing. */
export function erasureDueAt(closedAt: string, retentionYears: number): string {
  return yearsLater(closedAt, retentionYears).toISOString();
}

/**
 * Whether a journey is to be erased now: closed, its retention period over, and no legal hold on it.
 * An open journey is never erased, however old.
 */
export function isDueForErasure(
  journey: { stage: Stage; stageEnteredAt: string; legalHold: unknown | null },
  retentionYears: number,
  now: Date,
): boolean {
  if (journey.stage !== 'closed' || journey.legalHold !== null) return false;
  return Date.parse(erasureDueAt(journey.stageEnteredAt, retentionYears)) <= now.getTime();
}

/** Audit entries written before this instant have outlived the audit's retention. */
export function auditCutoff(auditRetentionYears: number, now: Date): string {
  return yearsLater(now, -auditRetentionYears).toISOString();
}

/**
 * An audit entry past the audit's retention is deleted only when no journey it names still exists: the audit
 * outlives the journeys it describes, also one kept open for years or held.
 */
export function mayDeleteAuditEntry(entry: { at: string; enrolmentIds: string[] }, cutoff: string, journeyExists: (id: string) => boolean): boolean {
  return entry.at < cutoff && !entry.enrolmentIds.some(journeyExists);
}

/** What is erased with a journey, by category: the erasure's audit entry names these, never the data. */
export const ERASED_CATEGORIES = [
  'identity',
  'contact-details',
  'cpr-lookup',
  'timeline',
  'notes',
  'preparatory-form',
  'plan',
  'team-meeting-items',
  'appointments',
  'instruments',
  'sanction-assessments',
  'workflow-state',
] as const;

/**
 * The pseudonymised evaluation record an erased journey leaves (README "Retention and erasure"): categories,
 * months and counts only. No CPR number, name, contact detail, username, free text, exact date or enrolment id;
 * `pseudonym` is drawn at random at erasure, so it links to nothing outside the record.
 */
export interface EvaluationRecord {
  recordVersion: 1;
  pseudonym: string;
  programmeId: string;
  municipality: string;
  /** 5-year band of the citizen's age at enrolment, e.g. "25-29". */
  ageBand: string;
  enrolledMonth: string;
  baselineColour: Colour | null;
  baselineMonth: string | null;
  /** The colour when the journey closed. */
  colour: Colour | null;
  exitReason: string | null;
  closedMonth: string;
  outcome: string | null;
  outcomeMonth: string | null;
  appointmentsBooked: number;
  appointmentsAttended: number;
  noShows: number;
  contactAttempts: number;
  contactAttemptsUnreached: number;
  instrumentsTaken: number;
  planInterventionsByDomain: Record<string, number>;
  erasedMonth: string;
}

export interface ErasedJourney {
  programmeId: string;
  municipality: string;
  birthDate: string;
  createdAt: string;
  stageEnteredAt: string;
  colour: Colour | null;
  baseline: { colour: Colour; at: string } | null;
  exitReason: string | null;
  outcome: { outcome: string; date: string } | null;
}

/** The month (YYYY-MM) an instant falls in, in Copenhagen. */
const month = (instant: string) => copenhagenDate(new Date(instant)).slice(0, 7);

/** The 5-year age band at `at` of someone born on `birthDate` (YYYY-MM-DD). */
export function ageBand(birthDate: string, at: string): string {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = copenhagenDate(new Date(at)).split('-').map(Number) as [number, number, number];
  const age = ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
  const low = Math.floor(age / 5) * 5;
  return `${low}-${low + 4}`;
}

/** Reduces a closed journey and what its partition held to the record the evaluation keeps. */
export function evaluationRecord(
  journey: ErasedJourney,
  held: {
    appointments: { attendance: { status: string } | null }[];
    contactAttempts: { reached: boolean | null }[];
    instruments: number;
    planInterventionDomains: string[];
  },
  pseudonym: string,
  now: Date,
): EvaluationRecord {
  const byDomain: Record<string, number> = {};
  for (const domain of held.planInterventionDomains) byDomain[domain] = (byDomain[domain] ?? 0) + 1;
  return {
    recordVersion: 1,
    pseudonym,
    programmeId: journey.programmeId,
    municipality: journey.municipality,
    ageBand: ageBand(journey.birthDate, journey.createdAt),
    enrolledMonth: month(journey.createdAt),
    baselineColour: journey.baseline?.colour ?? null,
    baselineMonth: journey.baseline ? month(journey.baseline.at) : null,
    colour: journey.colour,
    exitReason: journey.exitReason,
    closedMonth: month(journey.stageEnteredAt),
    outcome: journey.outcome?.outcome ?? null,
    outcomeMonth: journey.outcome ? journey.outcome.date.slice(0, 7) : null,
    appointmentsBooked: held.appointments.length,
    appointmentsAttended: held.appointments.filter((a) => a.attendance?.status === 'attended').length,
    noShows: held.appointments.filter((a) => a.attendance?.status === 'no-show').length,
    contactAttempts: held.contactAttempts.length,
    contactAttemptsUnreached: held.contactAttempts.filter((a) => a.reached !== true).length,
    instrumentsTaken: held.instruments,
    planInterventionsByDomain: byDomain,
    erasedMonth: month(now.toISOString()),
  };
}
