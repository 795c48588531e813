import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemResponses } from '../../../shared/common.schemas.ts';
import {
  CreatePushSubscription,
  DeletePushSubscription,
  PushPublicKey,
  PushSubscriptionCreated,
} from '../../../shared/notifications/push.schemas.ts';
import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/client.ts';
import { deleteSubscription, saveSubscription, validateSubscription } from './push-subscriptions.ts';
import { loadVapidKeys } from './vapid-keys.ts';

const tags = ['Notifications'];

/** Web push opt-in of the signed-in person's browsers. */
export async function pushRoutes(app: FastifyInstance, { config, database }: { config: Config; database: Database }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/notifications/push/key',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Clé publique VAPID pour abonner ce navigateur',
        response: { 200: PushPublicKey, ...ProblemResponses },
      },
    },
    async () => ({
      publicKey: loadVapidKeys(process.env, config.dataDir, config.publicUrl, config.mailFrom).publicKey,
    }),
  );

  r.post(
    '/api/notifications/push/subscriptions',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Recevoir les notifications sur ce navigateur',
        body: CreatePushSubscription,
        response: { 201: PushSubscriptionCreated, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      validateSubscription(request.body, config.production);
      const id = await database.db.transaction((tx) =>
        saveSubscription(tx, request.actor, request.actor.id as string, request.body),
      );
      return reply.code(201).send({ id });
    },
  );

  r.delete(
    '/api/notifications/push/subscriptions',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Ne plus recevoir les notifications sur ce navigateur',
        body: DeletePushSubscription,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await database.db.transaction((tx) =>
        deleteSubscription(tx, request.actor, request.actor.id as string, request.body.endpoint),
      );
      return reply.code(204).send(null);
    },
  );
}
