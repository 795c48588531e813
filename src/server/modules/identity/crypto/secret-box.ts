import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for TOTP secrets: a database dump alone must not let anyone generate
 * staff second-factor codes. AES-256-GCM (authenticated: tampering is detected, not
 * decrypted into garbage) with a fresh random 12-byte IV per value.
 *
 * Sealed form: 'v1.<iv>.<ciphertext>.<tag>', each part base64url. The version prefix lets a
 * later key or algorithm change read old values while rewriting them.
 */

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'aes-256-gcm';

// One message for every failure: callers and logs need not know which check failed.
function unreadable(): Error {
  return new Error('secret illisible');
}

export function createSecretBox(key: Buffer): SecretBox {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) throw new Error('secret box key must be 32 bytes');
  // A private copy: a caller zeroing or reusing its buffer must not change this box's key.
  const ownKey = Buffer.from(key);

  return {
    seal(plain: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, ownKey, iv);
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv, ciphertext, tag].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },

    open(sealed: string): string {
      if (typeof sealed !== 'string') throw unreadable();
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw unreadable();
      const [iv, ciphertext, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
      // Node accepts shorter GCM tags unless told otherwise; a truncated tag is a forgery aid.
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw unreadable();
      try {
        const decipher = createDecipheriv(ALGORITHM, ownKey, iv, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
      } catch {
        throw unreadable();
      }
    },
  };
}

/**
 * A 32-byte key from a configured secret of any length (HKDF-SHA256, no salt, info
 * 'psq-secret-box'). The info string separates this key from any other key derived from
 * the same platform secret. HKDF does not stretch: the secret itself must be random.
 */
export function deriveKey(secret: string): Buffer {
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('secret box: empty secret');
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'psq-secret-box', KEY_BYTES));
}
