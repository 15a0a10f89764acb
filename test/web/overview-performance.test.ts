import { afterAll, beforeAll, expect, it } from 'vitest';
import { givenProgrammeWithStaff } from '../support/system.js';
import { expectAccessible, screenshot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';
import { measureOverview, seedCitizensDirectly } from './seed-citizens.js';

/* The overview of the Brug for alle pilot's size (219 citizens) renders its first page within a second. */
let bs: BrowserSystem;
let programme: { id: string };

beforeAll(async () => {
  bs = await startBrowserSystem();
  ({ programme } = await givenProgrammeWithStaff(bs.system));
  await seedCitizensDirectly(bs.system, programme.id, 219);
});
afterAll(() => bs?.stop());

it('renders the first page of 219 citizens in under 1 s, with the counts of all of them, and pages on', async () => {
  const { page, context } = await signIn(bs, 'lead.both');
  const timings: number[] = [];
  for (let run = 0; run < 5; run++) timings.push(await measureOverview(page, bs.system.url));
  console.log(`overview first render at 219 citizens: ${timings.map((t) => t.toFixed(0)).join(', ')} ms`);
  expect(Math.min(...timings)).toBeLessThan(1000);
  expect(await page.getByRole('button', { name: /Ikke screenet/ }).textContent()).toContain('219');
  await expectAccessible(page, 'overview (219)');
  await screenshot(page, 'overview-219');

  const rows = page.locator('table.overview tbody tr');
  expect(await rows.count()).toBe(50);
  await page.getByRole('button', { name: 'Vis flere' }).click();
  await expect.poll(() => rows.count()).toBe(100);
  expect(await page.locator('.paging').textContent()).toContain('Viser 100 af 219');

  await page.getByRole('button', { name: /Ikke screenet/ }).click();
  await expect.poll(() => page.url()).toContain('colour=unscreened');
  await page.getByRole('form', { name: 'Filtre' }).getByLabel('Kommune').selectOption('0187');
  await expect.poll(() => rows.first().textContent()).toContain('Vallensbæk');
  expect(await page.locator('table.overview').textContent()).not.toContain('Ishøj');
  await context.close();
});
