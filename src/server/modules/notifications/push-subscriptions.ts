import { and, count, eq } from 'drizzle-orm';
import type { CreatePushSubscription, PushPublicKey } from '../../../shared/notifications/push.schemas.ts';
import type { UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import { BadRequestError, ConflictError } from '../../platform/errors.ts';
import type { NotificationsContext } from './notifications-context.ts';
import { pushSubscriptions } from './notifications.tables.ts';
import { loadVapidKeys } from './vapid-keys.ts';

/** Browsers per person: more is a script, not a person. */
const MAX_SUBSCRIPTIONS = 20;

function decodedLength(value: string): number | undefined {
  return /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64url').length : undefined;
}

/**
 * Push services are https; a plain-http loopback endpoint is accepted outside production only,
 * so that tests can run a local push service. Keys: an uncompressed P-256 point (65 bytes) and a
 * 16-byte secret, both base64url (RFC 8291).
 */
export function validateSubscription(input: CreatePushSubscription, production: boolean): void {
  let url: URL;
  try {
    url = new URL(input.endpoint);
  } catch {
    throw new BadRequestError("Adresse d'abonnement invalide : une URL https est attendue.", [
      { pointer: '/endpoint', message: 'URL invalide.' },
    ]);
  }
  const loopback = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(loopback && !production)) {
    throw new BadRequestError("Adresse d'abonnement refusée : seule une URL https est acceptée.", [
      { pointer: '/endpoint', message: 'URL https attendue.' },
    ]);
  }
  const p256dh = Buffer.from(input.keys.p256dh, 'base64url');
  if (decodedLength(input.keys.p256dh) !== 65 || p256dh[0] !== 4) {
    throw new BadRequestError("Clé d'abonnement invalide : « p256dh » doit être une clé publique P-256 en base64url.", [
      { pointer: '/keys/p256dh', message: 'Clé P-256 non compressée (65 octets) attendue.' },
    ]);
  }
  if (decodedLength(input.keys.auth) !== 16) {
    throw new BadRequestError("Clé d'abonnement invalide : « auth » doit compter 16 octets en base64url.", [
      { pointer: '/keys/auth', message: 'Secret de 16 octets attendu.' },
    ]);
  }
}

/** The server's VAPID public key, for the browser's PushManager.subscribe. */
export function pushPublicKey(ctx: Pick<NotificationsContext, 'config'>): PushPublicKey {
  const { config } = ctx;
  return { publicKey: loadVapidKeys(process.env, config.dataDir, config.publicUrl, config.mailFrom).publicKey };
}

/**
 * Registers this browser for the person (checked first, see validateSubscription); the same
 * browser signed in as someone else moves to them.
 */
export async function saveSubscription(
  ctx: Pick<NotificationsContext, 'config'>,
  executor: Executor,
  actor: UserActor,
  input: CreatePushSubscription,
): Promise<string> {
  validateSubscription(input, ctx.config.production);
  const userId = actor.id;
  return withTransaction(executor, async (tx) => {
    const [{ existing }] = await tx
      .select({ existing: count() })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, userId));
    if (existing >= MAX_SUBSCRIPTIONS)
      throw new ConflictError(`Vous avez déjà ${MAX_SUBSCRIPTIONS} appareils abonnés : désabonnez-en un d'abord.`);
    const values = { userId, p256dh: input.keys.p256dh, auth: input.keys.auth };
    const [row] = await tx
      .insert(pushSubscriptions)
      .values({ endpoint: input.endpoint, ...values })
      .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values })
      .returning({ id: pushSubscriptions.id });
    // The endpoint is a capability to push to the device: it stays out of the audit log.
    await recordAudit(tx, actor, {
      action: 'push-subscription.saved',
      recordType: 'push_subscription',
      recordId: row.id,
    });
    return row.id;
  });
}

/** Removes this browser's subscription if it is the person's own (anyone else's, or none: nothing happens). */
export async function deleteSubscription(executor: Executor, actor: UserActor, endpoint: string): Promise<void> {
  await withTransaction(executor, async (tx) => {
    const deleted = await tx
      .delete(pushSubscriptions)
      .where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, actor.id)))
      .returning({ id: pushSubscriptions.id });
    for (const row of deleted)
      await recordAudit(tx, actor, {
        action: 'push-subscription.deleted',
        recordType: 'push_subscription',
        recordId: row.id,
      });
  });
}
