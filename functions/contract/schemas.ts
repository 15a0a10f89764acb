import { z } from 'zod';
import { CalendarDate, Colour, DigestTime, Id, Instant, MunicipalityCode, Month, PersonRef, Stage, Username } from './primitives.js';
import { Ambassador, Certificate, Internship } from './internships.js';
import { Appointment, InterventionNotStarted, SanctionAssessment } from './appointments.js';
import { InstrumentRecord } from './instruments.js';
import { Plan, PreparatoryForm } from './plan.js';
import { TeamMeetingItem } from './meetings.js';
import { Cpr } from './cpr.js';
import { ProgrammeSettings } from './settings.js';
import { CoordinationState, Guardian } from './coordination.js';

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
  // The roles the other templates bring (shared/api.md v2).
  'specialist-psychologist',
  'job-broker',
  'mentor',
  'coordination-member',
]);
export type Role = z.infer<typeof Role>;

/** Where a user works: region staff record health data that municipal staff see only under a consent. */
export const Organisation = z.enum(['municipality', 'region']);
export type Organisation = z.infer<typeof Organisation>;

export { CalendarDate, Colour, Id, Instant, MunicipalityCode, Month, PersonRef, Stage, Username };

// ---- users ---------------------------------------------------------------------------------------

export const UserInput = z
  .object({
    username: Username,
    name: z.string().trim().min(1).max(200),
    email: z.email(),
    roles: z.array(Role).min(1),
    organisation: Organisation.default('municipality'),
    municipalities: z.array(MunicipalityCode).default([]),
    programmes: z.array(Id).default([]),
    digestTime: DigestTime.optional(),
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
    organisation: Organisation.optional(),
    municipalities: z.array(MunicipalityCode).optional(),
    programmes: z.array(Id).optional(),
    digestTime: DigestTime.optional(),
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
  /** Users stored before organisations existed work for a municipality. */
  organisation: Organisation.default('municipality'),
  municipalities: z.array(MunicipalityCode),
  programmes: z.array(Id),
  active: z.boolean(),
  createdAt: Instant,
  /** When the daily digest goes out (07:30 when not set). */
  digestTime: DigestTime.optional(),
});
export type User = z.infer<typeof User>;

export const Me = User.pick({ username: true, name: true, roles: true, organisation: true, municipalities: true, programmes: true });

export const UserSummary = User.pick({ username: true, name: true, roles: true, organisation: true, active: true });
export const UserList = z.object({ items: z.array(UserSummary) });
export const UserListQuery = z.object({ programme: Id.optional(), role: Role.optional() });

// ---- programmes -----------------------------------------------------------------------------------

export const Template = z.enum(['brug-for-alle', 'ibbu', 'job-til-uddannelse', 'youth-coordination']);

export { BrugForAlleSettings, CommonSettings, ProgrammeSettings, TeamMeetingSettings } from './settings.js';

export const TemplateVersion = z.int().min(1).max(1000);

/** The settings are checked against the chosen template version's own schema (its ranges: 400 outside them). */
export const ProgrammeInput = z.object({
  name: z.string().trim().min(1).max(200),
  template: Template,
  /** The latest version when omitted. */
  templateVersion: TemplateVersion.optional(),
  municipalities: z.array(MunicipalityCode).min(1),
  settings: z.record(z.string(), z.unknown()).optional(),
});

export const Programme = z.object({
  id: Id,
  name: z.string(),
  template: Template,
  templateVersion: TemplateVersion,
  municipalities: z.array(MunicipalityCode),
  settings: ProgrammeSettings,
  createdAt: Instant,
});
export type Programme = z.infer<typeof Programme>;
export const ProgrammeList = z.object({ items: z.array(Programme) });

/** A setting of a template: its default and, for a number, its allowed range. */
export const TemplateSetting = z.object({ default: z.unknown(), min: z.number().optional(), max: z.number().optional() });
export const TemplateSummary = z.object({
  id: Template,
  version: TemplateVersion,
  name: z.string(),
  roles: z.array(z.string()),
  tracks: z.array(z.object({ id: z.string(), stages: z.array(z.string()) })),
  groups: z.array(z.string()),
  settings: z.record(z.string(), TemplateSetting),
});
export const TemplateList = z.object({ items: z.array(TemplateSummary) });

// ---- enrolments (a citizen's journey in one programme) --------------------------------------------



