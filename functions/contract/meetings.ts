import { z } from 'zod';
import { InterventionDomain, LifeArea } from './plan.js';
import { CalendarDate, Colour, Id, Instant, Stage, Username } from './primitives.js';

/*
 * Cross-disciplinary team meetings (tværfagligt team) of shared/api.md. A meeting has members (usernames)
 * and an agenda of citizens, each in a slot of the programme's `slotMinutes`. Green and blue citizens are
 * discussed WITHOUT the citizen (a consultation); orange citizens meet the team. The team's
 * recommendations are advice: kept apart from the plan, shown on the journey.
 */

export const TeamMeetingInput = z.object({
  startsAt: Instant,
  /** Pool the agenda by a life area of the preparatory form (e.g. substance-use), so only the relevant people attend. */
  theme: LifeArea.optional(),
  members: z.array(z.string().max(64)).min(1).max(30),
});

export const Recommendation = z.object({ domain: InterventionDomain, text: z.string().trim().min(1).max(4000) });

export const AgendaItem = z.object({
  enrolmentId: Id,
  /** The citizen's name, only when the caller may see that journey; null otherwise. */
  name: z.string().nullable(),
  colour: Colour,
  /** false: a consultation without the citizen (green and blue). */
  withCitizen: z.boolean(),
  slotStart: Instant,
  slotEnd: Instant,
  recorded: z.boolean(),
  /** Once recorded, and only where the name is shown: whether the citizen took part, and the team's recommendations. */
  citizenPresent: z.boolean().nullable().default(null),
  recommendations: z.array(Recommendation).default([]),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const TeamMeeting = z.object({
  id: Id,
  programmeId: Id,
  startsAt: Instant,
  endsAt: Instant,
  theme: LifeArea.nullable(),
  members: z.array(Username),
  slotMinutes: z.int(),
  agenda: z.array(AgendaItem),
  createdBy: Username,
  createdAt: Instant,
  version: z.int(),
});
export type TeamMeeting = z.infer<typeof TeamMeeting>;

export const TeamMeetingList = z.object({ items: z.array(TeamMeeting) });

export const TeamMeetingQuery = z.object({
  from: z.union([Instant, CalendarDate]).optional(),
  to: z.union([Instant, CalendarDate]).optional(),
});

export const AgendaInput = z
  .object({ enrolmentIds: z.array(Id).max(20) })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.enrolmentIds.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['enrolmentIds', i], message: 'this citizen is already on the agenda' });
      seen.add(id);
    });
  });

export const TeamMeetingItemInput = z.object({
  citizenPresent: z.boolean(),
  recommendations: z.array(Recommendation).max(30),
});

/** One citizen's place on one meeting's agenda, and what the team recommended once it is recorded. */
export const TeamMeetingItem = z.object({
  meetingId: Id,
  startsAt: Instant,
  slotStart: Instant,
  slotEnd: Instant,
  withCitizen: z.boolean(),
  recorded: z.boolean(),
  citizenPresent: z.boolean().nullable(),
  recommendations: z.array(Recommendation),
  by: Username.nullable(),
  at: Instant.nullable(),
});
export type TeamMeetingItem = z.infer<typeof TeamMeetingItem>;

export const TeamMeetingItemResult = z.object({ item: TeamMeetingItem, stage: Stage });
