import type { Appointment } from '../contract/appointments.js';
import type { Role, User } from '../contract/schemas.js';
import { teamMeetingSettingsOf } from '../contract/settings.js';
import { getAppointment } from '../store/appointments.js';
import { audit } from '../store/audit.js';
import { teamMemberAccessEnds } from '../domain/team-meeting.js';
import { memberReaches } from '../domain/coordination.js';
import { copenhagenDate } from '../domain/working-days.js';
import { getJourney, type StoredJourney } from '../store/journeys.js';
import { meetingItemsOf } from '../store/meetings.js';
import { getProgramme } from '../store/programmes.js';
import { enrolmentOfInternship } from '../store/internships.js';
import { getUser } from '../store/users.js';
import { now } from '../platform/clock.js';
import { ApiError, forbidden, notFound } from '../platform/errors.js';
import type { ApiRequest, ApiResult, RouteImplementation } from '../platform/http.js';
import { CASE_ROLES, type RouteKey, type RouteSpec, type Scope } from '../contract/routes.js';

/**
 * The one place where roles and scope are decided. Every route goes through `authenticated`, every read
 * or change of a citizen through `visibleJourney`, which audits both what was allowed and what was refused.
 */
export interface Caller {
  user: User;
  has(...roles: Role[]): boolean;
}

/** What a route declares in the table: who may call it, and the action its access check writes to the audit. */
export interface RouteAccess {
  roles: readonly Role[];
  audit: string;
}

export function inProgrammeScope(caller: Caller, programmeId: string): boolean {
  return caller.user.programmes.includes(programmeId);
}

export function inScope(caller: Caller, journey: Pick<StoredJourney, 'programmeId' | 'municipality'>): boolean {
  return inProgrammeScope(caller, journey.programmeId) && caller.user.municipalities.includes(journey.municipality);
}

/**
 * Whether the caller administers things of these municipalities: an admin with no municipalities is the
 * national admin and manages all; an admin limited to municipalities manages only what lies wholly within them
 * (a user or programme with no municipality is the national admin's).
 */
export function adminManages(caller: Caller, municipalities: readonly string[]): boolean {
  if (!caller.has('admin')) return false;
  const own = caller.user.municipalities;
  return own.length === 0 || (municipalities.length > 0 && municipalities.every((m) => own.includes(m)));
}

export function requireRole(caller: Caller, ...roles: readonly Role[]): void {
  if (!caller.has(...roles)) throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
}

/**
 * The team-member scope rule: a team member sees a citizen only while the citizen is on the agenda of a
 * meeting they are a member of (in a programme they are assigned to) — not by municipality — and only until
 * the meeting's day ends (Copenhagen) plus the programme's `teamMemberAccessDays`.
 */
async function onMembersAgenda(caller: Caller, journey: StoredJourney): Promise<boolean> {
  if (!inProgrammeScope(caller, journey.programmeId)) return false;
  const items = (await meetingItemsOf(journey.id)).filter((item) => item.programmeId === journey.programmeId && item.members.includes(caller.user.username));
  if (items.length === 0) return false;
  const programme = await getProgramme(journey.programmeId);
  if (!programme) return false;
  const at = now().toISOString();
  return items.some((item) => at < teamMemberAccessEnds(item.startsAt, teamMeetingSettingsOf(programme.settings).teamMemberAccessDays));
}

/** A mentor works with their young people only: those whose internship they mentor, or whose contact person they are. */
export const isMentorOf = (caller: Caller, journey: Pick<StoredJourney, 'mentors' | 'contactPerson'>): boolean =>
  journey.mentors.includes(caller.user.username) || journey.contactPerson?.username === caller.user.username;

/**
 * Whether `caller` may act on `journey` with one of `roles`: a case role within the caller's municipalities
 * and programmes, or — when `roles` lists team-member — a team member of a meeting with the citizen on its agenda.
 */
export async function mayActOn(caller: Caller, journey: StoredJourney, roles: readonly Role[]): Promise<boolean> {
  const held = roles.filter((r) => r !== 'team-member' && r !== 'coordination-member' && caller.has(r));
  if (held.length > 0 && inScope(caller, journey) && (held.some((r) => r !== 'mentor') || isMentorOf(caller, journey))) return true;
  if (roles.includes('coordination-member') && caller.has('coordination-member') && inScope(caller, journey)) {
    const reaches = memberReaches(caller.user.username, { lastKeptMonth: journey.coordination?.lastKeptMonth ?? null, responsible: journey.primaryTovholder?.username ?? null }, copenhagenDate(now()).slice(0, 7));
    if (reaches) return true;
  }
  return roles.includes('team-member') && caller.has('team-member') && (await onMembersAgenda(caller, journey));
}

/**
 * What `load` read of the journey if this caller may see it with one of the route's roles; otherwise 404, audited
 * (as the route's action) as refused. `load` lets a route read the journey with what else it needs, once.
 */
export async function visibleRead<T extends { journey: StoredJourney }>(
  caller: Caller,
  enrolmentId: string,
  { roles, audit: action }: RouteAccess,
  load: (enrolmentId: string) => Promise<T | undefined>,
): Promise<T> {
  const read = await load(enrolmentId);
  const allowed = read !== undefined && (await mayActOn(caller, read.journey, roles));
  if (!allowed) {
    await audit({ actor: caller.user.username, action, outcome: 'denied', enrolmentIds: [enrolmentId], status: 404 });
    throw notFound('enrolment');
  }
  await audit({ actor: caller.user.username, action, outcome: 'allowed', enrolmentIds: [enrolmentId] });
  return read;
}

