import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { scopesFor } from '../../platform/access/actor.ts';
import type { Database } from '../../platform/db/client.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { IdParams, ProblemResponses } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/office-hours/office-hours.schemas.ts';
import { territoryIdsUnder } from '../territory/index.ts';
import {
  exceptionsBySchedule,
  findException,
  findSchedule,
  findVenue,
  listScheduleRows,
  listVenueRowsWithin,
  toSchedule,
  toVenues,
} from './office-hours.queries.ts';
import { addException, createSchedule, deleteException, deleteSchedule, updateSchedule } from './schedules.service.ts';
import { createVenue, deleteVenue, MANAGE, placeOfPoint, updateVenue, venuePath } from './venues.service.ts';

const tags = ['Permanences'];

/** Venues, schedules and occurrence changes, managed by delegates and admins within their territory. */
export async function officeHoursRoutes(
  app: FastifyInstance,
  { database, pollMs }: { database: Database; pollMs: number },
) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;
  const id = (request: FastifyRequest) => (request.params as { id: string }).id;
  const pathOfVenue = async (venueId: string) => {
    const venue = await findVenue(db, venueId);
    return venue && venuePath(db, venue);
  };
  const pathOfSchedule = async (scheduleId: string) => {
    const schedule = await findSchedule(db, scheduleId);
    return schedule && pathOfVenue(schedule.venueId);
  };
  const access = (territory: (request: FastifyRequest) => Promise<Awaited<ReturnType<typeof pathOfVenue>>>) => ({
    access: { permission: MANAGE, territory },
  });
  const ofVenue = access((request) => pathOfVenue(id(request)));
  const ofSchedule = access((request) => pathOfSchedule(id(request)));
  // A new venue sits where its point is: outside every sector is a 422, outside the caller's territory a 404.
  const ofNewVenue = access(async (request) => {
    const body = request.body as s.OfficeHourVenueCreate;
    return (await placeOfPoint(database, body.lon, body.lat, pollMs)).path;
  });
  const ofNewSchedule = access((request) => pathOfVenue((request.body as s.OfficeHourScheduleCreate).venueId));
  const ofException = access(async (request) => {
    const exception = await findException(db, id(request));
    return exception && pathOfSchedule(exception.scheduleId);
  });

  r.get(
    '/api/office-hours/venues',
    {
      config: { access: { permission: MANAGE } },
      schema: {
        tags,
        summary: 'Lieux de permanence de mon territoire',
        response: { 200: s.OfficeHourVenueList, ...ProblemResponses },
      },
    },
    async (request) => {
      const scopes = scopesFor(request.actor, MANAGE);
      const ids = scopes === 'all' ? [] : await territoryIdsUnder(db, scopes);
      return { items: await toVenues(db, await listVenueRowsWithin(db, ids)) };
    },
  );

  r.post(
    '/api/office-hours/venues',
    {
      config: ofNewVenue,
      schema: {
        tags,
        summary: 'Ajouter un lieu de permanence',
        body: s.OfficeHourVenueCreate,
        response: { 201: s.OfficeHourVenue, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const { resolution } = await placeOfPoint(database, request.body.lon, request.body.lat, pollMs);
      return reply.code(201).send(await createVenue(database, request.actor, request.body, resolution));
    },
  );

  r.get(
    '/api/office-hours/venues/:id',
    {
      config: ofVenue,
      schema: {
        tags,
        summary: 'Un lieu, ses calendriers et leurs changements',
        params: IdParams,
        response: { 200: s.OfficeHourVenueDetail, ...ProblemResponses },
      },
    },
    async (request) => {
      const venue = await findVenue(db, request.params.id);
      if (!venue) throw new NotFoundError('Lieu de permanence introuvable.');
      const schedules = await listScheduleRows(db, { venueIds: [venue.id] });
      const exceptions = await exceptionsBySchedule(
        db,
        schedules.map((row) => row.id),
      );
      return {
        venue: (await toVenues(db, [venue]))[0],
        schedules: schedules.map((row) => toSchedule(row, exceptions.get(row.id) ?? [])),
      };
    },
  );

  r.patch(
    '/api/office-hours/venues/:id',
    {
      config: ofVenue,
      schema: {
        tags,
        summary: 'Modifier un lieu de permanence',
        params: IdParams,
        body: s.OfficeHourVenueUpdate,
        response: { 200: s.OfficeHourVenue, ...ProblemResponses },
      },
    },
    async (request) => updateVenue(database, request.actor, request.params.id, request.body, pollMs),
  );

  r.delete(
    '/api/office-hours/venues/:id',
    {
      config: ofVenue,
      schema: {
        tags,
        summary: 'Retirer un lieu et ses calendriers',
        params: IdParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await deleteVenue(database, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/office-hours/schedules',
    {
      config: ofNewSchedule,
      schema: {
        tags,
        summary: 'Ajouter un calendrier de permanences (RRULE et/ou dates)',
        body: s.OfficeHourScheduleCreate,
        response: { 201: s.OfficeHourSchedule, ...ProblemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await createSchedule(database, request.actor, request.body)),
  );

  r.patch(
    '/api/office-hours/schedules/:id',
    {
      config: ofSchedule,
      schema: {
        tags,
        summary: 'Modifier un calendrier de permanences',
        params: IdParams,
        body: s.OfficeHourScheduleUpdate,
        response: { 200: s.OfficeHourSchedule, ...ProblemResponses },
      },
    },
    async (request) => updateSchedule(database, request.actor, request.params.id, request.body),
  );

  r.delete(
    '/api/office-hours/schedules/:id',
    {
      config: ofSchedule,
      schema: {
        tags,
        summary: 'Supprimer un calendrier de permanences',
        params: IdParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await deleteSchedule(database, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/office-hours/schedules/:id/exceptions',
    {
      config: ofSchedule,
      schema: {
        tags,
        summary: 'Annuler, déplacer ou ajouter une permanence',
        params: IdParams,
        body: s.OfficeHourExceptionCreate,
        response: { 201: s.OfficeHourException, ...ProblemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addException(database, request.actor, request.params.id, request.body)),
  );

  r.delete(
    '/api/office-hours/exceptions/:id',
    {
      config: ofException,
      schema: {
        tags,
        summary: 'Retirer un changement (la permanence revient comme prévu)',
        params: IdParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      await deleteException(database, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
