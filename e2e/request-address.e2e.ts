import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startBanPeer, type BanPeer, type GazetteerEntry } from '../src/server/test/peers/ban-peer.ts';
import { startServer, type RunningServer } from './harness.ts';
import { expectNoSeriousAxeViolations, expectPageBasics, openSession, signIn, type Session } from './helpers.ts';

/**
 * Residents' requests (issue 6), « where: address search or map point »: on `/signaler` the
 * resident types an address (a local fake of the national address API), picks one of the
 * results, and the request is placed exactly at the address, in its sector; the staff phone
 * intake takes the caller's address the same way. This file starts its own server with GEOCODER_URL.
 */
const run = Date.now() % 100000;
const BORNY: GazetteerEntry = {
  label: '4 Boulevard de Provence 57070 Metz',
  lon: 6.22561,
  lat: 49.10547,
  citycode: '57463',
  postcode: '57070',
};
const ELSEWHERE: GazetteerEntry = {
  label: '4 Rue de Provence 57000 Metz',
  lon: 6.1712,
  lat: 49.1133,
  citycode: '57463',
  postcode: '57000',
};
const BELLECROIX: GazetteerEntry = {
  label: '13 Rue de Toulouse 57070 Metz',
  lon: 6.2135,
  lat: 49.1285,
  citycode: '57463',
  postcode: '57070',
};

