import { and, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import {
  assignmentCovers,
  can,
  scopesFor,
  type Actor,
  type Assignment,
  type TerritoryPath,
} from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { territoryIdsUnder, territoryPathOf } from '../territory/index.ts';
import { requests } from './requests.tables.ts';

type RequestPermission = Extract<Permission, 'requests.read' | 'requests.handle'>;
type Placed = Pick<typeof requests.$inferSelect, 'sectorId' | 'municipalityId' | 'departmentId'>;

/** The départements where the actor holds `permission` somewhere ('all' for an unscoped actor). */
export async function departmentsWith(db: Executor, actor: Actor, permission: Permission): Promise<string[] | 'all'> {
  const scopes = scopesFor(actor, permission);
  if (scopes === 'all') return 'all';
  const paths = await Promise.all(scopes.map((scope) => territoryPathOf(db, scope.scopeType, scope.scopeId)));
  return [...new Set(paths.flatMap((path) => (path ? [path.departmentId] : [])))];
}

const departmentAdmins = (actor: Actor): Assignment[] =>
  actor.type === 'user' ? actor.assignments.filter((a) => a.role === 'admin' && a.scopeType === 'department') : [];

/**
 * Where a request sits, for the access layer. A request with no territory ("non routée") is
 * handled by the administrators of any département: it gets the path of the actor's own
 * département so that the check accepts them (and only them).
 */
export async function placePath(db: Executor, actor: Actor, row: Placed): Promise<TerritoryPath | undefined> {
  if (row.sectorId) return territoryPathOf(db, 'sector', row.sectorId);
  if (row.municipalityId) return territoryPathOf(db, 'municipality', row.municipalityId);
  if (row.departmentId) return territoryPathOf(db, 'department', row.departmentId);
  const admin = departmentAdmins(actor)[0];
  return admin ? { departmentId: admin.scopeId } : { departmentId: '00000000-0000-0000-0000-000000000000' };
}

/** Confidential requests (a named dealer…): only their assignee and the administrators covering them. */
export function seesConfidential(
  actor: Actor,
  row: { confidential: boolean; assigneeId: string | null },
  path: TerritoryPath,
): boolean {
  if (!row.confidential || actor.type === 'system' || actor.type === 'cli') return true;
  if (actor.type !== 'user') return false;
  return row.assigneeId === actor.id || actor.assignments.some((a) => a.role === 'admin' && assignmentCovers(a, path));
}

/** The path of request `id` as this actor may see it; undefined (→ 404) when missing or confidential to them. */
export async function requestPath(db: Executor, actor: Actor, id: string): Promise<TerritoryPath | undefined> {
  const [row] = await db
    .select({
      sectorId: requests.sectorId,
      municipalityId: requests.municipalityId,
      departmentId: requests.departmentId,
      confidential: requests.confidential,
      assigneeId: requests.assigneeId,
    })
    .from(requests)
    .where(eq(requests.id, id));
  if (!row) return undefined;
  const path = await placePath(db, actor, row);
  return path && seesConfidential(actor, row, path) ? path : undefined;
}

/**
 * The loader of the staff routes of one request: the request with where it sits, as this actor
 * may see it (the platform then checks the route's permission there); undefined (→ 404) when
 * missing or confidential to them.
 */
export async function loadRequestFor(
  db: Executor,
  actor: Actor,
  id: string,
): Promise<{ path: TerritoryPath; record: typeof requests.$inferSelect } | undefined> {
  const [row] = await db.select().from(requests).where(eq(requests.id, id));
  if (!row) return undefined;
  const path = await placePath(db, actor, row);
  return path && seesConfidential(actor, row, path) ? { path, record: row } : undefined;
}

export async function canSeeRequest(
  db: Executor,
  actor: Actor,
  permission: RequestPermission,
  id: string,
): Promise<boolean> {
  const path = await requestPath(db, actor, id);
  return !!path && can(actor, permission, path);
}

/** The inbox filter: requests placed in the actor's territories, confidential ones only for their assignee and covering admins. */
export async function visibleRequests(
  db: Executor,
  actor: Actor,
  permission: RequestPermission,
): Promise<SQL | undefined> {
  const scopes = scopesFor(actor, permission);
  if (scopes === 'all') return undefined;
  const placedIn = async (assignments: Assignment[]) => {
    const ids = assignments.length ? await territoryIdsUnder(db, assignments) : [];
    const unrouted = assignments.some((a) => a.role === 'admin' && a.scopeType === 'department')
      ? and(isNull(requests.departmentId), isNull(requests.sectorId))
      : undefined;
    return ids.length
      ? or(
          inArray(requests.sectorId, ids),
          inArray(requests.municipalityId, ids),
          inArray(requests.departmentId, ids),
          unrouted,
        )
      : unrouted;
  };
  const territory = await placedIn(scopes);
  if (!territory) return eq(requests.id, '00000000-0000-0000-0000-000000000000');
  const adminPlaces = await placedIn(scopes.filter((a) => a.role === 'admin'));
  return and(
    territory,
    or(eq(requests.confidential, false), actor.id ? eq(requests.assigneeId, actor.id) : undefined, adminPlaces),
  );
}
