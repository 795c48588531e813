import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { startBanPeer, type BanPeer } from '../src/server/test/peers/ban-peer.ts';
import { decodeBody, startSmtpPeer, type SmtpPeer } from '../src/server/test/peers/smtp-peer.ts';
import { startServer, type RunningServer } from './harness.ts';
import { expectNoSeriousAxeViolations, expectPageBasics, openSession, signIn, type Session } from './helpers.ts';

/**
 * Office hours (issue 5), booking: a resident types an address on « près de chez moi » (a local fake
 * of the national address API), picks it, sees the next office hour of a venue that takes bookings,
 * loses a slot to someone faster (409, the list refreshes), books another one, receives the
 * confirmation on a real SMTP server, opens the cancel link of the e-mail, cancels, and the slot is
 * free again. This file starts its own server, with GEOCODER_URL and SMTP_URL.
 */
const run = Date.now() % 100000;
const VENUE = `Maison des associations (essai ${run})`;
const ADDRESS = {
  label: '1 Place d’Armes 57000 Metz',
  lon: 6.1757,
  lat: 49.1195,
  citycode: '57463',
  postcode: '57000',
};
/** A Paris date `days` from now. */
const isoDay = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });
const day = isoDay(2);

describe('rendez-vous à une permanence', () => {
  let ban: BanPeer;
  let smtp: SmtpPeer;
  let server: RunningServer;
  let resident: Session;
  let delegate: Session;
  let scheduleId = '';
  let cancelPath = '';
  const email = `habitant.${run}@exemple.fr`;

  const freeSlots = async () => {
    const response = await resident.page.request.get(
      `/api/public/office-hours/schedules/${scheduleId}/slots?date=${day}`,
    );
    expect(response.status()).toBe(200);
    return ((await response.json()) as { free: string[] }).free;
  };

  beforeAll(async () => {
    [ban, smtp] = await Promise.all([startBanPeer([ADDRESS]), startSmtpPeer()]);
    server = await startServer({ GEOCODER_URL: ban.url, SMTP_URL: smtp.url });
    [resident, delegate] = await Promise.all([openSession(server.baseUrl), openSession(server.baseUrl)]);
    // The demo delegate opens a venue near the address, with one office hour in two days taking 20-minute bookings.
    await signIn(delegate, 'delegate');
    const { csrfToken } = (await (await delegate.page.request.get('/api/auth/me')).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const venue = await delegate.page.request.post('/api/office-hours/venues', {
      headers,
      data: { name: VENUE, address: '3 place d’Armes, 57000 Metz', lon: 6.176, lat: 49.119 },
    });
    expect(venue.status(), await venue.text()).toBe(201);
    const schedule = await delegate.page.request.post('/api/office-hours/schedules', {
      headers,
      data: {
        venueId: ((await venue.json()) as { id: string }).id,
        title: 'Permanence sur rendez-vous',
        startTime: '14:00',
        endTime: '15:00',
        rdates: [day],
        startDate: day,
        endDate: day,
        bookingEnabled: true,
        slotMinutes: 20,
      },
    });
    expect(schedule.status(), await schedule.text()).toBe(201);
    scheduleId = ((await schedule.json()) as { id: string }).id;
  }, 120_000);
  afterAll(async () => {
    await Promise.all([resident?.close(), delegate?.close()]);
    await server?.stop();
    await Promise.all([ban?.close(), smtp?.close()]);
  });

  test('l’habitant trouve la permanence par son adresse et ouvre la réservation', async () => {
    const { page } = resident;
    await page.goto('/permanences/pres-de-chez-moi');
    await expectPageBasics(
      page,
      'Trouver la prochaine permanence près de chez moi',
      'Trouver la prochaine permanence près de chez moi',
    );
    await expectNoSeriousAxeViolations(page, '/permanences/pres-de-chez-moi');
    await page.getByLabel(/^Mon adresse/).fill('ab');
    await page.getByRole('button', { name: 'Rechercher l’adresse' }).click();
    await page.getByRole('alert').getByText('Saisissez au moins 3 caractères').waitFor();
    await page.getByLabel(/^Mon adresse/).fill('place d’armes metz');
    await page.getByRole('button', { name: 'Rechercher l’adresse' }).click();
    await page.getByText('1 adresse(s) trouvée(s)').waitFor();
    await page.getByRole('button', { name: ADDRESS.label }).click();
    expect(ban.queries).toContain('place d’armes metz');
    await page.getByTestId('secteur-trouve').getByText('commune de Metz', { exact: false }).waitFor();
    const item = page.locator('ol.psq-oh-dates > li', { hasText: VENUE });
    await item.waitFor();
    expect(await item.getByRole('link', { name: /S’abonner au calendrier du délégué/ }).getAttribute('href')).toMatch(
      /^\/calendar\/delegates\/[0-9a-f-]{36}\.ics$/,
    );
    await expectNoSeriousAxeViolations(page, '/permanences/pres-de-chez-moi (résultat)');
    await item.getByRole('link', { name: /^Prendre rendez-vous/ }).click();
    await expectPageBasics(page, 'Prendre rendez-vous à une permanence', 'Prendre rendez-vous à une permanence');
    expect(new URL(page.url()).pathname).toBe(`/permanences/reservation/${scheduleId}/${day}`);
  });

  test('il réserve : erreurs en français, créneau pris entre-temps (409), puis confirmation', async () => {
    const { page } = resident;
    await page.getByText('Sans rendez-vous, vous restez le bienvenu').waitFor();
    await page.getByText(VENUE).waitFor();
    await expectNoSeriousAxeViolations(page, '/permanences/reservation');
    await page.getByRole('button', { name: 'Réserver ce créneau' }).click();
    await page.getByText('Choisissez un créneau, ou « Sans créneau ».').waitFor();
    await page.getByText('Indiquez votre nom.').first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('slot');

    await page.getByText('14 h 00 – 14 h 20').click();
    await page.getByLabel(/^Nom/).fill('Mme Habitante');
    await page.getByLabel(/^Adresse e-mail/).fill(email);
    // Someone else books 14:00 first.
    const other = await resident.page.request.post('/api/public/office-hours/bookings', {
      data: { scheduleId, date: day, slot: '14:00', name: 'Plus rapide', phone: '06 12 34 56 70' },
    });
    expect(other.status()).toBe(201);
    await page.getByRole('button', { name: 'Réserver ce créneau' }).click();
    await page
      .getByRole('alert')
      .getByText(/vient d'être réservé/)
      .waitFor();
    await expect.poll(() => page.getByText('14 h 00 – 14 h 20').count()).toBe(0);

    await page.getByText('14 h 20 – 14 h 40').click();
    await page.getByRole('button', { name: 'Réserver ce créneau' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rendez-vous confirmé' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await page.getByTestId('resume-reservation').textContent()).toContain('14 h 20');
    expect(await freeSlots()).toEqual(['14:40']);
    await expectNoSeriousAxeViolations(page, '/permanences/reservation (confirmation)');
  });

  test('la confirmation arrive par e-mail ; son lien annule, le créneau est de nouveau libre', async () => {
    cancelPath = await vi.waitFor(
      () => {
        const mail = smtp.messages.find((message) => message.to.includes(email));
        const match = mail && /\/permanences\/annulation\/([A-Za-z0-9_-]+)/.exec(decodeBody(mail.raw));
        expect(match, 'e-mail de confirmation avec le lien d’annulation').toBeTruthy();
        return `/permanences/annulation/${(match as RegExpExecArray)[1]}`;
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(cancelPath, 'e-mail de confirmation avec le lien d’annulation').not.toBe('');
    const { page } = resident;
    await page.goto(cancelPath);
    await expectPageBasics(page, 'Annuler un rendez-vous', 'Annuler un rendez-vous');
    expect(await page.getByTestId('resume-reservation').textContent()).toContain(VENUE);
    await expectNoSeriousAxeViolations(page, '/permanences/annulation');
    // Opening the link changed nothing.
    expect(await freeSlots()).toEqual(['14:40']);
    await page.getByRole('button', { name: 'Confirmer l’annulation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Rendez-vous annulé' }).waitFor();
    expect(await freeSlots()).toEqual(['14:20', '14:40']);
    await expectNoSeriousAxeViolations(page, '/permanences/annulation (annulé)');

    await page.goto('/permanences/annulation/abcdefghijklmnop');
    await page.getByText('Réservation introuvable : vérifiez le lien reçu.').waitFor();
    expect(resident.problems).toEqual([]);
  });
});
