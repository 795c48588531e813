import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  clickMap,
  expectNoSeriousAxeViolations,
  expectPageBasics,
  openSession,
  signIn,
  type Session,
} from './helpers.ts';

/**
 * Operational alerts, as the issue describes them: a referent alerts Metz, the mayor (another browser)
 * sees it live and acknowledges it in the app, the referent sees it without reloading; the deputy's SMS
 * link (read from the admin test outbox) opens a public page whose button acknowledges.
 */
const MAYOR_EMAIL = 'maire.metz@demo.psq.fr';

/** The phone of the recipient alerted by SMS only (the seed's deputy, who has no PSQ account), as the sender's API shows it. */
async function smsOnlyPhone(sender: Session, alertId: string): Promise<string> {
  const response = await sender.page.request.get(`/api/alerts/${alertId}`);
  const alert = (await response.json()) as { communes: { recipients: { inApp: boolean; phone: string | null }[] }[] };
  const phone = alert.communes.flatMap((commune) => commune.recipients).find((recipient) => !recipient.inApp)?.phone;
  if (!phone) throw new Error('aucun destinataire alerté par SMS seulement');
  return phone;
}

interface OutboxItem {
  channel: string;
  address: string;
  body: string;
}

/** Marks the document: still there later means the page was never reloaded. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { psqNoReload: true }));
}

async function stillSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { psqNoReload?: boolean }).psqNoReload === true);
}

/** The path of the acknowledgement link in the SMS sent to `phone` about `text` (the worker sends it shortly after). */
async function smsLinkPath(admin: Session, phone: string, text: string): Promise<string> {
  const { status, path } = await vi.waitFor(
    async () => {
      const response = await admin.page.request.get('/api/admin/test-outbox');
      // A refused read ends the wait, to fail below: it is not waited out.
      if (response.status() !== 200) return { status: response.status(), path: '' };
      const { items } = (await response.json()) as { items: OutboxItem[] };
      const sms = items.find(
        (item) => item.channel === 'sms' && item.address === phone && item.body.includes(text.slice(0, 40)),
      );
      const match = sms && /\/a\/([0-9A-Za-z]{16})\b/.exec(sms.body);
      if (!match) throw new Error(`aucun SMS à ${phone} pour « ${text} » dans la boîte d’envoi de test`);
      return { status: 200, path: `/a/${match[1]}` };
    },
    { timeout: 30_000, interval: 300 },
  );
  expect(status).toBe(200);
  return path;
}

