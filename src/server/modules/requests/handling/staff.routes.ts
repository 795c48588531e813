import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, ProblemResponses } from '../../../../shared/common.schemas.ts';
import * as s from '../../../../shared/requests/requests.schemas.ts';
import type { UserActor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import type { RequestsContext } from '../requests-context.ts';
import { requestPath } from '../request-access.ts';
import { applyRequestAction } from './request-handling.ts';
import { addInternalNote, answerRequest } from './request-messages.ts';
import { listRequests, loadRequestDetail } from './requests.queries.ts';
import { effectiveTargets } from '../targets/request-targets.ts';

const tags = ['Demandes (agents)'];
const READ = 'requests.read' as const;
const HANDLE = 'requests.handle' as const;

/**
 * The sector's inbox and the handling of a request (police referents and administrators in their
 * territories). Partners have no access at all; delegates will read their own office hours' requests.
 */
export async function staffRequestRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const user = (request: FastifyRequest) => request.actor as UserActor;
  const on = (permission: typeof READ | typeof HANDLE) => ({
    access: {
      permission,
      territory: (request: FastifyRequest) => requestPath(db, request.actor, (request.params as { id: string }).id),
    },
  });
  const detail = async (id: string) => loadRequestDetail(db, id, await effectiveTargets(ctx));

  r.get(
    '/api/requests',
    {
      config: { access: { permission: READ } },
      schema: {
        tags,
        summary: 'Boîte de réception des demandes de mon territoire',
        querystring: s.RequestListQuery,
        response: { 200: s.RequestList, ...ProblemResponses },
      },
    },
    async (request) => listRequests(db, request.actor, request.query, await effectiveTargets(ctx)),
  );

  r.get(
    '/api/requests/:id',
    {
      config: on(READ),
      schema: {
        tags,
        summary: 'Une demande, son demandeur et son historique',
        params: IdParams,
        response: { 200: s.RequestDetail, ...ProblemResponses },
      },
    },
    async (request) => {
      const result = await detail(request.params.id);
      // Personal data read: audited with the route.
      await recordAudit(db, request.actor, {
        action: 'request.read',
        recordType: 'request',
        recordId: result.id,
        reason: 'GET /api/requests/:id',
      });
      return result;
    },
  );

  r.post(
    '/api/requests/:id/actions',
    {
      config: on(HANDLE),
      schema: {
        tags,
        summary: 'Trier ou faire avancer une demande',
        params: IdParams,
        body: s.RequestAction,
        response: { 200: s.RequestDetail, ...ProblemResponses },
      },
    },
    async (request) => {
      await applyRequestAction(ctx, user(request), request.params.id, request.body);
      return detail(request.params.id);
    },
  );

  r.post(
    '/api/requests/:id/notes',
    {
      config: on(HANDLE),
      schema: {
        tags,
        summary: 'Ajouter une note interne',
        params: IdParams,
        body: s.RequestNoteCreate,
        response: { 201: s.RequestDetail, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await addInternalNote(ctx, user(request), request.params.id, request.body.text);
      return reply.code(201).send(await detail(request.params.id));
    },
  );

  r.post(
    '/api/requests/:id/answers',
    {
      config: on(HANDLE),
      schema: {
        tags,
        summary: 'Répondre au demandeur par e-mail ou SMS',
        params: IdParams,
        body: s.RequestAnswerCreate,
        response: { 201: s.RequestDetail, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await answerRequest(ctx, user(request), request.params.id, request.body);
      return reply.code(201).send(await detail(request.params.id));
    },
  );
}
