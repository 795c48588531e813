import { and, desc, eq, isNull } from 'drizzle-orm';
import type { InAppNotificationList } from '../../../shared/notifications/notifications.schemas.ts';
import type { UserActor } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import { afterCommit, withTransaction } from '../../platform/db/transaction.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { NotificationsContext } from './notifications-context.ts';
import { notificationDeliveries, notifications } from './notifications.tables.ts';

/** The person's in-app messages, newest first (200 at most): the delivery id is what gets marked read. */
export async function listMyNotifications(db: Executor, actor: UserActor): Promise<InAppNotificationList> {
  const rows = await db
    .select({
      id: notificationDeliveries.id,
      kind: notifications.kind,
      subject: notifications.subject,
      body: notifications.body,
      createdAt: notificationDeliveries.createdAt,
      readAt: notificationDeliveries.readAt,
    })
    .from(notificationDeliveries)
    .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
    .where(and(eq(notificationDeliveries.recipientUserId, actor.id), eq(notificationDeliveries.channel, 'in_app')))
    .orderBy(desc(notificationDeliveries.createdAt))
    .limit(200);
  return {
    items: rows.map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Marks one of the person's in-app messages read (again: nothing changes); someone else's answers
 * like a missing one, so ids reveal nothing. The message's author is told once it is committed.
 */
export async function markNotificationRead(
  ctx: Pick<NotificationsContext, 'announcer'>,
  executor: Executor,
  actor: UserActor,
  id: string,
): Promise<void> {
  await withTransaction(executor, async (tx) => {
    const now = new Date();
    const mine = and(
      eq(notificationDeliveries.id, id),
      eq(notificationDeliveries.recipientUserId, actor.id),
      eq(notificationDeliveries.channel, 'in_app'),
    );
    const [row] = await tx.select({ id: notificationDeliveries.id }).from(notificationDeliveries).where(mine);
    if (!row) throw new NotFoundError();
    const read = await tx
      .update(notificationDeliveries)
      .set({ readAt: now, updatedAt: now })
      .where(and(mine, isNull(notificationDeliveries.readAt)))
      .returning({ notificationId: notificationDeliveries.notificationId });
    // Live events are a courtesy: not awaited, a failure changes nothing.
    await afterCommit(tx, () => {
      ctx.announcer.announceByIds(read.map((item) => item.notificationId)).catch(() => undefined);
    });
  });
}
