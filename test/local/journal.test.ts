import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';
import { addUser, enrolled, fictionalCpr, screened } from '../support/journeys.js';

/** Tovholders, the journal, outcomes, the audit trail, a tovholder leaving, and the overview's deadlines. */
let system: System;
let programme: { id: string };
let other: { id: string };

beforeAll(async () => {
  system = await startSystem();
  ({ programme, other } = await givenProgrammeWithStaff(system));
  await addUser(system, 'case.ishoj', ['caseworker'], [programme.id], ['0183']);
}, 60_000);
afterAll(() => system?.stop());

const lead = () => system.as('lead.both');

describe('tovholders', () => {
  it('a lead assigns a primary and a secondary tovholder; the journey shows them with the event', async () => {
    const id = await enrolled(system, programme.id, 'Tove Test');
    const reply = await lead().put(`/enrolments/${id}/tovholders`, { primary: 'tov.ishoj', secondary: 'lead.ishoj' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      primaryTovholder: { username: 'tov.ishoj', name: 'tov.ishoj' },
      secondaryTovholder: { username: 'lead.ishoj', name: 'lead.ishoj' },
      stage: 'screening',
    });
    const journey = (await lead().get(`/enrolments/${id}`)).body;
    expect(journey.primaryTovholder.username).toBe('tov.ishoj');
    expect(journey.timeline.map((e: { kind: string }) => e.kind)).toContain('tovholders-assigned');
  });

  it('refuses, changing nothing, someone who is not staff of that municipality, the same person twice, or a non-lead', async () => {
    const id = await enrolled(system, programme.id, 'Ulla Test');
    const before = await system.journeyData();
    const wrongMunicipality = await lead().put(`/enrolments/${id}/tovholders`, { primary: 'tov.vallensbaek' });
    expect(wrongMunicipality.status).toBe(400);
    expect(wrongMunicipality.body.error.details).toEqual([{ path: 'primary', message: "not assigned to this citizen's programme and municipality" }]);
    const notATovholder = await lead().put(`/enrolments/${id}/tovholders`, { primary: 'case.ishoj' });
    expect(notATovholder.body.error.details[0].path).toBe('primary');
    const unknown = await lead().put(`/enrolments/${id}/tovholders`, { primary: 'tov.ishoj', secondary: 'nobody.here' });
    expect(unknown.body.error.details).toEqual([{ path: 'secondary', message: 'no active user by that name' }]);
    const twice = await lead().put(`/enrolments/${id}/tovholders`, { primary: 'tov.ishoj', secondary: 'tov.ishoj' });
    expect(twice.status).toBe(400);
    expect((await system.as('tov.ishoj').put(`/enrolments/${id}/tovholders`, { primary: 'tov.ishoj' })).status).toBe(404);
    expect((await system.as('lead.other').put(`/enrolments/${id}/tovholders`, { primary: 'tov.ishoj' })).status).toBe(404);
    expect(await system.journeyData()).toEqual(before);
  });
});

describe('the journal', () => {
  it('keeps notes and contact attempts; unreached attempts count towards "could not be contacted"', async () => {
    const id = await enrolled(system, programme.id, 'Karen Kontakt');
    const note = await system.as('case.ishoj').post(`/enrolments/${id}/notes`, { kind: 'note', text: 'Ringede til borgeren.' });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ kind: 'note', text: 'Ringede til borgeren.', channel: null, reached: null, by: 'case.ishoj', stage: 'screening' });
    for (const reached of [false, false, true]) {
      const attempt = await system.as('case.ishoj').post(`/enrolments/${id}/notes`, { kind: 'contact-attempt', text: 'Forsøg', channel: 'phone', reached });
      expect(attempt.status).toBe(201);
    }
    const journey = (await lead().get(`/enrolments/${id}`)).body;
    expect(journey.notes).toHaveLength(4);
    expect(journey.contacts).toMatchObject({ attempts: 3, unreached: 2 });
    expect(journey.contacts.lastReachedAt).not.toBeNull();
  });

  it('a contact attempt says how and whether the citizen was reached; an empty note is refused', async () => {
    const id = await enrolled(system, programme.id, 'Lars Ligeglad');
    const before = await system.journeyData();
    const noChannel = await lead().post(`/enrolments/${id}/notes`, { kind: 'contact-attempt', text: 'Forsøg' });
    expect(noChannel.status).toBe(400);
    expect(noChannel.body.error.details[0].path).toBe('reached');
    const empty = await lead().post(`/enrolments/${id}/notes`, { kind: 'note', text: '   ' });
    expect(empty.body.error.details[0].path).toBe('text');
    expect((await system.as('tov.vallensbaek').post(`/enrolments/${id}/notes`, { kind: 'note', text: 'x' })).status).toBe(404);
    expect(await system.journeyData()).toEqual(before);
  });
});

