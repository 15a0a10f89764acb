import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';

/*
 * Gennem Job til Uddannelse in a real browser: the internship card with its hours chart and table against the
 * goal, the hours form (a bad entry told at its field), learning certificates and their PDF, the hand-over to
 * a mentor who then works the card, and the ambassadors page.
 */

/** A save and the page's reload may take a few seconds on a busy machine. */
const SAVED = { timeout: 10_000 };

describe('the internship card', () => {
  let bs: BrowserSystem;
  let id: string;

  beforeAll(async () => {
    bs = await startBrowserSystem();
    expect((await bs.system.request('POST', '/local/clock', { body: { now: '2031-03-12T09:00:00+01:00' } })).status).toBe(200);
    const admin = bs.system.as('admin');
    const programme = (await admin.post('/programmes', { name: 'Gennem Job til Uddannelse — Jammerbugt', template: 'job-til-uddannelse', municipalities: ['0849'] })).body;
    for (const [username, name, role] of [['lars.leder', 'Lars Leder', 'lead'], ['jonas.jobformidler', 'Jonas Jobformidler', 'job-broker'], ['mette.mentor', 'Mette Mentor', 'mentor']]) {
      expect((await admin.post('/users', { username, name, email: `${username}@example.org`, roles: [role], municipalities: ['0849'], programmes: [programme.id] })).status).toBe(201);
    }
    id = (await bs.system.as('lars.leder').post(`/programmes/${programme.id}/enrolments`, { cpr: '0104121234', name: 'Sofie Fiktivsen', municipality: '0849' })).body.id;
    const internship = await bs.system.as('jonas.jobformidler').post(`/enrolments/${id}/internships`, {
      company: 'Fiktiv Tømrer ApS',
      cvr: '12345678',
      startDate: '2031-03-03',
      hoursPerWeek: 20,
      goal: { kind: 'paid-hours', hours: 20 },
      jobBroker: 'jonas.jobformidler',
    });
    expect(internship.status).toBe(201);
    expect((await bs.system.as('jonas.jobformidler').post(`/internships/${internship.body.id}/hours`, { week: '2031-W10', paidHours: 10, unpaidHours: 5 })).status).toBe(200);
  });
  afterAll(() => bs?.stop());

  it('shows the hours against the goal as a chart and a table, and registers a week (a bad one told at its field)', async () => {
    const { page, context } = await signIn(bs, 'jonas.jobformidler');
    await page.goto(`${bs.system.url}/#/borger/${id}`);
    const card = page.getByRole('region', { name: 'Praktik: Fiktiv Tømrer ApS' });
    await card.waitFor();
    expect(await card.getByRole('img', { name: 'Løntimer i alt: 10 af målet 20' }).count()).toBe(1);
    expect(await card.getByRole('table', { name: 'Timer pr. uge' }).getByRole('row').allTextContents()).toEqual(['UgeLøntimerUlønnede timerLøntimer i alt', '2031 uge 1010510']);
    expect(await card.textContent()).toContain('10 af 20 løntimer (50 %)');
    await expectAccessible(page, 'internship card');

    const hours = card.getByRole('form', { name: 'Registrér timer' });
    await hours.getByLabel('Uge').fill('2031-W11');
    // Each number within the field's own bounds, together more than a week has: the API's 400, at its field.
    await hours.getByLabel('Løntimer').fill('100');
    await hours.getByLabel('Ulønnede timer').fill('69');
    await hours.getByRole('button', { name: 'Gem timer' }).click();
    await expect.poll(() => hours.getByRole('alert').textContent(), SAVED).toContain('Ret de markerede felter');
    expect(await hours.locator('.field.has-error label').allTextContents()).toEqual(['Ulønnede timer']);
    expect(await hours.locator('.field.has-error .field-error').textContent()).toBe('Højst 168 timer på en uge, lønnede og ulønnede tilsammen.');
    await hours.getByLabel('Ulønnede timer').fill('0');

    await hours.getByLabel('Løntimer').fill('10');
    await hours.getByRole('button', { name: 'Gem timer' }).click();
    await expect.poll(() => card.textContent(), SAVED).toContain('20 af 20 løntimer (100 %)');
    expect(await card.textContent()).toContain('Målet er nået');
    expect(await card.getByRole('img', { name: 'Løntimer i alt: 20 af målet 20' }).count()).toBe(1);
    expect(await card.locator('svg polyline').getAttribute('points')).toMatch(/^[\d.]+,[\d.]+ [\d.]+,[\d.]+$/);
    await screenshot(page, 'internship-card');
    await context.close();
  });

  it('issues learning certificates (an end one needs both kinds of competence) and downloads the PDF', async () => {
    const { page, context } = await signIn(bs, 'jonas.jobformidler');
    await page.goto(`${bs.system.url}/#/borger/${id}`);
    const card = page.getByRole('region', { name: 'Praktik: Fiktiv Tømrer ApS' });
    const form = card.getByRole('form', { name: 'Udsted læringsbevis' });
    await form.getByLabel('Fase').selectOption('end');
    await form.getByLabel('Kompetence 1: beskrivelse').fill('Møder stabilt og til tiden');
    await form.getByRole('button', { name: 'Udsted læringsbevis' }).click();
    await expect.poll(() => form.getByRole('alert').textContent(), SAVED).toContain('mindst én personlig og én faglig kompetence');
    await form.getByRole('button', { name: 'Tilføj kompetence' }).click();
    await form.getByLabel('Kompetence 2: slags').selectOption('professional');
    await form.getByLabel('Kompetence 2: beskrivelse').fill('Sætter gipsvægge op efter tegning');
    await form.getByRole('button', { name: 'Udsted læringsbevis' }).click();
    const pdfButton = card.getByRole('button', { name: /Hent PDF/ });
    await pdfButton.waitFor();
    const download = page.waitForEvent('download');
    await pdfButton.click();
    const pdf = readFileSync((await (await download).path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });

  it('hands the young person over to the mentor, who then sees the card and registers hours', async () => {
    const broker = await signIn(bs, 'jonas.jobformidler');
    await broker.page.goto(`${bs.system.url}/#/borger/${id}`);
    const contact = broker.page.getByRole('region', { name: 'Kontaktperson' });
    expect(await contact.textContent()).toContain('Jonas Jobformidler er den unges kontaktperson');
    await contact.getByLabel('Ny kontaktperson').selectOption('mette.mentor');
    await contact.getByRole('button', { name: 'Overdrag' }).click();
    await expect.poll(() => contact.textContent(), SAVED).toContain('Mette Mentor er den unges kontaktperson');
    expect(await contact.textContent()).toContain('Mette Mentor overtog fra Jonas Jobformidler');
    await broker.context.close();

    const { page, context } = await signIn(bs, 'mette.mentor');
    await page.getByRole('link', { name: 'Sofie Fiktivsen' }).click();
    const card = page.getByRole('region', { name: 'Praktik: Fiktiv Tømrer ApS' });
    const hours = card.getByRole('form', { name: 'Registrér timer' });
    await hours.getByLabel('Uge').fill('2031-W11');
    await hours.getByLabel('Løntimer').fill('12');
    await hours.getByRole('button', { name: 'Gem timer' }).click();
    await expect.poll(() => card.textContent(), SAVED).toContain('22 af 20 løntimer (100 %)');
    await expectAccessible(page, 'internship card (mentor)');
    await context.close();
  });

  it('lists and registers ambassadors', async () => {
    const { page, context } = await signIn(bs, 'lars.leder');
    await page.getByRole('link', { name: 'Ambassadører' }).click();
    const form = page.getByRole('form', { name: 'Registrér ambassadør' });
    await form.getByLabel('Navn').fill('Karen Fiktivsen');
    await form.getByLabel('Virksomhed (valgfri)').fill('Fiktiv Tømrer ApS');
    await form.getByRole('button', { name: 'Registrér ambassadør' }).click();
    await expect.poll(() => page.getByRole('table').textContent(), SAVED).toContain('Karen Fiktivsen');
    expect(await page.getByRole('table').textContent()).toContain('Jammerbugt');
    await expectAccessible(page, 'ambassadors');
    await context.close();
  });
});
