import crypto from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import { computeTwilioSignature, createTwilioProvider } from '../../platform/sms/twilio-provider.ts';
import { OUTCOME_UNKNOWN, RETRY_JOB } from './deliver.ts';
import { createNotificationChannels, loadNotificationsSettings } from './notification-channels.ts';
import { notify } from './notifications.service.ts';
import { notificationDeliveries, notifications } from './notifications.tables.ts';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, type Harness } from './notifications.test-helpers.ts';

// What happens around a send that did not go as planned: the provider timing out after taking
// the message, a worker dying between its claim and its record, receipts overtaking the API
// answer, forged receipts, a provider down then back. Always against the fake Twilio.

let h: Harness;
beforeAll(async () => {
  // A short provider timeout keeps the outcome-unknown test quick; the stale threshold stays 2 min.
  h = await startHarness({ env: { TWILIO_TIMEOUT_MS: '2000' } });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const STALE = new Date(Date.now() - 10 * 60_000);
const newNumber = () => `+3361${crypto.randomInt(1_000_000, 9_999_999)}`;
const sentTo = (to: string) => h.fake.messages.filter((message) => message.to === to);
const row = async (id: string) =>
  (await h.database.db.select().from(notificationDeliveries).where(eq(notificationDeliveries.id, id)))[0];
const finalRow = (id: string) =>
  vi.waitFor(
    async () => {
      const found = await row(id);
      expect(found.status !== 'sending' && !(found.status === 'queued' && found.attempts === 0)).toBe(true);
      return found;
    },
    { timeout: 20_000, interval: 100 },
  );

async function commitSms(to: string, body = 'Fermeture de la route de Plappeville.') {
  const { deliveryIds } = await h.database.db.transaction((tx) =>
    notify(tx, h.jobs, systemActor('test'), {
      kind: 'alerte',
      subject: 'Alerte',
      body,
      recipients: [{ phone: to }],
      channels: ['sms'],
    }),
  );
  return deliveryIds[0];
}

/** The state a worker killed between its claim and its record leaves behind. */
async function abandonedSend(channel: 'sms' | 'email', address: string, body: string, updatedAt = STALE) {
  const [message] = await h.database.db
    .insert(notifications)
    .values({ kind: 'alerte', subject: 'Alerte', body })
    .returning();
  const [delivery] = await h.database.db
    .insert(notificationDeliveries)
    .values({
      notificationId: message.id,
      channel,
      address,
      idempotencyKey: `${message.id}:${channel}:${address}`,
      status: 'sending',
      attempts: 1,
      updatedAt,
    })
    .returning();
  return delivery;
}

async function postReceipt(form: Record<string, string>, url: string, token = AUTH_TOKEN, signedUrl = url) {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': computeTwilioSignature(token, signedUrl, form),
    },
    body: new URLSearchParams(form),
  });
}

