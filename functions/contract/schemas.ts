import { z } from 'zod';
import { Appointment, SanctionAssessment } from './appointments.js';
import { InstrumentRecord } from './instruments.js';
import { CalendarDate, Id, Instant, MunicipalityCode, Stage, Username } from './primitives.js';

/*
 * One zod schema per concept of the HTTP contract (shared/api.md). Handlers parse with them, the OpenAPI
 * document is generated from them and the web front end types its API client with them.
 */

export const Role = z.enum([
  'admin',
  'lead',
  'tovholder',
  'caseworker',
  'care-manager',
  'team-member',
  'provider',
  'evaluator',
]);
export type Role = z.infer<typeof Role>;

// The primitives live in primitives.ts so that topic files (appointments.ts, instruments.ts) can use them and
// the Journey below can use the topic files' schemas without an import cycle.
export { CalendarDate, Id, Instant, Month, MunicipalityCode, Stage, Username } from './primitives.js';

// ---- users ---------------------------------------------------------------------------------------

export const UserInput = z
  .object({
    username: Username,
    name: z.string().trim().min(1).max(200),
    email: z.email(),
    roles: z.array(Role).min(1),
    municipalities: z.array(MunicipalityCode).default([]),
    programmes: z.array(Id).default([]),
  })
  .refine((u) => !(u.roles.includes('evaluator') && u.roles.length > 1), {
    path: ['roles'],
    message: 'an evaluator cannot hold another role',
  });
export type UserInput = z.infer<typeof UserInput>;

export const UserPatch = z
  .object({
    active: z.boolean().optional(),
    roles: z.array(Role).min(1).optional(),
    municipalities: z.array(MunicipalityCode).optional(),
    programmes: z.array(Id).optional(),
  })
  .refine((u) => !(u.roles?.includes('evaluator') && u.roles.length > 1), {
    path: ['roles'],
    message: 'an evaluator cannot hold another role',
  });

export const User = z.object({
  username: Username,
  name: z.string(),
  email: z.string(),
  roles: z.array(Role),
  municipalities: z.array(MunicipalityCode),
  programmes: z.array(Id),
  active: z.boolean(),
  createdAt: Instant,
});
export type User = z.infer<typeof User>;

export const Me = User.pick({ username: true, name: true, roles: true, municipalities: true, programmes: true });

export const UserSummary = User.pick({ username: true, name: true, roles: true, active: true });
export const UserList = z.object({ items: z.array(UserSummary) });
export const UserListQuery = z.object({ programme: Id.optional(), role: Role.optional() });

// ---- programmes -----------------------------------------------------------------------------------

export const Template = z.enum(['brug-for-alle', 'ibbu', 'job-til-uddannelse', 'youth-coordination']);

/** Template defaults of shared/api.md. Bounds keep every wait they feed within the workflow rules. */
export const ProgrammeSettings = z.object({
  screeningDeadlineWorkingDays: z.int().min(1).max(60).default(10),
  intakeDeadlineWorkingDays: z.int().min(1).max(60).default(10),
  planDeadlineWorkingDays: z.int().min(1).max(60).default(10),
  reminderIntervalWorkingDays: z.int().min(1).max(20).default(3),
  remindersBeforeEscalation: z.int().min(1).max(10).default(3),
  teamMeetingCadenceDays: z.int().min(1).max(90).default(14),
  citizensPerMeeting: z.int().min(1).max(20).default(5),
  slotMinutes: z.int().min(10).max(120).default(30),
  followUpIntervalDays: z.int().min(1).max(180).default(30),
  attendanceGraceHours: z.int().min(1).max(240).default(24),
});
export type ProgrammeSettings = z.infer<typeof ProgrammeSettings>;

export const ProgrammeInput = z.object({
  name: z.string().trim().min(1).max(200),
  template: Template,
  municipalities: z.array(MunicipalityCode).min(1),
  settings: ProgrammeSettings.partial().optional(),
});

export const Programme = z.object({
  id: Id,
  name: z.string(),
  template: Template,
  municipalities: z.array(MunicipalityCode),
  settings: ProgrammeSettings,
  createdAt: Instant,
});
export type Programme = z.infer<typeof Programme>;
export const ProgrammeList = z.object({ items: z.array(Programme) });

// ---- enrolments (a citizen's journey in one programme) --------------------------------------------

