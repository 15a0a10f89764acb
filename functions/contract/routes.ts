import { z } from 'zod';
import * as a from './appointments.js';
import * as i from './instruments.js';
import * as s from './schemas.js';
import * as plan from './plan.js';
import * as meetings from './meetings.js';
import * as jtu from './internships.js';
import * as coordination from './coordination.js';
import * as exp from './exports.js';
import * as worklist from './worklist.js';
import { Role } from './schemas.js';

/**
 * Every route of the HTTP API, once. CDK creates the API Gateway routes from this table, the handlers
 * validate with its schemas and the OpenAPI document is generated from it.
 */
export type FunctionGroup = 'users' | 'programmes' | 'enrolments' | 'documentation' | 'plans' | 'meetings' | 'offers' | 'appointments' | 'internships' | 'coordination' | 'exports';

/**
 * What limits a route beyond its roles (functions/app/access.ts holds the rules):
 * - `none`: nothing; `self`: the caller's own things (profile, inbox);
 * - `municipality`: an admin limited to municipalities manages only what lies wholly within them (`adminManages`);
 * - `programme`: the programmes the caller is assigned to (or, where the route says so, manages as an admin);
 * - `journey`: a citizen of the caller's programmes and municipalities, or, when the roles list `team-member`,
 *   a citizen on the agenda of a meeting the caller is a member of;
 * - `own-appointment`: an appointment of a citizen in scope, or one the caller owns as its provider;
 * - `meeting-membership`: a meeting of the caller's programme that they convene (lead, tovholder) or sit on.
 */
export type Scope = 'none' | 'self' | 'municipality' | 'programme' | 'journey' | 'own-appointment' | 'meeting-membership';

/** Every role: a route any signed-in user may call (its scope still limits what they get). */
export const ANY_ROLE = Role.options;
/** Every staff role; an evaluator works with exports only. */
export const STAFF_ROLES = Role.options.filter((r) => r !== 'evaluator');
/** Roles that work with citizens' journeys inside their municipalities and programmes. */
export const CASE_ROLES = ['lead', 'tovholder', 'caseworker', 'care-manager'] as const satisfies readonly Role[];
/** Gennem Job til Uddannelse's internships, hours, certificates and contact person (a mentor: their young people only). */
export const INTERNSHIP_ROLES = ['job-broker', 'mentor', 'tovholder', 'lead'] as const satisfies readonly Role[];
/** Who may read a whole journey: the case roles, the internship roles, and a team member for the citizens on their meetings' agendas. */
export const JOURNEY_READ_ROLES = [...CASE_ROLES, 'job-broker', 'mentor', 'team-member', 'coordination-member'] as const satisfies readonly Role[];
/** Who works with youth coordination's lists and meetings (shared/api.md v2). */
export const COORDINATION_ROLES = ['lead', 'coordination-member'] as const satisfies readonly Role[];
/** Who has a worklist: every role that works with citizens' journeys (a team member's reminders are none). */
export const WORKLIST_ROLES = [...CASE_ROLES, 'job-broker', 'mentor', 'coordination-member', 'specialist-psychologist'] as const satisfies readonly Role[];
/** Who screens, convenes team meetings, records outcomes and sanction assessments. */
export const COORDINATORS = ['lead', 'tovholder'] as const satisfies readonly Role[];
/** Who exports evaluation data and reads the indicators: evaluators, and leads for their steering group. */
export const EVALUATION_ROLES = ['evaluator', 'lead'] as const satisfies readonly Role[];
/** Who records instruments and works on the plan (a care manager only its health interventions). */
export const HEALTH_ROLES = ['lead', 'tovholder', 'care-manager'] as const satisfies readonly Role[];

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** The Lambda function (grouped by resource) that serves the route. */
  fn: FunctionGroup;
  summary: string;
  /** Public routes carry no JWT authorizer, and no roles. */
  public?: boolean;
  /** Who may call the route: a caller with none of these roles is refused (403, or 404 where the scope hides the thing). */
  roles?: readonly Role[];
  scope: Scope;
  /** The action written to the audit when the route reads or changes a citizen (or a user). */
  audit?: string;
  body?: z.ZodType;
  bodyType?: 'json' | 'csv';
  query?: z.ZodType;
  response: z.ZodType;
  /** A response that is not JSON (e.g. text/calendar); `response` then describes its text. */
  responseContentType?: string;
  status?: number;
  /** The body of a 202 the route may answer instead (work that goes on after the request). */
  accepted?: z.ZodType;
  /**
   * The refusals of its rules the route may answer beyond those that follow from the entry (400 for a body or
   * query, 401 and 403 for roles, 404 for a named resource, 413 for a body): 409 and 422.
   */
  refusals?: readonly ('conflict' | 'rule-violated')[];
}

