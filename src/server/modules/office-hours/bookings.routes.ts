import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { recordAudit } from '../../platform/audit/audit.ts';
import { IdParams, ProblemResponses } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/office-hours/bookings.schemas.ts';
import { listBookingsOf } from './booking-reminders.ts';
import { sourceKey } from '../../platform/throttle/throttle.ts';
import type { BookingsContext } from './bookings-context.ts';
import { assertBookingRate, cancelBooking, createBooking, listFreeSlots, showBooking } from './bookings.service.ts';
import { findSchedule, findVenue } from './office-hours.queries.ts';
import { MANAGE, venuePath } from './venues.service.ts';

const tags = ['Permanences (rendez-vous)'];

/** Residents book, look at and cancel a slot without an account (the cancel code is the credential); delegates list them. */
export async function bookingRoutes(app: FastifyInstance, ctx: BookingsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const source = (request: FastifyRequest) => sourceKey(ctx.key, request.ip);
  const pathOfSchedule = async (request: FastifyRequest) => {
    const schedule = await findSchedule(db, (request.params as { id: string }).id);
    const venue = schedule && (await findVenue(db, schedule.venueId));
    return venue && venuePath(db, venue);
  };

  r.get(
    '/api/public/office-hours/schedules/:id/slots',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "Créneaux libres d'une permanence",
        params: IdParams,
        querystring: s.SlotsQuery,
        response: { 200: s.OccurrenceSlots, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listFreeSlots(db, request.params.id, request.query.date);
    },
  );

  r.post(
    '/api/public/office-hours/bookings',
    {
      config: { access: 'public' },
      // Counted before validation and any lookup, so a flood of bad forms is refused as cheaply.
      preValidation: async (request) => assertBookingRate(ctx, source(request)),
      schema: {
        tags,
        summary: 'Réserver un créneau (ou signaler sa venue)',
        body: s.BookingCreate,
        response: { 201: s.BookingReceipt, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(await createBooking(ctx, request.actor, source(request), request.body));
    },
  );

  r.get(
    '/api/public/office-hours/bookings/:code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Voir sa réservation (lien personnel)',
        params: s.BookingCodeParams,
        response: { 200: s.BookingSummary, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return showBooking(ctx, request.params.code);
    },
  );

  r.post(
    '/api/public/office-hours/bookings/:code/cancel',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Annuler sa réservation (lien personnel)',
        params: s.BookingCodeParams,
        response: { 200: s.BookingSummary, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return cancelBooking(ctx, request.actor, request.params.code);
    },
  );

  r.get(
    '/api/office-hours/schedules/:id/bookings',
    {
      config: { access: { permission: MANAGE, territory: pathOfSchedule } },
      schema: {
        tags,
        summary: "Réservations d'une permanence (données personnelles, lecture tracée)",
        params: IdParams,
        querystring: s.SlotsQuery,
        response: { 200: s.DelegateBookingList, ...ProblemResponses },
      },
    },
    async (request) => {
      const items = await listBookingsOf(db, request.params.id, request.query.date);
      await recordAudit(db, request.actor, {
        action: 'office-hours.bookings.read',
        recordType: 'office_hour_schedule',
        recordId: request.params.id,
        details: { date: request.query.date, count: items.length },
      });
      return { items };
    },
  );
}