export const Colour = z.enum(['green', 'orange', 'red', 'blue']);
export type Colour = z.infer<typeof Colour>;


export const ExitReason = z.enum(['moved', 'emigrated', 'disability-pension', 'terminally-ill', 'maternity', 'other']);

export const EnrolmentInput = z.object({
  cpr: z.string().max(20),
  name: z.string().trim().min(1).max(200),
  municipality: MunicipalityCode,
  phone: z.string().trim().max(30).optional(),
  email: z.email().optional(),
});

export const PersonRef = z.object({ username: Username, name: z.string() });

export const OverdueItem = z.object({ kind: z.string(), dueAt: Instant });

export const OverviewItem = z.object({
  id: Id,
  name: z.string(),
  cprMasked: z.string(),
  municipality: MunicipalityCode,
  colour: Colour.nullable(),
  stage: Stage,
  primaryTovholder: PersonRef.nullable(),
  nextDeadline: Instant.nullable(),
  overdue: z.array(OverdueItem),
});

export const ColourCounts = z.object({
  green: z.int(),
  orange: z.int(),
  red: z.int(),
  blue: z.int(),
  unscreened: z.int(),
});

export const Overview = z.object({
  items: z.array(OverviewItem),
  counts: ColourCounts,
  cursor: z.string().nullable(),
});

export const OverviewQuery = z.object({
  colour: z.union([Colour, z.literal('unscreened')]).optional(),
  stage: Stage.optional(),
  municipality: MunicipalityCode.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  cpr: z.string().max(20).optional(),
  cursor: z.string().max(2000).optional(),
});

export const TimelineEvent = z.object({
  at: Instant,
  kind: z.string(),
  by: z.string(),
  summary: z.string(),
});

export const Screening = z.object({
  colour: Colour,
  reason: z.string(),
  exitReason: ExitReason.nullable(),
  by: z.string(),
  at: Instant,
});

export const Journey = z.object({
  id: Id,
  programmeId: Id,
  citizen: z.object({
    name: z.string(),
    cprMasked: z.string(),
    birthDate: CalendarDate,
    municipality: MunicipalityCode,
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  colour: Colour.nullable(),
  stage: Stage,
  stageEnteredAt: Instant,
  baseline: Screening.nullable(),
  screening: Screening.nullable(),
  primaryTovholder: PersonRef.nullable(),
  secondaryTovholder: PersonRef.nullable(),
  nextDeadline: Instant.nullable(),
  timeline: z.array(TimelineEvent),
  appointments: z.array(Appointment),
  preparatoryForm: z.unknown().nullable(),
  plan: z.unknown().nullable(),
  instruments: z.array(InstrumentRecord),
  sanctionAssessments: z.array(SanctionAssessment),
  notes: z.array(z.unknown()),
  outcome: z.unknown().nullable(),
  createdAt: Instant,
});
export type Journey = z.infer<typeof Journey>;

export const ScreeningInput = z
  .object({
    colour: Colour,
    reason: z.string().trim().min(1).max(2000),
    exitReason: ExitReason.optional(),
  })
  .refine((s) => s.colour !== 'red' || s.exitReason !== undefined, {
    path: ['exitReason'],
    message: 'a red screening needs an exit reason',
  })
  .refine((s) => s.colour === 'red' || s.exitReason === undefined, {
    path: ['exitReason'],
    message: 'only a red screening has an exit reason',
  });

export const ScreeningResult = z.object({ screening: Screening, stage: Stage, colour: Colour });

// ---- inbox ---------------------------------------------------------------------------------------

export const InboxItem = z.object({
  id: z.string(),
  kind: z.string(),
  enrolmentId: z.string(),
  dueAt: Instant,
  createdAt: Instant,
  read: z.boolean(),
});
export const Inbox = z.object({ items: z.array(InboxItem) });

// ---- errors and local mode ------------------------------------------------------------------------

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

export const TokenRequest = z.object({ username: Username });
export const TokenResponse = z.object({ token: z.string() });
export const ClockResponse = z.object({ now: Instant });
export const ClockRequest = z.union([
  z.object({ advance: z.string().regex(/^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'an ISO 8601 duration such as P3D or PT12H') }),
  z.object({ now: Instant }),
]);
export const Health = z.object({ status: z.literal('ok') });
