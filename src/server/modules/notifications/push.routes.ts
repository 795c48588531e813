import type { FastifyInstance } from 'fastify';
import { pushContracts as c } from '../../../shared/notifications/push.contracts.ts';
import { serve } from '../../platform/http/serve.ts';
import type { NotificationsContext } from './notifications-context.ts';
import { deleteSubscription, pushPublicKey, saveSubscription } from './push-subscriptions.ts';

/** Web push opt-in of the signed-in person's browsers. */
export async function pushRoutes(app: FastifyInstance, ctx: NotificationsContext) {
  const db = ctx.database.db;

  serve(app, c.key, { handle: async () => pushPublicKey(ctx) });

  serve(app, c.subscribe, {
    handle: async ({ actor, body }) => ({ id: await saveSubscription(ctx, db, actor, body) }),
  });

  serve(app, c.unsubscribe, {
    handle: async ({ actor, body }) => {
      await deleteSubscription(db, actor, body.endpoint);
      return null;
    },
  });
}
