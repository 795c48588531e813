import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from './harness.ts';
import { expectNoSeriousAxeViolations, expectPageBasics, openSession, signIn, type Session } from './helpers.ts';

/**
 * Office-hour visits (issue 5): the Metz demo delegate opens the dashboard, notes a visit from
 * the next office hour (a refused form first, errors in French under their fields), then turns it
 * into a request for the sector and sees where that request stands.
 */
describe('visites de permanence', () => {
  let delegate: Session;
  const run = Date.now() % 100000;
  const said = `Un habitant signale des rodéos de motos chaque soir derrière le gymnase (essai ${run}).`;

  beforeAll(async () => {
    delegate = await openSession();
    await signIn(delegate, 'delegate');
  });
  afterAll(async () => delegate?.close());

  test('le délégué note une visite depuis son tableau de bord puis la transforme en demande', async () => {
    const { page } = delegate;
    await page.goto('/gestion-permanences');
    await page.getByRole('link', { name: 'Tableau de bord et visites notées' }).click();
    await expectPageBasics(page, 'Tableau de bord des permanences', 'Tableau de bord des permanences');
    await page.getByRole('heading', { level: 2, name: 'Prochaines permanences' }).waitFor();
    await expectNoSeriousAxeViolations(page, 'le tableau de bord des permanences');

    await page
      .getByRole('link', { name: /^Noter une visite/ })
      .first()
      .click();
    await expectPageBasics(page, 'Noter une visite', 'Noter une visite');
    await page.getByRole('button', { name: 'Enregistrer la visite' }).click();
    await page.getByText('Choisissez une catégorie.').waitFor();
    await page.getByText('Notez ce qui a été dit.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('category');
    await expectNoSeriousAxeViolations(page, 'le formulaire de visite refusé');

    await page.getByLabel('Catégorie').selectOption({ label: 'Rodéos motorisés' });
    await page.getByLabel('Lieu concerné (facultatif)').fill('Parking du gymnase');
    await page.getByLabel('Ce qui a été dit').fill(said);
    await page.getByText('La personne souhaite une réponse').click();
    await page.getByLabel('Adresse e-mail').fill(`visite.${run}@exemple.fr`);
    await page.getByRole('button', { name: 'Enregistrer la visite' }).click();
    await page.getByRole('heading', { level: 1, name: /^Visite du / }).waitFor();
    await page.getByText('La visite est notée.').waitFor();
    await page.getByText(said).waitFor();
    await expectNoSeriousAxeViolations(page, 'la page d’une visite');

    await page.getByRole('button', { name: 'Transformer en demande' }).click();
    await page.getByRole('heading', { level: 2, name: /^Demande R-\d{4}-\d{6}$/ }).waitFor();
    await page.getByText('Reçue', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Transformer en demande' }).count()).toBe(0);

    await page.goto('/gestion-permanences/visites?suite=awaiting');
    await expectPageBasics(page, 'Visites de permanence', 'Visites de permanence');
    await page
      .getByRole('cell', { name: /^R-\d{4}-\d{6}$/ })
      .first()
      .waitFor();
    await expectNoSeriousAxeViolations(page, 'la liste des visites');
    expect(delegate.problems).toEqual([]);
  });
});

/**
 * The dashboard's upcoming bookings: a resident's name shows to the delegate, who manages the
 * venue, and « — » to the Borny police referent (visits.read, not office-hours.manage). Its own
 * server, as the venue taking bookings it adds would show in other files' lists.
 */
describe('rendez-vous à venir du tableau de bord', () => {
  let server: RunningServer;
  let delegate: Session;
  let referent: Session;
  const run = Date.now() % 100000;
  const name = `Mme Essai ${run}`;
  const day = new Date(Date.now() + 2 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

  beforeAll(async () => {
    server = await startServer();
    [delegate, referent] = await Promise.all([openSession(server.baseUrl), openSession(server.baseUrl)]);
    await Promise.all([signIn(delegate, 'delegate'), signIn(referent, 'police_referent')]);
    // A venue in Borny with one office hour in two days taking 20-minute bookings, and one booking.
    const { csrfToken } = (await (await delegate.page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const venue = await delegate.page.request.post('/api/office-hours/venues', {
      headers,
      data: {
        name: `Salle de Borny (essai ${run})`,
        address: '4 boulevard de Provence, 57070 Metz',
        lon: 6.2256,
        lat: 49.1056,
      },
    });
    expect(venue.status(), await venue.text()).toBe(201);
    const schedule = await delegate.page.request.post('/api/office-hours/schedules', {
      headers,
      data: {
        venueId: ((await venue.json()) as { id: string }).id,
        title: 'Permanence sur rendez-vous',
        startTime: '14:00',
        endTime: '15:00',
        rdates: [day],
        startDate: day,
        endDate: day,
        bookingEnabled: true,
        slotMinutes: 20,
      },
    });
    expect(schedule.status(), await schedule.text()).toBe(201);
    const scheduleId = ((await schedule.json()) as { id: string }).id;
    const booking = await fetch(`${server.baseUrl}/api/public/office-hours/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scheduleId, date: day, slot: '14:20', name, email: `essai.${run}@exemple.fr` }),
    });
    expect(booking.status, await booking.text()).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([delegate?.close(), referent?.close()]);
    await server?.stop();
  });

  test('le référent voit les rendez-vous sans le nom des habitants, le délégué avec', async () => {
    await referent.page.goto('/gestion-permanences/tableau-de-bord');
    await expectPageBasics(referent.page, 'Tableau de bord des permanences', 'Tableau de bord des permanences');
    const theirs = referent.page.getByRole('table', { name: 'Rendez-vous pris par les habitants' });
    await theirs.getByRole('cell', { name: 'Nom non communiqué' }).waitFor();
    expect(await theirs.getByText(name).count()).toBe(0);
    await expectNoSeriousAxeViolations(referent.page, 'le tableau de bord du référent');
    expect(referent.problems).toEqual([]);

    await delegate.page.goto('/gestion-permanences/tableau-de-bord');
    await expectPageBasics(delegate.page, 'Tableau de bord des permanences', 'Tableau de bord des permanences');
    await delegate.page
      .getByRole('table', { name: 'Rendez-vous pris par les habitants' })
      .getByRole('cell', { name })
      .waitFor();
    expect(await delegate.page.getByText('Nom non communiqué').count()).toBe(0);
    expect(delegate.problems).toEqual([]);
  });
});
