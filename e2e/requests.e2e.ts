import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { FAKE_JPEG, jpegWithGps } from '../src/server/modules/requests/attachments/attachment.fixtures.ts';
import {
  clickMap,
  expectNoSeriousAxeViolations,
  expectPageBasics,
  openSession,
  signIn,
  type Session,
} from './helpers.ts';

/**
 * Residents' requests (issue 6), web side: a resident signals a problem in Borny without an account,
 * gets the reference and the tracking link, also by e-mail (read in the admin test outbox, the e2e
 * server has no SMTP); the Borny police referent acknowledges and answers it from the inbox; the
 * tracking page shows the answer.
 */
interface OutboxItem {
  channel: string;
  address: string;
  subject?: string | null;
  body: string;
}

/** The path of the tracking link e-mailed to `email` (the worker sends it shortly after the submission). */
async function mailedTrackingPath(admin: Session, email: string): Promise<string> {
  const { status, path } = await vi.waitFor(
    async () => {
      const response = await admin.page.request.get('/api/admin/test-outbox');
      // A refused read ends the wait, to fail below: it is not waited out.
      if (response.status() !== 200) return { status: response.status(), path: '' };
      const { items } = (await response.json()) as { items: OutboxItem[] };
      const mail = items.find(
        (item) => item.channel === 'email' && item.address === email && /\/suivi\//.test(item.body),
      );
      const match = mail && /\/suivi\/([A-Za-z0-9_-]+)/.exec(mail.body);
      if (!match) throw new Error(`aucun e-mail de suivi pour ${email} dans la boîte d’envoi de test`);
      return { status: 200, path: `/suivi/${match[1]}` };
    },
    { timeout: 30_000, interval: 300 },
  );
  expect(status).toBe(200);
  return path;
}