describe('alertes opérationnelles aux maires', () => {
  let referent: Session;
  let mayor: Session;
  let visitor: Session;
  /** Signed in as the administrator, only to read the test outbox (where SMS land without a provider). */
  let admin: Session;
  let alertPath = '';
  const text = `Intervention en cours rue Serpentine, evitez le secteur (essai ${Date.now() % 100000}).`;

  beforeAll(async () => {
    [referent, mayor, visitor, admin] = await Promise.all([openSession(), openSession(), openSession(), openSession()]);
    await signIn(admin);
    await signIn(referent, 'police_referent');
    const account = await signIn(mayor, 'elected');
    expect(account.email).toBe(MAYOR_EMAIL);
  });
  afterAll(async () => {
    await Promise.all([referent?.close(), mayor?.close(), visitor?.close(), admin?.close()]);
  });

  test('le maire attend sur la liste des alertes ; menu et accessibilité', async () => {
    const { page } = mayor;
    await page.goto('/');
    await page.locator('#navigation').getByRole('link', { name: 'Alertes' }).click();
    await expectPageBasics(page, 'Alertes', 'Alertes');
    await page.waitForFunction(() => document.querySelector('.psq-loading') === null);
    expect(await page.getByRole('link', { name: 'Nouvelle alerte' }).count()).toBe(0);
    await expectNoSeriousAxeViolations(page, '/alertes (maire)');
    await markDocument(page);
  });

  test('le référent rédige l’alerte : commune, coût du SMS, personnes alertées', async () => {
    const { page } = referent;
    await page.goto('/alertes');
    await page.getByRole('link', { name: 'Nouvelle alerte' }).click();
    await expectPageBasics(page, 'Nouvelle alerte', 'Nouvelle alerte');
    // A click on the map (sector outlines, no tiles) places the point and ticks its commune.
    await page.locator('.psq-map path').first().waitFor();
    await clickMap(page, 'Carte du point d’intervention', [[0.5, 0.5]]);
    await page.getByText('Point placé : commune de Metz', { exact: false }).waitFor();
    expect(await page.getByLabel(/^Metz \(57463\)/).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Critique' }).check({ force: true });
    await page.getByLabel(/^Message/).fill(text);
    const estimate = page.getByTestId('estimation-sms');
    await estimate.waitFor();
    expect(await estimate.textContent()).toMatch(/^\d SMS par destinataire .*encodage GSM-7.*× 2 destinataires.*€/s);
    const recipients = page.getByTestId('apercu-destinataires');
    expect(await recipients.textContent()).toContain('Élise Maire, Maire');
    expect(await recipients.textContent()).toContain('Hugo Adjoint');
    await expectNoSeriousAxeViolations(page, '/alertes/nouvelle');

    await page.getByRole('button', { name: 'Envoyer l’alerte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Intervention en cours — Metz' }).waitFor();
    alertPath = new URL(page.url()).pathname;
    expect(alertPath).toMatch(/^\/alertes\/[0-9a-f-]{36}$/);
    await page.getByText('L’alerte a été envoyée.').waitFor();
    expect(await page.getByTestId('bilan-accuses').textContent()).toBe('0 accusé de réception sur 2 destinataires.');
    await page.getByText('Point d’intervention').waitFor();
    await expectNoSeriousAxeViolations(page, alertPath);
    await markDocument(page);
  });

  test(
    'le maire la voit sans recharger et accuse réception d’un clic ; le référent ' + 'le voit sans recharger',
    async () => {
      const { page } = mayor;
      const banner = page.getByRole('region', { name: 'Alertes en attente de votre accusé de réception' });
      await banner.getByText(text).waitFor();
      await page.getByRole('table').getByRole('link', { name: text }).waitFor();
      expect(await stillSameDocument(page)).toBe(true);
      await expectNoSeriousAxeViolations(page, '/alertes (maire, alerte reçue)');

      await banner.getByRole('button', { name: 'J’accuse réception de l’alerte à Metz' }).click();
      await banner.locator('.fr-alert--success').waitFor();
      await banner.getByRole('button', { name: /J’accuse réception/ }).waitFor({ state: 'detached' });
      expect(await stillSameDocument(page)).toBe(true);

      const detail = referent.page;
      await detail.getByTestId('bilan-accuses').getByText('1 accusé de réception sur 2 destinataires.').waitFor();
      const mayorRow = detail.getByRole('row', { name: /Élise Maire/ });
      expect(await mayorRow.textContent()).toMatch(/Oui, à \d{1,2} h \d{2} \(application\)/);
      expect(await stillSameDocument(detail)).toBe(true);
    },
  );

  test('le lien du SMS : la page publique montre l’alerte, seul le bouton accuse réception', async () => {
    const phone = await smsOnlyPhone(referent, alertPath.split('/').pop() ?? '');
    const path = await smsLinkPath(admin, phone, text);

    const { page } = visitor;
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expectPageBasics(page, 'Accusé de réception d’une alerte', 'Accusé de réception d’une alerte');
    await page.getByTestId('texte-alerte').getByText(text).waitFor();
    await expectNoSeriousAxeViolations(page, '/a/:code');

    // Opening the link acknowledged nothing: the referent still sees one acknowledgement out of two.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await referent.page.getByTestId('bilan-accuses').textContent()).toBe(
      '1 accusé de réception sur 2 destinataires.',
    );

    await page.getByRole('button', { name: 'J’accuse réception' }).click();
    await page.getByRole('heading', { level: 2, name: /réception/ }).waitFor();
    await referent.page.getByTestId('bilan-accuses').getByText('2 accusés de réception sur 2 destinataires.').waitFor();
    expect(await referent.page.getByRole('row', { name: /Hugo Adjoint/ }).textContent()).toMatch(/\(lien du SMS\)/);
    expect(await stillSameDocument(referent.page)).toBe(true);

    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Vous avez déjà accusé réception' }).waitFor();
    expect(await page.getByRole('button', { name: 'J’accuse réception' }).count()).toBe(0);
  });

  test('mise à jour puis clôture par le référent ; le lien d’une alerte close le dit', async () => {
    const { page } = referent;
    await page.getByLabel(/^Texte de la mise à jour/).fill('Intervention terminee, circulation retablie.');
    await page.getByRole('button', { name: 'Envoyer une mise à jour' }).click();
    await page.getByText('La mise à jour a été envoyée.').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Intervention terminee, circulation retablie.' }).waitFor();
    await page.getByRole('button', { name: 'Clore l’alerte' }).click();
    await page.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await page.getByText(/^Alerte close le /).waitFor();
    expect(await page.getByRole('button', { name: 'Envoyer une mise à jour' }).count()).toBe(0);

    // A second alert, closed before the deputy opens its link.
    const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const communes = (await (await page.request.get('/api/alerts/communes?q=Metz')).json()) as {
      items: { id: string; name: string }[];
    };
    const metz = communes.items.find((commune) => commune.name === 'Metz');
    expect(metz).toBeDefined();
    const secondText = `Route fermee avenue Foch (essai ${Date.now() % 100000}).`;
    const headers = { 'x-csrf-token': me.csrfToken };
    const created = await page.request.post('/api/alerts', {
      headers,
      data: { municipalityIds: [metz?.id], kind: 'road_closed', severity: 'info', text: secondText },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const link = await smsLinkPath(admin, await smsOnlyPhone(referent, id), secondText);
    expect((await page.request.post(`/api/alerts/${id}/close`, { headers, data: {} })).status()).toBe(200);

    await visitor.page.goto(link);
    await visitor.page.getByRole('heading', { level: 2, name: 'Cette alerte est close' }).waitFor();
    expect(await visitor.page.getByRole('button', { name: 'J’accuse réception' }).count()).toBe(0);
  });

  test('une commune sans contact : avertissement avant l’envoi, confirmation exigée', async () => {
    const { page } = admin;
    await page.goto('/alertes/nouvelle');
    await page.getByLabel('Filtrer les communes par nom').fill('Boulay');
    await page.getByLabel(/^Boulay-Moselle/).check({ force: true });
    expect(await page.getByText('Aucun contact enregistré').count()).toBeGreaterThan(0);
    await page.getByLabel(/^Message/).fill('Essai sans contact.');
    await page.getByTestId('apercu-destinataires').locator('.fr-alert--warning').waitFor();
    await page.getByRole('button', { name: 'Envoyer l’alerte' }).click();
    await page
      .getByRole('alert')
      .getByText(/aucun contact joignable/)
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/alertes/nouvelle');
    await page.getByLabel(/^Envoyer quand même/).waitFor({ state: 'attached' });
    await expectNoSeriousAxeViolations(page, '/alertes/nouvelle (commune sans contact)');
  });

  test('liens invalides : un message en français, aucune erreur serveur', async () => {
    const { page } = visitor;
    await page.goto('/a/AAAAAAAAAAAAAAAA');
    await expectPageBasics(page, 'Accusé de réception d’une alerte', 'Accusé de réception d’une alerte');
    await page.getByRole('alert').getByText('Ce lien ne permet pas d’accuser réception').waitFor();
    await expectNoSeriousAxeViolations(page, '/a/ (lien falsifié)');
    await page.goto('/a/trop-court');
    await page.getByRole('alert').getByText('Ce lien ne permet pas d’accuser réception').waitFor();
  });

  test('contacts d’alerte de la commune : liste et erreurs du serveur en français', async () => {
    const { page } = mayor;
    await page.locator('#navigation').getByRole('link', { name: 'Contacts d’alerte' }).click();
    await expectPageBasics(page, 'Contacts d’alerte de la commune', 'Contacts d’alerte de la commune');
    await page.getByRole('row', { name: /Hugo Adjoint/ }).waitFor();
    await expectNoSeriousAxeViolations(page, '/contacts-alerte');

    await page.getByLabel(/^Nom/).fill('Marc Essai');
    await page.getByLabel(/^Fonction/).fill('Adjoint');
    await page.getByLabel(/^Téléphone mobile/).fill('01 23');
    await page.getByRole('button', { name: 'Ajouter le contact' }).click();
    const phoneError = page.locator('#formulaire-contact .fr-input-group--error .fr-message--error');
    await phoneError.waitFor();
    expect(await phoneError.textContent()).toMatch(/num[ée]ro/i);
    await expectNoSeriousAxeViolations(page, '/contacts-alerte (erreur)');
  });

  test('aucune erreur de console ni réponse 5xx', () => {
    expect(referent.problems).toEqual([]);
    expect(mayor.problems).toEqual([]);
    expect(visitor.problems).toEqual([]);
    expect(admin.problems).toEqual([]);
  });
});
