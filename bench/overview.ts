/**
 * P1, read amplification: items DynamoDB reads (ScannedCount) ÷ items returned, for the first page of every
 * overview query — no filter, each colour, stage and municipality, overdue, by CPR — at 219 and at 10,000
 * journeys in one programme (test/support/overview-data.ts). Goal ≤ 1.1 for each.
 */
import { givenProgrammeWithStaff, startSystem } from '../test/support/system.js';
import { measureOverviewReads, seedVariedJourneys, type OverviewRead } from '../test/support/overview-data.js';
import { type Figure, limited, type Part, progress, runAlone } from './results.js';

const SIZES = [219, Number(process.env.BENCH_OVERVIEW_JOURNEYS ?? 10_000)];

export const overview: Part = {
  name: 'overview',
  async run() {
    const system = await startSystem();
    try {
      const { programme } = await givenProgrammeWithStaff(system);
      const figures: Figure[] = [];
      const detail: Record<string, OverviewRead[]> = {};
      let seeded = 0;
      for (const size of SIZES) {
        progress(`seeding to ${size} journeys`);
        await seedVariedJourneys(system, programme.id, size - seeded, seeded);
        seeded = size;
        const reads = await measureOverviewReads(programme.id, size, (await system.request('GET', '/local/clock')).body.now);
        detail[size] = reads;
        const worst = reads.reduce((a, b) => (b.amplification > a.amplification ? b : a));
        figures.push(limited('P1', `read amplification at ${size} journeys, worst of ${reads.length} queries (${worst.query})`, worst.amplification, '×', 1.1));
      }
      return { figures, detail };
    } finally {
      await system.stop();
    }
  },
};

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(overview);
