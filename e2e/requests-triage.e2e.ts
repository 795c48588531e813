import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousAxeViolations, expectPageBasics, openSession, signIn, type Session } from './helpers.ts';

/**
 * Triage of residents' requests (issue 6): a second report of the motorbike rodeo of the Borny demo
 * arrives 20 m away; the Borny referent finds both with a French search without accents, sees them
 * on the map, and marks the new one as a duplicate from the suggestions of the detail page.
 */
describe('tri des demandes', () => {
  let resident: Session;
  let referent: Session;
  const run = Date.now() % 100000;
  const description = `Encore des rodéos de motos cross ce soir près du centre commercial (essai ${run}).`;
  let reference = '';

  beforeAll(async () => {
    [resident, referent] = await Promise.all([openSession(), openSession()]);
    await signIn(referent, 'police_referent');
    const response = await resident.page.request.post('/api/requests', {
      data: {
        category: 'motorbike_rodeo',
        description,
        point: { lon: 6.2257, lat: 49.1059 },
        placeLabel: 'Boulevard de Provence',
        anonymity: 'anonymous',
      },
      headers: { 'Idempotency-Key': `e2e-triage-${run}` },
    });
    expect(response.status()).toBe(201);
    reference = ((await response.json()) as { reference: string }).reference;
  });
  afterAll(async () => {
    await Promise.all([resident?.close(), referent?.close()]);
  });

  test('le référent cherche « rodeo » sans accent, trouve les deux signalements et les voit sur la carte', async () => {
    const { page } = referent;
    await page.goto('/demandes');
    await expectPageBasics(page, 'Demandes des habitants', 'Demandes des habitants');
    await page.getByRole('searchbox', { name: /^Rechercher/ }).fill('rodeo');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('link', { name: reference }).waitFor();
    expect(page.url()).toContain('recherche=rodeo');
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    // Both reports say « rodéos »; the search also reads answers and notes, so another request
    // whose history mentions a rodeo may be listed too (the browser tests share one server).
    const texts = (await rows.allTextContents()).map((text) => text.toLowerCase());
    expect(texts.filter((text) => /rodéo/.test(text)).length).toBeGreaterThanOrEqual(2);
    await expectNoSeriousAxeViolations(page, '/demandes?recherche=rodeo');

    await page.getByText('Carte', { exact: true }).click();
    await page.getByTestId('carte-demandes').waitFor();
    await page.locator('.psq-requests-map path.leaflet-interactive').nth(1).waitFor();
    expect(await page.locator('.psq-requests-map path.leaflet-interactive').count()).toBeGreaterThanOrEqual(2);
    await page.getByText(/demandes sur la carte/).waitFor();
    expect(page.url()).toContain('vue=carte');
    await expectNoSeriousAxeViolations(page, '/demandes en carte');
    await page.getByText('Liste', { exact: true }).click();
    await page.getByRole('link', { name: reference }).waitFor();
  });

  test('il marque le nouveau signalement comme doublon de celui de la démo, proposé à moins de 200 m', async () => {
    const { page } = referent;
    await page.getByRole('link', { name: reference }).click();
    await expectPageBasics(page, `Demande ${reference}`, `Demande ${reference}`);
    await page.getByText('Délais de la catégorie').waitFor();
    const suggestions = page.getByTestId('doublons');
    await suggestions.waitFor();
    expect(await suggestions.textContent()).toMatch(/à \d+ m/);
    await expectNoSeriousAxeViolations(page, '/demandes/:id (tri)');
    await suggestions
      .getByRole('button', { name: /^Marquer comme doublon de R-/ })
      .first()
      .click();
    await page
      .getByText(/Doublon de la demande R-\d{4}-\d+, qui suit son cours\./)
      .first()
      .waitFor();
    expect(await page.locator('.fr-text--lead').textContent()).toContain('Close');
    expect(referent.problems).toEqual([]);
  });
});
