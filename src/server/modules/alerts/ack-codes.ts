import crypto from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const PART = 8;

/** Base62 of bytes, fixed length: short enough for an SMS, 47 bits per part. */
function base62(bytes: Buffer, length: number): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out += ALPHABET[Number(value % 62n)];
    value /= 62n;
  }
  return out;
}

/** The random part stored on the recipient row (unique). */
export function newAckCode(): string {
  return base62(crypto.randomBytes(12), PART);
}

function signature(key: Buffer, code: string): string {
  return base62(crypto.createHmac('sha256', key).update(`alert-ack:${code}`).digest().subarray(0, 12), PART);
}

/** What goes in the link: the random part and its truncated HMAC, so guessed codes are refused without a lookup. */
export function signAckCode(key: Buffer, code: string): string {
  return `${code}${signature(key, code)}`;
}

/** The random part of a signed code, or undefined when the signature does not match (tampered). */
export function verifyAckCode(key: Buffer, signed: string): string | undefined {
  if (!/^[0-9A-Za-z]{16}$/.test(signed)) return undefined;
  const code = signed.slice(0, PART);
  const expected = Buffer.from(signature(key, code));
  const given = Buffer.from(signed.slice(PART));
  return crypto.timingSafeEqual(expected, given) ? code : undefined;
}

export function ackLink(publicUrl: string, key: Buffer, code: string): string {
  return `${publicUrl}/a/${signAckCode(key, code)}`;
}
