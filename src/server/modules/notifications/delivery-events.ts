import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { publishLive } from '../../platform/live/live.ts';
import { DELIVERY_UPDATED_EVENT, type DeliveryUpdatedEvent } from '../../../shared/platform/live.schemas.ts';
import { notifications } from './notifications.tables.ts';

/** A fan-out to thousands must not become thousands of events: one per message per interval. */
const MIN_INTERVAL_MS = 1_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Announces delivery progress to the person who sent the message (an alert's sender follows
 * "remis / lu" without reloading). System actors (jobs, commands) have no browser: skipped.
 * Throttled per message within this process: the first change is announced at once, the others
 * within the interval are folded into one trailing event.
 */
export function createDeliveryAnnouncer(db: Executor) {
  const last = new Map<string, number>();
  const pending = new Map<string, NodeJS.Timeout>();

  async function publish(notificationId: string, authorId: string) {
    last.set(notificationId, Date.now());
    if (last.size > 10_000) last.delete(last.keys().next().value as string);
    await publishLive(db, [authorId], {
      type: DELIVERY_UPDATED_EVENT,
      data: { notificationId } satisfies DeliveryUpdatedEvent,
    });
  }

  function announce(notificationId: string, authorId: string | null): void {
    if (!authorId || !UUID.test(authorId) || pending.has(notificationId)) return;
    const wait = (last.get(notificationId) ?? 0) + MIN_INTERVAL_MS - Date.now();
    const run = () => {
      pending.delete(notificationId);
      // Live events are a courtesy: the page also refetches when its stream reopens.
      publish(notificationId, authorId).catch(() => undefined);
    };
    if (wait <= 0) return run();
    const timer = setTimeout(run, wait);
    timer.unref();
    pending.set(notificationId, timer);
  }

  /** For callers that know only the message ids (receipts, read marks). */
  async function announceByIds(notificationIds: string[]): Promise<void> {
    const ids = [...new Set(notificationIds)];
    if (ids.length === 0) return;
    const rows = await db
      .select({ id: notifications.id, createdBy: notifications.createdBy })
      .from(notifications)
      .where(inArray(notifications.id, ids));
    for (const row of rows) announce(row.id, row.createdBy);
  }

  function close() {
    for (const timer of pending.values()) clearTimeout(timer);
    pending.clear();
  }

  return { announce, announceByIds, close };
}

export type DeliveryAnnouncer = ReturnType<typeof createDeliveryAnnouncer>;
