import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import type { RateLimit, ThrottleHandle } from '../../platform/http/rate-limit.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError } from '../../platform/errors.ts';
import { normalisePhone } from '../../platform/sms/phone.ts';
import { formatDate, formatDateAt, formatTime } from '../../../shared/format/french-dates.ts';
import type {
  BookingCreate,
  BookingReceipt,
  BookingSummary,
  OccurrenceSlots,
} from '../../../shared/office-hours/bookings.schemas.ts';
import { notify } from '../notifications/index.ts';
import { hitThrottle } from '../../platform/throttle/throttle.ts';
import { cancelUrl, hashCancelCode, isSignedCancelCode, newCancelCode } from './booking-codes.ts';
import type { BookingsContext } from './bookings-context.ts';
import { exceptionsBySchedule, findSchedule, findVenue, type ScheduleRow } from './office-hours.queries.ts';
import { officeHourBookings } from './office-hours.tables.ts';
import { scheduleOccurrences } from './occurrences.ts';
import { isRealDate, parisInstant, toHourMinute, toMinute } from './paris-time.ts';

export const BOOKING_KIND = 'office-hours.booking';
type BookingRow = typeof officeHourBookings.$inferSelect;

/** The bookable occurrence of a schedule on a date, or a French 4xx saying why not. */
async function bookableOccurrence(db: Executor, scheduleId: string, date: string, now: Date) {
  const schedule = await findSchedule(db, scheduleId);
  if (!schedule) throw new NotFoundError('Calendrier de permanences introuvable.');
  if (!schedule.bookingEnabled || !schedule.slotMinutes)
    throw new UnprocessableError(
      'Cette permanence ne prend pas de rendez-vous : vous pouvez vous y présenter librement.',
    );
  if (!isRealDate(date))
    throw new BadRequestError(`La date ${date} n'existe pas.`, [{ pointer: '/date', message: 'Date inexistante.' }]);
  const exceptions = (await exceptionsBySchedule(db, [scheduleId])).get(scheduleId) ?? [];
  const onDate = scheduleOccurrences(schedule, exceptions, date, date).filter((o) => o.date === date);
  const occurrence = onDate.find((o) => o.status !== 'cancelled') ?? onDate[0];
  if (!occurrence) throw new NotFoundError(`Il n'y a pas de permanence de ce calendrier le ${formatDate(date)}.`);
  if (occurrence.status === 'cancelled')
    throw new ConflictError(
      `La permanence du ${formatDate(date)} est annulée${occurrence.reason ? ` : ${occurrence.reason}` : ''}.`,
    );
  if (new Date(occurrence.end) <= now) throw new UnprocessableError(`La permanence du ${formatDate(date)} est passée.`);
  const startMinute = toMinute(occurrence.startTime);
  const endMinute = toMinute(occurrence.endTime);
  const slots: number[] = [];
  for (let minute = startMinute; minute + schedule.slotMinutes <= endMinute; minute += schedule.slotMinutes) {
    if (parisInstant(date, minute) > now) slots.push(minute);
  }
  return { schedule: schedule as ScheduleRow & { slotMinutes: number }, occurrence, startMinute, endMinute, slots };
}

async function takenMinutes(db: Executor, scheduleId: string, date: string): Promise<Set<number>> {
  const rows = await db
    .select({ minute: officeHourBookings.slotStartMinute })
    .from(officeHourBookings)
    .where(
      and(
        eq(officeHourBookings.scheduleId, scheduleId),
        eq(officeHourBookings.date, date),
        eq(officeHourBookings.status, 'booked'),
      ),
    );
  return new Set(rows.flatMap((row) => (row.minute === null ? [] : [row.minute])));
}

