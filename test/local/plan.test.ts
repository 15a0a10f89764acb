import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';
import { addUser, awaitingPlan, enrolled, fictionalCpr, formDone, screened } from '../support/journeys.js';

/*
 * The preparatory form, the action plan and the offers catalogue through the contract: versions and
 * conflicts, field paths, roles (the care manager's health-only rule) and the journey moving on.
 */
let system: System;
let programme: { id: string };

beforeAll(async () => {
  system = await startSystem();
  ({ programme } = await givenProgrammeWithStaff(system));
  await addUser(system, 'case.worker', ['caseworker'], [programme.id]);
  await addUser(system, 'care.manager', ['care-manager'], [programme.id]);
});
afterAll(() => system?.stop());

const paths = (body: any) => body.error.details.map((d: { path: string }) => d.path).sort();

async function waitsAt(id: string): Promise<string[]> {
  await system.runtime.stepFunctions.settled();
  return (await system.snapshot()).items.filter((i) => i.includes(`"ENROLMENT#${id}"`) && i.includes('"WAIT#')).map((i) => /WAIT#([a-z-]+)/.exec(i)![1]!);
}

describe('preparatory form', () => {
  it('is filled in at the intake by a caseworker, proposes the units, and moves the journey to the team meeting', async () => {
    const id = await enrolled(system, programme.id, 'Ung Fiktiv', { cpr: fictionalCpr('05', 4) });
    await screened(system, id, 'orange');
    const reply = await system.as('case.worker').put(`/enrolments/${id}/preparatory-form`, {
      citizenParticipated: true,
      areas: [
        { area: 'family', problem: 'Svært ved at få hverdagen til at hænge sammen', priority: 2 },
        { area: 'substance-use', problem: 'Hash dagligt', priority: 1 },
        { area: 'education', wish: 'Vil gerne tage en uddannelse' },
      ],
    });
    expect(reply.status).toBe(200);
    expect(reply.body.stage).toBe('team-meeting');
    expect(reply.body.preparatoryForm).toMatchObject({ version: 1, citizenParticipated: true, by: 'case.worker' });
    // Born 2005: under 30 (youth/education in the core) and under 25 (UU); substance use is the first priority.
    expect(reply.body.preparatoryForm.proposedTeam).toEqual({
      core: ['employment', 'social', 'health', 'youth-education'],
      units: [
        { unit: 'social-centre', areas: ['substance-use'] },
        { unit: 'medical-consultant', areas: ['substance-use'] },
        { unit: 'family-centre', areas: ['family'] },
        { unit: 'uu', areas: ['education'] },
      ],
    });
    expect(await waitsAt(id)).toContain('team-meeting');
    const journey = (await system.as('tov.ishoj').get(`/enrolments/${id}`)).body;
    expect(journey.stage).toBe('team-meeting');
    expect(journey.preparatoryForm.version).toBe(1);
    expect(journey.plan).toBeNull();
    expect(journey.timeline.map((e: { kind: string }) => e.kind)).toContain('preparatory-form');
  });

  it('keeps every revision; a second create or a stale version is 409 and overwrites nothing', async () => {
    const id = await enrolled(system, programme.id, 'Ældre Fiktiv', { cpr: fictionalCpr('70', 1) });
    await screened(system, id, 'orange');
    const first = await system.as('tov.ishoj').put(`/enrolments/${id}/preparatory-form`, { citizenParticipated: false, areas: [{ area: 'housing', problem: 'Hjemløs' }] });
    expect(first.body.preparatoryForm.proposedTeam.core).toEqual(['employment', 'social', 'health']);
    const second = await system.as('tov.ishoj').put(`/enrolments/${id}/preparatory-form`, { version: 1, citizenParticipated: true, areas: [{ area: 'housing', problem: 'Hjemløs' }, { area: 'mental-health', problem: 'Angst' }] });
    expect(second.status).toBe(200);
    expect(second.body.preparatoryForm.version).toBe(2);
    expect(second.body.stage).toBe('team-meeting');

    const before = await system.journeyData();
    const again = await system.as('tov.ishoj').put(`/enrolments/${id}/preparatory-form`, { citizenParticipated: true, areas: [] });
    expect(again.status).toBe(409);
    const stale = await system.as('tov.ishoj').put(`/enrolments/${id}/preparatory-form`, { version: 1, citizenParticipated: true, areas: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect(await system.journeyData()).toEqual(before);

    const revisions = (await system.as('tov.ishoj').get(`/enrolments/${id}/preparatory-form/revisions`)).body.items;
    expect(revisions.map((r: any) => [r.version, r.areas.length, r.citizenParticipated])).toEqual([[1, 1, false], [2, 2, true]]);
  });

  it('answers bad input with 400 naming each path, and refuses the wrong roles, scope and step', async () => {
    const id = await enrolled(system, programme.id, 'Form Fiktiv');
    const before = await system.journeyData();
    expect((await system.as('tov.ishoj').put(`/enrolments/${id}/preparatory-form`, { citizenParticipated: true, areas: [] })).status).toBe(409); // still at screening
    await screened(system, id, 'orange');
    const snapshot = await system.journeyData();
    const bad = await system.as('tov.ishoj').put(`/enrolments/${id}/preparatory-form`, { areas: [{ area: 'weather' }, { area: 'family', priority: 0 }] });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['areas.0.area', 'areas.1.priority', 'citizenParticipated']);
    const twice = await system.as('tov.ishoj').put(`/enrolments/${id}/preparatory-form`, { citizenParticipated: true, areas: [{ area: 'family' }, { area: 'housing' }, { area: 'family' }] });
    expect(twice.body.error.details).toEqual([{ path: 'areas.2.area', message: 'this area is already on the form' }]);
    expect((await system.as('care.manager').put(`/enrolments/${id}/preparatory-form`, { citizenParticipated: true, areas: [] })).status).toBe(404);
    expect((await system.as('tov.vallensbaek').put(`/enrolments/${id}/preparatory-form`, { citizenParticipated: true, areas: [] })).status).toBe(404);
    expect((await system.as('eva.evaluator').put(`/enrolments/${id}/preparatory-form`, { citizenParticipated: true, areas: [] })).status).toBe(404);
    expect(await system.journeyData()).toEqual(snapshot);
    expect(before).not.toEqual(snapshot);
  });
});

describe('offers catalogue', () => {
  it('lets an admin add offers, any staff role read them by domain, and nobody else add', async () => {
    const offer = { name: 'Rusmiddelbehandling', provider: 'Rusmiddelcenter Ishøj', domain: 'health', targetGroup: 'Borgere med misbrug', capacity: 12 };
    const created = await system.as('admin').post('/offers', offer);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...offer, description: null });
    await system.as('admin').post('/offers', { name: 'Virksomhedspraktik', provider: 'Jobcenter', domain: 'employment', targetGroup: 'Matchgruppe 3' });
    expect((await system.as('tov.ishoj').post('/offers', offer)).status).toBe(403);
    const bad = await system.as('admin').post('/offers', { name: '', domain: 'leisure', capacity: -1 });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['capacity', 'domain', 'name', 'provider', 'targetGroup']);
    const health = (await system.as('care.manager').get('/offers?domain=health')).body.items;
    expect(health.map((o: any) => o.name)).toEqual(['Rusmiddelbehandling']);
    expect((await system.as('case.worker').get('/offers')).body.items).toHaveLength(2);
    expect((await system.as('eva.evaluator').get('/offers')).status).toBe(403);
    expect((await system.as('tov.ishoj').get('/offers?domain=leisure')).status).toBe(400);
  });
});

