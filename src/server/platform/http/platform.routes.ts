import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Registry } from 'prom-client';
import { platformContracts } from '../../../shared/platform/platform.contracts.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/client.ts';
import { migrationsApplied } from '../db/migrate.ts';
import { sendProblem } from './problem.ts';
import { serve } from './serve.ts';

const VERSION = process.env.npm_package_version ?? '0.1.0';

export async function platformRoutes(
  app: FastifyInstance,
  {
    config,
    database,
    registry,
    demo,
  }: { config: Config; database: Database; registry: Registry; demo: () => Promise<boolean> },
) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const hidden = { hide: true } as const;

  r.get('/health', { schema: { ...hidden } }, async () => ({ status: 'ok' }));

  r.get('/ready', { schema: { ...hidden } }, async (request, reply) => {
    try {
      if (await migrationsApplied(database)) return { status: 'ready' };
      return sendProblem(
        reply,
        request,
        503,
        'non-pret',
        'Pas prêt',
        'Les migrations de la base ne sont pas toutes appliquées.',
      );
    } catch {
      return sendProblem(reply, request, 503, 'non-pret', 'Pas prêt', 'La base de données ne répond pas.');
    }
  });

  r.get('/metrics', { schema: { ...hidden } }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });

  serve(app, platformContracts.meta, {
    handle: async () => ({
      name: 'PSQ',
      version: VERSION,
      demo: await demo(),
      mapTiles: config.mapTilesUrl ? { url: config.mapTilesUrl, attribution: config.mapTilesAttribution ?? '' } : null,
      addressSearch: Boolean(config.geocoderUrl),
    }),
  });
}
