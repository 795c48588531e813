import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { AuditEvent, AuditPage, AuditQuery } from '../../../shared/identity/identity.schemas.ts';
import { scopesFor, type Actor } from '../../platform/access/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Executor } from '../../platform/db/client.ts';
import { auditEvents } from '../../platform/db/platform.tables.ts';
import { territoryIdsUnder } from '../territory/index.ts';
import { userIdsWithScopeIn } from './identity.queries.ts';
import { users } from './identity.tables.ts';

const PAGE_SIZE = 100;
const EXPORT_LIMIT = 100_000;

/**
 * An admin reads the trail of their territories: events by the users they manage, and events
 * about those users or about territory items in their scope.
 */
async function scopeFilter(db: Executor, actor: Actor): Promise<SQL | undefined> {
  const scopes = scopesFor(actor, 'audit.read');
  if (scopes === 'all') return undefined;
  const territoryIds = await territoryIdsUnder(db, scopes);
  const userIds = await userIdsWithScopeIn(db, territoryIds);
  const ids = [...territoryIds, ...userIds];
  if (ids.length === 0) return eq(auditEvents.id, -1);
  return or(inArray(auditEvents.actorId, userIds.length ? userIds : ['-']), inArray(auditEvents.recordId, ids));
}

async function searchAudit(db: Executor, actor: Actor, query: AuditQuery, limit: number, offset: number) {
  const scope = await scopeFilter(db, actor);
  const dayAfter = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000);
  return db
    .select({ event: auditEvents, actorEmail: users.email })
    .from(auditEvents)
    .leftJoin(users, sql`${users.id}::text = ${auditEvents.actorId}`)
    .where(
      and(
        scope,
        query.userId
          ? or(
              eq(auditEvents.actorId, query.userId),
              and(eq(auditEvents.recordType, 'user'), eq(auditEvents.recordId, query.userId)),
            )
          : undefined,
        query.recordType ? eq(auditEvents.recordType, query.recordType) : undefined,
        query.recordId ? eq(auditEvents.recordId, query.recordId) : undefined,
        query.from ? gte(auditEvents.occurredAt, new Date(`${query.from}T00:00:00Z`)) : undefined,
        query.to ? lt(auditEvents.occurredAt, dayAfter(query.to)) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(limit)
    .offset(offset);
}

type Row = Awaited<ReturnType<typeof searchAudit>>[number];
const toEvent = ({ event, actorEmail }: Row): AuditEvent => ({
  id: event.id,
  occurredAt: event.occurredAt.toISOString(),
  actorType: event.actorType,
  actorId: event.actorId,
  actorEmail: actorEmail ?? null,
  action: event.action,
  recordType: event.recordType,
  recordId: event.recordId,
  reason: event.reason,
  details: event.details ?? null,
});

/** One page of 100 events, the most recent first. */
export async function searchAuditPage(db: Executor, actor: Actor, query: AuditQuery): Promise<AuditPage> {
  const page = query.page ?? 1;
  const rows = await searchAudit(db, actor, query, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
  return { items: rows.slice(0, PAGE_SIZE).map(toEvent), page, hasMore: rows.length > PAGE_SIZE };
}

/** CSV for spreadsheets: quoted fields, formulas neutralised (a cell never starts with = + - @). */
function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

const HEADER = ['id', 'date', 'acteur', 'type acteur', 'action', 'type de donnée', 'identifiant', 'motif', 'détails'];

/**
 * The export (up to 100,000 events) as a CSV file, and its own audit event with the filters and
 * the number of rows (written here: the event says how many rows left).
 */
export async function exportAuditCsv(
  db: Executor,
  actor: Actor,
  query: AuditQuery,
): Promise<{ csv: string; filename: string }> {
  const rows = (await searchAudit(db, actor, query, EXPORT_LIMIT, 0)).map(toEvent);
  await recordAudit(db, actor, {
    action: 'audit.exported',
    recordType: 'audit',
    reason: 'GET /api/audit/export.csv',
    details: { ...query, rows: rows.length },
  });
  const lines = rows.map((e) =>
    [
      e.id,
      e.occurredAt,
      e.actorEmail ?? e.actorId,
      e.actorType,
      e.action,
      e.recordType,
      e.recordId,
      e.reason,
      e.details,
    ]
      .map(csvCell)
      .join(';'),
  );
  const day = new Date().toISOString().slice(0, 10);
  return {
    csv: `\uFEFF${[HEADER.map(csvCell).join(';'), ...lines].join('\r\n')}\r\n`,
    filename: `journal-audit-${day}.csv`,
  };
}
