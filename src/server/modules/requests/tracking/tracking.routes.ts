import type { FastifyInstance } from 'fastify';
import { trackingContracts as c } from '../../../../shared/requests/tracking.contracts.ts';
import type { RateLimit } from '../../../platform/http/rate-limit.ts';
import { serve } from '../../../platform/http/serve.ts';
import type { RequestsContext } from '../requests-context.ts';
import { findByToken, loadTrackView, replyByToken } from './request-tracking.ts';

/** The resident's private link (the token is the credential): follow the request, reply to it. */
export async function trackingRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const db = ctx.database.db;
  // Unknown tokens cost the source address one failure; past the limit it gets 429 before any
  // lookup, so tokens cannot be enumerated. Only those 404s count: a refused reply does not.
  const failures: RateLimit = {
    name: 'track',
    per: 'ip',
    counts: 'refused',
    refusedStatuses: [404],
    limit: ctx.settings.trackFailuresPerIp,
    windowSeconds: ctx.settings.windowMinutes * 60,
    message: 'Trop de liens de suivi invalides depuis votre connexion.',
  };

  serve(app, c.track, {
    rateLimit: failures,
    handle: async ({ params, reply }) => {
      reply.header('cache-control', 'no-store');
      return loadTrackView(db, await findByToken(db, params.token));
    },
  });

  // The replies of one source address are counted in the reply's own transaction (a refused one uses up nothing).
  serve(app, c.reply, {
    rateLimit: failures,
    handle: async ({ actor, params, body, request, reply }) => {
      const row = await replyByToken(ctx, db, actor, { token: params.token, text: body.text, ip: request.ip });
      reply.header('cache-control', 'no-store');
      return loadTrackView(db, row);
    },
  });
}