export const ExitReason = z.enum(['moved', 'emigrated', 'disability-pension', 'terminally-ill', 'maternity', 'other']);

export const EnrolmentInput = z.object({
  cpr: Cpr,
  name: z.string().trim().min(1).max(200),
  municipality: MunicipalityCode,
  phone: z.string().trim().max(30).optional(),
  email: z.email().optional(),
});

export const OverdueItem = z.object({ kind: z.string(), dueAt: Instant });

export const OverviewItem = z.object({
  id: Id,
  name: z.string(),
  cprMasked: z.string(),
  municipality: MunicipalityCode,
  template: Template,
  colour: Colour.nullable(),
  stage: Stage,
  primaryTovholder: PersonRef.nullable(),
  /** Gennem Job til Uddannelse: the young person's contact person (null in the other templates). */
  contactPerson: PersonRef.nullable(),
  nextDeadline: Instant.nullable(),
  overdue: z.array(OverdueItem),
  /** Youth coordination: kept on its latest list and the one before (special attention). */
  repeater: z.boolean().optional(),
});

/** Journeys per group of the programme's template (Brug for alle: the colours and `unscreened`). */
export const GroupCounts = z.record(z.string(), z.int());

export const Overview = z.object({
  items: z.array(OverviewItem),
  counts: GroupCounts,
  cursor: z.string().nullable(),
});

export const OverviewQuery = z.object({
  colour: z.union([Colour, z.literal('unscreened')]).optional(),
  stage: Stage.optional(),
  municipality: MunicipalityCode.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  cpr: Cpr.optional(),
  cursor: z.string().max(2000).optional(),
});

// ---- tovholders, journal, outcome, audit, import --------------------------------------------------

export const TovholdersInput = z
  .object({ primary: Username, secondary: Username.optional() })
  .refine((t) => t.primary !== t.secondary, { path: ['secondary'], message: 'the secondary tovholder must be someone else' });

export const TovholdersResult = z.object({
  primaryTovholder: PersonRef,
  secondaryTovholder: PersonRef.nullable(),
  stage: Stage,
});

export const NoteKind = z.enum(['note', 'contact-attempt']);
export const ContactChannel = z.enum(['phone', 'sms', 'e-mail', 'letter', 'home-visit', 'in-person', 'digital-post', 'outreach']);

export const NoteInput = z
  .object({
    kind: NoteKind,
    text: z.string().trim().min(1).max(5000),
    channel: ContactChannel.optional(),
    reached: z.boolean().optional(),
    /** Whom a contact attempt was made to: a guardian's name (youth coordination: a young person under 18's); the citizen when absent. */
    addressee: z.string().trim().min(1).max(200).optional(),
  })
  .refine((n) => n.kind === 'contact-attempt' || n.addressee === undefined, { path: ['addressee'], message: 'an addressee belongs to a contact attempt' })
  .refine((n) => n.kind !== 'contact-attempt' || (n.channel !== undefined && n.reached !== undefined), {
    path: ['reached'],
    message: 'a contact attempt says how (channel) and whether the citizen was reached (reached)',
  })
  .refine((n) => n.kind === 'contact-attempt' || (n.channel === undefined && n.reached === undefined), {
    path: ['kind'],
    message: 'channel and reached belong to a contact attempt',
  });

export const Note = z.object({
  id: z.string(),
  kind: NoteKind,
  text: z.string(),
  channel: ContactChannel.nullable(),
  reached: z.boolean().nullable(),
  addressee: z.string().nullable().default(null),
  by: z.string(),
  at: Instant,
});
export type Note = z.infer<typeof Note>;
export const NoteResult = Note.extend({ stage: Stage });

/** "Could not be contacted" (a key indicator): attempts made and how many reached nobody. */
export const ContactSummary = z.object({ attempts: z.int(), unreached: z.int(), lastReachedAt: Instant.nullable() });

export const OutcomeKind = z.enum(['job', 'education', 'match-improved', 'still-passive', 'permanent-support', 'exited']);
export const OutcomeInput = z.object({
  outcome: OutcomeKind,
  date: CalendarDate,
  note: z.string().trim().max(2000).optional(),
});
export const Outcome = z.object({
  outcome: OutcomeKind,
  date: CalendarDate,
  note: z.string().nullable(),
  by: z.string(),
  at: Instant,
});
export const OutcomeResult = Outcome.extend({ stage: Stage });

