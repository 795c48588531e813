import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { makeSectorWithStaff, rows } from '../requests.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
}, 120_000);
afterAll(async () => t?.close());

const call = (headers: Record<string, string>, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/requests/staff', headers, payload });
const body = (overrides: Record<string, unknown> = {}) => ({
  category: 'noise',
  description: 'Un habitant appelle : musique très forte chaque nuit au 3e étage.',
  anonymity: 'police_only',
  ...overrides,
});
const receipts = (reference: string) =>
  rows<{ channel: string; address: string; body: string }>(
    t,
    'select d.channel, d.address, n.body from notifications n join ' +
      'notification_deliveries d on d.notification_id = n.id where n.kind = ' +
      "'request.receipt' and n.subject like $1",
    [`%${reference}%`],
  );

describe('phone intake (POST /api/requests/staff)', () => {
  it(
    'records a call placed on the map: channel phone, history, audit, e-mail ' + 'receipt with the tracking link',
    async () => {
      const c = await makeSectorWithStaff(t);
      const response = await call(
        c.referent.headers,
        body({
          point: c.point,
          placeLabel: '12 rue des Lilas',
          contact: { name: 'Mme Roux', email: 'roux@example.org' },
        }),
      );
      expect(response.statusCode, response.body).toBe(201);
      const receipt = response.json();
      expect(receipt).toMatchObject({
        reference: expect.stringMatching(/^R-\d{4}-\d{6}$/),
        status: 'new',
        routing: 'sector',
        sector: { code: c.sector.code },
        confirmationSent: true,
      });
      expect(receipt).not.toHaveProperty('trackingUrl');
      const [row] = await rows<{ channel: string; sector_id: string; created_by: string; place_label: string }>(
        t,
        'select channel, sector_id, created_by, place_label from requests where id = $1',
        [receipt.id],
      );
      expect(row).toEqual({
        channel: 'phone',
        sector_id: c.sector.id,
        created_by: c.referent.user.id,
        place_label: '12 rue des Lilas',
      });
      const [event] = await rows<{ body: string; author_type: string }>(
        t,
        "select body, author_type from request_events where request_id = $1 and kind = 'created'",
        [receipt.id],
      );
      expect(event).toEqual({ body: 'Demande enregistrée lors d’un appel téléphonique.', author_type: 'staff' });
      expect(
        (
          await rows(
            t,
            "select 1 from audit_events where action = 'request.created' and record_id = " +
              "$1 and details->>'channel' = 'phone'",
            [receipt.id],
          )
        ).length,
      ).toBe(1);
      const sent = await receipts(receipt.reference);
      expect(sent).toEqual([expect.objectContaining({ channel: 'email', address: 'roux@example.org' })]);
      expect(sent[0].body).toMatch(/\/suivi\/[A-Za-z0-9_-]{43}/);
      // The referent reads it in the inbox like any other request.
      const list = await t.app.inject({ url: '/api/requests', headers: c.referent.headers });
      expect(list.json().items).toEqual([expect.objectContaining({ reference: receipt.reference, channel: 'phone' })]);
    },
  );

  it('without a point goes to the sector the agent names; a phone-only caller gets the receipt by SMS', async () => {
    const c = await makeSectorWithStaff(t);
    const response = await call(
      c.referent.headers,
      body({ sectorId: c.sector.id, placeLabel: 'Près du collège', contact: { phone: '06 98 76 54 32' } }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ routing: 'sector', confirmationSent: true });
    expect(await receipts(response.json().reference)).toEqual([
      expect.objectContaining({ channel: 'sms', address: '+33698765432' }),
    ]);
    const silent = await call(c.referent.headers, body({ sectorId: c.sector.id, anonymity: 'anonymous' }));
    expect(silent.json()).toMatchObject({ confirmationSent: false });
  });

  it('refuses bad input with French 4xx and places outside the agent’s territory with 404', async () => {
    const c = await makeSectorWithStaff(t);
    const other = await makeSectorWithStaff(t);
    const h = c.referent.headers;
    const noPlace = await call(h, body());
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().detail).toContain('secteur');
    expect(
      (await call(h, body({ point: c.point, description: 'Il a dit <script>alert(1)</script> au téléphone' })))
        .statusCode,
    ).toBe(400);
    expect((await call(h, body({ point: c.point, category: 'aliens' }))).statusCode).toBe(400);
    expect((await call(h, body({ point: c.point, description: 'court' }))).statusCode).toBe(400);
    expect((await call(h, body({ point: c.point, contact: { email: 'pas-une-adresse' } }))).statusCode).toBe(400);
    expect((await call(h, body({ point: other.point }))).statusCode).toBe(404);
    expect((await call(h, body({ sectorId: other.sector.id }))).statusCode).toBe(404);
    expect((await call(h, body({ sectorId: '00000000-0000-4000-8000-000000000000' }))).statusCode).toBe(422);
    const delegate = await c.as('delegate', 'sector', c.sector.id);
    expect((await call(delegate.headers, body({ point: c.point }))).statusCode).toBe(403);
    expect(
      (
        await rows(t, "select 1 from requests where channel = 'phone' and sector_id in ($1, $2)", [
          c.sector.id,
          other.sector.id,
        ])
      ).length,
    ).toBe(0);
  });
});
