import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/contract/routes.js';
import { givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';

/*
 * The first slice of the journey, end to end through the contract: real HTTP to the local server, the
 * same Lambda handlers, DynamoDB Local, and the journey state machine from the synthesized template.
 */
let system: System;
let programme: { id: string };
let other: { id: string };

beforeAll(async () => {
  system = await startSystem();
  ({ programme, other } = await givenProgrammeWithStaff(system));
});
afterAll(() => system?.stop());

const enrol = (who: string, body: object, programmeId = programme.id) => system.as(who).post(`/programmes/${programmeId}/enrolments`, body);

describe('public routes', () => {
  it('answers /health and describes every route of the contract in /openapi.json', async () => {
    expect((await system.request('GET', '/health')).body).toEqual({ status: 'ok', ready: true });
    const doc = (await system.request('GET', '/openapi.json')).body;
    for (const route of routes) expect(doc.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path}`).toBeDefined();
    expect(doc.paths['/enrolments/{id}/screening'].post.requestBody.content['application/json'].schema.properties.colour.enum).toEqual(['green', 'orange', 'red', 'blue']);
  });

  it('refuses every other route without a token', async () => {
    expect((await system.request('GET', '/me')).status).toBe(401);
    expect((await system.request('GET', '/me', { token: 'not.a.token' })).status).toBe(401);
  });
});

describe('users and tokens', () => {
  it('gives a token only to an active user, and /me tells who it is', async () => {
    expect((await system.request('POST', '/local/token', { body: { username: 'nobody' } })).status).toBe(401);
    const me = await system.as('lead.both').get('/me');
    expect(me.body).toEqual({ username: 'lead.both', name: 'lead.both', roles: ['lead'], organisation: 'municipality', municipalities: ['0183', '0187'], programmes: [programme.id] });
  });

  it('lets only an admin create users, and validates them with field paths', async () => {
    expect((await system.as('lead.both').post('/users', { username: 'x.y', name: 'X', email: 'x@example.org', roles: ['lead'] })).status).toBe(403);
    const bad = await system.as('admin').post('/users', { username: 'Bad Name', email: 'nope', roles: ['wizard'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-input');
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'name', 'roles.0', 'username']);
    expect((await system.as('admin').post('/users', { username: 'e.x', name: 'E', email: 'e@example.org', roles: ['evaluator', 'lead'] })).status).toBe(400);
  });

  it('a deactivated user can no longer get or use a token', async () => {
    await system.as('admin').post('/users', { username: 'temp.user', name: 'Temp', email: 't@example.org', roles: ['caseworker'], municipalities: ['0183'], programmes: [programme.id] });
    const token = await system.tokenFor('temp.user');
    expect((await system.request('GET', '/me', { token })).status).toBe(200);
    expect((await system.as('admin').patch('/users/temp.user', { active: false })).body.active).toBe(false);
    expect((await system.request('GET', '/me', { token })).status).toBe(401);
    expect((await system.request('POST', '/local/token', { body: { username: 'temp.user' } })).status).toBe(401);
  });
});

describe('programmes', () => {
  it('fills in the template defaults and refuses templates not built yet', async () => {
    const created = await system.as('admin').post('/programmes', { name: 'P', template: 'brug-for-alle', municipalities: ['0183'], settings: { citizensPerMeeting: 4 } });
    expect(created.status).toBe(201);
    expect(created.body.settings).toMatchObject({ screeningDeadlineWorkingDays: 10, reminderIntervalWorkingDays: 3, remindersBeforeEscalation: 3, citizensPerMeeting: 4, attendanceGraceHours: 24 });
    const ibbu = await system.as('admin').post('/programmes', { name: 'I', template: 'ibbu', municipalities: ['0787'] });
    expect(ibbu.status).toBe(422);
    expect(ibbu.body.error.code).toBe('template-not-available');
  });

  it('pins the template version (the latest when omitted) and checks settings against its ranges', async () => {
    const created = await system.as('admin').post('/programmes', { name: 'V', template: 'brug-for-alle', municipalities: ['0183'] });
    expect(created.body).toMatchObject({ template: 'brug-for-alle', templateVersion: 1 });
    expect((await system.as('admin').get(`/programmes/${created.body.id}`)).body).toMatchObject({ templateVersion: 1, settings: { screeningDeadlineWorkingDays: 10 } });
    const outside = await system.as('admin').post('/programmes', { name: 'X', template: 'brug-for-alle', templateVersion: 1, municipalities: ['0183'], settings: { screeningDeadlineWorkingDays: 61 } });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details[0].path).toBe('settings.screeningDeadlineWorkingDays');
    expect((await system.as('admin').post('/programmes', { name: 'Y', template: 'brug-for-alle', templateVersion: 9, municipalities: ['0183'] })).status).toBe(400);
  });

  it('lists the templates to every signed-in role: tracks, stages, groups and settings', async () => {
    const reply = await system.as('lead.both').get('/templates');
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((t: { id: string }) => t.id)).toEqual(['brug-for-alle', 'ibbu', 'job-til-uddannelse', 'youth-coordination']);
    expect(reply.body.items[0]).toMatchObject({ version: 1, groups: ['green', 'orange', 'red', 'blue', 'unscreened'], settings: { slotMinutes: { default: 30, min: 10, max: 120 } } });
    expect(reply.body.items[1].tracks.map((t: { id: string }) => t.id)).toEqual(['education-employment', 'treatment', 'coordination']);
  });

  it('shows a user only the programmes they are assigned to', async () => {
    const mine = (await system.as('lead.both').get('/programmes')).body.items.map((p: { id: string }) => p.id);
    expect(mine).toEqual([programme.id]);
    expect((await system.as('lead.both').get(`/programmes/${other.id}`)).status).toBe(404);
  });
});

describe('enrolment', () => {
  it('enrols a citizen, masks the CPR and starts the journey execution under a deterministic name', async () => {
    const reply = await enrol('lead.both', { cpr: '0101901234', name: 'Alma Fiktiv', municipality: '0183' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ stage: 'screening', colour: null, citizen: { name: 'Alma Fiktiv', cprMasked: '010190-XXXX', birthDate: '1990-01-01', municipality: '0183' } });
    expect(JSON.stringify(reply.body)).not.toContain('0101901234');
    await system.runtime.stepFunctions.settled();
    const execution = system.runtime.stepFunctions.listExecutions().find((e) => e.name === `journey-${reply.body.id}`);
    expect(execution?.status).toBe('RUNNING');
  });

  it('refuses the same CPR twice in a programme, with or without the dash, and changes nothing', async () => {
    await enrol('lead.both', { cpr: '020290-2345', name: 'Bo Fiktiv', municipality: '0187' });
    const before = await system.journeyData();
    const again = await enrol('lead.both', { cpr: '0202902345', name: 'Bo Igen', municipality: '0183' });
    expect(again.status).toBe(409);
    expect(await system.journeyData()).toEqual(before);
  });

  it('answers bad input with 400 and field paths, writes nothing and starts no execution', async () => {
    const before = await system.journeyData();
    const cases = [
      [{ cpr: '3102901234', name: 'X', municipality: '0183' }, ['cpr']],
      [{ cpr: '0101901234', municipality: '183' }, ['municipality', 'name']],
      [{ cpr: '0101901234', name: 'X', municipality: '0101' }, ['municipality']],
      [{ cpr: '0101901234', name: 'X', municipality: '0183', email: 'no' }, ['email']],
    ] as const;
    for (const [body, paths] of cases) {
      const reply = await enrol('lead.both', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(paths);
    }
    const echoed = await enrol('lead.both', { cpr: '0101901234X', name: { first: 'Quintus' }, municipality: 'Ølstykke' });
    expect(echoed.status).toBe(400);
    for (const given of ['0101901234X', 'Quintus', 'Ølstykke']) expect(JSON.stringify(echoed.body)).not.toContain(given);
    const badCursor = await system.as('lead.both').get(`/programmes/${programme.id}/enrolments?cursor=bm90LWEtY3Vyc29y`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.details).toEqual([{ path: 'cursor', message: 'not a cursor of this overview' }]);
    expect((await system.as('eva.evaluator').get('/users')).status).toBe(403);
    const notJson = await system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, undefined, { raw: '{"cpr":', contentType: 'application/json' });
    expect(notJson.status).toBe(400);
    expect(await system.journeyData()).toEqual(before);
  });

  it('leaves no half-made journey when its workflow cannot be started', async () => {
    const before = await system.journeyData();
    const live = process.env.JOURNEY_STATE_MACHINE_ARN!;
    // The handlers run in this process: point them at a state machine that does not exist.
    process.env.JOURNEY_STATE_MACHINE_ARN = `${live.replace(/:live$/, '')}-missing`;
    try {
      const reply = await enrol('lead.both', { cpr: '1111901234', name: 'Kaj Fiktiv', municipality: '0183' });
      expect(reply.status).toBe(500);
      expect(reply.body.error.code).toBe('internal-error');
    } finally {
      process.env.JOURNEY_STATE_MACHINE_ARN = live;
    }
    expect(await system.journeyData()).toEqual(before);
    expect((await enrol('lead.both', { cpr: '1111901234', name: 'Kaj Fiktiv', municipality: '0183' })).status).toBe(201);
  });

  it('lets only a lead enrol, only in their own municipalities', async () => {
    expect((await enrol('tov.ishoj', { cpr: '0303901234', name: 'C', municipality: '0183' })).status).toBe(403);
    expect((await enrol('lead.ishoj', { cpr: '0303901234', name: 'C', municipality: '0187' })).status).toBe(403);
    expect((await enrol('lead.other', { cpr: '0303901234', name: 'C', municipality: '0183' })).status).toBe(404);
  });
});

describe('scope and audit', () => {
  it('shows a journey only within the user’s municipalities; others get 404, and both are audited', async () => {
    const id = (await enrol('lead.both', { cpr: '0404901234', name: 'Dorte Fiktiv', municipality: '0187' })).body.id;
    expect((await system.as('tov.vallensbaek').get(`/enrolments/${id}`)).status).toBe(200);
    expect((await system.as('tov.ishoj').get(`/enrolments/${id}`)).status).toBe(404);
    expect((await system.as('lead.other').get(`/enrolments/${id}`)).status).toBe(404);
    expect((await system.as('eva.evaluator').get(`/enrolments/${id}`)).status).toBe(404);
    expect((await system.as('tov.ishoj').get('/enrolments/does-not-exist')).status).toBe(404);
    const audit = (await system.snapshot()).items.filter((i) => i.includes(`ENROLMENT#${id}`) && i.startsWith('DataAudit'));
    const entries = audit.map((i) => JSON.parse(i.slice(i.indexOf(':') + 1)));
    const summary = entries.map((e) => `${e.actor.S}:${e.outcome.S}`).sort();
    expect(summary).toEqual(['eva.evaluator:denied', 'lead.both:allowed', 'lead.other:denied', 'tov.ishoj:denied', 'tov.vallensbaek:allowed']);
  });

  it('the overview lists only the user’s municipalities, counts colours and finds one citizen by CPR', async () => {
    const list = (await system.as('tov.ishoj').get(`/programmes/${programme.id}/enrolments`)).body;
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i: { municipality: string }) => i.municipality === '0183')).toBe(true);
    expect(list.counts.unscreened).toBe(list.items.filter((i: { colour: string | null }) => i.colour === null).length);
    const found = (await system.as('lead.both').get(`/programmes/${programme.id}/enrolments?cpr=040490-1234`)).body;
    expect(found.items.map((i: { name: string }) => i.name)).toEqual(['Dorte Fiktiv']);
    const hidden = (await system.as('tov.ishoj').get(`/programmes/${programme.id}/enrolments?cpr=0404901234`)).body;
    expect(hidden.items).toEqual([]);
  });
});

