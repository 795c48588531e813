import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, ProblemResponses } from '../../../../shared/common.schemas.ts';
import * as s from '../../../../shared/requests/open311.schemas.ts';
import { territoryPathOf } from '../../territory/index.ts';
import type { RequestsContext } from '../requests-context.ts';
import {
  createOpen311Client,
  listOpen311Clients,
  MANAGE_OPEN311,
  open311ClientDepartment,
  requestedClientDepartment,
  revokeOpen311Client,
} from './open311-clients.ts';

const tags = ['Open311 (administration)'];

/**
 * A département's administrators hand out and revoke the API keys of its Open311 client
 * applications (a key still submits anywhere: requests are routed by their point). A client of
 * another département answers 404, as a missing one.
 */
export async function open311ClientRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const department = async (id: string | undefined) => (id ? territoryPathOf(db, 'department', id) : undefined);
  const requested = (request: FastifyRequest) =>
    requestedClientDepartment(request.actor, (request.body as s.Open311ClientCreate).departmentId);

  r.get(
    '/api/open311/clients',
    {
      config: { access: { permission: MANAGE_OPEN311 } },
      schema: {
        tags,
        summary: 'Applications clientes Open311 de mes départements',
        response: { 200: s.Open311ClientList, ...ProblemResponses },
      },
    },
    async (request) => ({ items: await listOpen311Clients(db, request.actor) }),
  );

  r.post(
    '/api/open311/clients',
    {
      config: {
        access: { permission: MANAGE_OPEN311, territory: (request: FastifyRequest) => department(requested(request)) },
      },
      schema: {
        tags,
        summary: 'Créer une application cliente d’un département (la clé n’est montrée qu’une fois)',
        body: s.Open311ClientCreate,
        response: { 201: s.Open311ClientCreated, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await createOpen311Client(db, request.actor, request.body.name, requested(request)));
    },
  );

  r.post(
    '/api/open311/clients/:id/revoke',
    {
      config: {
        access: {
          permission: MANAGE_OPEN311,
          territory: async (request: FastifyRequest) => {
            const departmentId = await open311ClientDepartment(db, (request.params as { id: string }).id);
            return departmentId ? { departmentId } : undefined;
          },
        },
      },
      schema: {
        tags,
        summary: 'Révoquer la clé d’une application cliente',
        params: IdParams,
        response: { 200: s.Open311Client, ...ProblemResponses },
      },
    },
    async (request) => revokeOpen311Client(db, request.actor, request.params.id),
  );
}