describe('demande placée par la recherche d’adresse', () => {
  let ban: BanPeer;
  let server: RunningServer;
  let resident: Session;
  let admin: Session;
  let referent: Session;
  let delegate: Session;

  beforeAll(async () => {
    ban = await startBanPeer([BORNY, ELSEWHERE, BELLECROIX]);
    server = await startServer({ GEOCODER_URL: ban.url });
    [resident, admin, referent, delegate] = await Promise.all([
      openSession(server.baseUrl),
      openSession(server.baseUrl),
      openSession(server.baseUrl),
      openSession(server.baseUrl),
    ]);
    await Promise.all([signIn(admin), signIn(referent, 'police_referent'), signIn(delegate, 'delegate')]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([resident?.close(), admin?.close(), referent?.close(), delegate?.close()]);
    await server?.stop();
    await ban?.close();
  });

  test('l’habitant cherche son adresse, la choisit, et la demande porte le point de l’adresse', async () => {
    const { page } = resident;
    const posts: string[] = [];
    page.on('request', (sent) => {
      if (sent.method() === 'POST' && new URL(sent.url()).pathname === '/api/requests') posts.push(sent.url());
    });
    await page.goto('/signaler');
    await expectPageBasics(page, 'Signaler un problème de sécurité', 'Signaler un problème de sécurité');
    expect(await page.getByText('Recherche d’adresse indisponible', { exact: false }).count()).toBe(0);
    await page.getByLabel('Catégorie').selectOption('incivilities');
    await page
      .getByLabel('Ce qui se passe')
      .fill(`Des poubelles sont incendiées chaque nuit au pied de l’immeuble (essai ${run}).`);

    // Enter in the address field searches and does not send the request form around it.
    const address = page.getByLabel(/^Adresse du lieu/);
    await address.fill('4 provence metz');
    await address.press('Enter');
    await page.getByText('2 adresse(s) trouvée(s)').waitFor();
    expect(ban.queries).toContain('4 provence metz');
    expect(posts).toEqual([]);
    expect(await page.getByText('Choisissez un point sur la carte', { exact: false }).count()).toBe(0);
    await expectNoSeriousAxeViolations(page, '/signaler (adresses trouvées)');

    await page.getByRole('list', { name: 'Adresses trouvées' }).getByRole('button', { name: BORNY.label }).click();
    await page.getByText(`Adresse choisie : ${BORNY.label}.`).waitFor();
    // The picked address fills the point exactly and names the place; the focus stays in the address field.
    expect(await page.getByLabel(/^Latitude/).inputValue()).toBe('49,10547');
    expect(await page.getByLabel(/^Longitude/).inputValue()).toBe('6,22561');
    expect(await page.getByLabel(/^Précision sur le lieu/).inputValue()).toBe(BORNY.label);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('adresse');
    // The map comes to the address: its marker (the white SVG path among the sectors) is drawn at the map's centre.
    const marker = page.locator('.psq-map path[fill="#ffffff"]');
    await expect.poll(() => marker.count()).toBe(1);
    const map = (await page.getByRole('region', { name: 'Carte pour choisir le lieu' }).boundingBox())!;
    await expect
      .poll(async () => {
        const box = (await marker.boundingBox())!;
        return Math.hypot(
          box.x + box.width / 2 - (map.x + map.width / 2),
          box.y + box.height / 2 - (map.y + map.height / 2),
        );
      })
      .toBeLessThan(3);

    await page.getByText('Je ne souhaite pas de réponse').click();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expectPageBasics(page, 'Demande envoyée', 'Demande envoyée');
    expect(posts).toHaveLength(1);
    const reference = (await page.getByTestId('reference').textContent()) ?? '';
    expect(await page.getByText('transmise au secteur', { exact: false }).textContent()).toContain('Borny');

    const response = await admin.page.request.get(`/api/requests?q=${encodeURIComponent(reference)}`);
    expect(response.status()).toBe(200);
    const { items } = (await response.json()) as {
      items: {
        reference: string;
        point: { lon: number; lat: number } | null;
        placeLabel: string | null;
        sector: { code: string } | null;
      }[];
    };
    const request = items.find((item) => item.reference === reference);
    expect(request?.point).toEqual({ lon: BORNY.lon, lat: BORNY.lat });
    expect(request?.placeLabel).toBe(BORNY.label);
    expect(request?.sector?.code).toBe('METZ-BORNY');
  });

  test(
    'à l’accueil téléphonique, l’adresse de l’appelant remplit les coordonnées ' + 'sans écraser le lieu noté',
    async () => {
      const { page } = referent;
      await page.goto('/demandes/nouvelle');
      await expectPageBasics(page, 'Enregistrer un appel', 'Enregistrer un appel');
      await page.getByLabel(/^Précision sur le lieu/).fill('Hall du n° 13');
      await page.getByLabel(/^Adresse indiquée par l’appelant/).fill('toulouse metz');
      await page.getByRole('button', { name: 'Rechercher l’adresse' }).click();
      await page.getByRole('button', { name: BELLECROIX.label }).click();
      expect(await page.getByLabel(/^Latitude/).inputValue()).toBe('49,1285');
      expect(await page.getByLabel(/^Longitude/).inputValue()).toBe('6,2135');
      expect(await page.getByLabel(/^Précision sur le lieu/).inputValue()).toBe('Hall du n° 13');
      await expectNoSeriousAxeViolations(page, '/demandes/nouvelle (adresse choisie)');
    },
  );

  test('le délégué situe une visite par son adresse : la visite porte le point et le lieu', async () => {
    const { page } = delegate;
    await page.goto('/gestion-permanences/visites/nouvelle');
    await expectPageBasics(page, 'Noter une visite', 'Noter une visite');
    await page.getByLabel('Lieu de la permanence').selectOption({ label: 'Mairie de quartier de Borny (Metz)' });
    await page.getByLabel('Catégorie').selectOption({ label: 'Incivilités' });
    await page.getByLabel('Ce qui a été dit').fill(`Des dégradations répétées dans le hall (essai ${run}).`);
    await page.getByLabel(/^Adresse du lieu/).fill('provence metz');
    await page.getByLabel(/^Adresse du lieu/).press('Enter');
    await page.getByRole('button', { name: BORNY.label }).click();
    expect(await page.getByLabel('Lieu concerné (facultatif)').inputValue()).toBe(BORNY.label);
    await expectNoSeriousAxeViolations(page, '/gestion-permanences/visites/nouvelle (adresse choisie)');
    await page.getByRole('button', { name: 'Enregistrer la visite' }).click();
    await page.getByText('La visite est notée.').waitFor();
    const id = new URL(page.url()).pathname.split('/').at(-1);
    const visit = (await (await page.request.get(`/api/office-hours/visits/${id}`)).json()) as {
      point: { lon: number; lat: number } | null;
      placeLabel: string | null;
    };
    expect(visit).toMatchObject({ point: { lon: BORNY.lon, lat: BORNY.lat }, placeLabel: BORNY.label });
    expect([...resident.problems, ...referent.problems, ...delegate.problems]).toEqual([]);
  });
});
