import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { sessionHeaders, makeUser } from '../identity/identity.factories.ts';
import { makeDepartment, makeDistrict, makeMunicipality, makeSector, square } from './territory.factories.ts';

const samples = path.resolve(import.meta.dirname, '../../../../samples');
const readSample = (name: string) => JSON.parse(fs.readFileSync(path.join(samples, name), 'utf8'));

let t: TestApp;
let adminHeaders: Record<string, string>;
let adminId: string;
beforeAll(async () => {
  t = await createTestApp();
  // The samples are for Condé-Northen (57150); this test builds that commune itself.
  const department = await makeDepartment(t.database, { code: '57' });
  const district = await makeDistrict(t.database, department.id, 'gendarmerie');
  await makeMunicipality(t.database, district.id, '57150');
  const admin = await makeUser(t.database, {
    roles: [{ role: 'admin', scopeType: 'department', scopeId: department.id }],
  });
  adminId = admin.id;
  adminHeaders = await sessionHeaders(t.database, t.config, admin.id);
});
/** Gives the test's administrator this département too. */
const grant = async (departmentId: string) => {
  await t.database.query(
    "insert into role_assignments (user_id, role, scope_type, scope_id) values ($1, 'admin', 'department', $2)",
    [adminId, departmentId],
  );
};
afterAll(async () => t?.close());

const post = (body: unknown, dryRun = false) =>
  t.app.inject({
    method: 'POST',
    url: `/api/territory/sectors/import?dryRun=${dryRun}`,
    payload: body as object,
    headers: adminHeaders,
  });
const sectorCodes = async () =>
  (await t.app.inject({ method: 'GET', url: '/api/territory/sectors' }))
    .json()
    .items.map((s: { code: string }) => s.code)
    .sort();

describe('POST /api/territory/sectors/import', () => {
  it('reports every error with its feature index and imports nothing', async () => {
    const before = await sectorCodes();
    const response = await post(readSample('sectors-import-invalid.geojson'));
    expect(response.statusCode).toBe(422);
    const { errors, detail } = response.json();
    expect(detail).toContain("aucun secteur n'a été importé");
    expect(errors.map((e: { index: number }) => e.index)).toEqual([0, 1, 3, 5]);
    expect(errors[0].message).toMatch(/recoupe/);
    expect(errors[1].message).toContain('99999');
    expect(errors[2].message).toContain("déjà utilisé par l'entité n° 2");
    expect(errors[3].message).toContain('chevauche');
    expect(await sectorCodes()).toEqual(before);
  });

  it('checks without writing on a dry run, then imports, then updates on a second import', async () => {
    const sample = readSample('sectors-import-example.geojson');
    const dry = await post(sample, true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, created: sample.features.length, updated: 0 });
    expect(await sectorCodes()).not.toContain(sample.features[0].properties.code);

    const imported = await post(sample);
    expect(imported.json()).toMatchObject({ dryRun: false, created: sample.features.length, updated: 0 });
    // A point inside the sample's « Condé » sector.
    const inside = await t.app.inject({ method: 'GET', url: '/api/territory/resolve?lat=49.1439&lon=6.4278' });
    expect(inside.statusCode).toBe(200);
    expect(inside.json()).toMatchObject({
      sector: { code: 'CONDE-NORTHEN-CONDE' },
      municipality: { inseeCode: '57150' },
    });

    const again = await post(sample);
    expect(again.json()).toMatchObject({ created: 0, updated: sample.features.length });
  });

  it('serialises concurrent imports of the same sectors: no error, no duplicate', async () => {
    const vosges = await makeDepartment(t.database, { code: '88' });
    await grant(vosges.id);
    const district = await makeDistrict(t.database, vosges.id);
    const commune = await makeMunicipality(t.database, district.id, '88160');
    const collection = {
      type: 'FeatureCollection',
      features: [0, 1, 2].map((i) => ({
        type: 'Feature',
        properties: { code: `EPINAL-${i}`, name: `Épinal ${i}`, municipality: commune.inseeCode },
        geometry: square(6.4 + i * 0.01, 48.17),
      })),
    };
    const results = await Promise.all([post(collection), post(collection), post(collection)]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.json().created).sort()).toEqual([0, 0, 3]);
    expect((await sectorCodes()).filter((c: string) => c.startsWith('EPINAL-'))).toEqual([
      'EPINAL-0',
      'EPINAL-1',
      'EPINAL-2',
    ]);
  });

  it('refuses an overlap with a sector already in the commune and kept by the import', async () => {
    const basRhin = await makeDepartment(t.database, { code: '67' });
    await grant(basRhin.id);
    const district = await makeDistrict(t.database, basRhin.id);
    const commune = await makeMunicipality(t.database, district.id, '67482');
    await makeSector(t.database, commune.id, square(7.75, 48.58), 'STRASBOURG-EXISTANT');
    const response = await post({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: 'STRASBOURG-NOUVEAU', name: 'Nouveau', municipality: '67482' },
          geometry: square(7.755, 48.585),
        },
      ],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0]).toMatchObject({
      index: 0,
      message: expect.stringContaining('STRASBOURG-EXISTANT'),
    });
  });

  it('reports a commune outside the admin’s territories like an unknown one', async () => {
    const other = await makeDepartment(t.database, { code: '68' });
    const commune = await makeMunicipality(t.database, (await makeDistrict(t.database, other.id)).id, '68224');
    const response = await post({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: 'MULHOUSE-X', name: 'X', municipality: commune.inseeCode },
          geometry: square(7.33, 47.75),
        },
      ],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors[0].message).toContain("n'existe pas");
  });

  it.each([
    ['not a FeatureCollection', { type: 'Feature', features: [] }, 400],
    ['features not an array', { type: 'FeatureCollection', features: {} }, 400],
    ['an empty collection', { type: 'FeatureCollection', features: [] }, 422],
    [
      'a feature without geometry',
      {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { code: 'A', name: 'A', municipality: '57150' } }],
      },
      422,
    ],
    [
      'out-of-range coordinates',
      {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: 'A', name: 'A', municipality: '57150' }, geometry: square(200, 95) },
        ],
      },
      422,
    ],
  ])('answers malformed GeoJSON (%s) with a problem, not a 500', async (_label, body, status) => {
    const response = await post(body);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
