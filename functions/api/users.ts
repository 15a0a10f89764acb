import { adminManages, authenticated, type Caller } from '../app/access.js';
import { followDecision } from '../app/decide.js';
import { now } from '../platform/clock.js';
import { ApiError, forbidden, notFound, ruleViolated } from '../platform/errors.js';
import { apiHandler } from '../platform/http.js';
import { createIdentity, setIdentityEnabled } from '../platform/identities.js';
import { Me, type Role, type User, UserSummary } from '../contract/schemas.js';
import { tovholderProblem } from '../domain/journey.js';
import { decide } from '../domain/decide.js';
import { responsibleRolesOf, templateOf } from '../domain/templates/index.js';
import { roleCombinationProblem } from '../domain/users.js';
import { worklistOfUser } from '../app/worklist.js';
import { auditEach, auditUserChange } from '../store/audit.js';
import { getJourney, journeysHeldBy, saveJourney } from '../store/journeys.js';
import { inboxOf, markRead } from '../store/notifications.js';
import { getProgramme } from '../store/programmes.js';
import { createUser, getUser, listUsers, updateUser } from '../store/users.js';

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
      if (!journey || !holds || journey.needsTovholderSince || tovholderProblem(user, journey, responsibleRolesOf(templateOf(journey))) === null) break;
      // A journey the template takes no tovholder-left at (a closed one) is left as it is.
      const decided = decide(templateOf(journey), journey, { kind: 'tovholder-left', by, username: user.username }, now());
      if (!decided.ok) break;
      try {
        await saveJourney(journey, decided.journey, decided.events);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'conflict') continue;
        throw error;
      }
      await followDecision(journey, decided, staff);
      break;
    }
  }
}

/** Whether `user` is active staff of one of the caller's programmes and municipalities: whom a picker offers. */
function worksAlongside(caller: Caller, user: User): boolean {
  return (
    user.active &&
    user.programmes.some((p) => caller.user.programmes.includes(p)) &&
    user.municipalities.some((m) => caller.user.municipalities.includes(m))
  );
}

/**
 * The rules of creating or changing a user (shared/api.md v2): nobody changes their own roles, municipalities
 * or programmes (403); an admin limited to municipalities gives only those and only programmes wholly within
 * them (403); `admin` is not combined with a role that reads citizens (422). A refusal is audited under the user.
 */
async function checkUserChange(
  caller: Caller,
  username: string,
  action: string,
  change: { roles: Role[]; municipalities?: string[]; programmes?: string[] },
  patch: Partial<Record<'roles' | 'organisation' | 'municipalities' | 'programmes', unknown>> = change,
): Promise<void> {
  const refuse = async (error: ApiError): Promise<never> => {
    await auditUserChange(username, { actor: caller.user.username, action, outcome: 'denied', status: error.status, changes: { ...patch } });
    throw error;
  };
  const own = ['roles', 'organisation', 'municipalities', 'programmes'].some((field) => patch[field as keyof typeof patch] !== undefined);
  if (username === caller.user.username && own) await refuse(forbidden('nobody changes their own roles, organisation, municipalities or programmes'));
  if (change.municipalities && !adminManages(caller, change.municipalities)) await refuse(forbidden('you manage users of your own municipalities only'));
  if (change.programmes && caller.user.municipalities.length > 0) {
    const programmes = await Promise.all(change.programmes.map((id) => getProgramme(id)));
    if (programmes.some((p) => !p || !adminManages(caller, p.municipalities))) await refuse(forbidden('you manage programmes of your own municipalities only'));
  }
  const problem = roleCombinationProblem(change.roles);
  if (problem) await refuse(ruleViolated(problem.rule, problem.why));
}

export const handler = apiHandler({
  'GET /me': authenticated(async (_request, caller) => ({ body: Me.parse(caller.user) })),

  'GET /me/inbox': authenticated(async (_request, caller) => ({ body: { items: await inboxOf(caller.user.username) } })),

  'GET /me/worklist': authenticated(async (request, caller) => {
    const programme = request.query.programme;
    if (programme && !caller.user.programmes.includes(programme)) throw notFound('programme');
    const worklist = await worklistOfUser(caller.user, programme);
    // Like the overview: one entry per citizen shown, in each citizen's own audit.
    await auditEach({ actor: caller.user.username, action: request.route.audit, outcome: 'allowed' }, worklist.items.map((i) => i.enrolmentId));
    return { body: worklist };
  }),

  'POST /me/inbox/{id}/read': authenticated(async (request, caller) => {
    const item = await markRead(caller.user.username, request.params.id);
    if (!item) throw notFound('inbox item');
    return { body: item };
  }),

  'POST /users': authenticated(async (request, caller) => {
    const input = request.body;
    await checkUserChange(caller, input.username, request.route.audit, input);
    const user: User = { ...input, active: true, createdAt: now().toISOString() };
    await createUser(user);
    await createIdentity(user);
    await auditUserChange(user.username, { actor: caller.user.username, action: request.route.audit, outcome: 'allowed', changes: { ...input } });
    return { body: user };
  }),

  'GET /users': authenticated(async (request, caller) => {
    const query = request.query;
    const users = await listUsers();
    const items = users
      .filter((u) => adminManages(caller, u.municipalities) || worksAlongside(caller, u))
      .filter((u) => !query.programme || u.programmes.includes(query.programme))
      .filter((u) => !query.role || u.roles.includes(query.role))
      .map((u) => UserSummary.parse(u));
    return { body: { items } };
  }),

  'PATCH /users/{username}': authenticated(async (request, caller) => {
    const username = request.params.username;
    const patch = request.body;
    const before = username ? await getUser(username) : undefined;
    // A user outside the admin's municipalities does not exist for that admin.
    if (!before || !adminManages(caller, before.municipalities)) throw notFound('user');
    await checkUserChange(caller, username, request.route.audit, { roles: patch.roles ?? before.roles, municipalities: patch.municipalities, programmes: patch.programmes }, patch);
    const user = await updateUser(username, patch);
    await auditUserChange(username, { actor: caller.user.username, action: request.route.audit, outcome: 'allowed', changes: { ...patch } });
    if (patch.active !== undefined) await setIdentityEnabled(user.username, patch.active);
    await flagJourneysLeftBy(user, caller.user.username);
    return { body: user };
  }),
});
