import type { FastifyInstance } from 'fastify';
import { ackContracts as c } from '../../../shared/alerts/ack.contracts.ts';
import { serve } from '../../platform/http/serve.ts';
import type { AlertsContext } from './alerts-context.ts';
import { acknowledgeByLink, acknowledgeInApp } from './alert-lifecycle.ts';
import { readAckView } from './alerts.queries.ts';

/**
 * Acknowledgement by the signed link of the SMS (public: the link is the credential) or in the
 * app. Reading the link never acknowledges: SMS apps and link previewers fetch URLs on their own.
 */
export async function ackRoutes(app: FastifyInstance, ctx: AlertsContext) {
  const db = ctx.database.db;

  serve(app, c.view, {
    handle: async ({ params, reply }) => {
      // Set first, so that a refusal (unknown link) is not cached either.
      reply.header('cache-control', 'no-store');
      return readAckView(db, ctx.ackKey, params.code);
    },
  });

  serve(app, c.acknowledgeByLink, {
    handle: async ({ actor, params }) => acknowledgeByLink(ctx, db, actor, params.code),
  });

  serve(app, c.acknowledgeInApp, {
    handle: async ({ actor, params }) => acknowledgeInApp(db, actor, params.id),
  });
}
