import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ProblemResponses } from '../../../shared/common.schemas.ts';
import {
  NotificationPreferences,
  TestNotificationSent,
  UpdateNotificationPreferences,
} from '../../../shared/notifications/notification-preferences.schemas.ts';
import type { Database } from '../../platform/db/client.ts';
import { UnavailableError } from '../../platform/errors.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { readPreferences, updatePreferences } from './preferences.service.ts';
import { sendTestNotification } from './test-notification.ts';

const tags = ['Notifications'];

/** Each signed-in person's own settings: there is no way to read or set someone else's. */
export async function preferencesRoutes(
  app: FastifyInstance,
  { database, jobs }: { database: Database; jobs?: JobRunner },
) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/notifications/preferences',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Mes préférences de notification',
        response: { 200: NotificationPreferences, ...ProblemResponses },
      },
    },
    async (request) => readPreferences(database.db, request.actor.id as string),
  );

  r.put(
    '/api/notifications/preferences',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Modifier mes préférences de notification (téléphone, heures calmes, canaux par type)',
        body: UpdateNotificationPreferences,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const userId = request.actor.id as string;
      await database.db.transaction((tx) => updatePreferences(tx, request.actor, userId, request.body));
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/notifications/test',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: "M'envoyer un message de test sur mes canaux",
        response: { 202: TestNotificationSent, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      if (!jobs) throw new UnavailableError("L'envoi de messages n'est pas disponible sur ce serveur.");
      const sent = await database.db.transaction((tx) =>
        sendTestNotification(tx, jobs, request.actor, request.actor.id as string),
      );
      return reply.code(202).send(sent);
    },
  );
}
