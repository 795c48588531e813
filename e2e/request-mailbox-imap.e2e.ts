import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startImapPeer, type ImapPeer } from '../src/server/test/peers/imap-peer.ts';
import { expectNoSeriousAxeViolations, expectPageBasics, openSession, signIn, type Session } from './helpers.ts';

/** The administrator has a sector's address fetched by IMAP (a local IMAP server), sees a refused password, fixes it, fetches now, then stops. */
describe('relève IMAP des boîtes des secteurs', () => {
  let admin: Session;
  let imap: ImapPeer;
  beforeAll(async () => {
    imap = await startImapPeer({ user: 'borny-imap', password: 'le bon mot de passe' });
    admin = await openSession();
    await signIn(admin);
  });
  afterAll(async () => {
    await admin?.close();
    await imap?.close();
  });

  test('configurer, voir l’échec, corriger, relever maintenant, arrêter', async () => {
    const { page } = admin;
    const address = `borny-imap.${Date.now() % 100000}@police.example`;
    const sender = `habitant.imap.${Date.now() % 100000}@example.org`;
    const message = await nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail({
      from: `Habitant <${sender}>`,
      to: address,
      subject: 'Tags sur l’école',
      text: 'Des tags sont apparus cette nuit sur le mur de l’école.',
    });
    await imap.append(message.message as Buffer);

    await page.goto('/admin/boites-mail');
    await expectPageBasics(page, 'Boîtes e-mail des secteurs', 'Boîtes e-mail des secteurs');
    await page.getByLabel('Adresse e-mail').fill(address);
    const borny = await page
      .locator('select[name="target"] option', { hasText: 'Borny' })
      .first()
      .getAttribute('value');
    await page.getByLabel('Destination').selectOption(borny ?? '');
    await page.getByRole('button', { name: 'Recevoir cette adresse' }).click();
    await page.getByRole('cell', { name: address, exact: true }).waitFor();

    await page.getByRole('button', { name: `Relever par IMAP ${address}` }).click();
    await page.getByRole('heading', { name: `Relève IMAP de ${address}` }).waitFor();
    // Plain IMAP to a remote server: the server's French refusal.
    await page.getByLabel('Serveur IMAP').fill('imap.example.org');
    await page.getByLabel('Chiffrement').selectOption('none');
    await page.getByLabel('Identifiant').fill('borny-imap');
    await page.getByLabel('Mot de passe').fill('un mauvais mot de passe');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Sans chiffrement, seul un serveur local').first().waitFor();

    await page.getByLabel('Serveur IMAP').fill('127.0.0.1');
    await page.getByLabel('Port').fill(String(imap.port));
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText(`${address} sera relevée par IMAP sur 127.0.0.1`).waitFor();
    await page.getByRole('button', { name: `Relever maintenant ${address}` }).click();
    await page
      .getByText(`Relève de ${address} : Identifiant ou mot de passe refusé par 127.0.0.1:${imap.port}.`)
      .waitFor();
    await expectNoSeriousAxeViolations(page, '/admin/boites-mail (échec IMAP)');

    // The password field is empty (never shown again); a new one is typed.
    await page.getByRole('button', { name: `Modifier la relève IMAP de ${address}` }).click();
    expect(await page.getByLabel('Mot de passe').inputValue()).toBe('');
    await page.getByLabel('Mot de passe').fill('le bon mot de passe');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText(`${address} sera relevée par IMAP sur 127.0.0.1`).waitFor();
    await page.getByRole('button', { name: `Relever maintenant ${address}` }).click();
    // The worker's own run (each minute) may have taken it first: either way it is a request now.
    await page
      .getByText(new RegExp(`Relève de ${address.replace(/\./g, '\\.')} : (1 demande créée|Aucun nouveau message)\\.`))
      .waitFor();
    expect([...imap.messages()[0].flags]).toEqual(['\\Seen']);
    expect(await page.content()).not.toContain('le bon mot de passe');

    await page.getByRole('button', { name: `Ne plus relever ${address} par IMAP` }).click();
    await page.getByRole('button', { name: 'Confirmer l’arrêt' }).click();
    await page.getByText(`${address} n’est plus relevée par IMAP (la réception SMTP continue).`).waitFor();
    await page.getByRole('button', { name: `Ne plus recevoir ${address}` }).click();
    await page.getByRole('button', { name: /Confirmer la suppression/ }).click();
    await page.getByRole('cell', { name: address, exact: true }).waitFor({ state: 'detached' });
  });
});
