import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, ProblemResponses } from '../../../../shared/common.schemas.ts';
import * as s from '../../../../shared/open311.schemas.ts';
import type { RequestsContext } from '../requests-context.ts';
import { createOpen311Client, listOpen311Clients, revokeOpen311Client } from './open311-clients.ts';

const tags = ['Open311 (administration)'];
const access = { permission: 'open311.manage' as const };

/** Administrators hand out and revoke the API keys of Open311 client applications. */
export async function open311ClientRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;

  r.get('/api/open311/clients', { config: { access }, schema: { tags, summary: 'Applications clientes Open311', response: { 200: s.Open311ClientList, ...ProblemResponses } } },
    async () => ({ items: await listOpen311Clients(db) }));

  r.post('/api/open311/clients', { config: { access }, schema: { tags, summary: 'Créer une application cliente (la clé n’est montrée qu’une fois)', body: s.Open311ClientCreate, response: { 201: s.Open311ClientCreated, ...ProblemResponses } } },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await createOpen311Client(db, request.actor, request.body.name));
    });

  r.post('/api/open311/clients/:id/revoke', { config: { access }, schema: { tags, summary: 'Révoquer la clé d’une application cliente', params: IdParams, response: { 200: s.Open311Client, ...ProblemResponses } } },
    async (request) => revokeOpen311Client(db, request.actor, request.params.id));
}
