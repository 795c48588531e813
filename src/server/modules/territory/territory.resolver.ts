import type { Database } from '../../platform/db/client.ts';
import { createVersionedCache, type VersionedCache } from '../../platform/cache/versioned-cache.ts';
import { createSectorIndex, type SectorIndex } from '../../platform/geo/sector-index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { Resolution } from '../../../shared/territory/territory.schemas.ts';
import { loadResolutionEntries } from './territory.queries.ts';
import { TERRITORY_CACHE_KEY } from './territory.service.ts';

const resolvers = new WeakMap<Database, Promise<VersionedCache<SectorIndex<Resolution>>>>();

/** The per-process sector index of a database, built on first use and rebuilt after any change. */
function territoryIndex(database: Database, pollMs: number) {
  let cache = resolvers.get(database);
  if (!cache) {
    cache = createVersionedCache(
      database,
      TERRITORY_CACHE_KEY,
      async () => {
        const entries = await loadResolutionEntries(database.db);
        return createSectorIndex(entries.map((entry) => ({ value: entry.resolution, geometry: entry.geometry })));
      },
      pollMs,
    );
    resolvers.set(database, cache);
    cache.catch(() => resolvers.delete(database));
  }
  return cache;
}

export interface ResolverOptions {
  pollMs: number;
}

/** Point → sector, commune, district, département; `undefined` when the point is in no sector. */
export async function resolvePoint(
  database: Database,
  lon: number,
  lat: number,
  options: ResolverOptions = { pollMs: 5000 },
): Promise<Resolution | undefined> {
  const index = await (await territoryIndex(database, options.pollMs)).get();
  return index.resolve(lon, lat);
}

/** The same, for the public route: a point in no sector is a 404 that says where it is. */
export async function resolveCoveredPoint(
  database: Database,
  lon: number,
  lat: number,
  options: ResolverOptions,
): Promise<Resolution> {
  const resolution = await resolvePoint(database, lon, lat, options);
  if (!resolution) throw new NotFoundError(`Aucun secteur ne couvre le point (${lat}, ${lon}).`);
  return resolution;
}

/** Warm the index at start-up so the first request does not pay for it. */
export async function warmResolver(database: Database, options: ResolverOptions): Promise<number> {
  const index = await (await territoryIndex(database, options.pollMs)).get();
  return index.size;
}

export async function closeResolver(database: Database): Promise<void> {
  const cache = resolvers.get(database);
  resolvers.delete(database);
  if (cache) await (await cache).close();
}
