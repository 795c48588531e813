import { useEffect } from 'react';
import { useAsync } from '../../app/hooks.ts';
import { LIVE_OPEN_EVENT, useLiveEvent } from '../../client/live.ts';
import { notificationContracts } from '../../../shared/notifications/notifications.contracts.ts';
import { call } from '../../client/call.ts';

export const NOTIFICATION_CREATED_EVENT = 'notification.created';
/** Fired in this tab when notifications are read, so the header's count follows without a fetch loop. */
export const NOTIFICATIONS_READ_EVENT = 'psq:notifications-read';

/** Marks one of my in-app messages read, and tells this tab's other views. */
export async function markNotificationRead(id: string): Promise<void> {
  await call(notificationContracts.markRead, { params: { id } });
  window.dispatchEvent(new Event(NOTIFICATIONS_READ_EVENT));
}

/**
 * The signed-in person's in-app notifications, fetched again when the server announces a new one
 * (`notification.created`), when the live stream (re)opens, and when this tab marks one read.
 */
export function useInAppNotifications(enabled: boolean) {
  const { data, error, reload } = useAsync(
    () => (enabled ? call(notificationContracts.mine).then((r) => r.items) : Promise.resolve(null)),
    [enabled],
  );
  useEffect(() => {
    if (!enabled) return undefined;
    window.addEventListener(NOTIFICATIONS_READ_EVENT, reload);
    return () => window.removeEventListener(NOTIFICATIONS_READ_EVENT, reload);
  }, [enabled, reload]);
  useLiveEvent(NOTIFICATION_CREATED_EVENT, reload, enabled);
  useLiveEvent(LIVE_OPEN_EVENT, reload, enabled);
  return { items: data ?? null, error };
}

export function useUnreadCount(enabled: boolean): number {
  const { items } = useInAppNotifications(enabled);
  return enabled ? (items?.filter((item) => item.readAt === null).length ?? 0) : 0;
}
