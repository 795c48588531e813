import { can, scopesFor, type Actor, type TerritoryPath } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { Loaded } from '../../platform/http/serve.ts';
import type { RoleAssignmentCreate, User, UserListQuery } from '../../../shared/identity/identity.schemas.ts';
import { territoryIdsUnder, territoryPathOf } from '../territory/index.ts';
import {
  findUserById,
  listUserRows,
  loadAssignments,
  toUsers,
  userIdsWithScopeIn,
  type UserRow,
} from './identity.queries.ts';

const MANAGE = 'users.manage';

/**
 * Who an administrator manages: a user is visible through any of their roles, so the route's
 * territory is the first of the user's territories that the caller covers (none: 404).
 */
export async function loadManagedUser(
  db: Executor,
  actor: Actor,
  userId: string,
): Promise<Loaded<UserRow> | undefined> {
  const row = await findUserById(db, userId);
  if (!row) return undefined;
  const paths = await Promise.all(
    (await loadAssignments(db, userId)).map((a) => territoryPathOf(db, a.scopeType, a.scopeId)),
  );
  const path = paths.find((p): p is TerritoryPath => !!p && can(actor, MANAGE, p));
  return path ? { path, record: row } : undefined;
}

/** Roles can only be handed out on territories the caller manages: the first one's path, or none. */
export async function grantablePath(
  db: Executor,
  actor: Actor,
  roles: readonly Pick<RoleAssignmentCreate, 'scopeType' | 'scopeId'>[],
): Promise<TerritoryPath | undefined> {
  const paths = await Promise.all(roles.map((role) => territoryPathOf(db, role.scopeType, role.scopeId)));
  return paths.every((path) => path && can(actor, MANAGE, path)) ? paths[0] : undefined;
}

/** The users holding a role somewhere in the caller's territories (500 at most, by name). */
export async function listManagedUsers(db: Executor, actor: Actor, filter: UserListQuery): Promise<User[]> {
  const scopes = scopesFor(actor, MANAGE);
  const ids = await userIdsWithScopeIn(db, scopes === 'all' ? 'all' : await territoryIdsUnder(db, scopes));
  return toUsers(db, await listUserRows(db, ids, filter));
}
