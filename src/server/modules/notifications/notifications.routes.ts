import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { IdParams, ProblemResponses } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/notifications/notifications.schemas.ts';
import type { Permission } from '../../../shared/permissions.ts';
import type { Database } from '../../platform/db/client.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import type { SmsProvider } from '../../platform/sms/sms-provider.ts';
import { notificationDeliveries, notifications, testOutbox } from './notifications.tables.ts';
import { applySmsReceipt } from './sms-receipts.ts';
import { createDeliveryAnnouncer } from './delivery-events.ts';

const tags = ['Notifications'];
// Not yet in permissions.ts (owned by the platform): until it is, nobody holds it and the route answers 403.
const READ_OUTBOX: Permission = 'notifications.read-outbox';

export interface NotificationsRouteContext {
  database: Database;
  publicUrl: string;
  sms: () => SmsProvider;
}

export async function notificationsRoutes(app: FastifyInstance, ctx: NotificationsRouteContext) {
  const db = ctx.database.db;
  const announcer = createDeliveryAnnouncer(db);
  app.addHook('onClose', async () => announcer.close());

  await app.register(async (scope) => {
    // Providers post receipts as forms; the parser lives in this scope so the rest of the API stays JSON-only.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    const r = scope.withTypeProvider<TypeBoxTypeProvider>();
    r.post(
      '/api/notifications/sms/receipts',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: "Accusés de réception SMS (appelé par l'opérateur)",
          querystring: s.SmsReceiptQuery,
          body: s.SmsReceiptForm,
          response: { 204: Type.Null(), ...ProblemResponses },
        },
      },
      async (request, reply) => {
        // The URL Twilio signed is the public one, not what a reverse proxy forwarded.
        const receipt = ctx
          .sms()
          .verifyReceipt({ url: `${ctx.publicUrl}${request.url}`, headers: request.headers, form: request.body });
        if (!receipt.ok) throw new ForbiddenError('Accusé de réception refusé : signature invalide.');
        announcer.announceByIds(await applySmsReceipt(db, receipt, request.query.d)).catch(() => undefined);
        return reply.code(204).send(null);
      },
    );
  });

  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/notifications/mine',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Mes notifications dans l’application',
        response: { 200: s.InAppNotificationList, ...ProblemResponses },
      },
    },
    async (request) => {
      const rows = await db
        .select({
          id: notificationDeliveries.id,
          kind: notifications.kind,
          subject: notifications.subject,
          body: notifications.body,
          createdAt: notificationDeliveries.createdAt,
          readAt: notificationDeliveries.readAt,
        })
        .from(notificationDeliveries)
        .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
        .where(
          and(
            eq(notificationDeliveries.recipientUserId, request.actor.id as string),
            eq(notificationDeliveries.channel, 'in_app'),
          ),
        )
        .orderBy(desc(notificationDeliveries.createdAt))
        .limit(200);
      return {
        items: rows.map((row) => ({
          ...row,
          createdAt: row.createdAt.toISOString(),
          readAt: row.readAt?.toISOString() ?? null,
        })),
      };
    },
  );

  r.post(
    '/api/notifications/:id/read',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Marquer une notification comme lue',
        params: IdParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const now = new Date();
      // Someone else's notification answers like a missing one: ids reveal nothing.
      const mine = and(
        eq(notificationDeliveries.id, request.params.id),
        eq(notificationDeliveries.recipientUserId, request.actor.id as string),
        eq(notificationDeliveries.channel, 'in_app'),
      );
      const [row] = await db.select({ id: notificationDeliveries.id }).from(notificationDeliveries).where(mine);
      if (!row) throw new NotFoundError();
      const read = await db
        .update(notificationDeliveries)
        .set({ readAt: now, updatedAt: now })
        .where(and(mine, isNull(notificationDeliveries.readAt)))
        .returning({ notificationId: notificationDeliveries.notificationId });
      announcer.announceByIds(read.map((item) => item.notificationId)).catch(() => undefined);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/admin/test-outbox',
    {
      config: { access: { permission: READ_OUTBOX } },
      schema: {
        tags,
        summary: 'Messages retenus localement (sans SMTP ni opérateur SMS)',
        response: { 200: s.OutboxMessageList, ...ProblemResponses },
      },
    },
    async () => {
      const rows = await db.select().from(testOutbox).orderBy(desc(testOutbox.createdAt)).limit(200);
      return { items: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })) };
    },
  );
}
