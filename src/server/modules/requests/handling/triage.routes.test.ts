import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { actOn, makeSectorWithStaff, requestBody, requestIdOf, rows, submitOk } from '../requests.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
}, 120_000);
afterAll(async () => t?.close());

const idOf = (reference: string) => requestIdOf(t, reference);
const get = (headers: Record<string, string>, url: string) => t.app.inject({ method: 'GET', url, headers });
const act = (headers: Record<string, string>, id: string, body: object) => actOn(t, headers, id, body);
/** About 1 m of latitude. */
const M = 1 / 111_320;

describe('triage: duplicates, transfer, assignment', () => {
  it(
    'suggests the same category within 200 m of the last 30 days, nearest first, ' + 'and marks one as duplicate',
    async () => {
      const c = await makeSectorWithStaff(t);
      const h = c.referent.headers;
      const base = await idOf((await submitOk(t, requestBody(c.point))).reference);
      const near = await submitOk(
        t,
        requestBody({ lon: c.point.lon, lat: c.point.lat + 150 * M }, { placeLabel: 'Parking du gymnase' }),
      );
      const nearer = await submitOk(t, requestBody({ lon: c.point.lon, lat: c.point.lat + 20 * M }));
      await submitOk(t, requestBody({ lon: c.point.lon, lat: c.point.lat + 250 * M }));
      await submitOk(t, requestBody({ lon: c.point.lon, lat: c.point.lat + 10 * M }, { category: 'noise' }));
      const old = await submitOk(t, requestBody({ lon: c.point.lon, lat: c.point.lat + 5 * M }));
      await rows(t, "update requests set created_at = now() - interval '31 days' where reference = $1", [
        old.reference,
      ]);

      const response = await get(h, `/api/requests/${base}/duplicates`);
      expect(response.statusCode, response.body).toBe(200);
      const items = response.json().items as { reference: string; distanceMeters: number; placeLabel: string | null }[];
      expect(items.map((i) => i.reference)).toEqual([nearer.reference, near.reference]);
      expect(items[0].distanceMeters).toBeGreaterThanOrEqual(19);
      expect(items[0].distanceMeters).toBeLessThanOrEqual(21);
      expect(items[1]).toMatchObject({ placeLabel: 'Parking du gymnase' });

      const nearerId = await idOf(nearer.reference);
      expect((await act(h, nearerId, { action: 'duplicate', duplicateOfId: base })).json()).toMatchObject({
        closeReason: 'duplicate',
        duplicateOfId: base,
      });
      // A request already closed as a duplicate is no longer offered as an original.
      expect(
        (await get(h, `/api/requests/${base}/duplicates`)).json().items.map((i: { reference: string }) => i.reference),
      ).toEqual([near.reference]);
      // Another sector's referent: 404, as for a missing request.
      const other = await makeSectorWithStaff(t);
      expect((await get(other.referent.headers, `/api/requests/${base}/duplicates`)).statusCode).toBe(404);
      expect((await get(h, '/api/requests/00000000-0000-4000-8000-000000000000/duplicates')).statusCode).toBe(404);
    },
  );

  it('transfers to the town hall with the reason shown to the resident, and reopens', async () => {
    const c = await makeSectorWithStaff(t);
    const receipt = await submitOk(
      t,
      requestBody(c.point, {
        category: 'incivilities',
        description: 'Un lampadaire est éteint depuis des semaines rue des Lilas.',
      }),
    );
    const id = await idOf(receipt.reference);
    const transferred = await act(c.referent.headers, id, {
      action: 'transfer',
      service: 'Mairie de la commune (éclairage public)',
      reason: 'L’éclairage public relève de la commune.',
    });
    expect(transferred.statusCode, transferred.body).toBe(200);
    expect(transferred.json()).toMatchObject({
      status: 'closed',
      closeReason: 'transferred',
      closeNote:
        'Demande transmise à Mairie de la commune (éclairage public) : L’éclairage public relève de la commune.',
    });
    const track = (
      await t.app.inject({
        method: 'GET',
        url: `/api/requests/track/${receipt.trackingToken}`,
        remoteAddress: '10.201.0.1',
      })
    ).json();
    expect(track).toMatchObject({ status: 'closed', closeReason: 'transferred' });
    expect(track.history.at(-1).text).toContain('Mairie de la commune');
    expect(
      (await act(c.referent.headers, id, { action: 'transfer', service: 'Mairie', reason: 'Encore' })).statusCode,
    ).toBe(409);
    expect(
      (await act(c.referent.headers, id, { action: 'transfer', service: '<b>Mairie</b>', reason: 'Motif' })).statusCode,
    ).toBe(400);
    expect((await act(c.referent.headers, id, { action: 'reopen' })).json()).toMatchObject({
      status: 'in_progress',
      closeReason: null,
    });
    expect(
      (await rows(t, "select 1 from audit_events where action = 'request.transfer' and record_id = $1", [id])).length,
    ).toBe(1);
  });

  it('assigns only to staff who handle the territory (or to me), and lists them', async () => {
    const c = await makeSectorWithStaff(t);
    const admin = await c.as('admin', 'department', c.department.id);
    const colleague = await c.as('police_referent', 'sector', c.sector.id);
    const delegate = await c.as('delegate', 'municipality', c.municipality.id);
    const partner = await c.as('partner', 'municipality', c.municipality.id);
    const stranger = await makeSectorWithStaff(t);
    const id = await idOf((await submitOk(t, requestBody(c.point))).reference);

    const assignees = await get(c.referent.headers, `/api/requests/${id}/assignees`);
    expect(assignees.statusCode).toBe(200);
    const ids = assignees.json().items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([c.referent.user.id, colleague.user.id, admin.user.id]));
    expect(ids).not.toContain(delegate.user.id);
    expect(ids).not.toContain(partner.user.id);
    expect(ids).not.toContain(stranger.referent.user.id);

    expect(
      (await act(c.referent.headers, id, { action: 'assign', assigneeId: stranger.referent.user.id })).statusCode,
    ).toBe(422);
    expect((await act(c.referent.headers, id, { action: 'assign', assigneeId: partner.user.id })).statusCode).toBe(422);
    expect(
      (await act(c.referent.headers, id, { action: 'assign', assigneeId: c.referent.user.id })).json(),
    ).toMatchObject({ assigneeId: c.referent.user.id });
    const mine = (await get(c.referent.headers, '/api/requests?assignedToMe=true')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect((await get(colleague.headers, '/api/requests?assignedToMe=true')).json().items).toEqual([]);
    expect((await act(c.referent.headers, id, { action: 'assign', assigneeId: null })).json()).toMatchObject({
      assigneeId: null,
    });
  });
});

