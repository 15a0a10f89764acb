import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routeKey, routes, type RouteSpec } from '../../functions/contract/routes.js';
import type { Role } from '../../functions/contract/schemas.js';
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
/** The roles each actor is given below (test/support/system.ts gives the leads, tovholders, admin and evaluator). */
const ROLES_OF: Record<Actor, Role[]> = {
  admin: ['admin'],
  'lead.both': ['lead'],
  'lead.ishoj': ['lead'],
  'tov.ishoj': ['tovholder'],
  'tov.vallensbaek': ['tovholder'],
  'case.worker': ['caseworker'],
  'care.manager': ['care-manager'],
  'team.member': ['team-member'],
  provider: ['provider'],
  'eva.evaluator': ['evaluator'],
  'lead.other': ['lead'],
};

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
  /** An indicators export of A, done, started by lead.both. */
  exportId: '',
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
  f.exportId = (await ok(await as('lead.both').post(`/programmes/${A.id}/exports`, { kind: 'indicators', format: 'csv' }), 'export')).id;
  await system.runtime.stepFunctions.settled();
}, 120_000);
afterAll(() => system?.stop());

// ---- the matrix --------------------------------------------------------------------------------------

const CASE_IN_SCOPE: Actor[] = ['lead.both', 'lead.ishoj', 'tov.ishoj', 'case.worker', 'care.manager'];
const READERS_OF_C1: Actor[] = [...CASE_IN_SCOPE, 'team.member'];
const CONVENERS_OF_A: Actor[] = ['lead.both', 'lead.ishoj', 'tov.ishoj', 'tov.vallensbaek'];
const EVALUATORS_OF_A: Actor[] = ['lead.both', 'lead.ishoj', 'eva.evaluator'];
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
  'GET /me/worklist': {
    req: () => ({ path: '/me/worklist' }),
    refusal: 403,
    allowed: all(200, ['admin', 'team.member', 'provider', 'eva.evaluator']),
    check: (_actor, reply) => expect(reply.body).toMatchObject({ items: expect.any(Array), counts: { total: expect.any(Number) } }),
  },
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
  'GET /users': {
    req: () => ({ path: `/users?programme=${A.id}` }),
    refusal: 403,
    allowed: all(200, ['eva.evaluator']),
    // Only staff of the caller's own programmes and municipalities (the admin manages everyone).
    check: (actor, reply) => {
      const names = reply.body.items.map((u: { username: string }) => u.username);
      if (actor === 'lead.other') expect(names).toEqual([]);
      else if (actor === 'tov.vallensbaek') expect(names).not.toContain('tov.ishoj');
      else expect(names).toContain('lead.both');
    },
  },
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
  'GET /templates': {
    req: () => ({ path: '/templates' }),
    refusal: 403,
    allowed: all(200),
    check: (_actor, reply) => expect(reply.body.items.map((t: { id: string }) => t.id)).toContain('brug-for-alle'),
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
  // An import that answered 202 is seen by whoever sees its programme (test/local/import.test.ts); one that
  // does not exist is 404 to everyone, never a 500.
  'GET /imports/{id}': {
    req: () => ({ path: '/imports/00000000-0000-4000-8000-000000000000' }),
    refusal: 404,
    allowed: [],
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
  'PUT /enrolments/{id}/legal-hold': {
    req: () => ({ path: `/enrolments/${f.c1}/legal-hold`, body: { hold: true, reason: 'Klagesag verserer' } }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj'], 200),
    check: (_actor, reply) => expect(reply.body.legalHold).toMatchObject({ reason: 'Klagesag verserer' }),
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
    // The owning provider reads it and registers attendance; moving it is not theirs (v2 contract).
    refused: { provider: 403 },
    allowed: each(CASE_IN_SCOPE, 200),
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
  // ---- evaluation exports and indicators: the programme's evaluator and leads (an admin sees the programme: 403) ----
  'POST /programmes/{id}/exports': {
    req: () => ({ path: `/programmes/${A.id}/exports`, body: { kind: 'indicators', format: 'csv' } }),
    refusal: 403,
    refused: { 'lead.other': 404 },
    allowed: each(EVALUATORS_OF_A, 202),
  },
  'GET /programmes/{id}/exports': {
    req: () => ({ path: `/programmes/${A.id}/exports` }),
    refusal: 403,
    refused: { 'lead.other': 404 },
    allowed: each(EVALUATORS_OF_A, 200),
    // lead.ishoj sees only the exports that cover no municipality beyond Ishøj: none of lead.both's.
    check: (actor, reply) => expect(reply.body.items.some((e: { id: string }) => e.id === f.exportId)).toBe(actor !== 'lead.ishoj'),
  },
  'GET /exports/{id}': {
    req: () => ({ path: `/exports/${f.exportId}` }),
    refusal: 403,
    refused: { 'lead.other': 404, 'lead.ishoj': 404 },
    allowed: each(['lead.both', 'eva.evaluator'], 200),
    check: (_actor, reply) => expect(reply.body).toMatchObject({ status: 'done', municipalities: ['0183', '0187'] }),
  },
  'GET /exports/{id}/files/{name}': {
    req: () => ({ path: `/exports/${f.exportId}/files/dictionary.json` }),
    refusal: 403,
    refused: { 'lead.other': 404, 'lead.ishoj': 404 },
    allowed: each(['lead.both', 'eva.evaluator'], 200),
    check: (_actor, reply) => expect(reply.body.dictionaryVersion).toBe('1'),
  },
  'PUT /programmes/{id}/export-schedule': {
    req: () => ({ path: `/programmes/${A.id}/export-schedule`, body: { kind: 'indicators', format: 'csv', dayOfMonth: 1 } }),
    refusal: 403,
    refused: { 'lead.other': 404 },
    allowed: each(EVALUATORS_OF_A, 200),
  },
  'GET /programmes/{id}/indicators': {
    req: () => ({ path: `/programmes/${A.id}/indicators` }),
    refusal: 403,
    refused: { 'lead.other': 404 },
    allowed: each(EVALUATORS_OF_A, 200),
    // A lead of Ishøj sees Ishøj's figures and the programme's within them; the evaluator, both municipalities.
    check: (actor, reply) => expect(new Set(reply.body.rows.map((r: { municipality: string }) => r.municipality))).toEqual(new Set(actor === 'lead.ishoj' ? ['0183', 'alle'] : ['0183', '0187', 'alle'])),
  },
  // Gennem Job til Uddannelse's routes on this Brug for alle programme: who passes the access check meets the
  // template's 422 not-in-template (the system test test/local/job-til-uddannelse.test.ts walks them on its own
  // programme); an internship this programme cannot have is not found by anyone.
  'POST /enrolments/{id}/internships': {
    req: () => ({
      path: `/enrolments/${f.c1}/internships`,
      body: { company: 'Fiktiv ApS', startDate: '2026-11-02', hoursPerWeek: 20, goal: { kind: 'paid-hours', hours: 100 }, jobBroker: 'lead.both' },
    }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj', 'tov.ishoj'], 422),
  },
  'POST /internships/{id}/hours': { req: () => ({ path: '/internships/no-such-internship/hours', body: { week: '2026-W45', paidHours: 1, unpaidHours: 0 } }), refusal: 404, allowed: [] },
  'POST /internships/{id}/end': { req: () => ({ path: '/internships/no-such-internship/end', body: { endDate: '2026-11-02' } }), refusal: 404, allowed: [] },
  'POST /internships/{id}/learning-certificates': {
    req: () => ({ path: '/internships/no-such-internship/learning-certificates', body: { phase: 'start', date: '2026-11-02', competences: [] } }),
    refusal: 404,
    allowed: [],
  },
  'GET /internships/{id}/learning-certificates/{certificateId}/pdf': { req: () => ({ path: '/internships/no-such-internship/learning-certificates/no-such-certificate/pdf' }), refusal: 404, allowed: [] },
  'PUT /enrolments/{id}/contact-person': {
    req: () => ({ path: `/enrolments/${f.c1}/contact-person`, body: { username: 'tov.ishoj' } }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj', 'tov.ishoj'], 422),
  },
  'PUT /enrolments/{id}/ambassador': {
    req: () => ({ path: `/enrolments/${f.c1}/ambassador`, body: { ambassadorId: 'no-such-ambassador' } }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj', 'tov.ishoj'], 422),
  },
  'POST /ambassadors': {
    req: () => ({ path: '/ambassadors', body: { kind: 'youth', name: 'Ambassadør Fiktiv', municipalities: ['0183'] } }),
    refusal: 403,
    allowed: each(['lead.both', 'lead.ishoj', 'lead.other'], 201),
  },
  'GET /ambassadors': {
    req: () => ({ path: '/ambassadors' }),
    refusal: 403,
    allowed: each([...CONVENERS_OF_A, 'case.worker', 'care.manager', 'lead.other'], 200),
    check: (_actor, reply) => expect(reply.body.items.every((a: { municipalities: string[] }) => a.municipalities.includes('0183'))).toBe(true),
  },
  // Youth coordination's routes on a Brug for alle programme and citizen: who passes the access check meets
  // `not-in-template` (422); the coordination member's own scope is tested in test/local/youth-coordination.test.ts.
  'POST /programmes/{id}/coordination-lists': {
    req: () => ({ path: `/programmes/${A.id}/coordination-lists?month=2031-01`, raw: `cpr;name;municipality\n${fictionalCpr('14', 4)};Ung Fiktiv;0183\n`, contentType: 'text/csv' }),
    refusal: 403,
    refused: { admin: 404, 'lead.other': 404 },
    allowed: each(['lead.both', 'lead.ishoj'], 422),
  },
  'GET /programmes/{id}/coordination-lists': {
    req: () => ({ path: `/programmes/${A.id}/coordination-lists` }),
    refusal: 403,
    refused: { admin: 404, 'lead.other': 404 },
    allowed: each(['lead.both', 'lead.ishoj'], 422),
  },
  'GET /coordination-lists/{id}': { req: () => ({ path: '/coordination-lists/00000000-0000-4000-8000-000000000000' }), refusal: 404, allowed: [] },
  'PATCH /coordination-lists/{id}/entries/{entryId}': {
    req: () => ({ path: '/coordination-lists/00000000-0000-4000-8000-000000000000/entries/00000000-0000-4000-8000-000000000001', body: { status: 'misplaced' } }),
    refusal: 404,
    allowed: [],
  },
  'POST /coordination-lists/{id}/meeting': {
    req: () => ({ path: '/coordination-lists/00000000-0000-4000-8000-000000000000/meeting', body: { heldAt: '2031-01-14T10:00:00+01:00', attendees: ['lead.both'] } }),
    refusal: 404,
    allowed: [],
  },
  'PUT /enrolments/{id}/guardians': {
    req: () => ({ path: `/enrolments/${f.c1}/guardians`, body: [{ name: 'Mor Fiktiv', relation: 'mor' }] }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj', 'tov.ishoj'], 422),
  },
  'POST /enrolments/{id}/praktik-generator': {
    req: () => ({ path: `/enrolments/${f.c1}/praktik-generator`, body: { canGetInternship: true } }),
    refusal: 404,
    allowed: each(['lead.both', 'lead.ishoj', 'tov.ishoj'], 422),
  },
  'POST /programmes/{id}/actors': {
    req: () => ({ path: `/programmes/${A.id}/actors`, body: { name: 'Karin Kontakt', organisation: 'UU', role: 'Vejleder', offers: [] } }),
    refusal: 403,
    refused: { admin: 404, 'lead.other': 404 },
    allowed: each(['lead.both', 'lead.ishoj'], 422),
  },
  'GET /programmes/{id}/actors': {
    req: () => ({ path: `/programmes/${A.id}/actors` }),
    refusal: 403,
    refused: { admin: 404, 'lead.other': 404 },
    allowed: each(CONVENERS_OF_A, 422),
  },
  'POST /programmes/{id}/reassignments': {
    req: () => ({ path: `/programmes/${A.id}/reassignments`, body: { from: 'spare.user', to: 'tov.ishoj' } }),
    refusal: 403,
    refused: { admin: 404, 'lead.other': 404 },
    allowed: each(['lead.both', 'lead.ishoj'], 200),
    check: (_actor, reply) => expect(reply.body).toEqual({ moved: 0 }),
  },
};

/** Per actor: how many calls on c1's data passed the access check and how many were refused (each must be audited). */
const tally = new Map<Actor, { allowed: number; denied: number }>();
function count(actor: Actor, path: string, outcome: 'allowed' | 'denied'): void {
  const c1Appointments = [f.p1, ...Object.values(f.attendanceOf)];
  if (!path.includes(`/enrolments/${f.c1}`) && !c1Appointments.some((id) => path.includes(`/appointments/${id}`))) return;
  const t = tally.get(actor) ?? { allowed: 0, denied: 0 };
  t[outcome]++;
  tally.set(actor, t);
}

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

  it('lets pass only actors holding one of the roles the route table declares', () => {
    for (const route of (routes as readonly RouteSpec[]).filter((r) => r.public !== true)) {
      for (const [actor] of rows[routeKey(route)]!.allowed) {
        expect(route.roles!.some((role) => ROLES_OF[actor].includes(role)), `${routeKey(route)} as ${actor}`).toBe(true);
      }
    }
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
        const call = await row.req(actor, false);
        const reply = await send(actor, route.method, call);
        count(actor, call.path, 'denied');
        const expected = row.refused?.[actor] ?? row.refusal;
        expect(reply.status, `${key} as ${actor}: ${JSON.stringify(reply.body).slice(0, 300)}`).toBe(expected);
        expect(reply.body.error.code).toBe(expected === 404 ? 'not-found' : 'forbidden');
      }
      expect(await state(), `${key}: a refusal changed something`).toEqual(before);
      // Every actor that may: the exact status, and the contract's body.
      for (const [actor, status] of row.allowed) {
        const call = await row.req(actor, true);
        const reply = await send(actor, route.method, call);
        count(actor, call.path, 'allowed');
        expect(reply.status, `${key} as ${actor}: ${JSON.stringify(reply.body).slice(0, 300)}`).toBe(status);
        if (status < 300) {
          shapeCheck(route, reply);
          await row.check?.(actor, reply);
        }
      }
    }
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 120_000);

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
    // Refusals are 404, but the owning provider's move (403) and the walk's calls without a token (401).
    const refusedAs = (e: (typeof entries)[number]) =>
      e.status === 404 || (e.actor === 'provider' && e.action === 'move-appointment' && e.status === 403) || (e.actor === 'unauthenticated' && e.status === 401);
    expect(entries.filter((e) => e.outcome === 'denied').every(refusedAs)).toBe(true);
    expect(has('unauthenticated', 'denied')).toBe(true);
    expect(has('lead.both', 'allowed', 'read-audit')).toBe(true);
    // Every refusal on c1's data in the walk is in the trail exactly once; every allowed call at least once.
    expect(tally.size).toBeGreaterThan(5);
    for (const [actor, t] of tally) {
      const mine = entries.filter((e) => e.actor === actor);
      expect(mine.filter((e) => e.outcome === 'denied').length, `${actor} denied`).toBe(t.denied);
      expect(mine.filter((e) => e.outcome === 'allowed').length, `${actor} allowed`).toBeGreaterThanOrEqual(t.allowed);
    }
    for (const actor of ACTORS.filter((a) => a !== 'lead.both' && a !== 'lead.ishoj')) {
      expect((await as(actor).get(`/enrolments/${f.c1}/audit`)).status, actor).toBe(404);
    }
  });

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

  it("lets a provider see only the intervention appointments they own, nothing else of the citizen", async () => {
    const followUp = await as('lead.both').post(`/enrolments/${f.c1}/appointments`, { kind: 'follow-up', startsAt: await inFuture(DAY), endsAt: await inFuture(DAY + 1_800_000), owner: 'tov.ishoj' });
    expect(followUp.status).toBe(201);
    const before = await state();
    expect((await as('provider').get(`/appointments/${followUp.body.id}`)).status).toBe(404);
    expect((await as('provider').post(`/appointments/${followUp.body.id}/attendance`, { status: 'cancelled' })).status).toBe(404);
    expect((await as('provider').get(`/appointments/${f.p1}`)).status).toBe(200);
    expect((await as('provider').get(`/enrolments/${f.c1}/plan/revisions`)).status).toBe(404);
    const mine = (await as('provider').get('/me/appointments')).body.items as { id: string; kind: string; owner: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.kind === 'intervention' && a.owner === 'provider')).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('Fiktiv');
    expect((await as('eva.evaluator').get('/me/appointments')).body.items).toEqual([]);
    expect((await as('eva.evaluator').get('/me/inbox')).body.items).toEqual([]);
    expect(await state()).toEqual(before);
  });

});

describe('users out of place', () => {
  it('refuses a lead enrolling outside their municipalities, changing nothing', async () => {
    const before = await state();
    const reply = await as('lead.ishoj').post(`/programmes/${A.id}/enrolments`, { cpr: fictionalCpr('84', 1), name: 'Vallensbæk Fiktiv', municipality: '0187' });
    expect(reply.status).toBe(403);
    const outside = await as('lead.both').post(`/programmes/${A.id}/enrolments`, { cpr: fictionalCpr('84', 1), name: 'Andet Sted', municipality: '0101' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details).toEqual([{ path: 'municipality', message: 'not a municipality of this programme' }]);
    expect(await state()).toEqual(before);
  });

  it('answers a deactivated user 401 with the token they still hold, and audits the attempt on the citizen', async () => {
    const token = await system.tokenFor('spare.user');
    expect((await system.request('GET', `/enrolments/${f.c2}`, { token })).status).toBe(200);
    expect((await as('admin').patch('/users/spare.user', { active: false })).status).toBe(200);
    const before = await state();
    expect((await system.request('GET', `/enrolments/${f.c2}`, { token })).status).toBe(401);
    expect((await system.request('POST', `/enrolments/${f.c2}/notes`, { token, body: { kind: 'note', text: 'x' } })).status).toBe(401);
    expect((await system.request('GET', '/me', { token })).status).toBe(401);
    expect((await system.request('POST', '/local/token', { body: { username: 'spare.user' } })).status).toBe(401);
    expect(await state()).toEqual(before);
    const trail = (await as('lead.both').get(`/enrolments/${f.c2}/audit`)).body.items as { actor: string; outcome: string; status?: number }[];
    expect(trail.filter((e) => e.actor === 'spare.user' && e.outcome === 'denied' && e.status === 401)).toHaveLength(2);
    expect(trail.some((e) => e.actor === 'spare.user' && e.outcome === 'allowed')).toBe(true);
  });
});

// ---- bad input ---------------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every node of a JSON value below the root, with its contract path (`interventions.0.goal`). */
function nodes(value: Json, path: string[] = []): [string[], Json][] {
  const children: [string, Json][] = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : value !== null && typeof value === 'object'
      ? Object.entries(value)
      : [];
  return children.flatMap(([k, v]) => [[[...path, k], v] as [string[], Json], ...nodes(v, [...path, k])]);
}

function replaced(value: Json, path: string[], next: Json): Json {
  if (path.length === 0) return next;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return value.map((v, i) => (String(i) === head ? replaced(v, rest, next) : v));
  const object = value as Record<string, Json>;
  return { ...object, [head]: replaced(object[head]!, rest, next) };
}

/** The zod node the contract has at `path`, wrappers (optional, default, pipe …) taken off. */
function schemaAt(schema: unknown, path: string[]): any {
  let node: any = schema;
  const unwrap = () => {
    for (;;) {
      const def = node?._zod?.def;
      if (!def) return;
      if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) node = def.innerType;
      else if (def.type === 'pipe') node = def.in;
      else return;
    }
  };
  unwrap();
  for (const key of path) {
    const def = node?._zod?.def;
    if (def?.type === 'object') node = def.shape[key];
    else if (def?.type === 'array') node = def.element;
    else return undefined;
    unwrap();
  }
  return node;
}

function wrongType(value: Json): Json {
  if (typeof value === 'string') return 12345;
  if (typeof value === 'number') return '12';
  if (typeof value === 'boolean') return 'yes';
  if (Array.isArray(value)) return 'not a list';
  if (value === null) return [1];
  return 'not an object';
}

const HUGE = 'x'.repeat(300_000);

function namesField(reply: Reply, path: string[], label: string): void {
  expect(reply.status, `${label}: ${JSON.stringify(reply.body).slice(0, 400)}`).toBe(400);
  expect(reply.body.error.code).toBe('invalid-input');
  const dotted = path.join('.');
  const paths = (reply.body.error.details as { path: string }[]).map((d) => d.path);
  expect(paths.some((p) => p === dotted || p.startsWith(`${dotted}.`)), `${label}: details ${JSON.stringify(paths)} name ${dotted}`).toBe(true);
}

describe('bad input', () => {
  it('answers every bad JSON body with 400 naming the field, never 500, and changes nothing', async () => {
    const started = Date.now();
    let requests = 0;
    const enumFields = new Set<string>();
    for (const route of (routes as readonly RouteSpec[]).filter((r) => r.body && r.bodyType !== 'csv')) {
      const key = routeKey(route);
      const row = rows[key]!;
      if (row.allowed.length === 0) continue; // no valid path to bend (GET /imports/{id}: nobody has one here)
      const actor = row.allowed[0]![0];
      const valid = await row.req(actor, true);
      const body = valid.body as Json;
      const post = async (label: string, call: Partial<Call>) => {
        requests++;
        const reply = await send(actor, route.method, { path: valid.path, ...call });
        expect(reply.status, `${key} ${label}`).not.toBe(500);
        return reply;
      };
      const before = await state();

      const notJson = await post('not JSON', { raw: '{"this is": not json', contentType: 'application/json' });
      namesField(notJson, ['(body)'], `${key} not JSON`);
      const nothing = await post('no body', {});
      expect(nothing.status, `${key} no body`).toBe(route.body!.safeParse(undefined).success ? 200 : 400);
      // A list body (guardians) refuses `{}` as a whole: there are no fields to name.
      if (!route.body!.safeParse({}).success && !(route.body instanceof z.ZodArray)) {
        const empty = await post('{}', { body: {} });
        expect(empty.status, `${key} {}`).toBe(400);
        expect(empty.body.error.details.length).toBeGreaterThan(0);
        expect(empty.body.error.details.every((d: { path: string }) => d.path !== '(body)'), `${key} {} names fields`).toBe(true);
      }
      if (!(route.body instanceof z.ZodArray)) namesField(await post('a list', { body: [body] }), ['(body)'], `${key} a list`);
      for (const [path, value] of nodes(body)) {
        const at = `${key} ${path.join('.')}`;
        namesField(await post('wrong type', { body: replaced(body, path, wrongType(value)) }), path, `${at} wrong type`);
        if (typeof value === 'string') {
          namesField(await post('huge', { body: replaced(body, path, HUGE) }), path, `${at} huge string`);
          if (schemaAt(route.body, path)?._zod?.def?.type === 'enum') {
            enumFields.add(`${key} ${path.join('.')}`);
            namesField(await post('unknown value', { body: replaced(body, path, 'no-such-value') }), path, `${at} unknown enum value`);
          }
        }
      }
      expect(await state(), `${key}: bad input changed something`).toEqual(before);
    }
    // The walk found the enumerations of the bodies (colour, kind, outcome, domain, area, status, conclusion …).
    expect(enumFields.size).toBeGreaterThanOrEqual(10);
    console.log(`bad input: ${requests} requests, ${enumFields.size} enum fields, in ${Date.now() - started} ms`);
  }, 120_000);
});

describe('bad input beyond JSON bodies', () => {
  it('refuses a CSV import that is no CSV with 400, and creates nothing', async () => {
    const path = `/programmes/${A.id}/enrolments/import`;
    const before = await state();
    for (const [label, raw] of [
      ['empty', ''],
      ['no header', 'hello world'],
      ['wrong header', 'name;cpr\nX;010180-1234\n'],
      ['binary', '\u0000\u0001\u0002\u00ff\u00fe'],
      ['JSON', JSON.stringify({ cpr: '010180-1234' })],
      ['huge line', `cpr;name;municipality${HUGE}\n`],
    ] as const) {
      const reply = await send('lead.both', 'POST', { path, raw, contentType: 'text/csv' });
      expect(reply.status, `${label}: ${JSON.stringify(reply.body).slice(0, 300)}`).toBe(400);
      expect(reply.body.error.details[0].path).toBe('(body)');
    }
    // Only bad lines: 200 with every line reported, nothing created.
    const lines = await send('lead.both', 'POST', { path, raw: `cpr;name;municipality\n320180-1234;Dato Forkert;0183\n010180-1234;;0183\n010180-1234;Uden Kommune;9999\n${'9'.repeat(5000)};${HUGE};0183\n`, contentType: 'text/csv' });
    expect(lines.status).toBe(200);
    expect(lines.body.created).toBe(0);
    expect(lines.body.rejected.map((r: { line: number }) => r.line)).toEqual([2, 3, 4, 5]);
    expect(await state()).toEqual(before);
  });

  it('answers a bad query with 400 naming the parameter', async () => {
    const before = await state();
    for (const [actor, path, param] of [
      ['lead.both', `/programmes/${A.id}/enrolments?colour=purple`, 'colour'],
      ['lead.both', `/programmes/${A.id}/enrolments?stage=nowhere`, 'stage'],
      ['lead.both', `/programmes/${A.id}/enrolments?municipality=183x`, 'municipality'],
      ['lead.both', `/programmes/${A.id}/enrolments?overdue=maybe`, 'overdue'],
      ['lead.both', `/programmes/${A.id}/enrolments?cpr=${'1'.repeat(5000)}`, 'cpr'],
      ['lead.both', `/programmes/${A.id}/enrolments?cursor=${encodeURIComponent('{"not":"a cursor"')}`, 'cursor'],
      ['lead.both', `/programmes/${A.id}/enrolments?cursor=${'%FF'.repeat(10)}`, 'cursor'],
      ['lead.both', `/programmes/${A.id}/team-meetings?from=tomorrow`, 'from'],
      ['lead.both', '/users?role=king', 'role'],
      ['lead.both', '/offers?domain=leisure', 'domain'],
      ['provider', '/me/appointments?from=2026-13-45T00:00:00Z', 'from'],
    ] as const) {
      const reply = await send(actor, 'GET', { path });
      expect(reply.status, `${path}: ${JSON.stringify(reply.body).slice(0, 300)}`).toBe(400);
      expect(reply.body.error.details.map((d: { path: string }) => d.path), path).toContain(param);
    }
    expect(await state()).toEqual(before);
  });

  it('answers unknown and malformed ids in paths with 404, never 500, and changes nothing', async () => {
    const MALFORMED = ['no-such-id-000000', 'x', '%25', '%E0%A4%A', 'a'.repeat(3000), 'ENROLMENT%23x', '...', '%00', '%C3%86%C3%98%C3%85', '%20'];
    const before = await state();
    let requests = 0;
    for (const route of (routes as readonly RouteSpec[]).filter((r) => r.path.includes('{'))) {
      const key = routeKey(route);
      const row = rows[key]!;
      if (row.allowed.length === 0) continue; // no valid path to bend (GET /imports/{id}: nobody has one here)
      const actor = row.allowed[0]![0];
      const valid = await row.req(actor, true);
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      // The segments of the valid path that hold the parameters.
      const template = route.path.split('/');
      const actual = valid.path.split('?')[0]!.split('/');
      for (const name of names) {
        for (const bad of MALFORMED) {
          // The query stays (a route may require one: a coordination list's month).
          const search = valid.path.includes('?') ? `?${valid.path.split('?')[1]}` : '';
          const path = template.map((segment, i) => (segment === `{${name}}` ? bad : actual[i])).join('/') + search;
          requests++;
          const reply = await send(actor, route.method, { ...valid, path });
          expect(reply.status, `${key} with ${name}=${bad.slice(0, 20)}: ${JSON.stringify(reply.body).slice(0, 300)}`).toBe(404);
          if (typeof reply.body === 'object') expect(reply.body.error.code).toBe('not-found');
        }
      }
    }
    expect(await state()).toEqual(before);
    console.log(`ids: ${requests} requests`);
  });
});

describe('bad values of the right type', () => {
  it('refuses them with 400, 409 or 422 and a message, never 500, and changes nothing', async () => {
    const c1 = `/enrolments/${f.c1}`;
    const future = await inFuture(DAY);
    const sooner = await inFuture(DAY - 3_600_000);
    const cases: [Actor, 'POST' | 'PUT' | 'PATCH', string, unknown, number][] = [
      ['lead.both', 'POST', `${c1}/outcome`, { outcome: 'job', date: '2026-02-30' }, 400],
      ['lead.both', 'POST', `${c1}/screening`, { colour: 'red', reason: 'Flyttet' }, 400],
      ['lead.both', 'POST', `${c1}/screening`, { colour: 'green', reason: '' }, 400],
      ['lead.both', 'POST', `${c1}/notes`, { kind: 'note', text: '   ' }, 400],
      ['lead.both', 'POST', `${c1}/notes`, { kind: 'note', text: 'Halvt tegn \ud800 her' }, 400],
      ['lead.both', 'PUT', `${c1}/plan`, { goal: 'x', citizenAgreed: true, interventions: [intervention({ goal: '\udc00' })] }, 400],
      ['lead.both', 'POST', `${c1}/instruments`, { instrument: 'PHQ-9', answers: [9, 0, 0, 0, 0, 0, 0, 0, 0], takenAt: sooner }, 400],
      ['lead.both', 'POST', `${c1}/instruments`, { instrument: 'GAD-7', answers: [1, 1], takenAt: sooner }, 400],
      ['lead.both', 'POST', `${c1}/instruments`, { instrument: 'WHO-5', answers: [1.5, 1, 1, 1, 1], takenAt: sooner }, 400],
      ['lead.both', 'POST', `${c1}/instruments`, { instrument: 'WHO-5', answers: [1, 1, 1, 1, 1], takenAt: future }, 400],
      ['lead.both', 'POST', `${c1}/appointments`, { kind: 'follow-up', startsAt: future, endsAt: sooner, owner: 'tov.ishoj' }, 400],
      ['lead.both', 'POST', `${c1}/appointments`, { kind: 'follow-up', startsAt: future, endsAt: await inFuture(2 * DAY), owner: 'no.such.user' }, 422],
      ['lead.both', 'POST', `${c1}/appointments`, { kind: 'intake', startsAt: future, endsAt: await inFuture(2 * DAY), owner: 'tov.ishoj' }, 422],
      ['lead.both', 'PATCH', `/appointments/${f.p1}`, { startsAt: future, endsAt: sooner }, 400],
      ['lead.both', 'POST', `${c1}/sanction-assessments`, { appointmentId: f.p1, reasonableCause: false, lackOfResources: false, financialHardship: false, conclusion: 'recommend-sanction', note: 'x' }, 422],
      ['lead.both', 'POST', `${c1}/sanction-assessments`, { appointmentId: 'no-such-appointment', reasonableCause: false, lackOfResources: false, financialHardship: false, conclusion: 'no-sanction', note: 'x' }, 400],
      ['lead.both', 'PUT', `${c1}/tovholders`, { primary: 'tov.vallensbaek' }, 400],
      ['lead.both', 'PUT', `${c1}/tovholders`, { primary: 'case.worker' }, 400],
      ['lead.both', 'PUT', `${c1}/plan`, { version: 0, goal: 'x', citizenAgreed: true, interventions: [] }, 400],
      ['lead.both', 'PUT', `${c1}/plan`, { version: 1.5, goal: 'x', citizenAgreed: true, interventions: [] }, 400],
      ['lead.both', 'PUT', `${c1}/plan`, { version: 1e400, goal: 'x', citizenAgreed: true, interventions: [] }, 400],
      ['lead.both', 'PUT', `${c1}/plan`, { version: 999, goal: 'x', citizenAgreed: true, interventions: [] }, 409],
      ['lead.both', 'PUT', `${c1}/plan`, { goal: 'x', citizenAgreed: true, interventions: [intervention({ startMonth: '2027-00' })] }, 400],
      ['lead.both', 'PUT', `${c1}/preparatory-form`, { version: 1, citizenParticipated: true, areas: [{ area: 'family' }, { area: 'family' }] }, 400],
      ['lead.both', 'PUT', `/team-meetings/${f.m2}/agenda`, { enrolmentIds: [f.c1, f.c1] }, 400],
      ['lead.both', 'PUT', `/team-meetings/${f.m2}/agenda`, { enrolmentIds: [f.c1] }, 422],
      ['lead.both', 'POST', `/programmes/${A.id}/team-meetings`, { startsAt: sooner, members: ['no.such.user'] }, 400],
      ['lead.both', 'POST', `/programmes/${A.id}/team-meetings`, { startsAt: future, members: ['provider'] }, 400],
      ['lead.both', 'POST', `/programmes/${A.id}/team-meetings`, { startsAt: future, members: [], theme: 'weather' }, 400],
      ['lead.both', 'POST', `/programmes/${A.id}/enrolments`, { cpr: '310280-1234', name: 'Ugyldig Dato', municipality: '0183' }, 400],
      ['lead.both', 'POST', `/programmes/${A.id}/enrolments`, { cpr: '010180-123', name: 'Kort', municipality: '0183' }, 400],
      ['admin', 'POST', '/users', { username: 'Stor Bogstav', name: 'x', email: 'x@example.org', roles: ['lead'] }, 400],
      ['admin', 'POST', '/users', { username: 'lead.both', name: 'x', email: 'x@example.org', roles: ['lead'] }, 409],
      ['admin', 'POST', '/users', { username: 'two.roles', name: 'x', email: 'x@example.org', roles: ['evaluator', 'lead'] }, 400],
      ['admin', 'POST', '/users', { username: 'no.roles', name: 'x', email: 'not an email', roles: [] }, 400],
      ['admin', 'PATCH', '/users/no.such.user', { active: false }, 404],
      ['admin', 'PATCH', '/users/eva.evaluator', { roles: ['evaluator', 'lead'] }, 400],
      ['admin', 'POST', '/programmes', { ...BRUG_FOR_ALLE, template: 'ibbu' }, 422],
      ['admin', 'POST', '/programmes', { ...BRUG_FOR_ALLE, settings: { citizensPerMeeting: -1, slotMinutes: 0 } }, 400],
      ['admin', 'POST', '/programmes', { ...BRUG_FOR_ALLE, municipalities: [] }, 400],
      ['admin', 'POST', '/offers', { name: 'x', provider: 'y', domain: 'health', targetGroup: 'z', capacity: 1.5 }, 400],
    ];
    const before = await state();
    for (const [actor, method, path, body, status] of cases) {
      const reply = await send(actor, method, { path, body });
      const label = `${method} ${path} ${JSON.stringify(body).slice(0, 120)}`;
      expect(reply.status, `${label}: ${JSON.stringify(reply.body).slice(0, 300)}`).toBe(status);
      expect(reply.body.error.message.length, label).toBeGreaterThan(5);
      if (status === 400) expect(reply.body.error.details.length, label).toBeGreaterThan(0);
    }
    // Text with a lone surrogate has no UTF-8 form: refused, naming the field.
    const lone = await send('lead.both', 'POST', { path: `${c1}/notes`, body: { kind: 'note', text: 'Halvt tegn \ud800 her' } });
    expect(lone.body.error.details).toEqual([{ path: 'text', message: 'not well-formed Unicode text' }]);
    // A body far over any limit.
    const big = await send('lead.both', 'POST', { path: `${c1}/notes`, raw: JSON.stringify({ kind: 'note', text: 'x'.repeat(6_000_000) }), contentType: 'application/json' });
    expect([400, 413], 'a 6 MB body').toContain(big.status);
    // Deeply nested JSON.
    const deep = await send('lead.both', 'POST', { path: `${c1}/notes`, raw: '{"kind":"note","text":' + '['.repeat(5000) + ']'.repeat(5000) + '}', contentType: 'application/json' });
    expect(deep.status, 'deeply nested body').toBe(400);
    expect(await state()).toEqual(before);
  });
});
