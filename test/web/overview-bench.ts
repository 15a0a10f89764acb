import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWeb } from '../../web/build.js';
import { givenProgrammeWithStaff } from '../support/system.js';
import { signIn, startBrowserSystem, type BrowserSystem } from './browser.js';
import { measureOverview, seedCitizensDirectly } from './seed-citizens.js';

/* `npm run bench:web`: 10,000 citizens in one programme; the overview shows its first page (paged by 50). */
const COUNT = Number(process.env.BENCH_CITIZENS ?? 10_000);
let bs: BrowserSystem;
let programme: { id: string };

beforeAll(async () => {
  bs = await startBrowserSystem();
  ({ programme } = await givenProgrammeWithStaff(bs.system));
  const started = Date.now();
  await seedCitizensDirectly(bs.system, programme.id, COUNT);
  console.log(`seeded ${COUNT} citizens in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
afterAll(() => bs?.stop());

it(`renders the overview's first page at ${COUNT} citizens in under 2 s`, async () => {
  const { sizes } = buildWeb();
  console.log(`bundle: ${Object.entries(sizes).map(([n, b]) => `${n} ${b} B`).join(', ')}`);
  const { page, context } = await signIn(bs, 'lead.both');
  const timings: number[] = [];
  for (let run = 0; run < 5; run++) timings.push(await measureOverview(page, bs.system.url));
  console.log(`overview first render at ${COUNT} citizens: ${timings.map((t) => t.toFixed(0)).join(', ')} ms`);
  expect(await page.getByRole('button', { name: /Ikke screenet/ }).textContent()).toContain(String(COUNT));
  const more = Date.now();
  await page.getByRole('button', { name: 'Vis flere' }).click();
  await page.locator('table.overview tbody tr').nth(99).waitFor();
  console.log(`next page of 50: ${Date.now() - more} ms`);
  expect(Math.max(...timings.slice(1))).toBeLessThan(2000);
  await context.close();
});
