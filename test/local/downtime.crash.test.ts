import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { BrugForAlleSettings } from '../../functions/contract/schemas.js';
import { tickOf, type Tick } from '../../functions/domain/step-clock.js';
import { brugForAlle } from '../../functions/domain/templates/brug-for-alle.js';
import { attendanceTick, safetyTick } from '../../functions/domain/watch-clock.js';
import { dynamoDbLocalClient, freePort, startDynamoDbLocal } from '../../local/dynamodb-local.js';
import { addUser, awaitingPlan, fictionalCpr } from '../support/journeys.js';
import { NpmStart } from '../support/npm-start.js';

/*
 * Issue 12: timers after downtime. `npm start` is killed (-9) while an advance of the clock fires hundreds of
 * reminders, and started again on the same DATA_DIR; the clock is advanced to the same target. Every
 * reminder due up to then must have come exactly once per (citizen, kind, due time): the ones due while
 * nothing ran late, none skipped, none doubled — journeys' steps, the follow-up rhythm and both watches.
 */
const CITIZENS = 100;
const TIMER_KINDS = new Set(['screening-overdue', 'escalation', 'follow-up-due', 'attendance-not-registered', 'safety-flag']);
const settings = { screeningDeadlineWorkingDays: 2, reminderIntervalWorkingDays: 4, remindersBeforeEscalation: 2, followUpIntervalDays: 3 };

const app = new NpmStart(mkdtempSync(join(tmpdir(), 'forlob-downtime-')), await freePort());
afterAll(() => app.kill());

