import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { expectNoSeriousAxeViolations, expectPageBasics, openSession, signIn, type Session } from './helpers.ts';

/**
 * Notifications in the browser: the admin sets a phone in the preferences page and sends a test
 * message; the notification centre, open in another tab, shows it live (no reload) and the bell
 * counts it; the admin test outbox shows the SMS with its segment count.
 */
const PHONE = '06 12 34 56 78';

function bell(page: Page) {
  return page
    .locator('.fr-header__tools-links')
    .getByRole('link', { name: /^Notifications/ })
    .first();
}

describe('notifications', () => {
  let admin: Session;
  let centre: Page;

  beforeAll(async () => {
    admin = await openSession();
    await signIn(admin);
    centre = await admin.context.newPage();
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
  });

  test('preferences, test message live in the centre, SMS in the test outbox', async () => {
    await centre.goto('/notifications');
    await expectPageBasics(centre, 'Notifications', 'Notifications');
    await centre
      .getByRole('status')
      .filter({ hasText: /notification/ })
      .first()
      .waitFor();
    const before = await centre.locator('article.fr-card').count();
    // Still the same document later means the list was updated live, not reloaded.
    await centre.evaluate(() => Object.assign(window, { psqNoReload: true }));
    await expectNoSeriousAxeViolations(centre, '/notifications');

    const page = admin.page;
    await page.goto('/compte');
    await page.getByRole('link', { name: 'préférences de notification' }).click();
    await expectPageBasics(page, 'Préférences de notification', 'Préférences de notification');
    await page.getByLabel(/^Numéro de mobile pour les SMS/).fill(PHONE);
    await page.getByText('Activer les heures calmes').waitFor();
    await page.getByRole('button', { name: 'Enregistrer mes préférences' }).click();
    await page.getByText('Vos préférences de notification sont enregistrées.').waitFor();
    // Stored as +33612345678, shown again as French readers write it.
    expect(await page.getByLabel(/^Numéro de mobile pour les SMS/).inputValue()).toBe(PHONE);
    await expect(
      page.getByRole('button', { name: 'Activer les notifications sur cet appareil' }).count(),
    ).resolves.toBe(1);
    await expectNoSeriousAxeViolations(page, '/compte/notifications');
    // The push service worker is served from the root and registers under the CSP (push itself needs an online push service).
    const sw = await page.request.get('/sw.js');
    expect(sw.headers()['content-type']).toContain('javascript');
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.register('/sw.js')).scope);
    expect(scope).toBe(`${admin.baseUrl}/`);

    await page.getByRole('button', { name: 'M’envoyer un message de test' }).click();
    await page.getByText(/Message de test envoyé : .*SMS/).waitFor();

    // The other tab: the new message appears and the bell counts it, without reloading.
    await centre.getByRole('heading', { level: 2, name: 'Message de test PSQ' }).first().waitFor();
    expect(await centre.locator('article.fr-card').count()).toBe(before + 1);
    // The bell and the list refetch separately: the bell may follow a moment later.
    await expect.poll(() => bell(centre).textContent()).toMatch(/non lue/);
    expect(await centre.evaluate(() => (window as unknown as { psqNoReload?: boolean }).psqNoReload)).toBe(true);

    const unreadBefore = await centre.getByRole('button', { name: 'Marquer comme lue' }).count();
    await centre.getByRole('button', { name: 'Marquer comme lue' }).first().click();
    await expect.poll(() => centre.getByRole('button', { name: 'Marquer comme lue' }).count()).toBe(unreadBefore - 1);

    await page.goto('/admin');
    await page.locator('#navigation').getByRole('link', { name: 'Boîte d’envoi' }).click();
    await expectPageBasics(page, 'Boîte d’envoi de test', 'Boîte d’envoi de test');
    // The worker sends shortly after the commit: refresh until the SMS is there.
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Actualiser' }).click();
          return page.getByRole('heading', { level: 2, name: `SMS à ${PHONE}` }).count();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    const sms = page
      .locator('article', { has: page.getByRole('heading', { level: 2, name: `SMS à ${PHONE}` }) })
      .first();
    await expect(sms.textContent()).resolves.toMatch(/\d+ segments? SMS · \d+ caractères · encodage (GSM-7|UCS-2)/);
    await expect(sms.textContent()).resolves.toContain('Ceci est un message de test');
    await expectNoSeriousAxeViolations(page, '/admin/boite-envoi');
    expect(admin.problems).toEqual([]);
  }, 120_000);
});
