import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';
import { measureOverviewReads, seedVariedJourneys, type OverviewRead } from '../support/overview-data.js';

/*
 * P1 (issue 18): every overview query reads only what it shows — each filter is a key condition of an
 * index (functions/store/overview.ts) — so a full page of 50 reads at most 1.1 items per item shown. 219
 * journeys here; bench/overview.ts measures 10,000 too.
 */
const COUNT = 219;
let system: System;
let reads: OverviewRead[];

beforeAll(async () => {
  system = await startSystem();
  const { programme } = await givenProgrammeWithStaff(system);
  await seedVariedJourneys(system, programme.id, COUNT);
  reads = await measureOverviewReads(programme.id, COUNT, (await system.request('GET', '/local/clock')).body.now);
}, 120_000);
afterAll(() => system?.stop());

describe('overview read amplification at 219 journeys', () => {
  it('reads every query of the overview with at most 1.1 items per item shown', () => {
    expect(reads.length).toBe(1 + 5 + 8 + 2 + 1 + 1);
    for (const read of reads) expect(read.amplification, read.query).toBeLessThanOrEqual(1.1);
  });

  it('fills a page where there are enough journeys, and finds the overdue and the one by CPR', () => {
    const byQuery = Object.fromEntries(reads.map((r) => [r.query, r]));
    expect(byQuery['no filter']!.returned).toBe(50);
    expect(byQuery['municipality=0187']!.returned).toBe(50);
    expect(byQuery['overdue=true']!.returned).toBeGreaterThan(0);
    expect(byQuery['cpr']).toMatchObject({ returned: 1, read: 1 });
  });
});
