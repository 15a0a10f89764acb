import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRUG_FOR_ALLE } from '../support/system.js';
import { addUser, awaitingPlan, clockNow, enrolled, formDone, screened } from '../support/journeys.js';
import { expectAccessible, screenshot, signIn, startBrowserSystem, type BrowserSystem } from './browser.js';

/*
 * Every role's main task in the browser, from signing in to its result, on one local system and one browser
 * (issue 17: a screen for everything a user may do). axe runs on every page visited.
 */

describe('a screen for every role', () => {
  let bs: BrowserSystem;
  let programmeId: string;
  const at = (minutes: number, from: Date) => new Date(from.getTime() + minutes * 60_000).toISOString();

  beforeAll(async () => {
    bs = await startBrowserSystem();
    // A Monday morning in Copenhagen, far from public holidays.
    expect((await bs.system.request('POST', '/local/clock', { body: { now: '2031-03-03T08:00:00+01:00' } })).status).toBe(200);
    programmeId = (await bs.system.as('admin').post('/programmes', BRUG_FOR_ALLE)).body.id;
    await addUser(bs.system, 'lead.both', ['lead'], [programmeId]);
    await addUser(bs.system, 'tov.both', ['tovholder'], [programmeId]);
    await addUser(bs.system, 'case.worker', ['caseworker'], [programmeId]);
    await addUser(bs.system, 'care.manager', ['care-manager'], [programmeId]);
    await addUser(bs.system, 'team.member', ['team-member'], [programmeId]);
    await addUser(bs.system, 'provider.one', ['provider'], [programmeId]);
    await addUser(bs.system, 'eva.eval', ['evaluator'], [programmeId], []);
  });
  afterAll(() => bs?.stop());

  it('admin: lands on administration and adds an offer to the catalogue, errors at their field', async () => {
    const { page, context } = await signIn(bs, 'admin');
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    expect(await page.getByRole('link', { name: 'Overblik' }).count()).toBe(0);
    await page.getByText('Tilføj et tilbud').click();
    const form = page.getByRole('form', { name: 'Tilføj et tilbud' });
    await form.getByRole('button', { name: 'Tilføj tilbud' }).click();
    await expect.poll(() => form.locator('.field.has-error').first().textContent()).toContain('Tilbuddets navn');
    await form.getByLabel('Tilbuddets navn').fill('Jobklub Ishøj');
    await form.getByLabel('Leverandør').fill('Jobcenter Ishøj');
    await form.getByLabel('Målgruppe').fill('Ledige over 30');
    await form.getByRole('button', { name: 'Tilføj tilbud' }).click();
    await page.getByRole('status').filter({ hasText: 'Tilbuddet Jobklub Ishøj er oprettet.' }).waitFor();
    await expect.poll(() => page.locator('#offers tbody').textContent()).toContain('Jobcenter Ishøj');
    expect(await page.locator('#users tbody').textContent()).toContain('provider.one');
    await expectAccessible(page, 'administration');
    await screenshot(page, 'role-admin');
    await context.close();
  });

  it('lead: enrols a citizen (a bad CPR said at its field), reads the audit trail, imports a file with a refused line in Danish', async () => {
    const { page, context } = await signIn(bs, 'lead.both');
    const form = page.getByRole('form', { name: 'Indskriv en borger' });
    await form.getByLabel('CPR-nummer').fill('320180-1234');
    await form.getByLabel('Navn').fill('Aske Fiktivsen');
    await form.getByRole('button', { name: 'Indskriv borgeren' }).click();
    await expect.poll(() => form.locator('.field.has-error').first().textContent()).toContain('Ugyldigt CPR-nummer');
    await expectAccessible(page, 'overview with enrolment form');
    await form.getByLabel('CPR-nummer').fill('010180-1234');
    await form.getByRole('button', { name: 'Indskriv borgeren' }).click();
    await page.getByRole('heading', { name: /Aske Fiktivsen/ }).waitFor();
    expect(await page.locator('.timeline').textContent()).toContain('Indskrevet i programmet');
    await page.getByRole('button', { name: 'Vis revisionsspor' }).click();
    await expect.poll(() => page.locator('#audit tbody').textContent()).toContain('Læste forløbet');
    await expectAccessible(page, 'citizen with audit trail');
    await screenshot(page, 'role-lead-citizen');

    await page.getByRole('link', { name: 'Overblik', exact: true }).click();
    await page.getByLabel('CSV-fil', { exact: true }).setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from('cpr;name;municipality\n020280-1234;Bodil Fiktivsen;0183\n320180-1234;;0183\n') });
    await page.getByRole('button', { name: 'Importér', exact: true }).click();
    const result = page.locator('.import-result');
    await expect.poll(() => result.textContent()).toContain('1 borger oprettet.');
    expect(await result.locator('tbody').textContent()).toBe('3CPR-nummeret begynder ikke med en rigtig dato. Navnet mangler.');
    await expectAccessible(page, 'import result');
    await screenshot(page, 'role-lead-import');
    await context.close();
  });

  it('tovholder: assesses a sanction after a no-show; the assessment is shown in full', async () => {
    const id = await enrolled(bs.system, programmeId, 'Carla Fiktivsen');
    await screened(bs.system, id, 'orange');
    const now = await clockNow(bs.system);
    const booked = await bs.system.as('tov.both').post(`/enrolments/${id}/appointments`, { kind: 'intake', startsAt: at(30, now), endsAt: at(60, now), owner: 'tov.both' });
    expect(booked.status).toBe(201);
    await bs.system.advance('PT1H');
    expect((await bs.system.as('tov.both').post(`/appointments/${booked.body.id}/attendance`, { status: 'no-show' })).status).toBe(200);

    const { page, context } = await signIn(bs, 'tov.both');
    await page.goto(`${bs.system.url}/#/borger/${id}`);
    const form = page.getByRole('form', { name: 'Vurdér sanktion' });
    for (const q of ['Havde borgeren en rimelig grund', 'Skyldes udeblivelsen', 'Vil en sanktion']) {
      await form.getByRole('group', { name: new RegExp(q) }).getByLabel('Nej').check();
    }
    await form.getByLabel('Ingen sanktion').check();
    await expectAccessible(page, 'sanction form');
    await form.getByLabel('Begrundelse').fill('Borgeren var syg og har sendt lægeerklæring.');
    await form.getByRole('button', { name: 'Gem vurdering' }).click();
    const shown = page.locator('.sanction-assessment');
    await expect.poll(() => shown.textContent()).toContain('Ingen sanktion');
    expect(await shown.textContent()).toContain('Havde borgeren en rimelig grund til at udeblive?Nej');
    expect(await shown.textContent()).toContain('Borgeren var syg og har sendt lægeerklæring.');
    await screenshot(page, 'role-tovholder-sanction');
    await context.close();
  });

  it('caseworker: moves an intake; an end before the start is said at its field in words', async () => {
    const id = await enrolled(bs.system, programmeId, 'Dennis Fiktivsen');
    await screened(bs.system, id, 'green');
    const now = await clockNow(bs.system);
    expect((await bs.system.as('case.worker').post(`/enrolments/${id}/appointments`, { kind: 'intake', startsAt: at(24 * 60, now), endsAt: at(24 * 60 + 30, now), owner: 'case.worker' })).status).toBe(201);

    const { page, context } = await signIn(bs, 'case.worker');
    await page.goto(`${bs.system.url}/#/borger/${id}`);
    await page.locator('#appointments').getByRole('button', { name: 'Flyt' }).click();
    const form = page.locator('form.move-form');
    await form.getByLabel('Fra kl.').fill('13:00');
    await form.getByLabel('Til kl.').fill('12:00');
    await form.getByRole('button', { name: 'Flyt aftalen' }).click();
    await expect.poll(() => form.locator('.field.has-error .field-error').first().textContent()).toBe('Sluttidspunktet skal ligge efter starttidspunktet.');
    await form.getByLabel('Til kl.').fill('13:45');
    await form.getByRole('button', { name: 'Flyt aftalen' }).click();
    await page.getByRole('status').filter({ hasText: 'Aftalen er flyttet.' }).waitFor();
    await expect.poll(() => page.locator('#appointments tbody tr').first().textContent()).toContain('kl. 13:00–13:45');
    await expect.poll(() => page.locator('.timeline').textContent()).toContain('Aftale flyttet');
    await expectAccessible(page, 'citizen after moving');
    await screenshot(page, 'role-caseworker-move');
    await context.close();
  });

  it('care manager: a PHQ-9 with item 9 above 0 raises the safety flag, followed up on the page', async () => {
    const id = await enrolled(bs.system, programmeId, 'Eja Fiktivsen');
    await screened(bs.system, id, 'orange');
    const { page, context } = await signIn(bs, 'care.manager');
    await page.goto(`${bs.system.url}/#/borger/${id}`);
    await page.getByText('Registrér en måling').click();
    const form = page.getByRole('form', { name: 'Registrér en måling' });
    expect(await form.getByLabel(/^Spørgsmål 9:/).count()).toBe(1);
    for (const [n, v] of [1, 1, 1, 1, 1, 1, 1, 0, 1].entries()) await form.getByLabel(new RegExp(`^Spørgsmål ${n + 1}:`)).selectOption(String(v));
    await form.getByRole('button', { name: 'Gem måling' }).click();
    const followUp = page.getByRole('form', { name: /Opfølgning på sikkerhedsflag/ });
    await followUp.waitFor();
    expect(await page.locator('.timeline').textContent()).toContain('Sikkerhedsflag: skal følges op i dag');
    expect(await page.locator('main').textContent()).not.toContain('Safety flag');
    await expectAccessible(page, 'safety flag open');
    await followUp.getByLabel(/Hvad blev gjort/).fill('Talt med borgeren; tid hos egen læge i morgen.');
    await followUp.getByRole('button', { name: 'Registrér opfølgning' }).click();
    await expect.poll(() => page.locator('.safety.done').textContent()).toContain('Talt med borgeren');
    await screenshot(page, 'role-care-manager-safety');
    await context.close();
  });

  it("team member: lands on the meetings and opens one they sit on", async () => {
    const now = await clockNow(bs.system);
    const meeting = await bs.system.as('lead.both').post(`/programmes/${programmeId}/team-meetings`, { startsAt: at(3 * 24 * 60, now), members: ['lead.both', 'team.member'] });
    expect(meeting.status).toBe(201);
    const { page, context } = await signIn(bs, 'team.member');
    await page.getByRole('heading', { name: 'Teammøder' }).waitFor();
    expect(await page.locator('.error-banner').count()).toBe(0);
    await expectAccessible(page, 'team member meetings');
    await page.locator(`a[href="#/teammoeder/${meeting.body.id}"]`).click();
    await page.getByRole('heading', { name: /Teammøde uge/ }).waitFor();
    expect(await page.getByRole('button', { name: /Fjern .* fra dagsordenen/ }).count()).toBe(0);
    await expectAccessible(page, 'team member meeting');
    await screenshot(page, 'role-team-member');
    await context.close();
  });

  it('tovholder: adds a due citizen to an agenda and removes them again after confirming', async () => {
    const due = await enrolled(bs.system, programmeId, 'Gerda Fiktivsen');
    await screened(bs.system, due, 'orange');
    await formDone(bs.system, due);
    const now = await clockNow(bs.system);
    const meeting = await bs.system.as('tov.both').post(`/programmes/${programmeId}/team-meetings`, { startsAt: at(5 * 24 * 60, now), members: ['tov.both'] });
    expect(meeting.status).toBe(201);
    const { page, context } = await signIn(bs, 'tov.both');
    await page.goto(`${bs.system.url}/#/teammoeder/${meeting.body.id}`);
    const add = page.getByRole('form', { name: 'Tilføj en borger til dagsordenen' });
    await add.getByLabel('Borger, der er klar til teammøde').waitFor();
    // The proposed agenda took the due citizens; free one to add it by hand.
    const before = (await bs.system.as('tov.both').get(`/team-meetings/${meeting.body.id}`)).body.agenda.length;
    if (before > 0) {
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('button', { name: /fra dagsordenen/ }).first().click();
      await expect.poll(async () => (await bs.system.as('tov.both').get(`/team-meetings/${meeting.body.id}`)).body.agenda.length).toBe(before - 1);
    }
    await expect.poll(() => add.locator('option').count()).toBeGreaterThan(1);
    await add.getByLabel('Borger, der er klar til teammøde').selectOption({ index: 1 });
    await add.getByRole('button', { name: 'Tilføj til dagsordenen' }).click();
    await expect.poll(async () => (await bs.system.as('tov.both').get(`/team-meetings/${meeting.body.id}`)).body.agenda.length).toBe(Math.max(before, 1));
    await expectAccessible(page, 'agenda editor');
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('button', { name: /fra dagsordenen/ }).first().click();
    expect((await bs.system.as('tov.both').get(`/team-meetings/${meeting.body.id}`)).body.agenda.length).toBe(Math.max(before, 1));
    await screenshot(page, 'role-tovholder-agenda');
    await context.close();
  });

  it('provider: lands on his own appointments, without a refusal, and registers attendance', async () => {
    const id = await awaitingPlan(bs.system, programmeId, 'Frode Fiktivsen');
    const plan = await bs.system.as('lead.both').put(`/enrolments/${id}/plan`, {
      goal: 'Arbejdsrytme',
      citizenAgreed: true,
      interventions: [{ domain: 'employment', title: 'Praktik', responsible: 'Praktiksted', startMonth: '2031-03', mode: 'individual', goalKind: 'outcome', goal: 'Møde til tiden' }],
    });
    expect(plan.status).toBe(200);
    const now = await clockNow(bs.system);
    const booked = await bs.system.as('lead.both').post(`/enrolments/${id}/appointments`, {
      kind: 'intervention',
      startsAt: at(10, now),
      endsAt: at(40, now),
      owner: 'provider.one',
      interventionId: plan.body.plan.interventions[0].id,
    });
    expect(booked.status).toBe(201);
    await bs.system.advance('PT1H');

    const { page, context } = await signIn(bs, 'provider.one');
    await page.getByRole('heading', { name: 'Mine aftaler' }).waitFor();
    expect(await page.locator('.error-banner').count()).toBe(0);
    await expectAccessible(page, 'provider appointments');
    await page.locator(`tr[data-appointment="${booked.body.id}"]`).getByRole('button', { name: 'Mødt' }).click();
    await page.getByRole('status').filter({ hasText: 'Fremmøde registreret: Mødt' }).waitFor();
    await expect.poll(() => page.locator(`tr[data-appointment="${booked.body.id}"]`).textContent()).toContain('Mødt');
    await screenshot(page, 'role-provider');
    await context.close();
  });

  it('evaluator: lands on the evaluation pages only', async () => {
    const { page, context } = await signIn(bs, 'eva.eval');
    await page.getByRole('heading', { name: /Evaluering/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Overblik' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Mine aftaler' }).count()).toBe(0);
    await expectAccessible(page, 'evaluation');
    await screenshot(page, 'role-evaluator');
    await context.close();
  });
});
