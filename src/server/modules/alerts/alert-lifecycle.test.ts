import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../shared/format/french-dates.ts';
import { escalateDueAlerts } from './escalation.ts';
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

/** The signed code of each recipient, read from the SMS bodies (as the mayor's phone would). */
async function linkCodes(alertId: string): Promise<Map<string, string>> {
  const found = await rows<{ address: string; body: string }>(
    f.t,
    'select d.address, n.body from notification_deliveries d join notifications ' +
      'n on n.id = d.notification_id join alert_recipients r on r.sms_delivery_id ' +
      '= d.id where r.alert_id = $1',
    [alertId],
  );
  return new Map(found.map((row) => [row.address, /\/a\/([0-9A-Za-z]{16})/.exec(row.body)![1]]));
}

async function alertWithTwoRanks() {
  const c = await makeCommuneWithStaff(f.t);
  const first = await addContact(f.t, c.mayor.headers, c.municipality.id, {
    name: 'Rang Un',
    rank: 1,
    userEmail: c.mayor.user.email,
  });
  const deputy = await addContact(f.t, c.mayor.headers, c.municipality.id, { name: 'Adjoint Un', rank: 1 });
  const second = await addContact(f.t, c.mayor.headers, c.municipality.id, { name: 'Rang Deux', rank: 2 });
  const alert = await sendAlert(f.t, c.referent.headers, {
    municipalityIds: [c.municipality.id],
    escalationDelayMinutes: 5,
  });
  return { c, first, deputy, second, alert, codes: await linkCodes(alert.id) };
}

