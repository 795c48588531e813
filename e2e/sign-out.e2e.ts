import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openSession, signIn, signOutButton, type Session } from './helpers.ts';

/** After « Se déconnecter », nothing reserved is shown any more: neither by URL nor with the back button. */
describe('déconnexion', () => {
  let session: Session;
  beforeAll(async () => {
    session = await openSession();
  });
  afterAll(async () => {
    await session?.close();
  });

  test('après déconnexion, /admin affiche la page de connexion', async () => {
    const { page } = session;
    const account = await signIn(session);
    await page
      .locator('.fr-header__tools')
      .getByRole('link', { name: new RegExp(account.displayName.replace(/[()]/g, '\\$&')) })
      .waitFor();
    await page.goto('/admin/departements');
    await page.getByRole('cell', { name: 'Moselle', exact: true }).waitFor();

    await signOutButton(page).click();
    await page.waitForURL((url) => url.pathname === '/connexion');
    await page.getByText('Vous êtes déconnecté.').waitFor();
    await page.locator('.fr-header__tools').getByRole('link', { name: 'Se connecter' }).waitFor();

    await page.goto('/admin');
    await page.waitForURL((url) => url.pathname === '/connexion' && url.searchParams.get('retour') === '/admin');
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    expect(await page.getByText('Vous êtes connecté en tant qu’administrateur.').count()).toBe(0);
    // The session really is over on the server too.
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
  });

  test('le bouton « Précédent » ne réaffiche pas les données d’administration', async () => {
    const { page } = session;
    for (let i = 0; i < 3; i++) {
      await page.goBack();
      await page.waitForTimeout(300);
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      expect(await page.getByRole('cell', { name: 'Moselle', exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /Supprimer le département/ }).count()).toBe(0);
      expect(new URL(page.url()).pathname).toBe('/connexion');
    }
    expect(session.problems).toEqual([]);
  });

  test('« Déconnecter mes autres sessions » : l’autre navigateur revient à la connexion', async () => {
    const other = await openSession();
    try {
      await signIn(session);
      await signIn(other);
      await other.page.goto('/admin/departements');
      await other.page.getByRole('cell', { name: 'Moselle', exact: true }).waitFor();

      const { page } = session;
      await page.goto('/compte');
      await page.getByRole('button', { name: 'Déconnecter mes autres sessions' }).click();
      await page.getByText('Vos autres sessions ont été déconnectées.').waitFor();

      await other.page.locator('nav#navigation').getByRole('link', { name: 'Communes' }).click();
      await other.page.waitForURL(
        (url) => url.pathname === '/connexion' && url.searchParams.get('retour') === '/admin/communes',
      );
      await other.page.getByText('Votre session a expiré : reconnectez-vous.').waitFor();
      // This browser's session goes on.
      await page.goto('/admin/journal');
      await page.getByRole('heading', { level: 1, name: 'Journal d’audit' }).waitFor();
      expect(other.problems).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
