import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousAxeViolations, expectPageBasics, openSession, signIn, type Session } from './helpers.ts';

/** Every page: unique title, one h1, skip links, landmarks, and no serious/critical axe violation. */
describe('pages accessibles', () => {
  let session: Session;
  let sectorId = '';

  beforeAll(async () => {
    session = await openSession();
    const response = await fetch(`${session.baseUrl}/api/territory/map?department=57`);
    const map = (await response.json()) as { sectors: { id: string }[] };
    sectorId = map.sectors[0].id;
  });
  afterAll(async () => {
    await session?.close();
  });

  async function check(path: string, title: string, h1 = title): Promise<void> {
    const { page } = session;
    await page.goto(path);
    await expectPageBasics(page, title, h1);
    await page.waitForFunction(() => document.querySelector('.psq-loading') === null);
    await expectNoSeriousAxeViolations(page, path);
  }

  test('accueil', async () => {
    await check('/', 'Accueil', 'Les secteurs de la sécurité du quotidien');
    expect(await session.page.locator('.psq-map path.leaflet-interactive').count()).toBeGreaterThan(0);
  });

  test('espace administrateur, déconnecté', async () => {
    await check('/admin', 'Espace administrateur');
    expect(await session.page.getByLabel('Jeton d’administration').count()).toBe(1);
  });

  test('page réservée, déconnecté : formulaire de connexion', async () => {
    await check('/admin/departements', 'Départements');
    expect(await session.page.getByRole('button', { name: 'Se connecter' }).count()).toBe(1);
  });

  test('page introuvable', async () => {
    await check('/nulle-part', 'Page introuvable');
  });

  describe('administrateur connecté', () => {
    beforeAll(async () => {
      await signIn(session.page);
    });

    test.each([
      ['/admin', 'Espace administrateur'],
      ['/admin/departements', 'Départements'],
      ['/admin/circonscriptions', 'Circonscriptions'],
      ['/admin/communes', 'Communes'],
      ['/admin/secteurs', 'Secteurs'],
      ['/admin/secteurs/nouveau', 'Nouveau secteur'],
      ['/admin/secteurs/import', 'Import de secteurs'],
      ['/admin/test-adresse', 'Test d’adresse'],
    ])('%s', async (path, title) => {
      await check(path, title);
    });

    test('modification d’un secteur', async () => {
      await check(`/admin/secteurs/${sectorId}`, 'Modifier un secteur');
      expect(await session.page.getByLabel('Nom du secteur').inputValue()).not.toBe('');
    });

    test('aucune erreur de console ni réponse 5xx', () => {
      expect(session.problems).toEqual([]);
    });
  });
});
