import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openSession, signIn, type Session } from './helpers.ts';

const samples = path.resolve(import.meta.dirname, '../samples');
const CONDE_NORTHEN = '57150';

async function sectorCount(baseUrl: string, inseeCode: string): Promise<number> {
  const map = (await (await fetch(`${baseUrl}/api/territory/map?department=57`)).json()) as {
    municipalities: { id: string; inseeCode: string }[];
    sectors: { municipalityId: string }[];
  };
  const municipality = map.municipalities.find((m) => m.inseeCode === inseeCode);
  if (!municipality) throw new Error(`commune ${inseeCode} absente des données de démonstration`);
  return map.sectors.filter((s) => s.municipalityId === municipality.id).length;
}

describe('import de secteurs GeoJSON', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
    await signIn(session);
  });
  afterAll(async () => {
    await session?.close();
  });

  test('un fichier invalide : la vérification liste les erreurs par entité et rien n’est importé', async () => {
    const { page, baseUrl } = session;
    const before = await sectorCount(baseUrl, CONDE_NORTHEN);
    await page.goto('/admin/secteurs/import');
    await page.getByLabel('Fichier GeoJSON').setInputFiles(path.join(samples, 'sectors-import-invalid.geojson'));
    await page.getByRole('button', { name: 'Vérifier' }).click();
    const alert = page.locator('[role="alert"].fr-alert--error');
    await alert.waitFor();
    const items = await alert.locator('li').allTextContents();
    expect(items.length).toBeGreaterThanOrEqual(1);
    for (const item of items) expect(item).toMatch(/^Entité n° \d+ : .+/);
    expect(await page.getByRole('button', { name: 'Importer' }).isDisabled()).toBe(true);
    expect(await sectorCount(baseUrl, CONDE_NORTHEN)).toBe(before);
  });

  test('un fichier valide : vérification, import, puis les secteurs apparaissent', async () => {
    const { page, baseUrl } = session;
    const before = await sectorCount(baseUrl, CONDE_NORTHEN);
    await page.getByLabel('Fichier GeoJSON').setInputFiles(path.join(samples, 'sectors-import-example.geojson'));
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await page.getByText('Vérification réussie : le fichier peut être importé').waitFor();
    expect(await sectorCount(baseUrl, CONDE_NORTHEN)).toBe(before);

    await page.getByRole('button', { name: 'Importer' }).click();
    await page.getByText('Import terminé').waitFor();
    expect(await page.locator('table tbody tr').count()).toBeGreaterThanOrEqual(2);
    const created = await page.locator('table tbody tr', { hasText: 'Créé' }).count();
    const total = before + created;
    expect(await sectorCount(baseUrl, CONDE_NORTHEN)).toBe(total);

    await page.getByRole('link', { name: 'Voir les secteurs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Secteurs' }).waitFor();
    await page.getByLabel('Commune', { exact: true }).selectOption({ label: `Condé-Northen (${CONDE_NORTHEN})` });
    await page.getByRole('cell', { name: 'Condé', exact: true }).waitFor();
    await page.getByRole('cell', { name: 'Northen', exact: true }).waitFor();
    // The list is refreshed for the chosen commune: wait until it shows exactly that commune's sectors.
    await page.waitForFunction((expected) => document.querySelectorAll('table tbody tr').length === expected, total);
    expect(session.problems).toEqual([]);
  });
});
