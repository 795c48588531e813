import { and, asc, eq, isNull } from 'drizzle-orm';
import { systemActor, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { withTransaction } from '../../platform/db/transaction.ts';
import type { DelegateBooking } from '../../../shared/office-hours/bookings.schemas.ts';
import { notify } from '../notifications/index.ts';
import type { BookingsContext } from './bookings-context.ts';
import { bookingWhen, describeBooking } from './bookings.service.ts';
import { findSchedule, findVenue } from './office-hours.queries.ts';
import { officeHourBookings } from './office-hours.tables.ts';
import { addDays, parisDate, toHourMinute } from './paris-time.ts';

export const REMINDER_JOB = 'office-hours-booking-reminders';
/** Who sends the reminders, in the audit log. */
export const reminderActor = systemActor(REMINDER_JOB);

/** The reminder sent the day before: « Rappel : Permanence demain, mardi 12 mars 2019 à 13 h 35 ». */
export function reminderMessage(booking: Parameters<typeof describeBooking>[0]): { subject: string; body: string } {
  return {
    subject: `Rappel : ${booking.title} ${bookingWhen(booking, { tomorrow: true })}`,
    body:
      `Bonjour,\n\nRappel de votre rendez-vous : ` +
      `${describeBooking(booking, { tomorrow: true })}.\n\nSi vous ne pouvez pas ` +
      `venir, annulez-le avec le lien reçu à la réservation.`,
  };
}

/**
 * Sends the reminders of tomorrow's bookings (Paris date) that were not sent yet. An hourly cron
 * rather than one delayed job per booking: a cancelled booking is simply no longer selected, and
 * a booking made late the day before still gets its reminder at the next tick. Each reminder is
 * marked sent in the transaction that queues it, so a tick run twice sends nothing twice.
 */
export async function sendDueReminders(
  ctx: BookingsContext,
  executor: Executor,
  actor: Actor,
  now = new Date(),
): Promise<number> {
  const tomorrow = addDays(parisDate(now), 1);
  const due = await executor
    .select()
    .from(officeHourBookings)
    .where(
      and(
        eq(officeHourBookings.date, tomorrow),
        eq(officeHourBookings.status, 'booked'),
        isNull(officeHourBookings.reminderSentAt),
      ),
    );
  let sent = 0;
  for (const booking of due) {
    const schedule = await findSchedule(executor, booking.scheduleId);
    const venue = schedule && (await findVenue(executor, schedule.venueId));
    if (!schedule || !venue) continue;
    await withTransaction(executor, async (tx) => {
      const [claimed] = await tx
        .update(officeHourBookings)
        .set({ reminderSentAt: now })
        .where(
          and(
            eq(officeHourBookings.id, booking.id),
            eq(officeHourBookings.status, 'booked'),
            isNull(officeHourBookings.reminderSentAt),
          ),
        )
        .returning({ id: officeHourBookings.id });
      if (!claimed) return;
      await notify(tx, ctx.jobs(), actor, {
        kind: 'office-hours.booking',
        ...reminderMessage({
          title: schedule.title,
          venueName: venue.name,
          venueAddress: venue.address,
          date: booking.date,
          slot: booking.slotStartMinute === null ? null : toHourMinute(booking.slotStartMinute),
        }),
        recipients: [{ email: booking.email ?? undefined, phone: booking.phone ?? undefined }],
        channels: [...(booking.email ? (['email'] as const) : []), ...(booking.phone ? (['sms'] as const) : [])],
      });
      await recordAudit(tx, actor, {
        action: 'office-hours.booking.reminded',
        recordType: 'office_hour_booking',
        recordId: booking.id,
        details: { date: booking.date },
      });
      sent += 1;
    });
  }
  return sent;
}

/** The delegate's list of an occurrence's bookings: personal data, so the read is audited by the caller. */
export async function listBookingsOf(db: Executor, scheduleId: string, date: string): Promise<DelegateBooking[]> {
  const rows = await db
    .select()
    .from(officeHourBookings)
    .where(and(eq(officeHourBookings.scheduleId, scheduleId), eq(officeHourBookings.date, date)))
    .orderBy(asc(officeHourBookings.slotStartMinute), asc(officeHourBookings.createdAt));
  return rows.map((row) => ({
    id: row.id,
    date: row.date,
    slot: row.slotStartMinute === null ? null : toHourMinute(row.slotStartMinute),
    name: row.name,
    email: row.email,
    phone: row.phone,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
  }));
}
