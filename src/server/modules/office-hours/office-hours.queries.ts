import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type {
  OfficeHourException,
  OfficeHourSchedule,
  OfficeHourVenue,
} from '../../../shared/office-hours/office-hours.schemas.ts';
import { placeSummaries } from '../territory/index.ts';
import { officeHourExceptions, officeHourSchedules, officeHourVenues } from './office-hours.tables.ts';
import { toHourMinute } from './paris-time.ts';

export type VenueRow = typeof officeHourVenues.$inferSelect;
export type ScheduleRow = typeof officeHourSchedules.$inferSelect;
export type ExceptionRow = typeof officeHourExceptions.$inferSelect;

export async function findVenue(db: Executor, id: string): Promise<VenueRow | undefined> {
  const [row] = await db.select().from(officeHourVenues).where(eq(officeHourVenues.id, id));
  return row;
}

export async function findSchedule(db: Executor, id: string): Promise<ScheduleRow | undefined> {
  const [row] = await db.select().from(officeHourSchedules).where(eq(officeHourSchedules.id, id));
  return row;
}

export async function findException(db: Executor, id: string): Promise<ExceptionRow | undefined> {
  const [row] = await db.select().from(officeHourExceptions).where(eq(officeHourExceptions.id, id));
  return row;
}

/** Venues of these communes (or all given ids), by name. */
export async function listVenueRows(
  db: Executor,
  filter: { municipalityIds?: string[]; ids?: string[] },
): Promise<VenueRow[]> {
  if (filter.municipalityIds?.length === 0 || filter.ids?.length === 0) return [];
  return db
    .select()
    .from(officeHourVenues)
    .where(
      and(
        filter.municipalityIds ? inArray(officeHourVenues.municipalityId, filter.municipalityIds) : undefined,
        filter.ids ? inArray(officeHourVenues.id, filter.ids) : undefined,
      ),
    )
    .orderBy(asc(officeHourVenues.name));
}

/** Venues whose commune or sector is one of these territory ids (a user's scopes, expanded). */
export async function listVenueRowsWithin(db: Executor, territoryIds: string[]): Promise<VenueRow[]> {
  if (territoryIds.length === 0) return [];
  return db
    .select()
    .from(officeHourVenues)
    .where(or(inArray(officeHourVenues.municipalityId, territoryIds), inArray(officeHourVenues.sectorId, territoryIds)))
    .orderBy(asc(officeHourVenues.name));
}

export async function listScheduleRows(
  db: Executor,
  filter: { venueIds?: string[]; delegateUserId?: string },
): Promise<ScheduleRow[]> {
  if (filter.venueIds?.length === 0) return [];
  return db
    .select()
    .from(officeHourSchedules)
    .where(
      and(
        filter.venueIds ? inArray(officeHourSchedules.venueId, filter.venueIds) : undefined,
        filter.delegateUserId ? eq(officeHourSchedules.delegateUserId, filter.delegateUserId) : undefined,
      ),
    )
    .orderBy(asc(officeHourSchedules.startDate), asc(officeHourSchedules.id));
}

/** Exceptions of these schedules, grouped by schedule. */
export async function exceptionsBySchedule(db: Executor, scheduleIds: string[]): Promise<Map<string, ExceptionRow[]>> {
  const map = new Map<string, ExceptionRow[]>(scheduleIds.map((id) => [id, []]));
  if (scheduleIds.length === 0) return map;
  const rows = await db
    .select()
    .from(officeHourExceptions)
    .where(inArray(officeHourExceptions.scheduleId, scheduleIds))
    .orderBy(asc(officeHourExceptions.createdAt));
  for (const row of rows) map.get(row.scheduleId)!.push(row);
  return map;
}

export async function toVenues(db: Executor, rows: VenueRow[]): Promise<OfficeHourVenue[]> {
  if (rows.length === 0) return [];
  const { municipalities: communeById, sectors: sectorById } = await placeSummaries(db, {
    sectorIds: rows.map((r) => r.sectorId),
    municipalityIds: rows.map((r) => r.municipalityId),
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    address: row.address,
    lon: row.lon,
    lat: row.lat,
    accessibilityNotes: row.accessibilityNotes,
    sector: (row.sectorId && sectorById.get(row.sectorId)) || null,
    municipality: communeById.get(row.municipalityId)!,
  }));
}

export function toException(row: ExceptionRow): OfficeHourException {
  return {
    id: row.id,
    kind: row.kind,
    originalDate: row.originalDate,
    date: row.date,
    startTime: row.startMinute === null ? null : toHourMinute(row.startMinute),
    endTime: row.endMinute === null ? null : toHourMinute(row.endMinute),
    reason: row.reason,
  };
}

export function toSchedule(row: ScheduleRow, exceptions: ExceptionRow[]): OfficeHourSchedule {
  return {
    id: row.id,
    venueId: row.venueId,
    delegateUserId: row.delegateUserId,
    title: row.title,
    startTime: toHourMinute(row.startMinute),
    endTime: toHourMinute(row.endMinute),
    durationMinutes: row.endMinute - row.startMinute,
    rrule: row.rrule,
    rdates: [...row.rdates].sort(),
    startDate: row.startDate,
    endDate: row.endDate,
    bookingEnabled: row.bookingEnabled,
    slotMinutes: row.slotMinutes,
    exceptions: exceptions.map(toException),
  };
}
