import { and, eq, sql } from 'drizzle-orm';
import type { TestNotificationSent } from '../../../shared/notifications/notification-preferences.schemas.ts';
import type { UserActor } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { TooManyRequestsError, UnavailableError } from '../../platform/errors.ts';
import type { NotificationsContext } from './notifications-context.ts';
import { notify } from './notifications.service.ts';
import { notificationDeliveries, notifications } from './notifications.tables.ts';

const TEST_KIND = 'system.test';
/** Test messages per person per minute: each may cost an SMS. */
export const TESTS_PER_MINUTE = 3;

/**
 * Sends the person a message on every channel their settings reach (in-app, e-mail, SMS to their
 * phone, push to their devices), so they can check them; without providers it lands in the test
 * outbox. Counted in the database (the test messages the person was sent in the last 60 s), under
 * a per-person lock in the sending transaction, so the limit holds across processes.
 */
export async function sendTestNotification(
  ctx: Pick<NotificationsContext, 'jobs'>,
  executor: Executor,
  actor: UserActor,
): Promise<TestNotificationSent> {
  const { jobs } = ctx;
  if (!jobs) throw new UnavailableError("L'envoi de messages n'est pas disponible sur ce serveur.");
  const userId = actor.id;
  return withTransaction(executor, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`notification-test:${userId}`}))`);
    const [recent] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(notifications)
      .where(
        and(
          eq(notifications.kind, TEST_KIND),
          eq(notifications.createdBy, userId),
          sql`${notifications.createdAt} > now() - interval '60 seconds'`,
        ),
      );
    if ((recent?.count ?? 0) >= TESTS_PER_MINUTE)
      throw new TooManyRequestsError(
        `Au plus ${TESTS_PER_MINUTE} messages de test par minute : réessayez dans un instant.`,
        60,
      );
    const { notificationId } = await notify(tx, jobs, actor, {
      kind: TEST_KIND,
      subject: 'Message de test PSQ',
      body:
        'Ceci est un message de test envoyé depuis vos préférences de notification. ' +
        'Si vous le lisez, ce canal fonctionne.',
      recipients: [{ userId }],
      channels: ['in_app', 'email', 'sms', 'push'],
    });
    const rows = await tx
      .select({ channel: notificationDeliveries.channel })
      .from(notificationDeliveries)
      .where(eq(notificationDeliveries.notificationId, notificationId));
    return { notificationId, channels: [...new Set(rows.map((row) => row.channel))].sort() };
  });
}
