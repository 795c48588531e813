import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ProblemResponses } from '../../../../shared/common.schemas.ts';
import * as s from '../../../../shared/requests/targets.schemas.ts';
import type { UserActor } from '../../../platform/access/actor.ts';
import type { RequestsContext } from '../requests-context.ts';
import {
  listEffectiveTargets,
  MANAGE_TARGETS,
  resetCategoryTarget,
  setCategoryTarget,
  targetsDepartment,
} from './request-targets.ts';

const tags = ['Demandes (délais cibles)'];

/**
 * The categories' acknowledgement and answer targets, per département (`?departmentId=`, else the
 * caller's only département): staff who read requests there see them, with their source; the
 * département's administrators change them. Unknown département 404, another département 403.
 */
export async function requestTargetRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const user = (request: FastifyRequest) => request.actor as UserActor;
  const manage = { access: { permission: MANAGE_TARGETS } };
  const managed = (request: FastifyRequest<{ Querystring: s.CategoryTargetQuery }>) =>
    targetsDepartment(db, request.actor, MANAGE_TARGETS, request.query.departmentId);

  r.get(
    '/api/requests/category-targets',
    {
      config: { access: { permission: 'requests.read' } },
      schema: {
        tags,
        summary:
          'Délais cibles de chaque catégorie dans un département et leur origine (défaut, réglage, administrateur)',
        querystring: s.CategoryTargetQuery,
        response: { 200: s.EffectiveTargetList, ...ProblemResponses },
      },
    },
    async (request) => {
      const departmentId = await targetsDepartment(db, request.actor, 'requests.read', request.query.departmentId);
      return { departmentId, items: await listEffectiveTargets(ctx, departmentId) };
    },
  );

  r.put(
    '/api/requests/category-targets/:category',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Fixer les délais cibles d’une catégorie dans un département',
        params: s.CategoryTargetParams,
        querystring: s.CategoryTargetQuery,
        body: s.CategoryTargetUpdate,
        response: { 200: s.EffectiveTarget, ...ProblemResponses },
      },
    },
    async (request) =>
      setCategoryTarget(ctx, user(request), await managed(request), request.params.category, request.body),
  );

  r.delete(
    '/api/requests/category-targets/:category',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Revenir aux délais du réglage ou par défaut dans un département',
        params: s.CategoryTargetParams,
        querystring: s.CategoryTargetQuery,
        response: { 200: s.EffectiveTarget, ...ProblemResponses },
      },
    },
    async (request) => resetCategoryTarget(ctx, user(request), await managed(request), request.params.category),
  );
}
