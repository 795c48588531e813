import type { FastifyInstance, FastifyReply } from 'fastify';
import { bookingContracts as c } from '../../../shared/office-hours/bookings.contracts.ts';
import { serve } from '../../platform/http/serve.ts';
import { sourceKey } from '../../platform/throttle/throttle.ts';
import { listBookingsOf } from './booking-reminders.ts';
import type { BookingsContext } from './bookings-context.ts';
import { bookingRateLimit, cancelBooking, createBooking, listFreeSlots, showBooking } from './bookings.service.ts';
import { loadSchedule } from './office-hours-access.ts';

/** Answers about one resident's booking are never kept by a cache. */
const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/** Residents book, look at and cancel a slot without an account (the cancel code is the credential); delegates list them. */
export async function bookingRoutes(app: FastifyInstance, ctx: BookingsContext) {
  const db = ctx.database.db;

  serve(app, c.slots, {
    handle: async ({ params, query, reply }) => {
      noStore(reply);
      return listFreeSlots(db, params.id, query.date);
    },
  });

  // Checked before validation and any lookup, so a flood of bad forms is refused as cheaply;
  // counted by the booking's own transaction, so only bookings made count.
  serve(app, c.book, {
    rateLimit: bookingRateLimit(ctx),
    handle: async ({ actor, body, request, throttle, reply }) => {
      noStore(reply);
      return createBooking(ctx, db, actor, body, { sourceKey: sourceKey(ctx.key, request.ip), throttle });
    },
  });

  serve(app, c.show, {
    handle: async ({ params, reply }) => {
      noStore(reply);
      return showBooking(ctx, params.code);
    },
  });

  serve(app, c.cancel, {
    handle: async ({ actor, params, reply }) => {
      noStore(reply);
      return cancelBooking(ctx, db, actor, params.code);
    },
  });

  // Names and contacts: every read is audited.
  serve(app, c.listForDelegate, {
    load: ({ params }) => loadSchedule(db, params.id),
    auditRead: {
      action: 'office-hours.bookings.read',
      recordType: 'office_hour_schedule',
      ids: (_list, { schedule }) => schedule.id,
      details: (list, _record, { query }) => ({ date: query.date, count: list.items.length }),
    },
    handle: async ({ query, record }) => ({ items: await listBookingsOf(db, record.schedule.id, query.date) }),
  });
}
