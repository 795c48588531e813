import type { FastifyInstance } from 'fastify';
import { preferenceContracts as c } from '../../../shared/notifications/preferences.contracts.ts';
import { serve } from '../../platform/http/serve.ts';
import type { NotificationsContext } from './notifications-context.ts';
import { readPreferences, updatePreferences } from './preferences.service.ts';
import { sendTestNotification } from './test-notification.ts';

/** Each signed-in person's own settings: there is no way to read or set someone else's. */
export async function preferencesRoutes(app: FastifyInstance, ctx: NotificationsContext) {
  const db = ctx.database.db;

  serve(app, c.get, { handle: async ({ actor }) => readPreferences(db, actor.id) });

  serve(app, c.update, {
    handle: async ({ actor, body }) => {
      await updatePreferences(db, actor, body);
      return null;
    },
  });

  // At most 3 a minute: counted by the module on the messages it sent, under a lock in the sending transaction.
  serve(app, c.sendTest, { handle: async ({ actor }) => sendTestNotification(ctx, db, actor) });
}
