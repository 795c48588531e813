import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import webpush from 'web-push';
import type { Database } from '../../platform/db/client.ts';
import { findKind } from './notification-kinds.ts';
import { pushSubscriptions, type FailureKind } from './notifications.tables.ts';
import type { VapidKeys } from './vapid-keys.ts';

/** A push service that does not answer within this delay is treated as unreachable. */
const PUSH_TIMEOUT_MS = 10_000;
/** Encrypted payloads must stay under 4 KB: the body is cut well before. */
const MAX_BODY_CHARS = 1_000;
/** A non-urgent push older than a day is no longer worth showing. */
const TTL_SECONDS = { urgent: 3_600, normal: 86_400 };

/** A failed push, sorted like SMS failures so the deliverer retries or gives up the same way. */
export class PushError extends Error {
  readonly outcomeUnknown = false;
  constructor(
    message: string,
    readonly kind: FailureKind,
    readonly retriable: boolean,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export interface PushMessage {
  deliveryId: string;
  kind: string;
  subject: string;
  body: string;
}

export interface PushSender {
  /** Sends to one subscribed browser; returns the push service's message id (or a stand-in). */
  send(subscriptionId: string, message: PushMessage): Promise<string>;
}

/** What the service worker (public/sw.js) shows. */
export function pushPayload(message: PushMessage): string {
  const body = message.body.length > MAX_BODY_CHARS ? `${message.body.slice(0, MAX_BODY_CHARS - 1)}…` : message.body;
  return JSON.stringify({ title: message.subject, body, tag: message.deliveryId, url: '/notifications' });
}

function statusError(status: number, retryAfter: string | null): PushError {
  if (status === 429)
    return new PushError(
      'Le service de notification limite les envois : nouvel essai plus tard.',
      'temporary',
      true,
      Number(retryAfter) || undefined,
    );
  if (status >= 500)
    return new PushError(`Le service de notification est indisponible (HTTP ${status}).`, 'temporary', true);
  return new PushError(`Le service de notification refuse le message (HTTP ${status}).`, 'permanent', false);
}

/**
 * Encrypts with web-push (RFC 8291, aes128gcm, VAPID) and posts with fetch, so the request is
 * ours to time out. The Topic header (one per delivery) makes a retry replace a message still
 * waiting at the push service, and the notification tag replaces one already shown: a retry
 * after a timeout never leaves two notifications on the device.
 */
/** `keys` is read at the first send: processes that never push never create a key pair. */
export function createPushSender(database: Database, keys: () => VapidKeys): PushSender {
  const db = database.db;
  let vapidDetails: { subject: string; publicKey: string; privateKey: string } | undefined;

  return {
    async send(subscriptionId, message) {
      const [subscription] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, subscriptionId));
      if (!subscription) throw new PushError("L'appareil s'est désabonné des notifications.", 'permanent', false);
      const urgent = findKind(message.kind)?.urgent ?? false;
      const details = webpush.generateRequestDetails(
        { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
        pushPayload(message),
        {
          vapidDetails: (vapidDetails ??= keys()),
          TTL: urgent ? TTL_SECONDS.urgent : TTL_SECONDS.normal,
          urgency: urgent ? 'high' : 'normal',
          topic: crypto.createHash('sha256').update(message.deliveryId).digest('base64url').slice(0, 32),
        },
      );
      let response: Response;
      try {
        response = await fetch(details.endpoint, {
          method: 'POST',
          headers: Object.fromEntries(Object.entries(details.headers).map(([name, value]) => [name, String(value)])),
          body: details.body ? new Uint8Array(details.body) : null,
          signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
        });
      } catch {
        throw new PushError('Service de notification injoignable.', 'technical', true);
      }
      if (response.status === 404 || response.status === 410) {
        // The browser dropped the subscription: keep no address that will never work again.
        await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscriptionId));
        throw new PushError("L'abonnement de l'appareil a expiré : il a été supprimé.", 'permanent', false);
      }
      if (!response.ok) throw statusError(response.status, response.headers.get('retry-after'));
      await db
        .update(pushSubscriptions)
        .set({ lastSuccessAt: new Date() })
        .where(eq(pushSubscriptions.id, subscriptionId));
      return response.headers.get('location') ?? `push-${response.status}`;
    },
  };
}
