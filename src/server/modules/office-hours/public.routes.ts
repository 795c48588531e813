import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../platform/db/client.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { IdParams, ProblemResponses, StrictObject } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/office-hours/office-hours.schemas.ts';
import { territoryIdByCode } from '../territory/index.ts';
import { buildCalendar, type FeedInput } from './ical.ts';
import { exceptionsBySchedule, findVenue, listScheduleRows, listVenueRows } from './office-hours.queries.ts';
import { parisDate } from './paris-time.ts';
import { cachedPublic, type CachedBody } from './public-cache.ts';
import { findNearOfficeHours, listDepartmentVenues, listPublicOfficeHours } from './public-listing.ts';

const tags = ['Permanences (public)'];
const InseeParams = StrictObject({ insee: Type.String({ pattern: '^[0-9][0-9AB][0-9]{3}$' }) });
const DepartmentParams = StrictObject({ code: Type.String({ pattern: '^([0-9]{2}|2A|2B|97[1-6])$' }) });

async function feedOf(
  database: Database,
  name: string,
  venues: FeedInput['venues'],
  schedules: FeedInput['schedules'],
): Promise<string> {
  return buildCalendar({
    name,
    venues,
    schedules,
    exceptions: await exceptionsBySchedule(
      database.db,
      schedules.map((schedule) => schedule.id),
    ),
  });
}

/** What residents see without signing in: listings, the nearest office hour, and iCalendar feeds. */
export async function publicOfficeHoursRoutes(
  app: FastifyInstance,
  { database, pollMs }: { database: Database; pollMs: number },
) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;
  const ics = { 200: Type.String({ description: 'text/calendar (RFC 5545)' }), ...ProblemResponses };
  // Built once per data version (a département's feed takes half a second), then served from memory.
  const cached = (key: string, build: () => Promise<string>) => cachedPublic(database, pollMs, key, build);
  // Calendar apps poll their subscriptions and the page revalidates: unchanged data answers 304 on its ETag.
  const send = (
    cachedBody: CachedBody,
    request: FastifyRequest,
    reply: FastifyReply,
    cacheControl: string,
    headers: Record<string, string>,
  ) => {
    reply.header('etag', cachedBody.etag).header('cache-control', cacheControl);
    if (request.headers['if-none-match'] === cachedBody.etag) return reply.code(304).send();
    return reply.headers(headers).send(cachedBody.body);
  };
  const calendar = (feed: CachedBody, request: FastifyRequest, reply: FastifyReply, filename: string) =>
    send(feed, request, reply, 'public, max-age=300', {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `inline; filename="${filename}"`,
    });

  // Sent as the JSON text built once (the same objects, serialised by JSON.stringify); the page revalidates each time (no-cache).
  r.get(
    '/api/public/office-hours',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "Prochaines permanences d'une commune ou d'un département",
        querystring: s.PublicOfficeHoursQuery,
        response: { 200: s.PublicOfficeHours, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const query = { ...request.query, from: request.query.from ?? parisDate(new Date()) };
      const key = `listing:${JSON.stringify([query.municipality ?? null, query.department ?? null, query.from, query.to ?? null])}`;
      const listing = await cached(key, async () => JSON.stringify(await listPublicOfficeHours(db, query)));
      return send(listing, request, reply, 'no-cache', { 'content-type': 'application/json; charset=utf-8' });
    },
  );

  r.get(
    '/api/public/office-hours/near',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Prochaine permanence près d’un point',
        querystring: s.NearOfficeHoursQuery,
        response: { 200: s.NearOfficeHours, ...ProblemResponses },
      },
    },
    async (request) => findNearOfficeHours(database, request.query.lon, request.query.lat, pollMs),
  );

  r.get(
    '/calendar/venues/:id.ics',
    {
      config: { access: 'public' },
      schema: { tags, summary: "Flux iCalendar d'un lieu", params: IdParams, response: ics },
    },
    async (request, reply) => {
      const feed = await cached(`venue:${request.params.id}`, async () => {
        const venue = await findVenue(db, request.params.id);
        if (!venue) throw new NotFoundError('Lieu de permanence introuvable.');
        return feedOf(
          database,
          `Permanences — ${venue.name}`,
          [venue],
          await listScheduleRows(db, { venueIds: [venue.id] }),
        );
      });
      return calendar(feed, request, reply, `permanences-${request.params.id}.ics`);
    },
  );

  r.get(
    '/calendar/communes/:insee.ics',
    {
      config: { access: 'public' },
      schema: { tags, summary: "Flux iCalendar des permanences d'une commune", params: InseeParams, response: ics },
    },
    async (request, reply) => {
      const feed = await cached(`commune:${request.params.insee}`, async () => {
        const municipalityId = await territoryIdByCode(db, 'municipality', request.params.insee);
        if (!municipalityId) throw new NotFoundError(`Aucune commune ne porte le code INSEE ${request.params.insee}.`);
        const venues = await listVenueRows(db, { municipalityIds: [municipalityId] });
        return feedOf(
          database,
          `Permanences — commune ${request.params.insee}`,
          venues,
          await listScheduleRows(db, { venueIds: venues.map((venue) => venue.id) }),
        );
      });
      return calendar(feed, request, reply, `permanences-${request.params.insee}.ics`);
    },
  );

  r.get(
    '/calendar/departements/:code.ics',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "Flux iCalendar des permanences d'un département",
        params: DepartmentParams,
        response: ics,
      },
    },
    async (request, reply) => {
      const feed = await cached(`department:${request.params.code}`, async () => {
        const venues = await listDepartmentVenues(db, request.params.code);
        return feedOf(
          database,
          `Permanences — département ${request.params.code}`,
          venues,
          await listScheduleRows(db, { venueIds: venues.map((venue) => venue.id) }),
        );
      });
      return calendar(feed, request, reply, `permanences-departement-${request.params.code}.ics`);
    },
  );

  // A delegate without any schedule answers 404, like an unknown id: the feed does not reveal accounts.
  r.get(
    '/calendar/delegates/:id.ics',
    {
      config: { access: 'public' },
      schema: { tags, summary: "Flux iCalendar des permanences d'un délégué", params: IdParams, response: ics },
    },
    async (request, reply) => {
      const feed = await cached(`delegate:${request.params.id}`, async () => {
        const schedules = await listScheduleRows(db, { delegateUserId: request.params.id });
        if (schedules.length === 0) throw new NotFoundError('Aucune permanence pour ce délégué.');
        const venues = await listVenueRows(db, { ids: [...new Set(schedules.map((schedule) => schedule.venueId))] });
        return feedOf(database, 'Permanences du délégué', venues, schedules);
      });
      return calendar(feed, request, reply, `permanences-delegue-${request.params.id}.ics`);
    },
  );
}
