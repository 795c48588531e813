import { timingSafeEqual } from 'node:crypto';

import { HOTP, Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

/**
 * TOTP second factor (RFC 6238): SHA-1, 6 digits, 30-second steps. These are the only
 * parameters every authenticator app honours; the otpauth:// URI states them anyway.
 */

export const TOTP_ISSUER = 'PSQ';
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted on either side of the server's: phones drift, and people type slowly. */
export const TOTP_DRIFT_STEPS = 1;

const ALGORITHM = 'SHA1';

export type TotpResult = { ok: true; step: number } | { ok: false; reason: 'invalid' | 'replayed' };

/** 160 random bits (RFC 4226's recommended key size), base32 without padding. */
export function createTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The time step a timestamp (ms) falls into. */
export function totpStep(now = Date.now()): number {
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);
}

/** otpauth://totp/PSQ:agent%40example.fr?issuer=PSQ&secret=…: what the QR code encodes. */
export function totpUri(secret: string, accountEmail: string): string {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: accountEmail,
    secret: Secret.fromBase32(secret),
    algorithm: ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** A standalone SVG document; 'M' error correction and a quiet zone of 2 modules scan well from a screen. */
export async function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

function codeAt(secret: Secret, step: number): string {
  return HOTP.generate({ secret, algorithm: ALGORITHM, digits: TOTP_DIGITS, counter: step });
}

/** The code an authenticator shows at `now`. For tests and the browser tests. */
export function currentTotp(secret: string, now = Date.now()): string {
  return codeAt(Secret.fromBase32(secret), totpStep(now));
}

/**
 * Accepts a code for the current step ±TOTP_DRIFT_STEPS. A code whose step is not after
 * `lastStep` (the last accepted one, stored per user) is refused as replayed: a code works
 * once, and a code older than one already used never works — otherwise someone looking over
 * a shoulder could reuse it within the drift window.
 * The caller stores the returned step as the new lastStep.
 */
export function verifyTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): TotpResult {
  // Authenticator apps display '123 456'; accept the spaces, nothing else.
  const token = typeof code === 'string' ? code.replace(/\s+/g, '') : '';
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: 'invalid' };

  const key = Secret.fromBase32(secret);
  const current = totpStep(now);
  let replayed = false;
  // Newest step first: should two steps share a code, the newest is the one recorded.
  for (let step = current + TOTP_DRIFT_STEPS; step >= current - TOTP_DRIFT_STEPS; step--) {
    if (step < 0) continue;
    if (!timingSafeEqual(Buffer.from(codeAt(key, step)), Buffer.from(token))) continue;
    if (lastStep !== null && step <= lastStep) {
      replayed = true;
      continue;
    }
    return { ok: true, step };
  }
  return replayed ? { ok: false, reason: 'replayed' } : { ok: false, reason: 'invalid' };
}
