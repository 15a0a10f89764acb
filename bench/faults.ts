/**
 * Faults: 1,000 journeys imported and left waiting at screening for a simulated quarter, while 20 % of task
 * invocations fail as Lambda's service errors arrive at Step Functions (local/runtime.ts,
 * FORLOB_FAULT_TASK_RATE: half before the handler ran, half after it ran and its answer was lost — the case
 * where a retry runs it again). The workflows' Retry takes them; notifyOnce's marker keeps a retried reminder
 * from being sent twice. Every reminder and escalation a fault-free quarter gives (from the template's clock,
 * functions/domain/step-clock.ts) is looked for in the inbox of lead.both, who leads both municipalities:
 * goal 0 missed and 0 duplicates; also 0 journeys without a running workflow. Counted the way
 * test/local/reminders.test.ts counts them: inbox items by (citizen, kind, due time).
 */
import { fictionalCsv, importAndWait } from './import-file.js';
import { type Figure, type Part, progress, runAlone } from './results.js';

const JOURNEYS = Number(process.env.BENCH_FAULT_JOURNEYS ?? 1000);
const FAULT_RATE = 0.2;
const QUARTER_DAYS = 91;

export const faults: Part = {
  name: 'faults',
  async run() {
    // Read by local/runtime.ts when it is loaded: set first, then load the system.
    process.env.FORLOB_FAULT_TASK_RATE = String(FAULT_RATE);
    const { givenProgrammeWithStaff, startSystem } = await import('../test/support/system.js');
    const system = await startSystem();
    try {
      await system.request('POST', '/local/clock', { body: { now: '2031-03-03T09:00:00+01:00' } });
      const { programme } = await givenProgrammeWithStaff(system);
      progress(`importing ${JOURNEYS} citizens with ${FAULT_RATE * 100} % of task invocations failing`);
      const { result } = await importAndWait(system, 'lead.both', programme.id, fictionalCsv(JOURNEYS, { yearDigit: 8, serialBase: 5000 }));
      await system.runtime.stepFunctions.settled();
      progress(`a quarter passes (${QUARTER_DAYS} days), a day at a time`);
      const start = new Date((await system.request('GET', '/local/clock')).body.now);
      let end = start;
      for (let day = 1; day <= QUARTER_DAYS; day++) {
        end = new Date(await system.advance('P1D'));
        if (day % 7 === 0) progress(`day ${day}`);
      }
      await system.runtime.stepFunctions.settled();

      progress('counting reminders');
      const { queryAll } = await import('../functions/store/queries.js');
      const { getProgramme } = await import('../functions/store/programmes.js');
      const { rulesOf } = await import('../functions/domain/templates/index.js');
      const { tickOf } = await import('../functions/domain/step-clock.js');
      const { enrolmentsIndexPk, GSI1 } = await import('../functions/store/keys.js');
      const { StoredJourney } = await import('../functions/store/journeys.js');
      const table = process.env.DATA_TABLE!;
      const journeys = (await queryAll({ TableName: table, IndexName: GSI1, KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': enrolmentsIndexPk(programme.id) } })).map((j) => StoredJourney.parse(j));
      const stored = (await getProgramme(programme.id))!;
      const expected = new Set<string>();
      for (const journey of journeys) {
        const rules = rulesOf(stored, journey);
        for (let i = 0; ; i++) {
          const tick = tickOf(journey.stage, new Date(journey.stageEnteredAt), rules, i);
          if (!tick || Date.parse(tick.dueAt) > end.getTime()) break;
          for (const n of tick.notifications) expected.add(`${journey.id}|${n.kind}|${tick.dueAt}`);
        }
      }
      const inbox = await queryAll({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'INBOX#lead.both' } });
      const seen = new Map<string, number>();
      for (const item of inbox) {
        const key = `${item.enrolmentId}|${item.kind}|${item.dueAt}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      const duplicates = [...seen.values()].filter((n) => n > 1).length;
      const missed = [...expected].filter((k) => !seen.has(k)).length;
      const unexpected = [...seen.keys()].filter((k) => !expected.has(k)).length;
      const running = new Set(
        system.runtime.stepFunctions
          .listExecutions()
          .filter((e) => e.status === 'RUNNING' && e.stateMachineArn.endsWith(':stateMachine:forlob-journey'))
          .map((e) => (e.input as { enrolmentId?: string }).enrolmentId),
      );
      const withoutWorkflow = journeys.filter((j) => !running.has(j.id)).length;
      const invocations = Object.values(system.runtime.invocations()).reduce((n, s) => n + s.count, 0);
      const figures: Figure[] = [
        { part: 'faults', figure: `journeys created of ${JOURNEYS} imported`, value: journeys.length, unit: '', goal: `= ${JOURNEYS}`, held: journeys.length === JOURNEYS },
        { part: 'faults', figure: `reminders expected over ${QUARTER_DAYS} days (lead.both)`, value: expected.size, unit: '' },
        { part: 'faults', figure: 'reminders missed', value: missed, unit: '', goal: '= 0', held: missed === 0 },
        { part: 'faults', figure: 'reminders sent twice', value: duplicates, unit: '', goal: '= 0', held: duplicates === 0 },
        { part: 'faults', figure: 'reminders not expected', value: unexpected, unit: '', goal: '= 0', held: unexpected === 0 },
        { part: 'faults', figure: 'journeys without a running workflow', value: withoutWorkflow, unit: '', goal: '= 0', held: withoutWorkflow === 0 },
      ];
      return { figures, detail: { journeys: JOURNEYS, faultRate: FAULT_RATE, from: start.toISOString(), to: end.toISOString(), lambdaInvocations: invocations, importResult: { status: result.status, created: result.created } } };
    } finally {
      await system.stop();
    }
  },
};

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(faults);
