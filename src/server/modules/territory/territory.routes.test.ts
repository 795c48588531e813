import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { signedIn } from '../identity/identity.factories.ts';
import { makeDistrict, makeMunicipality, makeSector, makeTerritory, square } from './territory.factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const inject = (options: InjectOptions) => t.app.inject(options);
/** Headers of an administrator of this département. */
const adminOf = async (departmentId: string) =>
  (await signedIn(t.database, t.config, 'admin', 'department', departmentId)).headers;

describe('GET /api/territory/resolve', () => {
  it('returns the sector, commune, district and département of a point', async () => {
    const { sector, municipality, district, department } = await makeTerritory(t.database, { lon: 2.0, lat: 45.0 });
    const response = await inject({ method: 'GET', url: '/api/territory/resolve?lat=45.005&lon=2.005' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      sector: { id: sector.id, code: sector.code, name: sector.name },
      municipality: { id: municipality.id, inseeCode: municipality.inseeCode, name: municipality.name },
      district: { id: district.id, name: district.name, force: 'police' },
      department: { id: department.id, code: department.code, name: department.name },
    });
  });

  it('answers 404 problem+json when the point is in no sector', async () => {
    const response = await inject({ method: 'GET', url: '/api/territory/resolve?lat=-40&lon=-70' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: 404,
      title: 'Introuvable',
      detail: expect.stringContaining('Aucun secteur'),
    });
  });

  it.each([
    ['lat=91&lon=0', 'lat'],
    ['lat=0&lon=-180.5', 'lon'],
    ['lat=abc&lon=2', 'lat'],
    ['lon=2', 'lat'],
    ['lat=1&lon=2&extra=1', 'extra'],
  ])('refuses %s with a 400 naming the field', async (query, field) => {
    const response = await inject({ method: 'GET', url: `/api/territory/resolve?${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().detail).toContain(field);
  });

  it('sees a sector created a moment ago (the cache is refreshed)', async () => {
    const { municipality } = await makeTerritory(t.database, { lon: 3.0, lat: 46.0 });
    expect((await inject({ method: 'GET', url: '/api/territory/resolve?lat=46.005&lon=3.025' })).statusCode).toBe(404);
    const created = await makeSector(t.database, municipality.id, square(3.02, 46.0));
    const response = await inject({ method: 'GET', url: '/api/territory/resolve?lat=46.005&lon=3.025' });
    expect(response.json().sector.id).toBe(created.id);
  });
});

describe('territory administration', () => {
  it('refuses writes without a session, or with a forged one', async () => {
    const body = { code: '33', name: 'Gironde' };
    expect((await inject({ method: 'POST', url: '/api/territory/departments', payload: body })).statusCode).toBe(401);
    const forged = await inject({
      method: 'POST',
      url: '/api/territory/departments',
      payload: body,
      headers: { cookie: '__Host-psq_session=forged-session-token-forged-session-token-xx' },
    });
    expect(forged.statusCode).toBe(401);
    expect(forged.json().detail).toContain('connecter');
  });

  it('creates, renames and deletes a département', async () => {
    const { department: home } = await makeTerritory(t.database, { lon: 2.5, lat: 44.5 });
    const adminHeaders = await adminOf(home.id);
    const created = await inject({
      method: 'POST',
      url: '/api/territory/departments',
      payload: { code: '33', name: 'Gironde' },
      headers: adminHeaders,
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    const renamed = await inject({
      method: 'PATCH',
      url: `/api/territory/departments/${id}`,
      payload: { name: 'La Gironde' },
      headers: adminHeaders,
    });
    // Its creator administers the new département (and nobody else yet).
    expect(renamed.json()).toMatchObject({ id, code: '33', name: 'La Gironde' });
    const stranger = await adminOf(home.id);
    expect(
      (await inject({ method: 'DELETE', url: `/api/territory/departments/${id}`, headers: stranger })).statusCode,
    ).toBe(404);
    expect(
      (await inject({ method: 'DELETE', url: `/api/territory/departments/${id}`, headers: adminHeaders })).statusCode,
    ).toBe(204);
    expect(
      (await inject({ method: 'DELETE', url: `/api/territory/departments/${id}`, headers: adminHeaders })).statusCode,
    ).toBe(404);
  });

  it('validates bodies strictly: unknown properties and wrong types are 400, never dropped or coerced', async () => {
    const adminHeaders = await adminOf((await makeTerritory(t.database, { lon: 2.6, lat: 44.6 })).department.id);
    const unknown = await inject({
      method: 'POST',
      url: '/api/territory/departments',
      payload: { code: '34', name: 'Hérault', extra: true },
      headers: adminHeaders,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toContain('extra');
    const wrongType = await inject({
      method: 'POST',
      url: '/api/territory/departments',
      payload: { code: 34, name: 'Hérault' },
      headers: adminHeaders,
    });
    expect(wrongType.statusCode).toBe(400);
    const malformed = await inject({
      method: 'POST',
      url: '/api/territory/departments',
      payload: '{"code": "34",',
      headers: { ...adminHeaders, 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    const list = await inject({ method: 'GET', url: '/api/territory/departments' });
    expect(list.json().items.find((d: { code: string }) => d.code === '34')).toBeUndefined();
  });

  it('answers 409 for a duplicate code and for deleting a département that still has districts', async () => {
    const { department } = await makeTerritory(t.database, { lon: 4, lat: 44 });
    const adminHeaders = await adminOf(department.id);
    const duplicate = await inject({
      method: 'POST',
      url: '/api/territory/departments',
      payload: { code: department.code, name: 'Doublon' },
      headers: adminHeaders,
    });
    expect(duplicate.statusCode).toBe(409);
    const busy = await inject({
      method: 'DELETE',
      url: `/api/territory/departments/${department.id}`,
      headers: adminHeaders,
    });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().detail).toContain('circonscriptions');
  });

  it('creates a commune only under an existing district, with a valid INSEE code', async () => {
    const { district, department } = await makeTerritory(t.database, { lon: 5, lat: 44 });
    const adminHeaders = await adminOf(department.id);
    const bad = await inject({
      method: 'POST',
      url: '/api/territory/municipalities',
      payload: { districtId: district.id, inseeCode: '123', name: 'X' },
      headers: adminHeaders,
    });
    expect(bad.statusCode).toBe(400);
    const orphan = await inject({
      method: 'POST',
      url: '/api/territory/municipalities',
      payload: { districtId: '00000000-0000-4000-8000-000000000000', inseeCode: '12345', name: 'X' },
      headers: adminHeaders,
    });
    expect(orphan.statusCode).toBe(404);
  });

  it(
    'refuses an invalid or overlapping sector geometry with 422 and a French ' + 'message, and accepts a shared border',
    async () => {
      const { department, municipality } = await makeTerritory(t.database, { lon: 1.0, lat: 47.0 });
      const adminHeaders = await adminOf(department.id);
      const post = (code: string, geometry: unknown) =>
        inject({
          method: 'POST',
          url: '/api/territory/sectors',
          payload: { municipalityId: municipality.id, code, name: code, geometry },
          headers: adminHeaders,
        });
      const bowTie = await post('BOWTIE', {
        type: 'Polygon',
        coordinates: [
          [
            [1, 47.1],
            [1.01, 47.11],
            [1.01, 47.1],
            [1, 47.11],
            [1, 47.1],
          ],
        ],
      });
      expect(bowTie.statusCode).toBe(422);
      expect(bowTie.json().detail).toMatch(/recoupe|intersect/i);
      const overlap = await post('OVERLAP', square(1.005, 47.005));
      expect(overlap.statusCode).toBe(422);
      expect(overlap.json().detail).toContain('chevauche');
      expect((await post('NEIGHBOUR', square(1.01, 47.0))).statusCode).toBe(201);
      // Another commune may overlap: only sectors of the same commune are exclusive.
      const other = await makeMunicipality(t.database, (await makeDistrict(t.database, department.id)).id);
      const elsewhere = await inject({
        method: 'POST',
        url: '/api/territory/sectors',
        payload: { municipalityId: other.id, code: 'ELSEWHERE', name: 'x', geometry: square(1.005, 47.005) },
        headers: adminHeaders,
      });
      expect(elsewhere.statusCode).toBe(201);
    },
  );

  it('refuses a 200,000-vertex polygon with a clear 422', async () => {
    const { municipality, department } = await makeTerritory(t.database, { lon: 7, lat: 43 });
    const adminHeaders = await adminOf(department.id);
    const n = 200_000;
    const ring = Array.from({ length: n }, (_, i) => [
      7.5 + 0.01 * Math.cos((2 * Math.PI * i) / n),
      43.5 + 0.01 * Math.sin((2 * Math.PI * i) / n),
    ]);
    ring.push(ring[0]);
    const response = await inject({
      method: 'POST',
      url: '/api/territory/sectors',
      payload: {
        municipalityId: municipality.id,
        code: 'HUGE',
        name: 'Huge',
        geometry: { type: 'Polygon', coordinates: [ring] },
      },
      headers: adminHeaders,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().detail).toContain('sommets');
  });

  it('answers 413 problem+json to a 50 MB upload', async () => {
    const adminHeaders = await adminOf((await makeTerritory(t.database, { lon: 7.5, lat: 43.5 })).department.id);
    const big = JSON.stringify({ type: 'FeatureCollection', features: [], padding: 'x'.repeat(50 * 1024 * 1024) });
    const response = await inject({
      method: 'POST',
      url: '/api/territory/sectors/import',
      payload: big,
      headers: { ...adminHeaders, 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