export const AuditEntry = z.object({
  at: Instant,
  actor: z.string(),
  action: z.string(),
  outcome: z.enum(['allowed', 'denied']),
  enrolmentIds: z.array(z.string()),
  status: z.int().optional(),
  /** A user change: the fields set, as given. */
  changes: z.record(z.string(), z.unknown()).optional(),
  /** An erasure names what it erased, by category, never the data. */
  erased: z.array(z.string()).optional(),
  /** An evaluation export: its programme and the export. */
  programmeId: z.string().optional(),
  exportId: z.string().optional(),
});
export const AuditTrail = z.object({ items: z.array(AuditEntry) });

/** A legal hold keeps a journey from being erased (a complaint, an appeal, a court case) until it is lifted. */
export const LegalHoldInput = z
  .object({ hold: z.boolean(), reason: z.string().trim().min(1).max(500).optional() })
  .refine((h) => !h.hold || h.reason !== undefined, { path: ['reason'], message: 'a legal hold needs a reason' });
export const LegalHold = z.object({ reason: z.string(), by: z.string(), at: Instant });
export const LegalHoldResult = z.object({ legalHold: LegalHold.nullable(), stage: Stage });

/** The import file: `cpr;name;municipality`, UTF-8 (with or without BOM) or Windows-1252, header on line 1. */
export const EnrolmentCsv = z.string().describe('semicolon-separated lines cpr;name;municipality, header first');
export const ImportRejection = z.object({ line: z.int(), reason: z.string() });
export const ImportResult = z.object({ created: z.int(), rejected: z.array(ImportRejection) });
/** More than `IMPORT_SYNC_MAX_LINES` lines: the import goes on in a workflow (`GET /imports/{id}`). */
export const ImportAccepted = z.object({ importId: z.string() });
export const ImportStatus = z.enum(['running', 'done', 'failed']);
export const ImportProgress = ImportResult.extend({ status: ImportStatus, total: z.int(), done: z.int() });
export const TimelineEvent = z.object({
  at: Instant,
  kind: z.string(),
  by: z.string(),
  summary: z.string(),
});

/** A timeline event as the API shows it: who did it by username and name (shared/api.md v2). */
export const TimelineEntry = TimelineEvent.extend({ by: z.object({ username: z.string(), name: z.string() }) });

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
  /** The template version the journey runs by (the one it was enrolled under). */
  template: Template,
  templateVersion: TemplateVersion,
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
  timeline: z.array(TimelineEntry),
  appointments: z.array(Appointment),
  preparatoryForm: PreparatoryForm.nullable(),
  plan: Plan.nullable(),
  /** The team meetings this citizen is on the agenda of, with the team's recommendations once recorded. */
  teamMeetingItems: z.array(TeamMeetingItem),
  instruments: z.array(InstrumentRecord),
  sanctionAssessments: z.array(SanctionAssessment),
  /** Follow-up: plan interventions whose start month passed without an attended session. */
  interventionsNotStarted: z.array(InterventionNotStarted),
  notes: z.array(Note),
  contacts: ContactSummary,
  outcome: Outcome.nullable(),
  needsTovholder: z.boolean(),
  /** Set while the journey must not be erased after its retention period. */
  legalHold: LegalHold.nullable(),
  /** Gennem Job til Uddannelse: who gets the reminders, the internships with their hours, certificates, youth ambassador. */
  contactPerson: PersonRef.nullable(),
  internships: z.array(Internship),
  learningCertificates: z.array(Certificate),
  ambassador: Ambassador.nullable(),
  /** Youth coordination: the guardians of a young person under 18, and the time on the coordination lists. */
  guardians: z.array(Guardian).default([]),
  coordination: CoordinationState.nullable().default(null),
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
    code: z.string().describe('invalid-input, unauthenticated, forbidden, not-found, conflict, payload-too-large, rule-violated, …'),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
    /** The id of the domain rule that refused (a 422 and some 409s), for a client to word in its own language. */
    rule: z.string().optional(),
  }),
});

export const TokenRequest = z.object({ username: Username });
export const TokenResponse = z.object({ token: z.string() });
export const ClockResponse = z.object({ now: Instant });
export const ClockRequest = z.union([
  z.object({ advance: z.string().regex(/^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'an ISO 8601 duration such as P3D or PT12H') }),
  z.object({ now: Instant }),
]);
/** `ready`: the system takes every call (locally false while the demo data is being seeded). */
export const Health = z.object({ status: z.literal('ok'), ready: z.boolean() });
