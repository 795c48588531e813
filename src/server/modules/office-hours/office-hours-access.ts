import type { Executor } from '../../platform/db/client.ts';
import type { Loaded } from '../../platform/http/serve.ts';
import type { Resolution } from '../../../shared/territory/territory.schemas.ts';
import type { OfficeHoursContext } from './office-hours-context.ts';
import {
  findException,
  findSchedule,
  findVenue,
  type ExceptionRow,
  type ScheduleRow,
  type VenueRow,
} from './office-hours.queries.ts';
import { placeOfPoint, venuePath } from './venues.service.ts';

/**
 * The loaders of the managed routes: each finds the record once and says where it sits (the
 * venue's commune, and its sector when it still has one); the platform checks the caller's
 * territories on that path (404 outside, like a missing record) and hands the record to the handler.
 */

export async function loadVenue(db: Executor, id: string): Promise<Loaded<VenueRow> | undefined> {
  const venue = await findVenue(db, id);
  const path = venue && (await venuePath(db, venue));
  return venue && path && { path, record: venue };
}

export interface ScheduleAtVenue {
  schedule: ScheduleRow;
  venue: VenueRow;
}

export async function loadSchedule(db: Executor, id: string): Promise<Loaded<ScheduleAtVenue> | undefined> {
  const schedule = await findSchedule(db, id);
  const venue = schedule && (await loadVenue(db, schedule.venueId));
  return schedule && venue && { path: venue.path, record: { schedule, venue: venue.record } };
}

export async function loadException(db: Executor, id: string): Promise<Loaded<ExceptionRow> | undefined> {
  const exception = await findException(db, id);
  const schedule = exception && (await loadSchedule(db, exception.scheduleId));
  return exception && schedule && { path: schedule.path, record: exception };
}

/** A new venue sits where its point is: outside every sector is a 422 (thrown), outside the caller's territory a 404. */
export async function placeOfNewVenue(
  ctx: OfficeHoursContext,
  point: { lon: number; lat: number },
): Promise<Loaded<Resolution>> {
  const { resolution, path } = await placeOfPoint(ctx.database, point.lon, point.lat, ctx.pollMs);
  return { path, record: resolution };
}
