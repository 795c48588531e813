import { and, asc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { Assignment } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { User } from '../../../shared/identity/identity.schemas.ts';
import { territoryNames } from '../territory/index.ts';
import { organisations, roleAssignments, users } from './identity.tables.ts';

export type UserRow = typeof users.$inferSelect;

export async function loadAssignments(db: Executor, userId: string): Promise<Assignment[]> {
  const rows = await db
    .select({ role: roleAssignments.role, scopeType: roleAssignments.scopeType, scopeId: roleAssignments.scopeId })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  return rows;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Ids of the users holding at least one role on one of these territory items. */
export async function userIdsWithScopeIn(db: Executor, scopeIds: string[] | 'all'): Promise<string[]> {
  if (scopeIds !== 'all' && scopeIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .where(scopeIds === 'all' ? undefined : inArray(roleAssignments.scopeId, scopeIds));
  return rows.map((row) => row.userId);
}

export async function listUserRows(
  db: Executor,
  ids: string[],
  filter: { q?: string; status?: string },
): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  const q = filter.q?.trim();
  return db
    .select()
    .from(users)
    .where(
      and(
        inArray(users.id, ids),
        filter.status ? eq(users.status, filter.status as UserRow['status']) : undefined,
        q ? or(ilike(users.email, `%${q}%`), ilike(users.displayName, `%${q}%`)) : undefined,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(500);
}

/** Explicit mapper: never the raw row (it holds the password hash and the TOTP secret). */
export async function toUsers(db: Executor, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const assignments = await db
    .select()
    .from(roleAssignments)
    .where(inArray(roleAssignments.userId, ids))
    .orderBy(asc(roleAssignments.createdAt));
  const orgIds = [...new Set(rows.map((row) => row.organisationId).filter((id): id is string => !!id))];
  const orgs = orgIds.length ? await db.select().from(organisations).where(inArray(organisations.id, orgIds)) : [];
  const names = await territoryNames(db, assignments);
  return rows.map((row) => {
    const org = orgs.find((o) => o.id === row.organisationId);
    return {
      id: row.id,
      email: row.email,
      displayName: row.displayName,
      status: row.status,
      mfaEnabled: row.totpEnabledAt !== null,
      organisation: org ? { id: org.id, name: org.name } : null,
      roles: assignments
        .filter((a) => a.userId === row.id)
        .map((a) => ({
          id: a.id,
          role: a.role,
          scopeType: a.scopeType,
          scopeId: a.scopeId,
          scopeName: names.get(a.scopeId) ?? 'territoire supprimé',
        })),
      lastSignInAt: row.lastSignInAt ? row.lastSignInAt.toISOString() : null,
    };
  });
}

export async function toUser(db: Executor, row: UserRow): Promise<User> {
  const [user] = await toUsers(db, [row]);
  return user;
}
