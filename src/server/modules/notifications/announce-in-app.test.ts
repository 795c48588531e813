import { describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import { openSsePeer } from '../../test/peers/sse-peer.ts';
import { makeUser, sessionHeaders } from '../identity/identity.factories.ts';
import { notify } from './notifications.service.ts';
import { useHarness, type Harness } from './notifications.test-helpers.ts';

let h: Harness;
useHarness((harness) => (h = harness));

describe('notification.created', () => {
  it('reaches each in-app recipient with their own delivery id, at commit, and not on rollback', async () => {
    const mayor = await makeUser(h.database);
    const deputy = await makeUser(h.database);
    const mayorStream = await openSsePeer(
      `${h.config.publicUrl}/api/live`,
      await sessionHeaders(h.database, h.config, mayor.id),
    );
    const deputyStream = await openSsePeer(
      `${h.config.publicUrl}/api/live`,
      await sessionHeaders(h.database, h.config, deputy.id),
    );
    try {
      await h.database.db
        .transaction(async (tx) => {
          await notify(tx, h.jobs, systemActor('test'), {
            kind: 'system.test',
            subject: 'Annulé',
            body: 'Ne doit pas arriver.',
            recipients: [{ userId: mayor.id }],
            channels: ['in_app'],
          });
          tx.rollback();
        })
        .catch(() => {});
      const { deliveryIds } = await h.database.db.transaction((tx) =>
        notify(tx, h.jobs, systemActor('test'), {
          kind: 'system.test',
          subject: 'Essai',
          body: 'Bonjour.',
          recipients: [{ userId: mayor.id }, { userId: deputy.id }],
          channels: ['in_app'],
        }),
      );
      const forMayor = await mayorStream.waitFor((e) => e.type === 'notification.created');
      const forDeputy = await deputyStream.waitFor((e) => e.type === 'notification.created');
      expect(
        new Set([
          (forMayor.data as { deliveryId: string }).deliveryId,
          (forDeputy.data as { deliveryId: string }).deliveryId,
        ]),
      ).toEqual(new Set(deliveryIds));
      expect(mayorStream.events).toHaveLength(1);

      const mine = await h.app.inject({
        method: 'GET',
        url: '/api/notifications/mine',
        headers: await sessionHeaders(h.database, h.config, mayor.id),
      });
      expect(mine.json().items.map((item: { id: string }) => item.id)).toEqual([
        (forMayor.data as { deliveryId: string }).deliveryId,
      ]);
    } finally {
      mayorStream.close();
      deputyStream.close();
    }
  });
});
