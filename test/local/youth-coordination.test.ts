import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system.js';

/*
 * Brøndby's coordination group (seed 003) on the real system: three monthly lists, repeaters, misplaced
 * entries erased, could-not-be-contacted, the Praktik-generator after a month, the sanction rule, 409/replace,
 * ages, scope, the contact clock and a reassignment. CPR numbers are fictional (7th digit 4: born 2000–2036).
 */
let system: System;
let programme: { id: string };
let offerId: string;

const people = {
  anna: { cpr: '0105144001', name: 'Anna Fiktiv' },
  bo: { cpr: '0206144002', name: 'Bo Fiktiv' },
  carl: { cpr: '0307154003', name: 'Carl Fiktiv' },
  dorte: { cpr: '0408144004', name: 'Dorte Fejlplaceret' },
  emil: { cpr: '0509134005', name: 'Emil Fiktiv' },
};
const csv = (rows: string[]) => ['cpr;name;municipality', ...rows].join('\n');
const row = (p: { cpr: string; name: string }) => `${p.cpr};${p.name};153`;

const lead = () => system.as('lead.brondby');
const member = () => system.as('uu.anne');
const upload = (month: string, body: string, replace = false) =>
  lead().post(`/programmes/${programme.id}/coordination-lists?month=${month}${replace ? '&replace=true' : ''}`, undefined, { raw: body, contentType: 'text/csv' });
const entryOf = (list: { entries: { entryId: string; name: string | null }[] }, name: string) => list.entries.find((e) => e.name === name)!;
const keep = (listId: string, entryId: string, responsible = 'uu.anne') => lead().patch(`/coordination-lists/${listId}/entries/${entryId}`, { status: 'kept', responsible });
const inbox = async (username: string) => (await system.as(username).get('/me/inbox')).body.items as { kind: string; enrolmentId: string }[];

beforeAll(async () => {
  system = await startSystem();
  // Monday 6 January 2031, 09:00 in Copenhagen.
  expect((await system.request('POST', '/local/clock', { body: { now: '2031-01-06T09:00:00+01:00' } })).status).toBe(200);
  const admin = system.as('admin');
  offerId = (await admin.post('/offers', { name: 'Praktik-generatoren', provider: 'Jobcenter Brøndby', domain: 'employment', targetGroup: '15–17-årige i restgruppen' })).body.id;
  programme = (await admin.post('/programmes', { name: 'Ungekoordinering Brøndby', template: 'youth-coordination', municipalities: ['0153'], settings: { praktikGeneratorOfferId: offerId } })).body;
  expect(programme.id).toBeDefined();
  const other = (await admin.post('/programmes', { name: 'Andet ungeprogram', template: 'youth-coordination', municipalities: ['0153'] })).body;
  for (const user of [
    { username: 'lead.brondby', roles: ['lead'], programmes: [programme.id] },
    { username: 'uu.anne', roles: ['coordination-member'], programmes: [programme.id] },
    { username: 'uu.bent', roles: ['coordination-member'], programmes: [programme.id] },
    { username: 'uu.other', roles: ['coordination-member'], programmes: [other.id] },
  ]) {
    const reply = await admin.post('/users', { ...user, name: user.username, email: `${user.username}@example.org`, municipalities: ['0153'] });
    expect(reply.status).toBe(201);
  }
});
afterAll(() => system?.stop());

