import type { InAppNotificationList, OutboxMessageList } from '../../shared/notifications/notifications.schemas.ts';
import type {
  NotificationPreferences,
  TestNotificationSent,
  UpdateNotificationPreferences,
} from '../../shared/notifications/notification-preferences.schemas.ts';
import type {
  CreatePushSubscription,
  PushPublicKey,
  PushSubscriptionCreated,
} from '../../shared/notifications/push.schemas.ts';
import { request } from './http.ts';

export type InAppNotificationData = InAppNotificationList['items'][number];
export type OutboxMessageData = OutboxMessageList['items'][number];

/** Fired in this tab when notifications are read, so the header's count follows without a fetch loop. */
export const NOTIFICATIONS_READ_EVENT = 'psq:notifications-read';

export const notificationsApi = {
  mine: () => request<InAppNotificationList>('/api/notifications/mine').then((r) => r.items),
  markRead: async (id: string) => {
    await request<void>(`/api/notifications/${id}/read`, { method: 'POST' });
    window.dispatchEvent(new Event(NOTIFICATIONS_READ_EVENT));
  },
  preferences: () => request<NotificationPreferences>('/api/notifications/preferences'),
  savePreferences: (body: UpdateNotificationPreferences) =>
    request<void>('/api/notifications/preferences', { method: 'PUT', body }),
  sendTest: () => request<TestNotificationSent>('/api/notifications/test', { method: 'POST' }),
  pushKey: () => request<PushPublicKey>('/api/notifications/push/key').then((r) => r.publicKey),
  subscribePush: (body: CreatePushSubscription) =>
    request<PushSubscriptionCreated>('/api/notifications/push/subscriptions', { method: 'POST', body }),
  unsubscribePush: (endpoint: string) =>
    request<void>('/api/notifications/push/subscriptions', { method: 'DELETE', body: { endpoint } }),
  testOutbox: () => request<OutboxMessageList>('/api/admin/test-outbox').then((r) => r.items),
};
