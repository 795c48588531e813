import { inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { notificationDeliveries, type Channel, type DeliveryStatus } from './notifications.tables.ts';

export interface DeliveryState {
  id: string;
  channel: Channel;
  status: DeliveryStatus;
  /** French, for the sender (never the address nor the body). */
  lastError: string | null;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
}

/** How far these deliveries went, for modules that show per-recipient tracking (alerts). */
export async function readDeliveryStates(db: Executor, ids: string[]): Promise<Map<string, DeliveryState>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({
      id: notificationDeliveries.id,
      channel: notificationDeliveries.channel,
      status: notificationDeliveries.status,
      lastError: notificationDeliveries.lastError,
      sentAt: notificationDeliveries.sentAt,
      deliveredAt: notificationDeliveries.deliveredAt,
      readAt: notificationDeliveries.readAt,
    })
    .from(notificationDeliveries)
    .where(inArray(notificationDeliveries.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}
