import crypto from 'node:crypto';
import {
  bumpCacheVersion,
  createVersionedCache,
  invalidateLocal,
  type VersionedCache,
} from '../../platform/cache/versioned-cache.ts';
import type { Database, Executor, Tx } from '../../platform/db/client.ts';
import { afterCommit, withTransaction } from '../../platform/db/transaction.ts';
import { TERRITORY_CACHE_KEY } from '../territory/index.ts';

/** Bumped by every write to venues, schedules and their exceptions. */
export const OFFICE_HOURS_CACHE_KEY = 'office-hours';
/**
 * Bytes of feeds and listings kept per process; the least recently used go first past it (a
 * département of 2,000 schedules: feed 1.3 MB, two months' listing 4.4 MB). A bound on bytes, not
 * entries, because `from`/`to` let anyone ask for many different listings.
 */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Runs a write to venues, schedules or exceptions in a transaction (the caller's, or its own) that
 * also bumps the public data version (last, so the counter row is locked briefly): other processes
 * drop their feeds when it commits (NOTIFY), this one right after the commit.
 */
export async function runOfficeHoursWrite<T>(executor: Executor, write: (tx: Tx) => Promise<T>): Promise<T> {
  return withTransaction(executor, async (tx) => {
    const value = await write(tx);
    await bumpCacheVersion(tx, OFFICE_HOURS_CACHE_KEY);
    await afterCommit(tx, () => invalidateLocal(OFFICE_HOURS_CACHE_KEY));
    return value;
  });
}

/** A body ready to send (bytes: encoding a 4 MB string on every request would cost more than the send), with its validator. */
export interface CachedBody {
  body: Buffer;
  etag: string;
}

interface Entry {
  territory: object;
  value: Promise<CachedBody>;
  /** Known once built. */
  bytes: number;
}

interface PublicCache {
  data: VersionedCache<Map<string, Entry>>;
  /** A new token each time the territory changes: a commune moving to another département, a sector renamed. */
  territory: VersionedCache<object>;
}

const caches = new WeakMap<Database, Promise<PublicCache>>();

function publicCache(database: Database, pollMs: number): Promise<PublicCache> {
  let cache = caches.get(database);
  if (!cache) {
    cache = (async () => ({
      data: await createVersionedCache(database, OFFICE_HOURS_CACHE_KEY, async () => new Map<string, Entry>(), pollMs),
      territory: await createVersionedCache(database, TERRITORY_CACHE_KEY, async () => ({}), pollMs),
    }))();
    caches.set(database, cache);
    cache.catch(() => caches.delete(database));
  }
  return cache;
}

/** Bytes held by a map's built entries (recounted on insert: a few hundred entries at most). */
const heldBytes = (entries: Map<string, Entry>) => [...entries.values()].reduce((sum, entry) => sum + entry.bytes, 0);

/**
 * Public feeds and listings are pure functions of the office-hours and territory data: each is
 * built once per data version and served from memory until a write bumps a version (the versioned
 * cache drops the whole map then). Concurrent first requests share one build; a failed build
 * (404) is not kept.
 */
export async function cachedPublic(
  database: Database,
  pollMs: number,
  key: string,
  build: () => Promise<string>,
): Promise<CachedBody> {
  const cache = await publicCache(database, pollMs);
  const [entries, territory] = await Promise.all([cache.data.get(), cache.territory.get()]);
  const existing = entries.get(key);
  if (existing && existing.territory === territory) {
    // Most recently used last: eviction takes the first.
    entries.delete(key);
    entries.set(key, existing);
    return existing.value;
  }
  const value = build().then((text) => {
    const body = Buffer.from(text, 'utf8');
    return { body, etag: etagOf(body) };
  });
  const entry: Entry = { territory, bytes: 0, value };
  entries.set(key, entry);
  entry.value.then(
    ({ body }) => {
      entry.bytes = body.length;
      for (const [oldKey, old] of entries) {
        if (heldBytes(entries) <= MAX_BYTES || old === entry) break;
        entries.delete(oldKey);
      }
    },
    () => {
      if (entries.get(key) === entry) entries.delete(key);
    },
  );
  return entry.value;
}

/** A strong validator of the exact bytes: clients send it back in If-None-Match. */
function etagOf(body: Buffer): string {
  return `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

export async function closePublicCache(database: Database): Promise<void> {
  const cache = caches.get(database);
  caches.delete(database);
  if (!cache) return;
  const { data, territory } = await cache;
  await Promise.all([data.close(), territory.close()]);
}
