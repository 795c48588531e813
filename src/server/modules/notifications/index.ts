import { lt, sql } from 'drizzle-orm';
import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/client.ts';
import type { PlatformModule } from '../../platform/module.ts';
import { createDeliverJobs, createDeliverer } from './deliver.ts';
import { createDeliveryAnnouncer } from './delivery-events.ts';
import {
  createNotificationChannels,
  loadNotificationsSettings,
  type NotificationChannels,
  type NotificationsSettings,
} from './notification-channels.ts';
import type { NotificationsContext } from './notifications-context.ts';
import { notificationDeliveries, notifications, testOutbox } from './notifications.tables.ts';
import { notificationsRoutes } from './notifications.routes.ts';
import { preferencesRoutes } from './preferences.routes.ts';
import { pushRoutes } from './push.routes.ts';

export { notify, DELIVER_JOB, type NotifyInput, type NotifyRecipient } from './notifications.service.ts';
export { readDeliveryStates, type DeliveryState } from './delivery-status.ts';
export { statementMessageCtes, statementMessageParams, type StatementMessage } from './statement-message.ts';

const DAY_MS = 86_400_000;
const OUTBOX_DAYS = 7;

/** `env` lets tests point Twilio at the fake server without touching process.env. */
export function createNotificationsModule(options: { env?: NodeJS.ProcessEnv } = {}): PlatformModule {
  let settings: NotificationsSettings | undefined;
  const read = () => (settings ??= loadNotificationsSettings(options.env ?? process.env));
  // Routes (receipts) and jobs (sends) share one set of channels per database.
  const channels = new Map<Database, NotificationChannels>();
  const channelsFor = (config: Config, database: Database) => {
    let found = channels.get(database);
    if (!found) channels.set(database, (found = createNotificationChannels(config, database, read())));
    return found;
  };
  return {
    name: 'notifications',
    async routes(app, { config, database, jobs }) {
      const announcer = createDeliveryAnnouncer(database.db);
      app.addHook('onClose', async () => announcer.close());
      const ctx: NotificationsContext = {
        database,
        config,
        jobs,
        sms: () => channelsFor(config, database).sms,
        announcer,
      };
      await notificationsRoutes(app, ctx);
      await preferencesRoutes(app, ctx);
      await pushRoutes(app, ctx);
    },
    jobs: ({ config, database }) =>
      createDeliverJobs(createDeliverer(database, channelsFor(config, database), read()), read()),
    retentionRules: () => [
      {
        name: 'notifications',
        description: `Notifications et leurs envois conservés ${read().retentionDays} jours`,
        async purge(database, now) {
          const cutoff = new Date(now.getTime() - read().retentionDays * DAY_MS);
          const deliveries = await database.db
            .delete(notificationDeliveries)
            .where(lt(notificationDeliveries.createdAt, cutoff))
            .returning({ id: notificationDeliveries.id });
          const messages = await database.db
            .delete(notifications)
            .where(
              sql`${notifications.createdAt} < ${cutoff.toISOString()}::timestamptz and not exists (select 1 from ${notificationDeliveries} where ${notificationDeliveries.notificationId} = ${notifications.id})`,
            )
            .returning({ id: notifications.id });
          return deliveries.length + messages.length;
        },
      },
      {
        name: 'test-outbox',
        description: `Boîte d'envoi de test conservée ${OUTBOX_DAYS} jours`,
        async purge(database, now) {
          const rows = await database.db
            .delete(testOutbox)
            .where(lt(testOutbox.createdAt, new Date(now.getTime() - OUTBOX_DAYS * DAY_MS)))
            .returning({ id: testOutbox.id });
          return rows.length;
        },
      },
    ],
    async close(database) {
      channels.get(database)?.close();
      channels.delete(database);
    },
  };
}

export const notificationsModule: PlatformModule = createNotificationsModule();
