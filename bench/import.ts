/**
 * `npm run bench:import [lines]`: imports a generated file of fictional citizens (default 10,000) into a
 * fresh in-memory system through the HTTP API, and reports how long the import took to answer and how long
 * until every journey workflow it started was waiting at screening.
 */
import { givenProgrammeWithStaff, startSystem } from '../test/support/system.js';

const lines = Number(process.argv[2] ?? 10_000);
const system = await startSystem();
try {
  const { programme } = await givenProgrammeWithStaff(system);
  const file = ['cpr;name;municipality'];
  for (let i = 0; i < lines; i++) {
    // A real date in 1990–1999 and a serial whose 7th digit (0–3) gives the 1900s: fictional, unique per line.
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const year = `9${Math.floor(i / 336) % 10}`;
    const serial = String(Math.floor(i / 3360)).padStart(4, '0');
    file.push(`${day}${month}${year}-${serial};Fiktiv Borger ${i};${i % 2 ? '0183' : '0187'}`);
  }
  const started = performance.now();
  const reply = await system.as('lead.both').post(`/programmes/${programme.id}/enrolments/import`, undefined, { raw: file.join('\r\n'), contentType: 'text/csv' });
  const answered = performance.now();
  await system.runtime.stepFunctions.settled();
  const settled = performance.now();
  const counts = (await system.as('lead.both').get(`/programmes/${programme.id}/enrolments`)).body.counts;
  console.log(JSON.stringify({
    lines,
    status: reply.status,
    created: reply.body.created,
    rejected: reply.body.rejected?.length,
    answeredSeconds: +((answered - started) / 1000).toFixed(1),
    workflowsWaitingSeconds: +((settled - started) / 1000).toFixed(1),
    unscreenedInOverview: counts.unscreened,
  }));
} finally {
  await system.stop();
}
