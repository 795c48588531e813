import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addContact,
  testPhone,
  makeCommuneWithStaff,
  rows,
  startAlertsApp,
  type AlertsFixture,
} from './alerts.test-helpers.ts';

let f: AlertsFixture;
beforeAll(async () => {
  f = await startAlertsApp();
}, 120_000);
afterAll(async () => f?.close());

describe('commune contacts', () => {
  it('a mayor lists, adds, edits and removes contacts of their commune; phones are stored in E.164', async () => {
    const c = await makeCommuneWithStaff(f.t);
    const created = await addContact(f.t, c.mayor.headers, c.municipality.id, {
      name: 'Adjointe',
      role: 'Adjointe à la sécurité',
      phone: '06 12 35 01 23',
      rank: 1,
      availableFrom: '22:00',
      availableTo: '07:00',
    });
    expect(created).toMatchObject({
      phone: '+33612350123',
      rank: 1,
      availableFrom: '22:00',
      availableTo: '07:00',
      active: true,
      user: null,
    });

    const list = await f.t.app.inject({
      method: 'GET',
      url: `/api/communes/${c.municipality.id}/contacts`,
      headers: c.mayor.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().commune.id).toBe(c.municipality.id);
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([created.id]);

    const patched = await f.t.app.inject({
      method: 'PATCH',
      url: `/api/alert-contacts/${created.id}`,
      headers: c.mayor.headers,
      payload: { rank: 2, availableFrom: null, availableTo: null, userEmail: c.mayor.user.email },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      rank: 2,
      availableFrom: null,
      availableNow: true,
      user: { id: c.mayor.user.id },
    });

    const removed = await f.t.app.inject({
      method: 'DELETE',
      url: `/api/alert-contacts/${created.id}`,
      headers: c.mayor.headers,
    });
    expect(removed.statusCode).toBe(204);
    const audit = await rows<{ action: string }>(
      f.t,
      'select action from audit_events where record_id = $1 order by occurred_at',
      [created.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'alert.contact.created',
      'alert.contact.updated',
      'alert.contact.deleted',
    ]);
  });

  it(
    'refuses an invalid phone (400, French), a fixed line, half-given hours and ' + 'a duplicate number (409)',
    async () => {
      const c = await makeCommuneWithStaff(f.t);
      const post = (payload: object) =>
        f.t.app.inject({
          method: 'POST',
          url: `/api/communes/${c.municipality.id}/contacts`,
          headers: c.mayor.headers,
          payload: { name: 'X', role: 'Maire', ...payload },
        });
      const invalid = await post({ phone: '06 12' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().detail).toContain('Numéro de téléphone invalide');
      expect((await post({ phone: '01 42 27 12 34' })).json().detail).toContain("n'est pas un numéro de mobile");
      expect((await post({ phone: testPhone(), availableFrom: '08:00' })).statusCode).toBe(400);
      expect((await post({ phone: testPhone(), availableFrom: '25:00', availableTo: '08:00' })).statusCode).toBe(400);
      expect((await post({ phone: testPhone(), userEmail: 'personne@test.psq.fr' })).statusCode).toBe(422);
      const phone = testPhone();
      expect((await post({ phone })).statusCode).toBe(201);
      const duplicate = await post({ phone: phone.replace('+33', '0') });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().detail).toContain('déjà');
    },
  );

  it(
    'keeps a mayor inside their own commune: another commune and its contacts ' + 'answer 404; a referent gets 403',
    async () => {
      const mine = await makeCommuneWithStaff(f.t);
      const other = await makeCommuneWithStaff(f.t);
      const theirs = await addContact(f.t, other.mayor.headers, other.municipality.id, { name: 'Secret Nom' });
      for (const request of [
        { method: 'GET' as const, url: `/api/communes/${other.municipality.id}/contacts` },
        {
          method: 'POST' as const,
          url: `/api/communes/${other.municipality.id}/contacts`,
          payload: { name: 'X', role: 'Y', phone: testPhone() },
        },
        { method: 'PATCH' as const, url: `/api/alert-contacts/${theirs.id}`, payload: { rank: 3 } },
        { method: 'DELETE' as const, url: `/api/alert-contacts/${theirs.id}` },
      ]) {
        const response = await f.t.app.inject({ ...request, headers: mine.mayor.headers });
        expect(response.statusCode, request.url).toBe(404);
        expect(response.body).not.toContain('Secret Nom');
      }
      const referent = await f.t.app.inject({
        method: 'GET',
        url: `/api/communes/${mine.municipality.id}/contacts`,
        headers: mine.referent.headers,
      });
      expect(referent.statusCode).toBe(403);
    },
  );
});