describe('youth coordination', () => {
  let jan: any;
  let feb: any;
  const ids: Record<string, string> = {};

  it("takes January's list: entries proposed, ages outside 15–17 rejected at their line, a second list for the month 409 unless replace=true", async () => {
    const body = csv([row(people.anna), row(people.bo), row(people.carl), row(people.dorte), '0101184006;For Ung;153', '0102124007;For Gammel;153']);
    const first = await upload('2031-01', body);
    expect(first.status).toBe(201);
    expect(first.body.entries.map((e: any) => [e.name, e.status, e.repeater])).toEqual([
      ['Anna Fiktiv', 'proposed', false],
      ['Bo Fiktiv', 'proposed', false],
      ['Carl Fiktiv', 'proposed', false],
      ['Dorte Fejlplaceret', 'proposed', false],
    ]);
    expect(first.body.rejected.map((r: any) => r.line)).toEqual([6, 7]);
    expect(first.body.rejected[0].reason).toContain('13');
    expect(first.body.rejected[1].reason).toContain('18');
    expect(JSON.stringify(first.body.rejected)).not.toContain('0101174006');
    expect((await upload('2031-01', body)).status).toBe(409);
    const replaced = await upload('2031-01', body, true);
    expect(replaced.status).toBe(201);
    expect(replaced.body.id).not.toBe(first.body.id);
    expect((await lead().get(`/coordination-lists/${first.body.id}`)).status).toBe(404);
    jan = replaced.body;
  });

  it('keeps entries with a responsible (enrolled at first contact) and erases the misplaced one', async () => {
    for (const p of [people.anna, people.bo, people.carl]) {
      const kept = await keep(jan.id, entryOf(jan, p.name).entryId);
      expect(kept.status).toBe(200);
      expect(kept.body).toMatchObject({ status: 'kept', stage: 'contact', responsible: { username: 'uu.anne' } });
      ids[p.name] = kept.body.enrolmentId;
    }
    const dorte = entryOf(jan, people.dorte.name);
    expect((await lead().patch(`/coordination-lists/${jan.id}/entries/${dorte.entryId}`, { status: 'kept' })).status).toBe(400);
    const misplaced = await lead().patch(`/coordination-lists/${jan.id}/entries/${dorte.entryId}`, { status: 'misplaced' });
    expect(misplaced.body).toMatchObject({ status: 'misplaced', name: null, cprMasked: null, enrolmentId: null });
    const data = await system.snapshot();
    expect(data.items.some((i) => i.includes('Dorte Fejlplaceret'))).toBe(false);
    const list = (await lead().get(`/coordination-lists/${jan.id}`)).body;
    expect(list.entries.find((e: any) => e.entryId === dorte.entryId)).toMatchObject({ status: 'misplaced', name: null });
    const overview = (await lead().get(`/programmes/${programme.id}/enrolments`)).body;
    expect(overview.counts['rest-group']).toBe(3);
  });

  it('reminds the responsible when first contact is not made within contactDeadlineWorkingDays', async () => {
    // A reached attempt for Bo: first contact made, the journey moves to `activity`.
    const reached = await member().post(`/enrolments/${ids[people.bo.name]}/notes`, { kind: 'contact-attempt', text: 'Talt med Bo', channel: 'phone', reached: true });
    expect(reached.body.stage).toBe('activity');
    await system.advance('P8D'); // Tuesday 14 January: five working days after Monday 6 January have passed.
    const overdue = (await inbox('uu.anne')).filter((n) => n.kind === 'step-overdue').map((n) => n.enrolmentId);
    expect(overdue).toContain(ids[people.anna.name]);
    expect(overdue).toContain(ids[people.carl.name]);
    expect(overdue).not.toContain(ids[people.bo.name]);
  });

  it("counts at the meeting who could not be contacted; guardians can be the addressee", async () => {
    const anna = ids[people.anna.name]!;
    expect((await member().put(`/enrolments/${anna}/guardians`, [{ name: 'Mor Fiktiv', phone: '12345678', relation: 'mor' }])).status).toBe(200);
    expect((await member().post(`/enrolments/${anna}/notes`, { kind: 'contact-attempt', text: 'Brev til mor', channel: 'letter', reached: false, addressee: 'Mor Fiktiv' })).status).toBe(201);
    expect((await member().post(`/enrolments/${anna}/notes`, { kind: 'contact-attempt', text: 'Ukendt', channel: 'letter', reached: false, addressee: 'Nogen Anden' })).status).toBe(400);
    expect((await member().post(`/enrolments/${anna}/notes`, { kind: 'contact-attempt', text: 'Opsøgende', channel: 'outreach', reached: false })).status).toBe(201);
    const meeting = await lead().post(`/coordination-lists/${jan.id}/meeting`, { heldAt: '2031-01-14T10:00:00+01:00', attendees: ['uu.anne', 'lead.brondby'], notReached: [entryOf(jan, people.anna.name).entryId] });
    expect(meeting.status).toBe(200);
    // Carl: no attempt at all is not "could not be contacted"; Anna: two attempts, none reached.
    expect(meeting.body.indicators).toEqual({ inRestGroup: 3, repeaters: 0, couldNotBeContacted: 1 });
    expect((await lead().post(`/coordination-lists/${jan.id}/meeting`, { heldAt: '2031-01-14T10:00:00+01:00', attendees: ['uu.anne'] })).status).toBe(409);
  });

  it('allows a sanction only for a young person the group recorded as not reached', async () => {
    const assessment = { coordinationListId: jan.id, reasonableCause: false, lackOfResources: false, financialHardship: false, conclusion: 'recommend-sanction', note: 'Ingen kontakt' };
    const carl = await lead().post(`/enrolments/${ids[people.carl.name]}/sanction-assessments`, assessment);
    expect(carl.status).toBe(422);
    expect(carl.body.error.rule).toBe('sanction-needs-not-reached');
    expect((await lead().post(`/enrolments/${ids[people.carl.name]}/sanction-assessments`, { ...assessment, coordinationListId: undefined, appointmentId: 'abcdef123' })).status).toBe(400);
    expect((await lead().post(`/enrolments/${ids[people.anna.name]}/sanction-assessments`, assessment)).status).toBe(201);
  });

  it("flags February's repeaters and proposes the Praktik-generator after a month in the rest group", async () => {
    await system.advance('P20D'); // Monday 3 February
    const reply = await upload('2031-02', csv([row(people.anna), row(people.bo), row(people.emil)]));
    expect(reply.status).toBe(201);
    feb = reply.body;
    expect(feb.entries.map((e: any) => [e.name, e.repeater, e.monthsOnList])).toEqual([
      ['Anna Fiktiv', true, 2],
      ['Bo Fiktiv', true, 2],
      ['Emil Fiktiv', false, 1],
    ]);
    const annaInJanuary = ids[people.anna.name];
    for (const p of [people.anna, people.bo, people.emil]) {
      const kept = await keep(feb.id, entryOf(feb, p.name).entryId);
      expect(kept.status).toBe(200);
      ids[p.name] = kept.body.enrolmentId;
    }
    // Anna and Bo joined their journeys; Emil is new.
    expect(ids[people.anna.name]).toBe(annaInJanuary);
    const proposed = (await inbox('uu.anne')).filter((n) => n.kind === 'offer-proposed').map((n) => n.enrolmentId).sort();
    expect(proposed).toEqual([ids[people.anna.name], ids[people.bo.name]].sort());
    const overview = (await lead().get(`/programmes/${programme.id}/enrolments`)).body;
    expect(overview.counts.repeater).toBe(2);
    expect(overview.items.filter((i: any) => i.repeater).map((i: any) => i.name).sort()).toEqual(['Anna Fiktiv', 'Bo Fiktiv']);
    // Emil: one unreached attempt; Anna: none since January's meeting, so not counted again.
    await member().post(`/enrolments/${ids[people.emil.name]}/notes`, { kind: 'contact-attempt', text: 'Ring', channel: 'phone', reached: false });
    const meeting = await lead().post(`/coordination-lists/${feb.id}/meeting`, { heldAt: '2031-02-10T10:00:00+01:00', attendees: ['uu.anne'] });
    expect(meeting.body.indicators).toEqual({ inRestGroup: 3, repeaters: 2, couldNotBeContacted: 1 });
  });

  it('puts the Praktik-generator on the plan when the responsible confirms; an outcome ends it', async () => {
    const bo = ids[people.bo.name]!;
    expect((await member().post(`/enrolments/${ids[people.emil.name]}/praktik-generator`, { canGetInternship: true })).status).toBe(422);
    const confirmed = await member().post(`/enrolments/${bo}/praktik-generator`, { canGetInternship: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.stage).toBe('follow-up');
    const journey = (await member().get(`/enrolments/${bo}`)).body;
    expect(journey.plan.interventions.map((i: any) => i.offerId)).toEqual([offerId]);
    expect((await member().post(`/enrolments/${bo}/praktik-generator`, { canGetInternship: true })).status).toBe(409);
    const outcome = await member().post(`/enrolments/${bo}/outcome`, { outcome: 'education', date: '2031-02-20' });
    expect(outcome.body.stage).toBe('closed');
    expect((await member().get(`/enrolments/${bo}`)).body.coordination.praktik.endedAt).not.toBeNull();
  });

  it('keeps the months with their indicators and the goal beside them', async () => {
    await system.advance('P28D'); // Monday 3 March
    const march = (await upload('2031-03', csv([row(people.anna)]))).body;
    expect(march.entries[0]).toMatchObject({ repeater: true, monthsOnList: 3 });
    await keep(march.id, march.entries[0].entryId);
    const months = (await lead().get(`/programmes/${programme.id}/coordination-lists?from=2031-01&to=2031-03`)).body;
    expect(months.items.map((m: any) => [m.month, m.indicators?.inRestGroup ?? null, m.misplaced])).toEqual([
      ['2031-01', 3, 1],
      ['2031-02', 3, 0],
      ['2031-03', null, 0],
    ]);
    expect(months.goal).toMatchObject({ goalShareInEducationOrJob: 0.5, enrolled: 4, inEducationOrJob: 1, share: 0.25, reached: false });
  });

  it('ends the Praktik-generator when another course goes on the plan', async () => {
    const anna = ids[people.anna.name]!;
    expect((await member().post(`/enrolments/${anna}/praktik-generator`, { canGetInternship: true })).status).toBe(200);
    const plan = (await member().get(`/enrolments/${anna}`)).body.plan;
    const kept = plan.interventions.map((i: any) => ({ id: i.id, domain: i.domain, title: i.title, offerId: i.offerId, responsible: i.responsible, startMonth: i.startMonth, mode: i.mode, goalKind: i.goalKind, goal: i.goal }));
    const course = { domain: 'education', title: 'Produktionsskole', responsible: 'Brøndby Produktionsskole', startMonth: '2031-04', mode: 'group', goalKind: 'outcome', goal: 'Start på uddannelse' };
    expect((await member().put(`/enrolments/${anna}/plan`, { version: plan.version, goal: plan.goal, citizenAgreed: true, interventions: [...kept, course] })).status).toBe(200);
    const after = (await member().get(`/enrolments/${anna}`)).body;
    expect(after.coordination.praktik.endedAt).not.toBeNull();
    expect(after.plan.interventions.find((i: any) => i.offerId === offerId).endMonth).toBe('2031-03');
  });

  it("limits a coordination member to the young people of the last two months' lists or their own", async () => {
    // Carl was last on January's list; it is March now.
    expect((await system.as('uu.bent').get(`/enrolments/${ids[people.carl.name]}`)).status).toBe(404);
    expect((await system.as('uu.anne').get(`/enrolments/${ids[people.carl.name]}`)).status).toBe(200);
    expect((await system.as('uu.bent').get(`/enrolments/${ids[people.anna.name]}`)).status).toBe(200);
    expect((await system.as('uu.other').get(`/coordination-lists/${jan.id}`)).status).toBe(404);
    expect((await system.as('uu.bent').post(`/programmes/${programme.id}/reassignments`, { from: 'uu.anne', to: 'uu.bent' })).status).toBe(403);
  });

  it("moves a leaving responsible's young people with one reassignment and one notice", async () => {
    const moved = await lead().post(`/programmes/${programme.id}/reassignments`, { from: 'uu.anne', to: 'uu.bent', responsibilities: ['list-responsible'] });
    expect(moved.status).toBe(200);
    expect(moved.body.moved).toBe(3); // Anna, Carl, Emil (Bo's journey is closed)
    expect((await inbox('uu.bent')).filter((n) => n.kind === 'caseload-assigned')).toHaveLength(1);
    expect((await system.as('uu.bent').get(`/enrolments/${ids[people.carl.name]}`)).body.primaryTovholder.username).toBe('uu.bent');
  });

  it('takes a list over the synchronous limit through the import workflow (202) and reports the time for 500 lines', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `${String(1 + (i % 28)).padStart(2, '0')}${String(1 + Math.floor(i / 28) % 12).padStart(2, '0')}144${String(i).padStart(3, '0')};Ung ${i};0153`);
    const started = Date.now();
    const reply = await upload('2031-06', csv(rows));
    expect(reply.status).toBe(202);
    let progress: any;
    do {
      await new Promise((r) => setTimeout(r, 100));
      progress = (await lead().get(`/imports/${reply.body.importId}`)).body;
    } while (progress.status === 'running');
    const ms = Date.now() - started;
    console.log(`500-line coordination list: 202 in the answer, all entries written after ${ms} ms`);
    expect(progress).toMatchObject({ status: 'done', total: 500, done: 500, created: 500, rejected: [] });
    const list = (await lead().get(`/coordination-lists/${reply.body.listId}`)).body;
    expect(list.entries).toHaveLength(500);
    expect(list.entries.every((e: any) => e.status === 'proposed')).toBe(true);
  }, 120_000);
});