describe('screening', () => {
  it('needs an exit reason for red; nothing changes on a refusal', async () => {
    const id = (await enrol('lead.both', { cpr: '0505901234', name: 'Erik Fiktiv', municipality: '0183' })).body.id;
    const before = await system.journeyData();
    const reply = await system.as('tov.ishoj').post(`/enrolments/${id}/screening`, { colour: 'red', reason: 'Flyttet' });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details).toEqual([{ path: 'exitReason', message: 'a red screening needs an exit reason' }]);
    expect((await system.as('tov.ishoj').post(`/enrolments/${id}/screening`, { colour: 'purple', reason: 'x' })).status).toBe(400);
    expect(await system.journeyData()).toEqual(before);
  });

  it('moves an orange citizen to intake, keeps the first screening as baseline, and the journey follows', async () => {
    const id = (await enrol('lead.both', { cpr: '0606901234', name: 'Frida Fiktiv', municipality: '0183' })).body.id;
    await system.runtime.stepFunctions.settled();
    const screened = await system.as('tov.ishoj').post(`/enrolments/${id}/screening`, { colour: 'orange', reason: 'Kendt i socialforvaltningen' });
    expect(screened.status).toBe(200);
    expect(screened.body.stage).toBe('intake');
    await system.as('tov.ishoj').post(`/enrolments/${id}/screening`, { colour: 'green', reason: 'Ny vurdering' });
    const journey = (await system.as('tov.ishoj').get(`/enrolments/${id}`)).body;
    expect(journey).toMatchObject({ colour: 'green', stage: 'intake', baseline: { colour: 'orange' }, screening: { colour: 'green' } });
    expect(journey.timeline.map((e: { kind: string }) => e.kind)).toEqual(['enrolled', 'screened', 'colour-changed']);
    await system.runtime.stepFunctions.settled();
    const wait = (await system.snapshot()).items.find((i) => i.includes(`ENROLMENT#${id}`) && i.includes('WAIT#intake'));
    expect(wait).toBeDefined();
  });

  /** A new journey waiting at screening: its id, when that visit began, and the journey task handler to call by hand. */
  async function waitingAtScreening(cpr: string, name: string) {
    const id = (await enrol('lead.both', { cpr, name, municipality: '0183' })).body.id;
    await system.runtime.stepFunctions.settled();
    const { getJourney } = await import('../../functions/store/journeys.js');
    const { handler } = await import('../../functions/workflow/journey-tasks.js');
    return { id, enteredAt: (await getJourney(id))!.stageEnteredAt, handler };
  }

  it('a step that starts waiting on a visit already left signals itself; a later visit waits', async () => {
    const { id, enteredAt: screeningEnteredAt, handler } = await waitingAtScreening('0808901234', 'Hanne Fiktiv');
    await system.as('tov.ishoj').post(`/enrolments/${id}/screening`, { colour: 'orange', reason: 'Kendt i jobcentret' });
    await system.runtime.stepFunctions.settled();
    const waitItem = async (step: string) => JSON.parse((await system.snapshot()).items.find((i) => i.includes(`"ENROLMENT#${id}"`) && i.includes(`"WAIT#${step}"`))!.split(/:(.*)/s)[1]!);
    expect(await waitItem('screening')).toMatchObject({ leftEnteredAt: { S: screeningEnteredAt } });
    // A late await of the screening visit that was just left: the task signals its own token at once.
    const late = handler({ action: 'await-step', step: 'screening', enrolmentId: id, enteredAt: screeningEnteredAt, taskToken: 'late-token' });
    await expect(late).rejects.toMatchObject({ name: 'InvalidToken' });
    expect((await waitItem('screening')).taskToken).toBeUndefined();
    // A later visit of the same step waits as usual.
    await expect(handler({ action: 'await-step', step: 'screening', enrolmentId: id, enteredAt: '2099-01-01T00:00:00.000Z', taskToken: 'later-token' })).resolves.toEqual({});
    expect(await waitItem('screening')).toMatchObject({ taskToken: { S: 'later-token' } });
  });

  it('starts a new journey waiting at screening from the position its enrolment gave, without reading it first', async () => {
    const { id } = await waitingAtScreening('0404911234', 'Frida Fiktiv');
    const execution = system.runtime.stepFunctions.listExecutions().find((e) => e.name === `journey-${id}`)!;
    expect(execution.input).toMatchObject({ enrolmentId: id, generation: 0, journey: { stage: 'screening', continueAsNew: false, timer: { seconds: expect.any(Number) } } });
    // RouteByStage, then AwaitScreening: one invocation, the one that stores the token.
    expect(execution).toMatchObject({ invocations: 1, transitions: 2 });
  });

  it('a step given a position read over a minute ago reads the journey again before it waits (a resumed execution)', async () => {
    const { id, enteredAt, handler } = await waitingAtScreening('0303911234', 'Erik Fiktiv');
    const at = system.runtime.clock.nowMs();
    const stale = handler({ action: 'await-step', step: 'screening', enrolmentId: id, enteredAt, readAt: new Date(at - 61_000).toISOString(), taskToken: 'stale-token' });
    await expect(stale).rejects.toMatchObject({ name: 'InvalidToken' });
    await expect(handler({ action: 'await-step', step: 'screening', enrolmentId: id, enteredAt, readAt: new Date(at - 59_000).toISOString(), taskToken: 'fresh-token' })).resolves.toEqual({});
  });

  it('closes the journey on red, and its execution ends', async () => {
    const id = (await enrol('lead.both', { cpr: '0707901234', name: 'Gert Fiktiv', municipality: '0183' })).body.id;
    await system.runtime.stepFunctions.settled();
    const reply = await system.as('lead.both').post(`/enrolments/${id}/screening`, { colour: 'red', reason: 'Flyttet til Norge', exitReason: 'emigrated' });
    expect(reply.body.stage).toBe('closed');
    await system.runtime.stepFunctions.settled();
    expect(system.runtime.stepFunctions.listExecutions().find((e) => e.name === `journey-${id}`)?.status).toBe('SUCCEEDED');
    expect((await system.as('lead.both').post(`/enrolments/${id}/screening`, { colour: 'green', reason: 'x' })).status).toBe(422);
  });
});

