import { createHash, createHmac } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createToken, hashToken, hmac, safeEqual } from './tokens.ts';

describe('tokens', () => {
  it('creates random base64url tokens of the requested size', () => {
    const token = createToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(createToken()).not.toBe(token);
    expect(Buffer.from(createToken(48), 'base64url')).toHaveLength(48);
    expect(() => createToken(8)).toThrow();
  });

  it('hashes with SHA-256, hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
  });

  it('compares safely, including strings of different lengths', () => {
    expect(safeEqual('same', 'same')).toBe(true);
    expect(safeEqual('same', 'Same')).toBe(false);
    expect(safeEqual('short', 'much longer value')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual(undefined as unknown as string, 'x')).toBe(false);
  });

  it('computes an HMAC-SHA256, base64url', () => {
    const key = Buffer.from('key');
    // RFC 4231-style sanity: matches node's own HMAC and changes with key and value.
    expect(hmac(key, 'The quick brown fox jumps over the lazy dog')).toBe(
      Buffer.from('f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8', 'hex').toString('base64url'),
    );
    expect(hmac(key, 'v')).toBe(createHmac('sha256', key).update('v').digest('base64url'));
    expect(hmac(Buffer.from('other'), 'v')).not.toBe(hmac(key, 'v'));
  });
});
