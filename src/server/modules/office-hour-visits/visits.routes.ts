import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { UserActor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { UnprocessableError } from '../../platform/errors.ts';
import { IdParams, ProblemResponses } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/office-hour-visits.schemas.ts';
import { findOccurrencePlace, type OccurrencePlace } from '../office-hours/index.ts';
import { loadDashboard } from './dashboard.ts';
import { READ, RECORD, visibleVisits, visitPath } from './visit-access.ts';
import type { VisitsContext } from './visits-context.ts';
import { listVisitRows, loadVisit, toVisits } from './visits.queries.ts';
import { convertVisit, createVisit, deleteVisit, updateVisit } from './visits.service.ts';

const tags = ['Permanences (visites)'];
const READ_ACTION = 'office-hours.visit.read';

/**
 * Confidential visit records: the delegate who wrote one, the police referents of its sector's
 * territory and admins read it (anyone else: 404); every read is audited. And the dashboard.
 */
export async function visitRoutes(app: FastifyInstance, ctx: VisitsContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = ctx.database.db;
  const user = (request: FastifyRequest) => request.actor as UserActor;
  const on = (permission: typeof READ | typeof RECORD) => ({
    access: {
      permission,
      territory: (request: FastifyRequest) =>
        visitPath(db, request.actor, permission, (request.params as { id: string }).id),
    },
  });
  // The place of a new visit is found once, for the access check, and reused by the handler.
  const places = new WeakMap<FastifyRequest, OccurrencePlace>();
  const ofNewVisit = {
    access: {
      permission: RECORD,
      territory: async (request: FastifyRequest) => {
        const place = await findOccurrencePlace(db, request.body as s.VisitCreate);
        places.set(request, place);
        return place.path;
      },
    },
  };
  const audited = (request: FastifyRequest, ids: string[], reason: string) =>
    recordAudit(db, request.actor, {
      action: READ_ACTION,
      recordType: 'office_hour_visit',
      ...(ids.length === 1 ? { recordId: ids[0] } : {}),
      reason,
      details: { ids },
    });

  r.get(
    '/api/office-hours/visits',
    {
      config: { access: { permission: READ } },
      schema: {
        tags,
        summary: 'Visites notées en permanence (lecture tracée)',
        querystring: s.VisitListQuery,
        response: { 200: s.VisitList, ...ProblemResponses },
      },
    },
    async (request) => {
      const items = await toVisits(db, await listVisitRows(db, await visibleVisits(db, request.actor), request.query));
      await audited(
        request,
        items.map((v) => v.id),
        'GET /api/office-hours/visits',
      );
      return { items };
    },
  );

  r.post(
    '/api/office-hours/visits',
    {
      config: ofNewVisit,
      schema: {
        tags,
        summary: 'Noter une visite de permanence',
        body: s.VisitCreate,
        response: { 201: s.Visit, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const place = places.get(request)!;
      if (!place.held)
        throw new UnprocessableError(
          `Cette permanence n'a pas lieu le ${request.body.date} : choisissez une date où elle se tient, ou notez la visite au lieu seul.`,
          [{ pointer: '/date', message: 'Pas de permanence ce jour-là.' }],
        );
      const id = await createVisit(ctx, user(request), request.body, place);
      return reply.code(201).send(await loadVisit(db, id));
    },
  );

  r.get(
    '/api/office-hours/visits/:id',
    {
      config: on(READ),
      schema: {
        tags,
        summary: 'Une visite et la demande qui en est issue (lecture tracée)',
        params: IdParams,
        response: { 200: s.Visit, ...ProblemResponses },
      },
    },
    async (request) => {
      const visit = await loadVisit(db, request.params.id);
      await audited(request, [visit.id], 'GET /api/office-hours/visits/:id');
      return visit;
    },
  );

  r.patch(
    '/api/office-hours/visits/:id',
    {
      config: on(RECORD),
      schema: {
        tags,
        summary: 'Compléter une visite ou sa suite',
        params: IdParams,
        body: s.VisitUpdate,
        response: { 200: s.Visit, ...ProblemResponses },
      },
    },
    async (request) => {
      await updateVisit(ctx, request.actor, request.params.id, request.body);
      return loadVisit(db, request.params.id);
    },
  );

  r.delete(
    '/api/office-hours/visits/:id',
    {
      config: on(RECORD),
      schema: {
        tags,
        summary: 'Supprimer une visite',
        params: IdParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await deleteVisit(ctx, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/office-hours/visits/:id/request',
    {
      config: on(RECORD),
      schema: {
        tags,
        summary: 'Transformer la visite en demande pour le secteur',
        params: IdParams,
        body: s.VisitConversion,
        response: { 201: s.Visit, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await convertVisit(ctx, request.actor, request.params.id, request.body);
      return reply.code(201).send(await loadVisit(db, request.params.id));
    },
  );

  r.get(
    '/api/office-hours/dashboard',
    {
      config: { access: { permission: READ } },
      schema: { tags, summary: 'Tableau de bord des permanences', response: { 200: s.Dashboard, ...ProblemResponses } },
    },
    async (request) => {
      const { visitIds, ...dashboard } = await loadDashboard(db, request.actor);
      // Bookings (names) and visits awaiting follow-up are personal data: the view is audited.
      await audited(request, visitIds, 'GET /api/office-hours/dashboard');
      return dashboard;
    },
  );
}
