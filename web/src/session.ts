import type { z } from 'zod';
import type { Me, Programme } from '../../functions/contract/schemas.js';

/** Who is signed in and in which programme they work; given to every page. */
export interface Session {
  me: z.output<typeof Me>;
  programmes: Programme[];
  programme: Programme | null;
  refreshInbox: () => void;
}

export const has = (s: Session, ...roles: string[]) => roles.some((r) => (s.me.roles as string[]).includes(r));

/** The roles that have the programme's overview (the others have no list of citizens to start from). */
const OVERVIEW_ROLES = ['lead', 'tovholder', 'caseworker', 'care-manager', 'job-broker', 'mentor', 'coordination-member'];
export const hasOverview = (s: Session) => has(s, ...OVERVIEW_ROLES);

/**
 * Where a user without the overview starts: the admin on administration, a provider on their appointments,
 * a team member on their meetings (the evaluator's pages are main.tsx's own rule).
 */
export function landing(s: Session): string {
  if (hasOverview(s)) return 'oversigt';
  if (has(s, 'admin')) return 'admin';
  if (has(s, 'provider')) return 'aftaler';
  if (has(s, 'team-member')) return 'teammoeder';
  return 'indbakke';
}
