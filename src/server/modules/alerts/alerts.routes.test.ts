import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  addContact,
  makeCommuneWithStaff,
  rows,
  sendAlert,
  startAlertsApp,
  type AlertsFixture,
} from './alerts.test-helpers.ts';

let f: AlertsFixture;
beforeAll(async () => {
  f = await startAlertsApp();
}, 120_000);
afterAll(async () => f?.close());

describe('sending an alert', () => {
  it(
    'goes at once by SMS and in-app to the rank-1 contacts of the commune of a ' + 'point, each with their own link',
    async () => {
      const c = await makeCommuneWithStaff(f.t);
      const maire = await addContact(f.t, c.mayor.headers, c.municipality.id, {
        name: 'La Maire',
        role: 'Maire',
        rank: 1,
        userEmail: c.mayor.user.email,
      });
      const adjoint = await addContact(f.t, c.mayor.headers, c.municipality.id, {
        name: 'Un Adjoint',
        role: 'Adjoint',
        rank: 1,
      });
      await addContact(f.t, c.mayor.headers, c.municipality.id, { name: 'La DGS', role: 'DGS', rank: 2 });

      const alert = await sendAlert(f.t, c.referent.headers, {
        point: c.point,
        severity: 'critical',
        text: '  Intervention en cours place de la Mairie.  ',
      });
      expect(alert).toMatchObject({
        status: 'open',
        text: 'Intervention en cours place de la Mairie.',
        point: c.point,
        escalationDelayMinutes: 10,
        canManage: true,
      });
      expect(alert.communes).toHaveLength(1);
      const [commune] = alert.communes;
      expect(commune.municipality.id).toBe(c.municipality.id);
      expect(commune.currentRank).toBe(1);
      expect(commune.nextEscalationAt).not.toBeNull();
      expect(commune.recipients.map((r) => r.name).sort()).toEqual(['La Maire', 'Un Adjoint']);
      expect(commune.recipients.find((r) => r.name === 'La Maire')).toMatchObject({
        inApp: true,
        phone: maire.phone,
        acknowledgedAt: null,
      });

      const deliveries = await rows<{ channel: string; address: string; body: string; kind: string }>(
        f.t,
        'select d.channel, d.address, n.body, n.kind from notification_deliveries d ' +
          'join notifications n on n.id = d.notification_id order by d.channel, ' +
          'd.address',
      );
      const sms = deliveries.filter((d) => d.channel === 'sms');
      expect(sms.map((d) => d.address).sort()).toEqual([maire.phone, adjoint.phone].sort());
      expect(deliveries.filter((d) => d.channel === 'in_app').map((d) => d.address)).toEqual([c.mayor.user.id]);
      expect(new Set(deliveries.map((d) => d.kind))).toEqual(new Set(['alert.operational']));
      const links = sms.map((d) => /\/a\/([0-9A-Za-z]{16})$/.exec(d.body)?.[1]);
      expect(links.every(Boolean)).toBe(true);
      expect(new Set(links).size).toBe(2);
      expect(sms[0].body).toContain('PSQ ALERTE CRITIQUE - Intervention en cours');

      // The worker sends the SMS (log provider here): the sender sees the delivery move on.
      await vi.waitFor(
        async () =>
          expect((await rows(f.t, "select 1 from test_outbox where channel = 'sms'")).length).toBeGreaterThanOrEqual(2),
        { timeout: 20_000, interval: 100 },
      );
      const detail = await f.t.app.inject({
        method: 'GET',
        url: `/api/alerts/${alert.id}`,
        headers: c.referent.headers,
      });
      expect(detail.statusCode).toBe(200);
      expect(
        detail
          .json()
          .communes[0].recipients.every((r: { smsStatus: string }) => ['sent', 'delivered'].includes(r.smsStatus)),
      ).toBe(true);

      const audit = await rows<{ action: string }>(
        f.t,
        "select action from audit_events where action like 'alert.%' and (record_id = $1 or details->>'alertId' = $1)",
        [alert.id],
      );
      expect(audit.map((a) => a.action).sort()).toEqual([
        'alert.created',
        'alert.read',
        'alert.recipient.added',
        'alert.recipient.added',
      ]);
    },
  );

  it(
    'previews recipients, segments and cost, and warns before sending to a ' +
      'commune without a reachable contact (422 unless confirmed)',
    async () => {
      const withContact = await makeCommuneWithStaff(f.t);
      await addContact(f.t, withContact.mayor.headers, withContact.municipality.id, { name: 'Maire A', rank: 1 });
      const empty = await makeCommuneWithStaff(f.t);
      const admin = await empty.as('admin', 'department', empty.department.id);
      // The admin of the second commune's département does not cover the first one: 404.
      const outside = await f.t.app.inject({
        method: 'POST',
        url: '/api/alerts/preview',
        headers: admin.headers,
        payload: {
          municipalityIds: [withContact.municipality.id, empty.municipality.id],
          kind: 'road_closed',
          severity: 'info',
          text: 'Route barrée.',
        },
      });
      expect(outside.statusCode).toBe(404);

      const preview = await f.t.app.inject({
        method: 'POST',
        url: '/api/alerts/preview',
        headers: empty.referent.headers,
        payload: {
          municipalityIds: [empty.municipality.id],
          kind: 'road_closed',
          severity: 'info',
          text: 'Route barrée, déviation par la D3.',
        },
      });
      expect(preview.statusCode).toBe(200);
      expect(preview.json().warnings).toEqual([expect.stringContaining("n'a enregistré aucun contact")]);
      expect(preview.json().sms).toMatchObject({
        encoding: 'GSM-7',
        segments: 1,
        recipients: 0,
        costEur: 0,
        costPerSegmentEur: 0.05,
      });

      const ok = await f.t.app.inject({
        method: 'POST',
        url: '/api/alerts/preview',
        headers: withContact.referent.headers,
        payload: {
          point: withContact.point,
          kind: 'public_order',
          severity: 'important',
          text: 'Rassemblement tendu devant la gare, forces de l’ordre sur place.',
        },
      });
      expect(ok.json().communes[0].recipients).toHaveLength(1);
      expect(ok.json().sms.recipients).toBe(1);
      expect(ok.json().sms.nonGsmCharacters).toContain('’');

      const refused = await f.t.app.inject({
        method: 'POST',
        url: '/api/alerts',
        headers: empty.referent.headers,
        payload: { municipalityIds: [empty.municipality.id], kind: 'other', severity: 'info', text: 'Essai' },
      });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().detail).toContain(`Commune ${empty.municipality.inseeCode}`);
      const confirmed = await sendAlert(f.t, empty.referent.headers, {
        municipalityIds: [empty.municipality.id],
        confirmNoContact: true,
      });
      expect(confirmed.communes[0]).toMatchObject({ currentRank: 0, nextEscalationAt: null, recipients: [] });
    },
  );

  it('refuses bad drafts with 400 and never answers 500', async () => {
    const c = await makeCommuneWithStaff(f.t);
    const post = (payload: object) =>
      f.t.app.inject({ method: 'POST', url: '/api/alerts', headers: c.referent.headers, payload });
    const base = { kind: 'intervention', severity: 'info' };
    expect((await post({ ...base, text: '   ', municipalityIds: [c.municipality.id] })).statusCode).toBe(400);
    expect((await post({ ...base, text: 'x'.repeat(321), municipalityIds: [c.municipality.id] })).statusCode).toBe(400);
    expect((await post({ ...base, text: 'Texte' })).statusCode).toBe(400);
    expect(
      (await post({ ...base, text: 'Texte', municipalityIds: [c.municipality.id], point: c.point })).statusCode,
    ).toBe(400);
    expect(
      (await post({ ...base, kind: 'riot', text: 'Texte', municipalityIds: [c.municipality.id] })).statusCode,
    ).toBe(400);
    expect((await post({ ...base, text: 'Texte', point: { lon: 100, lat: 10 } })).statusCode).toBe(404);
  });

  it('limits each account to ALERTS_PER_MINUTE alerts: 25 fast requests give 20 ' +
    'alerts and 429s with Retry-After, no 500', async () => {
    const c = await makeCommuneWithStaff(f.t);
    await addContact(f.t, c.mayor.headers, c.municipality.id, { rank: 1 });
    const payload = {
      municipalityIds: [c.municipality.id],
      kind: 'intervention',
      severity: 'info',
      text: 'Essai de charge',
    };
    const statuses: number[] = [];
    const responses = await Promise.all(
      Array.from({ length: 25 }, () =>
        f.t.app.inject({ method: 'POST', url: '/api/alerts', headers: c.referent.headers, payload }),
      ),
    );
    for (const response of responses) statuses.push(response.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
    const limited = responses.find((r) => r.statusCode === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().detail).toContain('Trop d');
    // Another account is not affected.
    const other = await c.as('police_referent', 'municipality', c.municipality.id);
    expect(
      (await f.t.app.inject({ method: 'POST', url: '/api/alerts', headers: other.headers, payload })).statusCode,
    ).toBe(201);
  }, 60_000);

  it('lists the communes a referent may alert, and the commune of a point only inside their territory', async () => {
    const c = await makeCommuneWithStaff(f.t);
    const elsewhere = await makeCommuneWithStaff(f.t);
    const mine = await f.t.app.inject({ method: 'GET', url: '/api/alerts/communes', headers: c.referent.headers });
    expect(mine.json().items.map((i: { id: string }) => i.id)).toEqual([c.municipality.id]);
    const atPoint = await f.t.app.inject({
      method: 'GET',
      url: `/api/alerts/communes?lon=${c.point.lon}&lat=${c.point.lat}`,
      headers: c.referent.headers,
    });
    expect(atPoint.json().items[0]).toMatchObject({ id: c.municipality.id, contacts: 0, reachableNow: 0 });
    const foreign = await f.t.app.inject({
      method: 'GET',
      url: `/api/alerts/communes?lon=${elsewhere.point.lon}&lat=${elsewhere.point.lat}`,
      headers: c.referent.headers,
    });
    expect(foreign.statusCode).toBe(404);
    const list = await f.t.app.inject({ method: 'GET', url: '/api/alerts', headers: elsewhere.mayor.headers });
    expect(list.statusCode).toBe(200);
  });
});
