import type { FastifyInstance } from 'fastify';
import { staffIntakeContracts as c } from '../../../../shared/requests/staff-intake.contracts.ts';
import { serve } from '../../../platform/http/serve.ts';
import type { RequestsContext } from '../requests-context.ts';
import { locateStaffRequest, recordStaffRequest } from './staff-intake.ts';

/** A phone call recorded by an agent of the place's territory (police referents, admins). */
export async function staffIntakeRoutes(app: FastifyInstance, ctx: RequestsContext) {
  // The place is routed once, for the access check, and handed to the handler.
  serve(app, c.recordCall, {
    load: async ({ body }) => {
      const place = await locateStaffRequest(ctx, {
        point: body.point,
        label: body.placeLabel,
        sectorId: body.sectorId,
      });
      return { path: place.path, record: place };
    },
    handle: async ({ actor, body, record }) =>
      recordStaffRequest(
        ctx,
        ctx.database.db,
        actor,
        {
          ...body,
          channel: 'phone',
          place: { point: body.point, label: body.placeLabel, sectorId: body.sectorId },
          origin: { kind: 'phone' },
        },
        record,
      ),
  });
}
