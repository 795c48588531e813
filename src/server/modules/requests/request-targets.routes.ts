import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ProblemResponses } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/request-targets.schemas.ts';
import type { UserActor } from '../../platform/access/actor.ts';
import type { RequestsContext } from './requests-context.ts';
import { listEffectiveTargets, MANAGE_TARGETS, resetCategoryTarget, setCategoryTarget } from './request-targets.ts';

const tags = ['Demandes (délais cibles)'];

/**
 * The categories' acknowledgement and answer targets: staff who read requests see them, with
 * their source; administrators change them for the whole country (national targets, no territory).
 */
export async function requestTargetRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const user = (request: FastifyRequest) => request.actor as UserActor;
  const manage = { access: { permission: MANAGE_TARGETS } };

  r.get('/api/requests/category-targets', { config: { access: { permission: 'requests.read' } }, schema: { tags, summary: 'Délais cibles de chaque catégorie et leur origine (défaut, réglage, administrateur)', response: { 200: s.EffectiveTargetList, ...ProblemResponses } } },
    async () => ({ items: await listEffectiveTargets(ctx) }));

  r.put('/api/requests/category-targets/:category', { config: manage, schema: { tags, summary: 'Fixer les délais cibles d’une catégorie (national)', params: s.CategoryTargetParams, body: s.CategoryTargetUpdate, response: { 200: s.EffectiveTarget, ...ProblemResponses } } },
    async (request) => setCategoryTarget(ctx, user(request), request.params.category, request.body));

  r.delete('/api/requests/category-targets/:category', { config: manage, schema: { tags, summary: 'Revenir aux délais du réglage ou par défaut', params: s.CategoryTargetParams, response: { 200: s.EffectiveTarget, ...ProblemResponses } } },
    async (request) => resetCategoryTarget(ctx, user(request), request.params.category));
}
