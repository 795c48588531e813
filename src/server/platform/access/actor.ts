import type { Role, ScopeType } from '../../../shared/identity/identity.schemas.ts';
import { roleHas, type Permission } from '../../../shared/permissions.ts';

/** Where a record sits: its département always, and the lower levels it belongs to. */
export interface TerritoryPath {
  departmentId: string;
  districtId?: string;
  municipalityId?: string;
  sectorId?: string;
}

export interface Assignment {
  role: Role;
  scopeType: ScopeType;
  scopeId: string;
}

export interface UserActor {
  type: 'user';
  id: string;
  email: string;
  sessionId: string;
  assignments: Assignment[];
}

/** Who acts: every write and audit event names one. */
export type Actor =
  | UserActor
  | { type: 'system'; id: string }
  | { type: 'cli'; id: string }
  | { type: 'anonymous'; id: null };

export const systemActor = (job: string): Actor => ({ type: 'system', id: job });
export const cliActor = (command: string): Actor => ({ type: 'cli', id: command });
export const anonymousActor: Actor = { type: 'anonymous', id: null };

const PATH_KEY: Record<ScopeType, keyof TerritoryPath> = {
  department: 'departmentId',
  district: 'districtId',
  municipality: 'municipalityId',
  sector: 'sectorId',
};

/** An assignment covers its territory and everything below it. */
export function assignmentCovers(assignment: Assignment, path: TerritoryPath): boolean {
  return path[PATH_KEY[assignment.scopeType]] === assignment.scopeId;
}

/** System and CLI actors are trusted code paths (jobs, seeds, operators on the server). */
export function can(actor: Actor, permission: Permission, path?: TerritoryPath): boolean {
  if (actor.type === 'system' || actor.type === 'cli') return true;
  if (actor.type !== 'user') return false;
  return actor.assignments.some((a) => roleHas(a.role, permission) && (!path || assignmentCovers(a, path)));
}

/** The assignments through which the actor holds a permission: lists are filtered with them. */
export function scopesFor(actor: Actor, permission: Permission): Assignment[] | 'all' {
  if (actor.type === 'system' || actor.type === 'cli') return 'all';
  if (actor.type !== 'user') return [];
  return actor.assignments.filter((a) => roleHas(a.role, permission));
}
