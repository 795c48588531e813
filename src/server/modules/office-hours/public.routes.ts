import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Database } from '../../platform/db/client.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { IdParams, ProblemResponses, StrictObject } from '../../../shared/common.schemas.ts';
import * as s from '../../../shared/office-hours.schemas.ts';
import { territoryIdByCode } from '../territory/index.ts';
import { buildCalendar, type FeedInput } from './ical.ts';
import { exceptionsBySchedule, findVenue, listScheduleRows, listVenueRows } from './office-hours.queries.ts';
import { findNearOfficeHours, listDepartmentVenues, listPublicOfficeHours } from './public-listing.ts';

const tags = ['Permanences (public)'];
const InseeParams = StrictObject({ insee: Type.String({ pattern: '^[0-9][0-9AB][0-9]{3}$' }) });
const DepartmentParams = StrictObject({ code: Type.String({ pattern: '^([0-9]{2}|2A|2B|97[1-6])$' }) });

async function feedOf(database: Database, name: string, venues: FeedInput['venues'], schedules: FeedInput['schedules']): Promise<Feed> {
  const body = buildCalendar({ name, venues, schedules, exceptions: await exceptionsBySchedule(database.db, schedules.map((schedule) => schedule.id)) });
  return { body, etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

interface Feed {
  body: string;
  etag: string;
}

/** What residents see without signing in: listings, the nearest office hour, and iCalendar feeds. */
export async function publicOfficeHoursRoutes(app: FastifyInstance, { database, pollMs }: { database: Database; pollMs: number }) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;
  const ics = { 200: Type.String({ description: 'text/calendar (RFC 5545)' }), ...ProblemResponses };
  // Calendar apps poll their subscriptions: an unchanged feed answers 304 on its ETag.
  const calendar = (feed: Feed, request: FastifyRequest, reply: FastifyReply, filename: string) => {
    reply.header('etag', feed.etag).header('cache-control', 'public, max-age=300');
    if (request.headers['if-none-match'] === feed.etag) return reply.code(304).send();
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${filename}"`).send(feed.body);
  };

  r.get('/api/public/office-hours', { config: { access: 'public' }, schema: { tags, summary: "Prochaines permanences d'une commune ou d'un département", querystring: s.PublicOfficeHoursQuery, response: { 200: s.PublicOfficeHours, ...ProblemResponses } } },
    async (request) => listPublicOfficeHours(db, request.query));

  r.get('/api/public/office-hours/near', { config: { access: 'public' }, schema: { tags, summary: 'Prochaine permanence près d’un point', querystring: s.NearOfficeHoursQuery, response: { 200: s.NearOfficeHours, ...ProblemResponses } } },
    async (request) => findNearOfficeHours(database, request.query.lon, request.query.lat, pollMs));

  r.get('/calendar/venues/:id.ics', { config: { access: 'public' }, schema: { tags, summary: "Flux iCalendar d'un lieu", params: IdParams, response: ics } }, async (request, reply) => {
    const venue = await findVenue(db, request.params.id);
    if (!venue) throw new NotFoundError('Lieu de permanence introuvable.');
    const schedules = await listScheduleRows(db, { venueIds: [venue.id] });
    return calendar(await feedOf(database, `Permanences — ${venue.name}`, [venue], schedules), request, reply, `permanences-${venue.id}.ics`);
  });

  r.get('/calendar/communes/:insee.ics', { config: { access: 'public' }, schema: { tags, summary: "Flux iCalendar des permanences d'une commune", params: InseeParams, response: ics } }, async (request, reply) => {
    const municipalityId = await territoryIdByCode(db, 'municipality', request.params.insee);
    if (!municipalityId) throw new NotFoundError(`Aucune commune ne porte le code INSEE ${request.params.insee}.`);
    const venues = await listVenueRows(db, { municipalityIds: [municipalityId] });
    const schedules = await listScheduleRows(db, { venueIds: venues.map((venue) => venue.id) });
    return calendar(await feedOf(database, `Permanences — commune ${request.params.insee}`, venues, schedules), request, reply, `permanences-${request.params.insee}.ics`);
  });

  r.get('/calendar/departements/:code.ics', { config: { access: 'public' }, schema: { tags, summary: "Flux iCalendar des permanences d'un département", params: DepartmentParams, response: ics } }, async (request, reply) => {
    const venues = await listDepartmentVenues(db, request.params.code);
    const schedules = await listScheduleRows(db, { venueIds: venues.map((venue) => venue.id) });
    return calendar(await feedOf(database, `Permanences — département ${request.params.code}`, venues, schedules), request, reply, `permanences-departement-${request.params.code}.ics`);
  });

  // A delegate without any schedule answers 404, like an unknown id: the feed does not reveal accounts.
  r.get('/calendar/delegates/:id.ics', { config: { access: 'public' }, schema: { tags, summary: "Flux iCalendar des permanences d'un délégué", params: IdParams, response: ics } }, async (request, reply) => {
    const schedules = await listScheduleRows(db, { delegateUserId: request.params.id });
    if (schedules.length === 0) throw new NotFoundError('Aucune permanence pour ce délégué.');
    const venues = await listVenueRows(db, { ids: [...new Set(schedules.map((schedule) => schedule.venueId))] });
    return calendar(await feedOf(database, 'Permanences du délégué', venues, schedules), request, reply, `permanences-delegue-${request.params.id}.ics`);
  });
}
