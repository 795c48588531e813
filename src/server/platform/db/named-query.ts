import crypto from 'node:crypto';
import pg from 'pg';
import type { Executor } from './client.ts';

/**
 * Distinct texts given a name, per process. A caller passing texts built with values inside would
 * leave one prepared statement per text on every connection: past this many, texts run unnamed.
 */
const MAX_NAMED_TEXTS = 200;
const names = new Map<string, string>();

function nameFor(text: string): string | undefined {
  const found = names.get(text);
  if (found || names.size >= MAX_NAMED_TEXTS) return found;
  const name = `psq_${crypto.createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  names.set(text, name);
  return name;
}

interface QueryClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** The connection (or PGlite) drizzle runs this executor's statements on. */
function clientOf(db: Executor): QueryClient | pg.Client | pg.Pool {
  return (db as unknown as { session: { client: QueryClient | pg.Client | pg.Pool } }).session.client;
}

/**
 * The server connection a transaction holds (undefined on PGlite and for the pool): it outlives
 * the transaction (the pool lends it again), so a statement prepared on it may be kept for it.
 */
export function connectionOf(db: Executor): pg.Client | undefined {
  const client = clientOf(db);
  return client instanceof pg.Client ? client : undefined;
}

/**
 * Runs a constant SQL text ($1, $2… parameters) on the connection of `db` (a transaction: its
 * connection; the pool: any) as a named statement on PostgreSQL: each connection parses and plans
 * it once, then only binds values. Planning a statement such as pg-boss's job insert costs more
 * than executing it. On PGlite (one in-process connection) the text runs as is.
 */
export async function queryNamed<T>(db: Executor, text: string, values: unknown[]): Promise<{ rows: T[] }> {
  const client = clientOf(db);
  if (client instanceof pg.Client || client instanceof pg.Pool) {
    const name = nameFor(text);
    return (await client.query(name ? { name, text, values } : { text, values })) as unknown as { rows: T[] };
  }
  return (await client.query(text, values)) as { rows: T[] };
}
