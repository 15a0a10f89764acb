import type { z } from 'zod';
import type { Competence, InternshipGoal, WeekHours } from '../contract/internships.js';
import type { PersonRef } from '../contract/schemas.js';
import type { Command, Effect, JourneyState } from './decide.js';
import { mondayOf, sundayOf, weekAfter } from './iso-week.js';
import { refusal, type Refusal } from './refusal.js';
import type { Path } from './templates/template.js';

/*
 * Gennem Job til Uddannelse's rules (seed 000, second project; shared/api.md): internships towards a number of
 * paid hours or ordinary employment, their weekly hours, learning certificates, and the contact person (the job
 * broker of the first internship until a mentor takes over). Pure: decide() takes the effects below for this
 * template's commands.
 */

/** What the rules read of an internship. */
export interface InternshipFacts {
  id: string;
  company: string;
  startDate: string;
  endDate: string | null;
  goal: InternshipGoal;
  jobBroker: z.infer<typeof PersonRef>;
  mentor: z.infer<typeof PersonRef> | null;
  hours: WeekHours[];
  goalReachedAt: string | null;
  createdAt: string;
}

type Period = Pick<InternshipFacts, 'startDate' | 'endDate'>;

/** Whether two internships share a day (dates inclusive; one without an end runs on). */
export function overlaps(a: Period, b: Period): boolean {
  return a.startDate <= (b.endDate ?? '9999-12-31') && b.startDate <= (a.endDate ?? '9999-12-31');
}

export const paidHoursTotal = (hours: readonly Pick<WeekHours, 'paidHours'>[]): number => hours.reduce((sum, h) => sum + h.paidHours, 0);

/** The hours with `entry` in: a second entry for the same week replaces the first; oldest week first. */
export function withWeek(hours: readonly WeekHours[], entry: WeekHours): WeekHours[] {
  return [...hours.filter((h) => h.week !== entry.week), entry].sort((a, b) => a.week.localeCompare(b.week));
}

/** Whether an internship runs in any day of an ISO week. */
export const activeInWeek = (i: Period, week: string): boolean => overlaps(i, { startDate: mondayOf(week), endDate: sundayOf(week) });

/** The internships that ran in `week` and have no hours for it. */
export function missingHours<I extends Pick<InternshipFacts, 'startDate' | 'endDate' | 'hours'>>(internships: readonly I[], week: string): I[] {
  return internships.filter((i) => activeInWeek(i, week) && !i.hours.some((h) => h.week === week));
}

/**
 * The week a tick of the internship stage's weekly clock is about: the week the stage was entered in, then one
 * more for each tick (see step-clock's `weekly` clock).
 */
export const weekOfTick = (stageEnteredAt: string, index: number): string => weekAfter(new Date(stageEnteredAt), index);

/** An `end` certificate describes the competences gained: at least one personal and one professional. */
export function certificateProblem(phase: 'start' | 'progress' | 'end', competences: readonly z.infer<typeof Competence>[]): Refusal | null {
  if (phase !== 'end') return null;
  const kinds = new Set(competences.map((c) => c.kind));
  if (kinds.has('personal') && kinds.has('professional')) return null;
  return refusal('rule-violated', 'end-certificate-competences', 'an end certificate names at least one personal and one professional competence');
}

/** A job, an education or a better match gets aftercare; the other outcomes close; one recorded in aftercare ends it. */
export function outcomeStage(stage: string, outcome: string): 'aftercare' | 'closed' {
  if (stage === 'aftercare') return 'closed';
  return outcome === 'job' || outcome === 'education' || outcome === 'match-improved' ? 'aftercare' : 'closed';
}

/** The path to `stage` among those the template offers from here (staying there, for a command that moves nothing). */
const to = (stage: string) => (paths: Path[]) => paths.find((p) => p.to === stage);

