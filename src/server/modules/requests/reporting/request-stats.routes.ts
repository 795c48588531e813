import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ProblemResponses } from '../../../../shared/common.schemas.ts';
import * as s from '../../../../shared/requests/stats.schemas.ts';
import type { RequestsContext } from '../requests-context.ts';
import { computeRequestStats, defaultStatsRange } from './request-stats.ts';

/** Statistics of the requests the caller may read (their territories), for a period and optionally a sector. */
export async function requestStatsRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/requests/stats',
    {
      config: { access: { permission: 'requests.read' } },
      schema: {
        tags: ['Demandes (agents)'],
        summary: 'Statistiques des demandes de mon territoire',
        querystring: s.RequestStatsQuery,
        response: { 200: s.RequestStats, ...ProblemResponses },
      },
    },
    async (request) =>
      computeRequestStats(
        ctx.database.db,
        { actor: request.actor, sectorId: request.query.sectorId },
        defaultStatsRange(request.query),
      ),
  );
}
