import type { FastifyInstance } from 'fastify';
import { targetContracts as c } from '../../../../shared/requests/targets.contracts.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { serve } from '../../../platform/http/serve.ts';
import type { RequestsContext } from '../requests-context.ts';
import {
  MANAGE_TARGETS,
  resetCategoryTarget,
  setCategoryTarget,
  targetsDepartment,
  targetsIn,
} from './request-targets.ts';

/**
 * The categories' acknowledgement and answer targets, per département (`?departmentId=`, else the
 * caller's only département): staff who read requests there see them, with their source; the
 * département's administrators change them. Unknown département 404, another département 403.
 */
export async function requestTargetRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const db = ctx.database.db;
  // The département whose targets change, checked (404 unknown, 403 not its administrator, 400 which one).
  const managed = async ({ actor, query }: { actor: Actor; query: { departmentId?: string } }) => {
    const departmentId = await targetsDepartment(db, actor, MANAGE_TARGETS, query.departmentId);
    return { path: { departmentId }, record: departmentId };
  };

  serve(app, c.list, {
    handle: async ({ actor, query }) => targetsIn(ctx, actor, query.departmentId),
  });

  serve(app, c.set, {
    load: managed,
    handle: async ({ actor, record, params, body }) => setCategoryTarget(ctx, db, actor, record, params.category, body),
  });

  serve(app, c.reset, {
    load: managed,
    handle: async ({ actor, record, params }) => resetCategoryTarget(ctx, db, actor, record, params.category),
  });
}
