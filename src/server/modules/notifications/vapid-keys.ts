import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** Who push services contact about our sends: an https URL or a mailto: address. */
  subject: string;
}

const FILE = 'vapid-keys.json';

/** VAPID_SUBJECT, else the public site when it is https, else the sender address of e-mails. */
function subjectFor(env: NodeJS.ProcessEnv, publicUrl: string, mailFrom: string): string {
  if (env.VAPID_SUBJECT) {
    if (!/^(https:\/\/|mailto:)/.test(env.VAPID_SUBJECT))
      throw new Error('VAPID_SUBJECT doit être une URL https:// ou une adresse mailto:');
    return env.VAPID_SUBJECT;
  }
  if (publicUrl.startsWith('https://')) return publicUrl;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom;
  return `mailto:${address.trim()}`;
}

/**
 * The server's web push identity: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, else a pair generated
 * once into DATA_DIR/vapid-keys.json (mode 0600). Browsers bind their subscriptions to the public
 * key: changing it silently ends every subscription, so restarts must keep it, and every process
 * of a deployment on several hosts must be given the same pair.
 */
export function loadVapidKeys(env: NodeJS.ProcessEnv, dataDir: string, publicUrl: string, mailFrom: string): VapidKeys {
  const subject = subjectFor(env, publicUrl, mailFrom);
  if (env.VAPID_PUBLIC_KEY || env.VAPID_PRIVATE_KEY) {
    if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY)
      throw new Error('VAPID_PUBLIC_KEY et VAPID_PRIVATE_KEY vont ensemble : définissez les deux ou aucune.');
    return { publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY, subject };
  }
  const file = path.join(dataDir, FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    const generated = webpush.generateVAPIDKeys();
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(generated)}\n`, { mode: 0o600 });
    try {
      // A hard link appears whole and fails if the file exists: when the web and worker processes
      // start together, the first one wins and both read its pair.
      fs.linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { publicKey: string; privateKey: string };
  return { publicKey: stored.publicKey, privateKey: stored.privateKey, subject };
}
