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

  test('connexion, avec les comptes de démonstration', async () => {
    await check('/connexion', 'Connexion');
    const { page } = session;
    expect(await page.getByLabel(/^Adresse électronique/).getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel(/^Mot de passe/).getAttribute('autocomplete')).toBe('current-password');
    await page.getByRole('heading', { level: 2, name: 'Comptes de démonstration' }).waitFor();
    expect(await page.getByRole('row', { name: /Administrateur/ }).count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByRole('button', { name: /Se connecter avec ce compte/ }).count()).toBeGreaterThanOrEqual(8);
  });

  test('connexion : l’échec d’une connexion ProConnect est expliqué', async () => {
    await check('/connexion?erreur=compte-inconnu', 'Connexion');
    await session.page
      .locator('.fr-alert--error[role="alert"]')
      .getByText(/Aucun compte PSQ ne correspond/)
      .waitFor();
  });

  test('espace administrateur, déconnecté : page de connexion', async () => {
    await check('/admin', 'Connexion');
    expect(new URL(session.page.url()).searchParams.get('retour')).toBe('/admin');
  });

  test('page réservée, déconnecté : page de connexion', async () => {
    await check('/admin/departements', 'Connexion');
    expect(await session.page.getByRole('button', { name: 'Se connecter', exact: true }).count()).toBe(1);
  });

  test('invitation inconnue : message du serveur', async () => {
    await check(`/invitation/${'x'.repeat(32)}`, 'Créer mon mot de passe');
    await session.page.locator('.fr-alert--error[role="alert"]').waitFor();
  });

  test('page introuvable', async () => {
    await check('/nulle-part', 'Page introuvable');
  });

  describe('administrateur connecté', () => {
    beforeAll(async () => {
      await signIn(session);
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
      ['/admin/utilisateurs', 'Utilisateurs'],
      ['/admin/journal', 'Journal d’audit'],
      ['/compte', 'Mon compte'],
    ])('%s', async (path, title) => {
      await check(path, title);
    });

    test('modification d’un secteur', async () => {
      await check(`/admin/secteurs/${sectorId}`, 'Modifier un secteur');
      expect(await session.page.getByLabel('Nom du secteur').inputValue()).not.toBe('');
    });

    test('fiche d’un utilisateur', async () => {
      const response = await session.page.request.get('/api/users');
      expect(response.status()).toBe(200);
      const { items } = (await response.json()) as {
        items: { id: string; displayName: string; roles: { role: string }[] }[];
      };
      const user =
        items.find((item) => item.roles.some((assignment) => assignment.role === 'police_referent')) ?? items[0];
      await check(`/admin/utilisateurs/${user.id}`, `${user.displayName} — Utilisateurs`, user.displayName);
      await session.page.getByRole('heading', { level: 2, name: 'Rôles' }).waitFor();
    });

    test('journal d’audit : résultats et lien d’export', async () => {
      const { page } = session;
      await check('/admin/journal', 'Journal d’audit');
      await page.locator('table tbody tr').first().waitFor();
      expect(await page.getByRole('link', { name: 'Exporter en CSV' }).getAttribute('href')).toMatch(
        /^\/api\/audit\/export\.csv/,
      );
    });

    test('aucune erreur de console ni réponse 5xx', () => {
      expect(session.problems).toEqual([]);
    });
  });
});
