import { Type, type Static } from 'typebox';
import { StrictObject, Uuid } from '../common.schemas.ts';

/** `GET /api/notifications/push/key`: the server's VAPID public key (base64url), for PushManager.subscribe. */
export const PushPublicKey = StrictObject({ publicKey: Type.String() });
export type PushPublicKey = Static<typeof PushPublicKey>;

/** `POST /api/notifications/push/subscriptions`: PushSubscription.toJSON() as the browser gives it. */
export const CreatePushSubscription = StrictObject({
  endpoint: Type.String({ maxLength: 2048 }),
  expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  keys: StrictObject({ p256dh: Type.String({ maxLength: 200 }), auth: Type.String({ maxLength: 100 }) }),
});
export type CreatePushSubscription = Static<typeof CreatePushSubscription>;

export const PushSubscriptionCreated = StrictObject({ id: Uuid });
export type PushSubscriptionCreated = Static<typeof PushSubscriptionCreated>;

/** `DELETE /api/notifications/push/subscriptions`: this browser's endpoint. */
export const DeletePushSubscription = StrictObject({ endpoint: Type.String({ maxLength: 2048 }) });
export type DeletePushSubscription = Static<typeof DeletePushSubscription>;
