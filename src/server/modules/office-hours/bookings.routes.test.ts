import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { reminderActor, sendDueReminders } from './booking-reminders.ts';
import { createBookingsContext } from './bookings-context.ts';
import { addSchedule, addVenue, makeDelegateTerritory, type DelegateTerritory } from './office-hours.test-helpers.ts';
import { addDays, parisDate } from './paris-time.ts';
import { formatDate } from '../../../shared/format/french-dates.ts';

let t: TestApp;
let c: DelegateTerritory;
const today = parisDate(new Date());
const soon = addDays(today, 3);

beforeAll(async () => {
  t = await createTestApp({ jobs: true });
  c = await makeDelegateTerritory(t);
}, 120_000);
afterAll(async () => t?.close());

/** A bookable schedule of 14:00–15:00 in 20-minute slots on the given dates. */
async function bookable(rdates: string[], slotMinutes = 20) {
  const venue = await addVenue(t, c);
  return addSchedule(t, c, {
    venueId: venue.id,
    startTime: '14:00',
    endTime: '15:00',
    rdates,
    startDate: rdates[0],
    endDate: rdates.at(-1)!,
    bookingEnabled: true,
    slotMinutes,
  });
}

// Each booking from its own address, so the per-address limit (5 by default) only shows in its own test.
let ip = 0;
const freshIp = () => `10.7.${Math.floor(++ip / 250)}.${ip % 250}`;
const book = (payload: object, remoteAddress = freshIp()) =>
  t.app.inject({ method: 'POST', url: '/api/public/office-hours/bookings', payload, remoteAddress });
const outbox = (bookingText: string) =>
  t.database.query<{ channel: string; address: string; subject: string; body: string }>(
    'select d.channel, d.address, n.subject, n.body from notification_deliveries ' +
      'd join notifications n on n.id = d.notification_id where n.kind = ' +
      "'office-hours.booking' and n.body like $1 order by n.created_at",
    [`%${bookingText}%`],
  );

