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
 * Many citizens fast, for measuring the overview: written through the journey store (the same batched
 * createJourneys transactions the enrolment routes use, with encrypted CPR and its lookup hash) without
 * starting a workflow each. Loaded lazily: the store's clients are made after the runtime set the endpoint.
 */
export async function seedCitizensDirectly(system: System, programmeId: string, count: number, offset = 0): Promise<void> {
  const { createJourneys, JOURNEYS_PER_TRANSACTION } = await import('../../functions/store/journeys.js');
  const { cprLookupHash, encryptCpr } = await import('../../functions/platform/cpr-vault.js');
  const { maskCpr, parseCpr } = await import('../../functions/contract/cpr.js');
  const { overdueFrom } = await import('../../functions/domain/step-clock.js');
  const { ProgrammeSettings } = await import('../../functions/contract/schemas.js');
  const { brugForAlle } = await import('../../functions/domain/templates/brug-for-alle.js');
  const at = (await system.request('GET', '/local/clock')).body.now as string;
  // As enrolment does: the screening deadline under the template's settings.
  const deadlineAt = overdueFrom('screening', new Date(at), { template: brugForAlle, settings: ProgrammeSettings.parse({}) });
  const citizen = async (i: number) => {
    const parsed = parseCpr(benchCpr(i));
    if (!parsed.ok) throw new Error(`bad bench CPR ${benchCpr(i)}`);
    return {
      cprHash: await cprLookupHash(parsed.cpr),
      journey: {
        id: `bench-${String(i).padStart(6, '0')}`,
        programmeId,
        template: 'brug-for-alle' as const,
        templateVersion: 1,
        municipality: i % 3 === 0 ? '0187' : '0183',
        name: benchName(i),
        cprEncrypted: await encryptCpr(parsed.cpr),
        cprMasked: maskCpr(parsed.cpr),
        birthDate: parsed.birthDate,
        phone: null,
        email: null,
        colour: null,
        stage: 'screening' as const,
        stageEnteredAt: at,
        baseline: null,
        screening: null,
        exitReason: null,
        primaryTovholder: null,
        secondaryTovholder: null,
        needsTovholder: false,
        needsTovholderSince: null,
        deadlineAt,
        outcome: null,
        enrolledBy: 'bench',
        legalHold: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
      },
    };
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
