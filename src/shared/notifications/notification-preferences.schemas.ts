import { Type, type Static } from 'typebox';
import { StrictObject } from '../common.schemas.ts';

export const NotificationChannel = Type.Union([
  Type.Literal('email'),
  Type.Literal('sms'),
  Type.Literal('in_app'),
  Type.Literal('push'),
]);
export type NotificationChannel = Static<typeof NotificationChannel>;

/** "HH:MM", Paris time. */
export const QuietHours = StrictObject({ start: Type.String({ maxLength: 5 }), end: Type.String({ maxLength: 5 }) });
export type QuietHours = Static<typeof QuietHours>;

/** One kind of message as the person may set it: `channels` are those on (imposed or chosen). */
export const KindPreference = StrictObject({
  kind: Type.String(),
  label: Type.String(),
  urgent: Type.Boolean(),
  allowed: Type.Array(NotificationChannel),
  choosable: Type.Array(NotificationChannel),
  channels: Type.Array(NotificationChannel),
});
export type KindPreference = Static<typeof KindPreference>;

/** `GET /api/notifications/preferences`. */
export const NotificationPreferences = StrictObject({
  /** E.164, or null. */
  phone: Type.Union([Type.String(), Type.Null()]),
  quietHours: Type.Union([QuietHours, Type.Null()]),
  kinds: Type.Array(KindPreference),
  /** Browsers of this person that receive web push. */
  pushSubscriptions: Type.Integer({ minimum: 0 }),
});
export type NotificationPreferences = Static<typeof NotificationPreferences>;

/** `PUT /api/notifications/preferences`: kinds left out keep their setting. */
export const UpdateNotificationPreferences = StrictObject({
  /** National (06 12 34 56 78) or international form; null removes it. */
  phone: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
  quietHours: Type.Union([QuietHours, Type.Null()]),
  kinds: Type.Array(
    StrictObject({
      kind: Type.String({ maxLength: 64 }),
      channels: Type.Array(Type.String({ maxLength: 16 }), { maxItems: 8 }),
    }),
    { maxItems: 64 },
  ),
});
export type UpdateNotificationPreferences = Static<typeof UpdateNotificationPreferences>;

/** `POST /api/notifications/test`: a message to oneself on every channel one's settings reach. */
export const TestNotificationSent = StrictObject({
  notificationId: Type.String({ format: 'uuid' }),
  channels: Type.Array(NotificationChannel),
});
export type TestNotificationSent = Static<typeof TestNotificationSent>;
