import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { makeUser, sessionHeaders } from '../identity/identity.factories.ts';
import { notify } from './notifications.service.ts';
import { notificationDeliveries } from './notifications.tables.ts';
import { formatMinute, parseMinute, quietHoursEnd } from './quiet-hours.ts';
import { TESTS_PER_MINUTE } from './test-notification.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
}, 60_000);
afterAll(async () => t?.close());

const URL = '/api/notifications/preferences';
const actor = systemActor('test');

async function signedInUser() {
  const user = await makeUser(t.database);
  return { user, headers: await sessionHeaders(t.database, t.config, user.id) };
}

/** Quiet hours around the current Paris time, so that "now" is inside them. */
function quietNow() {
  const [hour, minute] = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date())
    .split(':')
    .map(Number);
  const current = hour * 60 + minute;
  return { start: formatMinute((current + 1380) % 1440), end: formatMinute((current + 60) % 1440) };
}

describe('notification preferences', () => {
  it('shows the kinds with their defaults, then saves phone, quiet hours and choices', async () => {
    const { headers } = await signedInUser();
    const initial = (await t.app.inject({ method: 'GET', url: URL, headers })).json();
    expect(initial).toMatchObject({ phone: null, quietHours: null, pushSubscriptions: 0 });
    const alert = initial.kinds.find((k: { kind: string }) => k.kind === 'alert.operational');
    expect(alert).toMatchObject({ urgent: true, choosable: ['push'], channels: ['sms', 'in_app', 'push'] });

    const saved = await t.app.inject({
      method: 'PUT',
      url: URL,
      headers,
      payload: {
        phone: '06 12 34 56 78',
        quietHours: { start: '22:00', end: '07:00' },
        kinds: [
          { kind: 'request.answer', channels: ['sms', 'in_app'] },
          { kind: 'alert.operational', channels: [] },
        ],
      },
    });
    expect(saved.statusCode).toBe(204);
    const after = (await t.app.inject({ method: 'GET', url: URL, headers })).json();
    expect(after).toMatchObject({ phone: '+33612345678', quietHours: { start: '22:00', end: '07:00' } });
    const byKind = Object.fromEntries(
      after.kinds.map((k: { kind: string; channels: string[] }) => [k.kind, k.channels]),
    );
    expect(byKind['request.answer']).toEqual(['sms', 'in_app']);
    // SMS and in-app are imposed for operational alerts: turning everything off leaves them on.
    expect(byKind['alert.operational']).toEqual(['sms', 'in_app']);

    const cleared = await t.app.inject({
      method: 'PUT',
      url: URL,
      headers,
      payload: { phone: null, quietHours: null, kinds: [] },
    });
    expect(cleared.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: URL, headers })).json()).toMatchObject({
      phone: null,
      quietHours: null,
    });
  });

  it.each([
    [{ phone: '12', quietHours: null, kinds: [] }, 'Numéro de téléphone invalide'],
    [{ phone: null, quietHours: { start: '25:00', end: '07:00' }, kinds: [] }, 'Début des heures calmes invalide'],
    [{ phone: null, quietHours: { start: '07:00', end: '07:00' }, kinds: [] }, 'heures différentes'],
    [{ phone: null, quietHours: null, kinds: [{ kind: 'inconnu', channels: [] }] }, 'Type de message inconnu'],
    [{ phone: null, quietHours: null, kinds: [{ kind: 'request.answer', channels: ['fax'] }] }, 'Canal inconnu'],
    [
      { phone: null, quietHours: null, kinds: [{ kind: 'alert.operational', channels: ['email'] }] },
      'ne peut pas être envoyé par courriel',
    ],
    [{ phone: null, quietHours: null }, 'kinds'],
  ])('refuses bad input with a French 400 (%#)', async (payload, message) => {
    const { headers } = await signedInUser();
    const response = await t.app.inject({ method: 'PUT', url: URL, headers, payload });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toContain(message);
  });

  it('is only for a signed-in person, with the CSRF token for changes', async () => {
    const { headers } = await signedInUser();
    expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: URL,
          headers: { cookie: headers.cookie },
          payload: { phone: null, quietHours: null, kinds: [] },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('test message to oneself', () => {
  it('reaches every channel the settings allow, three times a minute at most', async () => {
    const { headers } = await signedInUser();
    await t.app.inject({
      method: 'PUT',
      url: URL,
      headers,
      payload: { phone: '06 77 88 99 00', quietHours: null, kinds: [] },
    });
    const sent = await t.app.inject({ method: 'POST', url: '/api/notifications/test', headers });
    expect(sent.statusCode).toBe(202);
    expect(sent.json().channels).toEqual(['email', 'in_app', 'sms']);
    for (let i = 1; i < TESTS_PER_MINUTE; i++)
      expect((await t.app.inject({ method: 'POST', url: '/api/notifications/test', headers })).statusCode).toBe(202);
    const refused = await t.app.inject({ method: 'POST', url: '/api/notifications/test', headers });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toContain('messages de test');
  });
});

describe('notify() applies the preferences', () => {
  it('uses chosen channels and the profile phone, and holds non-urgent messages until quiet hours end', async () => {
    const { user, headers } = await signedInUser();
    const quiet = quietNow();
    await t.app.inject({
      method: 'PUT',
      url: URL,
      headers,
      payload: { phone: '06 11 22 33 44', quietHours: quiet, kinds: [{ kind: 'request.answer', channels: ['sms'] }] },
    });
    const before = new Date();
    const { notificationId } = await t.database.db.transaction((tx) =>
      notify(tx, t.jobs!, actor, {
        kind: 'request.answer',
        subject: 'Votre demande',
        body: 'Réponse.',
        recipients: [{ userId: user.id }, { email: 'sans-compte@example.org' }],
        channels: ['email', 'sms', 'in_app'],
      }),
    );
    const rows = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.notificationId, notificationId));
    const mine = rows.filter((row) => row.recipientUserId === user.id);
    expect(mine.map((row) => row.channel).sort()).toEqual(['in_app', 'sms']);
    const sms = mine.find((row) => row.channel === 'sms')!;
    expect(sms.address).toBe('+33611223344');
    const expectedEnd = quietHoursEnd(before, {
      startMinute: parseMinute(quiet.start)!,
      endMinute: parseMinute(quiet.end)!,
    });
    expect(sms.nextAttemptAt?.getTime()).toBe(expectedEnd?.getTime());
    expect(mine.find((row) => row.channel === 'in_app')?.status).toBe('sent');
    // Someone without an account gets exactly what the caller asked for, at once.
    expect(rows.filter((row) => row.recipientUserId === null).map((row) => [row.channel, row.nextAttemptAt])).toEqual([
      ['email', null],
    ]);
  });

  it('sends urgent kinds at once during quiet hours, on imposed channels', async () => {
    const { user, headers } = await signedInUser();
    await t.app.inject({
      method: 'PUT',
      url: URL,
      headers,
      payload: {
        phone: '06 55 44 33 22',
        quietHours: quietNow(),
        kinds: [{ kind: 'alert.operational', channels: [] }],
      },
    });
    const { notificationId } = await t.database.db.transaction((tx) =>
      notify(tx, t.jobs!, actor, {
        kind: 'alert.operational',
        subject: 'Alerte',
        body: 'Intervention en cours.',
        recipients: [{ userId: user.id }],
        channels: ['sms', 'in_app', 'push', 'email'],
      }),
    );
    const rows = await t.database.db
      .select()
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.notificationId, notificationId));
    expect(rows.map((row) => row.channel).sort()).toEqual(['in_app', 'sms']);
    expect(rows.find((row) => row.channel === 'sms')?.nextAttemptAt).toBeNull();
  });
});
