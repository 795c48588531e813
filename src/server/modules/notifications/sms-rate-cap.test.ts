import crypto from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import { notify } from './notifications.service.ts';
import { notificationDeliveries } from './notifications.tables.ts';
import { startHarness, type Harness } from './notifications.test-helpers.ts';

// Checks that the per-second SMS cap holds, from the times the fake Twilio recorded the
// requests: bounds are loose on purpose (a loaded machine only makes sends slower, never faster).

const PER_SECOND = 20;
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { NOTIFICATION_SMS_PER_SECOND: String(PER_SECOND) } });
}, 60_000);
afterAll(async () => {
  await h?.close();
});

describe('SMS cap per second', () => {
  it('never lets more than the cap reach the provider, beyond the initial burst', async () => {
    const numbers = Array.from({ length: 3 * PER_SECOND }, () => `+3362${crypto.randomInt(1_000_000, 9_999_999)}`);
    const { deliveryIds } = await h.database.db.transaction((tx) =>
      notify(tx, h.jobs, systemActor('test'), {
        kind: 'bulletin',
        subject: 'Bulletin',
        body: 'Bulletin de prévention.',
        recipients: numbers.map((phone) => ({ phone })),
        channels: ['sms'],
      }),
    );
    await vi.waitFor(
      async () => {
        const rows = await h.database.db
          .select()
          .from(notificationDeliveries)
          .where(inArray(notificationDeliveries.id, deliveryIds));
        expect(rows.every((row) => row.status === 'sent')).toBe(true);
      },
      { timeout: 20_000, interval: 100 },
    );
    const times = numbers
      .map((to) => {
        const received = h.fake.messages.filter((message) => message.to === to);
        expect(received).toHaveLength(1);
        return received[0].receivedAt.getTime();
      })
      .sort((a, b) => a - b);
    // Token bucket: over any stretch of time t, at most one second's worth at once plus cap × t.
    // Two messages of slack absorb network jitter between the bucket and the fake's clock.
    let worstExcess = -Infinity;
    for (let i = 0; i < times.length; i += 1) {
      for (let j = i; j < times.length; j += 1) {
        const allowed = PER_SECOND + (PER_SECOND * (times[j] - times[i])) / 1000;
        worstExcess = Math.max(worstExcess, j - i + 1 - allowed);
      }
    }
    expect(worstExcess).toBeLessThanOrEqual(2);
  });
});
