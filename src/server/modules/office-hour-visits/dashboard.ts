import { and, gte, isNotNull, sql } from 'drizzle-orm';
import { scopesFor, type Actor } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { Dashboard } from '../../../shared/office-hour-visits.schemas.ts';
import { loadAgenda, parisDate, venueNamesOf, type AgendaScope } from '../office-hours/index.ts';
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

/** A delegate's own schedules; the venues of the territories where the actor holds another role. */
async function agendaScope(db: Executor, actor: Actor): Promise<AgendaScope> {
  const scopes = scopesFor(actor, READ);
  if (scopes === 'all') return { territoryIds: 'all' };
  const others = scopes.filter((a) => a.role !== 'delegate');
  return {
    delegateUserId: scopes.some((a) => a.role === 'delegate') && actor.id ? actor.id : undefined,
    territoryIds: others.length ? await territoryIdsUnder(db, others) : undefined,
  };
}

/**
 * The dashboard: next office hours with their bookings, bookings to come, visits awaiting a
 * follow-up, and visits counted by category and by venue per month over the last 12 months
 * (the visits the actor may read: a delegate's own, a referent's territory).
 */
export async function loadDashboard(db: Executor, actor: Actor, now = new Date()): Promise<Dashboard & { visitIds: string[] }> {
  const today = parisDate(now);
  const months = lastTwelveMonths(today);
  const agenda = await loadAgenda(db, await agendaScope(db, actor), today, now);
  const visible = await visibleVisits(db, actor);
  const awaiting = await toVisits(db, await listVisitRows(db, visible, { followUp: 'awaiting', limit: 50 }));
  const month = sql<string>`to_char(${officeHourVisits.visitDate}, 'YYYY-MM')`;
  const recent = and(visible, gte(officeHourVisits.visitDate, `${months[0]}-01`));
  const byCategory = await db.select({ month, category: officeHourVisits.category, count: sql<number>`count(*)::int` }).from(officeHourVisits).where(recent).groupBy(month, officeHourVisits.category).orderBy(month, officeHourVisits.category);
  const byVenueRows = await db.select({ month, venueId: sql<string>`${officeHourVisits.venueId}`, count: sql<number>`count(*)::int` }).from(officeHourVisits).where(and(recent, isNotNull(officeHourVisits.venueId))).groupBy(month, officeHourVisits.venueId).orderBy(month, officeHourVisits.venueId);
  const names = await venueNamesOf(db, byVenueRows.map((r) => r.venueId));
  return {
    nextOccurrences: agenda.occurrences,
    upcomingBookings: agenda.bookings,
    awaitingFollowUp: awaiting.map((v) => ({ id: v.id, date: v.date, category: v.category, venue: v.venue, wantsAnswer: v.wantsAnswer, requestReference: v.request?.reference ?? null })),
    months,
    byCategory: byCategory.map((r) => ({ month: r.month, category: r.category, count: Number(r.count) })),
    byVenue: byVenueRows.map((r) => ({ month: r.month, venue: { id: r.venueId, name: names.get(r.venueId) ?? '' }, count: Number(r.count) })),
    visitIds: awaiting.map((v) => v.id),
  };
}
