import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { computeTwilioSignature } from '../../platform/sms/twilio-provider.ts';
import { RETRY_JOB, backoffMs } from './deliver.ts';
import { loadNotificationsSettings } from './notification-channels.ts';
import { DELIVER_JOB, notify, type NotifyInput } from './notifications.service.ts';
import { notificationDeliveries, notifications } from './notifications.tables.ts';
import { AUTH_TOKEN, useHarness, type Harness } from './notifications.test-helpers.ts';

let h: Harness;
useHarness((harness) => (h = harness));

const actor = systemActor('test');
let counter = 0;
/** A fresh mobile number per test, so counts on the fake are per test. */
const phone = () =>
  `06 12 34 ${String(10 + (counter % 80)).padStart(2, '0')} ${String(10 + (counter++ % 80)).padStart(2, '0')}`;
const e164 = (national: string) => `+33${national.replace(/\s/g, '').slice(1)}`;

function input(overrides: Partial<NotifyInput> = {}): NotifyInput {
  return {
    kind: 'alerte',
    subject: 'Alerte à Borny',
    body: 'Intervention en cours rue des Lilas.',
    recipients: [{ email: 'maire@mairie.example', phone: phone() }],
    channels: ['email', 'sms'],
    ...overrides,
  };
}

async function commit(data: NotifyInput, jobs: JobRunner = h.jobs) {
  return h.database.db.transaction((tx) => notify(tx, jobs, actor, data));
}

const rows = (ids: string[]) =>
  h.database.db.select().from(notificationDeliveries).where(inArray(notificationDeliveries.id, ids));
/** Waits until no delivery among `ids` is still queued for its first attempt or being sent. */
const settled = (ids: string[]) =>
  vi.waitFor(
    async () => {
      const found = await rows(ids);
      expect(found.every((row) => row.status !== 'sending' && !(row.status === 'queued' && row.attempts === 0))).toBe(
        true,
      );
      return found;
    },
    { timeout: 20_000, interval: 100 },
  );
// Deliveries whose job never runs: to drive the handler by hand.
const noQueue: JobRunner = {
  enqueue: async () => {},
  enqueueMany: async () => {},
  runNow: async () => {},
  stop: async () => {},
};

