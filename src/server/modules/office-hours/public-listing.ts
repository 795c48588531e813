import type { Database, Executor } from '../../platform/db/client.ts';
import { BadRequestError, NotFoundError } from '../../platform/errors.ts';
import type {
  NearOfficeHours,
  PublicOccurrence,
  PublicOfficeHours,
  PublicOfficeHoursQuery,
} from '../../../shared/office-hours/office-hours.schemas.ts';
import { resolvePoint, territoryIdByCode, territoryIdsUnder } from '../territory/index.ts';
import {
  exceptionsBySchedule,
  listScheduleRows,
  listVenueRows,
  listVenueRowsWithin,
  toVenues,
  type VenueRow,
} from './office-hours.queries.ts';
import { scheduleOccurrences } from './occurrences.ts';
import { addDays, daysBetween, isRealDate, parisDate } from './paris-time.ts';

/** Days shown when the caller gives no end: about two months, like the source pages' « Permanences en mars / en avril ». */
const DEFAULT_DAYS = 62;
const MAX_DAYS = 366;

/** Occurrences between two local dates at these venues, grouped by venue (venues without any are left out). */
async function occurrencesByVenue(db: Executor, venues: VenueRow[], from: string, to: string) {
  const schedules = await listScheduleRows(db, { venueIds: venues.map((venue) => venue.id) });
  const exceptions = await exceptionsBySchedule(
    db,
    schedules.map((schedule) => schedule.id),
  );
  const byVenue = new Map<string, PublicOccurrence[]>();
  for (const schedule of schedules) {
    if (schedule.endDate < from || schedule.startDate > to) {
      // An added occurrence may fall outside the rule's period: look at the exceptions only then.
      if (!(exceptions.get(schedule.id) ?? []).some((e) => e.date && e.date >= from && e.date <= to)) continue;
    }
    const list = byVenue.get(schedule.venueId) ?? [];
    // The web pages offer booking and the delegate's feed from each occurrence.
    const extra = {
      delegateUserId: schedule.delegateUserId,
      bookingEnabled: schedule.bookingEnabled,
      slotMinutes: schedule.slotMinutes,
    };
    for (const o of scheduleOccurrences(schedule, exceptions.get(schedule.id) ?? [], from, to))
      list.push(Object.assign(o, extra));
    byVenue.set(schedule.venueId, list);
  }
  for (const list of byVenue.values()) list.sort((a, b) => a.start.localeCompare(b.start));
  return byVenue;
}

/** Every venue of a département (through its districts' communes and their sectors), by name. */
export async function listDepartmentVenues(db: Executor, code: string): Promise<VenueRow[]> {
  const departmentId = await territoryIdByCode(db, 'department', code);
  if (!departmentId) throw new NotFoundError(`Le département ${code} est inconnu.`);
  return listVenueRowsWithin(db, await territoryIdsUnder(db, [{ scopeType: 'department', scopeId: departmentId }]));
}

/** `GET /api/public/office-hours`: a commune's or a département's venues with their dates, cancellations marked. */
export async function listPublicOfficeHours(
  db: Executor,
  query: PublicOfficeHoursQuery,
  now = new Date(),
): Promise<PublicOfficeHours> {
  if (!query.municipality === !query.department)
    throw new BadRequestError('Indiquez une commune (code INSEE) ou un département, et un seul.');
  const from = query.from ?? parisDate(now);
  const to = query.to ?? addDays(from, DEFAULT_DAYS);
  if (!isRealDate(from) || !isRealDate(to)) throw new BadRequestError("Une des dates demandées n'existe pas.");
  if (to < from) throw new BadRequestError('La date de fin est antérieure à la date de début.');
  if (daysBetween(from, to) > MAX_DAYS) throw new BadRequestError(`La période demandée dépasse ${MAX_DAYS} jours.`);
  let venues: VenueRow[];
  if (query.municipality) {
    const municipalityId = await territoryIdByCode(db, 'municipality', query.municipality);
    if (!municipalityId) throw new NotFoundError(`Aucune commune ne porte le code INSEE ${query.municipality}.`);
    venues = await listVenueRows(db, { municipalityIds: [municipalityId] });
  } else {
    venues = await listDepartmentVenues(db, query.department!);
  }
  const byVenue = await occurrencesByVenue(db, venues, from, to);
  const shown = venues.filter((venue) => byVenue.get(venue.id)?.length);
  const wire = await toVenues(db, shown);
  return { from, to, venues: wire.map((venue) => ({ venue, occurrences: byVenue.get(venue.id)! })) };
}

/** Great-circle distance in metres. */
function distanceMeters(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return Math.round(2 * 6_371_000 * Math.asin(Math.sqrt(a)));
}

/**
 * « Next office hour near me »: the point's sector (through the territory resolver), then the next
 * occurrence that still takes place at each venue of its commune, its own sector first.
 */
export async function findNearOfficeHours(
  database: Database,
  lon: number,
  lat: number,
  pollMs: number,
  now = new Date(),
): Promise<NearOfficeHours> {
  const resolution = await resolvePoint(database, lon, lat, { pollMs });
  if (!resolution) throw new NotFoundError("Ce point n'est dans aucun secteur couvert par la plateforme.");
  const db = database.db;
  const venues = await listVenueRows(db, { municipalityIds: [resolution.municipality.id] });
  const from = parisDate(now);
  const byVenue = await occurrencesByVenue(db, venues, from, addDays(from, MAX_DAYS));
  const wire = new Map((await toVenues(db, venues)).map((venue) => [venue.id, venue]));
  const items = venues.flatMap((venue) => {
    const next = byVenue.get(venue.id)?.find((o) => o.status !== 'cancelled' && new Date(o.end) > now);
    if (!next) return [];
    return [
      {
        venue: wire.get(venue.id)!,
        distanceMeters: distanceMeters(lon, lat, venue.lon, venue.lat),
        sameSector: venue.sectorId === resolution.sector.id,
        next,
      },
    ];
  });
  items.sort((a, b) => Number(b.sameSector) - Number(a.sameSector) || a.next.start.localeCompare(b.next.start));
  return { sector: resolution.sector, municipality: resolution.municipality, items };
}