describe('outcome', () => {
  it('a job moves the journey to aftercare; an outcome in aftercare closes it; a closed journey takes none', async () => {
    const id = await enrolled(system, programme.id, 'Jonas Job');
    await screened(system, id, 'orange');
    const job = await lead().post(`/enrolments/${id}/outcome`, { outcome: 'job', date: '2026-11-20', note: 'Fastansat' });
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ outcome: 'job', date: '2026-11-20', note: 'Fastansat', stage: 'aftercare' });
    const ended = await lead().post(`/enrolments/${id}/outcome`, { outcome: 'exited', date: '2027-02-01' });
    expect(ended.body.stage).toBe('closed');
    const before = await system.journeyData();
    const again = await lead().post(`/enrolments/${id}/outcome`, { outcome: 'job', date: '2027-03-01' });
    expect(again.status).toBe(422);
    expect(again.body.error.message).toMatch(/^journey-closed/);
    expect(await system.journeyData()).toEqual(before);
    const journey = (await lead().get(`/enrolments/${id}`)).body;
    expect(journey.outcome).toMatchObject({ outcome: 'exited' });
  });

  it('still passive closes at once; an unscreened citizen gets no outcome; bad dates are refused', async () => {
    const passive = await enrolled(system, programme.id, 'Palle Passiv');
    await screened(system, passive, 'green');
    expect((await lead().post(`/enrolments/${passive}/outcome`, { outcome: 'still-passive', date: '2026-11-20' })).body.stage).toBe('closed');
    const unscreened = await enrolled(system, programme.id, 'Ulrik Uscreenet');
    const before = await system.journeyData();
    const early = await lead().post(`/enrolments/${unscreened}/outcome`, { outcome: 'job', date: '2026-11-20' });
    expect(early.status).toBe(422);
    expect(early.body.error.message).toMatch(/^screening-first/);
    const badDate = await lead().post(`/enrolments/${unscreened}/outcome`, { outcome: 'job', date: '2026-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details[0].path).toBe('date');
    expect((await system.as('case.ishoj').post(`/enrolments/${unscreened}/outcome`, { outcome: 'job', date: '2026-11-20' })).status).toBe(404);
    expect(await system.journeyData()).toEqual(before);
  });
});

describe('the audit trail', () => {
  it('shows reads, changes and refusals of one journey to a lead, newest first, and to nobody else', async () => {
    const id = await enrolled(system, programme.id, 'Asta Audit');
    await system.as('tov.ishoj').get(`/enrolments/${id}`);
    await system.as('tov.vallensbaek').get(`/enrolments/${id}`);
    await system.as('lead.other').get(`/enrolments/${id}`);
    const trail = await lead().get(`/enrolments/${id}/audit`);
    expect(trail.status).toBe(200);
    const lines = trail.body.items.map((e: { actor: string; action: string; outcome: string }) => `${e.actor} ${e.action} ${e.outcome}`);
    // Reading the audit is itself a read of the journey, audited first.
    expect(lines.slice(0, 5)).toEqual([
      'lead.both read-audit allowed',
      'lead.other read-journey denied',
      'tov.vallensbaek read-journey denied',
      'tov.ishoj read-journey allowed',
      'lead.both enrol allowed',
    ]);
    expect((await system.as('tov.ishoj').get(`/enrolments/${id}/audit`)).status).toBe(404);
    expect((await system.as('lead.other').get(`/enrolments/${id}/audit`)).status).toBe(404);
    const after = (await lead().get(`/enrolments/${id}/audit`)).body.items;
    expect(after.slice(0, 3).map((e: { actor: string; outcome: string }) => `${e.actor} ${e.outcome}`)).toEqual([
      'lead.both allowed',
      'lead.other denied',
      'tov.ishoj denied',
    ]);
  });
});

