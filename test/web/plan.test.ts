import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenProgrammeWithStaff } from '../support/system.js';
import { expectAccessible, screenshot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';

/*
 * From the preparatory form through the team meeting to the plan, in a real browser; then the same plan
 * edited in two browser contexts at once. Runs once the plan and team-meeting routes (branch `plan`) are in
 * the contract.
 */

describe('preparatory form, team meeting and plan', () => {
  let bs: BrowserSystem;
  let id: string;

  beforeAll(async () => {
    bs = await startBrowserSystem();
    expect((await bs.system.request('POST', '/local/clock', { body: { now: '2031-03-03T08:00:00+01:00' } })).status).toBe(200);
    const { programme } = await givenProgrammeWithStaff(bs.system);
    const enrolled = await bs.system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, { cpr: '150585-1234', name: 'Erik Fiktivsen', municipality: '0183' });
    id = enrolled.body.id;
    expect((await bs.system.as('lead.both').post(`/enrolments/${id}/screening`, { colour: 'orange', reason: 'Flere problemer' })).status).toBe(200);
  });
  afterAll(() => bs?.stop());

  it('fills in the preparatory form and is told which units to call in', async () => {
    const { page, context } = await signIn(bs, 'lead.both');
    await page.goto(`${bs.system.url}/#/borger/${id}`);
    await page.getByRole('button', { name: 'Udfyld skema' }).click();
    const form = page.getByRole('form', { name: 'Forberedelsesskema' });
    await form.getByRole('checkbox', { name: 'Rusmiddelforbrug' }).check();
    await form.getByLabel('Udfordring (Rusmiddelforbrug)').fill('Hash dagligt');
    await form.getByLabel('Prioritet (Rusmiddelforbrug)').fill('1');
    await form.getByRole('button', { name: 'Gem skema' }).click();
    await expect.poll(() => page.locator('#preparatory-form [role="status"]').textContent()).toContain('Foreslåede enheder');
    await expect.poll(() => page.locator('#preparatory-form').textContent()).toContain('Hash dagligt');
    await context.close();
  });

  it('plans a team meeting whose proposed agenda holds the citizen, downloads the invite and records the recommendation', async () => {
    const { page, context } = await signIn(bs, 'lead.both');
    await page.getByRole('link', { name: 'Teammøder' }).click();
    const form = page.getByRole('form', { name: 'Planlæg et teammøde' });
    await form.getByLabel('Dato').fill('2031-03-05');
    await expectAccessible(page, 'team meetings');
    await form.getByRole('button', { name: 'Opret møde og foreslå dagsorden' }).click();
    await page.getByRole('heading', { name: /Teammøde uge 10, 05\.03\.2031/ }).waitFor();
    const item = page.getByRole('form', { name: 'Anbefalinger for Erik Fiktivsen' });
    await item.waitFor();
    await expectAccessible(page, 'team meeting');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Hent invitation (.ics)' }).click();
    const ics = readFileSync((await (await download).path())!, 'utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).not.toContain('Erik');
    expect(ics).not.toContain('150585');

    await item.getByRole('checkbox', { name: 'Borgeren deltog' }).check();
    await item.getByLabel('Anbefaling 1', { exact: true }).fill('Kontakt til misbrugscentret');
    await item.getByRole('button', { name: 'Gem anbefalinger' }).click();
    // Too early: the meeting has not begun. The rule is told in Danish and the recommendation stays typed.
    await expect.poll(() => item.getByRole('alert').textContent()).toContain('når mødet er begyndt');
    expect(await item.getByLabel('Anbefaling 1', { exact: true }).inputValue()).toBe('Kontakt til misbrugscentret');
    expect((await bs.system.request('POST', '/local/clock', { body: { now: '2031-03-05T13:05:00+01:00' } })).status).toBe(200);
    await item.getByRole('button', { name: 'Gem anbefalinger' }).click();
    await item.getByRole('status').filter({ hasText: 'Gemt' }).waitFor();
    await screenshot(page, 'team-meeting');
    const journey = (await bs.system.as('lead.both').get(`/enrolments/${id}`)).body;
    expect(journey.stage).toBe('plan');
    await context.close();
  });

  it('creates the plan in the editor: a missing goal is shown at its field, parallel interventions side by side in the month grid', async () => {
    const { page, context } = await signIn(bs, 'tov.ishoj');
    await page.goto(`${bs.system.url}/#/borger/${id}`);
    await page.getByRole('button', { name: 'Opret plan' }).click();
    const editor = page.getByRole('form', { name: 'Redigér indsatsplan' });
    await editor.getByLabel('Overordnet mål').fill('Tættere på arbejdsmarkedet');
    await editor.getByRole('checkbox', { name: 'Borgeren er enig i planen' }).check();
    const first = editor.locator('fieldset.intervention').nth(0);
    await first.getByLabel('Titel').fill('Virksomhedspraktik');
    await first.getByLabel('Ansvarlig').fill('Virksomhedskonsulent');
    await first.getByLabel('Fra måned').fill('2031-04');
    await first.getByLabel('Til måned').fill('2031-07');
    await editor.getByRole('button', { name: 'Tilføj indsats' }).click();
    const second = editor.locator('fieldset.intervention').nth(1);
    await second.getByLabel('Titel').fill('Misbrugsbehandling');
    await second.getByLabel('Område').selectOption('health');
    await second.getByLabel('Ansvarlig').fill('Misbrugscentret');
    await second.getByLabel('Fra måned').fill('2031-05');
    await second.getByLabel('Mål for indsatsen').fill('Stabilt forbrug');
    await editor.getByRole('button', { name: 'Gem plan' }).click();
    await expect.poll(() => first.locator('.field.has-error').textContent()).toContain('Skal udfyldes');
    expect(await second.locator('.field.has-error').count()).toBe(0);
    expect(await second.getByLabel('Titel').inputValue()).toBe('Misbrugsbehandling');
    await expectAccessible(page, 'plan editor');

    await first.getByLabel('Mål for indsatsen').fill('10 timer om ugen');
    await editor.getByRole('button', { name: 'Gem plan' }).click();
    await page.getByRole('status').filter({ hasText: 'Planen er gemt' }).waitFor();
    const grid = page.locator('#plan .month-grid tbody tr');
    await expect.poll(() => grid.count()).toBe(2);
    // May 2031 is the 3rd column after the name: both run in parallel then.
    const may = (row: number) => grid.nth(row).locator('td').nth(1).getAttribute('class');
    expect(await may(0)).toContain('on');
    expect(await may(1)).toContain('on');
    await screenshot(page, 'citizen-plan');
    await context.close();
  });

  it('shows a conflict when two people edit the plan at once, and loses nothing of the second one’s work', async () => {
    const a = await signIn(bs, 'tov.ishoj');
    const b = await signIn(bs, 'lead.both');
    for (const { page } of [a, b]) {
      await page.goto(`${bs.system.url}/#/borger/${id}`);
      await page.getByRole('button', { name: 'Redigér plan' }).click();
    }
    const editorA = a.page.getByRole('form', { name: 'Redigér indsatsplan' });
    await editorA.getByLabel('Overordnet mål').fill('Ordinært job');
    await editorA.getByRole('button', { name: 'Gem plan' }).click();
    await a.page.getByRole('status').filter({ hasText: 'Planen er gemt' }).waitFor();

    const editorB = b.page.getByRole('form', { name: 'Redigér indsatsplan' });
    await editorB.locator('fieldset.intervention').nth(1).getByLabel('Mål for indsatsen').fill('Ude af misbrug');
    await editorB.getByRole('button', { name: 'Gem plan' }).click();
    const conflict = b.page.locator('.conflict');
    await expect.poll(() => conflict.textContent()).toContain('En anden har gemt planen');
    await expect.poll(() => conflict.textContent()).toContain('nu version 2');
    expect(await editorB.locator('fieldset.intervention').nth(1).getByLabel('Mål for indsatsen').inputValue()).toBe('Ude af misbrug');
    await expect.poll(() => b.page.locator('#plan > p').first().textContent()).toContain('Ordinært job');
    await expectAccessible(b.page, 'plan conflict');
    await screenshot(b.page, 'plan-conflict');

    await conflict.getByRole('button', { name: 'Gem min udgave oven på den nye' }).click();
    await b.page.getByRole('status').filter({ hasText: 'Planen er gemt' }).waitFor();
    const plan = (await bs.system.as('lead.both').get(`/enrolments/${id}`)).body.plan;
    expect(plan.version).toBe(3);
    expect(plan.interventions[1].goal).toBe('Ude af misbrug');
    await a.context.close();
    await b.context.close();
  });
});
