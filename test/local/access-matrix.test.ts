import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeKey, routes, type RouteSpec } from '../../functions/contract/routes.js';
import { BRUG_FOR_ALLE, givenProgrammeWithStaff, startSystem, type Reply, type System } from '../support/system.js';
import { addUser, clockNow, enrolled, fictionalCpr, formDone, screened } from '../support/journeys.js';

/*
 * Every route × every role on ONE system with fixtures in two municipalities and two programmes: what each role
 * may do (2xx with the contract's body), what it may not (404 for a citizen it may not see, 403 for a thing its
 * role may not do, 401 without a token), and that a refusal changes nothing. Then the audit of it all, and bad
 * input on every route with a body.
 */

const ACTORS = [
  'admin',
  'lead.both',
  'lead.ishoj',
  'tov.ishoj',
  'tov.vallensbaek',
  'case.worker',
  'care.manager',
  'team.member',
  'provider',
  'eva.evaluator',
  'lead.other',
] as const;
type Actor = (typeof ACTORS)[number];

interface Call {
  path: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
}

interface Row {
  /** The request this actor makes (`allowed`: the actor is expected to pass the access check). */
  req: (actor: Actor, allowed: boolean) => Call | Promise<Call>;
  /** Default refusal for actors not listed in `allowed`: 404 for a citizen's (or a scoped) thing, 403 otherwise. */
  refusal: 403 | 404;
  /** Actors that pass the access check, in the order they call, with the exact status each gets. */
  allowed: [Actor, number][];
  /** Refusals that differ from the default. */
  refused?: Partial<Record<Actor, number>>;
  /** Extra assertions on an allowed actor's reply. */
  check?: (actor: Actor, reply: Reply) => void | Promise<void>;
}

let system: System;
let A: { id: string };
let B: { id: string };
/** The fixture citizens: c1 A/0183 (at follow-up, discussed with the team member), c2 A/0187, c3 B/0183. */
const f = {
  c1: '',
  c2: '',
  c3: '',
  /** A/0183, on the held meeting m1 with its item not yet recorded. */
  cItem: '',
  /** A/0183, screened, for the outcome. */
  cOut: '',
  /** Held, members lead.both and team.member; agenda c1 (recorded) and cItem. */
  m1: '',
  /** Upcoming, members lead.both and team.member, empty agenda. */
  m2: '',
  /** The provider's intervention appointment of c1. */
  p1: '',
  interventionId: '',
  /** One provider-owned appointment per actor that registers attendance. */
  attendanceOf: {} as Partial<Record<Actor, string>>,
  /** One safety-flagged instrument per actor that follows up. */
  flaggedOf: {} as Partial<Record<Actor, string>>,
  /** An inbox item of the care manager (a safety flag). */
  inboxItem: '',
};

const as = (actor: Actor) => system.as(actor);
const inFuture = async (ms: number) => new Date((await clockNow(system)).getTime() + ms).toISOString();
const DAY = 86_400_000;

async function send(actor: Actor | null, method: string, call: Call): Promise<Reply> {
  const token = actor ? await system.tokenFor(actor) : undefined;
  return system.request(method, call.path, { token, body: call.raw === undefined ? call.body : undefined, raw: call.raw, contentType: call.contentType });
}

