import fs from 'node:fs';
import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Database } from './client.ts';
import { MIGRATIONS_DIR } from '../paths.ts';

/** Any constant: it serialises migrations between processes starting together on one server. */
const MIGRATION_LOCK_KEY = 7_340_001;

/** drizzle records each applied migration with its journal timestamp (`when`). */
function latestMigrationTimestamp(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as { entries: Array<{ when: number }> };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  // drizzle's migrator takes no lock: hold an advisory lock on a dedicated connection meanwhile.
  const lockClient = new pg.Client({ connectionString: database.connectionString });
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migratePg(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await lockClient.end();
  }
}

/** For /ready: every migration of the folder has been applied to this database. */
export async function migrationsApplied(database: Database): Promise<boolean> {
  const rows = await database.query<{ latest: string | number | null }>('select max(created_at) as latest from drizzle.__drizzle_migrations');
  return Number(rows[0]?.latest ?? 0) >= latestMigrationTimestamp();
}
