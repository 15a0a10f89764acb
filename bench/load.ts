/**
 * Load: 50 concurrent users for 60 s on `npm start` (local/main.ts in its own process, with the demo data),
 * with autocannon: 20 reading the overview, 20 reading a citizen's journey (audited reads), 10 writing journal
 * notes, each connection a different user with their own token. Goal: 0 errors (non-2xx, timeouts, socket
 * errors); p50 and p99 per route. No worklist route exists yet (api.md): it is left out until it does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../local/dynamodb-local.js';
import { NpmStart } from '../test/support/npm-start.js';
import { type Figure, type Part, progress, runAlone } from './results.js';

const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const USERS = { overview: 20, journey: 20, notes: 10 };

export const load: Part = {
  name: 'load',
  async run() {
    const dataDir = mkdtempSync(join(tmpdir(), 'forlob-load-'));
    const app = new NpmStart(dataDir, await freePort(), { SEED_DEMO: '1', POWERTOOLS_LOG_LEVEL: 'WARN' });
    progress('npm start with the demo data');
    await app.start();
    try {
      const programme = (await app.as('lise.leder').get('/programmes')).body.items[0];
      const journeys = (await app.as('lise.leder').get(`/programmes/${programme.id}/enrolments`)).body.items.filter((j: { stage: string }) => j.stage !== 'closed');
      const total = USERS.overview + USERS.journey + USERS.notes;
      progress(`${total} users, each with a token`);
      const tokens: string[] = [];
      for (let i = 0; i < total; i++) {
        const username = `load.${i}`;
        const made = await app.as('admin').post('/users', { username, name: `Belastning ${i}`, email: `${username}@example.org`, roles: ['lead'], municipalities: programme.municipalities, programmes: [programme.id] });
        if (made.status !== 201) throw new Error(`user ${username}: ${made.status}`);
        tokens.push((await app.request('POST', '/local/token', { body: { username } })).body.token);
      }
      let next = 0;
      const instance = (name: keyof typeof USERS, request: (i: number) => { method: 'GET' | 'POST'; path: string; body?: string }) => {
        const first = next;
        next += USERS[name];
        let client = 0;
        return autocannon({
          url: app.url,
          connections: USERS[name],
          duration: SECONDS,
          timeout: 10,
          requests: [
            {
              setupRequest: (req) => ({ ...req, ...request(Math.floor(Math.random() * journeys.length)) }),
            },
          ],
          setupClient: (c) => c.setHeaders({ authorization: `Bearer ${tokens[first + (client++ % USERS[name])]}`, 'content-type': 'application/json' }),
        });
      };
      progress(`${SECONDS} s of load`);
      const results = await Promise.all([
        instance('overview', () => ({ method: 'GET', path: `/programmes/${programme.id}/enrolments` })),
        instance('journey', (i) => ({ method: 'GET', path: `/enrolments/${journeys[i].id}` })),
        instance('notes', (i) => ({ method: 'POST', path: `/enrolments/${journeys[i].id}/notes`, body: JSON.stringify({ kind: 'note', text: 'Belastningstest' }) })),
      ]);
      const figures: Figure[] = [];
      const detail: Record<string, unknown> = {};
      const routes = ['GET /programmes/{id}/enrolments', 'GET /enrolments/{id}', 'POST /enrolments/{id}/notes'];
      results.forEach((r, i) => {
        const errors = r.errors + r.timeouts + r.non2xx;
        detail[routes[i]!] = { requests: r.requests.total, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max }, requestsPerSecond: r.requests.average };
        figures.push({ part: 'load', figure: `${routes[i]}: errors of ${r.requests.total}`, value: errors, unit: '', goal: '= 0', held: errors === 0 });
        figures.push({ part: 'load', figure: `${routes[i]}: p50`, value: r.latency.p50, unit: 'ms' });
        figures.push({ part: 'load', figure: `${routes[i]}: p99`, value: r.latency.p99, unit: 'ms' });
      });
      figures.push({ part: 'load', figure: 'worklist: no such route yet, not loaded', value: null, unit: '' });
      return { figures, detail };
    } finally {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(load);
