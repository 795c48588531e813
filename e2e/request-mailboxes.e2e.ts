import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNoSeriousAxeViolations, expectPageBasics, openSession, signIn, type Session } from './helpers.ts';

/** The administrator declares a sector's mailbox for the SMTP listener, sees it listed, and removes it. */
describe('boîtes e-mail des secteurs', () => {
  let admin: Session;
  beforeAll(async () => {
    admin = await openSession();
    await signIn(admin);
  });
  afterAll(async () => {
    await admin?.close();
  });

  test('l’administrateur fait recevoir une adresse pour le secteur de Borny, puis la retire', async () => {
    const { page } = admin;
    const address = `borny.${Date.now() % 100000}@police.example`;
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Boîtes e-mail des secteurs' }).click();
    await expectPageBasics(page, 'Boîtes e-mail des secteurs', 'Boîtes e-mail des secteurs');
    await page.getByLabel('Adresse e-mail').fill(address.toUpperCase());
    const borny = await page
      .locator('select[name="target"] option', { hasText: 'Borny' })
      .first()
      .getAttribute('value');
    await page.getByLabel('Destination').selectOption(borny ?? '');
    await page.getByRole('button', { name: 'Recevoir cette adresse' }).click();
    await page.getByText(`L’adresse ${address} est maintenant reçue par la plateforme.`).waitFor();
    await page.getByRole('cell', { name: address, exact: true }).waitFor();
    await expectNoSeriousAxeViolations(page, '/admin/boites-mail');

    // The same address again: the server's French 409.
    await page.getByLabel('Adresse e-mail').fill(address);
    await page.getByLabel('Destination').selectOption(borny ?? '');
    await page.getByRole('button', { name: 'Recevoir cette adresse' }).click();
    await page.getByText(`L’adresse ${address} est déjà attribuée.`).waitFor();

    await page.getByRole('button', { name: `Ne plus recevoir ${address}` }).click();
    await page.getByRole('button', { name: /Confirmer/ }).click();
    await page.getByText(`L’adresse ${address} n’est plus reçue.`).waitFor();
    // The list reloads without it.
    await page.getByRole('cell', { name: address, exact: true }).waitFor({ state: 'detached' });
    expect(await page.getByRole('cell', { name: 'borny@psq.localhost', exact: true }).count()).toBe(1);
  });
});
