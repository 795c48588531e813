import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, ProblemResponses } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/alerts/alerts.schemas.ts';
import type { UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { BadRequestError, NotFoundError } from '../../platform/errors.ts';
import { municipalitySummaries, resolvePoint } from '../territory/index.ts';
import type { AlertsContext } from './alerts-context.ts';
import { actorCoversCommune, coveredMunicipalityIds, pathForCommunes } from './alert-scope.ts';
import { draftCommuneIds } from './alert-plan.ts';
import { createAlertRateGuard } from './alert-rate-limit.ts';
import { createAlert, previewAlert } from './alert-send.ts';
import { closeAlert, sendAlertUpdate } from './alert-lifecycle.ts';
import { alertPath, listAlerts, loadAlertDetail } from './alerts.queries.ts';
import { contactAvailable, listActiveContactsOf } from './contacts.queries.ts';

const tags = ['Alertes'];
const SEND = 'alerts.send' as const;
const READ = 'alerts.read' as const;
const MAX_COMMUNES = 200;

/** Sending, following and closing alerts (police referents, gendarmes, administrators; mayors read). */
export async function alertsRoutes(app: FastifyInstance, ctx: AlertsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const user = (request: FastifyRequest) => request.actor as UserActor;
  const id = (request: FastifyRequest) => (request.params as { id: string }).id;
  // Sending is checked on every commune the draft names (a point is resolved first).
  const draftAccess = {
    access: {
      permission: SEND,
      territory: async (request: FastifyRequest) =>
        pathForCommunes(
          db,
          request.actor,
          SEND,
          await draftCommuneIds(ctx.database, request.body as s.AlertPreviewRequest, ctx.cachePollMs),
        ),
    },
  };
  const alertAccess = (permission: typeof SEND | typeof READ) => ({
    access: {
      permission,
      territory: (request: FastifyRequest) => alertPath(db, request.actor, permission, id(request)),
    },
  });
  const detail = (request: FastifyRequest, alertId: string) => loadAlertDetail(db, request.actor, alertId);
  const rateGuard = createAlertRateGuard(ctx.settings.perMinute);

  r.get(
    '/api/alerts/communes',
    {
      config: { access: { permission: SEND } },
      schema: {
        tags,
        summary: 'Communes que je peux alerter (ou celle d’un point)',
        querystring: s.AlertCommuneQuery,
        response: { 200: s.AlertCommuneList, ...ProblemResponses },
      },
    },
    async (request) => {
      const { lon, lat, q } = request.query;
      if ((lon === undefined) !== (lat === undefined))
        throw new BadRequestError('Indiquez la longitude et la latitude du point, ou aucune des deux.');
      let ids: string[];
      if (lon !== undefined && lat !== undefined) {
        const resolution = await resolvePoint(ctx.database, lon, lat, { pollMs: ctx.cachePollMs });
        if (!resolution || !(await actorCoversCommune(db, request.actor, SEND, resolution.municipality.id)))
          throw new NotFoundError('Aucune commune de votre territoire ne couvre ce point.');
        ids = [resolution.municipality.id];
      } else ids = await coveredMunicipalityIds(db, request.actor, SEND);
      const communes = (await municipalitySummaries(db, ids, q)).slice(0, MAX_COMMUNES);
      const contacts = await listActiveContactsOf(
        db,
        communes.map((c) => c.id),
      );
      const now = new Date();
      return {
        items: communes.map((c) => {
          const own = contacts.filter((contact) => contact.municipalityId === c.id);
          return {
            ...c,
            contacts: own.length,
            reachableNow: own.filter((contact) => contactAvailable(contact, now)).length,
          };
        }),
      };
    },
  );

  r.post(
    '/api/alerts/preview',
    {
      config: draftAccess,
      schema: {
        tags,
        summary: 'Qui recevrait l’alerte maintenant, et son coût',
        body: s.AlertPreviewRequest,
        response: { 200: s.AlertPreview, ...ProblemResponses },
      },
    },
    async (request) => previewAlert(ctx, request.body),
  );

  r.post(
    '/api/alerts',
    {
      config: draftAccess,
      // Rate limit first (after authentication, which names the account), before validation and any lookup.
      preValidation: async (request) => rateGuard(db, user(request).id),
      schema: {
        tags,
        summary: 'Envoyer une alerte aux maires',
        body: s.AlertCreate,
        response: { 201: s.AlertDetail, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const alertId = await createAlert(ctx, user(request), request.body);
      return reply.code(201).send(await detail(request, alertId));
    },
  );

  r.get(
    '/api/alerts',
    {
      config: { access: { permission: READ } },
      schema: {
        tags,
        summary: 'Alertes de mon territoire',
        querystring: s.AlertListQuery,
        response: { 200: s.AlertList, ...ProblemResponses },
      },
    },
    async (request) =>
      listAlerts(db, user(request).id, await coveredMunicipalityIds(db, request.actor, READ), request.query.status),
  );

  r.get(
    '/api/alerts/:id',
    {
      config: alertAccess(READ),
      schema: {
        tags,
        summary: 'Une alerte et le suivi de chaque destinataire',
        params: IdParams,
        response: { 200: s.AlertDetail, ...ProblemResponses },
      },
    },
    async (request) => {
      const result = await detail(request, request.params.id);
      await recordAudit(db, request.actor, {
        action: 'alert.read',
        recordType: 'alert',
        recordId: result.id,
        reason: 'GET /api/alerts/:id',
      });
      return result;
    },
  );

  r.post(
    '/api/alerts/:id/updates',
    {
      config: alertAccess(SEND),
      schema: {
        tags,
        summary: 'Envoyer une mise à jour',
        params: IdParams,
        body: s.AlertUpdateCreate,
        response: { 201: s.AlertDetail, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await sendAlertUpdate(ctx, user(request), request.params.id, request.body);
      return reply.code(201).send(await detail(request, request.params.id));
    },
  );

  r.post(
    '/api/alerts/:id/close',
    {
      config: alertAccess(SEND),
      schema: {
        tags,
        summary: "Clore l'alerte",
        params: IdParams,
        body: s.AlertClose,
        response: { 200: s.AlertDetail, ...ProblemResponses },
      },
    },
    async (request) => {
      await closeAlert(ctx, user(request), request.params.id, request.body ?? {});
      return detail(request, request.params.id);
    },
  );
}
