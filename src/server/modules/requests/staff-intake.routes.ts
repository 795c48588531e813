import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ProblemResponses } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/requests-staff.schemas.ts';
import type { RequestsContext } from './requests-context.ts';
import { locateStaffRequest, recordStaffRequest, type StaffPlace } from './staff-intake.ts';

const tags = ['Demandes (agents)'];

/** A phone call recorded by an agent of the place's territory (police referents, admins). */
export async function staffIntakeRoutes(app: FastifyInstance, ctx: RequestsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // The place is routed once, for the access check, and reused by the handler.
  const located = new WeakMap<FastifyRequest, StaffPlace>();
  const placeOf = (body: s.StaffRequestCreate) => ({
    point: body.point,
    label: body.placeLabel,
    sectorId: body.sectorId,
  });

  r.post(
    '/api/requests/staff',
    {
      config: {
        access: {
          permission: 'requests.handle',
          territory: async (request: FastifyRequest) => {
            const place = await locateStaffRequest(ctx, placeOf(request.body as s.StaffRequestCreate));
            located.set(request, place);
            return place.path;
          },
        },
      },
      schema: {
        tags,
        summary: 'Enregistrer une demande reçue par téléphone',
        body: s.StaffRequestCreate,
        response: { 201: s.StaffRequestReceipt, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const place = located.get(request)!;
      const receipt = await ctx.database.db.transaction((tx) =>
        recordStaffRequest(
          ctx,
          tx,
          request.actor,
          { ...body, channel: 'phone', place: placeOf(body), origin: { kind: 'phone' } },
          place,
        ),
      );
      return reply.code(201).send(receipt);
    },
  );
}
