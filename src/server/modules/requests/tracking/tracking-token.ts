import crypto from 'node:crypto';

/**
 * The tracking token is an HMAC of the request's id: 256 bits nobody can guess, and the server can
 * give the same link again when a submission is retried with its Idempotency-Key, while the
 * database only keeps its SHA-256 (a leaked table does not open any tracking page).
 */
export function trackingToken(key: Buffer, requestId: string): string {
  return crypto.createHmac('sha256', key).update(`request-track:${requestId}`).digest('base64url');
}

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Tokens have one shape: anything else is refused before any lookup. */
export const isTokenShaped = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export const trackingUrl = (publicUrl: string, token: string) => `${publicUrl}/suivi/${token}`;
