import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ProblemResponses } from '../../../../shared/common.schemas.ts';
import * as s from '../../../../shared/requests/requests.schemas.ts';
import { BadRequestError } from '../../../platform/errors.ts';
import type { RequestsContext } from '../requests-context.ts';
import { submitRequest } from './request-intake.ts';
import { hitThrottle, sourceKey } from '../../../platform/throttle/throttle.ts';
import { addResidentReply, findByToken, loadTrackView } from '../tracking/request-tracking.ts';

const tags = ['Demandes (public)'];
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

/**
 * What residents do without an account: submit a request, follow it and reply by its private
 * link (the token is the credential).
 */
export async function publicRequestRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const source = (request: FastifyRequest) => sourceKey(ctx.key, request.ip);
  const submitRule = {
    limit: ctx.settings.perIp,
    windowSeconds: ctx.settings.windowMinutes * 60,
    message: `Trop de demandes envoyées depuis votre connexion : au plus ${ctx.settings.perIp} toutes les ${ctx.settings.windowMinutes} minutes.`,
  };

  r.post(
    '/api/requests',
    {
      config: { access: 'public' },
      // Every attempt counts, valid or not. A submission that reaches the database is counted by its
      // own statement (one round trip: the count, the request, its history, audit and receipt); one
      // refused before (invalid body, honeypot, bad header) is counted here, before the error.
      attachValidation: true,
      schema: {
        tags,
        summary: 'Déposer une demande de sécurité',
        body: s.RequestCreate,
        response: { 200: s.RequestReceipt, 201: s.RequestReceipt, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const throttle = { key: `submit:${source(request)}`, rule: submitRule };
      const refuse = async (error: Error): Promise<never> => {
        await hitThrottle(db, throttle.key, throttle.rule);
        throw error;
      };
      if (request.validationError) return refuse(request.validationError);
      // Honeypot: a field people never see. Refused like any invalid form, and nothing is stored.
      if (request.body.website) return refuse(new BadRequestError("Votre demande n'a pas pu être enregistrée."));
      const header = request.headers['idempotency-key'];
      if (header !== undefined && (typeof header !== 'string' || !IDEMPOTENCY_KEY.test(header)))
        return refuse(
          new BadRequestError(
            'En-tête Idempotency-Key invalide : 8 à 200 caractères parmi lettres, chiffres, « _ . : - ».',
          ),
        );
      const { receipt, replayed } = await submitRequest(ctx, request.actor, request.body, 'web', {
        throttle,
        ...(header ? { idempotency: { client: 'web', key: header } } : {}),
      });
      reply.header('cache-control', 'no-store');
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send(receipt);
    },
  );

  r.get(
    '/api/requests/track/:token',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Suivre sa demande (lien personnel)',
        params: s.TrackParams,
        response: { 200: s.TrackView, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return loadTrackView(db, await findByToken(ctx, source(request), request.params.token));
    },
  );

  r.post(
    '/api/requests/track/:token/replies',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Répondre depuis le lien de suivi',
        params: s.TrackParams,
        body: s.TrackReply,
        response: { 201: s.TrackView, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const row = await findByToken(ctx, source(request), request.params.token);
      await addResidentReply(ctx, request.actor, source(request), row, request.body.text);
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await loadTrackView(db, row));
    },
  );
}
