import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { signedIn } from '../../identity/identity.factories.ts';
import { makeDepartment } from '../../territory/territory.factories.ts';
import { rows } from '../requests.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

const postForm = (key: string) =>
  t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ api_key: key, service_code: 'noise', lat: '-40', long: '-40', description: 'Bruit la nuit, tous les jours.' }).toString() });

describe('Open311 client applications (administrators)', () => {
  it('creates a client whose key is shown once (only its SHA-256 kept), lists it without the key, and revokes it idempotently', async () => {
    const department = await makeDepartment(t.database);
    const admin = await signedIn(t.database, t.config, 'admin', 'department', department.id);
    const created = await t.app.inject({ method: 'POST', url: '/api/open311/clients', headers: admin.headers, payload: { name: 'Application Ville' } });
    expect(created.statusCode, created.body).toBe(201);
    const { client, apiKey } = created.json();
    expect(apiKey).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    expect(client).toMatchObject({ name: 'Application Ville', revokedAt: null });
    const stored = await rows<{ key_hash: string; created_by: string }>(t, 'select key_hash, created_by from open311_clients where id = $1', [client.id]);
    expect(JSON.stringify(stored)).not.toContain(apiKey);
    expect(stored[0].created_by).toBe(admin.user.id);

    const list = await t.app.inject({ method: 'GET', url: '/api/open311/clients', headers: admin.headers });
    expect(list.json().items).toContainEqual(client);
    expect(list.body).not.toContain(apiKey);
    expect((await postForm(apiKey)).statusCode).toBe(201);

    const revoked = await t.app.inject({ method: 'POST', url: `/api/open311/clients/${client.id}/revoke`, headers: admin.headers });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const again = await t.app.inject({ method: 'POST', url: `/api/open311/clients/${client.id}/revoke`, headers: admin.headers });
    expect(again.json().revokedAt).toBe(revoked.json().revokedAt);
    expect((await postForm(apiKey)).statusCode).toBe(403);
    const audit = await rows<{ action: string }>(t, "select action from audit_events where record_id = $1 and action like 'open311.client.%' order by occurred_at", [client.id]);
    expect(audit.map((a) => a.action)).toEqual(['open311.client.created', 'open311.client.revoked']);
  });

  it('refuses markup in a name, an unknown client (404) and other roles (403)', async () => {
    const department = await makeDepartment(t.database);
    const admin = await signedIn(t.database, t.config, 'admin', 'department', department.id);
    expect((await t.app.inject({ method: 'POST', url: '/api/open311/clients', headers: admin.headers, payload: { name: '<b>x</b>' } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: '/api/open311/clients/00000000-0000-4000-8000-000000000000/revoke', headers: admin.headers })).statusCode).toBe(404);
    const referent = await signedIn(t.database, t.config, 'police_referent', 'department', department.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/open311/clients', headers: referent.headers })).statusCode).toBe(403);
  });
});
