import type { BookingSummary } from '../../../shared/office-hours/bookings.schemas.ts';
import { formatDay } from './office-hours-display.tsx';

/** « 14 h 20 – 14 h 40 » for a slot of this length. */
export function slotRange(slot: string, minutes: number): string {
  const start = Number(slot.slice(0, 2)) * 60 + Number(slot.slice(3, 5));
  const end = start + minutes;
  const text = (m: number) => `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
  return `${text(start)} – ${text(end)}`;
}

/** What, when and where of a booking, in one sentence. */
export function BookingSummaryText({ booking }: { booking: BookingSummary }) {
  const when = `le ${formatDay(booking.date)}${booking.slot ? ` à ${booking.slot.replace(':', ' h ')}` : ' (sans créneau)'}`;
  return (
    <>
      <strong>{booking.title}</strong>, {when}, {booking.venueName} ({booking.venueAddress}).
    </>
  );
}
