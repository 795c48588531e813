import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clickMap, openSession, signIn, type Session } from './helpers.ts';

describe('test d’adresse', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
    await signIn(session);
    await session.page.goto('/admin/test-adresse');
    await session.page.getByRole('heading', { level: 1, name: 'Test d’adresse' }).waitFor();
  });
  afterAll(async () => {
    await session?.close();
  });

  test('au clavier : un point de Borny donne le secteur Borny à Metz', async () => {
    const { page } = session;
    await page.getByLabel('Latitude').fill('49.1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('6.21');
    await page.keyboard.press('Enter');
    const result = page.getByTestId('resultat');
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Borny');
    expect(text).toContain('Metz');
    expect(text).toContain('Moselle');
  });

  test('un clic sur la carte place un repère et affiche un résultat', async () => {
    const { page } = session;
    await page.locator('.psq-map path').first().waitFor();
    // Off centre: the map centres on the previous test's marker, which would take a click in the middle.
    await clickMap(page, 'Carte de test d’adresse', [[0.3, 0.6]]);
    // The previous test's result is still on the page: wait for the click's own coordinates, not for any result.
    await expect.poll(() => page.getByLabel('Latitude').inputValue(), { timeout: 10_000 }).not.toBe('49.1');
    await page.locator('[data-testid="resultat"], .psq-result-none').first().waitFor();
    expect(await page.locator('.psq-map path').count()).toBeGreaterThan(1);
  });

  test('un point hors de tout secteur : « Aucun secteur à cet endroit »', async () => {
    const { page } = session;
    await page.getByLabel('Latitude').fill('48.0');
    await page.getByLabel('Longitude').fill('2.0');
    await page.getByRole('button', { name: 'Rechercher le secteur' }).click();
    await page.getByText('Aucun secteur à cet endroit.').waitFor();
    expect(await page.getByTestId('resultat').count()).toBe(0);
    expect(session.problems).toEqual([]);
  });
});
