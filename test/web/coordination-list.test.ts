import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';

/* The coordination group's month list in a real browser: repeaters marked, misplaced with confirmation, kept with a responsible, the meeting. */
let bs: BrowserSystem;
let programme: { id: string };
let listId: string;

const csv = (rows: string[]) => ['cpr;name;municipality', ...rows].join('\n');

beforeAll(async () => {
  bs = await startBrowserSystem();
  const system = bs.system;
  expect((await system.request('POST', '/local/clock', { body: { now: '2031-01-06T09:00:00+01:00' } })).status).toBe(200);
  const admin = system.as('admin');
  programme = (await admin.post('/programmes', { name: 'Ungekoordinering Brøndby', template: 'youth-coordination', municipalities: ['0153'] })).body;
  for (const user of [
    { username: 'lead.brondby', name: 'Birgit Leder', roles: ['lead'] },
    { username: 'uu.anne', name: 'Anne UU', roles: ['coordination-member'] },
  ]) {
    expect((await admin.post('/users', { ...user, email: `${user.username}@example.org`, municipalities: ['0153'], programmes: [programme.id] })).status).toBe(201);
  }
  const lead = system.as('lead.brondby');
  const upload = (month: string, rows: string[]) => lead.post(`/programmes/${programme.id}/coordination-lists?month=${month}`, undefined, { raw: csv(rows), contentType: 'text/csv' });
  const dec = (await upload('2030-12', ['0105144001;Anna Gentager;0153'])).body;
  expect((await lead.patch(`/coordination-lists/${dec.id}/entries/${dec.entries[0].entryId}`, { status: 'kept', responsible: 'uu.anne' })).status).toBe(200);
  const jan = await upload('2031-01', ['0105144001;Anna Gentager;0153', '0206144002;Bo Ny;0153', '0307154003;Carl Fejl;0153']);
  expect(jan.status).toBe(201);
  listId = jan.body.id;
});
afterAll(() => bs?.stop());

describe("the month's coordination list", () => {
  it('marks repeaters, erases a misplaced entry after confirmation, keeps one with a responsible and records the meeting', async () => {
    const { page, context } = await signIn(bs, 'uu.anne');
    // A member's start page is the coordination group's, not the programme's overview.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 10_000 }).toBe('Koordineringsgruppen');
    await page.goto(`${bs.system.url}/#/koordinering/${listId}`);
    const rows = page.locator('#entries tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(3);
    expect(await rows.nth(0).textContent()).toContain('Gentager (2. måned)');
    expect(await rows.nth(1).textContent()).not.toContain('Gentager');
    await expectAccessible(page, 'coordination list');
    await screenshot(page, 'coordination-list');

    // Misplaced: asked first; cancelling changes nothing, accepting erases the name.
    page.once('dialog', (d) => void d.dismiss());
    await rows.nth(2).getByRole('button', { name: 'Fejlplaceret' }).click();
    expect(await rows.nth(2).textContent()).toContain('Carl Fejl');
    page.once('dialog', (d) => void d.accept());
    await rows.nth(2).getByRole('button', { name: 'Fejlplaceret' }).click();
    await expect.poll(() => rows.nth(2).textContent(), { timeout: 10_000 }).toContain('Fejlplaceret (slettet)');
    expect(await page.locator('#entries').textContent()).not.toContain('Carl Fejl');

    // Kept with a responsible: the young person is enrolled and linked.
    await rows.nth(1).getByLabel('Ansvarlig for Bo Ny').selectOption('uu.anne');
    await rows.nth(1).getByRole('button', { name: 'Behold' }).click();
    await expect.poll(() => rows.nth(1).textContent(), { timeout: 10_000 }).toContain('Beholdt');
    expect(await rows.nth(1).getByRole('link', { name: 'Bo Ny' }).count()).toBe(1);

    await page.getByLabel('Holdt').fill('2031-01-06T10:00');
    await page.getByRole('checkbox', { name: 'Anne UU' }).check();
    await page.getByRole('button', { name: 'Registrér mødet' }).click();
    await expect.poll(() => page.locator('#meeting').textContent(), { timeout: 10_000 }).toContain('Gengangere');
    expect(await page.locator('#meeting dl').textContent()).toContain('I restgruppen1');
    await context.close();
  });

  it('shows the months with their indicators in a table beside the chart', async () => {
    const { page, context } = await signIn(bs, 'lead.brondby');
    await page.goto(`${bs.system.url}/#/koordinering`);
    const table = page.locator('#indicators table');
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(2);
    expect(await table.locator('tbody tr').nth(1).textContent()).toContain('januar 2031');
    expect(await page.locator('#indicators svg[role="img"]').count()).toBe(1);
    await expectAccessible(page, 'coordination months');
    await context.close();
  });
});
