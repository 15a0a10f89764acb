/**
 * `npm run bench:import [lines] [--data-folder]`: imports a generated file of fictional citizens (default
 * 10,000) through the HTTP API, and reports how long the import took to answer (202 over
 * IMPORT_SYNC_MAX_LINES), to be `done` (polling `GET /imports/{id}`), and until every journey workflow it
 * started was waiting at screening; and the StartExecution calls per second, counted at the local Step
 * Functions runner (every call, from a handler's client or a state machine's task), on average over the time
 * to done and in the busiest second.
 * - By default into a fresh in-memory system with a test programme (as the tests run it).
 * - With `--data-folder`, as `npm start` runs: DynamoDB Local in a new data folder, the demo data seeded,
 *   INFO logs; the file goes to the demo programme as Lise Leder (lead in Ishøj and Vallensbæk).
 */
import { fictionalCsv, importAndWait } from './import-file.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRuntime } from '../local/runtime.js';
import { bootstrap } from '../local/seed.js';
import { givenProgrammeWithStaff, startSystem, System } from '../test/support/system.js';

const lines = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? 10_000);
const asNpmStart = process.argv.includes('--data-folder');

async function systemAndProgramme(): Promise<{ system: System; lead: string; programmeId: string }> {
  if (!asNpmStart) {
    const system = await startSystem();
    return { system, lead: 'lead.both', programmeId: (await givenProgrammeWithStaff(system)).programme.id };
  }
  const runtime = await startRuntime({ dataDir: mkdtempSync(join(tmpdir(), 'forlob-bench-')), port: 0 });
  await bootstrap(runtime, { demo: true });
  const system = new System(runtime);
  const programmes = (await system.as('lise.leder').get('/programmes')).body.items;
  return { system, lead: 'lise.leder', programmeId: programmes[0].id };
}

/** The times (performance.now()) of every StartExecution call the local runner answers from now on. */
function countStartExecutions(system: System): number[] {
  const calls: number[] = [];
  const sfn = system.runtime.stepFunctions;
  const start = sfn.startExecution.bind(sfn);
  sfn.startExecution = (...args: Parameters<typeof start>) => (calls.push(performance.now()), start(...args));
  return calls;
}

const { system, lead, programmeId } = await systemAndProgramme();
try {
  // A real date in the 1990s and a serial whose first digit, 9, gives the 1900s for years from 37 on: fictional,
  // unique per line, and apart from the demo's CPR numbers (which never use 9).
  const csv = fictionalCsv(lines, { yearDigit: 9, serialBase: 9000 });
  const starts = countStartExecutions(system);
  const started = performance.now();
  const { reply, result, answered, done } = await importAndWait(system, lead, programmeId, csv);
  await system.runtime.stepFunctions.settled();
  const settled = performance.now();
  const during = starts.filter((at) => at >= started && at <= done);
  const perSecond = new Map<number, number>();
  for (const at of during) perSecond.set(Math.floor((at - started) / 1000), (perSecond.get(Math.floor((at - started) / 1000)) ?? 0) + 1);
  const counts = (await system.as(lead).get(`/programmes/${programmeId}/enrolments`)).body.counts;
  // Items DynamoDB reads for one overview page (50 shown): unfiltered, and filtered to one municipality.
  const { queryOverview } = await import('../functions/store/journeys.js');
  const both = await queryOverview(programmeId, { municipalities: ['0183', '0187'] }, undefined);
  const one = await queryOverview(programmeId, { municipalities: ['0183'] }, undefined);
  const overdue = await queryOverview(programmeId, { municipalities: ['0183', '0187'], overdueAt: new Date().toISOString() }, undefined);
  console.log(JSON.stringify({
    lines,
    system: asNpmStart ? 'data folder with demo data, as npm start' : 'in memory',
    status: reply.status,
    importStatus: result.status ?? 'done',
    created: result.created,
    rejected: result.rejected?.length,
    answeredSeconds: +((answered - started) / 1000).toFixed(1),
    doneSeconds: +((done - started) / 1000).toFixed(1),
    workflowsWaitingSeconds: +((settled - started) / 1000).toFixed(1),
    startExecutionCalls: during.length,
    startExecutionsPerSecond: { average: +(during.length / ((done - started) / 1000)).toFixed(1), busiestSecond: Math.max(0, ...perSecond.values()) },
    unscreenedInOverview: counts.unscreened,
    itemsReadPerOverviewPage: { all: both.itemsRead, oneMunicipality: one.itemsRead, overdueNoneDue: overdue.itemsRead },
  }));
} finally {
  await system.stop();
}
