import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/client.ts';
import { TooManyRequestsError } from '../errors.ts';
import { assertUnderThrottle, hitThrottle, sourceKey, tooMany, type ThrottleRule } from '../throttle/throttle.ts';

/**
 * A route's rate limit, declared beside its access (`rateLimit` of `serve`), applied by the
 * platform before anything else runs:
 * - `per`: whose calls are counted: the source address (kept as a keyed hash, never the address),
 *   the signed-in user (counted just after authentication), or the route's `record` when the caller
 *   is named by the request itself (an API key in a form body): the route's `load` then runs once
 *   the body is read and before validation, and `key(record)` names the counter (every call counts);
 * - `counts`: `every` call (counted first, refused beyond the limit); only the `refused` ones
 *   (checked first without counting, counted when the answer is a 4xx: unknown tokens, wrong
 *   codes); `module`: the module counts a call in its own statement (given `throttle`), and the
 *   platform counts the calls refused before it got there; or `made`: checked first without
 *   counting, and only what the module counts (given `throttle`, in the transaction that makes the
 *   record: a booking) counts, a refused or failed call costing nothing;
 * - `store`: `database` (default) holds across processes (one counter table); `memory` is per
 *   process, for limits that protect a peer of this process only (the geocoder).
 */
export interface RateLimit<R = unknown> {
  /** The counter's name, part of its key. */
  name: string;
  per: 'ip' | 'user' | 'record';
  /** With `per: 'record'`: the loaded record's part of the counter's key (`<name>:<key>`). */
  key?(record: R): string;
  /** French, for the OpenAPI note, with `per: 'record'`: who is counted (« application cliente »). */
  who?: string;
  limit: number;
  windowSeconds: number;
  /** French, said before « Réessayez dans … ». */
  message: string;
  counts?: 'every' | 'refused' | 'module' | 'made';
  store?: 'database' | 'memory';
  /**
   * With `refused` or `module`: the refusal statuses the platform counts (every 4xx but the
   * limit's own 429 unless said), e.g. `[404]` for a limit on unknown tokens only.
   */
  refusedStatuses?: readonly number[];
  /**
   * A limit on what the route creates, counted by the module on its own rows (the alerts an
   * account made in the last minute) in place of the platform's counter: called at the limit's
   * phase with the subject (the user's id, or the source's keyed hash), it refuses with a
   * `TooManyRequestsError` of its own. `limit` and `windowSeconds` still describe the rule in the
   * OpenAPI document; `counts`, `store` and `message` do not apply.
   */
  check?: (database: Database, subject: string) => Promise<void>;
  /** How the wait is said after the message: « Réessayez dans N minute(s). » (default) or « … N secondes. ». */
  retryIn?: 'minutes' | 'seconds';
}

/** What a `counts: 'module'` (or `'made'`) handler receives: the key and rule to count with, and whether it did. */
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

/** With `per: 'record'`, once the record is loaded: one hit on `<name>:<key(record)>`, refused beyond the limit. */
export async function applyRecordLimit(database: Database, limit: RateLimit, record: unknown): Promise<void> {
  if (!limit.key || (limit.counts ?? 'every') !== 'every' || limit.store === 'memory')
    throw new Error(`rate limit ${limit.name}: per record takes a key and counts every call in the database`);
  await hitThrottle(database.db, `${limit.name}:${limit.key(record)}`, ruleOf(limit));
}

/**
 * A body announced (Content-Length) over the route's `bodyLimit`, on a route that declares its
 * own refusal (`bodyTooLarge`): refused before anything else, so that the rate limit does not
 * count it. Without a declared refusal, Fastify's 413 comes when the body is read.
 */
function refuseAnnouncedBody(request: FastifyRequest): void {
  const tooLarge = request.routeOptions.config?.bodyTooLarge;
  if (tooLarge && Number(request.headers['content-length'] ?? 0) > (request.routeOptions.bodyLimit ?? Infinity))
    throw tooLarge();
}

/** Before the route runs: count or check, per the declaration. */
export async function applyRateLimit(
  database: Database,
  limit: RateLimit,
  request: FastifyRequest,
  key: Buffer,
): Promise<void> {
  if (limit.check)
    return limit.check(database, limit.per === 'ip' ? sourceKey(key, request.ip) : String(request.actor.id));
  const throttleKey = throttleKeyOf(limit, request, key);
  const rule = ruleOf(limit);
  const counts = limit.counts ?? 'every';
  if (limit.store === 'memory') {
    if (counts !== 'every') throw new Error(`rate limit ${limit.name}: a memory store counts every call`);
    hitMemory(throttleKey, rule);
    return;
  }
  if (counts === 'every') await hitThrottle(database.db, throttleKey, rule);
  else if (counts === 'refused' || counts === 'made') {
    await assertUnderThrottle(database.db, throttleKey, rule);
    request.throttle = { key: throttleKey, rule, counted: false };
  } else request.throttle = { key: throttleKey, rule, counted: false };
}

/** After a refusal (4xx other than the limit's own 429): count it unless the module already did (or counts only what it makes). */
export async function countRefusal(database: Database, request: FastifyRequest, error: unknown): Promise<void> {
  const throttle = request.throttle;
  if (!throttle || throttle.counted) return;
  if (request.routeOptions.config?.rateLimit?.counts === 'made') return;
  if (error instanceof TooManyRequestsError) return;
  const status =
    (error as { status?: number; statusCode?: number }).status ??
    (error as { statusCode?: number }).statusCode ??
    ((error as { validation?: unknown }).validation ? 400 : 500);
  if (status < 400 || status >= 500) return;
  const only = request.routeOptions.config?.rateLimit?.refusedStatuses;
  if (only && !only.includes(status)) return;
  throttle.counted = true;
  await hitThrottle(database.db, throttle.key, throttle.rule);
}

/**
 * The hook of one phase: `ip` limits run first of all (before authentication), `user` limits just
 * after it. Install `ip` before the access control and `user` after it. (`record` limits are
 * applied by `serve`, once the route's record is loaded.)
 */
export function installRateLimits(
  app: import('fastify').FastifyInstance,
  database: Database,
  key: Buffer,
  per: 'ip' | 'user',
): void {
  app.addHook('onRequest', async (request) => {
    if (per === 'ip') refuseAnnouncedBody(request);
    const limit = request.routeOptions.config?.rateLimit;
    if (limit?.per === per) await applyRateLimit(database, limit, request, key);
  });
}

/** The limit as the OpenAPI document states it, in French. */
export function describeRateLimit(limit: RateLimit): string {
  const who = limit.who ?? (limit.per === 'ip' ? 'adresse source' : 'utilisateur');
  const what = limit.check
    ? 'créations comptées par le module (voir la description)'
    : limit.counts === 'refused'
      ? `appels refusés${limit.refusedStatuses ? ` (${limit.refusedStatuses.join(', ')})` : ''}`
      : limit.counts === 'made'
        ? 'appels aboutis'
        : 'appels';
  const store = limit.store === 'memory' ? ', compté par processus' : '';
  return (
    `Limite : ${limit.limit} ${what} par ${who} toutes les ${limit.windowSeconds}` +
    ` s${store} ; au-delà, 429 avec Retry-After.`
  );
}
