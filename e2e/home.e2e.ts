import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openSession, type Session } from './helpers.ts';

describe('accueil public', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  test('sert la page avec sa politique de sécurité (CSP sans script en ligne) et sans cache', async () => {
    const response = await session.page.goto('/connexion');
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cache-control']).toBe('no-cache');
  });

  test('affiche la Moselle, ses circonscriptions et la carte des secteurs', async () => {
    const { page } = session;
    await page.goto('/');
    await page.getByRole('heading', { level: 2, name: 'Circonscriptions, communes et secteurs' }).waitFor();
    expect(await page.getByLabel('Département', { exact: true }).inputValue()).toBe('57');
    expect(await page.getByRole('heading', { name: 'Carte des secteurs — Moselle' }).count()).toBe(1);

    const list = page.locator('#liste-territoire + .psq-district-grid');
    for (const district of ['Metz', 'Forbach']) {
      expect(await list.getByRole('heading', { level: 3, name: district, exact: true }).count()).toBe(1);
    }
    expect(await list.getByText('Gendarmerie nationale').count()).toBeGreaterThanOrEqual(1);
    expect(await list.getByText('Police nationale').count()).toBeGreaterThanOrEqual(7);
    expect(await list.getByText(/Borny/).count()).toBeGreaterThanOrEqual(1);

    const map = page.getByRole('region', { name: 'Carte des secteurs du département Moselle' });
    await map.locator('path.leaflet-interactive').first().waitFor();
    expect(await map.locator('path.leaflet-interactive').count()).toBeGreaterThanOrEqual(17);
    // No tiles are configured: nothing is loaded from the internet.
    expect(await map.locator('img.leaflet-tile').count()).toBe(0);
    expect(session.problems).toEqual([]);
  });

  test('une infobulle donne le nom du secteur', async () => {
    const { page } = session;
    const path = page.locator('.psq-map path.leaflet-interactive').first();
    const box = await path.boundingBox();
    if (!box) throw new Error('secteur invisible');
    await path.dispatchEvent('mouseover', { clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 });
    await page.locator('.leaflet-tooltip').waitFor();
    expect((await page.locator('.leaflet-tooltip').textContent())?.length).toBeGreaterThan(0);
  });
});
