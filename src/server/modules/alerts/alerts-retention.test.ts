import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertsRetentionRule } from './alerts-retention.ts';
import {
  addContact,
  makeCommuneWithStaff,
  rows,
  sendAlert,
  startAlertsApp,
  type AlertsFixture,
} from './alerts.test-helpers.ts';

const DAY_MS = 86_400_000;
let f: AlertsFixture;
beforeAll(async () => {
  f = await startAlertsApp();
}, 120_000);
afterAll(async () => f?.close());

describe('alerts retention', () => {
  it('purges an alert and its recipients once its period after closing has passed, not before', async () => {
    const c = await makeCommuneWithStaff(f.t);
    await addContact(f.t, c.mayor.headers, c.municipality.id, { name: 'Maire', rank: 1 });
    const alert = await sendAlert(f.t, c.referent.headers, { municipalityIds: [c.municipality.id] });
    const close = await f.t.app.inject({
      method: 'POST',
      url: `/api/alerts/${alert.id}/close`,
      headers: c.referent.headers,
      payload: {},
    });
    expect(close.statusCode).toBe(200);
    const rule = alertsRetentionRule(() => 30);
    const count = async () =>
      (
        await rows<{ n: number }>(f.t, 'select count(*)::int as n from alert_recipients where alert_id = $1', [
          alert.id,
        ])
      )[0].n;

    await rule.purge(f.t.database, new Date(Date.now() + 29 * DAY_MS));
    expect(await count()).toBe(1);
    await rule.purge(f.t.database, new Date(Date.now() + 31 * DAY_MS));
    expect(await rows(f.t, 'select id from alerts where id = $1', [alert.id])).toHaveLength(0);
    expect(await count()).toBe(0);
  });
});
