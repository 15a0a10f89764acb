import { z } from 'zod';
import { CalendarDate, Id, Instant, MunicipalityCode, Month, Stage, Username } from './primitives.js';

/*
 * Youth coordination (shared/api.md v2, "Youth coordination"): the monthly coordination list of young people
 * possibly in the rest group, its entries, the coordination group's meeting and its indicators, guardians,
 * the actors registry, the Praktik-generator's confirmation and reassignments.
 */

export const PersonRef = z.object({ username: Username, name: z.string() });

export const EntryStatus = z.enum(['proposed', 'kept', 'misplaced']);

/** An entry as the list shows it: a misplaced one has neither name nor CPR any more. */
export const CoordinationEntry = z.object({
  entryId: z.string(),
  line: z.int(),
  name: z.string().nullable(),
  cprMasked: z.string().nullable(),
  municipality: MunicipalityCode,
  status: EntryStatus,
  /** Consecutive months kept on the lists, this one included once kept. */
  monthsOnList: z.int(),
  /** Kept on the previous month's list too: special attention. */
  repeater: z.boolean(),
  responsible: PersonRef.nullable(),
  enrolmentId: z.string().nullable(),
});
export type CoordinationEntry = z.infer<typeof CoordinationEntry>;

export const Indicators = z.object({
  inRestGroup: z.int(),
  repeaters: z.int(),
  couldNotBeContacted: z.int(),
});
export type Indicators = z.infer<typeof Indicators>;

export const CoordinationMeeting = z.object({
  heldAt: Instant,
  attendees: z.array(PersonRef),
  notReached: z.array(z.string()),
  indicators: Indicators,
  by: PersonRef,
});

export const CoordinationList = z.object({
  id: z.string(),
  programmeId: Id,
  month: Month,
  entries: z.array(CoordinationEntry),
  rejected: z.array(z.object({ line: z.int(), reason: z.string() })),
  meeting: CoordinationMeeting.nullable(),
  createdAt: Instant,
  by: PersonRef,
});

export const CoordinationListQuery = z.object({ month: Month, replace: z.enum(['true', 'false']).optional() });

export const EntryPatch = z
  .object({ status: z.enum(['kept', 'misplaced']), responsible: Username.optional() })
  .refine((p) => p.status === 'kept' || p.responsible === undefined, { path: ['responsible'], message: 'only a kept entry has a responsible' });

export const EntryResult = CoordinationEntry.extend({ stage: Stage.nullable() });

export const MeetingInput = z.object({
  heldAt: Instant,
  attendees: z.array(Username).min(1),
  notReached: z.array(z.string().min(1).max(64)).default([]),
});
export const MeetingResult = z.object({ indicators: Indicators });

/** A month of the programme's lists with its indicators (null until its meeting is held) and the goal beside. */
export const MonthIndicators = z.object({
  month: Month,
  listId: z.string(),
  kept: z.int(),
  misplaced: z.int(),
  proposed: z.int(),
  meetingHeldAt: Instant.nullable(),
  indicators: Indicators.nullable(),
});
export const MonthsQuery = z.object({ from: Month.optional(), to: Month.optional() });
export const Goal = z.object({
  goalShareInEducationOrJob: z.number(),
  /** Young people ever kept (enrolled) in the programme, in the caller's municipalities. */
  enrolled: z.int(),
  inEducationOrJob: z.int(),
  share: z.number(),
  reached: z.boolean(),
});
export const MonthsList = z.object({ items: z.array(MonthIndicators), goal: Goal });

// ---- the young person's journey ------------------------------------------------------------------

export const GuardianInput = z.object({
  name: z.string().trim().min(1).max(200),
  phone: z.string().trim().max(30).optional(),
  email: z.email().optional(),
  relation: z.string().trim().min(1).max(100),
});
export const Guardian = z.object({ name: z.string(), phone: z.string().nullable(), email: z.string().nullable(), relation: z.string() });
export type Guardian = z.infer<typeof Guardian>;
export const GuardiansInput = z.array(GuardianInput).max(6);
export const GuardiansResult = z.object({ guardians: z.array(Guardian), stage: Stage });

/** What a youth journey keeps of its time on the lists. */
export const CoordinationState = z.object({
  firstKeptMonth: Month,
  lastKeptMonth: Month,
  monthsOnList: z.int(),
  /** The meetings' lists that recorded the young person in `notReached`: the condition for a sanction. */
  notReachedOn: z.array(z.string()).default([]),
  praktik: z
    .object({
      proposedAt: Instant.nullable(),
      confirmedAt: Instant.nullable().default(null),
      interventionId: z.string().nullable().default(null),
      endedAt: Instant.nullable().default(null),
    })
    .nullable()
    .default(null),
});
export type CoordinationState = z.infer<typeof CoordinationState>;

export const PraktikConfirmInput = z.object({ canGetInternship: z.literal(true), note: z.string().trim().max(2000).optional() });
export const PraktikResult = z.object({ praktik: CoordinationState.shape.praktik, planVersion: z.int(), stage: Stage });

// ---- actors, reassignments ------------------------------------------------------------------------

export const ActorInput = z.object({
  name: z.string().trim().min(1).max(200),
  organisation: z.string().trim().min(1).max(200),
  role: z.string().trim().min(1).max(200),
  phone: z.string().trim().max(30).optional(),
  email: z.email().optional(),
  offers: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
});
export const Actor = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string(),
  role: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  offers: z.array(z.string()),
  by: PersonRef,
  at: Instant,
});
export const ActorList = z.object({ items: z.array(Actor) });

export const Responsibility = z.enum(['primary-tovholder', 'secondary-tovholder', 'track-owner', 'contact-person', 'list-responsible']);
export const ReassignmentInput = z
  .object({ from: Username, to: Username, responsibilities: z.array(Responsibility).min(1).optional(), municipality: MunicipalityCode.optional() })
  .refine((r) => r.from !== r.to, { path: ['to'], message: 'the new responsible must be someone else' });
export const ReassignmentResult = z.object({ moved: z.int() });

export const CoordinationSanctionInput = z.object({
  coordinationListId: z.string().min(1).max(64),
  reasonableCause: z.boolean(),
  lackOfResources: z.boolean(),
  financialHardship: z.boolean(),
  conclusion: z.enum(['no-sanction', 'recommend-sanction']),
  note: z.string().trim().min(1).max(4000),
  date: CalendarDate.optional(),
});
