import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousAxeViolations, expectPageBasics, openSession, signIn, type Session } from './helpers.ts';

/**
 * Answer templates (issue 6): the Moselle administrator writes a département template (an unknown
 * placeholder is refused in French), the Borny referent answers a new request from it — the text is
 * filled in for the request and edited before sending —, then the administrator archives it.
 */
describe('modèles de réponse', () => {
  let resident: Session;
  let referent: Session;
  let admin: Session;
  const run = Date.now() % 100000;
  const title = `Patrouille du soir ${run}`;
  const renamed = `Patrouille du soir (bruit) ${run}`;
  let reference = '';

  beforeAll(async () => {
    [resident, referent, admin] = await Promise.all([openSession(), openSession(), openSession()]);
    await Promise.all([signIn(admin), signIn(referent, 'police_referent')]);
    const response = await resident.page.request.post('/api/requests', {
      data: {
        category: 'noise',
        description: `Musique très forte chaque nuit dans le square (essai ${run}).`,
        point: { lon: 6.2255, lat: 49.1058 },
        anonymity: 'named',
        contact: { email: `modeles.${run}@exemple.fr` },
      },
      headers: { 'Idempotency-Key': `e2e-modeles-${run}` },
    });
    expect(response.status()).toBe(201);
    reference = ((await response.json()) as { reference: string }).reference;
  });
  afterAll(async () => {
    await Promise.all([resident?.close(), referent?.close(), admin?.close()]);
  });

  test('l’administrateur écrit un modèle du département : champ inconnu refusé, puis ajouté et renommé', async () => {
    const { page } = admin;
    await page.goto('/demandes');
    await page.getByRole('link', { name: 'Modèles de réponse' }).click();
    await expectPageBasics(page, 'Modèles de réponse', 'Modèles de réponse');
    await page.getByRole('cell', { name: 'Accusé de réception' }).waitFor();
    await expectNoSeriousAxeViolations(page, '/demandes/modeles');

    await page.getByLabel('Titre').fill(title);
    await page.getByLabel('Catégorie').selectOption('noise');
    await page.getByLabel('Texte').fill('Suivez votre demande ici : {lien_suivi}');
    await page.getByRole('button', { name: 'Ajouter le modèle' }).click();
    // The field's help says it too: the refusal is the message that names the unknown field.
    await page.getByText('Champ inconnu : {lien_suivi}', { exact: false }).waitFor();

    await page
      .getByLabel('Texte')
      .fill(
        `Votre demande {reference} ({categorie}) du {date_demande} : une patrouille passera ce soir (essai ${run}).`,
      );
    await page.getByRole('button', { name: 'Ajouter le modèle' }).click();
    await page.getByText(`Modèle « ${title} » ajouté.`).waitFor();
    await page.getByRole('cell', { name: title, exact: true }).waitFor();

    await page.getByRole('button', { name: `Modifier le modèle ${title}` }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('title');
    await page.getByLabel('Titre').fill(renamed);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText(`Modèle « ${renamed} » enregistré.`).waitFor();
    await expectNoSeriousAxeViolations(page, '/demandes/modeles après ajout');
  });

  test('le référent de Borny répond à partir du modèle, rempli pour la demande et modifié avant l’envoi', async () => {
    const { page } = referent;
    await page.goto('/demandes');
    await page.getByRole('link', { name: reference }).click();
    await expectPageBasics(page, `Demande ${reference}`, `Demande ${reference}`);
    const text = page.getByRole('textbox', { name: /^Réponse/ });
    await page.getByLabel('Modèle de réponse').selectOption({ label: `${renamed} (département)` });
    await page.getByText(`Modèle « ${renamed} » inséré dans la réponse.`).waitFor();
    await expect.poll(() => text.inputValue()).toContain(`Votre demande ${reference} (Nuisances sonores) du `);
    expect(await text.inputValue()).not.toContain('{');
    await expectNoSeriousAxeViolations(page, '/demandes/:id avec un modèle');

    await text.fill(`${await text.inputValue()} Merci de votre signalement.`);
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.getByText('Réponse envoyée.').waitFor();
    await page
      .getByTestId('historique')
      .getByText(`une patrouille passera ce soir (essai ${run}). Merci de votre signalement.`, { exact: false })
      .waitFor();
  });

  test('l’administrateur archive le modèle : il n’est plus proposé', async () => {
    const { page } = admin;
    await page.getByRole('button', { name: `Archiver le modèle ${renamed}` }).click();
    await page.getByRole('button', { name: 'Confirmer l’archivage' }).click();
    await page.getByText(`Modèle « ${renamed} » archivé`, { exact: false }).waitFor();
    await expect.poll(() => page.getByRole('cell', { name: renamed, exact: true }).count()).toBe(0);
  });
});
