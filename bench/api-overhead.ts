/**
 * P2, API overhead: for each main route, the p50 of the request through the local HTTP path (token check,
 * API Gateway event, handler, JSON) ÷ the p50 of the time the same requests spent in DynamoDB Local, in one run.
 * Goal ≤ 1.5. Requests one at a time, so every DynamoDB call in a request's window is its own.
 * No worklist route exists yet (api.md): it joins the list when it does.
 */
import { givenProgrammeWithStaff, startSystem } from '../test/support/system.js';
import { seedVariedJourneys } from '../test/support/overview-data.js';
import { meterDynamo } from './dynamo-meter.js';
import { type Figure, limited, median, type Part, progress, runAlone } from './results.js';

const RUNS = 40;
const WARM_UP = 5;

export const apiOverhead: Part = {
  name: 'api-overhead',
  async run() {
    const system = await startSystem();
    try {
      const { programme } = await givenProgrammeWithStaff(system);
      progress('seeding 219 journeys');
      await seedVariedJourneys(system, programme.id, 219);
      const meter = await meterDynamo();
      const lead = system.as('lead.both');
      await lead.get('/me');
      const journeyId = 'varied-000001';
      const routes: Record<string, () => Promise<{ status: number }>> = {
        'GET /programmes/{id}/enrolments (overview)': () => lead.get(`/programmes/${programme.id}/enrolments`),
        'GET /programmes/{id}/enrolments?overdue=true': () => lead.get(`/programmes/${programme.id}/enrolments?overdue=true`),
        'GET /enrolments/{id} (journey)': () => lead.get(`/enrolments/${journeyId}`),
        'GET /me/inbox': () => lead.get('/me/inbox'),
        'POST /enrolments/{id}/notes (write)': () => lead.post(`/enrolments/${journeyId}/notes`, { kind: 'note', text: 'Bench' }),
      };
      const figures: Figure[] = [];
      const detail: Record<string, unknown> = {};
      for (const [route, call] of Object.entries(routes)) {
        progress(route);
        const total: number[] = [];
        const inDynamo: number[] = [];
        for (let run = 0; run < WARM_UP + RUNS; run++) {
          meter.reset();
          const start = performance.now();
          const reply = await call();
          const end = performance.now();
          if (reply.status >= 300) throw new Error(`${route}: ${reply.status}`);
          if (run < WARM_UP) continue;
          total.push(end - start);
          inDynamo.push(meter.busyMs(start, end));
        }
        const ratio = median(total) / median(inDynamo);
        detail[route] = { p50Ms: median(total), dynamoP50Ms: median(inDynamo), dynamoCalls: meter.calls };
        figures.push(limited('P2', `${route}: p50 ÷ DynamoDB p50`, ratio, '×', 1.5));
      }
      return { figures, detail };
    } finally {
      await system.stop();
    }
  },
};

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(apiOverhead);
