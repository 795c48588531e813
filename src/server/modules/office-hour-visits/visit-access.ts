import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import {
  assignmentCovers,
  scopesFor,
  type Actor,
  type Assignment,
  type TerritoryPath,
} from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import { roleHas, type Permission } from '../../../shared/permissions.ts';
import { territoryIdsUnder, territoryPathOf } from '../territory/index.ts';
import type { Loaded } from '../../platform/http/serve.ts';
import { officeHourVisits } from './office-hour-visits.tables.ts';
import { findVisit, type VisitRow } from './visits.queries.ts';

export const RECORD = 'visits.record' as const;
export const READ = 'visits.read' as const;
type VisitPermission = typeof RECORD | typeof READ;
type Placed = Pick<typeof officeHourVisits.$inferSelect, 'authorId' | 'sectorId' | 'municipalityId'>;

/**
 * The assignments that open other people's visits: every role holding the permission except the
 * delegate's, which only ever opens the visits the delegate wrote (a colleague's notes are theirs).
 */
const territorial = (actor: Actor, permission: VisitPermission): Assignment[] | 'all' => {
  const scopes = scopesFor(actor, permission);
  return scopes === 'all' ? scopes : scopes.filter((a) => a.role !== 'delegate');
};

export async function visitPlacePath(
  db: Executor,
  row: Pick<Placed, 'sectorId' | 'municipalityId'>,
): Promise<TerritoryPath | undefined> {
  const path = await territoryPathOf(db, 'municipality', row.municipalityId);
  return path && { ...path, ...(row.sectorId ? { sectorId: row.sectorId } : {}) };
}

/** Whether the actor may open this visit with this permission: its author (within their territory), or another role covering its place. */
export function opensVisit(actor: Actor, permission: VisitPermission, row: Placed, path: TerritoryPath): boolean {
  const scopes = territorial(actor, permission);
  if (scopes === 'all') return true;
  if (scopes.some((a) => assignmentCovers(a, path))) return true;
  return (
    actor.type === 'user' &&
    actor.id === row.authorId &&
    actor.assignments.some((a) => roleHas(a.role, permission) && assignmentCovers(a, path))
  );
}

/** The route's loader: the visit and its path, or undefined (→ 404, as a missing visit) when this actor may not open it. */
export async function loadVisitFor(
  db: Executor,
  actor: Actor,
  permission: Permission,
  id: string,
): Promise<Loaded<VisitRow> | undefined> {
  const row = await findVisit(db, id);
  if (!row) return undefined;
  const path = await visitPlacePath(db, row);
  return path && opensVisit(actor, permission as VisitPermission, row, path) ? { path, record: row } : undefined;
}

/** The list filter: the visits of the actor's non-delegate territories, plus their own within their delegate territories. */
export async function visibleVisits(db: Executor, actor: Actor): Promise<SQL | undefined> {
  const all = scopesFor(actor, READ);
  if (all === 'all') return undefined;
  const within = async (assignments: Assignment[]) => {
    const ids = assignments.length ? await territoryIdsUnder(db, assignments) : [];
    return ids.length
      ? or(
          inArray(officeHourVisits.sectorId, ids),
          inArray(officeHourVisits.municipalityId, ids),
          inArray(officeHourVisits.departmentId, ids),
        )
      : undefined;
  };
  const others = await within(all.filter((a) => a.role !== 'delegate'));
  const ownTerritory = await within(all.filter((a) => a.role === 'delegate'));
  const own = ownTerritory && actor.id ? and(eq(officeHourVisits.authorId, actor.id), ownTerritory) : undefined;
  return or(others, own) ?? eq(officeHourVisits.id, '00000000-0000-0000-0000-000000000000');
}
