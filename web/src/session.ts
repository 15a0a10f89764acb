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
