import type { FastifyInstance } from 'fastify';
import { officeHoursContracts as c } from '../../../shared/office-hours/office-hours.contracts.ts';
import { serve } from '../../platform/http/serve.ts';
import { loadException, loadSchedule, loadVenue, placeOfNewVenue } from './office-hours-access.ts';
import type { OfficeHoursContext } from './office-hours-context.ts';
import { addException, createSchedule, deleteException, deleteSchedule, updateSchedule } from './schedules.service.ts';
import { createVenue, deleteVenue, listVenuesFor, updateVenue, venueDetail } from './venues.service.ts';

/** Venues, schedules and occurrence changes, managed by delegates and admins within their territory. */
export async function officeHoursRoutes(app: FastifyInstance, ctx: OfficeHoursContext) {
  const db = ctx.database.db;
  const venue = ({ params }: { params: { id: string } }) => loadVenue(db, params.id);
  const schedule = ({ params }: { params: { id: string } }) => loadSchedule(db, params.id);

  serve(app, c.listVenues, {
    handle: async ({ actor }) => listVenuesFor(db, actor),
  });

  // The point is resolved once, for the access check, and its sector and commune handed to the handler.
  serve(app, c.createVenue, {
    load: ({ body }) => placeOfNewVenue(ctx, body),
    handle: async ({ actor, body, record }) => createVenue(db, actor, body, record),
  });

  serve(app, c.getVenue, {
    load: venue,
    handle: async ({ record }) => venueDetail(db, record),
  });

  serve(app, c.updateVenue, {
    load: venue,
    handle: async ({ actor, body, record }) => updateVenue(ctx, db, actor, record, body),
  });

  serve(app, c.deleteVenue, {
    load: venue,
    handle: async ({ actor, params }) => {
      await deleteVenue(db, actor, params.id);
      return null;
    },
  });

  // A new schedule sits at its venue, which must be in the caller's territory.
  serve(app, c.createSchedule, {
    load: ({ body }) => loadVenue(db, body.venueId),
    handle: async ({ actor, body }) => createSchedule(db, actor, body),
  });

  serve(app, c.updateSchedule, {
    load: schedule,
    handle: async ({ actor, body, record }) => updateSchedule(db, actor, record.schedule, body),
  });

  serve(app, c.deleteSchedule, {
    load: schedule,
    handle: async ({ actor, params }) => {
      await deleteSchedule(db, actor, params.id);
      return null;
    },
  });

  serve(app, c.addException, {
    load: schedule,
    handle: async ({ actor, body, record }) => addException(db, actor, record.schedule, body),
  });

  serve(app, c.deleteException, {
    load: ({ params }) => loadException(db, params.id),
    handle: async ({ actor, params }) => {
      await deleteException(db, actor, params.id);
      return null;
    },
  });
}
