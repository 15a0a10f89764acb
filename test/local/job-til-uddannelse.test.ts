import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRUG_FOR_ALLE, startSystem, type System } from '../support/system.js';

/*
 * Gennem Job til Uddannelse on one shared system (DynamoDB Local, the journey state machine on the local clock):
 * internships, weekly hours and the paid-hours goal, the hours reminder and who gets it after a hand-over,
 * learning certificates and their PDF, overlap, ambassadors' scope, and commands of the other template.
 * The clock starts on Monday 3 March 2031 (week 10), 09:00 in Copenhagen; no public holiday before Easter.
 */
let system: System;
let programme: { id: string };
let brugForAlle: { id: string };

const staff = (programmeId: string, bfa: string) => [
  { username: 'lead.jammerbugt', roles: ['lead'], municipalities: ['0849'], programmes: [programmeId] },
  { username: 'jb.anna', roles: ['job-broker'], municipalities: ['0849'], programmes: [programmeId] },
  { username: 'mentor.mads', roles: ['mentor'], municipalities: ['0849'], programmes: [programmeId] },
  { username: 'mentor.other', roles: ['mentor'], municipalities: ['0849'], programmes: [programmeId] },
  { username: 'jb.thisted', roles: ['job-broker'], municipalities: ['0787'], programmes: [programmeId] },
  { username: 'lead.bfa', roles: ['lead'], municipalities: ['0183'], programmes: [bfa] },
];

beforeAll(async () => {
  system = await startSystem();
  expect((await system.request('POST', '/local/clock', { body: { now: '2031-03-03T09:00:00+01:00' } })).status).toBe(200);
  const admin = system.as('admin');
  programme = (await admin.post('/programmes', { name: 'Gennem Job til Uddannelse — Jammerbugt', template: 'job-til-uddannelse', municipalities: ['0849', '0787'] })).body;
  brugForAlle = (await admin.post('/programmes', BRUG_FOR_ALLE)).body;
  for (const user of staff(programme.id, brugForAlle.id)) {
    const reply = await admin.post('/users', { ...user, name: user.username.replace('.', ' '), email: `${user.username}@example.org` });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  }
});
afterAll(() => system?.stop());

const enrol = async (cpr: string, name: string) => {
  const reply = await system.as('lead.jammerbugt').post(`/programmes/${programme.id}/enrolments`, { cpr, name, municipality: '0849' });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.id as string;
};
const internship = (over: Record<string, unknown> = {}) => ({
  company: 'Fiktiv Tømrer ApS',
  cvr: '12345678',
  startDate: '2031-03-03',
  hoursPerWeek: 20,
  goal: { kind: 'paid-hours', hours: 20 },
  jobBroker: 'jb.anna',
  mentor: 'mentor.mads',
  ...over,
});
const inbox = async (username: string, enrolmentId: string, kind: string) =>
  (await system.as(username).get('/me/inbox')).body.items.filter((n: { enrolmentId: string; kind: string }) => n.enrolmentId === enrolmentId && n.kind === kind);

