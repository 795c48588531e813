import { createHmac, timingSafeEqual } from 'node:crypto';

// Twilio's webhook signature, shared by the provider (to check receipts) and the fake server
// (to produce them), so that both sides cannot drift apart.
// https://www.twilio.com/docs/usage/webhooks/webhooks-security

/**
 * base64(HMAC-SHA1(authToken, url + key1 + value1 + key2 + value2 …)) with the POST parameters
 * sorted by name. The plain code-unit sort matches Twilio's SDKs (Object.keys(...).sort()).
 */
export function computeTwilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

/** Constant-time check, so the expected signature cannot be guessed byte by byte from timings. */
export function isValidTwilioSignature(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!signature || !authToken) return false;
  const expected = Buffer.from(computeTwilioSignature(authToken, url, params), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  // timingSafeEqual throws on different lengths; the length of a SHA-1 digest is no secret.
  return given.length === expected.length && timingSafeEqual(given, expected);
}
