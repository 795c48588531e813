import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { Visit, VisitListQuery } from '../../../shared/office-hour-visits/visits.schemas.ts';
import { userSummaries } from '../identity/index.ts';
import { scheduleTitlesOf, venueNamesOf } from '../office-hours/index.ts';
import { requestStandingsOf } from '../requests/index.ts';
import { officeHourVisits } from './office-hour-visits.tables.ts';

export type VisitRow = typeof officeHourVisits.$inferSelect;

export async function findVisit(db: Executor, id: string): Promise<VisitRow | undefined> {
  const [row] = await db.select().from(officeHourVisits).where(eq(officeHourVisits.id, id));
  return row;
}

/** Rows → wire objects, with names of venues, schedules and authors, and where the linked request stands. */
export async function toVisits(db: Executor, rows: VisitRow[]): Promise<Visit[]> {
  const venues = await venueNamesOf(
    db,
    rows.flatMap((r) => (r.venueId ? [r.venueId] : [])),
  );
  const schedules = await scheduleTitlesOf(
    db,
    rows.flatMap((r) => (r.scheduleId ? [r.scheduleId] : [])),
  );
  const authors = await userSummaries(db, [...new Set(rows.map((r) => r.authorId))]);
  const standings = await requestStandingsOf(
    db,
    rows.flatMap((r) => (r.requestId ? [r.requestId] : [])),
  );
  return rows.map((row) => ({
    id: row.id,
    date: row.visitDate,
    venue: row.venueId ? { id: row.venueId, name: venues.get(row.venueId) ?? '' } : null,
    schedule: row.scheduleId ? { id: row.scheduleId, title: schedules.get(row.scheduleId) ?? '' } : null,
    author: { id: row.authorId, displayName: authors.get(row.authorId)?.displayName ?? 'Compte supprimé' },
    category: row.category,
    placeLabel: row.placeLabel,
    point: row.lon !== null && row.lat !== null ? { lon: row.lon, lat: row.lat } : null,
    said: row.said,
    wantsAnswer: row.wantsAnswer,
    contact: { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
    followUp: row.followUp,
    request: (row.requestId && standings.get(row.requestId)) || null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function listVisitRows(
  db: Executor,
  visible: SQL | undefined,
  query: VisitListQuery,
): Promise<VisitRow[]> {
  return db
    .select()
    .from(officeHourVisits)
    .where(
      and(
        visible,
        query.followUp ? eq(officeHourVisits.followUp, query.followUp) : undefined,
        query.category ? eq(officeHourVisits.category, query.category) : undefined,
        query.venueId ? eq(officeHourVisits.venueId, query.venueId) : undefined,
      ),
    )
    .orderBy(desc(officeHourVisits.visitDate), desc(officeHourVisits.createdAt))
    .limit(query.limit ?? 100);
}

export async function loadVisit(db: Executor, id: string): Promise<Visit> {
  const row = await findVisit(db, id);
  if (!row) throw new NotFoundError('Visite introuvable.');
  return (await toVisits(db, [row]))[0];
}
