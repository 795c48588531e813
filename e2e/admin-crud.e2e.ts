import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickMap, openSession, signIn, type Session } from './helpers.ts';

/**
 * Creates a whole branch of territory through the UI, then a sector drawn on the map; edits and deletes it.
 * The demo administrator's role covers Moselle (57): the circonscription, the commune and the sector are
 * created there (a new département is outside that scope, so nothing can be created under it).
 */
describe('administration du territoire', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
    await signIn(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  const department = { code: '88', name: 'Vosges (e2e)' };
  const moselle = '57 — Moselle';
  const district = 'Sarralbe (e2e)';
  const commune = { insee: '57999', name: 'Sarralbe (e2e)' };

  test('crée un département, une circonscription et une commune', async () => {
    const { page } = session;
    await page.getByRole('link', { name: 'Départements' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Départements' }).waitFor();
    await page.getByLabel('Code du département').fill(department.code);
    await page.getByLabel('Nom du département').fill(department.name);
    await page.getByRole('button', { name: 'Ajouter le département' }).click();
    await page.getByText(`Le département « ${department.name} » a été créé.`).waitFor();
    await page.getByRole('cell', { name: department.name, exact: true }).waitFor();

    await page.goto('/admin/circonscriptions');
    await page.getByLabel('Département', { exact: true }).selectOption({ label: moselle });
    await page.getByLabel('Nom de la circonscription').fill(district);
    await page.getByLabel('Force', { exact: true }).selectOption('police');
    await page.getByRole('button', { name: 'Ajouter la circonscription' }).click();
    await page.getByText(`La circonscription « ${district} » a été créée.`).waitFor();
    await page.getByRole('cell', { name: district, exact: true }).waitFor();

    await page.goto('/admin/communes');
    await page.getByLabel('Département', { exact: true }).selectOption({ label: moselle });
    await page.getByLabel('Circonscription', { exact: true }).selectOption({ label: `${district} (police)` });
    await page.getByLabel('Code INSEE de la commune').fill(commune.insee);
    await page.getByLabel('Nom de la commune').fill(commune.name);
    await page.getByRole('button', { name: 'Ajouter la commune' }).click();
    await page.getByText(`La commune « ${commune.name} » a été créée.`).waitFor();
    await page.getByRole('cell', { name: commune.insee, exact: true }).waitFor();
  });

  test('refuse de supprimer une circonscription qui a des communes (409, message en français)', async () => {
    const { page } = session;
    await page.goto('/admin/circonscriptions');
    await page.getByLabel('Département', { exact: true }).selectOption({ label: moselle });
    await page.getByRole('button', { name: `Supprimer la circonscription ${district}` }).click();
    await page.getByRole('button', { name: /Confirmer la suppression/ }).click();
    const alert = page.locator('.fr-alert--error[role="alert"]');
    await alert.waitFor();
    expect((await alert.textContent())?.trim().length).toBeGreaterThan(10);
    expect(await page.getByRole('cell', { name: district, exact: true }).count()).toBe(1);
  });

  test('trace un secteur sur la carte, le renomme puis le supprime', async () => {
    const { page } = session;
    await page.goto('/admin/secteurs');
    await page.getByLabel('Département', { exact: true }).selectOption({ label: moselle });
    await page.getByRole('link', { name: 'Nouveau secteur' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau secteur' }).waitFor();
    await page.getByLabel('Commune', { exact: true }).selectOption({ label: `${commune.name} (${commune.insee})` });
    await page.getByLabel('Code du secteur').fill('EPINAL-E2E-1');
    await page.getByLabel('Nom du secteur').fill('Centre (e2e)');

    // The map shows Moselle's sectors; the middle of their extent is empty countryside: zoom in there, then click 4 vertices.
    for (let i = 0; i < 4; i++) {
      await page.getByRole('button', { name: 'Zoomer', exact: true }).click();
      await page.waitForTimeout(300);
    }
    await clickMap(page, 'Carte de tracé du secteur', [
      [0.35, 0.35],
      [0.65, 0.35],
      [0.65, 0.65],
      [0.35, 0.65],
    ]);
    await page.getByText('4 sommets placés.').waitFor();
    await page.getByRole('button', { name: 'Terminer le tracé' }).click();
    const geometry = JSON.parse(await page.getByLabel('Géométrie GeoJSON').inputValue()) as {
      type: string;
      coordinates: number[][][];
    };
    expect(geometry.type).toBe('Polygon');
    expect(geometry.coordinates[0]).toHaveLength(5);
    expect(await page.locator('.psq-editor path').count()).toBeGreaterThanOrEqual(1);

    await page.getByRole('button', { name: 'Enregistrer le secteur' }).click();
    await page.getByText('Le secteur « Centre (e2e) » a été créé.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Secteurs' }).waitFor();
    await page.getByRole('cell', { name: 'EPINAL-E2E-1', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Modifier le secteur Centre (e2e)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modifier un secteur' }).waitFor();
    const name = page.getByLabel('Nom du secteur');
    await name.waitFor();
    expect(await name.inputValue()).toBe('Centre (e2e)');
    await name.fill('Centre renommé (e2e)');
    await page.getByRole('button', { name: 'Enregistrer le secteur' }).click();
    await page.getByText('Le secteur « Centre renommé (e2e) » a été modifié.').waitFor();
    await page.getByRole('cell', { name: 'Centre renommé (e2e)', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Supprimer le secteur Centre renommé (e2e)' }).click();
    await page.getByRole('button', { name: /Confirmer la suppression/ }).click();
    await page.getByText('Le secteur « Centre renommé (e2e) » a été supprimé.').waitFor();
    await page.getByRole('cell', { name: 'EPINAL-E2E-1', exact: true }).waitFor({ state: 'detached' });
    expect(session.problems).toEqual([]);
  });
});
