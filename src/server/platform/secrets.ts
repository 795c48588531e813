import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The platform's secret key (sealing TOTP secrets, signing device cookies): SECRET_KEY, else
 * generated once into DATA_DIR/secret-key (mode 0600) so that restarts keep sessions usable.
 * Every process of a deployment must share it: set SECRET_KEY when running several.
 */
export function loadSecretKey(configured: string | undefined, dataDir: string): string {
  if (configured) {
    if (configured.length < 32) throw new Error('SECRET_KEY doit compter au moins 32 caractères');
    return configured;
  }
  const file = path.join(dataDir, 'secret-key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const key = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * A 32-byte key for one purpose (signed links, hashed addresses), derived from the platform secret
 * with HKDF: every process derives the same key, and one purpose's key says nothing of another's.
 */
export function derivePurposeKey(config: { secretKey?: string; dataDir: string }, purpose: string): Buffer {
  const secret = loadSecretKey(config.secretKey, config.dataDir);
  return Buffer.from(crypto.hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), purpose, 32));
}