describe('Gennem Job til Uddannelse', () => {
  let young: string;
  let internshipId: string;

  it('starts at clarification, and counts the journey under its stage', async () => {
    young = await enrol('0104121234', 'Sofie Fiktiv');
    const journey = (await system.as('jb.anna').get(`/enrolments/${young}`)).body;
    expect(journey).toMatchObject({ template: 'job-til-uddannelse', stage: 'clarification', contactPerson: null, internships: [] });
    const overview = (await system.as('lead.jammerbugt').get(`/programmes/${programme.id}/enrolments`)).body;
    expect(overview.counts).toEqual({ clarification: 1, internship: 0, 'follow-up': 0, aftercare: 0 });
  });

  it('registers an internship: the job broker becomes the contact person; bad CVR 400, overlap 409', async () => {
    const badCvr = await system.as('jb.anna').post(`/enrolments/${young}/internships`, internship({ cvr: '1234' }));
    expect(badCvr.status).toBe(400);
    expect(badCvr.body.error.details[0].path).toBe('cvr');
    const created = await system.as('jb.anna').post(`/enrolments/${young}/internships`, internship());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ stage: 'internship', contactPerson: { username: 'jb.anna' }, paidHoursTotal: 0, mentor: { username: 'mentor.mads' } });
    internshipId = created.body.id;
    const overlapping = await system.as('jb.anna').post(`/enrolments/${young}/internships`, internship({ startDate: '2031-04-01', company: 'Andet Firma' }));
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error.rule).toBe('internship-overlaps');
    const counts = (await system.as('lead.jammerbugt').get(`/programmes/${programme.id}/enrolments`)).body.counts;
    expect(counts).toMatchObject({ clarification: 0, internship: 1 });
  });

  it('takes hours per ISO week (0–168, a week replaced), and tells the job broker once when the goal is reached', async () => {
    const hours = (body: object) => system.as('mentor.mads').post(`/internships/${internshipId}/hours`, body);
    expect((await hours({ week: '2031-W10', paidHours: -1, unpaidHours: 0 })).status).toBe(400);
    expect((await hours({ week: '2031-W10', paidHours: 169, unpaidHours: 0 })).status).toBe(400);
    expect((await hours({ week: '2031-W10', paidHours: 100, unpaidHours: 69 })).status).toBe(400);
    expect((await hours({ week: '2031-W54', paidHours: 1, unpaidHours: 0 })).status).toBe(400);
    expect((await hours({ week: '2031-W10', paidHours: 6, unpaidHours: 4 })).body.paidHoursTotal).toBe(6);
    const replaced = await hours({ week: '2031-W10', paidHours: 10, unpaidHours: 5 });
    expect(replaced.body).toMatchObject({ paidHoursTotal: 10, hours: [{ week: '2031-W10', paidHours: 10, unpaidHours: 5 }] });
    expect(await inbox('jb.anna', young, 'paid-hours-goal-reached')).toEqual([]);
    expect((await hours({ week: '2031-W11', paidHours: 10, unpaidHours: 0 })).body).toMatchObject({ paidHoursTotal: 20, goalReachedAt: expect.any(String) });
    expect(await inbox('jb.anna', young, 'paid-hours-goal-reached')).toHaveLength(1);
    // Lowered below the goal and raised past it again: still once.
    await hours({ week: '2031-W11', paidHours: 0, unpaidHours: 0 });
    await hours({ week: '2031-W11', paidHours: 15, unpaidHours: 0 });
    expect(await inbox('jb.anna', young, 'paid-hours-goal-reached')).toHaveLength(1);
    expect(await inbox('mentor.mads', young, 'paid-hours-goal-reached')).toEqual([]);
  });

  it('reminds the contact person of a week without hours; after a hand-over the mentor gets the reminders', async () => {
    // Week 12 (17–23 March) has no hours: due three working days after it, at midnight before Thursday 27 March.
    await system.advance('P23DT16H'); // Thursday 27 March, 01:00
    const first = await inbox('jb.anna', young, 'hours-not-registered');
    expect(first.map((n: { dueAt: string }) => n.dueAt)).toEqual(['2031-03-26T23:00:00.000Z']);
    expect((await system.as('jb.anna').post(`/internships/${internshipId}/hours`, { week: '2031-W12', paidHours: 8, unpaidHours: 2 })).status).toBe(200);

    const handOver = await system.as('jb.anna').put(`/enrolments/${young}/contact-person`, { username: 'mentor.mads' });
    expect(handOver.status, JSON.stringify(handOver.body)).toBe(200);
    expect(handOver.body.contactPerson).toEqual({ username: 'mentor.mads', name: 'mentor mads' });
    expect((await system.as('jb.anna').put(`/enrolments/${young}/contact-person`, { username: 'lead.jammerbugt' })).status).toBe(400);

    // Week 13 (24–30 March) has none either: due Thursday 3 April, now to the mentor.
    await system.advance('P8D');
    expect(await inbox('mentor.mads', young, 'hours-not-registered')).toHaveLength(1);
    expect(await inbox('jb.anna', young, 'hours-not-registered')).toHaveLength(1);
    const timeline = (await system.as('mentor.mads').get(`/enrolments/${young}`)).body.timeline;
    expect(timeline.find((e: { kind: string; summary: string }) => e.kind === 'contact-person' && e.summary.includes('took over'))).toMatchObject({
      by: { username: 'jb.anna', name: 'jb anna' },
      summary: 'Contact person: mentor mads took over from jb anna',
      at: expect.stringMatching(/^2031-03-27/),
    });
  });

  it('lets a mentor see only their young people', async () => {
    const other = await enrol('0205121234', 'Emil Fiktiv');
    expect((await system.as('mentor.other').get(`/enrolments/${young}`)).status).toBe(404);
    expect((await system.as('mentor.other').get(`/enrolments/${other}`)).status).toBe(404);
    expect((await system.as('mentor.mads').get(`/enrolments/${young}`)).status).toBe(200);
    expect((await system.as('mentor.other').post(`/internships/${internshipId}/hours`, { week: '2031-W14', paidHours: 1, unpaidHours: 0 })).status).toBe(404);
    const listed = (await system.as('mentor.mads').get(`/programmes/${programme.id}/enrolments`)).body.items.map((i: { id: string }) => i.id);
    expect(listed).toEqual([young]);
    // Refusals on an internship are audited under its young person, a 401 too.
    expect((await system.request('POST', `/internships/${internshipId}/hours`, { body: { week: '2031-W14', paidHours: 1, unpaidHours: 0 } })).status).toBe(401);
    const trail = (await system.as('lead.jammerbugt').get(`/enrolments/${young}/audit`)).body.items as { actor: string; outcome: string; status?: number; action: string }[];
    expect(trail.filter((e) => e.outcome === 'denied').map((e) => `${e.actor} ${e.status}`)).toEqual(expect.arrayContaining(['mentor.other 404', 'unauthenticated 401']));
  });

  it('refuses an end certificate without both kinds of competence (422), and serves each certificate as a Danish PDF without CPR', async () => {
    const certificate = (body: object) => system.as('mentor.mads').post(`/internships/${internshipId}/learning-certificates`, body);
    const onlyPersonal = await certificate({ phase: 'end', date: '2031-04-04', competences: [{ kind: 'personal', text: 'Møder til tiden' }] });
    expect(onlyPersonal.status).toBe(422);
    expect(onlyPersonal.body.error.rule).toBe('end-certificate-competences');
    const start = await certificate({ phase: 'start', date: '2031-03-03', direction: 'Tømrerlærling: værktøj og sikkerhed', competences: [] });
    expect(start.status).toBe(201);
    const end = await certificate({
      phase: 'end',
      date: '2031-04-04',
      competences: [
        { kind: 'personal', text: 'Møder stabilt og til tiden' },
        { kind: 'professional', text: 'Sætter gipsvægge op efter tegning' },
      ],
    });
    expect(end.status).toBe(201);
    const token = await system.tokenFor('mentor.mads');
    const started = performance.now();
    const res = await fetch(`${system.url}${end.body.pdf}`, { headers: { authorization: `Bearer ${token}` } });
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'forlob-pdf-'));
    writeFileSync(join(dir, 'bevis.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', join(dir, 'bevis.pdf'), join(dir, 'page')]);
    const png = readFileSync(join(dir, 'page-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'bevis.pdf'), '-'], { encoding: 'utf8' });
    for (const expected of ['Læringsbevis', 'Sofie Fiktiv', 'Fiktiv Tømrer ApS', 'Møder stabilt og til tiden', 'Sætter gipsvægge op efter tegning', 'Personlige kompetencer', 'Faglige kompetencer', '3. marts 2031']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toMatch(/010412|1234/);
    console.info(`learning certificate PDF over HTTP: ${pdf.length} bytes, ${ms.toFixed(0)} ms; page 1 as PNG ${png.length} bytes`);
    const view = (await system.as('jb.anna').get(`/enrolments/${young}`)).body;
    expect(view.learningCertificates.map((c: { phase: string }) => c.phase)).toEqual(['start', 'end']);
  });

  it('keeps ambassadors to the caller’s municipalities; links a youth ambassador to the young person', async () => {
    const company = await system.as('lead.jammerbugt').post('/ambassadors', { kind: 'company', name: 'Karen Fiktiv', company: 'Fiktiv Tømrer ApS', municipalities: ['0849'] });
    expect(company.status).toBe(201);
    const youth = await system.as('jb.anna').post('/ambassadors', { kind: 'youth', name: 'Ali Fiktiv', municipalities: ['0849'] });
    expect(youth.status).toBe(201);
    const thisted = await system.as('jb.thisted').post('/ambassadors', { kind: 'youth', name: 'Thea Fiktiv', municipalities: ['0787'] });
    expect(thisted.status).toBe(201);
    expect((await system.as('jb.anna').post('/ambassadors', { kind: 'youth', name: 'X', municipalities: ['0787'] })).status).toBe(403);
    expect((await system.as('mentor.mads').post('/ambassadors', { kind: 'youth', name: 'X', municipalities: ['0849'] })).status).toBe(403);
    const names = async (who: string, query = '') => (await system.as(who).get(`/ambassadors${query}`)).body.items.map((a: { name: string }) => a.name);
    expect(await names('mentor.mads')).toEqual(['Ali Fiktiv', 'Karen Fiktiv']);
    expect(await names('jb.anna', '?kind=company')).toEqual(['Karen Fiktiv']);
    expect(await names('jb.thisted')).toEqual(['Thea Fiktiv']);

    expect((await system.as('jb.anna').put(`/enrolments/${young}/ambassador`, { ambassadorId: thisted.body.id })).status).toBe(400);
    expect((await system.as('jb.anna').put(`/enrolments/${young}/ambassador`, { ambassadorId: company.body.id })).status).toBe(400);
    const linked = await system.as('jb.anna').put(`/enrolments/${young}/ambassador`, { ambassadorId: youth.body.id });
    expect(linked.status).toBe(200);
    expect((await system.as('mentor.mads').get(`/enrolments/${young}`)).body.ambassador).toMatchObject({ name: 'Ali Fiktiv', kind: 'youth' });
  });

  it('ends the internship into follow-up, and an outcome into aftercare', async () => {
    const ended = await system.as('jb.anna').post(`/internships/${internshipId}/end`, { endDate: '2031-04-04' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ stage: 'follow-up', endDate: '2031-04-04' });
    // A new internship after the first one ended does not overlap.
    expect((await system.as('jb.anna').post(`/enrolments/${young}/internships`, internship({ startDate: '2031-04-07', goal: { kind: 'ordinary-employment' }, mentor: undefined }))).body.stage).toBe('internship');
    const outcome = await system.as('lead.jammerbugt').post(`/enrolments/${young}/outcome`, { outcome: 'education', date: '2031-04-04' });
    expect(outcome.status).toBe(200);
    expect(outcome.body.stage).toBe('aftercare');
  });

  it('answers 422 not-in-template for a Brug for alle command here and for this template’s commands on Brug for alle', async () => {
    const other = await enrol('0306121234', 'Liva Fiktiv');
    const screening = await system.as('lead.jammerbugt').post(`/enrolments/${other}/screening`, { colour: 'green', reason: 'Klar til job' });
    expect(screening.status).toBe(422);
    expect(screening.body.error.code).toBe('not-in-template');
    const citizen = (await system.as('lead.bfa').post(`/programmes/${brugForAlle.id}/enrolments`, { cpr: '0407901234', name: 'Bo Fiktiv', municipality: '0183' })).body.id;
    const refused = await system.as('lead.bfa').post(`/enrolments/${citizen}/internships`, internship({ jobBroker: 'lead.bfa', mentor: undefined }));
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('not-in-template');
    expect((await system.as('lead.bfa').put(`/enrolments/${citizen}/contact-person`, { username: 'lead.bfa' })).body.error.code).toBe('not-in-template');
  });
});