describe('action plan', () => {
  const intervention = (over: object = {}) => ({
    domain: 'employment',
    title: 'Virksomhedspraktik',
    responsible: 'Jobcentret, virksomhedskonsulent',
    startMonth: '2027-01',
    endMonth: '2027-04',
    mode: 'individual',
    goalKind: 'outcome',
    goal: '10 timer om ugen',
    ...over,
  });

  it('the first plan moves the journey to follow-up; interventions may overlap, ids are assigned and kept', async () => {
    const offer = (await system.as('admin').post('/offers', { name: 'Angstgruppe', provider: 'Psykiatrien', domain: 'health', targetGroup: 'Angst' })).body;
    const id = await awaitingPlan(system, programme.id, 'Plan Fiktiv');
    expect(await waitsAt(id)).toContain('plan');
    const created = await system.as('tov.ishoj').put(`/enrolments/${id}/plan`, {
      goal: 'Tættere på arbejdsmarkedet',
      citizenAgreed: true,
      interventions: [
        intervention(),
        intervention({ domain: 'health', title: 'Angstgruppe', offerId: offer.id, mode: 'group', goalKind: 'motivation', goal: 'Lyst til at deltage', startMonth: '2027-02', endMonth: undefined }),
      ],
    });
    expect(created.status).toBe(200);
    expect(created.body.stage).toBe('follow-up');
    const plan = created.body.plan;
    expect(plan).toMatchObject({ version: 1, citizenAgreed: true, by: 'tov.ishoj' });
    expect(plan.interventions[1]).toMatchObject({ offerId: offer.id, endMonth: null, mode: 'group', goalKind: 'motivation' });
    const [work, health] = plan.interventions.map((i: { id: string }) => i.id);
    expect(work).not.toEqual(health);
    expect(await waitsAt(id)).toContain('follow-up');

    const revised = await system.as('lead.both').put(`/enrolments/${id}/plan`, {
      version: 1,
      goal: 'Tættere på arbejdsmarkedet',
      citizenAgreed: true,
      interventions: [{ ...intervention({ title: 'Praktik i butik' }), id: work }, intervention({ domain: 'social', title: 'Bostøtte', goal: 'Egen bolig' })],
    });
    expect(revised.status).toBe(200);
    expect(revised.body.stage).toBe('follow-up');
    expect(revised.body.plan.version).toBe(2);
    expect(revised.body.plan.interventions[0]).toMatchObject({ id: work, title: 'Praktik i butik' });
    const revisions = (await system.as('tov.ishoj').get(`/enrolments/${id}/plan/revisions`)).body.items;
    expect(revisions.map((r: any) => r.interventions.map((i: any) => i.title))).toEqual([
      ['Virksomhedspraktik', 'Angstgruppe'],
      ['Praktik i butik', 'Bostøtte'],
    ]);
    const journey = (await system.as('tov.ishoj').get(`/enrolments/${id}`)).body;
    expect(journey.plan.version).toBe(2);
    expect(journey.stage).toBe('follow-up');
  });

  it('refuses a second create and a stale version with 409, overwriting nothing', async () => {
    const id = await awaitingPlan(system, programme.id, 'Konflikt Fiktiv');
    const body = { goal: 'Job', citizenAgreed: true, interventions: [intervention()] };
    expect((await system.as('tov.ishoj').put(`/enrolments/${id}/plan`, body)).status).toBe(200);
    expect((await system.as('tov.ishoj').put(`/enrolments/${id}/plan`, { ...body, version: 1, goal: 'Uddannelse' })).status).toBe(200);
    const before = await system.journeyData();
    const second = await system.as('tov.ishoj').put(`/enrolments/${id}/plan`, body);
    expect(second.status).toBe(409);
    const stale = await system.as('lead.both').put(`/enrolments/${id}/plan`, { ...body, version: 1, goal: 'Noget helt andet' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('stale');
    expect(await system.journeyData()).toEqual(before);
    expect((await system.as('tov.ishoj').get(`/enrolments/${id}`)).body.plan).toMatchObject({ version: 2, goal: 'Uddannelse' });
  });

  it('answers every missing goal, owner or time and every bad month or offer with 400 naming the path', async () => {
    const id = await awaitingPlan(system, programme.id, 'Sti Fiktiv');
    const before = await system.journeyData();
    const missing = await system.as('tov.ishoj').put(`/enrolments/${id}/plan`, {
      goal: 'Job',
      citizenAgreed: true,
      interventions: [intervention({ goal: undefined }), intervention({ responsible: undefined, startMonth: undefined }), intervention({ startMonth: '2027-05', endMonth: '2027-03' }), intervention({ startMonth: '2027-13' })],
    });
    expect(missing.status).toBe(400);
    expect(paths(missing.body)).toEqual(['interventions.0.goal', 'interventions.1.responsible', 'interventions.1.startMonth', 'interventions.2.endMonth', 'interventions.3.startMonth']);
    const offer = await system.as('tov.ishoj').put(`/enrolments/${id}/plan`, { goal: 'Job', citizenAgreed: true, interventions: [intervention(), intervention({ offerId: 'no-such-offer' })] });
    expect(offer.status).toBe(400);
    expect(offer.body.error.details).toEqual([{ path: 'interventions.1.offerId', message: 'no such offer in the catalogue' }]);
    const unknownId = await system.as('tov.ishoj').put(`/enrolments/${id}/plan`, { goal: 'Job', citizenAgreed: true, interventions: [{ ...intervention(), id: 'made-up-id' }] });
    expect(unknownId.status).toBe(400);
    expect(paths(unknownId.body)).toEqual(['interventions.0.id']);
    expect((await system.as('tov.ishoj').put(`/enrolments/${id}/plan`, { citizenAgreed: 'yes', interventions: {} })).status).toBe(400);
    expect(await system.journeyData()).toEqual(before);
  });

  it('refuses a plan before the team meeting (409), and the wrong roles or scope (404)', async () => {
    const id = await enrolled(system, programme.id, 'Tidlig Fiktiv');
    await screened(system, id, 'orange');
    await formDone(system, id);
    const body = { goal: 'Job', citizenAgreed: true, interventions: [intervention()] };
    const before = await system.journeyData();
    const early = await system.as('tov.ishoj').put(`/enrolments/${id}/plan`, body);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('step-out-of-order');
    expect((await system.as('case.worker').put(`/enrolments/${id}/plan`, body)).status).toBe(404);
    expect((await system.as('tov.vallensbaek').put(`/enrolments/${id}/plan`, body)).status).toBe(404);
    expect((await system.as('lead.other').put(`/enrolments/${id}/plan`, body)).status).toBe(404);
    expect(await system.journeyData()).toEqual(before);
  });

  it('lets a care manager change only the health interventions (403 for anything else, nothing changed)', async () => {
    const id = await awaitingPlan(system, programme.id, 'Sundhed Fiktiv');
    const base = { goal: 'Job', citizenAgreed: true };
    expect((await system.as('care.manager').put(`/enrolments/${id}/plan`, { ...base, interventions: [intervention({ domain: 'health' })] })).status).toBe(403);
    const v1 = (await system.as('tov.ishoj').put(`/enrolments/${id}/plan`, { ...base, interventions: [intervention(), intervention({ domain: 'health', title: 'Samtaler hos psykolog' })] })).body.plan;
    const [work, health] = v1.interventions as any[];
    const keep = (i: any) => ({ ...i, offerId: i.offerId ?? undefined, endMonth: i.endMonth ?? undefined });

    const before = await system.journeyData();
    const refused = [
      { ...base, version: 1, interventions: [{ ...keep(work), title: 'Anden praktik' }, keep(health)] },
      { ...base, version: 1, interventions: [keep(work), keep(health), intervention({ domain: 'social' })] },
      { ...base, version: 1, interventions: [keep(health)] },
      { ...base, version: 1, goal: 'Uddannelse', interventions: [keep(work), keep(health)] },
      { ...base, version: 1, interventions: [keep(work), { ...keep(health), domain: 'employment' }] },
    ];
    for (const body of refused) {
      const reply = await system.as('care.manager').put(`/enrolments/${id}/plan`, body);
      expect(reply.status, JSON.stringify(body)).toBe(403);
      expect(reply.body.error.code).toBe('forbidden');
    }
    expect(await system.journeyData()).toEqual(before);

    const allowed = await system.as('care.manager').put(`/enrolments/${id}/plan`, {
      ...base,
      version: 1,
      interventions: [keep(work), { ...keep(health), endMonth: '2027-06' }, intervention({ domain: 'health', title: 'Motion', mode: 'group' })],
    });
    expect(allowed.status).toBe(200);
    expect(allowed.body.plan.interventions.map((i: any) => [i.domain, i.title])).toEqual([
      ['employment', 'Virksomhedspraktik'],
      ['health', 'Samtaler hos psykolog'],
      ['health', 'Motion'],
    ]);
    const removeHealth = await system.as('care.manager').put(`/enrolments/${id}/plan`, { ...base, version: 2, interventions: [keep(work)] });
    expect(removeHealth.status).toBe(200);
  });
});
