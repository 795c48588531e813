import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { PlatformModule } from '../module.ts';
import type { Database } from './client.ts';
import { platformMeta } from './platform.tables.ts';

const SEED_KEY = 'seed';

export async function isDemoDatabase(database: Database): Promise<boolean> {
  const [row] = await database.db.select().from(platformMeta).where(eq(platformMeta.key, SEED_KEY));
  return row?.value === 'demo';
}

/** Loads demo data once, into a database that was never seeded; a second start reuses it. */
export async function seedIfEmpty(
  database: Database,
  config: Config,
  modules: PlatformModule[],
  logger: FastifyBaseLogger,
): Promise<boolean> {
  const [row] = await database.db.select().from(platformMeta).where(eq(platformMeta.key, SEED_KEY));
  if (row) return false;
  for (const module of modules) {
    if (module.seedDemo) {
      await module.seedDemo(database, config);
      logger.info({ module: module.name }, 'demo data loaded');
    }
  }
  await database.db.insert(platformMeta).values({ key: SEED_KEY, value: 'demo' }).onConflictDoNothing();
  return true;
}
