import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { TooManyRequestsError } from '../../platform/errors.ts';
import { authThrottle } from './identity.tables.ts';

/**
 * Sign-in failures counted per key in the database, so that every process sees the same counts.
 * Keys: `ip:<address>` (one source trying many accounts), `account:<email>` (many sources trying
 * one account) and `device:<hash>` (a browser that already signed in to that account). A browser
 * with a valid device cookie is counted on its own key instead of the account's, so an attacker
 * hammering an account cannot lock its real user out.
 */
export const LIMITS: Record<string, { failures: number; windowSeconds: number }> = {
  ip: { failures: 50, windowSeconds: 900 },
  account: { failures: 10, windowSeconds: 900 },
  device: { failures: 10, windowSeconds: 900 },
  mfa: { failures: 10, windowSeconds: 900 },
};

const kindOf = (key: string) => key.slice(0, key.indexOf(':'));

export async function assertNotThrottled(db: Executor, keys: string[]): Promise<void> {
  const rows = await db.select().from(authThrottle).where(inArray(authThrottle.key, keys));
  const now = Date.now();
  for (const row of rows) {
    const limit = LIMITS[kindOf(row.key)];
    const windowEnds = row.windowStartedAt.getTime() + limit.windowSeconds * 1000;
    if (windowEnds > now && row.failures >= limit.failures) {
      const retryAfter = Math.ceil((windowEnds - now) / 1000);
      throw new TooManyRequestsError(
        `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(retryAfter / 60)} minute(s).`,
        retryAfter,
      );
    }
  }
}

/** One atomic upsert per key: a window older than its length starts again at 1. */
export async function recordFailure(db: Executor, keys: string[]): Promise<void> {
  for (const key of keys) {
    const windowSeconds = LIMITS[kindOf(key)].windowSeconds;
    await db.execute(sql`
      insert into auth_throttle (key, failures, window_started_at) values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when auth_throttle.window_started_at < now() - make_interval(secs => ${windowSeconds}) then 1 else auth_throttle.failures + 1 end,
        window_started_at = case when auth_throttle.window_started_at < now() - make_interval(secs => ${windowSeconds}) then now() else auth_throttle.window_started_at end`);
  }
}

export async function clearFailures(db: Executor, keys: string[]): Promise<void> {
  if (keys.length) await db.delete(authThrottle).where(inArray(authThrottle.key, keys));
}

/** Retention: counters whose window ended a day ago are useless. */
export async function purgeThrottle(db: Executor): Promise<number> {
  const rows = await db
    .delete(authThrottle)
    .where(sql`${authThrottle.windowStartedAt} < now() - interval '1 day'`)
    .returning({ key: authThrottle.key });
  return rows.length;
}
