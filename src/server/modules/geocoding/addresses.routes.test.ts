import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { startBanPeer, type BanPeer } from '../../test/peers/ban-peer.ts';
import { createBanGeocoder, GeocoderUnavailableError } from '../../platform/geo/geocoder.ts';

const BORNY = { label: '12 Rue de Toul 57070 Metz', lon: 6.2105, lat: 49.1072, citycode: '57463', postcode: '57070' };
const PLANOISE = {
  label: '1 Rue de Champagne 25000 Besançon',
  lon: 5.9612,
  lat: 47.2205,
  citycode: '25056',
  postcode: '25000',
};

let ban: BanPeer;
let t: TestApp;
let ip = 0;
const search = (q: string) =>
  t.app.inject({ url: `/api/public/addresses?q=${encodeURIComponent(q)}`, remoteAddress: `10.9.0.${++ip}` });

beforeAll(async () => {
  ban = await startBanPeer([BORNY, PLANOISE]);
  t = await createTestApp({
    env: { GEOCODER_URL: `${ban.url}/`, GEOCODER_TIMEOUT_MS: '300', ADDRESS_SEARCHES_PER_MINUTE: '3' },
  });
}, 120_000);
afterAll(async () => {
  await t?.close();
  await ban?.close();
});

describe('geocoder adapter (BAN)', () => {
  it('reads the GeoJSON of the national address API: label, point, INSEE code, score', async () => {
    const geocoder = createBanGeocoder({ baseUrl: ban.url });
    const [found] = await geocoder.search('rue de toul metz');
    expect(found).toEqual({
      label: BORNY.label,
      lon: BORNY.lon,
      lat: BORNY.lat,
      citycode: '57463',
      postcode: '57070',
      score: 0.95,
    });
    expect(await geocoder.search('besancon champagne')).toHaveLength(1);
    expect(ban.queries.at(-1)).toBe('besancon champagne');
  });

  it('a peer that fails, hangs or is unreachable is one typed error', async () => {
    const geocoder = createBanGeocoder({ baseUrl: ban.url, timeoutMs: 200 });
    ban.setFailure({ status: 502 });
    await expect(geocoder.search('rue de toul')).rejects.toBeInstanceOf(GeocoderUnavailableError);
    ban.setFailure('hang');
    const started = Date.now();
    await expect(geocoder.search('rue de toul')).rejects.toThrow(/200 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
    ban.setFailure(null);
    await expect(createBanGeocoder({ baseUrl: 'http://127.0.0.1:9' }).search('rue de toul')).rejects.toBeInstanceOf(
      GeocoderUnavailableError,
    );
  });
});

describe('GET /api/public/addresses', () => {
  it('returns the matching addresses with their point and INSEE code', async () => {
    const response = await search('12 rue de Toul');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({
      results: [{ label: BORNY.label, lon: BORNY.lon, lat: BORNY.lat, citycode: '57463' }],
    });
    expect((await search('rue inconnue nulle part')).json()).toEqual({ results: [] });
  });

  it('bad q: 400 with a French message, before the peer is asked', async () => {
    const asked = ban.queries.length;
    for (const q of ['ab', 'x'.repeat(201), '<script>alert(1)</script>', '   ', '-- rue']) {
      const response = await search(q);
      expect(response.statusCode, q).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().detail).toMatch(/[éèàç]|caractère|Saisissez|requête/);
    }
    expect((await t.app.inject({ url: '/api/public/addresses', remoteAddress: '10.9.1.1' })).statusCode).toBe(400);
    expect(ban.queries.length).toBe(asked);
  });

  it('peer down or too slow: 503 problem+json in French, never a 500', async () => {
    for (const failure of [{ status: 500 }, 'hang'] as const) {
      ban.setFailure(failure);
      const response = await search('rue de toul');
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().detail).toContain("La recherche d'adresse est indisponible");
    }
    ban.setFailure(null);
  });

  it('refuses beyond ADDRESS_SEARCHES_PER_MINUTE from one address (429 with Retry-After)', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push(
        (await t.app.inject({ url: '/api/public/addresses?q=rue%20de%20toul', remoteAddress: '10.9.2.1' })).statusCode,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await t.app.inject({ url: '/api/public/addresses?q=ab', remoteAddress: '10.9.2.1' });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(
      (await t.app.inject({ url: '/api/public/addresses?q=rue%20de%20toul', remoteAddress: '10.9.2.2' })).statusCode,
    ).toBe(200);
  });

  it('the limiter starts a new window after a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      const from = () => t.app.inject({ url: '/api/public/addresses?q=rue%20de%20toul', remoteAddress: '10.9.3.1' });
      for (let i = 0; i < 3; i += 1) expect((await from()).statusCode).toBe(200);
      const refused = await from();
      expect(refused.statusCode).toBe(429);
      expect(refused.json().detail).toMatch(
        /^Trop de recherches d'adresse depuis votre connexion : au plus 3 par minute\. Réessayez dans \d+ secondes\.$/,
      );
      vi.setSystemTime(Date.now() + 60_000);
      expect((await from()).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('without GEOCODER_URL', () => {
  it('answers 503 with a French message and /api/meta says address search is off', async () => {
    const plain = await createTestApp();
    try {
      const response = await plain.app.inject({ url: '/api/public/addresses?q=rue%20de%20toul' });
      expect(response.statusCode).toBe(503);
      expect(response.json().detail).toContain('cliquez sur la carte');
      expect((await plain.app.inject({ url: '/api/meta' })).json().addressSearch).toBe(false);
      expect((await t.app.inject({ url: '/api/meta' })).json().addressSearch).toBe(true);
    } finally {
      await plain.close();
    }
  });
});