describe('confidential requests and roles without access', () => {
  it(
    'hides a confidential request from every route for other referents of the ' +
      'sector, and partners and municipal police never see requests',
    async () => {
      const c = await makeSectorWithStaff(t);
      const admin = await c.as('admin', 'department', c.department.id);
      const other = await c.as('police_referent', 'sector', c.sector.id);
      const partner = await c.as('partner', 'municipality', c.municipality.id);
      const municipalPolice = await c.as('municipal_police', 'municipality', c.municipality.id);
      const delegate = await c.as('delegate', 'municipality', c.municipality.id);
      const secret = await submitOk(
        t,
        requestBody(c.point, {
          category: 'drug_dealing',
          confidential: true,
          description: 'Le vendeur s’appelle Karim, il est là tous les soirs.',
        }),
      );
      const id = await idOf(secret.reference);
      expect((await act(admin.headers, id, { action: 'assign', assigneeId: c.referent.user.id })).statusCode).toBe(200);

      const calls = [
        { method: 'GET' as const, url: `/api/requests/${id}` },
        { method: 'GET' as const, url: `/api/requests/${id}/duplicates` },
        { method: 'GET' as const, url: `/api/requests/${id}/assignees` },
        { method: 'POST' as const, url: `/api/requests/${id}/actions`, payload: { action: 'acknowledge' } },
        { method: 'POST' as const, url: `/api/requests/${id}/notes`, payload: { text: 'Note' } },
        { method: 'POST' as const, url: `/api/requests/${id}/answers`, payload: { channel: 'email', text: 'Réponse' } },
      ];
      for (const call of calls) {
        const response = await t.app.inject({ ...call, headers: other.headers });
        expect(response.statusCode, `${call.method} ${call.url}`).toBe(404);
        expect(response.body).not.toContain('Karim');
        for (const role of [partner, municipalPolice, delegate])
          expect(
            (await t.app.inject({ ...call, headers: role.headers })).statusCode,
            `${call.method} ${call.url}`,
          ).toBe(403);
      }
      for (const query of ['', '?q=Karim', '?category=drug_dealing', '?overdue=false'])
        expect((await get(other.headers, `/api/requests${query}`)).json().items, query).toEqual([]);
      for (const role of [partner, municipalPolice, delegate])
        expect((await get(role.headers, '/api/requests')).statusCode).toBe(403);

      expect((await get(c.referent.headers, `/api/requests/${id}`)).statusCode).toBe(200);
      expect(
        (await get(c.referent.headers, '/api/requests?q=karim')).json().items.map((i: { id: string }) => i.id),
      ).toEqual([id]);
      expect((await get(admin.headers, `/api/requests/${id}`)).statusCode).toBe(200);
      // Unassigned again: only the administrators still see it.
      await act(admin.headers, id, { action: 'assign', assigneeId: null });
      expect((await get(c.referent.headers, `/api/requests/${id}`)).statusCode).toBe(404);
    },
  );
});
