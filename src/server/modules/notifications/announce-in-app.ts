import { and, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { publishLiveEach } from '../../platform/live/live.ts';
import type { NotificationCreatedEvent } from '../../../shared/platform/live.schemas.ts';
import { notificationDeliveries } from './notifications.tables.ts';

export const NOTIFICATION_CREATED = 'notification.created';

/**
 * Tells each in-app recipient's open tabs that a message arrived, in the transaction that
 * created it (announced at commit only). Read back by notification id: one query whatever the
 * audience, and only this message's rows.
 */
export async function announceInApp(tx: Tx, notificationId: string): Promise<void> {
  const rows = await tx
    .select({ id: notificationDeliveries.id, userId: notificationDeliveries.recipientUserId })
    .from(notificationDeliveries)
    .where(
      and(
        eq(notificationDeliveries.notificationId, notificationId),
        eq(notificationDeliveries.channel, 'in_app'),
        isNotNull(notificationDeliveries.recipientUserId),
      ),
    );
  await publishLiveEach(
    tx,
    rows.map((row) => ({
      userId: row.userId as string,
      type: NOTIFICATION_CREATED,
      data: { deliveryId: row.id } satisfies NotificationCreatedEvent,
    })),
  );
}