export async function listFreeSlots(
  db: Executor,
  scheduleId: string,
  date: string,
  now = new Date(),
): Promise<OccurrenceSlots> {
  const { schedule, occurrence, slots } = await bookableOccurrence(db, scheduleId, date, now);
  const taken = await takenMinutes(db, scheduleId, date);
  const venue = await findVenue(db, schedule.venueId);
  const free = slots.filter((m) => !taken.has(m)).map(toHourMinute);
  return {
    scheduleId,
    date,
    startTime: occurrence.startTime,
    endTime: occurrence.endTime,
    slotMinutes: schedule.slotMinutes,
    free,
    title: schedule.title,
    venueName: venue?.name ?? '',
    venueAddress: venue?.address ?? '',
  };
}

async function summaryOf(db: Executor, row: BookingRow): Promise<BookingSummary> {
  const schedule = await findSchedule(db, row.scheduleId);
  const venue = schedule && (await findVenue(db, schedule.venueId));
  return {
    title: schedule?.title ?? 'Permanence',
    venueName: venue?.name ?? '',
    venueAddress: venue?.address ?? '',
    date: row.date,
    slot: row.slotStartMinute === null ? null : toHourMinute(row.slotStartMinute),
    status: row.status,
  };
}

type BookingText = Pick<BookingSummary, 'title' | 'venueName' | 'venueAddress' | 'date' | 'slot'>;

/**
 * What, when and where of a booking in its messages: « Permanence le mardi 12 mars 2019 à 13 h 35,
 * Mairie (1 place…) »; the reminder's « demain, mardi 12 mars 2019 à 13 h 35 » with `tomorrow`.
 */
export function describeBooking(summary: BookingText, options: { tomorrow?: boolean } = {}): string {
  return `${summary.title} ${bookingWhen(summary, options)}, ${summary.venueName} (${summary.venueAddress})`;
}

/** « le mardi 12 mars 2019 à 13 h 35 », or « demain, mardi 12 mars 2019 à 13 h 35 »; without a slot, the day alone. */
export function bookingWhen(booking: Pick<BookingSummary, 'date' | 'slot'>, { tomorrow = false } = {}): string {
  return `${tomorrow ? 'demain,' : 'le'} ${formatDateAt(booking.date, booking.slot)}`;
}

/** The confirmation of a booking (e-mail and SMS): the booking and its cancel link. */
export function confirmationMessage(summary: BookingText, link: string): { subject: string; body: string } {
  return {
    subject: `Rendez-vous confirmé : ${summary.title} le ${formatDate(summary.date)}`,
    body: `Bonjour,\n\nVotre rendez-vous est confirmé : ${describeBooking(summary)}.\n\nPour l'annuler : ${link}`,
  };
}

/**
 * Bookings per source address: an address already at its limit is refused before validation and
 * any lookup (cheap); only bookings made count, by `createBooking` in the booking's transaction.
 */
export function bookingRateLimit(ctx: BookingsContext): RateLimit {
  return {
    name: 'office-hour-booking',
    per: 'ip',
    limit: ctx.perIp,
    windowSeconds: ctx.windowMinutes * 60,
    message:
      `Trop de réservations depuis votre connexion : au plus ${ctx.perIp} toutes ` +
      `les ${ctx.windowMinutes} minutes.`,
    counts: 'made',
  };
}

/** Where a public booking comes from: the keyed hash of its address (kept on the row), and the rate limit's counter. */
export interface BookingOrigin {
  sourceKey: string;
  throttle?: ThrottleHandle;
}

function contactOf(input: BookingCreate) {
  const email = input.email?.trim().toLowerCase() || null;
  let phone: string | null = null;
  if (input.phone?.trim()) {
    const normalised = normalisePhone(input.phone);
    if (!normalised.ok)
      throw new BadRequestError(normalised.message, [{ pointer: '/phone', message: normalised.message }]);
    phone = normalised.e164;
  }
  if (!email && !phone)
    throw new BadRequestError('Indiquez une adresse e-mail ou un numéro de téléphone pour recevoir la confirmation.', [
      { pointer: '/email', message: 'Coordonnée manquante.' },
    ]);
  return { email, phone };
}

/**
 * Books a slot (or attendance): the unique index decides between concurrent requests. The
 * confirmation goes through the outbox in the same transaction, with the cancel link.
 */
