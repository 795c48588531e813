import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { TooManyRequestsError } from '../../platform/errors.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { notify } from './notifications.service.ts';
import { notificationDeliveries, notifications } from './notifications.tables.ts';

const TEST_KIND = 'system.test';
/** Test messages per person per minute: each may cost an SMS. */
export const TESTS_PER_MINUTE = 3;

/**
 * Sends the person a message on every channel their settings reach (in-app, e-mail, SMS to their
 * phone, push to their devices), so they can check them; without providers it lands in the test
 * outbox. Counted in the database, under a per-person lock, so the limit holds across processes.
 */
export async function sendTestNotification(tx: Tx, jobs: JobRunner, actor: Actor, userId: string) {
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
    body: 'Ceci est un message de test envoyé depuis vos préférences de notification. Si vous le lisez, ce canal fonctionne.',
    recipients: [{ userId }],
    channels: ['in_app', 'email', 'sms', 'push'],
  });
  const rows = await tx
    .select({ channel: notificationDeliveries.channel })
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.notificationId, notificationId));
  return { notificationId, channels: [...new Set(rows.map((row) => row.channel))].sort() };
}
