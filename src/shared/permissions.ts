import type { Role } from './identity.schemas.ts';

/**
 * What a route may require. Shared: the server enforces it, the web app hides what a role cannot
 * do. Modules add their permissions here and grant them to roles below;
 * a route names one permission, never a role.
 */
export const PERMISSIONS = [
  'territory.manage',
  'users.manage',
  'audit.read',
  'organisations.manage',
  'notifications.read-outbox',
  'alerts.send',
  'alerts.read',
  'alerts.contacts.manage',
  'office-hours.manage',
  'requests.read',
  'requests.handle',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['territory.manage', 'users.manage', 'audit.read', 'organisations.manage', 'notifications.read-outbox', 'alerts.send', 'alerts.read', 'alerts.contacts.manage', 'office-hours.manage', 'requests.read', 'requests.handle'],
  // Delegates will read the requests of their own office hours (not yet: no such requests exist); partners never see requests.
  police_referent: ['alerts.send', 'alerts.read', 'requests.read', 'requests.handle'],
  delegate: ['office-hours.manage'],
  elected: ['alerts.read', 'alerts.contacts.manage'],
  municipal_police: [],
  partner: [],
  citizen_referent: [],
  evaluator: [],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
