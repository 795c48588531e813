import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { migrateEmbedded, migrateServer } from './migrate.ts';

/**
 * The role the application runs as once migrations are applied: it has no UPDATE or DELETE on
 * audit_events (see migrations/0002). Migrations run as the connecting (owner) role.
 */
export const APP_ROLE = 'psq_app';
/** Lets the app role use pg-boss's schema, whoever created it. */
const GRANT_JOB_SCHEMA = `DO $$ BEGIN
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'pgboss') THEN
    GRANT USAGE, CREATE ON SCHEMA pgboss TO ${APP_ROLE};
    GRANT ALL ON ALL TABLES IN SCHEMA pgboss TO ${APP_ROLE};
    GRANT ALL ON ALL SEQUENCES IN SCHEMA pgboss TO ${APP_ROLE};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT ALL ON TABLES TO ${APP_ROLE};
    ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT ALL ON SEQUENCES TO ${APP_ROLE};
  END IF;
END $$;`;

/**
 * One drizzle type for both drivers: modules never know which one runs. No schema registry: each
 * module imports its own tables (drizzle's relational API is not used), drizzle-kit reads them all.
 */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction is a Db too; writes take it so that audit and outbox rows commit with the change. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Raw SQL for the few places drizzle does not fit (health checks, locks). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** LISTEN on a channel; the returned function stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Present on the embedded database: pg-boss talks to it through its PGlite adapter. */
  pglite?: PGlite;
  /** Present on a server: pg-boss opens its own pool with it. */
  connectionString?: string;
  /** Lets the app role reach pg-boss's tables (run after pg-boss created or migrated them). */
  grantJobSchema(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Directory of the embedded database; `undefined` keeps it in memory (tests). */
  pgliteDir?: string;
}

/** Opens the database, applies the migrations as the owner, then works as the app role. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl ? openServer(options.databaseUrl) : openEmbedded(options.pgliteDir);
}

async function openEmbedded(dir: string | undefined): Promise<Database> {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const client = await PGlite.create(dir ? { dataDir: dir } : {});
  await migrateEmbedded(client);
  await client.exec(GRANT_JOB_SCHEMA);
  await client.exec(`SET ROLE ${APP_ROLE}`);
  const db = drizzlePglite(client) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    pglite: client,
    async query<T>(text: string, params?: unknown[]) {
      const result = await client.query<T>(text, params);
      return result.rows;
    },
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return async () => unlisten();
    },
    async grantJobSchema() {
      // One exec: nothing else runs on the single connection while the owner role is back.
      await client.exec(`RESET ROLE; ${GRANT_JOB_SCHEMA} SET ROLE ${APP_ROLE};`);
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

async function asOwner(connectionString: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function openServer(connectionString: string): Promise<Database> {
  await migrateServer(connectionString);
  await asOwner(connectionString, GRANT_JOB_SCHEMA);
  // Every connection of the pool works as the app role from its start-up packet: no query runs
  // before the role is set, and a role that cannot be taken fails the connection instead of
  // leaving it as the owner (a SET ROLE queued on 'connect' could fail silently).
  const pool = new pg.Pool({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    options: `-c role=${APP_ROLE}`,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  await pool.query('select 1');
  const db = drizzlePg(pool) as unknown as Db;
  const listeners: pg.PoolClient[] = [];
  return {
    kind: 'postgres',
    db,
    connectionString,
    async query<T>(text: string, params?: unknown[]) {
      const result = await pool.query(text, params);
      return result.rows as T[];
    },
    async listen(channel, onPayload) {
      const client = await pool.connect();
      listeners.push(client);
      client.on('notification', (message) => {
        if (message.channel === channel) onPayload(message.payload ?? '');
      });
      client.on('error', () => {});
      await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      return async () => {
        const index = listeners.indexOf(client);
        if (index < 0) return;
        listeners.splice(index, 1);
        try {
          await client.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`);
        } finally {
          client.release();
        }
      };
    },
    async grantJobSchema() {
      await asOwner(connectionString, GRANT_JOB_SCHEMA);
    },
    async close() {
      for (const client of listeners.splice(0)) client.release();
      await pool.end();
    },
  };
}