describe('office-hour bookings', () => {
  it('books a slot, confirms by e-mail with a cancel link, lists it for the delegate, cancels it', async () => {
    const schedule = await bookable([soon]);
    const slots = await t.app.inject({ url: `/api/public/office-hours/schedules/${schedule.id}/slots?date=${soon}` });
    expect(slots.statusCode).toBe(200);
    expect(slots.json().free).toEqual(['14:00', '14:20', '14:40']);
    expect(slots.json()).toMatchObject({
      title: 'Permanence du délégué',
      venueName: 'Mairie de quartier',
      venueAddress: '1 rue de la Mairie',
    });

    const response = await book({
      scheduleId: schedule.id,
      date: soon,
      slot: '14:20',
      name: 'Mme Dupont',
      email: 'dupont@example.org',
    });
    expect(response.statusCode).toBe(201);
    const { cancelUrl, booking } = response.json();
    expect(booking).toMatchObject({ date: soon, slot: '14:20', status: 'booked' });
    const code = cancelUrl.split('/permanences/annulation/')[1];
    expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const sent = await outbox(cancelUrl);
    expect(sent).toEqual([expect.objectContaining({ channel: 'email', address: 'dupont@example.org' })]);
    expect(sent[0].subject).toBe(`Rendez-vous confirmé : Permanence du délégué le ${formatDate(soon)}`);
    expect(sent[0].body).toContain(`Permanence du délégué le ${formatDate(soon)} à 14 h 20, Mairie de quartier`);
    const [stored] = await t.database.query<{ cancel_code_hash: string }>(
      'select cancel_code_hash from office_hour_bookings where schedule_id = $1',
      [schedule.id],
    );
    expect(stored.cancel_code_hash).not.toContain(code);

    expect(
      (await t.app.inject({ url: `/api/public/office-hours/schedules/${schedule.id}/slots?date=${soon}` })).json().free,
    ).toEqual(['14:00', '14:40']);
    const list = await t.app.inject({
      url: `/api/office-hours/schedules/${schedule.id}/bookings?date=${soon}`,
      headers: c.delegate.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({ name: 'Mme Dupont', slot: '14:20', email: 'dupont@example.org' }),
    ]);
    const [audit] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_events where action = 'office-hours.bookings.read' and record_id = $1",
      [schedule.id],
    );
    expect(audit.n).toBe(1);

    expect((await t.app.inject({ url: `/api/public/office-hours/bookings/${code}` })).json()).toMatchObject({
      status: 'booked',
      slot: '14:20',
    });
    for (let i = 0; i < 2; i += 1) {
      const cancelled = await t.app.inject({ method: 'POST', url: `/api/public/office-hours/bookings/${code}/cancel` });
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json().status).toBe('cancelled');
    }
    expect(
      (await t.app.inject({ url: `/api/public/office-hours/schedules/${schedule.id}/slots?date=${soon}` })).json().free,
    ).toEqual(['14:00', '14:20', '14:40']);
    // Attendance only, confirmed by SMS to the normalised number.
    const walkIn = await book({
      scheduleId: schedule.id,
      date: soon,
      slot: null,
      name: 'M. Martin',
      phone: '06 11 22 33 44',
    });
    expect(walkIn.statusCode).toBe(201);
    expect(await outbox(walkIn.json().cancelUrl)).toEqual([
      expect.objectContaining({ channel: 'sms', address: '+33611223344' }),
    ]);
    const guessed = code.slice(0, 31) + (code.endsWith('A') ? 'B' : 'A');
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/public/office-hours/bookings/${guessed}/cancel` })).statusCode,
    ).toBe(404);
  });

  it('two residents booking the last slot at the same instant: exactly one 201 and one 409', async () => {
    const schedule = await bookable([soon], 60);
    const [a, b] = await Promise.all([
      book({ scheduleId: schedule.id, date: soon, slot: '14:00', name: 'A', email: 'a@example.org' }),
      book({ scheduleId: schedule.id, date: soon, slot: '14:00', name: 'B', phone: '06 12 34 56 78' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.headers['content-type']).toContain('application/problem+json');
    expect(loser.json().detail).toContain('vient d');
    const [row] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from office_hour_bookings where schedule_id = $1 and status = 'booked'",
      [schedule.id],
    );
    expect(row.n).toBe(1);
  });

  it(
    'refuses a cancelled, past or missing occurrence, a schedule without ' + 'booking, and a booking without contact',
    async () => {
      const past = addDays(today, -7);
      const schedule = await bookable([past, soon, addDays(today, 10)]);
      const cancel = await t.app.inject({
        method: 'POST',
        url: `/api/office-hours/schedules/${schedule.id}/exceptions`,
        headers: c.delegate.headers,
        payload: { kind: 'cancelled', originalDate: soon, reason: 'Congés' },
      });
      expect(cancel.statusCode).toBe(201);
      const attempt = (body: object) =>
        book({ scheduleId: schedule.id, slot: null, name: 'X', email: 'x@example.org', ...body });
      const cancelled = await attempt({ date: soon });
      expect(cancelled.statusCode).toBe(409);
      expect(cancelled.json().detail).toBe(`La permanence du ${formatDate(soon)} est annulée : Congés.`);
      expect((await attempt({ date: past })).statusCode).toBe(422);
      expect((await attempt({ date: addDays(today, 11) })).statusCode).toBe(404);
      expect((await attempt({ date: addDays(today, 10), email: undefined })).statusCode).toBe(400);
      expect((await attempt({ date: addDays(today, 10), slot: '14:10' })).statusCode).toBe(400);
      expect((await attempt({ date: addDays(today, 10), name: '<script>alert(1)</script>' })).statusCode).toBe(400);
      const venue = await addVenue(t, c);
      const walkIn = await addSchedule(t, c, { venueId: venue.id, rdates: [soon], startDate: soon, endDate: soon });
      expect(
        (await book({ scheduleId: walkIn.id, date: soon, slot: null, name: 'X', email: 'x@example.org' })).statusCode,
      ).toBe(422);
      const [row] = await t.database.query<{ n: number }>(
        'select count(*)::int as n from office_hour_bookings where schedule_id in ($1, $2)',
        [schedule.id, walkIn.id],
      );
      expect(row.n).toBe(0);
    },
  );

  it('reminds tomorrow’s bookings once, not a cancelled one', async () => {
    const tomorrow = addDays(today, 1);
    const schedule = await bookable([tomorrow]);
    // Booked "yesterday" so that the slots are in the future whatever the hour of the run.
    const yesterday = new Date(Date.now() - 86_400_000);
    const kept = (
      await book({ scheduleId: schedule.id, date: tomorrow, slot: '14:00', name: 'Gardé', email: 'garde@example.org' })
    ).json();
    const dropped = (
      await book({ scheduleId: schedule.id, date: tomorrow, slot: null, name: 'Annulé', email: 'annule@example.org' })
    ).json();
    expect(kept.cancelUrl && dropped.cancelUrl).toBeTruthy();
    await t.app.inject({
      method: 'POST',
      url: `/api/public/office-hours/bookings/${dropped.cancelUrl.split('/').at(-1)}/cancel`,
    });
    const ctx = createBookingsContext(t.config, t.database, () => t.jobs);
    expect(await sendDueReminders(ctx, t.database.db, reminderActor, yesterday)).toBe(0);
    expect(await sendDueReminders(ctx, t.database.db, reminderActor)).toBeGreaterThanOrEqual(1);
    expect(await sendDueReminders(ctx, t.database.db, reminderActor)).toBe(0);
    const reminders = await t.database.query<{ address: string }>(
      'select d.address from notification_deliveries d join notifications n on ' +
        "n.id = d.notification_id where n.subject like 'Rappel%' and d.address in " +
        "('garde@example.org', 'annule@example.org')",
    );
    expect(reminders.map((r) => r.address)).toEqual(['garde@example.org']);
    const [reminder] = await outbox('Rappel de votre rendez-vous : Permanence du délégué demain');
    expect(reminder.subject).toBe(`Rappel : Permanence du délégué demain, ${formatDate(tomorrow)} à 14 h 00`);
  });

  it('refuses beyond the per-address limit (5 by default) with a 429, before validation', async () => {
    const schedule = await bookable([soon]);
    const address = freshIp();
    const statuses = [];
    for (let i = 0; i < 6; i += 1)
      statuses.push(
        (
          await book(
            { scheduleId: schedule.id, date: soon, slot: null, name: `P${i}`, email: `p${i}@example.org` },
            address,
          )
        ).statusCode,
      );
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect((await book({ nonsense: true }, address)).statusCode).toBe(429);
    expect(createBookingsContext(t.config, t.database, () => t.jobs, { OFFICE_HOUR_BOOKINGS_PER_IP: '2' }).perIp).toBe(
      2,
    );
    expect(() =>
      createBookingsContext(t.config, t.database, () => t.jobs, { OFFICE_HOUR_BOOKINGS_WINDOW_MINUTES: '0' }),
    ).toThrow(/OFFICE_HOUR_BOOKINGS_WINDOW_MINUTES/);
  });

  it(
    'counts atomically: 10 concurrent bookings from one address give exactly 5, ' + 'a taken slot costs nothing',
    async () => {
      const schedule = await bookable([soon]);
      const address = freshIp();
      const taken = await book({
        scheduleId: schedule.id,
        date: soon,
        slot: '14:00',
        name: 'Premier',
        email: 'premier@example.org',
      });
      expect(taken.statusCode).toBe(201);
      // A taken slot is a 409 whose hit is rolled back with the booking.
      expect(
        (
          await book(
            { scheduleId: schedule.id, date: soon, slot: '14:00', name: 'Second', email: 'second@example.org' },
            address,
          )
        ).statusCode,
      ).toBe(409);
      const responses = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          book(
            { scheduleId: schedule.id, date: soon, slot: null, name: `Rafale ${i}`, email: `rafale${i}@example.org` },
            address,
          ),
        ),
      );
      const statuses = responses.map((response) => response.statusCode).sort();
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429, 429, 429]);
      const refused = responses.find((response) => response.statusCode === 429)!;
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().detail).toMatch(
        /^Trop de réservations depuis votre connexion : au plus 5 toutes les 60 minutes\./,
      );
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      const [row] = await t.database.query<{ n: number }>(
        "select count(*)::int as n from office_hour_bookings where schedule_id = $1 and name like 'Rafale%'",
        [schedule.id],
      );
      expect(row.n).toBe(5);
    },
  );
});
