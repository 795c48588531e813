import type { FastifyInstance } from 'fastify';
import { visitContracts as c } from '../../../shared/office-hour-visits/visits.contracts.ts';
import { serve } from '../../platform/http/serve.ts';
import { findOccurrencePlace } from '../office-hours/index.ts';
import { loadDashboard } from './dashboard.ts';
import { loadVisitFor, READ, RECORD, visibleVisits } from './visit-access.ts';
import type { VisitsContext } from './visits-context.ts';
import { listVisitRows, toVisits, type VisitRow } from './visits.queries.ts';
import { convertVisit, createVisit, deleteVisit, updateVisit } from './visits.service.ts';

const visitRead = { action: 'office-hours.visit.read', recordType: 'office_hour_visit' } as const;

/**
 * Confidential visit records: the delegate who wrote one, the police referents of its sector's
 * territory and admins read it (anyone else: 404); every read is audited. And the dashboard.
 */
export async function visitRoutes(app: FastifyInstance, ctx: VisitsContext) {
  const db = ctx.database.db;
  const one = async (row: VisitRow) => (await toVisits(db, [row]))[0];
  const visitOf =
    (permission: typeof READ | typeof RECORD) =>
    (input: { actor: Parameters<typeof loadVisitFor>[1]; params: { id: string } }) =>
      loadVisitFor(db, input.actor, permission, input.params.id);

  serve(app, c.list, {
    auditRead: { ...visitRead, ids: (list) => list.items.map((v) => v.id) },
    handle: async ({ actor, query }) => ({
      items: await toVisits(db, await listVisitRows(db, await visibleVisits(db, actor), query)),
    }),
  });

  // The place of a new visit is found once, for the access check, and handed to the handler.
  serve(app, c.create, {
    load: async ({ body }) => {
      const place = await findOccurrencePlace(db, body);
      return { path: place.path, record: place };
    },
    handle: async ({ actor, body, record }) => one(await createVisit(db, actor, body, record)),
  });

  serve(app, c.get, {
    load: visitOf(READ),
    auditRead: { ...visitRead, ids: (visit) => [visit.id] },
    handle: async ({ record }) => one(record),
  });

  serve(app, c.update, {
    load: visitOf(RECORD),
    handle: async ({ actor, params, body }) => one(await updateVisit(db, actor, params.id, body)),
  });

  serve(app, c.remove, {
    load: visitOf(RECORD),
    handle: async ({ actor, params }) => {
      await deleteVisit(db, actor, params.id);
      return null;
    },
  });

  serve(app, c.convert, {
    load: visitOf(RECORD),
    handle: async ({ actor, record, body }) => one(await convertVisit(ctx, db, actor, record, body)),
  });

  // Bookings (names) and visits awaiting follow-up are personal data: the view is audited.
  serve(app, c.dashboard, {
    auditRead: { ...visitRead, ids: (dashboard) => dashboard.awaitingFollowUp.map((v) => v.id) },
    handle: async ({ actor }) => loadDashboard(db, actor),
  });
}