function outbox(): string[] {
  const dir = join(system.runtime.dataDir, 'outbox');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Everything a refusal must leave alone: every table but the audit, the started executions, inboxes (a table) and the outbox. */
async function state() {
  return { ...(await system.journeyData()), outbox: outbox() };
}

async function journey(id: string) {
  const reply = await as('lead.both').get(`/enrolments/${id}`);
  if (reply.status !== 200) throw new Error(`journey: ${reply.status}`);
  return reply.body;
}

async function ok(reply: Reply, what: string): Promise<any> {
  if (reply.status >= 300) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const intervention = (over: object = {}) => ({
  domain: 'employment',
  title: 'Virksomhedspraktik',
  responsible: 'Jobcentret',
  startMonth: '2027-01',
  mode: 'individual',
  goalKind: 'outcome',
  goal: '10 timer om ugen',
  ...over,
});

beforeAll(async () => {
  system = await startSystem();
  const given = await givenProgrammeWithStaff(system);
  A = given.programme;
  B = given.other;
  await addUser(system, 'case.worker', ['caseworker'], [A.id]);
  await addUser(system, 'care.manager', ['care-manager'], [A.id]);
  await addUser(system, 'team.member', ['team-member'], [A.id]);
  await addUser(system, 'provider', ['provider'], [A.id], ['0183']);
  await addUser(system, 'spare.user', ['caseworker'], [A.id]);

  // c1 and cItem: screened, form done, on a team meeting with the team member; c1's item recorded, a plan made.
  f.c1 = await enrolled(system, A.id, 'Første Fiktiv');
  f.cItem = await enrolled(system, A.id, 'Punkt Fiktiv');
  for (const id of [f.c1, f.cItem]) {
    await screened(system, id, 'orange');
    await formDone(system, id);
  }
  const m1 = await ok(await as('lead.both').post(`/programmes/${A.id}/team-meetings`, { startsAt: await inFuture(60_000), members: ['lead.both', 'team.member'] }), 'm1');
  f.m1 = m1.id;
  await ok(await as('lead.both').put(`/team-meetings/${f.m1}/agenda`, { enrolmentIds: [f.c1, f.cItem] }), 'agenda');
  await system.advance('PT1M');
  await ok(await as('lead.both').post(`/team-meetings/${f.m1}/items/${f.c1}`, { citizenPresent: true, recommendations: [] }), 'item');
  const plan = await ok(
    await as('lead.both').put(`/enrolments/${f.c1}/plan`, {
      goal: 'Tættere på arbejdsmarkedet',
      citizenAgreed: true,
      interventions: [intervention(), intervention({ domain: 'health', title: 'Angstgruppe', mode: 'group', goalKind: 'motivation', goal: 'Deltage' })],
    }),
    'plan',
  );
  f.interventionId = plan.plan.interventions[0].id;
  const m2 = await ok(await as('lead.both').post(`/programmes/${A.id}/team-meetings`, { startsAt: await inFuture(7 * DAY), members: ['lead.both', 'team.member'] }), 'm2');
  f.m2 = m2.id;
  await ok(await as('lead.both').put(`/team-meetings/${f.m2}/agenda`, { enrolmentIds: [] }), 'm2 agenda');

  const booking = async () =>
    (
      await ok(
        await as('lead.both').post(`/enrolments/${f.c1}/appointments`, {
          kind: 'intervention',
          startsAt: await inFuture(DAY),
          endsAt: await inFuture(DAY + 3_600_000),
          owner: 'provider',
          interventionId: f.interventionId,
        }),
        'appointment',
      )
    ).id as string;
  f.p1 = await booking();
  for (const actor of ['lead.both', 'lead.ishoj', 'tov.ishoj', 'case.worker', 'care.manager', 'provider'] as const) f.attendanceOf[actor] = await booking();
  for (const actor of ['lead.both', 'lead.ishoj', 'tov.ishoj', 'care.manager'] as const) {
    const flagged = await as('lead.both').post(`/enrolments/${f.c1}/instruments`, { instrument: 'PHQ-9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 1], takenAt: await inFuture(0) });
    f.flaggedOf[actor] = (await ok(flagged, 'instrument')).id;
  }
  const inbox = (await as('care.manager').get('/me/inbox')).body.items;
  f.inboxItem = inbox[0].id;

  f.c2 = await enrolled(system, A.id, 'Anden Fiktiv', { municipality: '0187' });
  await screened(system, f.c2, 'orange');
  f.cOut = await enrolled(system, A.id, 'Udfald Fiktiv');
  await screened(system, f.cOut, 'orange');
  const c3 = await system.as('lead.other').post(`/programmes/${B.id}/enrolments`, { cpr: fictionalCpr('81', 1), name: 'Tredje Fiktiv', municipality: '0183' });
  f.c3 = (await ok(c3, 'c3')).id;
}, 120_000);
afterAll(() => system?.stop());

// ---- the matrix --------------------------------------------------------------------------------------

const CASE_IN_SCOPE: Actor[] = ['lead.both', 'lead.ishoj', 'tov.ishoj', 'case.worker', 'care.manager'];
const READERS_OF_C1: Actor[] = [...CASE_IN_SCOPE, 'team.member'];
const CONVENERS_OF_A: Actor[] = ['lead.both', 'lead.ishoj', 'tov.ishoj', 'tov.vallensbaek'];
const all = (status: number, except: Actor[] = []): [Actor, number][] => ACTORS.filter((a) => !except.includes(a)).map((a) => [a, status]);
const each = (actors: Actor[], status: number): [Actor, number][] => actors.map((a) => [a, status]);

let serial = 0;
const rows: Record<string, Row> = {
  'GET /health': { req: () => ({ path: '/health' }), refusal: 403, allowed: all(200) },
  'GET /openapi.json': {
    req: () => ({ path: '/openapi.json' }),
    refusal: 403,
    allowed: all(200),
    check: (_actor, reply) => expect(Object.keys(reply.body.paths)).toContain('/enrolments/{id}'),
  },
  'GET /me': {
    req: () => ({ path: '/me' }),
    refusal: 403,
    allowed: all(200),
    check: (actor, reply) => expect(reply.body.username).toBe(actor),
  },
  'GET /me/inbox': { req: () => ({ path: '/me/inbox' }), refusal: 403, allowed: all(200) },
  'POST /me/inbox/{id}/read': {
    req: () => ({ path: `/me/inbox/${f.inboxItem}/read` }),
    refusal: 404, // somebody else's item does not exist for you
    allowed: [['care.manager', 200]],
    check: (_actor, reply) => expect(reply.body).toMatchObject({ id: f.inboxItem, read: true, kind: 'safety-flag' }),
  },
  'POST /users': {
    req: () => {
      const username = `new.user${++serial}`;
      return { path: '/users', body: { username, name: 'Ny', email: `${username}@example.org`, roles: ['caseworker'], municipalities: ['0183'], programmes: [A.id] } };
    },
    refusal: 403,
    allowed: [['admin', 201]],
  },
  'GET /users': { req: () => ({ path: `/users?programme=${A.id}` }), refusal: 403, allowed: all(200, ['eva.evaluator']) },
  'PATCH /users/{username}': { req: () => ({ path: '/users/spare.user', body: { active: true } }), refusal: 403, allowed: [['admin', 200]] },
  'POST /programmes': { req: () => ({ path: '/programmes', body: { ...BRUG_FOR_ALLE, name: 'Nyt program' } }), refusal: 403, allowed: [['admin', 201]] },
  'GET /programmes': {
    req: () => ({ path: '/programmes' }),
    refusal: 403,
    allowed: all(200),
    check: (actor, reply) => {
      const ids = reply.body.items.map((p: { id: string }) => p.id);
      if (actor === 'lead.other') expect(ids).toEqual([B.id]);
      else if (actor !== 'admin') expect(ids).toEqual([A.id]);
      else expect(ids).toEqual(expect.arrayContaining([A.id, B.id]));
    },
  },
  'GET /programmes/{id}': {
    req: () => ({ path: `/programmes/${A.id}` }),
    refusal: 404,
    allowed: all(200, ['lead.other']),
  },
  'POST /programmes/{id}/enrolments': {
    req: () => ({ path: `/programmes/${A.id}/enrolments`, body: { cpr: fictionalCpr('82', 1), name: 'Ny Fiktiv', municipality: '0183' } }),
    refusal: 403,
    refused: { 'lead.other': 404 },
    allowed: each(['lead.both', 'lead.ishoj'], 201),
  },
  'POST /programmes/{id}/enrolments/import': {
    req: () => ({ path: `/programmes/${A.id}/enrolments/import`, raw: `cpr;name;municipality\n${fictionalCpr('83', 1)};Import Fiktiv;0183\n`, contentType: 'text/csv' }),
    refusal: 403,
    refused: { 'lead.other': 404 },
    allowed: each(['lead.both', 'lead.ishoj'], 200),
    check: (_actor, reply) => expect(reply.body).toEqual({ created: 1, rejected: [] }),
  },
  'GET /programmes/{id}/enrolments': {
    req: () => ({ path: `/programmes/${A.id}/enrolments` }),
    refusal: 403,
    refused: { 'lead.other': 404 },
    allowed: each([...CONVENERS_OF_A, 'case.worker', 'care.manager'], 200),
    check: (actor, reply) => {
      const ids = reply.body.items.map((i: { id: string }) => i.id);
      const munis = new Set(reply.body.items.map((i: { municipality: string }) => i.municipality));
      if (actor === 'tov.vallensbaek') {
        expect([...munis]).toEqual(['0187']);
        expect(ids).toContain(f.c2);
      } else if (actor === 'lead.ishoj' || actor === 'tov.ishoj') {
        expect([...munis]).toEqual(['0183']);
        expect(ids).toContain(f.c1);
      } else expect(ids).toEqual(expect.arrayContaining([f.c1, f.c2]));
      expect(ids).not.toContain(f.c3);
    },
  },
  'GET /enrolments/{id}': {
    req: () => ({ path: `/enrolments/${f.c1}` }),
    refusal: 404,
    allowed: each(READERS_OF_C1, 200),
    check: (_actor, reply) => expect(reply.body).toMatchObject({ id: f.c1, stage: 'follow-up' }),
  },
  'POST /enrolments/{id}/screening': {
    req: () => ({ path: `/enrolments/${f.c1}/screening`, body: { colour: 'orange', reason: 'Genvurdering' } }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj', 'tov.ishoj'], 200),
    check: (_actor, reply) => expect(reply.body).toMatchObject({ colour: 'orange', stage: 'follow-up' }),
  },
  'PUT /enrolments/{id}/tovholders': {
    req: () => ({ path: `/enrolments/${f.c1}/tovholders`, body: { primary: 'tov.ishoj', secondary: 'lead.ishoj' } }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj'], 200),
    check: (_actor, reply) => expect(reply.body.primaryTovholder.username).toBe('tov.ishoj'),
  },
  'POST /enrolments/{id}/notes': {
    req: () => ({ path: `/enrolments/${f.c1}/notes`, body: { kind: 'contact-attempt', text: 'Ringede', channel: 'phone', reached: false } }),
    refusal: 404,
    allowed: each(CASE_IN_SCOPE, 201),
  },
  'POST /enrolments/{id}/outcome': {
    req: () => ({ path: `/enrolments/${f.cOut}/outcome`, body: { outcome: 'match-improved', date: '2026-11-01' } }),
    refusal: 404,
    // The first takes the journey to aftercare, the second closes it; the third passes the access check and meets the rule.
    allowed: [
      ['lead.both', 200],
      ['tov.ishoj', 200],
      ['lead.ishoj', 422],
    ],
  },
  'GET /enrolments/{id}/audit': {
    req: () => ({ path: `/enrolments/${f.c1}/audit` }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj'], 200),
  },
  'PUT /enrolments/{id}/preparatory-form': {
    req: async (_actor, allowed) => ({
      path: `/enrolments/${f.c1}/preparatory-form`,
      body: { version: allowed ? (await journey(f.c1)).preparatoryForm.version : 1, citizenParticipated: true, areas: [{ area: 'employment', wish: 'Et job' }] },
    }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj', 'tov.ishoj', 'case.worker'], 200),
  },
  'GET /enrolments/{id}/preparatory-form/revisions': {
    req: () => ({ path: `/enrolments/${f.c1}/preparatory-form/revisions` }),
    refusal: 404,
    allowed: each(READERS_OF_C1, 200),
  },
  'PUT /enrolments/{id}/plan': {
    req: async () => {
      const plan = (await journey(f.c1)).plan;
      return {
        path: `/enrolments/${f.c1}/plan`,
        body: {
          version: plan.version,
          goal: plan.goal,
          citizenAgreed: plan.citizenAgreed,
          interventions: plan.interventions.map((i: any) => ({
            id: i.id,
            domain: i.domain,
            title: i.title,
            responsible: i.responsible,
            startMonth: i.startMonth,
            mode: i.mode,
            goalKind: i.goalKind,
            goal: i.goal,
          })),
        },
      };
    },
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj', 'tov.ishoj', 'care.manager'], 200),
  },
  'GET /enrolments/{id}/plan/revisions': {
    req: () => ({ path: `/enrolments/${f.c1}/plan/revisions` }),
    refusal: 404,
    allowed: each(READERS_OF_C1, 200),
  },
  'POST /offers': {
    req: () => ({ path: '/offers', body: { name: 'Mentor', provider: 'Jobcentret', domain: 'employment', targetGroup: 'Alle' } }),
    refusal: 403,
    allowed: [['admin', 201]],
  },
  'GET /offers': { req: () => ({ path: '/offers' }), refusal: 403, allowed: all(200, ['eva.evaluator']) },
  'POST /programmes/{id}/team-meetings': {
    req: async () => ({ path: `/programmes/${A.id}/team-meetings`, body: { startsAt: await inFuture(3 * DAY), members: ['lead.both'] } }),
    refusal: 403,
    refused: { admin: 404, 'lead.other': 404 },
    allowed: each(CONVENERS_OF_A, 201),
  },
  'GET /programmes/{id}/team-meetings': {
    req: () => ({ path: `/programmes/${A.id}/team-meetings` }),
    refusal: 403,
    refused: { admin: 404, 'lead.other': 404 },
    allowed: each([...CONVENERS_OF_A, 'team.member'], 200),
  },
  'GET /team-meetings/{id}': {
    req: () => ({ path: `/team-meetings/${f.m1}` }),
    refusal: 404,
    allowed: each([...CONVENERS_OF_A, 'team.member'], 200),
    check: (actor, reply) => {
      const name = reply.body.agenda.find((e: { enrolmentId: string }) => e.enrolmentId === f.c1).name;
      // The Vallensbæk tovholder sees the meeting but not who the Ishøj citizen is.
      expect(name).toBe(actor === 'tov.vallensbaek' ? null : 'Første Fiktiv');
    },
  },
  'PUT /team-meetings/{id}/agenda': {
    req: () => ({ path: `/team-meetings/${f.m2}/agenda`, body: { enrolmentIds: [] } }),
    refusal: 404,
    refused: { 'team.member': 403 },
    allowed: each(CONVENERS_OF_A, 200),
  },
  'GET /team-meetings/{id}/invite.ics': {
    req: () => ({ path: `/team-meetings/${f.m1}/invite.ics` }),
    refusal: 404,
    allowed: each([...CONVENERS_OF_A, 'team.member'], 200),
    check: (_actor, reply) => {
      expect(reply.body).toContain('BEGIN:VCALENDAR');
      expect(reply.body).not.toContain('Fiktiv');
    },
  },
  'POST /team-meetings/{id}/items/{enrolmentId}': {
    req: () => ({ path: `/team-meetings/${f.m1}/items/${f.cItem}`, body: { citizenPresent: false, recommendations: [{ domain: 'health', text: 'Tal med egen læge' }] } }),
    refusal: 404,
    // The team member records it; the conveners then pass the access check and find it recorded.
    allowed: [['team.member', 200], ...each(['lead.both', 'lead.ishoj', 'tov.ishoj'], 409)],
  },
  'POST /enrolments/{id}/appointments': {
    req: async () => ({ path: `/enrolments/${f.c1}/appointments`, body: { kind: 'follow-up', startsAt: await inFuture(2 * DAY), endsAt: await inFuture(2 * DAY + 1_800_000), owner: 'tov.ishoj' } }),
    refusal: 404,
    allowed: each(CASE_IN_SCOPE, 201),
  },
  'GET /me/appointments': {
    req: () => ({ path: '/me/appointments' }),
    refusal: 403,
    allowed: all(200),
    check: (actor, reply) => {
      const ids = reply.body.items.map((a: { id: string }) => a.id);
      if (actor === 'provider') expect(ids).toContain(f.p1);
      else expect(ids).not.toContain(f.p1);
    },
  },
  'GET /appointments/{id}': {
    req: () => ({ path: `/appointments/${f.p1}` }),
    refusal: 404,
    allowed: each([...CASE_IN_SCOPE, 'provider'], 200),
    check: (_actor, reply) => expect(reply.body).toMatchObject({ id: f.p1, owner: 'provider', kind: 'intervention' }),
  },
  'PATCH /appointments/{id}': {
    req: async () => ({ path: `/appointments/${f.p1}`, body: { startsAt: await inFuture(2 * DAY), endsAt: await inFuture(2 * DAY + 3_600_000) } }),
    refusal: 404,
    allowed: each([...CASE_IN_SCOPE, 'provider'], 200),
  },
  'POST /appointments/{id}/attendance': {
    req: (actor, allowed) => ({ path: `/appointments/${allowed ? f.attendanceOf[actor] : f.p1}/attendance`, body: { status: 'cancelled', note: 'Aflyst' } }),
    refusal: 404,
    allowed: each([...CASE_IN_SCOPE, 'provider'], 200),
    check: (_actor, reply) => expect(reply.body.attendance.status).toBe('cancelled'),
  },
  'POST /enrolments/{id}/sanction-assessments': {
    req: () => ({
      path: `/enrolments/${f.c1}/sanction-assessments`,
      body: { appointmentId: f.p1, reasonableCause: true, lackOfResources: false, financialHardship: false, conclusion: 'no-sanction', note: 'Syg' },
    }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj', 'tov.ishoj'], 201),
  },
  'POST /enrolments/{id}/instruments': {
    req: async () => ({ path: `/enrolments/${f.c1}/instruments`, body: { instrument: 'WHO-5', answers: [3, 3, 3, 3, 3], takenAt: await inFuture(0) } }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj', 'tov.ishoj', 'care.manager'], 201),
    check: (_actor, reply) => expect(reply.body).toMatchObject({ score: 60, severity: 'good' }),
  },
  'POST /enrolments/{id}/instruments/{instrumentId}/safety-follow-up': {
    req: (actor, allowed) => ({
      path: `/enrolments/${f.c1}/instruments/${allowed ? f.flaggedOf[actor] : f.flaggedOf['lead.both']}/safety-follow-up`,
      body: { note: 'Talt med borgeren' },
    }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj', 'tov.ishoj', 'care.manager'], 200),
    check: (actor, reply) => expect(reply.body.safety.followUp.by).toBe(actor),
  },
};

function shapeCheck(route: RouteSpec, reply: Reply): void {
  // The route table describes the OpenAPI document loosely as Health; its own check looks at `paths`.
  if (route.responseContentType || route.path === '/openapi.json') return;
  const parsed = route.response.safeParse(reply.body);
  expect(parsed.success, `${routeKey(route)}: ${parsed.error?.message}`).toBe(true);
}

describe('every route × every role', () => {
  it('has a row for every route of the contract', () => {
    expect(Object.keys(rows).sort()).toEqual(routes.map((r) => routeKey(r)).sort());
  });

  it('gives each role exactly what it may do, refuses the rest, and a refusal changes nothing', async () => {
    const started = Date.now();
    for (const route of routes as readonly RouteSpec[]) {
      const key = routeKey(route);
      const row = rows[key]!;
      const allowedActors = new Set(row.allowed.map(([a]) => a));
      const before = await state();
      // Without a token.
      const anonymous = await send(null, route.method, await row.req('admin', false));
      expect(anonymous.status, `${key} without a token`).toBe(route.public ? 200 : 401);
      // Every actor that may not: refused, and nothing changes.
      for (const actor of ACTORS.filter((a) => !allowedActors.has(a))) {
        const reply = await send(actor, route.method, await row.req(actor, false));
        const expected = row.refused?.[actor] ?? row.refusal;
        expect(reply.status, `${key} as ${actor}: ${JSON.stringify(reply.body)}`).toBe(expected);
        expect(reply.body.error.code).toBe(expected === 404 ? 'not-found' : 'forbidden');
      }
      expect(await state(), `${key}: a refusal changed something`).toEqual(before);
      // Every actor that may: the exact status, and the contract's body.
      for (const [actor, status] of row.allowed) {
        const reply = await send(actor, route.method, await row.req(actor, true));
        expect(reply.status, `${key} as ${actor}: ${JSON.stringify(reply.body)}`).toBe(status);
        if (status < 300) {
          shapeCheck(route, reply);
          await row.check?.(actor, reply);
        }
      }
    }
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 120_000);

  it('keeps each citizen to their municipality and programme', async () => {
    const sees = async (actor: Actor, id: string) => (await as(actor).get(`/enrolments/${id}`)).status;
    expect(await sees('tov.vallensbaek', f.c2)).toBe(200);
    expect(await sees('lead.both', f.c2)).toBe(200);
    expect(await sees('case.worker', f.c2)).toBe(200);
    expect(await sees('lead.ishoj', f.c2)).toBe(404);
    expect(await sees('tov.ishoj', f.c2)).toBe(404);
    expect(await sees('provider', f.c2)).toBe(404);
    expect(await sees('team.member', f.c2)).toBe(404); // not on an agenda of theirs
    expect(await sees('lead.other', f.c3)).toBe(200);
    for (const actor of ACTORS.filter((a) => a !== 'lead.other')) expect(await sees(actor, f.c3), actor).toBe(404);
    // A tovholder of 0187 screens there, not in 0183.
    const before = await state();
    expect((await as('tov.vallensbaek').post(`/enrolments/${f.cOut}/screening`, { colour: 'green', reason: 'x' })).status).toBe(404);
    expect(await state()).toEqual(before);
    expect((await as('tov.vallensbaek').post(`/enrolments/${f.c2}/notes`, { kind: 'note', text: 'Set' })).status).toBe(201);
  });

  it("audits what was allowed and what was refused; only a lead in scope reads the audit", async () => {
    const trail = await as('lead.both').get(`/enrolments/${f.c1}/audit`);
    expect(trail.status).toBe(200);
    const entries = trail.body.items as { actor: string; action: string; outcome: string; status?: number }[];
    const has = (actor: string, outcome: string, action?: string) =>
      entries.some((e) => e.actor === actor && e.outcome === outcome && (action === undefined || e.action === action));
    for (const actor of ['lead.both', 'lead.ishoj', 'tov.ishoj', 'case.worker', 'care.manager', 'team.member', 'provider']) {
      expect(has(actor, 'allowed'), `${actor} allowed`).toBe(true);
    }
    for (const actor of ['admin', 'tov.vallensbaek', 'eva.evaluator', 'lead.other', 'provider', 'team.member']) {
      expect(has(actor, 'denied'), `${actor} denied`).toBe(true);
    }
    expect(has('team.member', 'allowed', 'read-journey')).toBe(true);
    expect(has('case.worker', 'denied', 'screening')).toBe(true);
    expect(entries.filter((e) => e.outcome === 'denied').every((e) => e.status === 404)).toBe(true);
    expect(has('lead.both', 'allowed', 'read-audit')).toBe(true);
    for (const actor of ACTORS.filter((a) => a !== 'lead.both' && a !== 'lead.ishoj')) {
      expect((await as(actor).get(`/enrolments/${f.c1}/audit`)).status, actor).toBe(404);
    }
  });
});
