import { z } from 'zod';
import * as a from './appointments.js';
import * as i from './instruments.js';
import * as s from './schemas.js';
import * as plan from './plan.js';
import * as meetings from './meetings.js';

/**
 * Every route of the HTTP API, once. CDK creates the API Gateway routes from this table, the handlers
 * validate with its schemas and the OpenAPI document is generated from it.
 */
export type FunctionGroup = 'users' | 'programmes' | 'enrolments' | 'documentation' | 'plans' | 'meetings' | 'offers' | 'appointments';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  /** The Lambda function (grouped by resource) that serves the route. */
  fn: FunctionGroup;
  summary: string;
  /** Public routes carry no JWT authorizer. */
  public?: boolean;
  body?: z.ZodType;
  bodyType?: 'json' | 'csv';
  query?: z.ZodType;
  response: z.ZodType;
  /** A response that is not JSON (e.g. text/calendar); `response` then describes its text. */
  responseContentType?: string;
  status?: number;
  /** The body of a 202 the route may answer instead (work that goes on after the request). */
  accepted?: z.ZodType;
}

export const routes = [
  { method: 'GET', path: '/health', fn: 'documentation', public: true, summary: 'Liveness', response: s.Health },
  {
    method: 'GET',
    path: '/openapi.json',
    fn: 'documentation',
    public: true,
    summary: 'This document',
    response: z.object({ openapi: z.string() }).loose(),
  },
  { method: 'GET', path: '/me', fn: 'users', summary: 'The signed-in user', response: s.Me },
  { method: 'GET', path: '/me/inbox', fn: 'users', summary: 'Reminders and alerts, newest first', response: s.Inbox },
  { method: 'POST', path: '/me/inbox/{id}/read', fn: 'users', summary: 'Mark an inbox item read', response: s.InboxItem },
  {
    method: 'POST',
    path: '/users',
    fn: 'users',
    summary: 'Create a user (admin)',
    body: s.UserInput,
    response: s.User,
    status: 201,
  },
  {
    method: 'GET',
    path: '/users',
    fn: 'users',
    summary: 'Users for pickers',
    query: s.UserListQuery,
    response: s.UserList,
  },
  {
    method: 'PATCH',
    path: '/users/{username}',
    fn: 'users',
    summary: 'Change or deactivate a user (admin)',
    body: s.UserPatch,
    response: s.User,
  },
  {
    method: 'POST',
    path: '/programmes',
    fn: 'programmes',
    summary: 'Create a programme (admin)',
    body: s.ProgrammeInput,
    response: s.Programme,
    status: 201,
  },
  { method: 'GET', path: '/programmes', fn: 'programmes', summary: 'Programmes visible to the user', response: s.ProgrammeList },
  { method: 'GET', path: '/programmes/{id}', fn: 'programmes', summary: 'One programme', response: s.Programme },
  { method: 'GET', path: '/templates', fn: 'programmes', summary: 'Programme templates, latest version of each', response: s.TemplateList },
  {
    method: 'POST',
    path: '/programmes/{id}/enrolments',
    fn: 'programmes',
    summary: 'Enrol a citizen; starts the journey',
    body: s.EnrolmentInput,
    response: s.Journey,
    status: 201,
  },
  {
    method: 'GET',
    path: '/programmes/{id}/enrolments',
    fn: 'programmes',
    summary: "The coordinator's overview",
    query: s.OverviewQuery,
    response: s.Overview,
  },
  { method: 'GET', path: '/enrolments/{id}', fn: 'enrolments', summary: 'The whole journey', response: s.Journey },
  {
    method: 'POST',
    path: '/enrolments/{id}/screening',
    fn: 'enrolments',
    summary: 'Screen the citizen into a colour group',
    body: s.ScreeningInput,
    response: s.ScreeningResult,
  },
  {
    method: 'PUT',
    path: '/enrolments/{id}/tovholders',
    fn: 'enrolments',
    summary: 'Assign the primary and secondary tovholder (lead)',
    body: s.TovholdersInput,
    response: s.TovholdersResult,
  },
  {
    method: 'POST',
    path: '/enrolments/{id}/notes',
    fn: 'enrolments',
    summary: 'Write a journal note or record a contact attempt',
    body: s.NoteInput,
    response: s.NoteResult,
    status: 201,
  },
  {
    method: 'POST',
    path: '/enrolments/{id}/outcome',
    fn: 'enrolments',
    summary: 'Record the outcome; moves the journey to aftercare or closed',
    body: s.OutcomeInput,
    response: s.OutcomeResult,
  },
  {
    method: 'GET',
    path: '/enrolments/{id}/audit',
    fn: 'enrolments',
    summary: 'Who read or changed this journey, or was refused, and when (lead)',
    response: s.AuditTrail,
  },
  {
    method: 'PUT',
    path: '/enrolments/{id}/legal-hold',
    fn: 'enrolments',
    summary: 'Set or lift a legal hold: a held journey is not erased after its retention period (lead)',
    body: s.LegalHoldInput,
    response: s.LegalHoldResult,
  },
  {
    method: 'POST',
    path: '/programmes/{id}/enrolments/import',
    fn: 'programmes',
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
    summary: 'The progress of an import that answered 202, and its result so far (who may see its programme)',
    response: s.ImportProgress,
  },

  // ---- preparatory form, action plan, offers (fn plans, offers) ----------------------------------
  {
    method: 'PUT',
    path: '/enrolments/{id}/preparatory-form',
    fn: 'plans',
    summary: 'Create or revise the preparatory form; proposes the resource-network units to call in',
    body: plan.PreparatoryFormInput,
    response: plan.PreparatoryFormResult,
  },
  {
    method: 'GET',
    path: '/enrolments/{id}/preparatory-form/revisions',
    fn: 'plans',
    summary: 'Every revision of the preparatory form, oldest first',
    response: plan.PreparatoryFormRevisions,
  },
  {
    method: 'PUT',
    path: '/enrolments/{id}/plan',
    fn: 'plans',
    summary: 'Create or revise the action plan (indsatsplan)',
    body: plan.PlanInput,
    response: plan.PlanResult,
  },
  {
    method: 'GET',
    path: '/enrolments/{id}/plan/revisions',
    fn: 'plans',
    summary: 'Every revision of the action plan, oldest first',
    response: plan.PlanRevisions,
  },
  {
    method: 'POST',
    path: '/offers',
    fn: 'offers',
    summary: 'Add an offer to the catalogue (admin)',
    body: plan.OfferInput,
    response: plan.Offer,
    status: 201,
  },
  { method: 'GET', path: '/offers', fn: 'offers', summary: 'The offers catalogue', query: plan.OfferQuery, response: plan.OfferList },
  // ---- team meetings (fn meetings) -----------------------------------------------------------------
  {
    method: 'POST',
    path: '/programmes/{id}/team-meetings',
    fn: 'meetings',
    summary: 'Convene a team meeting; the agenda is proposed from the due citizens',
    body: meetings.TeamMeetingInput,
    response: meetings.TeamMeeting,
    status: 201,
  },
  {
    method: 'GET',
    path: '/programmes/{id}/team-meetings',
    fn: 'meetings',
    summary: "The programme's team meetings in a period",
    query: meetings.TeamMeetingQuery,
    response: meetings.TeamMeetingList,
  },
  { method: 'GET', path: '/team-meetings/{id}', fn: 'meetings', summary: 'One team meeting with its agenda', response: meetings.TeamMeeting },
  {
    method: 'PUT',
    path: '/team-meetings/{id}/agenda',
    fn: 'meetings',
    summary: "Replace the meeting's agenda",
    body: meetings.AgendaInput,
    response: meetings.TeamMeeting,
  },
  {
    method: 'GET',
    path: '/team-meetings/{id}/invite.ics',
    fn: 'meetings',
    summary: 'The meeting as a calendar invitation (no names, no CPR)',
    response: z.string(),
    responseContentType: 'text/calendar',
  },
  {
    method: 'POST',
    path: '/team-meetings/{id}/items/{enrolmentId}',
    fn: 'meetings',
    summary: "Record a citizen's item: presence and the team's recommendations",
    body: meetings.TeamMeetingItemInput,
    response: meetings.TeamMeetingItemResult,
  },
  // ---- appointments, attendance, sanction assessments, instruments (fn group `appointments`) ----
  {
    method: 'POST',
    path: '/enrolments/{id}/appointments',
    fn: 'appointments',
    summary: 'Book an appointment; starts its attendance watch',
    body: a.AppointmentInput,
    response: a.AppointmentResult,
    status: 201,
  },
  {
    method: 'GET',
    path: '/me/appointments',
    fn: 'appointments',
    summary: 'The appointments the signed-in user owns (a provider’s interventions)',
    query: a.MyAppointmentsQuery,
    response: a.MyAppointments,
  },
  { method: 'GET', path: '/appointments/{id}', fn: 'appointments', summary: 'One appointment', response: a.Appointment },
  {
    method: 'PATCH',
    path: '/appointments/{id}',
    fn: 'appointments',
    summary: 'Move an appointment; re-arms its attendance watch',
    body: a.AppointmentMove,
    response: a.AppointmentResult,
  },
  {
    method: 'POST',
    path: '/appointments/{id}/attendance',
    fn: 'appointments',
    summary: 'Register attendance: attended, no-show or cancelled',
    body: a.AttendanceInput,
    response: a.AppointmentResult,
  },
  {
    method: 'POST',
    path: '/enrolments/{id}/sanction-assessments',
    fn: 'appointments',
    summary: 'Assess a sanction after a no-show',
    body: a.SanctionAssessmentInput,
    response: a.SanctionAssessmentResult,
    status: 201,
  },
  {
    method: 'POST',
    path: '/enrolments/{id}/instruments',
    fn: 'appointments',
    summary: 'Record a PHQ-9, GAD-7 or WHO-5; a PHQ-9 item 9 answer above 0 raises a safety flag',
    body: i.InstrumentInput,
    response: i.InstrumentResult,
    status: 201,
  },
  {
    method: 'POST',
    path: '/enrolments/{id}/instruments/{instrumentId}/safety-follow-up',
    fn: 'appointments',
    summary: 'Record the follow-up of a safety flag; ends its reminders',
    body: i.SafetyFollowUpInput,
    response: i.InstrumentResult,
  },
] as const satisfies readonly RouteSpec[];

export type Route = (typeof routes)[number];
export type RouteKey = `${Route['method']} ${Route['path']}`;

export const routeKey = (r: RouteSpec): string => `${r.method} ${r.path}`;

export function routeByKey(key: string): RouteSpec | undefined {
  return (routes as readonly RouteSpec[]).find((r) => routeKey(r) === key);
}
