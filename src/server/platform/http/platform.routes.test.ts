import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { migrationsApplied } from '../db/migrate.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('platform endpoints', () => {
  it('GET /health is 200 while the process runs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready is 200 once migrations are applied', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
  });

  it('readiness is refused while the latest migration is missing', async () => {
    // The app role may not touch drizzle's journal: the check is fed the answer of an old database.
    expect(await migrationsApplied({ query: async <T>() => [{ latest: 1 }] as T[] })).toBe(false);
    expect(await migrationsApplied({ query: async <T>() => [{ latest: null }] as T[] })).toBe(false);
    expect(await migrationsApplied(t.database)).toBe(true);
  });

  it('GET /metrics speaks the Prometheus text format and counts requests by route template', async () => {
    await t.app.inject({ method: 'GET', url: '/api/territory/departments' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('psq_http_request_duration_seconds_bucket');
    expect(response.body).toContain('route="/api/territory/departments"');
    expect(response.body).toContain('psq_process_cpu_seconds_total');
  });

  it('serves the OpenAPI document of the whole API and its viewer', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/territory/resolve', '/api/territory/sectors/import', '/api/meta']),
    );
    expect(document.paths['/api/territory/sectors'].post.security).toEqual([{ session: [] }]);
    expect(document.paths['/api/territory/sectors'].post.description).toContain('territory.manage');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API paths with a 404 problem+json', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, type: expect.stringContaining('introuvable') });
  });

  it('GET /api/meta says whether the database holds demo data and how maps get tiles', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/meta' });
    expect(response.json()).toMatchObject({ name: 'PSQ', demo: false, mapTiles: null });
  });
});
