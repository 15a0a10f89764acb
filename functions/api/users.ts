import { authenticated, requireRole } from '../commons/access.js';
import { now } from '../commons/clock.js';
import { ApiError, forbidden, notFound } from '../commons/errors.js';
import { apiHandler } from '../commons/http.js';
import { Me, type User, UserInput, UserListQuery, UserPatch, UserSummary } from '../contract/schemas.js';
import { tovholderProblem } from '../domain/journey.js';
import { recipientsOf } from '../domain/recipients.js';
import { getJourney, journeysHeldBy, saveJourney } from '../store/journeys.js';
import { inboxOf, markRead, notifyOnce } from '../store/notifications.js';
import { createUser, listUsers, updateUser } from '../store/users.js';
import type { z } from 'zod';

/**
 * A tovholder who is deactivated, or no longer serves a citizen's programme and municipality, leaves their
 * citizens without one: each open journey is flagged needs-tovholder and the leads there are told, once.
 */
async function flagJourneysLeftBy(user: User, by: string): Promise<void> {
  const ids = await journeysHeldBy(user.username);
  if (ids.length === 0) return;
  const staff = await listUsers();
  for (const id of ids) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const journey = await getJourney(id);
      const holds = journey && [journey.primaryTovholder, journey.secondaryTovholder].some((t) => t?.username === user.username);
      if (!journey || !holds || journey.stage === 'closed' || journey.needsTovholderSince || tovholderProblem(user, journey) === null) break;
      const at = now().toISOString();
      try {
        await saveJourney(journey, { ...journey, needsTovholderSince: at, updatedAt: at }, [
          { at, kind: 'needs-tovholder', by, summary: `Tovholder ${user.username} left; a new tovholder is needed` },
        ]);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'conflict') continue;
        throw error;
      }
      await notifyOnce({ enrolmentId: id, kind: 'needs-tovholder', dueAt: at, recipients: recipientsOf(staff, journey, 'leads') });
      break;
    }
  }
}

export const handler = apiHandler({
  'GET /me': authenticated(async (_request, caller) => ({ body: Me.parse(caller.user) })),

  'GET /me/inbox': authenticated(async (_request, caller) => ({ body: { items: await inboxOf(caller.user.username) } })),

  'POST /me/inbox/{id}/read': authenticated(async (request, caller) => {
    const item = await markRead(caller.user.username, request.params['id'] ?? '');
    if (!item) throw notFound('inbox item');
    return { body: item };
  }),

  'POST /users': authenticated(async (request, caller) => {
    requireRole(caller, 'admin');
    const input = request.body as z.output<typeof UserInput>;
    const user: User = { ...input, active: true, createdAt: now().toISOString() };
    await createUser(user);
    return { body: user };
  }),

  'GET /users': authenticated(async (request, caller) => {
    // Evaluators see no one by name; they cannot hold another role.
    if (caller.has('evaluator')) throw forbidden('evaluators work with exports only');
    const query = request.query as z.output<typeof UserListQuery>;
    const users = await listUsers();
    const items = users
      .filter((u) => !query.programme || u.programmes.includes(query.programme))
      .filter((u) => !query.role || u.roles.includes(query.role))
      .map((u) => UserSummary.parse(u));
    return { body: { items } };
  }),

  'PATCH /users/{username}': authenticated(async (request, caller) => {
    requireRole(caller, 'admin');
    const username = request.params['username'] ?? '';
    const patch = request.body as z.output<typeof UserPatch>;
    if (!username) throw notFound('user');
    const user = await updateUser(username, patch);
    await flagJourneysLeftBy(user, caller.user.username);
    return { body: user };
  }),
});
