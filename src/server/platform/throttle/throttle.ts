import crypto from 'node:crypto';
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { throttleCounters } from '../db/platform.tables.ts';
import { TooManyRequestsError } from '../errors.ts';
import { purgeInBatches, type RetentionRule } from '../jobs/retention.ts';

/** A source address as counters keep it: a keyed hash (the key is the module's purpose key), never the address. */
export const sourceKey = (key: Buffer, ip: string) =>
  crypto.createHmac('sha256', key).update(`ip:${ip}`).digest('base64url').slice(0, 22);

export interface ThrottleRule {
  limit: number;
  windowSeconds: number;
  message: string;
  /** How the wait is said after the message: in minutes (default) or, for short windows, in seconds. */
  retryIn?: 'minutes' | 'seconds';
}

/** The 429 of a rule, `retryAfter` seconds before its window ends (the Retry-After header). */
export function tooMany(rule: ThrottleRule, retryAfter: number): TooManyRequestsError {
  const wait =
    rule.retryIn === 'seconds' ? `${Math.max(1, retryAfter)} secondes` : `${Math.ceil(retryAfter / 60)} minute(s)`;
  return new TooManyRequestsError(`${rule.message} Réessayez dans ${wait}.`, Math.max(1, retryAfter));
}

/**
 * The counting upsert: one hit on `key` (a window older than its length starts again at 1),
 * returning the hits and the seconds left in the window. `key` and `windowSeconds` are SQL values
 * (parameters or placeholders), so that a caller can run it inside a statement of its own.
 */
export function throttleUpsert(key: SQL, windowSeconds: SQL): SQL {
  const expired = sql`request_throttle.window_started_at < now() - make_interval(secs => ${windowSeconds})`;
  return sql`
    insert into request_throttle (key, hits, window_started_at) values (${key}, 1, now())
    on conflict (key) do update set
      hits = case when ${expired} then 1 else request_throttle.hits + 1 end,
      window_started_at = case when ${expired} then now() else request_throttle.window_started_at end
    returning hits, ceil(extract(epoch from window_started_at + make_interval(secs => ${windowSeconds}) - now()))::int as retry`;
}

/** Refuses (429) a hit counted beyond the rule's limit, with the seconds left as Retry-After. */
export function assertHitAllowed(row: { hits: number; retry: number } | undefined, rule: ThrottleRule): void {
  if (row && Number(row.hits) > rule.limit) throw tooMany(rule, Number(row.retry));
}

/**
 * Counts one hit and refuses beyond the limit: one atomic upsert, so concurrent requests from
 * several processes cannot slip past it together.
 */
export async function hitThrottle(db: Executor, key: string, rule: ThrottleRule): Promise<void> {
  const result = await db.execute<{ hits: number; retry: number }>(
    throttleUpsert(sql`${key}`, sql`${rule.windowSeconds}`),
  );
  assertHitAllowed((result as unknown as { rows: Array<{ hits: number; retry: number }> }).rows[0], rule);
}

/**
 * Counts one hit without refusing it: for a failure whose answer is already decided (a wrong
 * password is a 401 whatever the count; the next attempt is the one refused).
 */
export async function countThrottle(db: Executor, key: string, rule: ThrottleRule): Promise<void> {
  await db.execute(throttleUpsert(sql`${key}`, sql`${rule.windowSeconds}`));
}

/** Forgets these keys' counts: a success that ends a run of failures (a sign-in, a second factor). */
export async function clearThrottle(db: Executor, keys: readonly string[]): Promise<void> {
  if (keys.length) await db.delete(throttleCounters).where(inArray(throttleCounters.key, [...keys]));
}

/** Refuses when the key is already over its limit, without counting (e.g. before a lookup whose failures count). */
export async function assertUnderThrottle(db: Executor, key: string, rule: ThrottleRule): Promise<void> {
  const [row] = await db
    .select({
      hits: throttleCounters.hits,
      retry: sql<number>`ceil(extract(epoch from ${throttleCounters.windowStartedAt} + make_interval(secs => ${rule.windowSeconds}) - now()))::int`,
    })
    .from(throttleCounters)
    .where(
      sql`${throttleCounters.key} = ${key} and ${throttleCounters.windowStartedAt} >= now() - make_interval(secs => ${rule.windowSeconds})`,
    );
  if (row && row.hits >= rule.limit) throw tooMany(rule, Number(row.retry));
}

/** Retention: counters whose window ended a day ago are useless (windows are at most a day long). */
export function throttleRetentionRule(): RetentionRule {
  return {
    name: 'throttle-counters',
    description: 'Compteurs anti-abus de plus d’un jour',
    purge: (database) =>
      purgeInBatches(async (limit) => {
        const batch = database.db
          .select({ key: throttleCounters.key })
          .from(throttleCounters)
          .where(sql`${throttleCounters.windowStartedAt} < now() - interval '1 day'`)
          .limit(limit);
        const purged = await database.db
          .delete(throttleCounters)
          .where(inArray(throttleCounters.key, batch))
          .returning({ key: throttleCounters.key });
        return purged.length;
      }),
  };
}
