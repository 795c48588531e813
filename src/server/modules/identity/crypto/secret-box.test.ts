import { randomBytes } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { createSecretBox, deriveKey } from './secret-box.ts';

const box = createSecretBox(randomBytes(32));

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}

describe('secret box', () => {
  it('round-trips, with a fresh IV every time', () => {
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    const a = box.seal(secret);
    const b = box.seal(secret);
    expect(a).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(box.open(a)).toBe(secret);
    expect(box.open(b)).toBe(secret);
    expect(box.open(box.seal(''))).toBe('');
    expect(box.open(box.seal('accentué ✓'))).toBe('accentué ✓');
  });

  it('detects tampering with any part', () => {
    const sealed = box.seal('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const [version, iv, ciphertext, tag] = sealed.split('.');
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] ^= 1;
      return b64(bytes);
    };
    for (const forged of [
      [version, flip(iv), ciphertext, tag],
      [version, iv, flip(ciphertext), tag],
      [version, iv, ciphertext, flip(tag)],
      ['v2', iv, ciphertext, tag],
      [version, iv, ciphertext, b64(Buffer.from(tag, 'base64url').subarray(0, 12))],
      [version, iv, ciphertext],
    ]) {
      expect(() => box.open(forged.join('.'))).toThrow('secret illisible');
    }
    for (const junk of ['', 'v1', 'v1...', 'not sealed at all', null as unknown as string]) {
      expect(() => box.open(junk)).toThrow('secret illisible');
    }
  });

  it('cannot open with another key', () => {
    const sealed = box.seal('secret');
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow('secret illisible');
  });

  it('demands a 32-byte key', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow();
    expect(() => createSecretBox('x'.repeat(32) as unknown as Buffer)).toThrow();
  });
});

describe('deriveKey', () => {
  it('derives a stable 32-byte key from a secret of any length', () => {
    const key = deriveKey('une clé de configuration assez longue et aléatoire');
    expect(key).toHaveLength(32);
    expect(deriveKey('une clé de configuration assez longue et aléatoire').equals(key)).toBe(true);
    expect(deriveKey('une autre clé').equals(key)).toBe(false);
    expect(deriveKey('x'.repeat(500))).toHaveLength(32);
    expect(() => deriveKey('')).toThrow();
  });

  it('works with the secret box', () => {
    const a = createSecretBox(deriveKey('platform secret'));
    const b = createSecretBox(deriveKey('platform secret'));
    expect(b.open(a.seal('JBSWY3DPEHPK3PXP'))).toBe('JBSWY3DPEHPK3PXP');
  });
});
