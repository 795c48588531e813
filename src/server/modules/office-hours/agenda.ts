import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { TerritoryPath } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import { BadRequestError, NotFoundError } from '../../platform/errors.ts';
import {
  exceptionsBySchedule,
  findSchedule,
  findVenue,
  listScheduleRows,
  listVenueRows,
  listVenueRowsWithin,
} from './office-hours.queries.ts';
import { officeHourBookings, officeHourSchedules } from './office-hours.tables.ts';
import { scheduleOccurrences } from './occurrences.ts';
import { addDays, toHourMinute } from './paris-time.ts';
import { venuePath } from './venues.service.ts';

/** Where an office-hour visit took place, for the visits module (which never reads these tables). */
export interface OccurrencePlace {
  venue: { id: string; name: string; sectorId: string | null; municipalityId: string };
  schedule: { id: string; title: string } | null;
  path: TerritoryPath;
  /** False when the schedule has no (uncancelled) occurrence that day: the caller refuses it once it knows the caller may see the place. */
  held: boolean;
}

/**
 * The venue (and schedule) of a visit: an occurrence of a schedule, or any date at a venue for an
 * ad-hoc visit. Unknown ids are a 404.
 */
export async function findOccurrencePlace(
  db: Executor,
  at: { scheduleId?: string | null; venueId?: string | null; date: string },
): Promise<OccurrencePlace> {
  if (!at.scheduleId && !at.venueId)
    throw new BadRequestError('Choisissez la permanence ou le lieu de la visite.', [
      { pointer: '/scheduleId', message: 'Permanence ou lieu requis.' },
    ]);
  const schedule = at.scheduleId ? await findSchedule(db, at.scheduleId) : undefined;
  if (at.scheduleId && !schedule) throw new NotFoundError('Permanence introuvable.');
  const venueId = schedule?.venueId ?? at.venueId;
  const venue = venueId ? await findVenue(db, venueId) : undefined;
  if (!venue || (schedule && at.venueId && at.venueId !== schedule.venueId))
    throw new NotFoundError('Lieu de permanence introuvable.');
  const held =
    !schedule ||
    scheduleOccurrences(
      schedule,
      (await exceptionsBySchedule(db, [schedule.id])).get(schedule.id) ?? [],
      at.date,
      at.date,
    ).some((o) => o.status !== 'cancelled');
  const path = await venuePath(db, venue);
  if (!path) throw new NotFoundError('Lieu de permanence introuvable.');
  return {
    venue: { id: venue.id, name: venue.name, sectorId: venue.sectorId, municipalityId: venue.municipalityId },
    schedule: schedule ? { id: schedule.id, title: schedule.title } : null,
    path,
    held,
  };
}

export async function venueNamesOf(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const rows = await listVenueRows(db, { ids: [...new Set(ids)] });
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function scheduleTitlesOf(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: officeHourSchedules.id, title: officeHourSchedules.title })
    .from(officeHourSchedules)
    .where(inArray(officeHourSchedules.id, unique));
  return new Map(rows.map((row) => [row.id, row.title]));
}

export interface AgendaScope {
  /** A delegate's own schedules. */
  delegateUserId?: string;
  /** Schedules of the venues in these territories (expanded ids), or every venue. */
  territoryIds?: string[] | 'all';
  /**
   * Where the caller manages office hours (expanded ids, or every venue): bookings at these venues
   * carry the resident's name, the others `name: null` (the names are the bookings route's, audited).
   */
  namesWithin?: string[] | 'all';
}

export interface AgendaOccurrence {
  scheduleId: string;
  title: string;
  venue: { id: string; name: string };
  date: string;
  startTime: string;
  endTime: string;
  start: string;
  status: 'scheduled' | 'cancelled' | 'moved' | 'added';
  bookings: number;
}
export interface AgendaBooking {
  scheduleId: string;
  title: string;
  date: string;
  slot: string | null;
  /** Null outside `scope.namesWithin`. */
  name: string | null;
}

/**
 * The next occurrences of the schedules in scope (from `today`, up to `limit`, cancelled ones
 * marked) with their booking counts, and the bookings to come: the dashboard's agenda.
 */
export async function loadAgenda(
  db: Executor,
  scope: AgendaScope,
  today: string,
  now: Date,
  limit = 5,
): Promise<{ occurrences: AgendaOccurrence[]; bookings: AgendaBooking[] }> {
  const venues =
    scope.territoryIds === 'all'
      ? await listVenueRows(db, {})
      : scope.territoryIds
        ? await listVenueRowsWithin(db, scope.territoryIds)
        : [];
  const inTerritory = venues.length ? await listScheduleRows(db, { venueIds: venues.map((v) => v.id) }) : [];
  const own = scope.delegateUserId ? await listScheduleRows(db, { delegateUserId: scope.delegateUserId }) : [];
  const schedules = [...new Map([...inTerritory, ...own].map((s) => [s.id, s])).values()].filter(
    (s) => s.endDate >= today,
  );
  if (schedules.length === 0) return { occurrences: [], bookings: [] };
  const venueRows = new Map(
    (await listVenueRows(db, { ids: [...new Set(schedules.map((s) => s.venueId))] })).map((v) => [v.id, v]),
  );
  const names = new Map([...venueRows].map(([id, v]) => [id, v.name]));
  const within = scope.namesWithin === 'all' ? 'all' : new Set(scope.namesWithin ?? []);
  const namesAt = (venueId: string) => {
    const venue = venueRows.get(venueId);
    return (
      !!venue &&
      (within === 'all' || within.has(venue.municipalityId) || (!!venue.sectorId && within.has(venue.sectorId)))
    );
  };
  const exceptions = await exceptionsBySchedule(
    db,
    schedules.map((s) => s.id),
  );
  const horizon = addDays(today, 366);
  const next = schedules
    .flatMap((s) =>
      scheduleOccurrences(s, exceptions.get(s.id) ?? [], today, horizon)
        .filter((o) => o.end > now.toISOString())
        .map((o) => ({ o, venueId: s.venueId })),
    )
    .sort((a, b) => a.o.start.localeCompare(b.o.start))
    .slice(0, limit);
  const ids = schedules.map((s) => s.id);
  const booked = await db
    .select()
    .from(officeHourBookings)
    .where(
      and(
        inArray(officeHourBookings.scheduleId, ids),
        eq(officeHourBookings.status, 'booked'),
        gte(officeHourBookings.date, today),
      ),
    )
    .orderBy(asc(officeHourBookings.date), asc(officeHourBookings.slotStartMinute), asc(officeHourBookings.createdAt));
  const count = (scheduleId: string, date: string) =>
    booked.filter((b) => b.scheduleId === scheduleId && b.date === date).length;
  const title = new Map(schedules.map((s) => [s.id, s.title]));
  const venueOf = new Map(schedules.map((s) => [s.id, s.venueId]));
  return {
    occurrences: next.map(({ o, venueId }) => ({
      scheduleId: o.scheduleId,
      title: o.title,
      venue: { id: venueId, name: names.get(venueId) ?? '' },
      date: o.date,
      startTime: o.startTime,
      endTime: o.endTime,
      start: o.start,
      status: o.status,
      bookings: count(o.scheduleId, o.date),
    })),
    bookings: booked.slice(0, 50).map((b) => ({
      scheduleId: b.scheduleId,
      title: title.get(b.scheduleId) ?? '',
      date: b.date,
      slot: b.slotStartMinute === null ? null : toHourMinute(b.slotStartMinute),
      name: namesAt(venueOf.get(b.scheduleId) ?? '') ? b.name : null,
    })),
  };
}
