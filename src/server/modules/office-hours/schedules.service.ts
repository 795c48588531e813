import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { isUniqueViolation } from '../../platform/db/pg-errors.ts';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError } from '../../platform/errors.ts';
import { formatDate } from '../../../shared/format/french-dates.ts';
import type {
  OfficeHourException,
  OfficeHourExceptionCreate,
  OfficeHourSchedule,
  OfficeHourScheduleCreate,
  OfficeHourScheduleUpdate,
} from '../../../shared/office-hours/office-hours.schemas.ts';
import { userSummaries } from '../identity/index.ts';
import { exceptionsBySchedule, toException, toSchedule, type ScheduleRow } from './office-hours.queries.ts';
import { officeHourExceptions, officeHourSchedules } from './office-hours.tables.ts';
import { scheduleDates } from './occurrences.ts';
import { addDays, isRealDate, toMinute } from './paris-time.ts';
import { expandRecurrence } from './recurrence.ts';
import { runOfficeHoursWrite } from './public-cache.ts';

const bad = (detail: string, pointer: string) => new BadRequestError(detail, [{ pointer, message: detail }]);

function checkTimes(startMinute: number, endMinute: number, pointer = '/endTime') {
  if (endMinute <= startMinute) throw bad("L'heure de fin doit être après l'heure de début.", pointer);
}

/** Checks times, rule, dates and slot together, and returns the values to store. */
function scheduleValues(merged: {
  title: string;
  startTime: string;
  endTime: string;
  rrule: string | null;
  rdates: string[];
  startDate: string;
  endDate?: string;
  bookingEnabled: boolean;
  slotMinutes: number | null;
}) {
  const startMinute = toMinute(merged.startTime);
  const endMinute = toMinute(merged.endTime);
  checkTimes(startMinute, endMinute);
  if (merged.slotMinutes !== null && merged.slotMinutes > endMinute - startMinute) {
    throw bad(
      `Un créneau de ${merged.slotMinutes} minutes est plus long que la permanence ` +
        `(${endMinute - startMinute} minutes).`,
      '/slotMinutes',
    );
  }
  if (merged.bookingEnabled && merged.slotMinutes === null)
    throw bad('Indiquez la durée des créneaux pour ouvrir la réservation.', '/slotMinutes');
  const rrule = merged.rrule?.toUpperCase() ?? null;
  const recurrence = expandRecurrence({
    rrule,
    rdates: merged.rdates,
    startDate: merged.startDate,
    endDate: merged.endDate,
    startMinute,
  });
  if (recurrence.dates.length === 0)
    throw bad('Ce calendrier ne compte aucune permanence : vérifiez la règle et les dates.', '/rrule');
  return {
    title: merged.title.trim(),
    startMinute,
    endMinute,
    rrule,
    rdates: [...merged.rdates].sort(),
    startDate: merged.startDate,
    endDate: recurrence.endDate,
    bookingEnabled: merged.bookingEnabled,
    slotMinutes: merged.slotMinutes,
  };
}

export async function createSchedule(
  executor: Executor,
  actor: Actor,
  input: OfficeHourScheduleCreate,
): Promise<OfficeHourSchedule> {
  const delegateUserId = input.delegateUserId ?? (actor.type === 'user' ? actor.id : undefined);
  if (!delegateUserId) throw bad('Indiquez le délégué qui tient la permanence.', '/delegateUserId');
  if (!(await userSummaries(executor, [delegateUserId])).has(delegateUserId)) {
    throw new UnprocessableError('Aucun compte PSQ ne porte cet identifiant de délégué.', [
      { pointer: '/delegateUserId', message: 'Compte introuvable.' },
    ]);
  }
  const values = scheduleValues({ rrule: null, rdates: [], bookingEnabled: false, slotMinutes: null, ...input });
  const row = await runOfficeHoursWrite(executor, async (tx) => {
    const [created] = await tx
      .insert(officeHourSchedules)
      .values({ ...values, venueId: input.venueId, delegateUserId, createdBy: actor.type === 'user' ? actor.id : null })
      .returning();
    await recordAudit(tx, actor, {
      action: 'office-hours.schedule.created',
      recordType: 'office_hour_schedule',
      recordId: created.id,
      details: { venueId: created.venueId, rrule: created.rrule, rdates: created.rdates.length },
    });
    return created;
  });
  return toSchedule(row, []);
}

