import { NotFoundError } from '../../platform/errors.ts';
import type { PublicOfficeHoursQuery } from '../../../shared/office-hours/office-hours.schemas.ts';
import { territoryIdByCode } from '../territory/index.ts';
import { buildCalendar, type FeedInput } from './ical.ts';
import type { OfficeHoursContext } from './office-hours-context.ts';
import { exceptionsBySchedule, findVenue, listScheduleRows, listVenueRows } from './office-hours.queries.ts';
import { parisDate } from './paris-time.ts';
import { cachedPublic, type CachedBody } from './public-cache.ts';
import { listDepartmentVenues, listPublicOfficeHours } from './public-listing.ts';

/**
 * The public listing and the iCalendar feeds, as bytes ready to send with their ETag: each is
 * built once per data version (a département's feed takes half a second), then served from memory.
 */

async function feedOf(
  ctx: OfficeHoursContext,
  name: string,
  venues: FeedInput['venues'],
  schedules: FeedInput['schedules'],
): Promise<string> {
  return buildCalendar({
    name,
    venues,
    schedules,
    exceptions: await exceptionsBySchedule(
      ctx.database.db,
      schedules.map((schedule) => schedule.id),
    ),
  });
}

const cached = (ctx: OfficeHoursContext, key: string, build: () => Promise<string>) =>
  cachedPublic(ctx.database, ctx.pollMs, key, build);

/** `GET /api/public/office-hours`, as the JSON text built once (the same objects, serialised by JSON.stringify). */
export function publicListing(ctx: OfficeHoursContext, where: PublicOfficeHoursQuery): Promise<CachedBody> {
  const query = { ...where, from: where.from ?? parisDate(new Date()) };
  const key = `listing:${JSON.stringify([query.municipality ?? null, query.department ?? null, query.from, query.to ?? null])}`;
  return cached(ctx, key, async () => JSON.stringify(await listPublicOfficeHours(ctx.database.db, query)));
}

export function venueFeed(ctx: OfficeHoursContext, id: string): Promise<CachedBody> {
  const db = ctx.database.db;
  return cached(ctx, `venue:${id}`, async () => {
    const venue = await findVenue(db, id);
    if (!venue) throw new NotFoundError('Lieu de permanence introuvable.');
    return feedOf(ctx, `Permanences — ${venue.name}`, [venue], await listScheduleRows(db, { venueIds: [venue.id] }));
  });
}

export function communeFeed(ctx: OfficeHoursContext, insee: string): Promise<CachedBody> {
  const db = ctx.database.db;
  return cached(ctx, `commune:${insee}`, async () => {
    const municipalityId = await territoryIdByCode(db, 'municipality', insee);
    if (!municipalityId) throw new NotFoundError(`Aucune commune ne porte le code INSEE ${insee}.`);
    const venues = await listVenueRows(db, { municipalityIds: [municipalityId] });
    return feedOf(
      ctx,
      `Permanences — commune ${insee}`,
      venues,
      await listScheduleRows(db, { venueIds: venues.map((venue) => venue.id) }),
    );
  });
}

export function departmentFeed(ctx: OfficeHoursContext, code: string): Promise<CachedBody> {
  const db = ctx.database.db;
  return cached(ctx, `department:${code}`, async () => {
    const venues = await listDepartmentVenues(db, code);
    return feedOf(
      ctx,
      `Permanences — département ${code}`,
      venues,
      await listScheduleRows(db, { venueIds: venues.map((venue) => venue.id) }),
    );
  });
}

/** A delegate without any schedule is a 404, like an unknown id: the feed does not reveal accounts. */
export function delegateFeed(ctx: OfficeHoursContext, id: string): Promise<CachedBody> {
  const db = ctx.database.db;
  return cached(ctx, `delegate:${id}`, async () => {
    const schedules = await listScheduleRows(db, { delegateUserId: id });
    if (schedules.length === 0) throw new NotFoundError('Aucune permanence pour ce délégué.');
    const venues = await listVenueRows(db, { ids: [...new Set(schedules.map((schedule) => schedule.venueId))] });
    return feedOf(ctx, 'Permanences du délégué', venues, schedules);
  });
}
