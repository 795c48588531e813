import { Type, type Static } from 'typebox';
import { StrictObject, Uuid } from '../common.schemas.ts';

/** An in-app message as its recipient sees it (the delivery id is what gets marked read). */
export const InAppNotification = StrictObject({
  id: Uuid,
  kind: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type InAppNotification = Static<typeof InAppNotification>;

export const InAppNotificationList = StrictObject({ items: Type.Array(InAppNotification) });
export type InAppNotificationList = Static<typeof InAppNotificationList>;

export const OutboxMessage = StrictObject({
  id: Uuid,
  channel: Type.String(),
  address: Type.String(),
  subject: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type OutboxMessage = Static<typeof OutboxMessage>;
export const OutboxMessageList = StrictObject({ items: Type.Array(OutboxMessage) });
export type OutboxMessageList = Static<typeof OutboxMessageList>;

/** Twilio posts more fields than we read and adds new ones over time: extra keys are allowed. */
export const SmsReceiptForm = Type.Record(Type.String(), Type.String());
/** `d`: the delivery id we put in the callback URL (signed with it), so a receipt needs no provider id from us. */
export const SmsReceiptQuery = Type.Object({ d: Type.Optional(Uuid) });
/** Twilio's signature of the receipt; checked by the provider adapter (a missing one is a 403, not a 400). */
export const SmsReceiptHeaders = Type.Object({ 'x-twilio-signature': Type.Optional(Type.String()) });
