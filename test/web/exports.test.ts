import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalCpr } from '../support/journeys.js';
import { givenProgrammeWithStaff } from '../support/system.js';
import { expectAccessible, screenshot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';

/* The evaluator's page and the steering dashboard in a real browser. */
let bs: BrowserSystem;
let programme: { id: string };
const names: string[] = [];
let someJourney = '';

beforeAll(async () => {
  bs = await startBrowserSystem();
  ({ programme } = await givenProgrammeWithStaff(bs.system));
  for (let i = 0; i < 12; i++) {
    const name = `Borger${i} Fiktivsen`;
    const reply = await bs.system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, { cpr: fictionalCpr('8' + (i % 10), 1), name, municipality: '0183' });
    expect(reply.status).toBe(201);
    names.push(name);
    someJourney = reply.body.id;
    if (i < 6) expect((await bs.system.as('lead.both').post(`/enrolments/${reply.body.id}/screening`, { colour: 'green', reason: 'Screening' })).status).toBe(200);
  }
});
afterAll(() => bs?.stop());

describe('the evaluator', () => {
  it('is among the demo users to sign in as', async () => {
    const context = await bs.browser.newContext({ locale: 'da-DK' });
    const page = await context.newPage();
    await page.goto(`${bs.system.url}/#/login`);
    await page.getByRole('button', { name: /^Eva Evaluator/ }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Hovedmenu' }).textContent()).toContain('Evaluering');
    await context.close();
  });

  it('has the evaluation pages only: a citizen’s address shows the exports, not the citizen', async () => {
    const { page, context } = await signIn(bs, 'eva.evaluator');
    const nav = page.getByRole('navigation', { name: 'Hovedmenu' });
    await expect.poll(() => nav.textContent()).toContain('Evaluering');
    expect(await nav.textContent()).not.toContain('Overblik');
    await page.goto(`${bs.system.url}/#/borger/${someJourney}`);
    await page.getByRole('heading', { name: /Evaluering/ }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Fiktivsen');
    await context.close();
  });

  it('starts an export, follows its progress and downloads its files', async () => {
    const { page, context } = await signIn(bs, 'eva.evaluator');
    await page.getByRole('link', { name: 'Evaluering' }).click();
    await page.getByRole('button', { name: 'Start udtræk' }).click();
    const status = page.locator('.export-progress');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('Færdig');
    await expectAccessible(page, 'evaluation');
    await screenshot(page, 'evaluation');
    const [download] = await Promise.all([page.waitForEvent('download'), status.getByRole('button', { name: 'Hent panel.csv' }).click()]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFFpseudonym;municipality;')).toBe(true);
    expect(text.split('\r\n').length - 2).toBe(12);
    for (const name of names) expect(text).not.toContain(name);
    await expect.poll(() => page.locator('#exports table tbody tr').count()).toBe(1);
    await context.close();
  });
});

describe('the steering dashboard', () => {
  it('draws the funnel, the goal and baseline against a year later as charts, each with its numbers in a table', async () => {
    const { page, context } = await signIn(bs, 'lead.both');
    await page.getByRole('link', { name: 'Styring' }).click();
    await page.getByRole('heading', { name: /Styring/ }).waitFor();
    await expect.poll(() => page.locator('canvas').count()).toBe(3);
    for (const id of ['funnel', 'goal', 'baseline']) expect(await page.locator(`#${id} table`).count()).toBe(1);
    const funnel = page.locator('#funnel table');
    await page.getByLabel('Kommune').selectOption('0183');
    await expect.poll(() => funnel.locator('tr', { hasText: 'Indskrevet' }).textContent()).toContain('12');
    expect(await funnel.locator('tr', { hasText: 'Screenet' }).textContent()).toContain('6');
    // Vallensbæk has no citizen: nothing there to hide, and nothing to show.
    expect(await page.locator('#goal table').textContent()).toContain('50 %');
    // The canvases are drawn by chart.js (a drawn canvas is not blank).
    const drawn = await page.locator('#funnel canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL() !== document.createElement('canvas').toDataURL());
    expect(drawn).toBe(true);
    await expectAccessible(page, 'dashboard');
    await screenshot(page, 'dashboard');
    await context.close();
  });
});