describe('a tovholder leaving', () => {
  it('flags their open journeys needs-tovholder, tells the leads once, and a new assignment clears it', async () => {
    await addUser(system, 'tov.leaving', ['tovholder'], [programme.id], ['0183']);
    const id = await enrolled(system, programme.id, 'Vera Venter');
    const closed = await enrolled(system, programme.id, 'Carl Closed');
    for (const j of [id, closed]) expect((await lead().put(`/enrolments/${j}/tovholders`, { primary: 'tov.leaving' })).status).toBe(200);
    await screened(system, closed, 'red');

    expect((await system.as('admin').patch('/users/tov.leaving', { active: false })).status).toBe(200);
    const journey = (await lead().get(`/enrolments/${id}`)).body;
    expect(journey.needsTovholder).toBe(true);
    expect((await lead().get(`/enrolments/${closed}`)).body.needsTovholder).toBe(false);
    const inbox = (await system.as('lead.ishoj').get('/me/inbox')).body.items.filter((n: { enrolmentId: string }) => n.enrolmentId === id);
    expect(inbox.map((n: { kind: string }) => n.kind)).toEqual(['needs-tovholder']);
    const overdue = (await lead().get(`/programmes/${programme.id}/enrolments?overdue=true`)).body.items;
    expect(overdue.find((i: { id: string }) => i.id === id)?.overdue.map((o: { kind: string }) => o.kind)).toEqual(['needs-tovholder']);

    // Deactivating again (or the same change twice) tells nobody twice.
    await system.as('admin').patch('/users/tov.leaving', { active: false });
    expect((await system.as('lead.ishoj').get('/me/inbox')).body.items.filter((n: { enrolmentId: string }) => n.enrolmentId === id)).toHaveLength(1);

    expect((await lead().put(`/enrolments/${id}/tovholders`, { primary: 'tov.ishoj' })).status).toBe(200);
    expect((await lead().get(`/enrolments/${id}`)).body.needsTovholder).toBe(false);
  });
});

describe('the overview', () => {
  it('shows each citizen\'s next deadline, and what is overdue once the clock passes it; overdue=true keeps only those', async () => {
    const { id: fresh } = (await system.as('admin').post('/programmes', { name: 'Frist', template: 'brug-for-alle', municipalities: ['0183'] })).body;
    await system.as('admin').patch('/users/lead.ishoj', { programmes: [programme.id, fresh] });
    const ishoj = system.as('lead.ishoj');
    const enrol = async (name: string) => (await ishoj.post(`/programmes/${fresh}/enrolments`, { cpr: fictionalCpr('85', 2), name, municipality: '0183' })).body.id as string;
    const waiting = await enrol('Willy Venter');
    const listed = (await ishoj.get(`/programmes/${fresh}/enrolments`)).body.items;
    expect(listed[0].nextDeadline).not.toBeNull();
    expect(listed[0].overdue).toEqual([]);
    expect((await ishoj.get(`/programmes/${fresh}/enrolments?overdue=true`)).body.items).toEqual([]);

    await system.advance('P20D'); // past ten working days
    const screenedLate = await enrol('Sofie Senere');
    const overdue = (await ishoj.get(`/programmes/${fresh}/enrolments?overdue=true`)).body.items;
    expect(overdue.map((i: { id: string }) => i.id)).toEqual([waiting]);
    expect(overdue[0].overdue).toEqual([{ kind: 'screening-overdue', dueAt: listed[0].nextDeadline }]);
    // Screening moves the journey on; the new step has its own deadline, not overdue.
    expect((await ishoj.post(`/enrolments/${waiting}/screening`, { colour: 'orange', reason: 'Social' })).status).toBe(200);
    expect((await ishoj.get(`/programmes/${fresh}/enrolments?overdue=true`)).body.items).toEqual([]);
    const all = (await ishoj.get(`/programmes/${fresh}/enrolments`)).body.items;
    expect(all.map((i: { id: string }) => i.id).sort()).toEqual([waiting, screenedLate].sort());
  });

  it('finds one citizen by full CPR, with or without the dash, never another programme\'s', async () => {
    const cpr = fictionalCpr('91', 3);
    const id = await enrolled(system, programme.id, 'Cecilie Cpr', { cpr });
    const withDash = `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
    for (const q of [cpr, withDash]) {
      const found = (await lead().get(`/programmes/${programme.id}/enrolments?cpr=${q}`)).body.items;
      expect(found.map((i: { id: string }) => i.id)).toEqual([id]);
    }
    expect((await system.as('lead.other').get(`/programmes/${other.id}/enrolments?cpr=${cpr}`)).body.items).toEqual([]);
  });
});
