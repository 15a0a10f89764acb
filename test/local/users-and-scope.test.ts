import { randomUUID } from 'node:crypto';
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoDbLocalClient } from '../../local/dynamodb-local.js';
import { BRUG_FOR_ALLE, givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';
import { addUser, awaitingPlan, clockNow, enrolled, formDone, screened } from '../support/journeys.js';

/*
 * Who manages users (and where), whom GET /users shows, and the scope and audit holes of issue 12: one system.
 * User changes are audited in the audit table under `pk USER#{username}` (read here from the table itself).
 */

let system: System;
let A: { id: string };
/** A programme wholly in Ishøj (0183), for the Ishøj admin. */
let ishojOnly: { id: string };
let citizen = '';

const as = (username: string) => system.as(username);

interface Entry {
  actor: string;
  action: string;
  outcome: string;
  status?: number;
  changes?: Record<string, unknown>;
}

/** The audit table's entries under one partition, newest first. */
async function auditTable(pk: string): Promise<Entry[]> {
  const client = dynamoDbLocalClient(system.runtime.dynamoEndpoint);
  const out = await client.send(new QueryCommand({ TableName: auditTableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } }, ScanIndexForward: false }));
  client.destroy();
  return (out.Items ?? []).map((item) => ({
    actor: item.actor!.S!,
    action: item.action!.S!,
    outcome: item.outcome!.S!,
    status: item.status?.N ? Number(item.status.N) : undefined,
    changes: item.changes?.M ? Object.fromEntries(Object.keys(item.changes.M).map((k) => [k, true])) : undefined,
  }));
}

const auditTableName = () => system.runtime.model.tables().find((t) => t.TableName!.startsWith('DataAudit'))!.TableName!;

async function trailOf(enrolmentId: string): Promise<Entry[]> {
  const reply = await as('lead.both').get(`/enrolments/${enrolmentId}/audit`);
  expect(reply.status).toBe(200);
  return reply.body.items;
}

beforeAll(async () => {
  system = await startSystem();
  const given = await givenProgrammeWithStaff(system);
  A = given.programme;
  await addUser(system, 'admin.ishoj', ['admin'], [], ['0183']);
  await addUser(system, 'team.member', ['team-member'], [A.id]);
  await addUser(system, 'case.gone', ['caseworker'], [A.id]);
  ishojOnly = (await as('admin.ishoj').post('/programmes', { ...BRUG_FOR_ALLE, name: 'Kun Ishøj', municipalities: ['0183'] })).body;
  citizen = await enrolled(system, A.id, 'Scope Fiktiv');
}, 120_000);
afterAll(() => system?.stop());