describe('acknowledging an alert', () => {
  it(
    'by the SMS link: GET shows only this recipient and never acknowledges; POST ' +
      'acknowledges once; tampered links are 404',
    async () => {
      const { first, deputy, alert, codes } = await alertWithTwoRanks();
      const code = codes.get(deputy.phone)!;
      const view = await f.t.app.inject({ method: 'GET', url: `/api/alerts/ack/${code}` });
      expect(view.statusCode).toBe(200);
      expect(view.json().recipient).toMatchObject({ name: 'Adjoint Un', acknowledgedAt: null });
      expect(view.body).not.toContain(first.phone);
      expect(view.body).not.toContain(deputy.phone);
      expect(view.body).not.toContain('Rang Un');
      const stillPending = await rows<{ acknowledged_at: Date | null }>(
        f.t,
        'select acknowledged_at from alert_recipients where alert_id = $1',
        [alert.id],
      );
      expect(stillPending.every((r) => r.acknowledged_at === null)).toBe(true);

      const tampered = `${code.slice(0, 15)}${code[15] === 'A' ? 'B' : 'A'}`;
      expect((await f.t.app.inject({ method: 'GET', url: `/api/alerts/ack/${tampered}` })).statusCode).toBe(404);
      expect((await f.t.app.inject({ method: 'POST', url: `/api/alerts/ack/${tampered}` })).statusCode).toBe(404);
      expect((await f.t.app.inject({ method: 'POST', url: '/api/alerts/ack/not-a-code' })).statusCode).toBe(400);

      const ack = await f.t.app.inject({ method: 'POST', url: `/api/alerts/ack/${code}` });
      expect(ack.statusCode).toBe(200);
      expect(ack.json()).toMatchObject({ alreadyAcknowledged: false });
      const again = await f.t.app.inject({ method: 'POST', url: `/api/alerts/ack/${code}` });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ alreadyAcknowledged: true, acknowledgedAt: ack.json().acknowledgedAt });
      expect(again.json().message).toBe(
        `Vous aviez déjà accusé réception de cette alerte le ${formatDateTime(ack.json().acknowledgedAt)}.`,
      );
      expect(again.json().message).toMatch(/le \p{L}+ \d{1,2}(er)? \p{L}+ \d{4} à \d{1,2} h \d{2}\.$/u);

      const [commune] = await rows<{ acknowledged_at: Date | null; next_escalation_at: Date | null }>(
        f.t,
        'select acknowledged_at, next_escalation_at from alert_communes where alert_id = $1',
        [alert.id],
      );
      expect(commune.acknowledged_at).not.toBeNull();
      expect(commune.next_escalation_at).toBeNull();
      const audit = await rows<{ action: string }>(
        f.t,
        "select action from audit_events where action = 'alert.acknowledged' and details->>'alertId' = $1",
        [alert.id],
      );
      expect(audit).toHaveLength(1);
    },
  );

  it('in the app by the linked mayor; other accounts get 404; after closing, acknowledging is a 409', async () => {
    const { c, alert, codes, deputy } = await alertWithTwoRanks();
    const stranger = await c.as('elected', 'municipality', c.municipality.id);
    expect(
      (await f.t.app.inject({ method: 'POST', url: `/api/alerts/${alert.id}/acknowledge`, headers: stranger.headers }))
        .statusCode,
    ).toBe(404);
    const mine = await f.t.app.inject({ method: 'GET', url: `/api/alerts/${alert.id}`, headers: c.mayor.headers });
    expect(mine.json().myRecipient).toMatchObject({ acknowledgedAt: null });
    expect(mine.json().canManage).toBe(false);
    const ack = await f.t.app.inject({
      method: 'POST',
      url: `/api/alerts/${alert.id}/acknowledge`,
      headers: c.mayor.headers,
    });
    expect(ack.statusCode).toBe(200);
    const detail = await f.t.app.inject({ method: 'GET', url: `/api/alerts/${alert.id}`, headers: c.referent.headers });
    expect(detail.json().communes[0].recipients.find((r: { name: string }) => r.name === 'Rang Un')).toMatchObject({
      acknowledgedVia: 'app',
    });

    const update = await f.t.app.inject({
      method: 'POST',
      url: `/api/alerts/${alert.id}/updates`,
      headers: c.referent.headers,
      payload: { text: 'Périmètre levé rue Haute.' },
    });
    expect(update.statusCode).toBe(201);
    expect(update.json().messages.map((m: { kind: string }) => m.kind)).toEqual(['initial', 'update']);
    const close = await f.t.app.inject({
      method: 'POST',
      url: `/api/alerts/${alert.id}/close`,
      headers: c.referent.headers,
      payload: {},
    });
    expect(close.statusCode).toBe(200);
    expect(close.json()).toMatchObject({ status: 'closed', canManage: false });
    expect(
      (
        await f.t.app.inject({
          method: 'POST',
          url: `/api/alerts/${alert.id}/close`,
          headers: c.referent.headers,
          payload: {},
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await f.t.app.inject({
          method: 'POST',
          url: `/api/alerts/${alert.id}/updates`,
          headers: c.referent.headers,
          payload: { text: 'Trop tard' },
        })
      ).statusCode,
    ).toBe(409);
    // A mayor cannot manage an alert: 403 (the permission is missing).
    expect(
      (
        await f.t.app.inject({
          method: 'POST',
          url: `/api/alerts/${alert.id}/close`,
          headers: c.mayor.headers,
          payload: {},
        })
      ).statusCode,
    ).toBe(403);

    // The deputy had not acknowledged: too late now.
    const late = await f.t.app.inject({ method: 'POST', url: `/api/alerts/ack/${codes.get(deputy.phone)}` });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('close');

    // Update and close went to both alerted recipients by SMS (kind alert.update).
    const sent = await rows<{ n: number }>(
      f.t,
      'select count(*)::int as n from notifications n join notification_deliveries ' +
        "d on d.notification_id = n.id where n.kind = 'alert.update' and d.channel = " +
        "'sms' and d.address in (select phone from alert_recipients where alert_id = " +
        '$1)',
      [alert.id],
    );
    expect(sent[0].n).toBe(4);
    const audit = await rows<{ action: string }>(
      f.t,
      'select action from audit_events where record_id = $1 and action in ' +
        "('alert.updated', 'alert.closed') order by occurred_at",
      [alert.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['alert.updated', 'alert.closed']);
  });
});

describe('escalation', () => {
  it('alerts the next rank when nobody acknowledged in time, then stops when no rank is left', async () => {
    const { alert, second } = await alertWithTwoRanks();
    const created = new Date(alert.createdAt);
    expect(await escalateDueAlerts(f.ctx, new Date(created.getTime() + 4 * 60_000))).toBe(0);
    expect(await escalateDueAlerts(f.ctx, new Date(created.getTime() + 6 * 60_000))).toBeGreaterThanOrEqual(1);
    const recipients = await rows<{ name: string; rank: number; sms_delivery_id: string | null }>(
      f.t,
      'select name, rank, sms_delivery_id from alert_recipients where alert_id = $1 order by rank, name',
      [alert.id],
    );
    expect(recipients.map((r) => r.name)).toEqual(['Adjoint Un', 'Rang Un', 'Rang Deux']);
    expect(recipients[2].sms_delivery_id).not.toBeNull();
    const [commune] = await rows<{ current_rank: number; next_escalation_at: Date | null }>(
      f.t,
      'select current_rank, next_escalation_at from alert_communes where alert_id = $1',
      [alert.id],
    );
    expect(commune).toMatchObject({ current_rank: 2, next_escalation_at: null });
    const sms = await rows<{ body: string }>(
      f.t,
      'select n.body from notification_deliveries d join notifications n on n.id = ' +
        "d.notification_id where d.address = $1 and d.channel = 'sms'",
      [second.phone],
    );
    expect(sms[0].body).toContain('(relance)');
    const audit = await rows<{ details: { toRank: number } }>(
      f.t,
      "select details from audit_events where action = 'alert.escalated' and record_id = $1",
      [alert.id],
    );
    expect(audit[0].details.toRank).toBe(2);
    expect(await escalateDueAlerts(f.ctx, new Date(created.getTime() + 60 * 60_000))).toBe(0);
  });

  it('does not escalate an acknowledged or closed alert', async () => {
    const acked = await alertWithTwoRanks();
    await f.t.app.inject({ method: 'POST', url: `/api/alerts/ack/${[...acked.codes.values()][0]}` });
    const closed = await alertWithTwoRanks();
    await f.t.app.inject({
      method: 'POST',
      url: `/api/alerts/${closed.alert.id}/close`,
      headers: closed.c.referent.headers,
      payload: { text: 'Fin.' },
    });
    await escalateDueAlerts(f.ctx, new Date(Date.now() + 3_600_000));
    const ranks = await rows<{ n: number }>(
      f.t,
      'select count(*)::int as n from alert_recipients where alert_id in ($1, $2) and rank = 2',
      [acked.alert.id, closed.alert.id],
    );
    expect(ranks[0].n).toBe(0);
  });
});
