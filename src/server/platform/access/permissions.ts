import type { Role } from '../../../shared/identity.schemas.ts';

/**
 * What a route may require. Modules add their permissions here and grant them to roles below;
 * a route names one permission, never a role.
 */
export const PERMISSIONS = [
  'territory.manage',
  'users.manage',
  'audit.read',
  'organisations.manage',
  'notifications.read-outbox',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['territory.manage', 'users.manage', 'audit.read', 'organisations.manage', 'notifications.read-outbox'],
  police_referent: [],
  delegate: [],
  elected: [],
  municipal_police: [],
  partner: [],
  citizen_referent: [],
  evaluator: [],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
