import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import { makeUser, sessionHeaders } from '../identity/identity.factories.ts';
import { notify } from './notifications.service.ts';
import { notificationDeliveries, pushSubscriptions } from './notifications.tables.ts';
import { startHarness, type Harness } from './notifications.test-helpers.ts';
import { startPushPeer, type PushPeer } from '../../test/peers/push-peer.ts';

// http_ece is what web-push encrypts with: here it decrypts, as the browser would.
const ece = createRequire(import.meta.url)('http_ece') as {
  decrypt(buffer: Buffer, params: Record<string, unknown>): Buffer;
};

let h: Harness;
let push: PushPeer;
beforeAll(async () => {
  h = await startHarness();
  push = await startPushPeer();
}, 60_000);
afterAll(async () => {
  await push?.close();
  await h?.close();
});

/** A browser's side of a subscription: its P-256 key pair and auth secret. */
function browserKeys() {
  const ecdh = crypto.createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = crypto.randomBytes(16);
  return { ecdh, auth, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') } };
}

async function subscribedUser(path: string) {
  const user = await makeUser(h.database);
  const headers = await sessionHeaders(h.database, h.config, user.id);
  const browser = browserKeys();
  const endpoint = `${push.url}${path}`;
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/notifications/push/subscriptions',
    headers,
    payload: { endpoint, expirationTime: null, keys: browser.keys },
  });
  expect(response.statusCode).toBe(201);
  return { user, headers, browser, endpoint, subscriptionId: response.json().id as string };
}

const sendAlert = (userId: string, kind = 'alert.operational') =>
  h.database.db.transaction((tx) =>
    notify(tx, h.jobs, systemActor('test'), {
      kind,
      subject: 'Alerte à Borny',
      body: 'Intervention en cours rue des Lilas.',
      recipients: [{ userId }],
      channels: ['in_app', 'push'],
    }),
  );

const deliveriesOf = (notificationId: string) =>
  h.database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.notificationId, notificationId));

describe('web push', () => {
  it('gives the VAPID public key to a signed-in person only', async () => {
    const user = await makeUser(h.database);
    const response = await h.app.inject({
      method: 'GET',
      url: '/api/notifications/push/key',
      headers: await sessionHeaders(h.database, h.config, user.id),
    });
    expect(Buffer.from(response.json().publicKey, 'base64url')).toHaveLength(65);
    expect((await h.app.inject({ method: 'GET', url: '/api/notifications/push/key' })).statusCode).toBe(401);
  });

  it('sends an encrypted, VAPID-signed message that the subscription’s private key decrypts', async () => {
    const { user, browser, subscriptionId } = await subscribedUser('/sub/chiffre');
    const before = push.received.length;
    const { notificationId } = await sendAlert(user.id);
    const [request] = (
      await vi.waitFor(
        () => {
          expect(push.received.length).toBeGreaterThanOrEqual(before + 1);
          return push.received;
        },
        { timeout: 15_000, interval: 50 },
      )
    ).slice(before);
    expect(request.path).toBe('/sub/chiffre');
    expect(request.headers['content-encoding']).toBe('aes128gcm');
    expect(request.headers.urgency).toBe('high');
    expect(request.body.toString('utf8')).not.toContain('Borny');
    const publicKey = (
      await h.app.inject({
        method: 'GET',
        url: '/api/notifications/push/key',
        headers: await sessionHeaders(h.database, h.config, user.id),
      })
    ).json().publicKey;
    expect(request.headers.authorization).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${publicKey}$`));

    const plain = JSON.parse(
      ece
        .decrypt(request.body, {
          version: 'aes128gcm',
          privateKey: browser.ecdh,
          authSecret: browser.auth.toString('base64url'),
        })
        .toString('utf8'),
    );
    const rows = await vi.waitFor(
      async () => {
        const found = await deliveriesOf(notificationId);
        expect(found.some((row) => row.channel === 'push' && row.status === 'sent')).toBe(true);
        return found;
      },
      { timeout: 20_000, interval: 100 },
    );
    const pushRow = rows.find((row) => row.channel === 'push')!;
    expect(plain).toEqual({
      title: 'Alerte à Borny',
      body: 'Intervention en cours rue des Lilas.',
      tag: pushRow.id,
      url: '/notifications',
    });
    expect(pushRow.address).toBe(subscriptionId);
    expect(pushRow.providerId).toMatch(/^\/sub\/chiffre\/messages\/\d+$/);
  });

  it('deletes a subscription the push service says is gone, and fails the delivery for good', async () => {
    const { user, subscriptionId } = await subscribedUser('/sub/expire');
    push.answer('/sub/expire', 410);
    const { notificationId } = await sendAlert(user.id);
    const row = await vi.waitFor(
      async () => {
        const found = (await deliveriesOf(notificationId)).find((r) => r.channel === 'push' && r.status === 'failed');
        expect(found).toBeDefined();
        return found;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(row).toMatchObject({ failureKind: 'permanent', attempts: 1 });
    expect(
      await h.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, subscriptionId)),
    ).toEqual([]);
  });

  it('respects a person who turned push off for a kind', async () => {
    const { user, headers } = await subscribedUser('/sub/sans');
    await h.app.inject({
      method: 'PUT',
      url: '/api/notifications/preferences',
      headers,
      payload: { phone: null, quietHours: null, kinds: [{ kind: 'alert.operational', channels: [] }] },
    });
    const { notificationId } = await sendAlert(user.id);
    expect((await deliveriesOf(notificationId)).map((row) => row.channel)).toEqual(['in_app']);
  });

  it('refuses endpoints that are not https and malformed keys, and unsubscribes only one’s own browser', async () => {
    const { headers, endpoint } = await subscribedUser('/sub/a-garder');
    const other = await makeUser(h.database);
    const otherHeaders = await sessionHeaders(h.database, h.config, other.id);
    const { keys } = browserKeys();
    const post = (payload: object) =>
      h.app.inject({ method: 'POST', url: '/api/notifications/push/subscriptions', headers: otherHeaders, payload });
    const plainHttp = await post({ endpoint: 'http://push.example.org/abc', keys });
    expect(plainHttp.statusCode).toBe(400);
    expect(plainHttp.json().detail).toContain('https');
    expect(
      (await post({ endpoint: 'https://push.example.org/abc', keys: { ...keys, p256dh: 'pas-une-cle' } })).json()
        .detail,
    ).toContain('p256dh');
    expect((await post({ endpoint: 'https://push.example.org/abc', keys: { ...keys, auth: 'AAAA' } })).statusCode).toBe(
      400,
    );
    expect((await post({ endpoint: 'pas une url', keys })).statusCode).toBe(400);

    const stranger = await h.app.inject({
      method: 'DELETE',
      url: '/api/notifications/push/subscriptions',
      headers: otherHeaders,
      payload: { endpoint },
    });
    expect(stranger.statusCode).toBe(204);
    expect(
      await h.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint)),
    ).toHaveLength(1);
    const own = await h.app.inject({
      method: 'DELETE',
      url: '/api/notifications/push/subscriptions',
      headers,
      payload: { endpoint },
    });
    expect(own.statusCode).toBe(204);
    expect(
      await h.database.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint)),
    ).toEqual([]);
  });
});
