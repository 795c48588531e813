import type { PlatformModule } from '../../platform/module.ts';
import { territoryRoutes } from './territory.routes.ts';
import { closeResolver, warmResolver } from './territory.resolver.ts';
import { seedDemoTerritory } from './territory.seed.ts';

export { resolvePoint } from './territory.resolver.ts';
/** Other modules' caches derived from the territory reload when it changes. */
export { TERRITORY_CACHE_KEY } from './territory.service.ts';
export { seedDemoTerritory } from './territory.seed.ts';

export const territoryModule: PlatformModule = {
  name: 'territory',
  routes: territoryRoutes,
  seedDemo: seedDemoTerritory,
  async warm({ database, config }) {
    await warmResolver(database, { pollMs: config.cachePollMs });
  },
  close: closeResolver,
};
export { territoryIdByCode, territoryIdsUnder, territoryNames, territoryPathOf } from './territory-paths.ts';
export { municipalitySummaries, type MunicipalitySummary } from './municipality-summaries.ts';
