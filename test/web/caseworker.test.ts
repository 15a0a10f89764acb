import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fictionalCpr } from '../support/journeys.js';
import { givenProgrammeWithStaff } from '../support/system.js';
import { expectAccessible, screenshot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';

/* The caseworker's day in a real browser: log in, find a citizen, screen them, see the reminders. */
let bs: BrowserSystem;
let programme: { id: string };
const citizens: { id: string; name: string; cpr: string; municipality: string }[] = [];

beforeAll(async () => {
  bs = await startBrowserSystem();
  ({ programme } = await givenProgrammeWithStaff(bs.system));
  const people = [
    ['Anna Fiktivsen', '0183'],
    ['Bent Opdigtet', '0183'],
    ['Cecilie Prøvesen', '0187'],
  ] as const;
  for (const [i, [name, municipality]] of people.entries()) {
    const cpr = fictionalCpr('9' + i, 1);
    const reply = await bs.system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, { cpr, name, municipality });
    expect(reply.status).toBe(201);
    citizens.push({ id: reply.body.id, name, cpr, municipality });
  }
});
afterAll(() => bs?.stop());

describe('log in and the overview', () => {
  it('refuses an unknown user in Danish and keeps what was typed', async () => {
    const context = await bs.browser.newContext({ bypassCSP: true }); // axe is injected inline (see signIn)
    const page = await context.newPage();
    await page.goto(`${bs.system.url}/`);
    await page.getByLabel('Brugernavn').fill('ukendt.bruger');
    await page.getByRole('button', { name: 'Log ind', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Log ind igen');
    expect(await page.getByLabel('Brugernavn').inputValue()).toBe('ukendt.bruger');
    await expectAccessible(page, 'login');
    await screenshot(page, 'login');
    await context.close();
  });

  it('shows a tovholder the citizens of their own municipality only, with counts, filters and CPR search', async () => {
    const { page, context } = await signIn(bs, 'tov.ishoj');
    const rows = page.locator('table.overview tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.locator('table.overview').textContent()).not.toContain('Cecilie');
    expect(await page.getByRole('button', { name: /Ikke screenet/ }).textContent()).toContain('2');
    await expectAccessible(page, 'overview');
    await screenshot(page, 'overview');

    await page.getByLabel('Søg på CPR-nummer').fill(citizens[1]!.cpr);
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Bent Opdigtet');

    await page.getByLabel('Søg på CPR-nummer').fill('311399-1234');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await expect.poll(() => page.locator('.field-error').textContent()).toContain('Ugyldigt CPR-nummer');
    expect(await page.getByLabel('Søg på CPR-nummer').inputValue()).toBe('311399-1234');
    await context.close();
  });
});

describe('keyboard', () => {
  it('signs in, skips to the content and opens a citizen with the keyboard alone', async () => {
    const context = await bs.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${bs.system.url}/`);
    await page.getByLabel('Brugernavn').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
    await page.keyboard.type('tov.ishoj');
    await page.keyboard.press('Enter');
    await page.locator('table.overview').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Spring til indhold');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    for (let i = 0; i < 30 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Anna Fiktivsen'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Anna Fiktivsen/ }).waitFor();
    await context.close();
  });
});

describe('the citizen page', () => {
  it('screens a citizen: a missing reason is shown next to its field, nothing typed is lost, then it saves', async () => {
    const { page, context } = await signIn(bs, 'tov.ishoj');
    await page.getByRole('link', { name: 'Anna Fiktivsen' }).click();
    await page.getByRole('heading', { name: /Anna Fiktivsen/ }).waitFor();
    await expectAccessible(page, 'citizen');

    await page.getByRole('radio', { name: 'Orange' }).check();
    await page.getByRole('button', { name: 'Gem screening' }).click();
    await expect.poll(() => page.locator('.field.has-error').textContent()).toContain('Skal udfyldes');
    expect(await page.getByRole('radio', { name: 'Orange' }).isChecked()).toBe(true);

    await page.getByLabel('Begrundelse').fill('Ledig i to år, ønsker hjælp med helbred');
    await page.getByRole('button', { name: 'Gem screening' }).click();
    await page.getByRole('status').filter({ hasText: 'Screeningen er gemt' }).waitFor();
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('Screenet');
    expect(await page.locator('.stages [aria-current="step"]').textContent()).toContain('Indledende samtale');
    await screenshot(page, 'citizen');

    const journey = await bs.system.as('lead.both').get(`/enrolments/${citizens[0]!.id}`);
    expect(journey.body.colour).toBe('orange');
    expect(journey.body.screening.reason).toBe('Ledig i to år, ønsker hjælp med helbred');
    await context.close();
  });

  it('asks for an exit reason when the colour is red', async () => {
    const { page, context } = await signIn(bs, 'lead.both');
    await page.goto(`${bs.system.url}/#/borger/${citizens[2]!.id}`);
    await page.getByRole('radio', { name: 'Rød' }).check();
    await page.getByLabel('Begrundelse').fill('Flytter til Aarhus');
    await page.getByRole('button', { name: 'Gem screening' }).click();
    await expect.poll(() => page.locator('.field.has-error').textContent()).toContain('udtrædelsesårsag');
    expect(await page.getByLabel('Begrundelse').inputValue()).toBe('Flytter til Aarhus');
    await context.close();
  });
});

describe('tovholder and journal', () => {
  it('lets the lead assign the tovholder and record a contact attempt that counts as not reached', async () => {
    const { page, context } = await signIn(bs, 'lead.both');
    await page.goto(`${bs.system.url}/#/borger/${citizens[1]!.id}`);
    const assign = page.getByRole('form', { name: 'Tildel tovholdere' });
    await assign.getByLabel('Primær tovholder').selectOption('tov.ishoj');
    await assign.getByRole('button', { name: 'Gem tovholdere' }).click();
    await assign.getByRole('status').filter({ hasText: 'Tovholderne er gemt' }).waitFor();
    await expect.poll(() => page.locator('.facts').textContent()).toContain('Tovholdertov.ishoj');

    const journal = page.getByRole('form', { name: 'Skriv i journalen' });
    await journal.getByLabel('Type').selectOption('contact-attempt');
    await journal.getByLabel('Kanal').selectOption('phone');
    await journal.getByLabel('Tekst').fill('Ringede kl. 10, intet svar');
    await journal.getByRole('button', { name: 'Gem i journalen' }).click();
    await expect.poll(() => journal.locator('.field.has-error').textContent()).toContain('Kontakt opnået?');
    expect(await journal.getByLabel('Tekst').inputValue()).toBe('Ringede kl. 10, intet svar');
    await journal.getByLabel('Kontakt opnået?').selectOption('no');
    await journal.getByRole('button', { name: 'Gem i journalen' }).click();
    await expect.poll(() => page.locator('#journal').textContent()).toContain('Kontaktforsøg: 1, uden kontakt: 1');
    expect(await page.locator('#journal').textContent()).toContain('Ringede kl. 10, intet svar');
    await expectAccessible(page, 'citizen (lead)');
    await context.close();
  });
});

describe('the inbox', () => {
  it('shows the overdue screening reminder to the lead, links to the citizen and marks it read', async () => {
    await bs.system.advance('P16D');
    const { page, context } = await signIn(bs, 'lead.both');
    await page.getByRole('link', { name: /Indbakke/ }).click();
    const reminders = page.locator('.inbox li').filter({ hasText: 'Screening overskredet' });
    await expect.poll(() => reminders.count()).toBeGreaterThan(0);
    await expectAccessible(page, 'inbox');
    await screenshot(page, 'inbox');
    const unreadBefore = await page.locator('.inbox li.unread').count();
    const first = page.locator('.inbox li').filter({ hasText: 'Screening overskredet' }).first();
    await first.getByRole('button', { name: 'Markér som læst' }).click();
    await expect.poll(() => page.locator('.inbox li.unread').count()).toBe(unreadBefore - 1);
    const nav = () => page.getByRole('link', { name: /Indbakke/ }).textContent();
    await expect.poll(nav).toBe(unreadBefore > 1 ? `Indbakke (${unreadBefore - 1} ulæste)` : 'Indbakke');
    await page.locator('.inbox li').filter({ hasText: 'Screening overskredet' }).first().getByRole('link', { name: 'Åbn borgerens forløb' }).click();
    await page.getByRole('heading', { name: /Bent Opdigtet|Cecilie Prøvesen/ }).waitFor();
    await context.close();
  });
});

describe('overdue in the overview', () => {
  it('filters to the overdue citizens and says what is overdue since when', async () => {
    const { page, context } = await signIn(bs, 'lead.both');
    await page.getByRole('checkbox', { name: 'Kun overskredne' }).check();
    await expect.poll(() => page.url()).toContain('overdue=true');
    const rows = page.locator('table.overview tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allTextContents()) expect(text).toMatch(/overskredet \(\d\d\.\d\d\.\d{4} \(uge \d+\)\)/);
    expect(await rows.filter({ hasText: 'Bent Opdigtet' }).textContent()).toContain('Screening overskredet');
    expect(await rows.filter({ hasText: 'Anna Fiktivsen' }).textContent()).toContain('Frist overskredet');
    await expectAccessible(page, 'overview (overdue)');
    await context.close();
  });
});

describe('legal hold', () => {
  it('lets the lead set a legal hold with a reason and lift it; a tovholder sees that it is set, with no buttons', async () => {
    const anna = citizens[0]!;
    const { page, context } = await signIn(bs, 'lead.both');
    await page.goto(`${bs.system.url}/#/borger/${anna.id}`);
    const section = page.locator('#legal-hold');
    await expect.poll(() => section.textContent()).toContain('Intet slettestop');
    await section.getByRole('button', { name: 'Sæt slettestop' }).click();
    await expect.poll(() => section.locator('.field-error').textContent()).toContain('Skal udfyldes');
    await section.getByLabel('Årsag til slettestop').fill('Klage over afgørelsen');
    await section.getByRole('button', { name: 'Sæt slettestop' }).click();
    await expect.poll(() => section.textContent()).toContain('Forløbet har slettestop');
    expect(await section.textContent()).toContain('Begrundelse: Klage over afgørelsen (lead.both,');
    expect(await page.locator('.timeline').textContent()).toContain('Slettestop sat');
    await expectAccessible(page, 'citizen (legal hold, lead)');

    const tovholder = await signIn(bs, 'tov.ishoj');
    await tovholder.page.goto(`${bs.system.url}/#/borger/${anna.id}`);
    const seen = tovholder.page.locator('#legal-hold');
    await expect.poll(() => seen.textContent()).toContain('Forløbet har slettestop');
    expect(await seen.textContent()).not.toContain('Klage over afgørelsen');
    expect(await seen.getByRole('button').count()).toBe(0);
    await expectAccessible(tovholder.page, 'citizen (legal hold, tovholder)');
    await tovholder.context.close();

    await section.getByRole('button', { name: 'Ophæv slettestop' }).click();
    await expect.poll(() => section.textContent()).toContain('Intet slettestop');
    expect(await page.locator('.timeline').textContent()).toContain('Slettestop ophævet');
    await context.close();
  });
});

describe('import', () => {
  const csv = (rows: string[]) => ({ name: 'borgere.csv', mimeType: 'text/csv', buffer: Buffer.from(['cpr;name;municipality', ...rows].join('\r\n')) });

  it('imports a small file at once and shows what was created and which lines were refused', async () => {
    const { page, context } = await signIn(bs, 'lead.both');
    const section = page.locator('#import');
    await section.getByLabel('CSV-fil', { exact: true }).setInputFiles(csv([`${fictionalCpr('71', 1)};Fiktiv Lille;0183`, '311371-1000;Fiktiv Dato;0183']));
    await section.getByRole('button', { name: 'Importér' }).click();
    await expect.poll(() => section.locator('.import-result').textContent()).toContain('1 borger oprettet.');
    expect(await section.locator('.import-rejections tbody tr').allTextContents()).toEqual([expect.stringMatching(/^3/)]);
    await expect.poll(() => page.locator('table.overview').textContent()).toContain('Fiktiv Lille');
    await expectAccessible(page, 'overview (import)');
    await context.close();
  });

  it('shows the progress of a large import that goes on in the background, then its result', async () => {
    const limit = process.env['IMPORT_SYNC_MAX_LINES'];
    process.env['IMPORT_SYNC_MAX_LINES'] = '3'; // the runtime runs the handlers in this process
    try {
      const { page, context } = await signIn(bs, 'lead.both');
      const section = page.locator('#import');
      const rows = Array.from({ length: 120 }, (_, i) => `${fictionalCpr('72', 1)};Fiktiv Stor ${i};0183`);
      rows[4] = '311372-1000;Fiktiv Dato;0183';
      await section.getByLabel('CSV-fil', { exact: true }).setInputFiles(csv(rows));
      await section.getByRole('button', { name: 'Importér' }).click();
      await expect.poll(() => section.locator('.import-progress').textContent()).toContain('Importen kører i baggrunden');
      await expectAccessible(page, 'overview (import running)');
      await expect.poll(() => section.locator('.import-result').textContent(), { timeout: 60_000 }).toContain('119 borgere oprettet.');
      expect(await section.locator('.import-progress').count()).toBe(0);
      expect(await section.locator('.import-rejections tbody tr').allTextContents()).toEqual([expect.stringMatching(/^6/)]);
      await expect.poll(() => page.locator('.count-total').textContent()).toBe('I alt 123');
      await context.close();
    } finally {
      if (limit === undefined) delete process.env['IMPORT_SYNC_MAX_LINES'];
      else process.env['IMPORT_SYNC_MAX_LINES'] = limit;
    }
  }, 90_000);
});