describe('users: who changes whom', () => {
  it('lets nobody change their own roles, municipalities or programmes (403), changing nothing', async () => {
    const before = await system.journeyData();
    expect((await as('admin').patch('/users/admin', { roles: ['lead'] })).status).toBe(403);
    expect((await as('admin').patch('/users/admin', { municipalities: ['0183'] })).status).toBe(403);
    expect((await as('admin.ishoj').patch('/users/admin.ishoj', { programmes: [A.id] })).status).toBe(403);
    expect((await as('admin.ishoj').patch('/users/admin.ishoj', { municipalities: ['0183', '0187'] })).status).toBe(403);
    expect((await as('lead.both').patch('/users/lead.both', { roles: ['lead', 'admin'] })).status).toBe(403);
    expect(await system.journeyData()).toEqual(before);
    expect((await as('admin').get('/me')).body).toMatchObject({ roles: ['admin'], municipalities: [] });
    expect((await auditTable('USER#admin')).filter((e) => e.outcome === 'denied' && e.status === 403)).toHaveLength(2);
  });

  it('gives a user an organisation: a municipality unless told a region; a new role of the other templates is a role too', async () => {
    const region = await as('admin').post('/users', { username: 'cm.region', name: 'Region CM', email: 'cm@example.org', roles: ['care-manager'], organisation: 'region', municipalities: ['0183'] });
    expect(region.status).toBe(201);
    expect(region.body.organisation).toBe('region');
    const broker = await as('admin').post('/users', { username: 'job.broker', name: 'Job Broker', email: 'jb@example.org', roles: ['job-broker'], municipalities: ['0183'] });
    expect(broker.body).toMatchObject({ organisation: 'municipality', roles: ['job-broker'] });
    expect((await as('admin').post('/users', { username: 'bad.org', name: 'x', email: 'x@example.org', roles: ['lead'], organisation: 'state' })).status).toBe(400);
    expect((await as('admin').patch('/users/admin', { organisation: 'region' })).status).toBe(403);
    expect((await as('admin').post('/users', { username: 'admin.mentor', name: 'x', email: 'x@example.org', roles: ['admin', 'mentor'] })).status).toBe(422);
  });

  it('never combines admin with a role that reads citizens (422 rule-violated)', async () => {
    const before = await system.journeyData();
    const created = await as('admin').post('/users', { username: 'admin.lead', name: 'x', email: 'x@example.org', roles: ['admin', 'lead'] });
    expect(created.status).toBe(422);
    expect(created.body.error.code).toBe('rule-violated');
    expect((await as('admin').patch('/users/admin.ishoj', { roles: ['admin', 'tovholder'] })).status).toBe(422);
    expect((await as('admin').patch('/users/tov.ishoj', { roles: ['tovholder', 'admin'] })).status).toBe(422);
    expect((await as('admin').patch('/users/team.member', { roles: ['admin', 'provider'] })).status).toBe(422);
    expect(await system.journeyData()).toEqual(before);
  });

  it('audits every change of a user, under that user', async () => {
    expect((await as('admin').patch('/users/tov.ishoj', { programmes: [A.id, ishojOnly.id] })).status).toBe(200);
    const trail = await auditTable('USER#tov.ishoj');
    expect(trail[0]).toMatchObject({ actor: 'admin', action: 'change-user', outcome: 'allowed', changes: { programmes: true } });
    expect(trail.some((e) => e.action === 'create-user' && e.actor === 'admin' && e.outcome === 'allowed')).toBe(true);
    expect(trail.some((e) => e.outcome === 'denied' && e.status === 422)).toBe(true);
  });

  it('limits an admin of some municipalities to their users and programmes', async () => {
    const ishoj = as('admin.ishoj');
    const before = await system.journeyData();
    expect((await ishoj.patch('/users/tov.vallensbaek', { active: false })).status).toBe(404);
    expect((await ishoj.patch('/users/lead.both', { active: false })).status).toBe(404); // also serves Vallensbæk
    expect((await ishoj.patch('/users/tov.ishoj', { municipalities: ['0183', '0187'] })).status).toBe(403);
    expect((await ishoj.patch('/users/tov.ishoj', { programmes: [A.id] })).status).toBe(403); // A is also in Vallensbæk
    const user = (username: string, municipalities: string[], programmes: string[]) => ({ username, name: username, email: `${username}@example.org`, roles: ['caseworker'], municipalities, programmes });
    expect((await ishoj.post('/users', user('case.v', ['0187'], []))).status).toBe(403);
    expect((await ishoj.post('/users', user('case.a', ['0183'], [A.id]))).status).toBe(403);
    expect((await ishoj.post('/programmes', { ...BRUG_FOR_ALLE, name: 'Begge' })).status).toBe(403);
    expect((await ishoj.get(`/programmes/${A.id}`)).status).toBe(404);
    expect(await system.journeyData()).toEqual(before);
    expect((await ishoj.post('/users', user('case.ishoj', ['0183'], [ishojOnly.id]))).status).toBe(201);
    expect((await ishoj.patch('/users/case.ishoj', { active: false })).status).toBe(200);
    expect((await ishoj.get('/programmes')).body.items.map((p: { id: string }) => p.id)).toEqual([ishojOnly.id]);
    const listed = (await ishoj.get('/users')).body.items.map((u: { username: string }) => u.username);
    expect(listed).toEqual(expect.arrayContaining(['case.ishoj', 'tov.ishoj', 'lead.ishoj', 'admin.ishoj']));
    expect(listed).not.toContain('tov.vallensbaek');
    expect(listed).not.toContain('admin');
    // The national admin still manages everyone.
    expect((await as('admin').patch('/users/case.ishoj', { active: true })).status).toBe(200);
  });
});