export async function updateSchedule(
  executor: Executor,
  actor: Actor,
  existing: ScheduleRow,
  input: OfficeHourScheduleUpdate,
): Promise<OfficeHourSchedule> {
  const id = existing.id;
  const current = toSchedule(existing, []);
  const values = scheduleValues({ ...current, ...input });
  // Changes of occurrences the new rule no longer has would point at nothing: they go with the edit.
  const dates = new Set(expandRecurrence(values).dates);
  const stale = ((await exceptionsBySchedule(executor, [id])).get(id) ?? [])
    .filter((e) => e.originalDate && !dates.has(e.originalDate))
    .map((e) => e.id);
  const row = await runOfficeHoursWrite(executor, async (tx) => {
    const [updated] = await tx
      .update(officeHourSchedules)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(officeHourSchedules.id, id))
      .returning();
    if (!updated) throw new NotFoundError('Calendrier de permanences introuvable.');
    if (stale.length)
      await tx
        .delete(officeHourExceptions)
        .where(and(eq(officeHourExceptions.scheduleId, id), inArray(officeHourExceptions.id, stale)));
    await recordAudit(tx, actor, {
      action: 'office-hours.schedule.updated',
      recordType: 'office_hour_schedule',
      recordId: id,
      details: { fields: Object.keys(input), removedExceptions: stale.length },
    });
    return updated;
  });
  return toSchedule(row, (await exceptionsBySchedule(executor, [id])).get(id) ?? []);
}

export async function deleteSchedule(executor: Executor, actor: Actor, id: string): Promise<void> {
  await runOfficeHoursWrite(executor, async (tx) => {
    const [deleted] = await tx.delete(officeHourSchedules).where(eq(officeHourSchedules.id, id)).returning();
    if (!deleted) throw new NotFoundError('Calendrier de permanences introuvable.');
    await recordAudit(tx, actor, {
      action: 'office-hours.schedule.deleted',
      recordType: 'office_hour_schedule',
      recordId: id,
      details: { venueId: deleted.venueId },
    });
  });
}

/** A cancellation or a move must name an occurrence of the schedule; a new date must exist. */
function exceptionValues(schedule: ScheduleRow, input: OfficeHourExceptionCreate) {
  if ('originalDate' in input && !scheduleDates(schedule).dates.includes(input.originalDate)) {
    throw bad(`Il n'y a pas de permanence de ce calendrier le ${formatDate(input.originalDate)}.`, '/originalDate');
  }
  if (input.kind === 'cancelled')
    return { kind: input.kind, originalDate: input.originalDate, reason: input.reason.trim() };
  if (!isRealDate(input.date)) throw bad(`La date ${input.date} n'existe pas.`, '/date');
  // A changed occurrence stays near its schedule: a typo in the year must not publish a date in 2091.
  if (input.date < addDays(schedule.startDate, -366) || input.date > addDays(schedule.endDate, 366)) {
    throw bad(
      `Le ${formatDate(input.date)} est à plus d'un an de la période du calendrier ` +
        `(du ${formatDate(schedule.startDate)} au ${formatDate(schedule.endDate)}).`,
      '/date',
    );
  }
  const startMinute = toMinute(input.startTime);
  const endMinute = toMinute(input.endTime);
  checkTimes(startMinute, endMinute);
  return {
    kind: input.kind,
    originalDate: input.kind === 'moved' ? input.originalDate : null,
    date: input.date,
    startMinute,
    endMinute,
    reason: input.reason?.trim() || null,
  };
}

export async function addException(
  executor: Executor,
  actor: Actor,
  schedule: ScheduleRow,
  input: OfficeHourExceptionCreate,
): Promise<OfficeHourException> {
  const scheduleId = schedule.id;
  const values = exceptionValues(schedule, input);
  try {
    const row = await runOfficeHoursWrite(executor, async (tx) => {
      const [created] = await tx
        .insert(officeHourExceptions)
        .values({ ...values, scheduleId, createdBy: actor.type === 'user' ? actor.id : null })
        .returning();
      await recordAudit(tx, actor, {
        action: `office-hours.occurrence.${input.kind}`,
        recordType: 'office_hour_schedule',
        recordId: scheduleId,
        details: { exceptionId: created.id, originalDate: created.originalDate, date: created.date },
      });
      return created;
    });
    return toException(row);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError('Cette permanence est déjà annulée ou déplacée : retirez d’abord ce changement.');
    throw error;
  }
}

export async function deleteException(executor: Executor, actor: Actor, id: string): Promise<void> {
  await runOfficeHoursWrite(executor, async (tx) => {
    const [deleted] = await tx.delete(officeHourExceptions).where(eq(officeHourExceptions.id, id)).returning();
    if (!deleted) throw new NotFoundError('Changement introuvable.');
    await recordAudit(tx, actor, {
      action: 'office-hours.occurrence.restored',
      recordType: 'office_hour_schedule',
      recordId: deleted.scheduleId,
      details: { exceptionId: id, kind: deleted.kind },
    });
  });
}
