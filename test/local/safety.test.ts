import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';

/*
 * Instruments and the safety flag: a PHQ-9 with item 9 above 0 tells the safety team the same day, and its own
 * follow-up deadline reminds daily and escalates — through the `safety-watch` state machine on the clock.
 */
let system: System;
let programme: { id: string };
const NAME = 'Sofie Fiktiv-Sikkerhed';

beforeAll(async () => {
  system = await startSystem();
  // Monday 3 March 2031, 09:00 in Copenhagen.
  expect((await system.request('POST', '/local/clock', { body: { now: '2031-03-03T09:00:00+01:00' } })).status).toBe(200);
  ({ programme } = await givenProgrammeWithStaff(system));
  for (const user of [
    { username: 'cm.ishoj', roles: ['care-manager'], municipalities: ['0183'] },
    { username: 'cm.vallensbaek', roles: ['care-manager'], municipalities: ['0187'] },
    { username: 'case.ishoj', roles: ['caseworker'], municipalities: ['0183'] },
  ]) {
    expect((await system.as('admin').post('/users', { ...user, programmes: [programme.id], name: user.username, email: `${user.username}@example.org` })).status).toBe(201);
  }
});
afterAll(() => system?.stop());

let seq = 0;
async function citizen() {
  seq++;
  const reply = await system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, { cpr: `150385${String(1000 + seq)}`, name: NAME, municipality: '0183' });
  expect(reply.status).toBe(201);
  await system.as('lead.both').post(`/enrolments/${reply.body.id}/screening`, { colour: 'orange', reason: 'Screenet' });
  return reply.body.id as string;
}
const clock = async () => (await system.request('GET', '/local/clock')).body.now as string;
const inbox = async (username: string, id: string) =>
  (await system.as(username).get('/me/inbox')).body.items.filter((n: { enrolmentId: string }) => n.enrolmentId === id) as { kind: string; dueAt: string }[];
const PHQ9_FLAGGED = [1, 1, 1, 1, 1, 1, 1, 1, 1];

describe('a PHQ-9 with thoughts of self-harm', () => {
  it('flags it, tells the care managers of that municipality the same day, and reminds until it is followed up', async () => {
    const id = await citizen();
    const takenAt = await clock();
    const recorded = await system.as('cm.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'PHQ-9', answers: PHQ9_FLAGGED, takenAt });
    expect(recorded.status).toBe(201);
    // Due by the same time on the next working day: Tuesday 4 March, 09:00 (the clock runs on: compare minutes).
    expect(recorded.body).toMatchObject({ score: 9, severity: 'mild', flags: ['suicidal-ideation'], stage: 'intake', safety: { followUp: null } });
    const dueAt: string = recorded.body.safety.dueAt;
    expect(dueAt.slice(0, 16)).toBe('2031-03-04T08:00');
    const same = await inbox('cm.ishoj', id);
    expect(same.map((n) => n.kind)).toEqual(['safety-flag']);
    expect(same[0]!.dueAt.slice(0, 10)).toBe('2031-03-03');
    expect(await inbox('cm.vallensbaek', id)).toEqual([]);
    expect(await inbox('lead.both', id)).toEqual([]);

    // The e-mail says only that there is a message.
    const outbox = join(system.runtime.dataDir, 'outbox');
    const mails = readdirSync(outbox).map((f) => readFileSync(join(outbox, f), 'utf8'));
    expect(mails.some((m) => m.includes('Sikkerhedsflag'))).toBe(true);
    for (const mail of mails) for (const secret of [NAME, 'Fiktiv', '150385', 'PHQ', 'suicidal']) expect(mail).not.toContain(secret);

    await system.advance('P1DT1M');
    expect((await inbox('cm.ishoj', id)).map((n) => `${n.kind} ${n.dueAt}`)).toEqual([`safety-flag ${dueAt}`, `safety-flag ${same[0]!.dueAt}`]);

    const followUp = await system.as('cm.ishoj').post(`/enrolments/${id}/instruments/${recorded.body.id}/safety-follow-up`, { note: 'Talt med borgeren; aftale med egen læge' });
    expect(followUp.status).toBe(200);
    expect(followUp.body.safety.followUp).toMatchObject({ by: 'cm.ishoj' });
    expect((await system.as('cm.ishoj').post(`/enrolments/${id}/instruments/${recorded.body.id}/safety-follow-up`, { note: 'Igen' })).status).toBe(409);
    await system.advance('P7D');
    expect(await inbox('cm.ishoj', id)).toHaveLength(2);
    expect(await inbox('lead.both', id)).toEqual([]);
    const watch = system.runtime.stepFunctions.listExecutions().filter((e) => e.name === `safety-${recorded.body.id}-v1`);
    expect(watch.map((e) => e.status)).toEqual(['SUCCEEDED']);
  });

  it('escalates to the leads when nobody follows it up', async () => {
    const id = await citizen();
    const recorded = await system.as('lead.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'PHQ-9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 3], takenAt: await clock() });
    expect(recorded.body.flags).toEqual(['suicidal-ideation']);
    await system.advance('P10D');
    expect((await inbox('cm.ishoj', id)).map((n) => n.kind)).toEqual(Array(5).fill('safety-flag'));
    expect((await inbox('lead.ishoj', id)).map((n) => n.kind)).toEqual(['escalation']);
    expect((await inbox('lead.both', id)).map((n) => n.kind)).toEqual(['escalation']);
  });
});

