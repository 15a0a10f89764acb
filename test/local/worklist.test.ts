import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolled, fictionalCpr, screened } from '../support/journeys.js';
import { givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';

/*
 * The coordinator's worklist (issue 17) on one system: its reasons and order, a reason leaving when its step is
 * recorded (and its inbox items read), the daily digest, reassignments, names on the timeline, the plan PDF.
 * From Monday 3 March 2031 09:00 Copenhagen (no public holiday until Easter). Citizens are fictional.
 */
let system: System;
let programme: { id: string };

beforeAll(async () => {
  system = await startSystem();
  expect((await system.request('POST', '/local/clock', { body: { now: '2031-03-03T09:00:00+01:00' } })).status).toBe(200);
  ({ programme } = await givenProgrammeWithStaff(system));
});
afterAll(() => system?.stop());

const worklist = async (username: string, query = '') => {
  const reply = await system.as(username).get(`/me/worklist${query}`);
  expect(reply.status).toBe(200);
  return reply.body as { items: { enrolmentId: string; name: string; reasons: { kind: string; dueAt: string; since: string }[]; next: { kind: string }; stage: string }[]; counts: { total: number; safety: number; overdue: number } };
};
const inbox = async (username: string, id: string) => (await system.as(username).get('/me/inbox')).body.items.filter((n: { enrolmentId: string }) => n.enrolmentId === id) as { kind: string; read: boolean }[];
const PHQ9_FLAGGED = [1, 1, 1, 1, 1, 1, 1, 1, 1];

describe('the worklist', () => {
  let unscreened: string;
  let atIntake: string;
  let flagged: string;
  let flagId: string;

  it("collects a user's reminders into one row per citizen with its reasons, safety first, then the oldest due", async () => {
    unscreened = await enrolled(system, programme.id, 'Una Fiktiv-Uscreenet');
    atIntake = await enrolled(system, programme.id, 'Ivan Fiktiv-Indsats');
    await screened(system, atIntake, 'orange');
    expect((await system.as('lead.both').put(`/enrolments/${atIntake}/tovholders`, { primary: 'tov.ishoj' })).status).toBe(200);
    // Sixteen days on: the screening (ten working days) and the intake (by the programme's deadline) are overdue, reminded again and again.
    await system.advance('P16D');
    flagged = await enrolled(system, programme.id, 'Sofie Fiktiv-Flag');
    await screened(system, flagged, 'orange');
    expect((await system.as('lead.both').put(`/enrolments/${flagged}/tovholders`, { primary: 'tov.ishoj' })).status).toBe(200);
    const takenAt = (await system.request('GET', '/local/clock')).body.now;
    const recorded = await system.as('tov.ishoj').post(`/enrolments/${flagged}/instruments`, { instrument: 'PHQ-9', answers: PHQ9_FLAGGED, takenAt });
    expect(recorded.status).toBe(201);
    flagId = recorded.body.id;

    const tov = await worklist('tov.ishoj');
    expect(tov.items.map((i) => i.name)).toEqual(['Sofie Fiktiv-Flag', 'Ivan Fiktiv-Indsats']);
    expect(tov.items[0]).toMatchObject({ enrolmentId: flagged, next: { kind: 'safety-follow-up' }, reasons: [{ kind: 'safety-flag' }], stage: 'intake', programme: programme.id, municipality: '0183', template: 'brug-for-alle', group: 'orange' });
    // One reason however many reminders came: the step's first due time, and since when it is on the list.
    const intake = tov.items[1]!;
    expect(intake.reasons.map((r) => r.kind)).toEqual(['step-overdue']);
    expect(intake.next).toEqual({ kind: 'intake' });
    expect(Date.parse(intake.reasons[0]!.since)).toBeGreaterThanOrEqual(Date.parse(intake.reasons[0]!.dueAt));
    expect(tov.counts).toEqual({ total: 2, safety: 1, overdue: 1 });

    const lead = await worklist('lead.both');
    expect(lead.items.map((i) => [i.name, i.reasons.map((r) => r.kind)])).toEqual([['Una Fiktiv-Uscreenet', ['screening-overdue']]]);
    expect(lead.items[0]!.next).toEqual({ kind: 'screening' });
    expect((await inbox('lead.both', unscreened)).filter((n) => n.kind === 'screening-overdue').length).toBeGreaterThanOrEqual(1);
    // Scoped: the lead of Ishøj only sees Ishøj's citizens, and another programme's lead nobody.
    expect((await worklist('lead.other')).items).toEqual([]);
    expect((await worklist('tov.vallensbaek')).items).toEqual([]);
    expect((await worklist('tov.ishoj', `?programme=${programme.id}`)).counts.total).toBe(2);
  });

  it('drops a reason by itself when its step is recorded, and marks the inbox items behind it read', async () => {
    expect((await inbox('lead.both', unscreened)).some((n) => !n.read)).toBe(true);
    await screened(system, unscreened, 'green');
    expect((await worklist('lead.both')).items.map((i) => i.enrolmentId)).not.toContain(unscreened);
    expect((await inbox('lead.both', unscreened)).every((n) => n.read)).toBe(true);

    expect((await system.as('tov.ishoj').post(`/enrolments/${flagged}/instruments/${flagId}/safety-follow-up`, { note: 'Talt med borgeren' })).status).toBe(200);
    const tov = await worklist('tov.ishoj');
    expect(tov.items.map((i) => i.enrolmentId)).toEqual([atIntake]);
    expect(tov.counts).toEqual({ total: 1, safety: 0, overdue: 1 });
    expect((await inbox('tov.ishoj', flagged)).every((n) => n.read)).toBe(true);
  });

  it('names who did each step on the timeline, by username and name', async () => {
    expect((await system.as('admin').patch('/users/lead.both', {})).status).toBe(200);
    const timeline = (await system.as('tov.ishoj').get(`/enrolments/${atIntake}`)).body.timeline as { kind: string; by: unknown }[];
    expect(timeline.find((e) => e.kind === 'tovholders-assigned')!.by).toEqual({ username: 'lead.both', name: 'lead.both' });
    expect(timeline.every((e) => typeof e.by === 'object')).toBe(true);
  });

  it('answers bad input and other programmes with the contract’s errors', async () => {
    const bad = await system.as('tov.ishoj').get('/me/worklist?programme=x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('programme');
    const other = (await system.as('admin').get('/programmes')).body.items.find((p: { name: string }) => p.name === 'Andet program');
    expect((await system.as('tov.ishoj').get(`/me/worklist?programme=${other.id}`)).status).toBe(404);
    expect((await system.as('admin').get('/me/worklist')).status).toBe(403);
  });
});

describe('the daily digest', () => {
  const outbox = () => {
    const dir = join(system.runtime.dataDir, 'outbox');
    try {
      return readdirSync(dir).map((f) => ({ file: f, ...JSON.parse(readFileSync(join(dir, f), 'utf8')) })) as { file: string; to: string; subject: string; body: string; sentAt: string }[];
    } catch {
      return [];
    }
  };

  it('mails one digest per user per working day at their digest time, with counts and a link only; nobody without items gets one', async () => {
    const before = outbox();
    // The safety flag above went at once; no reminder was mailed one by one, only digests.
    expect(before.filter((m) => !m.subject.startsWith('Forløb: din arbejdsliste')).map((m) => m.subject)).toEqual(['Forløb: Sikkerhedsflag: opfølgning i dag']);
    expect(before.some((m) => m.to === 'lead.both@example.org')).toBe(true);
    expect((await system.as('admin').patch('/users/tov.ishoj', { digestTime: '08:15' })).status).toBe(200);
    expect((await system.as('admin').patch('/users/tov.ishoj', { digestTime: '8.15' })).body.error.details[0].path).toBe('digestTime');
    const now: string = (await system.request('GET', '/local/clock')).body.now;
    // To the next Monday 09:00 (a working day), through the weekend: one digest each per working day passed.
    const days = await (async () => {
      // A day at a time, as days pass: the local scheduler runs a schedule once for all the days one move passes.
      for (let day = 0; day < 3; day++) await system.advance('P1D');
      return outbox().filter((m) => !before.some((b) => b.file === m.file));
    })();
    const digests = days.filter((m) => m.subject.startsWith('Forløb: din arbejdsliste'));
    expect(digests.length).toBeGreaterThan(0);
    const byUser = new Map<string, string[]>();
    for (const d of [...digests, ...before.filter((m) => m.subject.startsWith('Forløb: din arbejdsliste'))]) byUser.set(d.to, [...(byUser.get(d.to) ?? []), d.sentAt.slice(0, 10)]);
    for (const dates of byUser.values()) expect(new Set(dates).size).toBe(dates.length);
    expect(byUser.has('tov.ishoj@example.org')).toBe(true);
    expect(byUser.has('tov.vallensbaek@example.org')).toBe(false);
    const tov = digests.find((d) => d.to === 'tov.ishoj@example.org')!;
    expect(tov.body).toContain('1 borger på din arbejdsliste');
    expect(tov.body).toContain('/#/');
    for (const d of digests) for (const secret of ['Fiktiv', 'Ivan', 'Sofie', 'PHQ']) expect(d.body + d.subject).not.toContain(secret);
    // Sent at the time asked for, in Copenhagen (08:15 CET is 07:15 UTC), never on Saturday or Sunday.
    expect(new Date(tov.sentAt).getUTCHours() * 60 + new Date(tov.sentAt).getUTCMinutes()).toBe(7 * 60 + 15);
    for (const d of digests) expect([0, 6]).not.toContain(new Date(d.sentAt).getUTCDay());
    expect(now < tov.sentAt).toBe(true);
  });
});

