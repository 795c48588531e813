import type { BookingSummary } from '../../../shared/office-hours/bookings.schemas.ts';
import { formatDate, formatDateAt, formatTime } from '../../../shared/format/french-dates.ts';

/** « 14 h 20 – 14 h 40 » for a slot of this length. */
export function slotRange(slot: string, minutes: number): string {
  const start = Number(slot.slice(0, 2)) * 60 + Number(slot.slice(3, 5));
  return `${formatTime(start)} – ${formatTime(start + minutes)}`;
}

/** What, when and where of a booking, in one sentence. */
export function BookingSummaryText({ booking }: { booking: BookingSummary }) {
  const when = booking.slot
    ? `le ${formatDateAt(booking.date, booking.slot)}`
    : `le ${formatDate(booking.date)} (sans créneau)`;
  return (
    <>
      <strong>{booking.title}</strong>, {when}, {booking.venueName} ({booking.venueAddress}).
    </>
  );
}