/** The journey if this caller may see it with one of the route's roles; otherwise 404, audited as refused. */
export async function visibleJourney(caller: Caller, enrolmentId: string, access: RouteAccess): Promise<StoredJourney> {
  const read = await visibleRead(caller, enrolmentId, access, async (id) => {
    const journey = await getJourney(id);
    return journey && { journey };
  });
  return read.journey;
}

/**
 * Whether the caller may work with this appointment (read it, move it, register attendance): the case roles
 * within their scope; a provider only for an intervention appointment they own, in their programme and
 * municipality. A provider sees nothing else of the citizen.
 */
export function mayWorkWithAppointment(
  caller: Caller,
  journey: StoredJourney,
  appointment: Appointment,
  roles: readonly Role[] = CASE_ROLES,
  providerMay = true,
): boolean {
  if (!inScope(caller, journey)) return false;
  if (caller.has(...roles)) return true;
  return providerMay && isOwningProvider(caller, appointment);
}

export function isOwningProvider(caller: Caller, appointment: Appointment): boolean {
  return caller.has('provider') && appointment.kind === 'intervention' && appointment.owner === caller.user.username;
}

/**
 * The appointment and its journey if this caller may work with it (see above) with the route's roles; otherwise
 * 404, audited as refused. Where the route's roles leave out `provider` (moving it) the owning provider, who may
 * read it, is refused with 403.
 */
export async function visibleAppointment(
  caller: Caller,
  appointmentId: string,
  { roles: routeRoles, audit: action }: RouteAccess,
): Promise<{ appointment: Appointment; journey: StoredJourney }> {
  const roles = routeRoles.filter((r) => r !== 'provider');
  const providerMay = routeRoles.includes('provider');
  const appointment = await getAppointment(appointmentId);
  const journey = appointment ? await getJourney(appointment.enrolmentId) : undefined;
  const enrolmentIds = appointment ? [appointment.enrolmentId] : [];
  if (!appointment || !journey || !mayWorkWithAppointment(caller, journey, appointment, roles)) {
    await audit({ actor: caller.user.username, action, outcome: 'denied', enrolmentIds, status: 404 });
    throw notFound('appointment');
  }
  if (!mayWorkWithAppointment(caller, journey, appointment, roles, providerMay)) {
    await audit({ actor: caller.user.username, action, outcome: 'denied', enrolmentIds, status: 403 });
    throw forbidden('a provider reads the appointment and registers attendance; moving it is for the case roles');
  }
  await audit({ actor: caller.user.username, action, outcome: 'allowed', enrolmentIds });
  return { appointment, journey };
}

/** The citizen a route's path names, if any: `/enrolments/{id}…`, a meeting item's `{enrolmentId}`, an appointment's or internship's journey. */
async function citizenNamedBy(path: string, params: Record<string, string | undefined>): Promise<string | undefined> {
  if (path.startsWith('/enrolments/{id}')) return params['id'];
  if (path.includes('{enrolmentId}')) return params['enrolmentId'];
  if (path.startsWith('/appointments/{id}')) return (await getAppointment(params['id'] ?? ''))?.enrolmentId;
  if (path.startsWith('/internships/{id}')) return enrolmentOfInternship(params['id'] ?? '');
  return undefined;
}

/**
 * Audits a 401 on a route that names a citizen, under that citizen, naming the user when known (a
 * deactivated one) and `unauthenticated` otherwise. Also called by the local server for the refusals its
 * stand-in for API Gateway's JWT authorizer makes before any function runs.
 */
export async function auditUnauthenticated(route: { method: string; path: string }, params: Record<string, string | undefined>, actor = 'unauthenticated'): Promise<void> {
  const enrolmentId = await citizenNamedBy(route.path, params);
  if (enrolmentId) await audit({ actor, action: `${route.method} ${route.path}`, outcome: 'denied', enrolmentIds: [enrolmentId], status: 401 });
}

/** The signed-in user; 401 (audited on a citizen, naming the user if there is one) if unknown or deactivated. */
async function callerOf(request: ApiRequest): Promise<Caller> {
  const username = request.claims?.['username'] ?? request.claims?.['cognito:username'];
  const user = typeof username === 'string' ? await getUser(username) : undefined;
  if (!user || !user.active) {
    await auditUnauthenticated(request.route, request.params, user?.username);
    throw new ApiError('unauthenticated', 'sign in again');
  }
  return { user, has: (...roles) => roles.some((role) => user.roles.includes(role)) };
}

/**
 * Scopes whose thing is not hidden from a caller without the route's roles: the role is checked first (403).
 * Elsewhere the route finds its thing first (404 for what the caller may not see), then checks the role.
 */
const ROLE_FIRST = new Set<Scope>(['none', 'self', 'municipality']);

/**
 * Wraps a route: resolves the signed-in user (401 if unknown or deactivated) before the implementation runs,
 * and checks the route's roles from the table where its scope hides nothing.
 */
export function authenticated<K extends RouteKey>(implementation: (request: ApiRequest<K>, caller: Caller) => Promise<ApiResult>): RouteImplementation<K> {
  return async (request) => {
    const caller = await callerOf(request as ApiRequest);
    const route: RouteSpec = request.route;
    if (ROLE_FIRST.has(route.scope)) requireRole(caller, ...(route.roles ?? []));
    return implementation(request, caller);
  };
}
