import type { FastifyInstance } from 'fastify';
import { intakeContracts as c } from '../../../../shared/requests/intake.contracts.ts';
import { serve } from '../../../platform/http/serve.ts';
import type { RequestsContext } from '../requests-context.ts';
import { submitPublicForm } from './request-intake.ts';

/** The public form: residents submit a request without an account. */
export async function publicRequestRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const { perIp, windowMinutes } = ctx.settings;
  serve(app, c.submit, {
    // Every attempt counts, valid or not. A submission that reaches the database is counted by its
    // own statement (one round trip: the count, the request, its history, audit and receipt); one
    // refused before (invalid body, honeypot, bad header, bad contact, refused photos) by the platform.
    rateLimit: {
      name: 'submit',
      per: 'ip',
      counts: 'module',
      limit: perIp,
      windowSeconds: windowMinutes * 60,
      message:
        `Trop de demandes envoyées depuis votre connexion : au plus ${perIp} toutes ` + `les ${windowMinutes} minutes.`,
    },
    handle: async ({ actor, body, headers, throttle, reply }) => {
      const { receipt, replayed } = await submitPublicForm(ctx, ctx.database.db, actor, body, {
        idempotencyKey: headers['idempotency-key'],
        throttle,
      });
      reply.header('cache-control', 'no-store');
      if (replayed) reply.header('idempotent-replayed', 'true');
      reply.code(replayed ? 200 : 201);
      return receipt;
    },
  });
}
