import { afterAll, beforeAll, describe, expect, test } from 'vitest';
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

    await page.getByRole('link', { name: /^Noter une visite/ }).first().click();
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
    await page.getByRole('cell', { name: /^R-\d{4}-\d{6}$/ }).first().waitFor();
    await expectNoSeriousAxeViolations(page, 'la liste des visites');
    expect(delegate.problems).toEqual([]);
  });
});
