import type {
  BookingCreate,
  BookingReceipt,
  BookingSummary,
  OccurrenceSlots,
} from '../../shared/office-hours-bookings.schemas.ts';
import { query, request } from './http.ts';

const id = (value: string) => encodeURIComponent(value);

/** Residents' bookings of office hours: free slots, booking, and the cancel link's summary and cancellation. */
export const bookingsApi = {
  slots: (scheduleId: string, date: string) =>
    request<OccurrenceSlots>(`/api/public/office-hours/schedules/${id(scheduleId)}/slots${query({ date })}`),
  book: (body: BookingCreate) => request<BookingReceipt>('/api/public/office-hours/bookings', { method: 'POST', body }),
  show: (code: string) => request<BookingSummary>(`/api/public/office-hours/bookings/${id(code)}`),
  cancel: (code: string) =>
    request<BookingSummary>(`/api/public/office-hours/bookings/${id(code)}/cancel`, { method: 'POST' }),
};
