import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVapidKeys } from './vapid-keys.ts';

const MAIL_FROM = 'PSQ <ne-pas-repondre@psq.localhost>';

describe('VAPID keys', () => {
  it('are generated once into DATA_DIR (0600) and kept across restarts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psq-vapid-'));
    const first = loadVapidKeys({}, dir, 'http://localhost:3000', MAIL_FROM);
    const again = loadVapidKeys({}, dir, 'http://localhost:3000', MAIL_FROM);
    expect(again).toEqual(first);
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(first.subject).toBe('mailto:ne-pas-repondre@psq.localhost');
    expect(fs.statSync(path.join(dir, 'vapid-keys.json')).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['vapid-keys.json']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('come from the environment when set, both or neither', () => {
    const env = {
      VAPID_PUBLIC_KEY: 'cle-publique',
      VAPID_PRIVATE_KEY: 'cle-privee',
      VAPID_SUBJECT: 'mailto:ops@example.gouv.fr',
    };
    expect(loadVapidKeys(env, '/nonexistent', 'https://psq.example.gouv.fr', MAIL_FROM)).toEqual({
      publicKey: 'cle-publique',
      privateKey: 'cle-privee',
      subject: 'mailto:ops@example.gouv.fr',
    });
    expect(
      loadVapidKeys({ ...env, VAPID_SUBJECT: '' }, '/nonexistent', 'https://psq.example.gouv.fr', MAIL_FROM).subject,
    ).toBe('https://psq.example.gouv.fr');
    expect(() => loadVapidKeys({ VAPID_PUBLIC_KEY: 'seule' }, '/nonexistent', 'https://x', MAIL_FROM)).toThrow(
      /vont ensemble/,
    );
    expect(() => loadVapidKeys({ ...env, VAPID_SUBJECT: 'http://x' }, '/nonexistent', 'https://x', MAIL_FROM)).toThrow(
      /VAPID_SUBJECT/,
    );
  });
});
