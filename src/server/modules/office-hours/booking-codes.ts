import crypto from 'node:crypto';

/**
 * The cancel code of a booking: 12 random bytes and a truncated HMAC of them (base64url, 32
 * characters). A guessed or mistyped code is refused on its signature, before any lookup; the
 * table keeps only the SHA-256 of the code, so a leaked table cancels nothing.
 */
const RANDOM_CHARS = 16;

function signatureOf(key: Buffer, random: string): string {
  return crypto.createHmac('sha256', key).update(`office-hours-cancel:${random}`).digest('base64url').slice(0, 16);
}

export function newCancelCode(key: Buffer): string {
  const random = crypto.randomBytes(12).toString('base64url');
  return `${random}${signatureOf(key, random)}`;
}

export function isSignedCancelCode(key: Buffer, code: string): boolean {
  if (!/^[A-Za-z0-9_-]{32}$/.test(code)) return false;
  const expected = Buffer.from(signatureOf(key, code.slice(0, RANDOM_CHARS)));
  return crypto.timingSafeEqual(expected, Buffer.from(code.slice(RANDOM_CHARS)));
}

export const hashCancelCode = (code: string) => crypto.createHash('sha256').update(code).digest('hex');

export const cancelUrl = (publicUrl: string, code: string) => `${publicUrl}/permanences/annulation/${code}`;
