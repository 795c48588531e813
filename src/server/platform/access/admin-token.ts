import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Until identity lands (users, roles, MFA), the administrator proves itself with a long random
 * token: from ADMIN_TOKEN, else generated once into DATA_DIR/admin-token (mode 0600). The token
 * itself is never logged.
 */
export function loadAdminToken(configured: string | undefined, dataDir: string): { token: string; file?: string } {
  if (configured) {
    if (configured.length < 12) throw new Error('ADMIN_TOKEN doit compter au moins 12 caractères');
    return { token: configured };
  }
  const file = path.join(dataDir, 'admin-token');
  if (fs.existsSync(file)) return { token: fs.readFileSync(file, 'utf8').trim(), file };
  fs.mkdirSync(dataDir, { recursive: true });
  const token = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, file };
}

export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  // Compare digests: constant time whatever the lengths.
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(presented).digest();
  return crypto.timingSafeEqual(a, b);
}
