import { authenticated, requireRole } from '../commons/access.js';
import { now } from '../commons/clock.js';
import { forbidden, notFound } from '../commons/errors.js';
import { apiHandler } from '../commons/http.js';
import { Me, type User, UserInput, UserListQuery, UserPatch, UserSummary } from '../contract/schemas.js';
import { inboxOf, markRead } from '../store/notifications.js';
import { createUser, listUsers, updateUser } from '../store/users.js';
import type { z } from 'zod';

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
    return { body: await updateUser(username, patch) };
  }),
});
