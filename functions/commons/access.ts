import type { Appointment } from '../contract/appointments.js';
import type { Role, User } from '../contract/schemas.js';
import { getAppointment } from '../store/appointments.js';
import { audit } from '../store/audit.js';
import { getJourney, type StoredJourney } from '../store/journeys.js';
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

export function inProgrammeScope(caller: Caller, programmeId: string): boolean {
  return caller.user.programmes.includes(programmeId);
}

export function inScope(caller: Caller, journey: Pick<StoredJourney, 'programmeId' | 'municipality'>): boolean {
  return inProgrammeScope(caller, journey.programmeId) && caller.user.municipalities.includes(journey.municipality);
}

export function requireRole(caller: Caller, ...roles: Role[]): void {
  if (!caller.has(...roles)) throw forbidden(`this needs one of the roles: ${roles.join(', ')}`);
}

/** The journey if this caller may see it with one of `roles`; otherwise 404, audited as refused. */
export async function visibleJourney(caller: Caller, enrolmentId: string, action: string, roles: Role[] = CASE_ROLES): Promise<StoredJourney> {
  const journey = await getJourney(enrolmentId);
  const allowed = journey !== undefined && caller.has(...roles) && inScope(caller, journey);
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
