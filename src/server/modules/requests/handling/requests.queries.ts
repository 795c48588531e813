import { and, asc, desc, eq, lt, not, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import type { Executor } from '../../../platform/db/client.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import type {
  RequestDetail,
  RequestList,
  RequestListQuery,
  RequestSummary,
} from '../../../../shared/requests/requests.schemas.ts';
import { userSummaries } from '../../identity/index.ts';
import { placeSummaries } from '../../territory/index.ts';
import { requestEvents, requests } from '../requests.tables.ts';
import { visibleRequests } from '../request-access.ts';
import { routingOf } from '../intake/request-routing.ts';
import { deadlinesOf, overdueCondition, type TargetBook } from '../targets/request-deadlines.ts';
import { searchCondition } from './request-search.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;
const EXCERPT = 160;
const DAY_MS = 86_400_000;

const selectRequests = (db: Executor) => db.select().from(requests);
type RequestRow = typeof requests.$inferSelect;

/** Each request with its sector and commune, from one reader call for the whole list. */
async function withPlace(db: Executor, rows: RequestRow[]) {
  const places = await placeSummaries(db, {
    sectorIds: rows.map((row) => row.sectorId),
    municipalityIds: rows.map((row) => row.municipalityId),
  });
  return rows.map((request) => ({
    request,
    sector: (request.sectorId && places.sectors.get(request.sectorId)) || null,
    municipality: (request.municipalityId && places.municipalities.get(request.municipalityId)) || null,
  }));
}
type Joined = Awaited<ReturnType<typeof withPlace>>[number];

function toSummary(joined: Joined, targets: TargetBook, now: Date): Omit<RequestSummary, 'excerpt'> {
  const row = joined.request;
  return {
    id: row.id,
    reference: row.reference,
    channel: row.channel,
    category: row.category,
    status: row.status,
    confidential: row.confidential,
    ...deadlinesOf(row, targets.of(row.departmentId), now),
    assigneeId: row.assigneeId,
    createdAt: row.createdAt.toISOString(),
    point: row.lon !== null && row.lat !== null ? { lon: row.lon, lat: row.lat } : null,
    placeLabel: row.placeLabel,
    routing: routingOf(row),
    sector: joined.sector?.id ? joined.sector : null,
    municipality: joined.municipality?.id ? joined.municipality : null,
    departmentId: row.departmentId,
  };
}

/** The inbox: the actor's territories, newest first, with the filters of the query, one page at a time. */
export async function listRequests(
  db: Executor,
  actor: Actor,
  query: RequestListQuery,
  targets: TargetBook,
  now = new Date(),
): Promise<RequestList> {
  const visible = await visibleRequests(db, actor, 'requests.read');
  const routing =
    query.routing === 'sector'
      ? sql`${requests.sectorId} is not null`
      : query.routing === 'department'
        ? sql`${requests.sectorId} is null and ${requests.departmentId} is not null`
        : query.routing === 'unrouted'
          ? sql`${requests.departmentId} is null and ${requests.sectorId} is null`
          : undefined;
  const overdue =
    query.overdue === undefined
      ? undefined
      : query.overdue
        ? overdueCondition(targets, now)
        : not(overdueCondition(targets, now));
  const filters = [
    visible,
    query.status ? eq(requests.status, query.status) : undefined,
    query.category ? eq(requests.category, query.category) : undefined,
    query.sectorId ? eq(requests.sectorId, query.sectorId) : undefined,
    query.channel ? eq(requests.channel, query.channel) : undefined,
    query.olderThanDays ? lt(requests.createdAt, new Date(now.getTime() - query.olderThanDays * DAY_MS)) : undefined,
    query.assignedToMe ? (actor.id ? eq(requests.assigneeId, actor.id) : sql`false`) : undefined,
    query.q?.trim() ? searchCondition(query.q.trim()) : undefined,
    routing,
    overdue,
  ];
  const limit = query.limit ?? 100;
  const offset = query.offset ?? 0;
  // One row more than the page tells whether there is a next page, without counting everything.
  const rows = await withPlace(
    db,
    await selectRequests(db)
      .where(and(...filters))
      .orderBy(desc(requests.createdAt), desc(requests.id))
      .limit(limit + 1)
      .offset(offset),
  );
  return {
    items: rows
      .slice(0, limit)
      .map((joined) => ({ ...toSummary(joined, targets, now), excerpt: joined.request.description.slice(0, EXCERPT) })),
    nextOffset: rows.length > limit ? offset + limit : null,
  };
}

/** Everything staff see of one request, internal notes and staff names included. */
export async function loadRequestDetail(
  db: Executor,
  id: string,
  targets: TargetBook,
  now = new Date(),
): Promise<RequestDetail> {
  const [joined] = await withPlace(db, await selectRequests(db).where(eq(requests.id, id)));
  if (!joined) throw new NotFoundError('Demande introuvable.');
  const row = joined.request;
  const events = await db
    .select()
    .from(requestEvents)
    .where(eq(requestEvents.requestId, id))
    .orderBy(asc(requestEvents.createdAt), asc(requestEvents.id));
  const authors = await userSummaries(
    db,
    events.flatMap((e) => (e.authorType === 'staff' && e.authorId ? [e.authorId] : [])),
  );
  return {
    ...toSummary(joined, targets, now),
    description: row.description,
    timeOfDay: row.timeOfDay,
    recurring: row.recurring,
    anonymity: row.anonymity,
    contact: {
      name: row.anonymity === 'anonymous' ? null : row.contactName,
      email: row.contactEmail,
      phone: row.contactPhone,
      noAnswerWanted: row.noAnswerWanted,
    },
    closeReason: row.closeReason,
    closeNote: row.closeNote,
    duplicateOfId: row.duplicateOfId,
    acknowledgedAt: iso(row.acknowledgedAt),
    startedAt: iso(row.startedAt),
    answeredAt: iso(row.answeredAt),
    closedAt: iso(row.closedAt),
    events: events.map((e) => {
      const author = e.authorId ? authors.get(e.authorId) : undefined;
      return {
        id: e.id,
        kind: e.kind,
        visibility: e.visibility,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        text: e.body,
        channel: e.channel,
        author: author ? { id: author.id, displayName: author.displayName } : null,
        authorType: e.authorType,
        at: e.createdAt.toISOString(),
      };
    }),
  };
}