/** The effect of one of this template's commands on a journey, or its refusal. */
export function internshipEffect<J extends JourneyState>(journey: J, command: Command, now: Date): Effect<J> | Refusal | undefined {
  const stage = journey.stage;
  switch (command.kind) {
    case 'internship': {
      const { internship, existing } = command;
      const clash = existing.find((other) => overlaps(other, internship));
      if (clash) return refusal('conflict', 'internship-overlaps', `the young person has an internship from ${clash.startDate} to ${clash.endDate ?? '(no end)'} in the same period`);
      const mentors = [...new Set([...(journey.mentors ?? []), ...(internship.mentor ? [internship.mentor.username] : [])])];
      return {
        pick: to('internship'),
        // Until someone takes over, the contact person is the job broker of the first internship.
        changes: { contactPerson: journey.contactPerson ?? internship.jobBroker, mentors } as Partial<J>,
        events: () => [
          { kind: 'internship', summary: `Internship at ${internship.company} from ${internship.startDate}${internship.endDate ? ` to ${internship.endDate}` : ''}; job broker ${internship.jobBroker.name}` },
          ...(journey.contactPerson ? [] : [{ kind: 'contact-person', summary: `Contact person: ${internship.jobBroker.name} (job broker of the first internship)` }]),
        ],
      };
    }
    case 'internship-ended': {
      const { internship } = command;
      return { pick: to('follow-up'), events: () => [{ kind: 'internship-ended', summary: `Internship at ${internship.company} ended ${internship.endDate}` }] };
    }
    case 'hours': {
      const { internship, entry } = command;
      if (!activeInWeek(internship, entry.week)) return refusal('rule-violated', 'week-outside-internship', `the internship does not run in week ${entry.week}`);
      const before = paidHoursTotal(internship.hours);
      const after = paidHoursTotal(withWeek(internship.hours, entry));
      const goal = internship.goal.kind === 'paid-hours' ? internship.goal.hours : null;
      const reached = goal !== null && internship.goalReachedAt === null && before < goal && after >= goal;
      return {
        pick: to(stage),
        events: () => [
          { kind: 'hours', summary: `Hours week ${entry.week} at ${internship.company}: ${entry.paidHours} paid, ${entry.unpaidHours} unpaid` },
          ...(reached ? [{ kind: 'paid-hours-goal-reached', summary: `Paid-hours goal of ${goal} reached at ${internship.company}` }] : []),
        ],
        // Once per internship: its creation is the notification's fixed due time.
        notifications: reached ? [{ kind: 'paid-hours-goal-reached', audience: 'owner', owner: internship.jobBroker.username, subject: `internship:${internship.id}`, dueAt: internship.createdAt }] : [],
      };
    }
    case 'learning-certificate': {
      const c = command;
      const problem = certificateProblem(c.phase, c.competences);
      if (problem) return problem;
      return { pick: to(stage), events: () => [{ kind: 'learning-certificate', summary: `Learning certificate (${c.phase}) for the internship at ${c.company}` }] };
    }
    case 'contact-person': {
      const { contactPerson } = command;
      const from = journey.contactPerson;
      if (from?.username === contactPerson.username) return refusal('conflict', 'already-contact-person', `${contactPerson.name} is the contact person already`);
      return {
        pick: to(stage),
        changes: { contactPerson } as Partial<J>,
        events: () => [{ kind: 'contact-person', summary: `Contact person: ${contactPerson.name} took over${from ? ` from ${from.name}` : ''}` }],
      };
    }
    case 'ambassador': {
      const { ambassador } = command;
      return { pick: to(stage), changes: { ambassadorId: ambassador.id } as Partial<J>, events: () => [{ kind: 'ambassador', summary: `Youth ambassador: ${ambassador.name}` }] };
    }
    case 'outcome': {
      const c = command;
      const next = outcomeStage(stage, c.outcome);
      return {
        pick: to(next),
        changes: { outcome: { outcome: c.outcome, date: c.date, note: c.note ?? null, by: c.by, at: now.toISOString() } } as Partial<J>,
        events: () => [{ kind: 'outcome', summary: `Outcome: ${c.outcome}; ${next === 'closed' ? 'journey closed' : 'aftercare'}` }],
      };
    }
    default:
      return undefined;
  }
}
