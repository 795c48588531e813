import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import {
  createRecoveryCodes,
  findRecoveryCode,
  hashRecoveryCode,
  normaliseRecoveryCode,
  RECOVERY_CODE_ALPHABET,
} from './recovery-codes.ts';

describe('createRecoveryCodes', () => {
  it('creates 10 distinct xxxxx-xxxxx codes by default', () => {
    const codes = createRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  });

  it('never uses ambiguous characters', () => {
    const all = createRecoveryCodes(100).join('');
    expect(all).not.toMatch(/[0oO1lIi]/);
    expect(RECOVERY_CODE_ALPHABET).not.toMatch(/[0oO1lIi]/);
    // Over 1 000 characters every symbol of the alphabet shows up.
    expect(new Set(all.replace(/-/g, '')).size).toBe(RECOVERY_CODE_ALPHABET.length);
  });

  it('honours the count and refuses nonsense', () => {
    expect(createRecoveryCodes(3)).toHaveLength(3);
    expect(() => createRecoveryCodes(0)).toThrow();
    expect(() => createRecoveryCodes(1.5)).toThrow();
  });
});

describe('normaliseRecoveryCode / hashRecoveryCode', () => {
  it('trims, lower-cases and removes dashes', () => {
    expect(normaliseRecoveryCode('  ABCDE-FGHJK \n')).toBe('abcdefghjk');
    expect(normaliseRecoveryCode('abcde fghjk')).toBe('abcdefghjk');
    expect(normaliseRecoveryCode('abcdefghjk')).toBe('abcdefghjk');
  });

  it('hashes the normalised code with SHA-256, hex', () => {
    const expected = createHash('sha256').update('abcdefghjk').digest('hex');
    expect(hashRecoveryCode('abcde-fghjk')).toBe(expected);
    expect(hashRecoveryCode(' ABCDE-FGHJK ')).toBe(expected);
    expect(hashRecoveryCode('ABCDEFGHJK')).toBe(expected);
    expect(hashRecoveryCode('abcde-fghjm')).not.toBe(expected);
  });

  it('uses an HMAC when given a key', () => {
    const key = Buffer.alloc(32, 7);
    expect(hashRecoveryCode('abcde-fghjk', key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode('abcde-fghjk', key)).not.toBe(hashRecoveryCode('abcde-fghjk'));
    expect(hashRecoveryCode('ABCDEFGHJK', key)).toBe(hashRecoveryCode('abcde-fghjk', key));
  });

  it('finds a code among stored hashes however it is typed', () => {
    const codes = createRecoveryCodes();
    const stored = codes.map((c) => hashRecoveryCode(c));
    expect(findRecoveryCode(codes[4].toUpperCase().replace('-', ' '), stored)).toBe(4);
    expect(findRecoveryCode('zzzzz-zzzzz', stored)).toBe(codes.indexOf('zzzzz-zzzzz'));
    expect(findRecoveryCode('', stored)).toBe(-1);
  });
});
