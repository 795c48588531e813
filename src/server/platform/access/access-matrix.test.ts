import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeTerritory } from '../../modules/territory/territory.factories.ts';
import { listDeclaredRoutes, type Access } from './access.ts';

/**
 * Every API route and who may call it. The list of routes comes from the server itself: a
 * route added without a line here fails this test. Identity and access will extend the
 * columns to roles × territories; today there are two callers, anonymous and admin.
 */
const MATRIX: Record<string, Access> = {
  'GET /api/meta': 'public',
  'GET /api/admin/check': 'admin',
  'GET /api/territory/resolve': 'public',
  'GET /api/territory/map': 'public',
  'GET /api/territory/departments': 'public',
  'GET /api/territory/districts': 'public',
  'GET /api/territory/municipalities': 'public',
  'GET /api/territory/sectors': 'public',
  'GET /api/territory/sectors/:id': 'public',
  'POST /api/territory/departments': 'admin',
  'PATCH /api/territory/departments/:id': 'admin',
  'DELETE /api/territory/departments/:id': 'admin',
  'POST /api/territory/districts': 'admin',
  'PATCH /api/territory/districts/:id': 'admin',
  'DELETE /api/territory/districts/:id': 'admin',
  'POST /api/territory/municipalities': 'admin',
  'PATCH /api/territory/municipalities/:id': 'admin',
  'DELETE /api/territory/municipalities/:id': 'admin',
  'POST /api/territory/sectors': 'admin',
  'PATCH /api/territory/sectors/:id': 'admin',
  'DELETE /api/territory/sectors/:id': 'admin',
  'POST /api/territory/sectors/import': 'admin',
};

let t: TestApp;
let recordId: string;
beforeAll(async () => {
  t = await createTestApp();
  recordId = (await makeTerritory(t.database, { lon: 6, lat: 49 })).sector.id;
});
afterAll(async () => t?.close());

describe('authorization matrix', () => {
  it('covers every route the server declares, with the access it declares', () => {
    const declared = Object.fromEntries(listDeclaredRoutes(t.app).map((route) => [`${route.method} ${route.url}`, route.access]));
    expect(declared).toEqual(MATRIX);
  });

  it.each(Object.entries(MATRIX).filter(([, access]) => access === 'admin'))('%s refuses anonymous and wrong-token callers without leaking the record', async (key) => {
    const [method, url] = key.split(' ');
    const path = url.replace(':id', recordId);
    for (const headers of [{}, { authorization: 'Bearer wrong-token-value' }, { authorization: adminHeaders.authorization.replace('Bearer ', 'Basic ') }]) {
      const response = await t.app.inject({ method: method as 'GET', url: path, headers, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
      expect(response.statusCode).toBe(401);
      // `instance` echoes the path the caller sent; nothing else may name the record.
      const { instance, ...problem } = response.json();
      expect(instance).toBe(path);
      expect(JSON.stringify(problem)).not.toContain(recordId);
      expect(Object.keys(problem).sort()).toEqual(['detail', 'status', 'title', 'type']);
    }
  });

  it('lets the admin token through (the request then reaches validation)', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/territory/departments', headers: adminHeaders, payload: {} });
    expect(response.statusCode).toBe(400);
  });

  it('keeps the admin token out of the logs', async () => {
    await t.app.inject({ method: 'GET', url: '/api/admin/check', headers: adminHeaders });
    expect(t.logs.join('\n')).not.toContain(adminHeaders.authorization.slice(7));
  });
});
