import type { FastifyInstance } from 'fastify';
import { open311ClientContracts as c } from '../../../../shared/requests/open311.contracts.ts';
import { serve } from '../../../platform/http/serve.ts';
import { territoryPathOf } from '../../territory/index.ts';
import type { RequestsContext } from '../requests-context.ts';
import {
  createOpen311Client,
  listOpen311Clients,
  open311ClientDepartment,
  requestedClientDepartment,
  revokeOpen311Client,
} from './open311-clients.ts';

/**
 * A département's administrators hand out and revoke the API keys of its Open311 client
 * applications (a key still submits anywhere: requests are routed by their point). A client of
 * another département answers 404, as a missing one.
 */
export async function open311ClientRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const db = ctx.database.db;

  serve(app, c.list, {
    handle: async ({ actor }) => ({ items: await listOpen311Clients(db, actor) }),
  });

  // The département asked for (or the administrator's only one), found once for the access check.
  serve(app, c.create, {
    load: async ({ actor, body }) => {
      const departmentId = requestedClientDepartment(actor, body.departmentId);
      const path = await territoryPathOf(db, 'department', departmentId);
      return path && { path, record: departmentId };
    },
    handle: async ({ actor, body, record, reply }) => {
      reply.header('cache-control', 'no-store');
      return createOpen311Client(db, actor, body.name, record);
    },
  });

  serve(app, c.revoke, {
    load: async ({ params }) => {
      const departmentId = await open311ClientDepartment(db, params.id);
      return departmentId ? { path: { departmentId }, record: params.id } : undefined;
    },
    handle: async ({ actor, params }) => revokeOpen311Client(db, actor, params.id),
  });
}
