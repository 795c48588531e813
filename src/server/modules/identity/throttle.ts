import type { Executor } from '../../platform/db/client.ts';
import type { RateLimit } from '../../platform/http/rate-limit.ts';
import {
  assertUnderThrottle,
  clearThrottle,
  countThrottle,
  type ThrottleRule,
} from '../../platform/throttle/throttle.ts';
import { hmac } from './crypto/tokens.ts';

/**
 * Sign-in and second-factor failures, counted on the platform's one counter table
 * (`request_throttle`, `platform/throttle/throttle.ts`), so that every process sees the same
 * counts. Only failures count; a success clears the account's (or device's, or user's) count.
 *
 * - per source address: the sign-in route's declared limit (`SIGN_IN_PER_IP`, counted by this
 *   module: the platform hands it the key);
 * - per account (`sign-in-account:<keyed hash of the e-mail>`): many sources trying one account;
 * - per device (`sign-in-device:<hash>`): a browser holding the account's device cookie (it
 *   already signed in to that account) is counted on its own key instead of the account's, so an
 *   attacker hammering an account cannot lock its real user out;
 * - per user for the second factor (`mfa:user:<id>`), enrolment and verification together.
 */
const MESSAGE = 'Trop de tentatives de connexion.';
const WINDOW = 900;

export const SIGN_IN_PER_IP: RateLimit = {
  name: 'sign-in',
  per: 'ip',
  limit: 50,
  windowSeconds: WINDOW,
  message: MESSAGE,
  counts: 'module',
};
export const ACCOUNT_RULE: ThrottleRule = { limit: 10, windowSeconds: WINDOW, message: MESSAGE };
export const DEVICE_RULE: ThrottleRule = { limit: 10, windowSeconds: WINDOW, message: MESSAGE };
export const MFA_RULE: ThrottleRule = { limit: 10, windowSeconds: WINDOW, message: MESSAGE };

/** One failure counter: its key in `request_throttle` and its rule. */
export interface FailureCounter {
  key: string;
  rule: ThrottleRule;
}

export const accountCounter = (key: Buffer, email: string): FailureCounter => ({
  key: `sign-in-account:${hmac(key, `account:${email}`).slice(0, 22)}`,
  rule: ACCOUNT_RULE,
});
export const deviceCounter = (device: string): FailureCounter => ({
  key: `sign-in-device:${device.slice(0, 24)}`,
  rule: DEVICE_RULE,
});
export const mfaCounter = (userId: string): FailureCounter => ({ key: `mfa:user:${userId}`, rule: MFA_RULE });

/** 429 with Retry-After when one of the counters already reached its limit. */
export async function assertUnderLimits(db: Executor, counters: readonly FailureCounter[]): Promise<void> {
  for (const counter of counters) await assertUnderThrottle(db, counter.key, counter.rule);
}

/** One failure on each counter (one atomic upsert each). */
export async function countFailure(db: Executor, counters: readonly FailureCounter[]): Promise<void> {
  for (const counter of counters) await countThrottle(db, counter.key, counter.rule);
}

export async function clearFailures(db: Executor, counters: readonly FailureCounter[]): Promise<void> {
  await clearThrottle(
    db,
    counters.map((counter) => counter.key),
  );
}
