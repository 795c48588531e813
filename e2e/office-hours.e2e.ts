import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  clickMap,
  expectNoSeriousAxeViolations,
  expectPageBasics,
  openSession,
  signIn,
  type Session,
} from './helpers.ts';

/**
 * Office hours (issue 5), web side: a resident reads Metz's permanences without signing in and finds
 * the next one from a map point; the demo delegate cancels a date with a public reason, and the
 * public page shows it cancelled.
 */
const VENUES = ['Mairie de quartier de Bellecroix', 'Mairie de quartier de Borny', 'Hôtel de Ville de Metz'];
const SEED_REASON = 'Le délégué participe à la réunion du groupe de partenariat opérationnel.';

/** A Paris date `days` from now, as the date input takes it and as typed in French. */
const isoDay = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
const frenchDay = (days: number) => isoDay(days).split('-').reverse().join('/');

describe('permanences', () => {
  let resident: Session;
  let delegate: Session;
  let admin: Session;
  const reason = `Réunion de crise à la préfecture (essai ${Date.now() % 100000}).`;
  let cancelledDay = '';
  let movedFrom = '';

  beforeAll(async () => {
    [resident, delegate, admin] = await Promise.all([openSession(), openSession(), openSession()]);
    await Promise.all([signIn(delegate, 'delegate'), signIn(admin)]);
  });
  afterAll(async () => {
    await Promise.all([resident?.close(), delegate?.close(), admin?.close()]);
  });

  test('un habitant ouvre les permanences de Metz depuis le menu : lieux, mois, annulation marquée', async () => {
    const { page } = resident;
    await page.goto('/');
    await page.locator('#navigation').getByRole('link', { name: 'Permanences' }).click();
    await expectPageBasics(page, 'Permanences — Moselle', 'Permanences — Moselle');
    await page
      .getByRole('heading', { level: 2, name: /^Permanences en / })
      .first()
      .waitFor();
    expect(
      await page
        .getByRole('link', { name: /S’abonner au calendrier des permanences du département/ })
        .getAttribute('href'),
    ).toBe('/calendar/departements/57.ics');
    await expectNoSeriousAxeViolations(page, '/permanences');

    await page.getByLabel('Commune').selectOption('57463');
    await expectPageBasics(page, 'Permanences à Metz', 'Permanences à Metz');
    for (const venue of VENUES)
      expect(await page.getByRole('heading', { level: 3, name: venue }).count()).toBeGreaterThan(0);
    const cancelled = page.locator('li.psq-oh-cancelled', { hasText: SEED_REASON });
    await cancelled.first().waitFor();
    expect(await cancelled.first().textContent()).toContain('Annulée');
    const feed = page.getByRole('link', { name: /S’abonner au calendrier des permanences de Metz/ });
    expect(await feed.getAttribute('href')).toBe('/calendar/communes/57463.ics');
    const ics = await page.request.get('/calendar/communes/57463.ics');
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    await expectNoSeriousAxeViolations(page, '/permanences/commune/57463');
  });

  test('il trouve la prochaine permanence depuis un point de la carte, puis par coordonnées', async () => {
    const { page } = resident;
    await page.getByRole('link', { name: 'Trouver la prochaine permanence près de chez moi' }).click();
    await expectPageBasics(
      page,
      'Trouver la prochaine permanence près de chez moi',
      'Trouver la prochaine permanence près de chez moi',
    );
    // The shared e2e server has no GEOCODER_URL: the page says so (e2e/office-hours-booking.e2e.ts runs with one).
    await page.getByText('Recherche d’adresse indisponible : cliquez sur la carte').waitFor();
    await page.locator('.psq-map path').first().waitFor();
    await clickMap(page, 'Carte pour choisir mon domicile', [[0.5, 0.5]]);
    await page.getByTestId('secteur-trouve').getByText('commune de Metz', { exact: false }).waitFor();
    expect(await page.getByText('Prochaine permanence :').count()).toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(page, '/permanences/pres-de-chez-moi');

    await page.getByLabel(/^Latitude/).fill('49,1197');
    await page.getByLabel(/^Longitude/).fill('6,1755');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByTestId('secteur-trouve').getByText('Metz – Centre-ville').waitFor();
    const first = page.locator('ol.psq-oh-dates > li').first();
    expect(await first.textContent()).toMatch(/^Hôtel de Ville de Metz.*dans votre secteur/);
  });

  test('le délégué annule une date avec un motif public ; une erreur du serveur s’affiche sous son champ', async () => {
    const { page } = delegate;
    await page.locator('#navigation').getByRole('link', { name: 'Gérer les permanences' }).click();
    await expectPageBasics(page, 'Gérer les permanences', 'Gérer les permanences');
    await page.getByRole('table').getByRole('link', { name: 'Hôtel de Ville de Metz' }).waitFor();
    await expectNoSeriousAxeViolations(page, '/gestion-permanences');

    await page.getByRole('table').getByRole('link', { name: 'Hôtel de Ville de Metz' }).click();
    await expectPageBasics(page, 'Permanences — Hôtel de Ville de Metz', 'Hôtel de Ville de Metz');
    await page.getByText('Le 2e et le 4e jeudi du mois', { exact: false }).waitFor();
    const cancel = page.getByRole('button', { name: /^Annuler la permanence du / }).first();
    await cancel.waitFor();
    cancelledDay = ((await cancel.getAttribute('aria-label')) ?? '').replace('Annuler la permanence du ', '');
    await cancel.click();
    // Markup is refused by the server (400): the French message sits under the reason, nothing is run.
    await page.getByLabel(/^Motif public de l’annulation/).fill('<script>alert(1)</script>');
    await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await page
      .locator('.fr-input-group--error', { hasText: 'sans balise HTML' })
      .getByLabel(/^Motif public de l’annulation/)
      .waitFor();
    await page.getByLabel(/^Motif public de l’annulation/).fill(reason);
    await expectNoSeriousAxeViolations(page, '/gestion-permanences/lieux/:id (annulation)');
    await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await page.getByText(`La permanence du ${cancelledDay} est annulée.`).waitFor();
    await page.getByRole('button', { name: `Rétablir : ${cancelledDay}` }).waitFor();

    // An end before the start is refused by the server (400, pointer /endTime): the message sits under « Fin ».
    await page.getByRole('button', { name: 'Ajouter un calendrier' }).click();
    const form = page.locator('#formulaire-calendrier');
    await form.getByLabel(/^Date de début/).fill('2030-01-01');
    await form.getByLabel(/^Date de fin/).fill('2030-06-30');
    await form.getByLabel(/^Début/).fill('15:00');
    await form.getByLabel(/^Fin/).fill('14:00');
    await form.getByRole('button', { name: 'Ajouter le calendrier' }).click();
    await form
      .locator('.fr-input-group--error', { hasText: "L'heure de fin doit être après l'heure de début." })
      .getByLabel(/^Fin/)
      .waitFor();
    await expectNoSeriousAxeViolations(page, '/gestion-permanences/lieux/:id (erreur)');
  });

  test('le délégué déplace une date ; un lieu hors de tout secteur est refusé sous ses coordonnées', async () => {
    const { page } = delegate;
    await page.goto('/gestion-permanences');
    await page.getByRole('table').getByRole('link', { name: 'Mairie de quartier de Bellecroix' }).click();
    await expectPageBasics(page, 'Permanences — Mairie de quartier de Bellecroix', 'Mairie de quartier de Bellecroix');
    await page
      .getByRole('button', { name: /^Déplacer la permanence du / })
      .first()
      .click();
    const date = page.getByLabel(/^Nouvelle date/);
    const original = await date.inputValue();
    const next = new Date(`${original}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    await date.fill(next.toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Confirmer le déplacement' }).click();
    await page.getByText(/^La permanence est déplacée au /).waitFor();
    movedFrom = original;

    await page.goto('/gestion-permanences');
    const form = page.locator('#formulaire-lieu');
    await form.getByLabel(/^Nom du lieu/).fill('Salle hors secteur');
    await form.getByLabel(/^Adresse/).fill('1 rue de Nulle Part');
    await form.getByLabel(/^Latitude/).fill('44,5');
    await form.getByLabel(/^Longitude/).fill('1,5');
    await form.getByRole('button', { name: 'Ajouter le lieu' }).click();
    await form
      .locator('.fr-input-group--error', { hasText: 'Hors de tout secteur.' })
      .getByLabel(/^Latitude/)
      .waitFor();
    await form.getByRole('alert').getByText("Ce lieu n'est dans aucun secteur").waitFor();
  });

  test('un administrateur ajoute, pour le délégué, un calendrier de dates précises', async () => {
    const { page } = admin;
    await page.goto('/gestion-permanences');
    await page.getByRole('table').getByRole('link', { name: 'Mairie de quartier de Borny' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mairie de quartier de Borny' }).waitFor();
    await page.getByRole('button', { name: 'Ajouter un calendrier' }).click();
    const form = page.locator('#formulaire-calendrier');
    await form
      .getByLabel(/^Délégué qui tient la permanence/)
      .selectOption({ label: 'William Délégué — Metz (commune)' });
    await form.getByLabel(/^Intitulé/).fill('Permanence du commissaire');
    await form.getByRole('radio', { name: 'Dates précises' }).check({ force: true });
    await form.getByRole('textbox', { name: /^Dates/ }).fill([10, 24].map(frenchDay).join('\n'));
    await form.getByLabel(/^Date de début/).fill(isoDay(1));
    await form.getByLabel(/^Date de fin/).fill(isoDay(60));
    await form.getByLabel(/^Début/).fill('09:30');
    await form.getByLabel(/^Fin/).fill('11:30');
    await form.getByText('Les habitants peuvent réserver un créneau en ligne').click();
    await form.getByLabel(/^Durée d’un créneau/).fill('15');
    await expectNoSeriousAxeViolations(page, '/gestion-permanences/lieux/:id (administrateur)');
    await form.getByRole('button', { name: 'Ajouter le calendrier' }).click();
    await page.getByText('Le calendrier a été ajouté.').waitFor();
    const section = page.getByRole('region', { name: 'Permanence du commissaire' });
    expect(await section.textContent()).toContain('Dates précises');
    await section.locator('ul.psq-oh-dates > li').nth(1).waitFor();
    expect(await section.locator('ul.psq-oh-dates > li').count()).toBe(2);
  });

  test('la page publique montre la date annulée avec son motif, et la date déplacée', async () => {
    const { page } = resident;
    await page.goto('/permanences/commune/57463');
    await expectPageBasics(page, 'Permanences à Metz', 'Permanences à Metz');
    const item = page.locator('li.psq-oh-cancelled', { hasText: reason });
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain(cancelledDay);
    expect(text).toContain('Annulée');
    expect(text).toContain(`Motif de l’annulation : ${reason}`);
    const moved = page.locator('li', { hasText: /Déplacée/ }).filter({ hasText: 'Au lieu du' });
    expect(await moved.count()).toBe(1);
    // The admin's new schedule takes bookings: each of its dates offers « Prendre rendez-vous ».
    const bookable = page.locator('ul.psq-oh-dates > li', { hasText: 'Permanence du commissaire' });
    expect(
      await bookable
        .first()
        .getByRole('link', { name: /^Prendre rendez-vous/ })
        .getAttribute('href'),
    ).toMatch(/^\/permanences\/reservation\/[0-9a-f-]{36}\/\d{4}-\d{2}-\d{2}$/);
    expect(movedFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect([...resident.problems, ...delegate.problems, ...admin.problems]).toEqual([]);
  });
});
