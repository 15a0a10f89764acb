import { Role } from '../contract/schemas.js';

/*
 * Rules of the staff the admin manages (shared/api.md v2): an admin manages users, programmes and offers and
 * reads no citizen, so `admin` is never combined with a role that reads citizen data.
 */

/** Roles that read citizens' data: the case roles, the team member (agendas), the provider (their appointments) and the other templates' roles. */
export const CITIZEN_READING_ROLES: readonly Role[] = Role.options.filter((r) => r !== 'admin' && r !== 'evaluator');

/** The rule these roles together break, or null when they may be held together. */
export function roleCombinationProblem(roles: readonly Role[]): { rule: string; why: string } | null {
  if (roles.includes('admin') && roles.some((r) => CITIZEN_READING_ROLES.includes(r))) {
    return { rule: 'admin-with-citizen-role', why: 'the admin role cannot be combined with a role that reads citizen data' };
  }
  return null;
}
