import type { z } from 'zod';
import { UserList, UserSummary } from '../../functions/contract/schemas.js';
import { api, query } from './api.js';

type Summary = z.output<typeof UserSummary>;
const cache = new Map<string, Promise<Summary[]>>();

/** The programme's staff for pickers (GET /users), fetched once per programme and role. */
export function staff(programmeId: string, role?: string): Promise<Summary[]> {
  const key = `${programmeId}|${role ?? ''}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = api.get(UserList, `/users${query({ programme: programmeId, role })}`).then(
      (b) => b.items.filter((u) => u.active),
      () => [],
    );
    cache.set(key, hit);
  }
  return hit;
}
