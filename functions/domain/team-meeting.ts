import type { Colour, Stage } from '../contract/primitives.js';
import type { LifeArea } from '../contract/plan.js';
import { addCalendarDays, copenhagenDate } from './working-days.js';

/*
 * The cross-disciplinary team meeting (seed 004): a fixed plan (every 14 days), about half an hour per
 * citizen, 4–5 citizens a meeting, pooled by theme so only the relevant people attend. Orange citizens meet
 * the team; green and blue ones are discussed without the citizen (a consultation). Red citizens have no
 * course. The meeting is held even when the citizen does not come.
 */

export interface Candidate {
  enrolmentId: string;
  colour: Colour | null;
  stage: Stage;
  /** When the citizen began waiting for a team meeting. */
  waitingSince: string;
  /** The life areas of the citizen's preparatory form (empty without one). */
  areas: LifeArea[];
}

/** Due for a team meeting: awaiting it (so the form is done and there is no plan yet), and not red. */
export function isDue(c: Pick<Candidate, 'colour' | 'stage'>): boolean {
  return c.stage === 'team-meeting' && c.colour !== null && c.colour !== 'red';
}

/** Orange citizens meet the team; green and blue are a consultation without the citizen. */
export function withCitizen(colour: Colour): boolean {
  return colour === 'orange';
}

/**
 * The proposed agenda: the due citizens not already on another upcoming agenda, with the meeting's theme
 * among their form's areas when a theme is given, oldest-waiting first, at most `max`.
 */
export function proposeAgenda(candidates: Candidate[], options: { taken: ReadonlySet<string>; theme?: LifeArea | null; max: number }): Candidate[] {
  return candidates
    .filter((c) => isDue(c) && !options.taken.has(c.enrolmentId))
    .filter((c) => !options.theme || c.areas.includes(options.theme))
    .sort((a, b) => a.waitingSince.localeCompare(b.waitingSince) || a.enrolmentId.localeCompare(b.enrolmentId))
    .slice(0, options.max);
}

export interface Slot {
  enrolmentId: string;
  colour: Colour;
  withCitizen: boolean;
  slotStart: string;
  slotEnd: string;
}

/** Consecutive slots of `slotMinutes` from the meeting's start, in agenda order. */
export function slotsFor(agenda: { enrolmentId: string; colour: Colour }[], startsAt: string, slotMinutes: number): Slot[] {
  const start = Date.parse(startsAt);
  const minute = 60_000;
  return agenda.map((a, i) => ({
    enrolmentId: a.enrolmentId,
    colour: a.colour,
    withCitizen: withCitizen(a.colour),
    slotStart: new Date(start + i * slotMinutes * minute).toISOString(),
    slotEnd: new Date(start + (i + 1) * slotMinutes * minute).toISOString(),
  }));
}

/** The meeting ends after its last slot; an empty agenda still books one slot. */
export function meetingEnd(startsAt: string, agendaLength: number, slotMinutes: number): string {
  return new Date(Date.parse(startsAt) + Math.max(1, agendaLength) * slotMinutes * 60_000).toISOString();
}

export interface AgendaProblem {
  index: number;
  rule: 'not-due' | 'red' | 'on-another-agenda' | 'already-recorded';
  message: string;
}

/**
 * Checks an agenda a tovholder sets by hand: every citizen due (not red), not on another upcoming agenda,
 * and no citizen whose item was already recorded at this meeting left out. The size limit is checked by
 * the caller with `citizensPerMeeting`.
 */
export function agendaProblems(
  agenda: Pick<Candidate, 'enrolmentId' | 'colour' | 'stage'>[],
  context: { taken: ReadonlySet<string>; current: ReadonlySet<string>; recorded: ReadonlySet<string> },
): AgendaProblem[] {
  const problems: AgendaProblem[] = [];
  agenda.forEach((c, index) => {
    if (context.recorded.has(c.enrolmentId)) return; // already discussed here: stays as it is
    if (c.colour === 'red') problems.push({ index, rule: 'red', message: 'a red citizen has no course' });
    else if (!isDue(c) && !context.current.has(c.enrolmentId)) problems.push({ index, rule: 'not-due', message: 'not awaiting a team meeting' });
    else if (context.taken.has(c.enrolmentId)) problems.push({ index, rule: 'on-another-agenda', message: 'already on another upcoming agenda' });
  });
  const kept = new Set(agenda.map((c) => c.enrolmentId));
  for (const id of context.recorded) {
    if (!kept.has(id)) problems.push({ index: -1, rule: 'already-recorded', message: `the item of ${id} was recorded and cannot be removed` });
  }
  return problems;
}

/** The instant a Copenhagen calendar day begins (00:00 local, +01:00 in winter, +02:00 in summer). */
export function copenhagenDayStart(date: string): string {
  for (const offset of ['+02:00', '+01:00']) {
    const t = new Date(`${date}T00:00:00${offset}`);
    if (copenhagenDate(t) === date && copenhagenDate(new Date(t.getTime() - 1)) !== date) return t.toISOString();
  }
  throw new RangeError(`no midnight found for ${date}`);
}

/** When a team member's access to an agenda's journeys ends: the start of the day after the meeting's day plus `accessDays`. */
export function teamMemberAccessEnds(startsAt: string, accessDays: number): string {
  return copenhagenDayStart(copenhagenDate(addCalendarDays(new Date(startsAt), 1 + accessDays)));
}

/**
 * A period of `GET …/team-meetings` as bounds of the meetings' sort keys (`{startsAt}#{id}`): a date means the
 * whole Copenhagen day (from its start; up to the start of the next day), an instant means that instant.
 */
export function meetingPeriod(from: string | undefined, to: string | undefined): { from: string; to: string } {
  const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v);
  const nextDay = (d: string) => new Date(Date.parse(`${d}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return {
    from: from === undefined ? '0000' : isDate(from) ? copenhagenDayStart(from) : new Date(from).toISOString(),
    to: to === undefined ? '9999' : isDate(to) ? copenhagenDayStart(nextDay(to)) : `${new Date(to).toISOString()}#\uffff`,
  };
}
