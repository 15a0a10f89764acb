import type { System } from './system.js';
import { benchCpr, benchName } from '../web/seed-citizens.js';

/*
 * A programme's journeys in every colour, stage and municipality, a few of them overdue, written through the
 * journey store (createJourneys, as enrolment does) without a workflow each: what the overview's read
 * amplification is measured on (test/local/overview-reads.test.ts, bench/overview.ts). Loaded lazily: the
 * store's clients are made after the runtime set the endpoint.
 */
export const COLOURS = ['green', 'orange', 'red', 'blue', 'unscreened'] as const;
export const STAGES = ['screening', 'intake', 'preparatory-form', 'team-meeting', 'plan', 'follow-up', 'aftercare', 'closed'] as const;
export const MUNICIPALITIES = ['0183', '0187'];
/** One journey in this many is overdue (its deadline passed a day ago), one in 2× this many needs a tovholder. */
const OVERDUE_ONE_IN = 50;

/** Journeys `offset` … `offset + count - 1` (so a programme can be grown in steps). */
export async function seedVariedJourneys(system: System, programmeId: string, count: number, offset = 0): Promise<void> {
  const { createJourneys, JOURNEYS_PER_TRANSACTION } = await import('../../functions/store/journeys.js');
  const { getProgramme } = await import('../../functions/store/programmes.js');
  const { newJourney } = await import('../../functions/app/enrolment.js');
  const { parseCpr } = await import('../../functions/contract/cpr.js');
  const at = (await system.request('GET', '/local/clock')).body.now as string;
  const dayBefore = new Date(Date.parse(at) - 86_400_000).toISOString();
  const weekAfter = new Date(Date.parse(at) + 7 * 86_400_000).toISOString();
  const programme = await getProgramme(programmeId);
  if (!programme) throw new Error(`seeding: no programme ${programmeId}`);
  const citizen = async (i: number) => {
    const parsed = parseCpr(benchCpr(i));
    if (!parsed.ok) throw new Error(`bad bench CPR ${benchCpr(i)}`);
    const made = await newJourney(programme, 'bench', { cpr: parsed.cpr, birthDate: parsed.birthDate, name: benchName(i), municipality: MUNICIPALITIES[i % 3 === 0 ? 1 : 0]! }, at);
    const colour = COLOURS[i % COLOURS.length]!;
    const stage = STAGES[Math.floor(i / COLOURS.length) % STAGES.length]!;
    return {
      ...made,
      journey: {
        ...made.journey,
        id: `varied-${String(i).padStart(6, '0')}`,
        colour: colour === 'unscreened' ? null : colour,
        stage,
        deadlineAt: i % OVERDUE_ONE_IN === 0 ? dayBefore : stage === 'follow-up' || stage === 'closed' ? null : weekAfter,
        needsTovholderSince: i % (2 * OVERDUE_ONE_IN) === 7 ? dayBefore : null,
      },
    };
  };
  for (let from = offset; from < offset + count; from += JOURNEYS_PER_TRANSACTION) {
    const size = Math.min(JOURNEYS_PER_TRANSACTION, offset + count - from);
    const { created } = await createJourneys(await Promise.all(Array.from({ length: size }, (_, k) => citizen(from + k))));
    if (created.length !== size) throw new Error(`seeding: ${size - created.length} citizens were not created`);
  }
}

export interface OverviewRead {
  query: string;
  returned: number;
  read: number;
  /** Items read ÷ items returned (1 when nothing is returned and nothing read). */
  amplification: number;
}

/** The first page of every overview query a user makes: none, each colour, stage and municipality, overdue, by CPR. */
export async function measureOverviewReads(programmeId: string, count: number, at: string): Promise<OverviewRead[]> {
  const { queryOverview, findJourneyByCpr } = await import('../../functions/store/journeys.js');
  const { cprLookupHash } = await import('../../functions/platform/cpr-vault.js');
  const { parseCpr } = await import('../../functions/contract/cpr.js');
  const all = { municipalities: MUNICIPALITIES };
  const queries: [string, Parameters<typeof queryOverview>[1]][] = [
    ['no filter', all],
    ...COLOURS.map((colour): [string, Parameters<typeof queryOverview>[1]] => [`colour=${colour}`, { ...all, colour }]),
    ...STAGES.map((stage): [string, Parameters<typeof queryOverview>[1]] => [`stage=${stage}`, { ...all, stage }]),
    ...MUNICIPALITIES.map((m): [string, Parameters<typeof queryOverview>[1]] => [`municipality=${m}`, { municipalities: [m] }]),
    ['overdue=true', { ...all, overdueAt: at }],
  ];
  const reads: OverviewRead[] = [];
  const of = (query: string, returned: number, read: number) => reads.push({ query, returned, read, amplification: returned ? read / returned : read === 0 ? 1 : Infinity });
  for (const [query, filter] of queries) {
    const page = await queryOverview(programmeId, filter, undefined);
    of(query, page.items.length, page.itemsRead);
  }
  const parsed = parseCpr(benchCpr(count - 1));
  if (!parsed.ok) throw new Error('bad bench CPR');
  const byCpr = await findJourneyByCpr(programmeId, await cprLookupHash(parsed.cpr));
  of('cpr', byCpr.journey ? 1 : 0, byCpr.itemsRead);
  return reads;
}
