import type { PublicOccurrence } from '../../../shared/office-hours/office-hours.schemas.ts';
import { expandRecurrence } from './recurrence.ts';
import { parisInstant, toHourMinute } from './paris-time.ts';
import type { ExceptionRow, ScheduleRow } from './office-hours.queries.ts';

/** The stored rule of a schedule, expanded (it was checked when saved, so this does not throw in practice). */
export function scheduleDates(schedule: ScheduleRow) {
  return expandRecurrence({
    rrule: schedule.rrule,
    rdates: schedule.rdates,
    startDate: schedule.startDate,
    endDate: schedule.endDate,
    startMinute: schedule.startMinute,
  });
}

function occurrence(
  schedule: ScheduleRow,
  date: string,
  startMinute: number,
  endMinute: number,
  status: PublicOccurrence['status'],
  reason: string | null,
  originalDate: string | null,
): PublicOccurrence {
  return {
    scheduleId: schedule.id,
    title: schedule.title,
    date,
    startTime: toHourMinute(startMinute),
    endTime: toHourMinute(endMinute),
    start: parisInstant(date, startMinute).toISOString(),
    end: parisInstant(date, endMinute).toISOString(),
    status,
    reason,
    originalDate,
  };
}

/**
 * Every occurrence of a schedule with its exceptions applied, between two local dates
 * (inclusive): a cancelled one stays, marked, so the public sees it was called off.
 */
export function scheduleOccurrences(
  schedule: ScheduleRow,
  exceptions: ExceptionRow[],
  from: string,
  to: string,
): PublicOccurrence[] {
  const byOriginal = new Map(exceptions.filter((e) => e.originalDate).map((e) => [e.originalDate!, e]));
  const result: PublicOccurrence[] = [];
  for (const date of scheduleDates(schedule).dates) {
    const exception = byOriginal.get(date);
    if (exception?.kind === 'moved') continue; // listed at its new date below
    if (date < from || date > to) continue;
    result.push(
      occurrence(
        schedule,
        date,
        schedule.startMinute,
        schedule.endMinute,
        exception ? 'cancelled' : 'scheduled',
        exception?.reason ?? null,
        null,
      ),
    );
  }
  for (const exception of exceptions) {
    if (exception.kind === 'cancelled' || !exception.date || exception.date < from || exception.date > to) continue;
    result.push(
      occurrence(
        schedule,
        exception.date,
        exception.startMinute!,
        exception.endMinute!,
        exception.kind,
        exception.reason,
        exception.originalDate,
      ),
    );
  }
  return result.sort((a, b) => a.start.localeCompare(b.start));
}
