import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenProgrammeWithStaff } from '../support/system.js';
import { expectAccessible, screenshot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';

/*
 * Booking an intake, registering a no-show and finding the reminder in the inbox, in a real browser.
 * Runs once the appointments routes (branch `watch`) are in the contract.
 */

describe('appointments and attendance', () => {
  let bs: BrowserSystem;
  let id: string;

  beforeAll(async () => {
    bs = await startBrowserSystem();
    // A Monday morning in Copenhagen, far from public holidays.
    expect((await bs.system.request('POST', '/local/clock', { body: { now: '2031-03-03T08:00:00+01:00' } })).status).toBe(200);
    const { programme } = await givenProgrammeWithStaff(bs.system);
    const enrolled = await bs.system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, { cpr: '150585-1234', name: 'Dorte Fiktivsen', municipality: '0183' });
    id = enrolled.body.id;
    expect((await bs.system.as('lead.both').post(`/enrolments/${id}/screening`, { colour: 'orange', reason: 'Har brug for en tovholder' })).status).toBe(200);
  });
  afterAll(() => bs?.stop());

  it('books an intake with week number, registers a no-show and shows the reminder in the inbox', async () => {
    const { page, context } = await signIn(bs, 'lead.both');
    await page.goto(`${bs.system.url}/#/borger/${id}`);
    await page.getByText('Book en aftale').click();
    const form = page.getByRole('form', { name: 'Book en aftale' });
    expect(await form.getByLabel('Dato').inputValue()).toBe('2031-03-03');
    expect(await form.locator('.hint').first().textContent()).toBe('Uge 10');
    await form.getByLabel('Fra kl.').fill('10:00');
    await form.getByLabel('Til kl.').fill('09:00');
    await form.getByLabel('Ansvarlig').selectOption({ label: 'tov.ishoj' });
    await form.getByRole('button', { name: 'Book aftale' }).click();
    await expect.poll(() => form.locator('.field.has-error').first().textContent()).toContain('Til kl.');
    expect(await form.getByLabel('Ansvarlig').inputValue()).toBe('tov.ishoj');

    await form.getByLabel('Til kl.').fill('10:45');
    await form.getByRole('button', { name: 'Book aftale' }).click();
    const row = page.locator('#appointments tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('Uge 10, 03.03.2031 kl. 10:00–10:45');
    expect(await row.textContent()).toContain('Indledende samtale');
    await expectAccessible(page, 'citizen with appointment');

    await bs.system.advance('PT3H');
    await page.reload();
    await page.locator('#appointments').getByRole('button', { name: 'Udeblevet' }).click();
    await page.getByRole('status').filter({ hasText: 'Fremmøde registreret: Udeblevet' }).waitFor();
    await expect.poll(() => page.locator('#appointments tbody tr').first().textContent()).toContain('Udeblevet');
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('Fremmøde: udeblevet');
    await screenshot(page, 'citizen-appointments');

    await page.getByRole('link', { name: /Indbakke/ }).click();
    const reminder = page.locator('.inbox li').filter({ hasText: 'Udeblevet fra aftale' });
    await expect.poll(() => reminder.count()).toBe(1);
    await reminder.getByRole('link', { name: 'Åbn borgerens forløb' }).click();
    await page.getByRole('heading', { name: /Dorte Fiktivsen/ }).waitFor();
    await context.close();
  });

  it('records PHQ-9 twice and shows the scores over time in a chart, with the safety flag', async () => {
    const { page, context } = await signIn(bs, 'lead.both');
    await page.goto(`${bs.system.url}/#/borger/${id}`);
    await page.getByText('Registrér en måling').click();
    const form = page.getByRole('form', { name: 'Registrér en måling' });
    const answer = async (values: number[]) => {
      for (const [n, v] of values.entries()) await form.getByLabel(new RegExp(`^Spørgsmål ${n + 1}:`)).selectOption(String(v));
    };
    await form.getByLabel('Dato').fill('2031-02-01');
    await answer([3, 3, 2, 2, 2, 2, 2, 1, 0]);
    await form.getByRole('button', { name: 'Gem måling' }).click();
    await page.locator('#instruments [role="status"]').filter({ hasText: 'Score 17' }).waitFor();
    expect(await page.locator('#instruments [role="status"]').textContent()).toContain('Moderat svær');

    await form.getByLabel('Dato').fill('2031-03-01');
    await answer([1, 1, 1, 1, 1, 1, 1, 0, 1]);
    await form.getByRole('button', { name: 'Gem måling' }).click();
    await page.locator('#instruments [role="status"]').filter({ hasText: 'Score 8' }).waitFor();
    expect(await page.locator('#instruments [role="status"]').textContent()).toContain('Selvmordstanker');
    const chart = page.getByRole('img', { name: /PHQ-9/ });
    await expect.poll(() => chart.getAttribute('aria-label')).toContain('01.02.2031 17; 01.03.2031 8');
    expect(await chart.locator('circle').count()).toBe(2);
    await expectAccessible(page, 'citizen with instruments');
    await screenshot(page, 'citizen-instruments');
    await context.close();
  });
});
