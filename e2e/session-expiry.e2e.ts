import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type RunningServer } from './harness.ts';
import { demoAccount, openSession, signIn, submitSignIn, type Session } from './helpers.ts';

const IDLE_SECONDS = 3;

/** A second server whose sessions end after 3 s without activity. */
describe('session expirée', () => {
  let server: RunningServer;
  let session: Session;
  beforeAll(async () => {
    server = await startServer({ SESSION_IDLE_SECONDS: String(IDLE_SECONDS) });
    session = await openSession(server.baseUrl);
  });
  afterAll(async () => {
    await session?.close();
    await server?.stop();
  });

  async function expectExpiredOn(path: string): Promise<void> {
    const { page } = session;
    await page.waitForURL((url) => url.pathname === '/connexion' && url.searchParams.get('retour') === path);
    await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    await page.getByText('Votre session a expiré : reconnectez-vous.').waitFor();
  }

  test('une navigation dans l’application après l’inactivité mène à la connexion, avec le message', async () => {
    const { page } = session;
    await signIn(session);
    await page.waitForTimeout((IDLE_SECONDS + 1) * 1000);
    await page.locator('nav#navigation').getByRole('link', { name: 'Communes' }).click();
    await expectExpiredOn('/admin/communes');
  });

  test('un chargement de page après l’inactivité aussi ; la reconnexion ramène à la page demandée', async () => {
    const { page } = session;
    await signIn(session);
    await page.goto('/admin/departements');
    await page.getByRole('heading', { level: 1, name: 'Départements' }).waitFor();
    await page.waitForTimeout((IDLE_SECONDS + 1) * 1000);
    await page.goto('/admin/utilisateurs');
    await expectExpiredOn('/admin/utilisateurs');

    // Signing in again goes back to the requested page.
    const { email, password } = await demoAccount(server.baseUrl);
    await submitSignIn(page, email, password);
    await page.waitForURL((url) => url.pathname === '/admin/utilisateurs');
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    expect(session.problems).toEqual([]);
  });
});
