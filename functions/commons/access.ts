import type { Appointment } from '../contract/appointments.js';
import type { Role, User } from '../contract/schemas.js';
import { getAppointment } from '../store/appointments.js';
import { audit } from '../store/audit.js';
import { getJourney, type StoredJourney } from '../store/journeys.js';
import { meetingItemsOf } from '../store/meetings.js';
import { getUser } from '../store/users.js';
import { ApiError, forbidden, notFound } from './errors.js';
import type { ApiRequest, ApiResult, RouteImplementation } from './http.js';

/**
 * The one place where roles and scope are decided. Every route goes through `authenticated`, every read
 * or change of a citizen through `visibleJourney`, which audits both what was allowed and what was refused.
 */
export interface Caller {
  user: User;
  has(...roles: Role[]): boolean;
}

/** Roles that work with citizens' journeys inside their municipalities and programmes. */
export const CASE_ROLES: Role[] = ['lead', 'tovholder', 'caseworker', 'care-manager'];

/** Who may read a whole journey: the case roles, and a team member for the citizens on their meetings' agendas. */
export const JOURNEY_READ_ROLES: Role[] = [...CASE_ROLES, 'team-member'];

export function inProgrammeScope(caller: Caller, programmeId: string): boolean {
  return caller.user.programmes.includes(programmeId);
}

export function inScope(caller: Caller, journey: Pick<StoredJourney, 'programmeId' | 'municipality'>): boolean {
  return inProgrammeScope(caller, journey.programmeId) && caller.user.municipalities.includes(journey.municipality);
}

export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!caller.has(...roles)) throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
}

/**
 * The team-member scope rule: a team member sees a citizen only while the citizen is on the agenda of a
 * meeting they are a member of (in a programme they are assigned to) — not by municipality.
 */
async function onMembersAgenda(caller: Caller, journey: StoredJourney): Promise<boolean> {
  if (!inProgrammeScope(caller, journey.programmeId)) return false;
  const items = await meetingItemsOf(journey.id);
  return items.some((item) => item.programmeId === journey.programmeId && item.members.includes(caller.user.username));
}

/**
 * Whether `caller` may act on `journey` with one of `roles`: a case role within the caller's municipalities
 * and programmes, or — when `roles` lists team-member — a team member of a meeting with the citizen on its agenda.
 */
export async function mayActOn(caller: Caller, journey: StoredJourney, roles: Role[]): Promise<boolean> {
  const caseRoles = roles.filter((r) => r !== 'team-member');
  if (caseRoles.length > 0 && caller.has(...caseRoles) && inScope(caller, journey)) return true;
  return roles.includes('team-member') && caller.has('team-member') && (await onMembersAgenda(caller, journey));
}

/** The journey if this caller may see it with one of `roles`; otherwise 404, audited as refused. */
export async function visibleJourney(caller: Caller, enrolmentId: string, action: string, roles: Role[] = CASE_ROLES): Promise<StoredJourney> {
  const journey = await getJourney(enrolmentId);
  const allowed = journey !== undefined && (await mayActOn(caller, journey, roles));
  if (!allowed) {
    await audit({ actor: caller.user.username, action, outcome: 'denied', enrolmentIds: [enrolmentId], status: 404 });
    throw notFound('enrolment');
  }
  await audit({ actor: caller.user.username, action, outcome: 'allowed', enrolmentIds: [enrolmentId] });
  return journey;
}

/**
 * Whether the caller may work with this appointment (read it, move it, register attendance): the case roles
 * within their scope; a provider only for an intervention appointment they own, in their programme and
 * municipality. A provider sees nothing else of the citizen.
 */
export function mayWorkWithAppointment(caller: Caller, journey: StoredJourney, appointment: Appointment, roles: Role[] = CASE_ROLES): boolean {
  if (!inScope(caller, journey)) return false;
  if (caller.has(...roles)) return true;
  return isOwningProvider(caller, appointment);
}

export function isOwningProvider(caller: Caller, appointment: Appointment): boolean {
  return caller.has('provider') && appointment.kind === 'intervention' && appointment.owner === caller.user.username;
}

/** The appointment and its journey if this caller may work with it (see above); otherwise 404, audited as refused. */
export async function visibleAppointment(
  caller: Caller,
  appointmentId: string,
  action: string,
  roles: Role[] = CASE_ROLES,
): Promise<{ appointment: Appointment; journey: StoredJourney }> {
  const appointment = await getAppointment(appointmentId);
  const journey = appointment ? await getJourney(appointment.enrolmentId) : undefined;
  const enrolmentIds = appointment ? [appointment.enrolmentId] : [];
  if (!appointment || !journey || !mayWorkWithAppointment(caller, journey, appointment, roles)) {
    await audit({ actor: caller.user.username, action, outcome: 'denied', enrolmentIds, status: 404 });
    throw notFound('appointment');
  }
  await audit({ actor: caller.user.username, action, outcome: 'allowed', enrolmentIds });
  return { appointment, journey };
}

async function callerOf(request: ApiRequest): Promise<Caller> {
  const username = request.claims?.['username'] ?? request.claims?.['cognito:username'];
  const user = typeof username === 'string' ? await getUser(username) : undefined;
  if (!user || !user.active) throw new ApiError('unauthenticated', 'sign in again');
  return { user, has: (...roles) => roles.some((role) => user.roles.includes(role)) };
}

/** Wraps a route: resolves the signed-in user (401 if unknown or deactivated) before the implementation runs. */
export function authenticated(implementation: (request: ApiRequest, caller: Caller) => Promise<ApiResult>): RouteImplementation {
  return async (request) => {
    let caller: Caller;
    try {
      caller = await callerOf(request);
    } catch (error) {
      const enrolmentId = request.route.path.startsWith('/enrolments/') ? request.params['id'] : undefined;
      if (enrolmentId) {
        await audit({ actor: 'unauthenticated', action: request.route.method + ' ' + request.route.path, outcome: 'denied', enrolmentIds: [enrolmentId], status: 401 });
      }
      throw error;
    }
    return implementation(request, caller);
  };
}
