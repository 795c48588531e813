import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { channelsFor, findKind } from './notification-kinds.ts';
import type { NotifyInput, NotifyRecipient } from './notifications.service.ts';
import {
  notificationDeliveries,
  notificationPreferences,
  notificationProfiles,
  pushSubscriptions,
  type Channel,
} from './notifications.tables.ts';
import { quietHoursEnd } from './quiet-hours.ts';

/** Ids per look-up: well under PostgreSQL's 65,535 bind parameters. */
const LOOKUP_CHUNK = 10_000;

export interface PlannedRecipient {
  /** With the profile's phone when the caller gave none. */
  recipient: NotifyRecipient;
  /** Transport channels for this person (push rows come from `pushRows`). */
  channels: Channel[];
  /** End of the person's quiet hours when the message is not urgent, else null. */
  notBefore: Date | null;
}

export interface DeliveryPlan {
  recipients: PlannedRecipient[];
  /** One push delivery per subscribed browser of each person who gets push. */
  pushRows(notificationId: string): Array<typeof notificationDeliveries.$inferInsert>;
}

interface PersonSettings {
  chosen?: Channel[];
  phone: string | null;
  quiet?: { startMinute: number; endMinute: number };
  subscriptions: string[];
}

async function inChunks<T>(ids: string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < ids.length; start += LOOKUP_CHUNK)
    rows.push(...(await load(ids.slice(start, start + LOOKUP_CHUNK))));
  return rows;
}

async function loadSettings(
  tx: Tx,
  kind: string,
  userIds: string[],
  wantPush: boolean,
): Promise<Map<string, PersonSettings>> {
  const settings = new Map<string, PersonSettings>(userIds.map((id) => [id, { phone: null, subscriptions: [] }]));
  const preferences = await inChunks(userIds, (chunk) =>
    tx
      .select({ userId: notificationPreferences.userId, channels: notificationPreferences.channels })
      .from(notificationPreferences)
      .where(and(eq(notificationPreferences.kind, kind), inArray(notificationPreferences.userId, chunk))),
  );
  for (const row of preferences) settings.get(row.userId)!.chosen = row.channels as Channel[];
  const profiles = await inChunks(userIds, (chunk) =>
    tx.select().from(notificationProfiles).where(inArray(notificationProfiles.userId, chunk)),
  );
  for (const row of profiles) {
    const person = settings.get(row.userId)!;
    person.phone = row.phone;
    if (row.quietStartMinute !== null && row.quietEndMinute !== null)
      person.quiet = { startMinute: row.quietStartMinute, endMinute: row.quietEndMinute };
  }
  if (wantPush) {
    const subscriptions = await inChunks(userIds, (chunk) =>
      tx
        .select({ id: pushSubscriptions.id, userId: pushSubscriptions.userId })
        .from(pushSubscriptions)
        .where(inArray(pushSubscriptions.userId, chunk))
        .orderBy(pushSubscriptions.createdAt),
    );
    for (const row of subscriptions) settings.get(row.userId)!.subscriptions.push(row.id);
  }
  return settings;
}

/**
 * Applies each person's settings to a message before its deliveries are written: their channel
 * choices for the kind, their phone for SMS, their browsers for push, and their quiet hours
 * (a non-urgent message waits in the queue until they end; in-app messages never wait).
 */
export async function planDeliveries(tx: Tx, input: NotifyInput, now = new Date()): Promise<DeliveryPlan> {
  const userIds = [...new Set(input.recipients.flatMap((r) => (r.userId ? [r.userId] : [])))];
  const wantPush = input.channels.includes('push');
  const settings = userIds.length
    ? await loadSettings(tx, input.kind, userIds, wantPush)
    : new Map<string, PersonSettings>();
  const urgent = findKind(input.kind)?.urgent ?? false;
  const pushFor = new Map<string, { subscriptions: string[]; notBefore: Date | null }>();

  const recipients = input.recipients.map((recipient): PlannedRecipient => {
    const person = recipient.userId ? settings.get(recipient.userId) : undefined;
    if (!person)
      return {
        recipient,
        channels: channelsFor(input.kind, input.channels, undefined).filter((c) => c !== 'push'),
        notBefore: null,
      };
    const channels = channelsFor(input.kind, input.channels, person.chosen);
    const notBefore = (!urgent && person.quiet && quietHoursEnd(now, person.quiet)) || null;
    if (channels.includes('push') && person.subscriptions.length)
      pushFor.set(recipient.userId!, { subscriptions: person.subscriptions, notBefore });
    const phone = recipient.phone ?? person.phone ?? undefined;
    return {
      recipient: phone === undefined ? recipient : { ...recipient, phone },
      channels: channels.filter((c) => c !== 'push'),
      notBefore,
    };
  });

  return {
    recipients,
    pushRows: (notificationId) =>
      [...pushFor].flatMap(([userId, { subscriptions, notBefore }]) =>
        subscriptions.map((subscriptionId) => ({
          notificationId,
          channel: 'push' as const,
          recipientUserId: userId,
          address: subscriptionId,
          idempotencyKey: `${notificationId}:push:${subscriptionId}`,
          status: 'queued' as const,
          nextAttemptAt: notBefore,
        })),
      ),
  };
}