describe('demandes des habitants', () => {
  let resident: Session;
  let referent: Session;
  /** Signed in as the administrator, only to read the test outbox. */
  let admin: Session;
  const run = Date.now() % 100000;
  const email = `habitant.${run}@exemple.fr`;
  const description = `Des scooters roulent à vive allure sur le trottoir devant l’école (essai ${run}).`;
  const answer = `Une patrouille passera aux heures de sortie d’école cette semaine (essai ${run}).`;
  let reference = '';
  let trackingPath = '';

  beforeAll(async () => {
    [resident, referent, admin] = await Promise.all([openSession(), openSession(), openSession()]);
    await Promise.all([signIn(admin), signIn(referent, 'police_referent')]);
  });
  afterAll(async () => {
    await Promise.all([resident?.close(), referent?.close(), admin?.close()]);
  });

  test(
    'un habitant signale un problème sans compte : erreurs en français, puis ' + 'référence et lien de suivi',
    async () => {
      const { page } = resident;
      await page.goto('/');
      await page.locator('#navigation').getByRole('link', { name: 'Signaler un problème' }).click();
      await expectPageBasics(page, 'Signaler un problème de sécurité', 'Signaler un problème de sécurité');
      await page.getByText('Recherche d’adresse indisponible : cliquez sur la carte', { exact: false }).waitFor();
      const honeypot = page.locator('input[name="website"]');
      expect(await honeypot.getAttribute('tabindex')).toBe('-1');
      expect(await honeypot.getAttribute('autocomplete')).toBe('off');
      expect(await page.locator('.psq-honeypot').getAttribute('aria-hidden')).toBe('true');
      await expectNoSeriousAxeViolations(page, '/signaler');

      // Every attempt of this form carries the same Idempotency-Key: a retry never makes a second request.
      const keys: (string | undefined)[] = [];
      page.on('request', (sent) => {
        if (sent.method() === 'POST' && new URL(sent.url()).pathname === '/api/requests')
          keys.push(sent.headers()['idempotency-key']);
      });
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
      await page.getByText('Choisissez une catégorie.').waitFor();
      await page.getByText('Décrivez ce qui se passe en 10 caractères au moins.').waitFor();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('category');

      await page.getByLabel('Catégorie').selectOption('road_safety');
      await page.getByLabel('Ce qui se passe').fill(description);
      await page.getByLabel('Moment de la journée').selectOption('afternoon');
      await page.getByText('Cela se reproduit régulièrement').click();
      // A click on the map fills the coordinates; they are then typed precisely (a point in Borny).
      await page.locator('.psq-map path').first().waitFor();
      await clickMap(page, 'Carte pour choisir le lieu', [[0.5, 0.5]]);
      expect(await page.getByLabel(/^Latitude/).inputValue()).toMatch(/^\d+,\d{5}$/);
      await page.getByLabel(/^Latitude/).fill('49,1058');
      await page.getByLabel(/^Longitude/).fill('6,2255');
      await page.getByLabel(/^Nom/).fill('Habitante de Borny');
      await page.getByLabel(/^Adresse e-mail/).fill(email);
      await page.getByText('Je peux être nommé').click();
      // Photos: a real JPEG is sent at once and listed; an executable renamed .jpg is refused under the field.
      const photos = page.locator('#photos');
      expect(await page.getByLabel(/^Photos \(facultatif\)/).count()).toBe(1);
      await photos.setInputFiles([{ name: 'trottoir.jpg', mimeType: 'image/jpeg', buffer: jpegWithGps() }]);
      await page.getByText('1 photo(s) ajoutée(s).').waitFor();
      await page.getByRole('list', { name: 'Photos ajoutées' }).getByText('trottoir.jpg', { exact: false }).waitFor();
      await photos.setInputFiles([{ name: 'virus.jpg', mimeType: 'image/jpeg', buffer: FAKE_JPEG }]);
      await page.getByText('n’est pas une photo acceptée', { exact: false }).waitFor();
      expect(await photos.getAttribute('aria-describedby')).toBe('photos-desc-error');
      // A phone too short for the server: its problem+json lands under the phone field.
      await page.getByLabel(/^Téléphone/).fill('123');
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
      const phoneGroup = page.locator('.fr-input-group--error', { has: page.getByLabel(/^Téléphone/) });
      await phoneGroup.waitFor();
      expect(await phoneGroup.textContent()).toContain('au moins 6');
      await page.getByLabel(/^Téléphone/).fill('');
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click();

      await expectPageBasics(page, 'Demande envoyée', 'Demande envoyée');
      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^web-[0-9a-f]{32}$/);
      expect(keys[1]).toBe(keys[0]);
      reference = (await page.getByTestId('reference').textContent()) ?? '';
      expect(reference).not.toBe('');
      await page.getByText('transmise au secteur', { exact: false }).waitFor();
      const link = page.getByRole('link', { name: /\/suivi\// });
      expect(await link.getAttribute('href')).toMatch(/^\/suivi\/[A-Za-z0-9_-]+$/);
      await expectNoSeriousAxeViolations(page, 'demande envoyée');
    },
  );

  test('le lien de suivi reçu par e-mail ouvre la page de suivi ; un lien inconnu est expliqué', async () => {
    const { page } = resident;
    trackingPath = await mailedTrackingPath(admin, email);
    expect(await page.getByRole('link', { name: /\/suivi\// }).getAttribute('href')).toBe(trackingPath);
    await page.goto(trackingPath);
    await expectPageBasics(page, 'Suivi de ma demande', `Suivi de ma demande ${reference}`);
    await page.getByTestId('historique').getByText('Demande reçue').waitFor();
    await expectNoSeriousAxeViolations(page, '/suivi/:token');

    await page.goto('/suivi/lien-invente-0000000000');
    await page.getByText('Ce lien de suivi ne correspond à aucune demande', { exact: false }).waitFor();
  });

  test('le référent de Borny trouve la demande, la prend en compte et répond par e-mail', async () => {
    const { page } = referent;
    await page.locator('#navigation').getByRole('link', { name: 'Demandes' }).click();
    await expectPageBasics(page, 'Demandes des habitants', 'Demandes des habitants');
    await page.getByLabel('Statut').selectOption('new');
    await page.getByRole('link', { name: reference }).waitFor();
    await expectNoSeriousAxeViolations(page, '/demandes');

    await page.getByRole('link', { name: reference }).click();
    await expectPageBasics(page, `Demande ${reference}`, `Demande ${reference}`);
    await page.getByText(email, { exact: false }).first().waitFor();
    // The resident's photo, stripped of its GPS position, as a download.
    const photo = page.getByTestId('pieces-jointes').getByRole('link', { name: /trottoir\.jpg/ });
    await photo.waitFor();
    const file = await page.request.get((await photo.getAttribute('href')) ?? '');
    expect(file.headers()['content-disposition']).toMatch(/^attachment;/);
    expect((await file.body()).toString('latin1')).not.toContain('GPSLatitude');
    await expectNoSeriousAxeViolations(page, '/demandes/:id');

    await page.getByRole('button', { name: 'Prendre en compte' }).click();
    await page.getByText('Action « Prendre en compte » enregistrée.').waitFor();
    await page.getByRole('button', { name: 'Commencer le traitement' }).waitFor();

    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.getByText('Écrivez au moins 1 caractère.').waitFor();
    await page.getByRole('textbox', { name: /^Réponse/ }).fill(answer);
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await page.getByText('Réponse envoyée.').waitFor();
    await page.getByTestId('historique').getByText(answer).waitFor();
  });

  test('la page de suivi montre la réponse, sans nom d’agent ; l’habitant y répond', async () => {
    const { page } = resident;
    await page.goto(trackingPath);
    await page.getByTestId('historique').getByText(answer).waitFor();
    expect(await page.getByText('Major Karim Referent').count()).toBe(0);
    expect(await page.getByText('Répondue').count()).toBeGreaterThan(0);

    const reply = `Merci, c’est surtout vers 16 h 30 (essai ${run}).`;
    await page.getByLabel('Votre message').fill(reply);
    await page.getByRole('button', { name: 'Envoyer le message' }).click();
    await page.getByText('Votre message a été ajouté à la demande.').waitFor();
    await page.getByTestId('historique').getByText(reply).waitFor();
    await expectNoSeriousAxeViolations(page, '/suivi/:token avec réponse');
  });
});