describe('instruments', () => {
  it('keeps a history for the score chart, without raw answers; refuses bad answers, dates before birth and other roles, changing nothing', async () => {
    const id = await citizen();
    const t = await clock();
    const earlier = new Date(Date.parse(t) - 7 * 86_400_000).toISOString();
    const who5 = await system.as('cm.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'WHO-5', answers: [3, 3, 2, 3, 3], takenAt: t });
    expect(who5.body).toMatchObject({ score: 56, severity: 'good', flags: [], safety: null });
    const gad7 = await system.as('cm.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'GAD-7', answers: [2, 2, 2, 2, 2, 2, 2], takenAt: earlier });
    expect(gad7.body).toMatchObject({ score: 14, severity: 'moderate' });
    expect(await inbox('cm.ishoj', id)).toEqual([]);

    const before = await system.journeyData();
    const short = await system.as('cm.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'GAD-7', answers: [1, 2], takenAt: t });
    expect(short.status).toBe(400);
    expect(short.body.error.details.map((d: { path: string }) => d.path)).toContain('answers');
    const outOfRange = await system.as('cm.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'PHQ-9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 4], takenAt: t });
    expect(outOfRange.status).toBe(400);
    expect((await system.as('cm.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'BDI', answers: [1], takenAt: t })).status).toBe(400);
    expect((await system.as('cm.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'WHO-5', answers: [3, 3, 2, 3, 3], takenAt: '2099-01-01T00:00:00Z' })).status).toBe(400);
    // Born 15 March 1985 (the CPR's date): the evening before, Copenhagen time, is before birth.
    const unborn = await system.as('cm.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'WHO-5', answers: [3, 3, 2, 3, 3], takenAt: '1985-03-14T23:30:00+01:00' });
    expect(unborn.status).toBe(400);
    expect(unborn.body.error.details).toEqual([{ path: 'takenAt', message: "cannot be before the citizen's birth" }]);
    expect((await system.as('case.ishoj').post(`/enrolments/${id}/instruments`, { instrument: 'WHO-5', answers: [3, 3, 2, 3, 3], takenAt: t })).status).toBe(404);
    expect((await system.as('cm.vallensbaek').post(`/enrolments/${id}/instruments`, { instrument: 'WHO-5', answers: [3, 3, 2, 3, 3], takenAt: t })).status).toBe(404);
    expect((await system.as('cm.ishoj').post(`/enrolments/${id}/instruments/${who5.body.id}/safety-follow-up`, { note: 'x' })).status).toBe(422);
    expect(await system.journeyData()).toEqual(before);

    const journey = (await system.as('case.ishoj').get(`/enrolments/${id}`)).body;
    expect(journey.instruments.map((i: { instrument: string; score: number }) => `${i.instrument} ${i.score}`)).toEqual(['GAD-7 14', 'WHO-5 56']);
    expect(journey.instruments[0]).not.toHaveProperty('answers');
    // Scores stay out of the timeline's words (its timestamps may hold any digits).
    expect(journey.timeline.map((e: { summary: string }) => e.summary).join(' ')).not.toMatch(/\b(14|56)\b/);
  });
});
