import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.ts';

const CHANNEL = 'psq_cache';
/** Same-process writers mark caches stale at once, without waiting for the NOTIFY round trip. */
const localBus = new EventEmitter();
localBus.setMaxListeners(0);

/**
 * Bumps a cache's version inside the writer's transaction; the NOTIFY is delivered on commit
 * (and dropped on rollback), so other processes reload only committed data.
 */
export async function bumpCacheVersion(tx: Executor, key: string): Promise<void> {
  await tx.execute(sql`
    insert into cache_versions (key, version, updated_at) values (${key}, 1, now())
    on conflict (key) do update set version = cache_versions.version + 1, updated_at = now()`);
  await tx.execute(sql`select pg_notify(${CHANNEL}, ${key})`);
}

/** Call after the transaction that bumped `key` has committed. */
export function invalidateLocal(key: string): void {
  localBus.emit(key);
}

export interface VersionedCache<T> {
  get(): Promise<T>;
  /** The loaded version, for tests and metrics. */
  readonly version: number | undefined;
  close(): Promise<void>;
}

/**
 * A value computed from the database, held in this process and reloaded when any process
 * changes it: LISTEN/NOTIFY for speed, a version poll as the fallback when a notification is
 * missed (connection loss), and the local bus for read-your-writes.
 */
export async function createVersionedCache<T>(
  database: Database,
  key: string,
  load: (version: number) => Promise<T>,
  pollMs: number,
): Promise<VersionedCache<T>> {
  let value: T | undefined;
  let loadedVersion: number | undefined;
  let stale = true;
  let loading: Promise<T> | undefined;
  let closed = false;

  const readVersion = async (): Promise<number> => {
    const rows = await database.query<{ version: string | number }>(
      'select version from cache_versions where key = $1',
      [key],
    );
    return rows.length ? Number(rows[0].version) : 0;
  };
  const markStale = () => {
    stale = true;
  };
  localBus.on(key, markStale);
  const unlisten = await database.listen(CHANNEL, (payload) => {
    if (payload === key) markStale();
  });
  const timer =
    pollMs > 0
      ? setInterval(() => {
          readVersion()
            .then((version) => {
              if (version !== loadedVersion) markStale();
            })
            .catch(() => {});
        }, pollMs)
      : undefined;
  timer?.unref();

  const reload = async (): Promise<T> => {
    stale = false;
    const version = await readVersion();
    try {
      const next = await load(version);
      value = next;
      loadedVersion = version;
      return next;
    } catch (error) {
      stale = true;
      throw error;
    }
  };

  return {
    get version() {
      return loadedVersion;
    },
    async get() {
      if (closed) throw new Error(`cache ${key} is closed`);
      if (!stale && value !== undefined) return value;
      if (!loading) {
        loading = reload().finally(() => {
          loading = undefined;
        });
      }
      const result = await loading;
      // A write committed while loading: serve this value now, reload on the next call.
      return result;
    },
    async close() {
      closed = true;
      localBus.off(key, markStale);
      if (timer) clearInterval(timer);
      await unlisten();
    },
  };
}
