import { Type, type Static } from 'typebox';
import { StrictObject, Uuid } from '../common.schemas.ts';

/** `GET /api/live`: a text/event-stream, one `event: <type>` + `data: <json>` per event. */
export const LiveStream = Type.String({
  description:
    'Flux text/event-stream : « event: <type> » puis « data: <json> » ; commentaire de maintien toutes les 25 s.',
});

/** Data of `notification.created`: the in-app delivery to fetch again (GET /api/notifications/mine). */
export const NotificationCreatedEvent = StrictObject({ deliveryId: Uuid });
export type NotificationCreatedEvent = Static<typeof NotificationCreatedEvent>;

/** Sent by the browser client itself each time the stream (re)opens: time to refetch. */
export const LIVE_OPEN_EVENT = 'live.open';

/** Data of `notification.delivery-updated`, sent to a message's author when a delivery moves (sent, delivered, failed, read). */
export const DELIVERY_UPDATED_EVENT = 'notification.delivery-updated';
export const DeliveryUpdatedEvent = StrictObject({ notificationId: Uuid });
export type DeliveryUpdatedEvent = Static<typeof DeliveryUpdatedEvent>;
