import { createHmac, randomInt } from 'node:crypto';

import { hashToken, safeEqual } from './tokens.ts';

/**
 * Single-use recovery codes, for staff who lost their authenticator. Shown once, stored hashed.
 *
 * The alphabet has no 0/o, 1/l/i: codes are copied by hand from paper, and a misread
 * character should not lock anyone out. Letters are lower case because normalisation
 * lower-cases anyway; 31 symbols × 10 characters ≈ 49.5 bits per code.
 */
export const RECOVERY_CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUP_LENGTH = 5;

function randomGroup(): string {
  let group = '';
  // randomInt is unbiased, unlike `byte % 31`.
  for (let i = 0; i < GROUP_LENGTH; i++) group += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
  return group;
}

/** `count` distinct codes formatted 'xxxxx-xxxxx'. */
export function createRecoveryCodes(count = 10): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new Error('recovery code count must be 1–100');
  const codes = new Set<string>();
  while (codes.size < count) codes.add(`${randomGroup()}-${randomGroup()}`);
  return [...codes];
}

/**
 * What is hashed, at creation and at verification alike: people retype codes with spaces,
 * in capitals, without the dash. Removing every whitespace also covers trimming.
 */
export function normaliseRecoveryCode(code: string): string {
  return (typeof code === 'string' ? code : '').toLowerCase().replace(/[\s-]+/g, '');
}

/**
 * SHA-256 hex of the normalised code. With `key` (a server-side pepper), HMAC-SHA256 hex
 * instead: ~50-bit codes hashed without a secret can be brute-forced by whoever reads the
 * table, so callers that have a server key should pass it, at creation and verification.
 */
export function hashRecoveryCode(code: string, key?: Buffer): string {
  const normalised = normaliseRecoveryCode(code);
  return key ? createHmac('sha256', key).update(normalised, 'utf8').digest('hex') : hashToken(normalised);
}

/** Index of the stored hash the code matches, or -1. Compares every hash, in constant time each. */
export function findRecoveryCode(code: string, storedHashes: readonly string[], key?: Buffer): number {
  const candidate = hashRecoveryCode(code, key);
  let found = -1;
  storedHashes.forEach((stored, i) => {
    if (safeEqual(stored, candidate) && found === -1) found = i;
  });
  return found;
}