export const routes = [
  { method: 'GET', path: '/health', fn: 'documentation', scope: 'none', public: true, summary: 'Liveness', response: s.Health },
  {
    method: 'GET',
    path: '/openapi.json',
    fn: 'documentation',
    scope: 'none',
    public: true,
    summary: 'This document',
    response: z.object({ openapi: z.string() }).loose(),
  },
  { method: 'GET', path: '/me', fn: 'users', roles: ANY_ROLE, scope: 'self', summary: 'The signed-in user', response: s.Me },
  { method: 'GET', path: '/me/inbox', fn: 'users', roles: ANY_ROLE, scope: 'self', summary: 'Reminders and alerts, newest first', response: s.Inbox },
  { method: 'POST', path: '/me/inbox/{id}/read', fn: 'users', roles: ANY_ROLE, scope: 'self', summary: 'Mark an inbox item read', response: s.InboxItem },
  {
    method: 'POST',
    path: '/users',
    fn: 'users',
    roles: ['admin'], scope: 'municipality', audit: 'create-user', refusals: ['conflict', 'rule-violated'],
    summary: 'Create a user (admin)',
    body: s.UserInput,
    response: s.User,
    status: 201,
  },
  {
    method: 'GET',
    path: '/users',
    fn: 'users',
    roles: STAFF_ROLES, scope: 'municipality',
    summary: 'Users for pickers',
    query: s.UserListQuery,
    response: s.UserList,
  },
  {
    method: 'PATCH',
    path: '/users/{username}',
    fn: 'users',
    roles: ['admin'], scope: 'municipality', audit: 'change-user', refusals: ['conflict', 'rule-violated'],
    summary: 'Change or deactivate a user (admin)',
    body: s.UserPatch,
    response: s.User,
  },
  {
    method: 'POST',
    path: '/programmes',
    fn: 'programmes',
    roles: ['admin'], scope: 'municipality', refusals: ['rule-violated'],
    summary: 'Create a programme (admin)',
    body: s.ProgrammeInput,
    response: s.Programme,
    status: 201,
  },
  { method: 'GET', path: '/programmes', fn: 'programmes', roles: ANY_ROLE, scope: 'programme', summary: 'Programmes visible to the user', response: s.ProgrammeList },
  { method: 'GET', path: '/programmes/{id}', fn: 'programmes', roles: ANY_ROLE, scope: 'programme', summary: 'One programme', response: s.Programme },
  { method: 'GET', path: '/templates', fn: 'programmes', roles: ANY_ROLE, scope: 'none', summary: 'Programme templates, latest version of each', response: s.TemplateList },
  {
    method: 'POST',
    path: '/programmes/{id}/enrolments',
    fn: 'programmes',
    roles: ['lead'], scope: 'programme', refusals: ['conflict'],
    summary: 'Enrol a citizen; starts the journey',
    body: s.EnrolmentInput,
    response: s.Journey,
    status: 201,
  },
  {
    method: 'GET',
    path: '/programmes/{id}/enrolments',
    fn: 'programmes',
    roles: [...CASE_ROLES, 'job-broker', 'mentor'], scope: 'programme', audit: 'overview',
    summary: "The coordinator's overview (a mentor's: their young people)",
    query: s.OverviewQuery,
    response: s.Overview,
  },
  { method: 'GET', path: '/enrolments/{id}', fn: 'enrolments', roles: JOURNEY_READ_ROLES, scope: 'journey', audit: 'read-journey', summary: 'The whole journey', response: s.Journey },
  {
    method: 'POST',
    path: '/enrolments/{id}/screening',
    fn: 'enrolments',
    roles: COORDINATORS, scope: 'journey', audit: 'screening', refusals: ['conflict', 'rule-violated'],
    summary: 'Screen the citizen into a colour group',
    body: s.ScreeningInput,
    response: s.ScreeningResult,
  },
  {
    method: 'PUT',
    path: '/enrolments/{id}/tovholders',
    fn: 'enrolments',
    roles: ['lead'], scope: 'journey', audit: 'assign-tovholders', refusals: ['conflict', 'rule-violated'],
    summary: 'Assign the primary and secondary tovholder (lead)',
    body: s.TovholdersInput,
    response: s.TovholdersResult,
  },
  {
    method: 'POST',
    path: '/enrolments/{id}/notes',
    fn: 'enrolments',
    roles: [...CASE_ROLES, 'job-broker', 'mentor', 'coordination-member'], scope: 'journey', audit: 'write-note', refusals: ['conflict'],
    summary: 'Write a journal note or record a contact attempt',
    body: s.NoteInput,
    response: s.NoteResult,
    status: 201,
  },
  {
    method: 'POST',
    path: '/enrolments/{id}/outcome',
    fn: 'enrolments',
    roles: [...COORDINATORS, 'coordination-member'], scope: 'journey', audit: 'record-outcome', refusals: ['conflict', 'rule-violated'],
    summary: 'Record the outcome; moves the journey to aftercare or closed',
    body: s.OutcomeInput,
    response: s.OutcomeResult,
  },
  {
    method: 'GET',
    path: '/enrolments/{id}/audit',
    fn: 'enrolments',
    roles: ['lead'], scope: 'journey', audit: 'read-audit',
    summary: 'Who read or changed this journey, or was refused, and when (lead)',
    response: s.AuditTrail,
  },
  {
    method: 'PUT',
    path: '/enrolments/{id}/legal-hold',
    fn: 'enrolments',
    roles: ['lead'], scope: 'journey', audit: 'legal-hold', refusals: ['conflict'],
    summary: 'Set or lift a legal hold: a held journey is not erased after its retention period (lead)',
    body: s.LegalHoldInput,
    response: s.LegalHoldResult,
  },
  {
    method: 'POST',
    path: '/programmes/{id}/enrolments/import',
    fn: 'programmes',
    roles: ['lead'], scope: 'programme',
    summary: 'Enrol citizens from a CSV file (cpr;name;municipality); valid lines are created, bad ones reported; over IMPORT_SYNC_MAX_LINES lines 202',
    body: s.EnrolmentCsv,
    bodyType: 'csv',
    response: s.ImportResult,
    accepted: s.ImportAccepted,
  },
  {
    method: 'GET',
    path: '/imports/{id}',
    fn: 'programmes',
    roles: ANY_ROLE, scope: 'programme',
    summary: 'The progress of an import that answered 202, and its result so far (who may see its programme)',
    response: s.ImportProgress,
  },

  // ---- preparatory form, action plan, offers (fn plans, offers) ----------------------------------
  {
    method: 'PUT',
    path: '/enrolments/{id}/preparatory-form',
    fn: 'plans',
    roles: ['lead', 'tovholder', 'caseworker'], scope: 'journey', audit: 'preparatory-form', refusals: ['conflict', 'rule-violated'],
    summary: 'Create or revise the preparatory form; proposes the resource-network units to call in',
    body: plan.PreparatoryFormInput,
    response: plan.PreparatoryFormResult,
  },
  {
    method: 'GET',
    path: '/enrolments/{id}/preparatory-form/revisions',
    fn: 'plans',
    roles: JOURNEY_READ_ROLES, scope: 'journey', audit: 'read-preparatory-form-revisions',
    summary: 'Every revision of the preparatory form, oldest first',
    response: plan.PreparatoryFormRevisions,
  },
  {
    method: 'PUT',
    path: '/enrolments/{id}/plan',
    fn: 'plans',
    roles: [...HEALTH_ROLES, 'coordination-member'], scope: 'journey', audit: 'plan', refusals: ['conflict', 'rule-violated'],
    summary: 'Create or revise the action plan (indsatsplan)',
    body: plan.PlanInput,
    response: plan.PlanResult,
  },
  {
    method: 'GET',
    path: '/enrolments/{id}/plan/revisions',
    fn: 'plans',
    roles: JOURNEY_READ_ROLES, scope: 'journey', audit: 'read-plan-revisions',
    summary: 'Every revision of the action plan, oldest first',
    response: plan.PlanRevisions,
  },
  {
    method: 'POST',
    path: '/offers',
    fn: 'offers',
    roles: ['admin'], scope: 'municipality',
    summary: 'Add an offer to the catalogue (admin)',
    body: plan.OfferInput,
    response: plan.Offer,
    status: 201,
  },
  { method: 'GET', path: '/offers', fn: 'offers', roles: STAFF_ROLES, scope: 'none', summary: 'The offers catalogue', query: plan.OfferQuery, response: plan.OfferList },
  // ---- team meetings (fn meetings) -----------------------------------------------------------------
  {
    method: 'POST',
    path: '/programmes/{id}/team-meetings',
    fn: 'meetings',
    roles: COORDINATORS, scope: 'programme', audit: 'read-team-meeting',
    summary: 'Convene a team meeting; the agenda is proposed from the due citizens',
    body: meetings.TeamMeetingInput,
    response: meetings.TeamMeeting,
    status: 201,
  },
  {
    method: 'GET',
    path: '/programmes/{id}/team-meetings',
    fn: 'meetings',
    roles: [...COORDINATORS, 'team-member'], scope: 'meeting-membership', audit: 'read-team-meeting',
    summary: "The programme's team meetings in a period",
    query: meetings.TeamMeetingQuery,
    response: meetings.TeamMeetingList,
  },
  { method: 'GET', path: '/team-meetings/{id}', fn: 'meetings', roles: ANY_ROLE, scope: 'meeting-membership', audit: 'read-team-meeting', summary: 'One team meeting with its agenda', response: meetings.TeamMeeting },
  {
    method: 'PUT',
    path: '/team-meetings/{id}/agenda',
    fn: 'meetings',
    roles: COORDINATORS, scope: 'meeting-membership', audit: 'team-meeting-agenda', refusals: ['conflict', 'rule-violated'],
    summary: "Replace the meeting's agenda",
    body: meetings.AgendaInput,
    response: meetings.TeamMeeting,
  },
  {
    method: 'GET',
    path: '/team-meetings/{id}/invite.ics',
    fn: 'meetings',
    roles: ANY_ROLE, scope: 'meeting-membership',
    summary: 'The meeting as a calendar invitation (no names, no CPR)',
    response: z.string(),
    responseContentType: 'text/calendar',
  },
  {
    method: 'POST',
    path: '/team-meetings/{id}/items/{enrolmentId}',
    fn: 'meetings',
    roles: [...COORDINATORS, 'team-member'], scope: 'meeting-membership', audit: 'team-meeting-item', refusals: ['conflict', 'rule-violated'],
    summary: "Record a citizen's item: presence and the team's recommendations",
    body: meetings.TeamMeetingItemInput,
    response: meetings.TeamMeetingItemResult,
  },
  // ---- appointments, attendance, sanction assessments, instruments (fn group `appointments`) ----
  {
    method: 'POST',
    path: '/enrolments/{id}/appointments',
    fn: 'appointments',
    roles: CASE_ROLES, scope: 'journey', audit: 'book-appointment', refusals: ['conflict', 'rule-violated'],
    summary: 'Book an appointment; starts its attendance watch',
    body: a.AppointmentInput,
    response: a.AppointmentResult,
    status: 201,
  },
  {
    method: 'GET',
    path: '/me/appointments',
    fn: 'appointments',
    roles: ANY_ROLE, scope: 'own-appointment', audit: 'my-appointments',
    summary: 'The appointments the signed-in user owns (a provider’s interventions)',
    query: a.MyAppointmentsQuery,
    response: a.MyAppointments,
  },
  { method: 'GET', path: '/appointments/{id}', fn: 'appointments', roles: [...CASE_ROLES, 'provider'], scope: 'own-appointment', audit: 'read-appointment', summary: 'One appointment', response: a.Appointment },
  {
    method: 'PATCH',
    path: '/appointments/{id}',
    fn: 'appointments',
    roles: CASE_ROLES, scope: 'own-appointment', audit: 'move-appointment', refusals: ['conflict', 'rule-violated'],
    summary: 'Move an appointment; re-arms its attendance watch',
    body: a.AppointmentMove,
    response: a.AppointmentResult,
  },
  {
    method: 'POST',
    path: '/appointments/{id}/attendance',
    fn: 'appointments',
    roles: [...CASE_ROLES, 'provider'], scope: 'own-appointment', audit: 'register-attendance', refusals: ['conflict', 'rule-violated'],
    summary: 'Register attendance: attended, no-show or cancelled',
    body: a.AttendanceInput,
    response: a.AppointmentResult,
  },
  {
    method: 'POST',
    path: '/enrolments/{id}/sanction-assessments',
    fn: 'appointments',
    roles: [...COORDINATORS, 'coordination-member'], scope: 'journey', audit: 'sanction-assessment', refusals: ['conflict', 'rule-violated'],
    summary: "Assess a sanction after a no-show (youth coordination: after the coordination group recorded the young person as not reached)",
    body: a.SanctionAssessmentInput,
    response: a.SanctionAssessmentResult,
    status: 201,
  },
  {
    method: 'POST',
    path: '/enrolments/{id}/instruments',
    fn: 'appointments',
    roles: HEALTH_ROLES, scope: 'journey', audit: 'record-instrument', refusals: ['conflict', 'rule-violated'],
    summary: 'Record a PHQ-9, GAD-7 or WHO-5; a PHQ-9 item 9 answer above 0 raises a safety flag',
    body: i.InstrumentInput,
    response: i.InstrumentResult,
    status: 201,
  },
  {
    method: 'POST',
    path: '/enrolments/{id}/instruments/{instrumentId}/safety-follow-up',
    fn: 'appointments',
    roles: HEALTH_ROLES, scope: 'journey', audit: 'safety-follow-up', refusals: ['conflict', 'rule-violated'],
    summary: 'Record the follow-up of a safety flag; ends its reminders',
    body: i.SafetyFollowUpInput,
    response: i.InstrumentResult,
  },
  // ---- Gennem Job til Uddannelse: internships, hours, learning certificates, contact person, ambassadors (fn internships)
  {
    method: 'POST',
    path: '/enrolments/{id}/internships',
    fn: 'internships',
    roles: INTERNSHIP_ROLES, scope: 'journey', audit: 'create-internship', refusals: ['conflict', 'rule-violated'],
    summary: 'Register an internship (a second one overlapping in time: 409)',
    body: jtu.InternshipInput,
    response: jtu.InternshipResult,
    status: 201,
  },
  {
    method: 'POST',
    path: '/internships/{id}/hours',
    fn: 'internships',
    roles: INTERNSHIP_ROLES, scope: 'journey', audit: 'register-hours', refusals: ['conflict', 'rule-violated'],
    summary: "Register a week's paid and unpaid hours (a second entry for the week replaces it)",
    body: jtu.HoursInput,
    response: jtu.InternshipResult,
  },
  {
    method: 'POST',
    path: '/internships/{id}/end',
    fn: 'internships',
    roles: INTERNSHIP_ROLES, scope: 'journey', audit: 'end-internship', refusals: ['conflict', 'rule-violated'],
    summary: 'End the internship; the journey moves to follow-up',
    body: jtu.InternshipEndInput,
    response: jtu.InternshipResult,
  },
  {
    method: 'POST',
    path: '/internships/{id}/learning-certificates',
    fn: 'internships',
    roles: INTERNSHIP_ROLES, scope: 'journey', audit: 'learning-certificate', refusals: ['conflict', 'rule-violated'],
    summary: 'Issue a learning certificate (an end certificate needs a personal and a professional competence)',
    body: jtu.CertificateInput,
    response: jtu.CertificateResult,
    status: 201,
  },
  {
    method: 'GET',
    path: '/internships/{id}/learning-certificates/{certificateId}/pdf',
    fn: 'internships',
    roles: INTERNSHIP_ROLES, scope: 'journey', audit: 'read-learning-certificate',
    summary: 'The learning certificate as a Danish PDF for the young person (no CPR)',
    response: z.string(),
    responseContentType: 'application/pdf',
  },
  {
    method: 'PUT',
    path: '/enrolments/{id}/contact-person',
    fn: 'internships',
    roles: INTERNSHIP_ROLES, scope: 'journey', audit: 'contact-person', refusals: ['conflict', 'rule-violated'],
    summary: 'Hand the young person over to another contact person (a mentor, or the job broker back)',
    body: jtu.ContactPersonInput,
    response: jtu.ContactPersonResult,
  },
  {
    method: 'PUT',
    path: '/enrolments/{id}/ambassador',
    fn: 'internships',
    roles: INTERNSHIP_ROLES, scope: 'journey', audit: 'youth-ambassador', refusals: ['conflict', 'rule-violated'],
    summary: 'Link the young person to a youth ambassador',
    body: jtu.EnrolmentAmbassadorInput,
    response: jtu.EnrolmentAmbassadorResult,
  },
  {
    method: 'POST',
    path: '/ambassadors',
    fn: 'internships',
    roles: ['lead', 'job-broker'], scope: 'municipality',
    summary: 'Register a company or youth ambassador (in your own municipalities)',
    body: jtu.AmbassadorInput,
    response: jtu.Ambassador,
    status: 201,
  },
  {
    method: 'GET',
    path: '/ambassadors',
    fn: 'internships',
    roles: [...CASE_ROLES, 'job-broker', 'mentor'], scope: 'municipality',
    summary: "The ambassadors of the caller's municipalities",
    query: jtu.AmbassadorQuery,
    response: jtu.AmbassadorList,
  },
  // ---- youth coordination (fn coordination) -------------------------------------------------------
  {
    method: 'POST',
    path: '/programmes/{id}/coordination-lists',
    fn: 'coordination',
    roles: COORDINATION_ROLES, scope: 'programme', audit: 'coordination-list', refusals: ['conflict'],
    summary: "Upload the month's coordination list (cpr;name;municipality): its entries are proposed, not enrolled; over IMPORT_SYNC_MAX_LINES lines 202",
    query: coordination.CoordinationListQuery,
    body: s.EnrolmentCsv,
    bodyType: 'csv',
    response: coordination.CoordinationList,
    accepted: s.ImportAccepted.extend({ listId: z.string() }),
    status: 201,
  },
  {
    method: 'GET',
    path: '/programmes/{id}/coordination-lists',
    fn: 'coordination',
    roles: COORDINATION_ROLES, scope: 'programme',
    summary: "The programme's monthly lists with their meetings' indicators, and the goal's progress",
    query: coordination.MonthsQuery,
    response: coordination.MonthsList,
  },
  { method: 'GET', path: '/coordination-lists/{id}', fn: 'coordination', roles: COORDINATION_ROLES, scope: 'programme', audit: 'read-coordination-list', summary: 'One coordination list with its entries', response: coordination.CoordinationList },
  {
    method: 'PATCH',
    path: '/coordination-lists/{id}/entries/{entryId}',
    fn: 'coordination',
    roles: COORDINATION_ROLES, scope: 'programme', audit: 'coordination-entry', refusals: ['conflict', 'rule-violated'],
    summary: 'Keep an entry (enrols the young person or joins their journey, with a responsible) or find it misplaced (its CPR and name are erased)',
    body: coordination.EntryPatch,
    response: coordination.EntryResult,
  },
  {
    method: 'POST',
    path: '/coordination-lists/{id}/meeting',
    fn: 'coordination',
    roles: COORDINATION_ROLES, scope: 'programme', audit: 'coordination-meeting', refusals: ['conflict'],
    summary: "Record the coordination group's meeting: attendees, who nobody could reach; yields the indicators",
    body: coordination.MeetingInput,
    response: coordination.MeetingResult,
  },
  {
    method: 'PUT',
    path: '/enrolments/{id}/guardians',
    fn: 'coordination',
    roles: [...COORDINATORS, 'coordination-member'], scope: 'journey', audit: 'guardians', refusals: ['conflict', 'rule-violated'],
    summary: 'The guardians of a young person under 18 (who letters and contact attempts can be to)',
    body: coordination.GuardiansInput,
    response: coordination.GuardiansResult,
  },
  {
    method: 'POST',
    path: '/enrolments/{id}/praktik-generator',
    fn: 'coordination',
    roles: [...COORDINATORS, 'coordination-member'], scope: 'journey', audit: 'praktik-generator', refusals: ['conflict', 'rule-violated'],
    summary: 'The responsible confirms the young person can get an internship place: the Praktik-generator offer goes on the plan',
    body: coordination.PraktikConfirmInput,
    response: coordination.PraktikResult,
  },
  {
    method: 'POST',
    path: '/programmes/{id}/actors',
    fn: 'coordination',
    roles: COORDINATION_ROLES, scope: 'programme',
    summary: 'Add an actor the coordination group works with (a school, youth guidance, a club, a company)',
    body: coordination.ActorInput,
    response: coordination.Actor,
    status: 201,
  },
  { method: 'GET', path: '/programmes/{id}/actors', fn: 'coordination', roles: [...COORDINATION_ROLES, 'tovholder'], scope: 'programme', summary: 'The actors registry', response: coordination.ActorList },
  {
    method: 'POST',
    path: '/programmes/{id}/reassignments',
    fn: 'coordination',
    roles: ['lead'], scope: 'programme', audit: 'reassignment', refusals: ['rule-violated'],
    summary: "Move a leaving responsible's young people to someone else at once (lead)",
    body: coordination.ReassignmentInput,
    response: coordination.ReassignmentResult,
    accepted: s.ImportAccepted,
  },
  // ---- evaluation exports and the steering dashboard (fn exports) ---------------------------------
  {
    method: 'POST',
    path: '/programmes/{id}/exports',
    fn: 'exports',
    roles: EVALUATION_ROLES, scope: 'programme',
    summary: 'Start an evaluation export (panel or indicators as CSV, XLSX or Parquet); runs as the export workflow',
    body: exp.ExportInput,
    response: exp.ExportAccepted,
    status: 202,
  },
  {
    method: 'GET',
    path: '/programmes/{id}/exports',
    fn: 'exports',
    roles: EVALUATION_ROLES, scope: 'programme',
    summary: "The programme's exports, newest first",
    response: exp.ExportList,
  },
  { method: 'GET', path: '/exports/{id}', fn: 'exports', roles: EVALUATION_ROLES, scope: 'programme', summary: 'An export: its progress while it runs, its files once done', response: exp.Export },
  {
    method: 'GET',
    path: '/exports/{id}/files/{name}',
    fn: 'exports',
    roles: EVALUATION_ROLES, scope: 'programme',
    summary: 'Download a file of an export (in the cloud: a redirect to a short-lived presigned URL, or with as=link that URL as JSON)',
    query: exp.ExportFileQuery,
    response: z.string(),
    responseContentType: 'application/octet-stream',
  },
  {
    method: 'PUT',
    path: '/programmes/{id}/export-schedule',
    fn: 'exports',
    roles: EVALUATION_ROLES, scope: 'programme',
    summary: 'Run an export monthly on a day of the month (Europe/Copenhagen)',
    body: exp.ExportScheduleInput,
    response: exp.ExportSchedule,
  },
  {
    method: 'GET',
    path: '/programmes/{id}/indicators',
    fn: 'exports',
    roles: EVALUATION_ROLES, scope: 'programme',
    summary: 'The indicators per municipality and month, suppressed as in the exports (the steering dashboard)',
    query: exp.IndicatorsQuery,
    response: exp.Indicators,
  },
  // ---- the worklist and the plan for the citizen (issue 17) ---------------------------------------
  {
    method: 'GET',
    path: '/me/worklist',
    fn: 'users',
    roles: WORKLIST_ROLES, scope: 'self', audit: 'read-worklist',
    summary: 'One row per citizen the caller must act on, with why and since when: safety first, then the oldest due',
    query: worklist.WorklistQuery,
    response: worklist.Worklist,
  },
] as const satisfies readonly RouteSpec[];

export type Route = (typeof routes)[number];
/** Each route of the table by its key (`GET /enrolments/{id}`), with its literal types. */
export type RouteByKey = { [R in Route as `${R['method']} ${R['path']}`]: R };
export type RouteKey = keyof RouteByKey;

export const routeKey = (r: RouteSpec): string => `${r.method} ${r.path}`;

export function routeByKey(key: string): RouteSpec | undefined {
  return (routes as readonly RouteSpec[]).find((r) => routeKey(r) === key);
}

/** One route of the table by its key, with its literal types. */
export function route<K extends RouteKey>(key: K): RouteByKey[K] {
  return routeByKey(key) as RouteByKey[K];
}
