import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, ProblemResponses } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/alerts/alerts.schemas.ts';
import type { UserActor } from '../../platform/access/actor.ts';
import type { AlertsContext } from './alerts-context.ts';
import { acknowledgeInApp, acknowledgeRecipient } from './alert-lifecycle.ts';
import { findRecipientByCode, loadAckView } from './alerts.queries.ts';

const tags = ['Alertes'];

/**
 * Acknowledgement by the signed link of the SMS (public: the link is the credential) or in the
 * app. Reading the link never acknowledges: SMS apps and link previewers fetch URLs on their own.
 */
export async function ackRoutes(app: FastifyInstance, ctx: AlertsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;

  r.get(
    '/api/alerts/ack/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "L'alerte reçue par ce lien",
        params: s.AckParams,
        response: { 200: s.AckView, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return loadAckView(db, await findRecipientByCode(db, ctx.ackKey, request.params.code));
    },
  );

  r.post(
    '/api/alerts/ack/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Accuser réception par le lien du SMS',
        params: s.AckParams,
        response: { 200: s.AckResult, ...ProblemResponses },
      },
    },
    async (request) =>
      acknowledgeRecipient(
        ctx,
        request.actor,
        (await findRecipientByCode(db, ctx.ackKey, request.params.code)).id,
        'link',
      ),
  );

  r.post(
    '/api/alerts/:id/acknowledge',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: "Accuser réception dans l'application",
        params: IdParams,
        response: { 200: s.AckResult, ...ProblemResponses },
      },
    },
    async (request) => acknowledgeInApp(ctx, request.actor as UserActor, request.params.id),
  );
}
