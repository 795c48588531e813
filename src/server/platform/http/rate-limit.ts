import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/client.ts';
import { TooManyRequestsError } from '../errors.ts';
import { assertUnderThrottle, hitThrottle, sourceKey, tooMany, type ThrottleRule } from '../throttle/throttle.ts';

/**
 * A route's rate limit, declared beside its access (`rateLimit` of `serve`), applied by the
 * platform before anything else runs:
 * - `per`: whose calls are counted: the source address (kept as a keyed hash, never the address)
 *   or the signed-in user (counted just after authentication);
 * - `counts`: `every` call (counted first, refused beyond the limit); only the `refused` ones
 *   (checked first without counting, counted when the answer is a 4xx: unknown tokens, wrong
 *   codes); or `module`: the module counts a call in its own statement (given `throttle`), and the
 *   platform counts the calls refused before it got there;
 * - `store`: `database` (default) holds across processes (one counter table); `memory` is per
 *   process, for limits that protect a peer of this process only (the geocoder).
 */
export interface RateLimit {
  /** The counter's name, part of its key. */
  name: string;
  per: 'ip' | 'user';
  limit: number;
  windowSeconds: number;
  /** French, said before « Réessayez dans … ». */
  message: string;
  counts?: 'every' | 'refused' | 'module';
  store?: 'database' | 'memory';
  /** How the wait is said after the message: « Réessayez dans N minute(s). » (default) or « … N secondes. ». */
  retryIn?: 'minutes' | 'seconds';
}

/** What a `counts: 'module'` handler receives: the key and rule to count with, and whether it did. */
export interface ThrottleHandle {
  key: string;
  rule: ThrottleRule;
  /** Set by the module once its count is committed; the platform then does not count again. */
  counted: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    throttle: ThrottleHandle | undefined;
  }
}

export function ruleOf(limit: RateLimit): ThrottleRule {
  return {
    limit: limit.limit,
    windowSeconds: limit.windowSeconds,
    message: limit.message,
    ...(limit.retryIn ? { retryIn: limit.retryIn } : {}),
  };
}

export function throttleKeyOf(limit: RateLimit, request: FastifyRequest, key: Buffer): string {
  const who = limit.per === 'ip' ? sourceKey(key, request.ip) : `user:${request.actor.id}`;
  return `${limit.name}:${who}`;
}

/** Counters of `store: 'memory'`: one fixed window per key, in this process. */
const memory = new Map<string, { hits: number; endsAt: number }>();

function hitMemory(key: string, rule: ThrottleRule): void {
  const now = Date.now();
  let entry = memory.get(key);
  if (!entry || entry.endsAt <= now) {
    if (memory.size > 100_000) for (const [k, e] of memory) if (e.endsAt <= now) memory.delete(k);
    entry = { hits: 0, endsAt: now + rule.windowSeconds * 1000 };
    memory.set(key, entry);
  }
  entry.hits += 1;
  if (entry.hits > rule.limit) {
    throw tooMany(rule, Math.max(1, Math.ceil((entry.endsAt - now) / 1000)));
  }
}

/** Before the route runs: count or check, per the declaration. */
export async function applyRateLimit(
  database: Database,
  limit: RateLimit,
  request: FastifyRequest,
  key: Buffer,
): Promise<void> {
  const throttleKey = throttleKeyOf(limit, request, key);
  const rule = ruleOf(limit);
  const counts = limit.counts ?? 'every';
  if (limit.store === 'memory') {
    if (counts !== 'every') throw new Error(`rate limit ${limit.name}: a memory store counts every call`);
    hitMemory(throttleKey, rule);
    return;
  }
  if (counts === 'every') await hitThrottle(database.db, throttleKey, rule);
  else if (counts === 'refused') {
    await assertUnderThrottle(database.db, throttleKey, rule);
    request.throttle = { key: throttleKey, rule, counted: false };
  } else request.throttle = { key: throttleKey, rule, counted: false };
}

/** After a refusal (4xx other than the limit's own 429): count it unless the module already did. */
export async function countRefusal(database: Database, request: FastifyRequest, error: unknown): Promise<void> {
  const throttle = request.throttle;
  if (!throttle || throttle.counted) return;
  if (error instanceof TooManyRequestsError) return;
  const status =
    (error as { status?: number; statusCode?: number }).status ??
    (error as { statusCode?: number }).statusCode ??
    ((error as { validation?: unknown }).validation ? 400 : 500);
  if (status < 400 || status >= 500) return;
  throttle.counted = true;
  await hitThrottle(database.db, throttle.key, throttle.rule);
}

/**
 * The hook of one phase: `ip` limits run first of all (before authentication), `user` limits just
 * after it. Install `ip` before the access control and `user` after it.
 */
export function installRateLimits(
  app: import('fastify').FastifyInstance,
  database: Database,
  key: Buffer,
  per: RateLimit['per'],
): void {
  app.addHook('onRequest', async (request) => {
    const limit = request.routeOptions.config?.rateLimit;
    if (limit?.per === per) await applyRateLimit(database, limit, request, key);
  });
}
