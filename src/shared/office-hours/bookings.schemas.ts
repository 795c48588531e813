import { Type, type Static } from 'typebox';
import { PlainLine, StrictObject, Uuid } from '../common.schemas.ts';

/**
 * Wire contract of office-hour bookings: free slots of an occurrence, a resident's booking and
 * its cancel link, the delegate's list. A booking is a slot ("HH:MM") or attendance only (null).
 */

const HourMinute = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  description: 'Heure « HH:MM », heure de Paris',
});
const IsoDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'Date « AAAA-MM-JJ »',
});
const Timestamp = Type.String({ format: 'date-time' });

export const SlotsQuery = StrictObject({ date: IsoDate });
export type SlotsQuery = Static<typeof SlotsQuery>;
export const OccurrenceSlots = Type.Object({
  scheduleId: Uuid,
  date: IsoDate,
  startTime: HourMinute,
  endTime: Type.String(),
  slotMinutes: Type.Integer(),
  /** Free slots only, in order. */
  free: Type.Array(HourMinute),
  /** What and where, for the booking page. */
  title: Type.String(),
  venueName: Type.String(),
  venueAddress: Type.String(),
});
export type OccurrenceSlots = Static<typeof OccurrenceSlots>;

export const BookingCreate = StrictObject({
  scheduleId: Uuid,
  date: IsoDate,
  /** Start of the chosen slot; null to just register attendance. */
  slot: Type.Union([HourMinute, Type.Null()]),
  name: PlainLine(120),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
  phone: Type.Optional(Type.String({ minLength: 6, maxLength: 30, pattern: '^[0-9 +().-]+$' })),
});
export type BookingCreate = Static<typeof BookingCreate>;

export const BookingStatus = Type.Union([Type.Literal('booked'), Type.Literal('cancelled')]);
/** What the resident sees by the cancel link: no contact details. */
export const BookingSummary = Type.Object({
  title: Type.String(),
  venueName: Type.String(),
  venueAddress: Type.String(),
  date: IsoDate,
  slot: Type.Union([HourMinute, Type.Null()]),
  status: BookingStatus,
});
export type BookingSummary = Static<typeof BookingSummary>;
export const BookingReceipt = Type.Object({ booking: BookingSummary, cancelUrl: Type.String() });
export type BookingReceipt = Static<typeof BookingReceipt>;
export const BookingCodeParams = StrictObject({ code: Type.String({ minLength: 1, maxLength: 64 }) });

export const DelegateBooking = Type.Object({
  id: Uuid,
  date: IsoDate,
  slot: Type.Union([HourMinute, Type.Null()]),
  name: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  status: BookingStatus,
  createdAt: Timestamp,
});
export type DelegateBooking = Static<typeof DelegateBooking>;
export const DelegateBookingList = Type.Object({ items: Type.Array(DelegateBooking) });
export type DelegateBookingList = Static<typeof DelegateBookingList>;
