import { and, gte, isNotNull, sql } from 'drizzle-orm';
import { scopesFor, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { Dashboard } from '../../../shared/office-hour-visits/visits.schemas.ts';
import { loadAgenda, parisDate, venueNamesOf, type AgendaBooking, type AgendaScope } from '../office-hours/index.ts';
import { territoryIdsUnder } from '../territory/index.ts';
import { officeHourVisits } from './office-hour-visits.tables.ts';
import { READ, visibleVisits } from './visit-access.ts';
import { listVisitRows, toVisits } from './visits.queries.ts';

/** The 12 months ending with this one (« AAAA-MM »), oldest first. */
export function lastTwelveMonths(today: string): string[] {
  const [year, month] = today.split('-').map(Number);
  return Array.from({ length: 12 }, (_, i) => {
    const index = year * 12 + (month - 1) - (11 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

const MANAGE = 'office-hours.manage' as const;

/**
 * A delegate's own schedules; the venues of the territories where the actor holds another role.
 * Residents' names only where the actor manages office hours, as on the bookings route.
 */
async function agendaScope(db: Executor, actor: Actor): Promise<AgendaScope> {
  const scopes = scopesFor(actor, READ);
  const managed = scopesFor(actor, MANAGE);
  const namesWithin = managed === 'all' ? 'all' : managed.length ? await territoryIdsUnder(db, managed) : [];
  if (scopes === 'all') return { territoryIds: 'all', namesWithin };
  const others = scopes.filter((a) => a.role !== 'delegate');
  return {
    delegateUserId: scopes.some((a) => a.role === 'delegate') && actor.id ? actor.id : undefined,
    territoryIds: others.length ? await territoryIdsUnder(db, others) : undefined,
    namesWithin,
  };
}

/** Residents' names shown are read like on GET /api/office-hours/schedules/:id/bookings: one event per schedule and date. */
async function auditNamesRead(db: Executor, actor: Actor, bookings: AgendaBooking[]): Promise<void> {
  const counts = new Map<string, { scheduleId: string; date: string; count: number }>();
  for (const b of bookings) {
    if (b.name === null) continue;
    const key = `${b.scheduleId} ${b.date}`;
    const entry = counts.get(key) ?? { scheduleId: b.scheduleId, date: b.date, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  for (const { scheduleId, date, count } of counts.values()) {
    await recordAudit(db, actor, {
      action: 'office-hours.bookings.read',
      recordType: 'office_hour_schedule',
      recordId: scheduleId,
      reason: 'GET /api/office-hours/dashboard',
      details: { date, count },
    });
  }
}

/**
 * The dashboard: next office hours with their bookings, bookings to come, visits awaiting a
 * follow-up, and visits counted by category and by venue per month over the last 12 months
 * (the visits the actor may read: a delegate's own, a referent's territory). Bookings carry the
 * resident's name only at venues the actor manages (office-hours.manage), and that read is audited.
 */
export async function loadDashboard(db: Executor, actor: Actor, now = new Date()): Promise<Dashboard> {
  const today = parisDate(now);
  const months = lastTwelveMonths(today);
  const agenda = await loadAgenda(db, await agendaScope(db, actor), today, now);
  await auditNamesRead(db, actor, agenda.bookings);
  const visible = await visibleVisits(db, actor);
  const awaiting = await toVisits(db, await listVisitRows(db, visible, { followUp: 'awaiting', limit: 50 }));
  const month = sql<string>`to_char(${officeHourVisits.visitDate}, 'YYYY-MM')`;
  const recent = and(visible, gte(officeHourVisits.visitDate, `${months[0]}-01`));
  const byCategory = await db
    .select({ month, category: officeHourVisits.category, count: sql<number>`count(*)::int` })
    .from(officeHourVisits)
    .where(recent)
    .groupBy(month, officeHourVisits.category)
    .orderBy(month, officeHourVisits.category);
  const byVenueRows = await db
    .select({ month, venueId: sql<string>`${officeHourVisits.venueId}`, count: sql<number>`count(*)::int` })
    .from(officeHourVisits)
    .where(and(recent, isNotNull(officeHourVisits.venueId)))
    .groupBy(month, officeHourVisits.venueId)
    .orderBy(month, officeHourVisits.venueId);
  const names = await venueNamesOf(
    db,
    byVenueRows.map((r) => r.venueId),
  );
  return {
    nextOccurrences: agenda.occurrences,
    upcomingBookings: agenda.bookings,
    awaitingFollowUp: awaiting.map((v) => ({
      id: v.id,
      date: v.date,
      category: v.category,
      venue: v.venue,
      wantsAnswer: v.wantsAnswer,
      requestReference: v.request?.reference ?? null,
    })),
    months,
    byCategory: byCategory.map((r) => ({ month: r.month, category: r.category, count: Number(r.count) })),
    byVenue: byVenueRows.map((r) => ({
      month: r.month,
      venue: { id: r.venueId, name: names.get(r.venueId) ?? '' },
      count: Number(r.count),
    })),
  };
}