describe('notify → job → providers', () => {
  it('sends e-mail and SMS after commit, and nothing when the transaction rolls back', async () => {
    const number = phone();
    await h.database.db
      .transaction(async (tx) => {
        await notify(
          tx,
          h.jobs,
          actor,
          input({ kind: 'annulee', recipients: [{ email: 'annule@example.org', phone: number }] }),
        );
        tx.rollback();
      })
      .catch(() => {});
    const before = h.smtp.messages.length;
    const { deliveryIds } = await commit(
      input({ recipients: [{ email: 'camille@mairie.example', phone: '06 98 76 54 32' }] }),
    );
    expect(deliveryIds).toHaveLength(2);

    const done = await settled(deliveryIds);
    expect(done.map((row) => row.status)).toEqual(['sent', 'sent']);
    const sms = done.find((row) => row.channel === 'sms');
    expect(sms?.providerId).toMatch(/^SM/);
    expect(sms?.attempts).toBe(1);
    const mails = await h.smtp.waitForMessages(before + 1);
    expect(mails.at(-1)?.to).toEqual(['camille@mairie.example']);
    expect(h.fake.messages.filter((m) => m.to === '+33698765432')).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await h.database.db.select().from(notifications).where(eq(notifications.kind, 'annulee'))).toHaveLength(0);
    expect(h.fake.messages.filter((m) => m.to === e164(number))).toHaveLength(0);
    expect(h.smtp.messages.flatMap((m) => m.to)).not.toContain('annule@example.org');
  });

  it('marks deliveries delivered from signed receipts, and refuses forged ones', async () => {
    const { deliveryIds } = await commit(input({ channels: ['sms'] }));
    const [sent] = await settled(deliveryIds);
    expect(sent.status).toBe('sent');

    const url = `${h.config.publicUrl}/api/notifications/sms/receipts`;
    const form = {
      AccountSid: 'AC0123456789abcdef0123456789abcdef',
      MessageSid: sent.providerId as string,
      MessageStatus: 'failed',
    };
    const forged = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': computeTwilioSignature('mauvais-jeton', url, form),
      },
      body: new URLSearchParams(form),
    });
    expect(forged.status).toBe(403);
    expect((await rows(deliveryIds))[0].status).toBe('sent');

    const results = await h.fake.deliverAll('delivered');
    expect(results.every((result) => result.httpStatus === 204)).toBe(true);
    const [delivered] = await rows(deliveryIds);
    expect(delivered.status).toBe('delivered');
    expect(delivered.deliveredAt).not.toBeNull();

    // A late 'sent' receipt never moves a delivery backwards.
    const late = { ...form, MessageStatus: 'sent' };
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': computeTwilioSignature(AUTH_TOKEN, url, late),
      },
      body: new URLSearchParams(late),
    });
    expect(response.status).toBe(204);
    expect((await rows(deliveryIds))[0].status).toBe('delivered');
  });

  it('retries temporary failures with backoff and sends once', async () => {
    const number = phone();
    h.fake.failNext(2, { status: 500 });
    const { deliveryIds } = await commit(input({ channels: ['sms'], recipients: [{ phone: number }] }));
    // The minute cron may already have run a retry: only the first failure is certain here.
    const [first] = await settled(deliveryIds);
    expect(first.attempts).toBeGreaterThanOrEqual(1);
    if (first.status === 'queued') expect(first.lastError).toMatch(/indisponible/);

    const final = await vi.waitFor(
      async () => {
        await h.jobs.runNow(RETRY_JOB);
        const [row] = await rows(deliveryIds);
        expect(row.status).toBe('sent');
        return row;
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(final.attempts).toBe(3);
    expect(final.lastError).toBeNull();
    expect(h.fake.messages.filter((m) => m.to === e164(number))).toHaveLength(1);
  });

  it('fails a rejected number as permanent, without retrying', async () => {
    h.fake.failNext(1, { status: 400, code: 21211 });
    const { deliveryIds } = await commit(input({ channels: ['sms'] }));
    const [row] = await settled(deliveryIds);
    expect(row).toMatchObject({ status: 'failed', failureKind: 'permanent', attempts: 1 });
    expect(row.lastError).toMatch(/invalide/);
    await h.jobs.runNow(RETRY_JOB);
    expect((await rows(deliveryIds))[0].attempts).toBe(1);
  });

  it('sends once when the same job runs twice (replay after a crash)', async () => {
    const number = phone();
    const { deliveryIds } = await commit(input({ channels: ['sms'], recipients: [{ phone: number }] }), noQueue);
    await Promise.all([h.jobs.runNow(DELIVER_JOB, { deliveryIds }), h.jobs.runNow(DELIVER_JOB, { deliveryIds })]);
    await h.jobs.runNow(DELIVER_JOB, { deliveryIds });
    expect(h.fake.messages.filter((m) => m.to === e164(number))).toHaveLength(1);
    expect((await rows(deliveryIds))[0]).toMatchObject({ status: 'sent', attempts: 1 });

    // Claimed then the worker died: the replay must not send blindly.
    const other = phone();
    const second = await commit(input({ channels: ['sms'], recipients: [{ phone: other }] }), noQueue);
    await h.database.db
      .update(notificationDeliveries)
      .set({ status: 'sending', attempts: 1 })
      .where(inArray(notificationDeliveries.id, second.deliveryIds));
    await h.jobs.runNow(DELIVER_JOB, { deliveryIds: second.deliveryIds });
    expect(h.fake.messages.filter((m) => m.to === e164(other))).toHaveLength(0);
  });

  it('refuses an invalid phone number, naming the recipient', async () => {
    await expect(commit(input({ recipients: [{ phone: '06 12 34 56 78' }, { phone: '12' }] }))).rejects.toThrow(
      /Destinataire n° 2 : Numéro de téléphone invalide/,
    );
  });

  it('backs off exponentially, capped at one hour', () => {
    expect([1, 2, 3].map((attempts) => backoffMs(attempts, 10_000))).toEqual([20_000, 40_000, 80_000]);
    expect(backoffMs(12, 10_000)).toBe(3_600_000);
  });

  it('with the default settings, retries outlast a provider down for ten minutes', () => {
    const settings = loadNotificationsSettings({});
    // Attempt n waits backoffMs(n) before attempt n + 1: the last attempt comes this long after the first.
    const span = Array.from({ length: settings.maxAttempts - 1 }, (_, i) =>
      backoffMs(i + 1, settings.retryBaseMs),
    ).reduce((a, b) => a + b, 0);
    expect(span).toBeGreaterThan(20 * 60_000);
  });
});