describe('GET /users', () => {
  it("shows a user only the active staff of their own programmes and municipalities, with what a picker needs", async () => {
    const names = async (username: string) => (await as(username).get('/users')).body.items.map((u: { username: string }) => u.username);
    const other = await names('lead.other');
    expect(other).toContain('lead.other');
    expect(other).not.toContain('lead.both');
    expect(other).not.toContain('tov.ishoj');
    const vallensbaek = await names('tov.vallensbaek');
    expect(vallensbaek).toEqual(expect.arrayContaining(['lead.both', 'tov.vallensbaek', 'team.member']));
    for (const hidden of ['tov.ishoj', 'lead.ishoj', 'lead.other', 'admin', 'eva.evaluator']) expect(vallensbaek).not.toContain(hidden);
    const items = (await as('tov.ishoj').get('/users')).body.items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThan(2);
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['active', 'name', 'organisation', 'roles', 'username']);
    expect((await as('admin').get('/users')).body.items.length).toBeGreaterThan(items.length);
  });
});

describe('scope holes', () => {
  it("answers another programme's user named as tovholder as an unknown user", async () => {
    const unknown = await as('lead.both').put(`/enrolments/${citizen}/tovholders`, { primary: 'nobody.here' });
    const elsewhere = await as('lead.both').put(`/enrolments/${citizen}/tovholders`, { primary: 'lead.other' });
    expect(unknown.status).toBe(400);
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toEqual(unknown.body);
  });

  it("refuses an interventionId that is not an intervention of the citizen's current plan (422)", async () => {
    const id = await awaitingPlan(system, A.id, 'Plan Fiktiv');
    const plan = await as('lead.both').put(`/enrolments/${id}/plan`, {
      goal: 'Job',
      citizenAgreed: true,
      interventions: [{ domain: 'employment', title: 'Praktik', responsible: 'Jobcentret', startMonth: '2027-01', mode: 'individual', goalKind: 'outcome', goal: '10 timer' }],
    });
    expect(plan.status).toBe(200);
    const start = (await clockNow(system)).getTime() + 86_400_000;
    const booking = (interventionId: string) => ({ kind: 'intervention', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString(), owner: 'lead.both', interventionId });
    const before = await system.journeyData();
    const wrong = await as('lead.both').post(`/enrolments/${id}/appointments`, booking(randomUUID()));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toContain('intervention-not-in-plan');
    expect(await system.journeyData()).toEqual(before);
    expect((await as('lead.both').post(`/enrolments/${id}/appointments`, booking(plan.body.plan.interventions[0].id))).status).toBe(201);
  });
});

