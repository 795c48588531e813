import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../paths.ts';

/** Any constant: it serialises migrations between processes starting together on one server. */
const MIGRATION_LOCK_KEY = 7_340_001;

/** drizzle records each applied migration with its journal timestamp (`when`). */
function latestMigrationTimestamp(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: Array<{ when: number }>;
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

export async function migrateEmbedded(client: PGlite): Promise<void> {
  await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_DIR });
}

/**
 * On a server, as the connecting (owner) role, on a connection of its own holding an advisory
 * lock: drizzle's migrator takes none, and several processes may start together.
 */
export async function migrateServer(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/** For /ready: every migration of the folder has been applied to this database. */
export async function migrationsApplied(database: {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
}): Promise<boolean> {
  const rows = await database.query<{ latest: string | number | null }>(
    'select max(created_at) as latest from drizzle.__drizzle_migrations',
  );
  return Number(rows[0]?.latest ?? 0) >= latestMigrationTimestamp();
}