/** Every item of the journey data, read from DATA_DIR once `npm start` has stopped. */
async function storedItems(dataDir: string): Promise<Record<string, any>[]> {
  const db = await startDynamoDbLocal({ dbPath: join(dataDir, 'dynamodb') });
  const client = DynamoDBDocumentClient.from(dynamoDbLocalClient(db.endpoint));
  const items: Record<string, any>[] = [];
  for (const table of (await client.send(new ListTablesCommand({}))).TableNames ?? []) {
    if (table.startsWith('DataAudit')) continue;
    let start: Record<string, any> | undefined;
    do {
      const out = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
  }
  client.destroy();
  await db.stop();
  return items;
}

/** Every tick of a clock due up to `until`. */
function ticksUntil(tickAt: (index: number) => Tick | null, until: number): Tick[] {
  const ticks: Tick[] = [];
  for (let i = 0; ; i++) {
    const tick = tickAt(i);
    if (!tick || Date.parse(tick.dueAt) > until) return ticks;
    ticks.push(tick);
  }
}

it('sends every reminder due while `npm start` was down late, exactly once, after a kill -9 during an advance', async () => {
  await app.start();
  // Monday 3 March 2031, 09:00 in Copenhagen.
  expect((await app.request('POST', '/local/clock', { body: { now: '2031-03-03T09:00:00+01:00' } })).status).toBe(200);
  const programme = (await app.as('admin').post('/programmes', { name: 'Brug for alle', template: 'brug-for-alle', municipalities: ['0183'], settings })).body;
  await addUser(app, 'lead.both', ['lead'], [programme.id], ['0183']);
  await addUser(app, 'tov.ishoj', ['tovholder'], [programme.id], ['0183']);

  // A citizen in follow-up, with an appointment whose attendance is never registered and a safety flag.
  const followed = await awaitingPlan(app, programme.id, 'Opfølgning Fiktiv');
  expect((await app.as('lead.both').put(`/enrolments/${followed}/tovholders`, { primary: 'tov.ishoj' })).status).toBe(200);
  const plan = { goal: 'Job', citizenAgreed: true, interventions: [{ domain: 'employment', title: 'Mentor', responsible: 'Jobcentret', startMonth: '2031-06', mode: 'individual', goalKind: 'outcome', goal: 'Mål' }] };
  expect((await app.as('tov.ishoj').put(`/enrolments/${followed}/plan`, plan)).body.stage).toBe('follow-up');
  const booked = await app.as('tov.ishoj').post(`/enrolments/${followed}/appointments`, { kind: 'follow-up', startsAt: '2031-03-03T11:00:00+01:00', endsAt: '2031-03-03T12:00:00+01:00', owner: 'tov.ishoj' });
  expect(booked.status).toBe(201);
  const phq = await app.as('tov.ishoj').post(`/enrolments/${followed}/instruments`, { instrument: 'PHQ-9', answers: [0, 0, 0, 0, 0, 0, 0, 0, 2], takenAt: '2031-03-03T09:00:00+01:00' });
  expect(phq.status).toBe(201);

  // Hundreds of citizens awaiting screening, imported at once: their reminders fall due together.
  const csv = ['cpr;name;municipality', ...Array.from({ length: CITIZENS }, (_, i) => `${fictionalCpr('85', 1)};Borger ${i} Fiktiv;0183`)].join('\n');
  const imported = await app.as('lead.both').post(`/programmes/${programme.id}/enrolments/import`, undefined, { raw: csv, contentType: 'text/csv' });
  expect(imported.body.created).toBe(CITIZENS);

  const target = Date.parse((await app.request('GET', '/local/clock')).body.now) + 15 * 86_400_000;
  const firedSoFar = () => app.output.join('').split('"step timer fired"').length - 1;
  const firedBefore = firedSoFar();
  // Killed in the middle of the second reminder of the imported citizens (the first is one per citizen).
  const advancing = app.request('POST', '/local/clock', { body: { advance: 'P15D' } }).catch(() => 'killed');
  while (firedSoFar() - firedBefore < CITIZENS * 1.5) await new Promise((r) => setTimeout(r, 20));
  await app.kill();
  expect(await advancing).toBe('killed');

  await app.start();
  expect((await app.request('POST', '/local/clock', { body: { now: new Date(target).toISOString() } })).status).toBe(200);
  await app.stop();

  const items = await storedItems(app.dataDir);
  const s = BrugForAlleSettings.parse(items.find((i) => i.pk === `PROGRAMME#${programme.id}` && i.sk === 'PROFILE')!.settings);
  const recipientOf = { leads: 'lead.both', tovholder: 'tov.ishoj', owner: 'tov.ishoj', 'safety-team': 'tov.ishoj' } as const;
  const expected = new Set<string>();
  const expect1 = (enrolmentId: string, ticks: Tick[]) => {
    for (const t of ticks) for (const n of t.notifications) expected.add(`${recipientOf[n.audience as keyof typeof recipientOf]}|${enrolmentId}|${n.kind}|${t.dueAt}`);
  };
  const journeys = items.filter((i) => i.sk === 'JOURNEY');
  expect(journeys).toHaveLength(CITIZENS + 1);
  for (const j of journeys) expect1(j.id, ticksUntil((i) => tickOf(j.stage, new Date(j.stageEnteredAt), { template: brugForAlle, settings: s }, i), target));
  const appointment = items.find((i) => i.sk === `APPOINTMENT#${booked.body.id}`)!;
  expect1(followed, ticksUntil((i) => attendanceTick(new Date(appointment.endsAt), s, i), target));
  const instrument = items.find((i) => i.sk === `INSTRUMENT#${phq.body.id}`)!;
  expect1(followed, ticksUntil((i) => safetyTick(new Date(instrument.recordedAt), s, i), target));
  // The flag itself is told to the safety team at once, when it is recorded.
  expected.add(`tov.ishoj|${followed}|safety-flag|${instrument.recordedAt}`);

  const received = new Map<string, number>();
  for (const n of items.filter((i) => String(i.pk).startsWith('INBOX#') && TIMER_KINDS.has(i.kind))) {
    const key = `${String(n.pk).slice('INBOX#'.length)}|${n.enrolmentId}|${n.kind}|${n.dueAt}`;
    received.set(key, (received.get(key) ?? 0) + 1);
  }
  const doubles = [...received].filter(([, n]) => n > 1).map(([key]) => key);
  const gaps = [...expected].filter((key) => !received.has(key));
  const unexpected = [...received.keys()].filter((key) => !expected.has(key));
  const kindsOf = (keys: Iterable<string>) => new Set([...keys].map((key) => key.split('|')[2]));
  console.log(JSON.stringify({ expected: expected.size, received: [...received.values()].reduce((a, b) => a + b, 0), doubles: doubles.length, gaps: gaps.length, unexpected: unexpected.length }));
  expect(kindsOf(expected)).toEqual(TIMER_KINDS);
  expect(expected.size).toBeGreaterThan(3 * CITIZENS);
  expect({ doubles, gaps: gaps.length, unexpected }).toEqual({ doubles: [], gaps: 0, unexpected: [] });
}, 240_000);
