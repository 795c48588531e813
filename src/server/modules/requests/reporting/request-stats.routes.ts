import type { FastifyInstance } from 'fastify';
import { statsContracts as c } from '../../../../shared/requests/stats.contracts.ts';
import { serve } from '../../../platform/http/serve.ts';
import type { RequestsContext } from '../requests-context.ts';
import { computeRequestStats, defaultStatsRange } from './request-stats.ts';

/** Statistics of the requests the caller may read (their territories), for a period and optionally a sector. */
export async function requestStatsRoutes(app: FastifyInstance, ctx: RequestsContext) {
  serve(app, c.stats, {
    handle: async ({ actor, query }) =>
      computeRequestStats(ctx.database.db, { actor, sectorId: query.sectorId }, defaultStatsRange(query)),
  });
}