export async function createBooking(
  ctx: BookingsContext,
  executor: Executor,
  actor: Actor,
  input: BookingCreate,
  origin: BookingOrigin,
  now = new Date(),
): Promise<BookingReceipt> {
  const contact = contactOf(input);
  const { slots } = await bookableOccurrence(executor, input.scheduleId, input.date, now);
  const slotMinute = input.slot === null ? null : toMinute(input.slot);
  const slotText = slotMinute === null ? '' : formatTime(slotMinute);
  if (slotMinute !== null && !slots.includes(slotMinute))
    throw new BadRequestError(`Il n'y a pas de créneau libre à ${slotText} ce jour-là.`, [
      { pointer: '/slot', message: 'Créneau inexistant ou passé.' },
    ]);
  const code = newCancelCode(ctx.key);
  const link = cancelUrl(ctx.publicUrl, code);
  try {
    const receipt = await withTransaction(executor, async (tx) => {
      // Counted by one upsert in the booking's transaction: concurrent requests from one address
      // queue on its counter row, and a refused or failed booking (taken slot) rolls its hit back.
      const { throttle } = origin;
      if (throttle) await hitThrottle(tx, throttle.key, throttle.rule);
      const [row] = await tx
        .insert(officeHourBookings)
        .values({
          scheduleId: input.scheduleId,
          date: input.date,
          slotStartMinute: slotMinute,
          name: input.name.trim(),
          ...contact,
          cancelCodeHash: hashCancelCode(code),
          sourceKey: origin.sourceKey,
        })
        .returning();
      const summary = await summaryOf(tx, row);
      const channels = [...(contact.email ? (['email'] as const) : []), ...(contact.phone ? (['sms'] as const) : [])];
      await notify(tx, ctx.jobs(), actor, {
        kind: BOOKING_KIND,
        ...confirmationMessage(summary, link),
        recipients: [{ email: contact.email ?? undefined, phone: contact.phone ?? undefined }],
        channels,
      });
      await recordAudit(tx, actor, {
        action: 'office-hours.booking.created',
        recordType: 'office_hour_booking',
        recordId: row.id,
        details: { scheduleId: row.scheduleId, date: row.date, slot: summary.slot },
      });
      return { booking: summary, cancelUrl: link };
    });
    if (origin.throttle) origin.throttle.counted = true;
    return receipt;
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(
        `Le créneau de ${slotText} vient d'être réservé par quelqu'un d'autre : choisissez-en un autre.`,
      );
    throw error;
  }
}

async function findByCode(ctx: BookingsContext, db: Executor, code: string): Promise<BookingRow> {
  const notFound = new NotFoundError('Réservation introuvable : vérifiez le lien reçu.');
  if (!isSignedCancelCode(ctx.key, code)) throw notFound;
  const [row] = await db
    .select()
    .from(officeHourBookings)
    .where(eq(officeHourBookings.cancelCodeHash, hashCancelCode(code)));
  if (!row) throw notFound;
  return row;
}

export async function showBooking(ctx: BookingsContext, code: string): Promise<BookingSummary> {
  return summaryOf(ctx.database.db, await findByCode(ctx, ctx.database.db, code));
}

/** Cancelling twice answers the same: the link may be clicked again. */
export async function cancelBooking(
  ctx: BookingsContext,
  executor: Executor,
  actor: Actor,
  code: string,
): Promise<BookingSummary> {
  const row = await findByCode(ctx, executor, code);
  if (row.status === 'cancelled') return summaryOf(executor, row);
  return withTransaction(executor, async (tx) => {
    const [updated] = await tx
      .update(officeHourBookings)
      .set({ status: 'cancelled', cancelledAt: sql`now()` })
      .where(and(eq(officeHourBookings.id, row.id), eq(officeHourBookings.status, 'booked')))
      .returning();
    if (updated)
      await recordAudit(tx, actor, {
        action: 'office-hours.booking.cancelled',
        recordType: 'office_hour_booking',
        recordId: row.id,
        details: { scheduleId: row.scheduleId, date: row.date },
      });
    return summaryOf(tx, updated ?? { ...row, status: 'cancelled' });
  });
}
