import { and, eq, inArray } from 'drizzle-orm';
import type { Assignment } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/client.ts';
import type { Role } from '../../../shared/identity/identity.schemas.ts';
import { roleAssignments, users } from './identity.tables.ts';

export interface StaffMember {
  id: string;
  displayName: string;
  email: string;
  /** All of the person's assignments, so that callers can build an actor and check access. */
  assignments: Assignment[];
}

/**
 * Active accounts holding one of these roles, optionally only through assignments on these
 * territories (scope ids). For other modules that pick people by role: the requests module's
 * assignees and its daily digest to police referents.
 */
export async function activeStaffWithRoles(
  db: Executor,
  roles: readonly Role[],
  scopeIds?: readonly string[],
): Promise<StaffMember[]> {
  if (roles.length === 0 || scopeIds?.length === 0) return [];
  const holders = await db
    .selectDistinct({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(
      and(
        eq(users.status, 'active'),
        inArray(roleAssignments.role, [...roles]),
        scopeIds ? inArray(roleAssignments.scopeId, [...scopeIds]) : undefined,
      ),
    );
  if (holders.length === 0) return [];
  const assignments = await db
    .select({
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      scopeType: roleAssignments.scopeType,
      scopeId: roleAssignments.scopeId,
    })
    .from(roleAssignments)
    .where(
      inArray(
        roleAssignments.userId,
        holders.map((h) => h.id),
      ),
    );
  return holders
    .map((h) => ({
      ...h,
      assignments: assignments
        .filter((a) => a.userId === h.id)
        .map(({ role, scopeType, scopeId }) => ({ role, scopeType, scopeId })),
    }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'));
}
