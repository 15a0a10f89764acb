import type { System } from '../support/system.js';

/** A fictional, valid and unique CPR number for citizen i (i < 16,800): a real date in the 1900s. */
export function benchCpr(i: number): string {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
  const year = String(50 + Math.floor(i / 336)).padStart(2, '0');
  return `${day}${month}${year}-1${String(i % 1000).padStart(3, '0')}`;
}

const FIRST = ['Anders', 'Birthe', 'Casper', 'Ditte', 'Emil', 'Frida', 'Gustav', 'Hanne', 'Ib', 'Jytte', 'Karl', 'Lone'];
const LAST = ['Fiktivsen', 'Opdigtet', 'Prøvesen', 'Eksempel', 'Testesen'];
export const benchName = (i: number) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`;

/**
 * Many citizens fast, for measuring the overview: prepared by enrolment's own `newJourney` and written through
 * the journey store (the same batched createJourneys transactions the enrolment routes use) without starting
 * a workflow each. Loaded lazily: the store's clients are made after the runtime set the endpoint.
 */
export async function seedCitizensDirectly(system: System, programmeId: string, count: number, offset = 0): Promise<void> {
  const { createJourneys, JOURNEYS_PER_TRANSACTION } = await import('../../functions/store/journeys.js');
  const { getProgramme } = await import('../../functions/store/programmes.js');
  const { newJourney } = await import('../../functions/app/enrolment.js');
  const { parseCpr } = await import('../../functions/contract/cpr.js');
  const at = (await system.request('GET', '/local/clock')).body.now as string;
  const programme = await getProgramme(programmeId);
  if (!programme) throw new Error(`seeding: no programme ${programmeId}`);
  // As enrolment makes them, with ids that sort in the order of i.
  const citizen = async (i: number) => {
    const parsed = parseCpr(benchCpr(i));
    if (!parsed.ok) throw new Error(`bad bench CPR ${benchCpr(i)}`);
    const made = await newJourney(programme, 'bench', { cpr: parsed.cpr, birthDate: parsed.birthDate, name: benchName(i), municipality: i % 3 === 0 ? '0187' : '0183' }, at);
    return { ...made, journey: { ...made.journey, id: `bench-${String(i).padStart(6, '0')}` } };
  };
  for (let from = offset; from < offset + count; from += JOURNEYS_PER_TRANSACTION) {
    const size = Math.min(JOURNEYS_PER_TRANSACTION, offset + count - from);
    const batch = await Promise.all(Array.from({ length: size }, (_, k) => citizen(from + k)));
    const { created } = await createJourneys(batch);
    if (created.length !== size) throw new Error(`seeding: ${size - created.length} citizens were not created`);
  }
}

/** Milliseconds from navigation start to the overview's first table render, in a signed-in page. */
export async function measureOverview(page: import('playwright-core').Page, url: string): Promise<number> {
  await page.goto('about:blank');
  await page.goto(`${url}/#/oversigt`);
  await page.locator('table.overview tbody tr').first().waitFor();
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('overview-rendered')[0];
    if (!mark) throw new Error('the overview did not mark its first render');
    return mark.startTime;
  });
}