describe('audit gaps', () => {
  it("shows an overview page's read in each listed citizen's audit", async () => {
    const second = await enrolled(system, A.id, 'Oversigt Fiktiv');
    const page = await as('tov.ishoj').get(`/programmes/${A.id}/enrolments`);
    const ids = page.body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([citizen, second]));
    for (const id of [citizen, second]) {
      expect((await trailOf(id)).some((e) => e.actor === 'tov.ishoj' && e.action === 'overview' && e.outcome === 'allowed'), id).toBe(true);
    }
  });

  it("names a deactivated user in the audit of their refused requests", async () => {
    const token = await system.tokenFor('case.gone');
    expect((await as('admin').patch('/users/case.gone', { active: false })).status).toBe(200);
    expect((await system.request('GET', `/enrolments/${citizen}`, { token })).status).toBe(401);
    const trail = await trailOf(citizen);
    expect(trail.some((e) => e.actor === 'case.gone' && e.outcome === 'denied' && e.status === 401)).toBe(true);
  });

  it('audits a 401 without a valid token on every route that names a citizen', async () => {
    const start = (await clockNow(system)).getTime() + 86_400_000;
    const booked = await as('lead.both').post(`/enrolments/${citizen}/appointments`, { kind: 'follow-up', startsAt: new Date(start).toISOString(), endsAt: new Date(start + 1_800_000).toISOString(), owner: 'tov.ishoj' });
    expect(booked.status).toBe(201);
    const calls: [string, string, string | undefined][] = [
      ['GET', `/enrolments/${citizen}`, undefined],
      ['POST', `/enrolments/${citizen}/notes`, 'not-a-token'],
      ['GET', `/appointments/${booked.body.id}`, undefined],
      ['POST', `/team-meetings/${randomUUID()}/items/${citizen}`, undefined],
    ];
    for (const [method, path, token] of calls) expect((await system.request(method, path, { token, body: method === 'POST' ? {} : undefined })).status, path).toBe(401);
    const refused = (await trailOf(citizen)).filter((e) => e.actor === 'unauthenticated' && e.status === 401).map((e) => e.action);
    expect(refused.sort()).toEqual(['GET /appointments/{id}', 'GET /enrolments/{id}', 'POST /enrolments/{id}/notes', 'POST /team-meetings/{id}/items/{enrolmentId}']);
  });

  it('reads a citizen audit past one page of the query (1 MB)', async () => {
    // Thirty entries of 40 kB each (a long action text stands for many entries): 1.2 MB in one partition.
    const client = dynamoDbLocalClient(system.runtime.dynamoEndpoint);
    const at = (await clockNow(system)).toISOString();
    for (let i = 0; i < 30; i++) {
      await client.send(
        new PutItemCommand({
          TableName: auditTableName(),
          Item: { pk: { S: `ENROLMENT#${citizen}` }, sk: { S: `${at}#${randomUUID()}` }, at: { S: at }, actor: { S: 'bulk' }, action: { S: 'x'.repeat(40_000) }, outcome: { S: 'allowed' }, enrolmentIds: { L: [{ S: citizen }] } },
        }),
      );
    }
    client.destroy();
    const trail = await trailOf(citizen);
    expect(trail.filter((e) => e.actor === 'bulk')).toHaveLength(30);
    expect(trail.some((e) => e.action === 'GET /enrolments/{id}' && e.status === 401)).toBe(true);
  });
});

describe('team member', () => {
  it("reads an agenda's journey until the meeting's day ends, then no longer (404)", async () => {
    const id = await enrolled(system, A.id, 'Team Fiktiv');
    await screened(system, id, 'orange');
    await formDone(system, id);
    const startsAt = new Date((await clockNow(system)).getTime() + 60_000).toISOString();
    const meeting = await as('lead.both').post(`/programmes/${A.id}/team-meetings`, { startsAt, members: ['lead.both', 'team.member'] });
    expect(meeting.status).toBe(201);
    expect((await as('lead.both').put(`/team-meetings/${meeting.body.id}/agenda`, { enrolmentIds: [id] })).status).toBe(200);
    await system.advance('PT1M');
    expect((await as('team.member').get(`/enrolments/${id}`)).status).toBe(200);
    // The next Copenhagen midnight after the meeting, less and more a minute.
    const dayEnds = nextCopenhagenMidnight(new Date(startsAt));
    await system.request('POST', '/local/clock', { body: { now: new Date(dayEnds - 60_000).toISOString() } });
    expect((await as('team.member').get(`/enrolments/${id}`)).status).toBe(200);
    await system.request('POST', '/local/clock', { body: { now: new Date(dayEnds + 60_000).toISOString() } });
    expect((await as('team.member').get(`/enrolments/${id}`)).status).toBe(404);
    expect((await as('lead.both').get(`/enrolments/${id}`)).status).toBe(200);
  }, 60_000);
});

/** The first instant after `t` at which the Copenhagen calendar date changes (minute steps: midnight is on the minute). */
function nextCopenhagenMidnight(t: Date): number {
  const date = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(new Date(ms));
  const day = date(t.getTime());
  let ms = Math.ceil(t.getTime() / 60_000) * 60_000;
  while (date(ms) === day) ms += 60_000;
  return ms;
}
