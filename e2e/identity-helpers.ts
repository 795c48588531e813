import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { vi } from 'vitest';

const TOTP_PERIOD_MS = 30_000;

/** Quoted-printable (RFC 2045) to text: soft line breaks removed, `=XX` bytes decoded as UTF-8. */
export function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The invitation link sent to `email`: the server started without SMTP writes each e-mail as an .eml
 * file into DATA_DIR/mail (the e-mail job may run a little after the invitation: polls for a while).
 */
export async function invitationPath(dataDir: string, email: string, timeoutMs = 20_000): Promise<string> {
  if (!dataDir) throw new Error('dossier de données inconnu : définissez E2E_DATA_DIR avec E2E_BASE_URL');
  const dir = path.join(dataDir, 'mail');
  return vi.waitFor(
    async () => {
      let names: string[] = [];
      try {
        names = (await readdir(dir)).filter((name) => name.endsWith('.eml'));
      } catch {
        // The mail directory is created with the first e-mail.
      }
      // File names start with an ISO timestamp: the newest sorts last.
      for (const name of names.sort().reverse()) {
        const message = decodeQuotedPrintable(await readFile(path.join(dir, name), 'utf8'));
        if (!message.toLowerCase().includes(email.toLowerCase())) continue;
        const match = /\/invitation\/([A-Za-z0-9_-]{20,100})/.exec(message);
        if (match) return `/invitation/${match[1]}`;
      }
      throw new Error(`aucun courriel d’invitation pour ${email} dans ${dir}`);
    },
    { timeout: timeoutMs, interval: 250 },
  );
}

/** The secret key shown on the activation page (grouped by 4 for manual entry). */
export async function readShownSecret(page: Page): Promise<string> {
  const text = (await page.getByTestId('cle-secrete').textContent()) ?? '';
  const secret = text.replace(/\s+/g, '');
  if (!/^[A-Z2-7]{16,}$/.test(secret)) throw new Error(`clé secrète illisible : « ${text} »`);
  return secret;
}

/**
 * The current TOTP code for `secret`, in a time step after `afterStep` (the server refuses a code whose
 * step is not after the last accepted one): waits for the next 30 s step when needed.
 */
export async function totpCode(secret: string, afterStep = -1): Promise<{ code: string; step: number }> {
  let step = Math.floor(Date.now() / TOTP_PERIOD_MS);
  if (step <= afterStep) {
    await new Promise((resolve) => setTimeout(resolve, (afterStep + 1) * TOTP_PERIOD_MS - Date.now() + 300));
    step = Math.floor(Date.now() / TOTP_PERIOD_MS);
  }
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  return { code: totp.generate({ timestamp: step * TOTP_PERIOD_MS + 1 }), step };
}
