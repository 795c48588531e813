import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque random tokens (sessions, invitations, password resets). Only their SHA-256 is stored:
 * a leaked table does not give working tokens, and since the tokens carry 256 random bits a
 * fast unsalted hash is enough (no dictionary to attack, unlike passwords).
 */

/** `bytes` random bytes, base64url (43 characters for the default 32 bytes). */
export function createToken(bytes = 32): string {
  if (!Number.isInteger(bytes) || bytes < 16) throw new Error('a token needs at least 16 random bytes');
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256, hex: the form tokens are stored and looked up in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Constant-time string comparison. Comparing digests rather than the strings keeps the
 * buffers the same length (timingSafeEqual throws otherwise) and so does not leak the
 * length of the expected value either.
 */
export function safeEqual(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db);
}

/** HMAC-SHA256, base64url: to sign values handed to the browser (CSRF tokens, signed cookies). */
export function hmac(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('base64url');
}
