import type { FastifyInstance } from 'fastify';
import { notificationContracts as c } from '../../../shared/notifications/notifications.contracts.ts';
import { serve } from '../../platform/http/serve.ts';
import { listMyNotifications, markNotificationRead } from './in-app.ts';
import type { NotificationsContext } from './notifications-context.ts';
import { receiveSmsReceipt } from './sms-receipts.ts';
import { listTestOutbox } from './test-outbox.ts';

/** The person's in-app messages, the provider's SMS receipts and the admin test outbox. */
export async function notificationsRoutes(app: FastifyInstance, ctx: NotificationsContext) {
  const db = ctx.database.db;

  await app.register(async (scope) => {
    // Providers post receipts as forms; the parser lives in this scope so the rest of the API stays JSON-only.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    serve(scope, c.smsReceipts, {
      handle: async ({ request, body, query }) => {
        // The URL Twilio signed is the public one, not what a reverse proxy forwarded.
        await receiveSmsReceipt(
          ctx,
          db,
          { url: `${ctx.config.publicUrl}${request.url}`, headers: request.headers, form: body },
          query.d,
        );
        return null;
      },
    });
  });

  serve(app, c.mine, { handle: async ({ actor }) => listMyNotifications(db, actor) });

  serve(app, c.markRead, {
    handle: async ({ actor, params }) => {
      await markNotificationRead(ctx, db, actor, params.id);
      return null;
    },
  });

  serve(app, c.testOutbox, { handle: async () => listTestOutbox(db) });
}
