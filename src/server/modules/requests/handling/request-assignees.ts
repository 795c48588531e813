import type { Actor, TerritoryPath, UserActor } from '../../../platform/access/actor.ts';
import { can } from '../../../platform/access/actor.ts';
import type { Executor } from '../../../platform/db/client.ts';
import type { RequestAssignees } from '../../../../shared/requests/triage.schemas.ts';
import { ROLES } from '../../../../shared/identity/identity.schemas.ts';
import { roleHas } from '../../../../shared/permissions.ts';
import { activeStaffWithRoles, type StaffMember } from '../../identity/index.ts';
import { requests } from '../requests.tables.ts';
import { placePath } from '../request-access.ts';

type Placed = Pick<typeof requests.$inferSelect, 'sectorId' | 'municipalityId' | 'departmentId'>;

const HANDLERS = ROLES.filter((role) => roleHas(role, 'requests.handle'));

/** A staff member as an actor, to ask the access rules what they may do (digest, assignment). */
export const actorOf = (member: StaffMember): UserActor => ({
  type: 'user',
  id: member.id,
  email: member.email,
  sessionId: '',
  assignments: member.assignments,
});

/** The active accounts that may handle a request placed there: the only possible assignees. */
export async function requestAssignees(db: Executor, actor: Actor, row: Placed): Promise<StaffMember[]> {
  const path: TerritoryPath | undefined = await placePath(db, actor, row);
  if (!path) return [];
  const scopeIds = [path.departmentId, path.districtId, path.municipalityId, path.sectorId].filter(
    (id): id is string => !!id,
  );
  const staff = await activeStaffWithRoles(db, HANDLERS, scopeIds);
  return staff.filter((member) => can(actorOf(member), 'requests.handle', path));
}

/** `GET /api/requests/:id/assignees`: the possible assignees of a request, as the triage panel lists them. */
export async function assigneesOf(db: Executor, actor: Actor, row: Placed): Promise<RequestAssignees> {
  return {
    items: (await requestAssignees(db, actor, row)).map((member) => ({
      id: member.id,
      displayName: member.displayName,
    })),
  };
}
