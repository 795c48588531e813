import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../platform/access/actor.ts';
import { openSsePeer } from '../../test/peers/sse-peer.ts';
import { DELIVERY_UPDATED_EVENT } from '../../../shared/platform/live.schemas.ts';
import { makeUser, sessionHeaders } from '../identity/identity.factories.ts';
import { notify } from './notifications.service.ts';
import { useHarness, type Harness } from './notifications.test-helpers.ts';

let h: Harness;
useHarness((harness) => (h = harness));

describe('notification.delivery-updated', () => {
  it("tells the message's author when its SMS is delivered and its in-app copy is read, and nobody else", async () => {
    const author = await makeUser(h.database);
    const mayor = await makeUser(h.database);
    const actor: Actor = { type: 'user', id: author.id, email: author.email, sessionId: 'test', assignments: [] };
    const authorStream = await openSsePeer(
      `${h.config.publicUrl}/api/live`,
      await sessionHeaders(h.database, h.config, author.id),
    );
    const mayorHeaders = await sessionHeaders(h.database, h.config, mayor.id);
    const mayorStream = await openSsePeer(`${h.config.publicUrl}/api/live`, mayorHeaders);
    h.fake.setReceipts('after-response');
    try {
      const { notificationId } = await h.database.db.transaction((tx) =>
        notify(tx, h.jobs, actor, {
          kind: 'system.test',
          subject: 'Intervention',
          body: 'Intervention en cours rue Haute.',
          recipients: [{ userId: mayor.id, phone: '06 12 34 56 78' }],
          channels: ['sms', 'in_app'],
        }),
      );
      const first = await authorStream.waitFor((e) => e.type === DELIVERY_UPDATED_EVENT);
      expect(first.data).toEqual({ notificationId });
      // The receipt moves the SMS to delivered: announced too (folded within the throttle interval).
      await vi.waitFor(
        () =>
          expect(authorStream.events.filter((e) => e.type === DELIVERY_UPDATED_EVENT).length).toBeGreaterThanOrEqual(2),
        { timeout: 10_000, interval: 100 },
      );

      const before = authorStream.events.length;
      const mine = await h.app.inject({ method: 'GET', url: '/api/notifications/mine', headers: mayorHeaders });
      const read = await h.app.inject({
        method: 'POST',
        url: `/api/notifications/${mine.json().items[0].id}/read`,
        headers: mayorHeaders,
      });
      expect(read.statusCode).toBe(204);
      await vi.waitFor(() => expect(authorStream.events.length).toBeGreaterThan(before), {
        timeout: 10_000,
        interval: 100,
      });
      expect(mayorStream.events.filter((e) => e.type === DELIVERY_UPDATED_EVENT)).toHaveLength(0);
    } finally {
      h.fake.setReceipts('manual');
      authorStream.close();
      mayorStream.close();
    }
  });
});