describe('outcome unknown', () => {
  it('fails a send the provider took without answering, as technical, and never resends it', async () => {
    h.fake.failNext(1, 'timeout');
    const to = newNumber();
    const delivered = await finalRow(await commitSms(to));
    expect(delivered).toMatchObject({
      status: 'failed',
      failureKind: 'technical',
      lastError: OUTCOME_UNKNOWN,
      attempts: 1,
    });
    await h.jobs.runNow(RETRY_JOB);
    expect(await row(delivered.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(sentTo(to)).toHaveLength(1);
  });

  it('settles it from the receipt Twilio posts later: it did take the message', async () => {
    h.fake.failNext(1, 'timeout');
    const to = newNumber();
    const unknown = await finalRow(await commitSms(to));
    expect(unknown).toMatchObject({ status: 'failed', lastError: OUTCOME_UNKNOWN, providerId: null });
    const [message] = sentTo(to);
    const response = await postReceipt(
      { AccountSid: ACCOUNT_SID, MessageSid: message.sid, MessageStatus: 'delivered' },
      message.statusCallback as string,
    );
    expect(response.status).toBe(204);
    expect(await row(unknown.id)).toMatchObject({
      status: 'delivered',
      providerId: message.sid,
      failureKind: null,
      lastError: null,
    });
  });
});

describe('sends left unfinished by a dead worker', () => {
  it('records a send the provider has, without sending again', async () => {
    const to = newNumber();
    const body = 'Intervention en cours, rue Serpenoise.';
    const stuck = await abandonedSend('sms', to, body);
    // The dead worker's request did reach Twilio (its answer was lost with the process).
    const dead = createTwilioProvider({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: '+33700000001',
      baseUrl: h.fake.baseUrl,
    });
    const { providerId } = await dead.send({ to, body, idempotencyKey: stuck.idempotencyKey });
    await h.jobs.runNow(RETRY_JOB);
    expect(await row(stuck.id)).toMatchObject({ status: 'sent', providerId, attempts: 1, lastError: null });
    expect(sentTo(to)).toHaveLength(1);
  });

  it('sends once more a message the provider never got', async () => {
    const to = newNumber();
    const stuck = await abandonedSend('sms', to, 'Route fermée à Woippy.');
    await h.jobs.runNow(RETRY_JOB);
    const after = await row(stuck.id);
    expect(after).toMatchObject({ status: 'sent', attempts: 2 });
    expect(sentTo(to).map((message) => message.sid)).toEqual([after.providerId]);
    await h.jobs.runNow(RETRY_JOB);
    expect(sentTo(to)).toHaveLength(1);
  });

  it('leaves it failed for a human when the provider cannot be asked, and for e-mail', async () => {
    const to = newNumber();
    const sms = await abandonedSend('sms', to, 'Disparition inquiétante à Montigny.');
    const email = await abandonedSend('email', 'maire@mairie.example', 'Disparition inquiétante à Montigny.');
    h.fake.failNextLookup(1, { status: 503 });
    await h.jobs.runNow(RETRY_JOB);
    for (const id of [sms.id, email.id])
      expect(await row(id)).toMatchObject({ status: 'failed', failureKind: 'technical', lastError: OUTCOME_UNKNOWN });
    expect(sentTo(to)).toHaveLength(0);
  });
});

describe('receipts matched by delivery id', () => {
  it('lands a receipt that overtakes the API answer', async () => {
    h.fake.setReceipts('before-response');
    const to = newNumber();
    try {
      const done = await finalRow(await commitSms(to));
      const [message] = sentTo(to);
      expect(message.statusCallback).toBe(`${h.config.publicUrl}/api/notifications/sms/receipts?d=${done.id}`);
      expect(done).toMatchObject({ status: 'delivered', providerId: message.sid });
      expect(done.sentAt).not.toBeNull();
    } finally {
      h.fake.setReceipts('manual');
    }
  });

  it('lands a receipt for a send whose worker died before recording it', async () => {
    const stuck = await abandonedSend('sms', newNumber(), 'Ordre public : rassemblement place de la République.');
    const url = `${h.config.publicUrl}/api/notifications/sms/receipts?d=${stuck.id}`;
    const response = await postReceipt(
      { AccountSid: ACCOUNT_SID, MessageSid: 'SMdeadbeefdeadbeefdeadbeefdeadbeef', MessageStatus: 'delivered' },
      url,
    );
    expect(response.status).toBe(204);
    expect(await row(stuck.id)).toMatchObject({
      status: 'delivered',
      providerId: 'SMdeadbeefdeadbeefdeadbeefdeadbeef',
    });
  });

  it('refuses forged receipts and changes nothing', async () => {
    // Not stale yet: the sweep of the next test must not pick them up.
    const stuck = await abandonedSend('sms', newNumber(), 'Route barrée.', new Date());
    const other = await abandonedSend('sms', newNumber(), 'Route barrée.', new Date());
    const url = `${h.config.publicUrl}/api/notifications/sms/receipts?d=${stuck.id}`;
    const form = { AccountSid: ACCOUNT_SID, MessageSid: 'SM00000000000000000000000000000001', MessageStatus: 'failed' };
    expect((await postReceipt(form, url, 'mauvais-jeton')).status).toBe(403);
    // A genuine signature for one delivery does not carry over to another id.
    const moved = `${h.config.publicUrl}/api/notifications/sms/receipts?d=${other.id}`;
    expect((await postReceipt(form, moved, AUTH_TOKEN, url)).status).toBe(403);
    const rows = await h.database.db
      .select()
      .from(notificationDeliveries)
      .where(inArray(notificationDeliveries.id, [stuck.id, other.id]));
    expect(rows.map((r) => [r.status, r.providerId])).toEqual([
      ['sending', null],
      ['sending', null],
    ]);
  });
});

describe('provider down, then back', () => {
  it('retries after 503 and 429 (honouring Retry-After) and sends once', async () => {
    h.fake.failNext(1, { status: 503 });
    h.fake.failNext(1, { status: 429, retryAfter: 1 });
    const to = newNumber();
    const id = await commitSms(to);
    // The delay before the third attempt, as each look saw it: checked after the wait (a failed check
    // inside it would only be retried).
    const retryDelays: number[] = [];
    const final = await vi.waitFor(
      async () => {
        const current = await row(id);
        if (current.status === 'queued' && current.attempts === 2 && current.nextAttemptAt) {
          retryDelays.push(current.nextAttemptAt.getTime() - current.updatedAt.getTime());
        }
        await h.jobs.runNow(RETRY_JOB);
        expect(current.status).toBe('sent');
        return current;
      },
      { timeout: 20_000, interval: 100 },
    );
    // Retry-After (1 s) wins over the zero backoff of this harness.
    for (const delay of retryDelays) expect(delay).toBeGreaterThanOrEqual(900);
    expect(final.attempts).toBe(3);
    expect(sentTo(to)).toHaveLength(1);
  });
});

describe('stale threshold setting', () => {
  it('must exceed the Twilio timeout, with a clear message otherwise', () => {
    const twilio = { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, TWILIO_FROM: '+33700000001' };
    expect(loadNotificationsSettings(twilio).staleSendingMs).toBe(120_000);
    expect(() => loadNotificationsSettings({ ...twilio, NOTIFICATION_STALE_SENDING_MS: '11000' })).toThrow(
      /NOTIFICATION_STALE_SENDING_MS \(11000 ms\) doit dépasser d'au moins 2 s .*TWILIO_TIMEOUT_MS \(10000 ms\)/,
    );
    expect(
      loadNotificationsSettings({ ...twilio, NOTIFICATION_STALE_SENDING_MS: '3000', TWILIO_TIMEOUT_MS: '1000' })
        .staleSendingMs,
    ).toBe(3000);
  });
});

describe('local use (no Twilio)', () => {
  it('finds an SMS in the test outbox, so a crashed send is not written twice', async () => {
    const channels = createNotificationChannels(h.config, h.database, loadNotificationsSettings({}));
    const to = newNumber();
    const since = new Date(Date.now() - 1000);
    await channels.sms.send({ to, body: 'SMS de démonstration', idempotencyKey: 'k' });
    expect(await channels.sms.findSent?.({ to, body: 'SMS de démonstration', since })).toMatch(/^LOG-/);
    expect(await channels.sms.findSent?.({ to, body: 'Autre texte', since })).toBeUndefined();
    channels.close();
  });
});
