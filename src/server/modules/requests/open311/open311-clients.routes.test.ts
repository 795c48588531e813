import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { makeUser, sessionHeaders, signedIn } from '../../identity/identity.factories.ts';
import { makeDepartment, makeDistrict, makeTerritory } from '../../territory/territory.factories.ts';
import { rows } from '../requests.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

const postForm = (key: string) =>
  t.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      api_key: key,
      service_code: 'noise',
      lat: '-40',
      long: '-40',
      description: 'Bruit la nuit, tous les jours.',
    }).toString(),
  });

describe('Open311 client applications (administrators)', () => {
  it(
    'creates a client whose key is shown once (only its SHA-256 kept), lists it ' +
      'without the key, and revokes it idempotently',
    async () => {
      const department = await makeDepartment(t.database);
      const admin = await signedIn(t.database, t.config, 'admin', 'department', department.id);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/open311/clients',
        headers: admin.headers,
        payload: { name: 'Application Ville' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const { client, apiKey } = created.json();
      expect(apiKey).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
      expect(client).toMatchObject({
        name: 'Application Ville',
        revokedAt: null,
        department: { id: department.id, code: department.code, name: department.name },
      });
      const stored = await rows<{ key_hash: string; created_by: string }>(
        t,
        'select key_hash, created_by from open311_clients where id = $1',
        [client.id],
      );
      expect(JSON.stringify(stored)).not.toContain(apiKey);
      expect(stored[0].created_by).toBe(admin.user.id);

      const list = await t.app.inject({ method: 'GET', url: '/api/open311/clients', headers: admin.headers });
      expect(list.json().items).toContainEqual(client);
      expect(list.body).not.toContain(apiKey);
      expect((await postForm(apiKey)).statusCode).toBe(201);

      const revoked = await t.app.inject({
        method: 'POST',
        url: `/api/open311/clients/${client.id}/revoke`,
        headers: admin.headers,
      });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revokedAt).not.toBeNull();
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/open311/clients/${client.id}/revoke`,
        headers: admin.headers,
      });
      expect(again.json().revokedAt).toBe(revoked.json().revokedAt);
      expect((await postForm(apiKey)).statusCode).toBe(403);
      const audit = await rows<{ action: string }>(
        t,
        "select action from audit_events where record_id = $1 and action like 'open311.client.%' order by occurred_at",
        [client.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['open311.client.created', 'open311.client.revoked']);
      const details = await rows<{ details: { departmentId: string; departmentCode: string } }>(
        t,
        "select details from audit_events where record_id = $1 and action like 'open311.client.%'",
        [client.id],
      );
      for (const row of details)
        expect(row.details).toMatchObject({ departmentId: department.id, departmentCode: department.code });
    },
  );

  it(
    'keeps each département’s clients to its administrators: another ' +
      'département’s are not listed, not revoked (404), not created (404)',
    async () => {
      const moselle = await makeDepartment(t.database);
      const other = await makeDepartment(t.database);
      const mosAdmin = await signedIn(t.database, t.config, 'admin', 'department', moselle.id);
      const otherAdmin = await signedIn(t.database, t.config, 'admin', 'department', other.id);
      const create = (headers: Record<string, string>, payload: object) =>
        t.app.inject({ method: 'POST', url: '/api/open311/clients', headers, payload });
      const theirs = (await create(otherAdmin.headers, { name: 'Application voisine' })).json().client;
      expect(theirs.department.id).toBe(other.id);
      const { client: mine, apiKey: mineKey } = (
        await create(mosAdmin.headers, { name: 'Application mosellane', departmentId: moselle.id })
      ).json();
      expect(mine.department.id).toBe(moselle.id);

      // The key submits anywhere: a request at a point of another département is routed there.
      // A code the factory's default département codes (01–21) never take.
      const elsewhere = await makeTerritory(t.database, {
        departmentCode: '95',
        inseeCode: '95001',
        lon: 2.1,
        lat: 49.05,
      });
      const point = { lon: 2.105, lat: 49.055 };
      const submitted = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          api_key: mineKey,
          service_code: 'noise',
          lat: String(point.lat),
          long: String(point.lon),
          description: 'Bruit la nuit, tous les jours.',
        }).toString(),
      });
      expect(submitted.statusCode, submitted.body).toBe(201);
      const [routed] = await rows<{ department_id: string }>(
        t,
        'select department_id from requests where reference = $1',
        [submitted.json()[0].service_request_id],
      );
      expect(routed.department_id).toBe(elsewhere.department.id);
      expect(routed.department_id).not.toBe(moselle.id);

      const listed = (
        await t.app.inject({ method: 'GET', url: '/api/open311/clients', headers: mosAdmin.headers })
      ).json().items as Array<{ id: string; department: { id: string } }>;
      expect(listed.map((c) => c.id)).toContain(mine.id);
      expect(listed.map((c) => c.id)).not.toContain(theirs.id);
      expect(listed.every((c) => c.department.id === moselle.id)).toBe(true);

      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/open311/clients/${theirs.id}/revoke`,
        headers: mosAdmin.headers,
      });
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain('Application voisine');
      expect(
        (
          await rows<{ revoked_at: string | null }>(t, 'select revoked_at from open311_clients where id = $1', [
            theirs.id,
          ])
        )[0].revoked_at,
      ).toBeNull();
      expect((await create(mosAdmin.headers, { name: 'Intrusion', departmentId: other.id })).statusCode).toBe(404);
      expect(await rows(t, "select id from open311_clients where name = 'Intrusion'")).toEqual([]);

      const revoked = await t.app.inject({
        method: 'POST',
        url: `/api/open311/clients/${mine.id}/revoke`,
        headers: mosAdmin.headers,
      });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json()).toMatchObject({ id: mine.id, department: { id: moselle.id } });
      expect(revoked.json().revokedAt).not.toBeNull();
    },
  );

  it(
    'asks an administrator of several départements which one (400), and refuses ' +
      'an unknown département (404) or an administrator below a département (403)',
    async () => {
      const first = await makeDepartment(t.database);
      const second = await makeDepartment(t.database);
      const user = await makeUser(t.database, {
        roles: [
          { role: 'admin', scopeType: 'department', scopeId: first.id },
          { role: 'admin', scopeType: 'department', scopeId: second.id },
        ],
      });
      const headers = await sessionHeaders(t.database, t.config, user.id);
      const ambiguous = await t.app.inject({
        method: 'POST',
        url: '/api/open311/clients',
        headers,
        payload: { name: 'Sans département' },
      });
      expect(ambiguous.statusCode).toBe(400);
      expect(ambiguous.json().detail).toContain('plusieurs départements');
      const inSecond = await t.app.inject({
        method: 'POST',
        url: '/api/open311/clients',
        headers,
        payload: { name: 'Application du second', departmentId: second.id },
      });
      expect(inSecond.statusCode, inSecond.body).toBe(201);
      expect(inSecond.json().client.department.id).toBe(second.id);
      const inFirst = (
        await t.app.inject({
          method: 'POST',
          url: '/api/open311/clients',
          headers,
          payload: { name: 'Application du premier', departmentId: first.id },
        })
      ).json().client;
      const listed = (await t.app.inject({ method: 'GET', url: '/api/open311/clients', headers }))
        .json()
        .items.map((c: { id: string }) => c.id);
      expect(listed).toEqual(expect.arrayContaining([inFirst.id, inSecond.json().client.id]));
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/open311/clients',
        headers,
        payload: { name: 'Ailleurs', departmentId: '00000000-0000-4000-8000-000000000000' },
      });
      expect(unknown.statusCode).toBe(404);

      const district = await makeDistrict(t.database, first.id);
      const below = await signedIn(t.database, t.config, 'admin', 'district', district.id);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/open311/clients', headers: below.headers })).json().items,
      ).toEqual([]);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/open311/clients',
            headers: below.headers,
            payload: { name: 'Circonscription' },
          })
        ).statusCode,
      ).toBe(403);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/open311/clients/${inFirst.id}/revoke`,
            headers: below.headers,
          })
        ).statusCode,
      ).toBe(404);
    },
  );

  it('refuses markup in a name, an unknown client (404) and other roles (403)', async () => {
    const department = await makeDepartment(t.database);
    const admin = await signedIn(t.database, t.config, 'admin', 'department', department.id);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/open311/clients',
          headers: admin.headers,
          payload: { name: '<b>x</b>' },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/open311/clients/00000000-0000-4000-8000-000000000000/revoke',
          headers: admin.headers,
        })
      ).statusCode,
    ).toBe(404);
    const referent = await signedIn(t.database, t.config, 'police_referent', 'department', department.id);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/open311/clients', headers: referent.headers })).statusCode,
    ).toBe(403);
  });
});
