import type { Role } from './identity/identity.schemas.ts';

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
  'visits.record',
  'visits.read',
  'open311.manage',
  // Write the département's answer templates (issue 6): held on the département itself.
  'requests.templates.manage',
  // Change a département's acknowledgement and answer targets per category (issue 6): its administrators.
  'requests.targets.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
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
    'visits.record',
    'visits.read',
    'open311.manage',
    'requests.templates.manage',
    'requests.targets.manage',
  ],
  // Delegates see only what concerns their visits (through the visits module), never the inbox; partners never see requests.
  police_referent: [
    'alerts.send',
    'alerts.read',
    'requests.read',
    'requests.handle',
    'visits.read',
    'requests.templates.manage',
  ],
  // Delegates record office-hour visits and read only their own (checked where the visit is loaded).
  delegate: ['office-hours.manage', 'visits.record', 'visits.read'],
  elected: ['alerts.read', 'alerts.contacts.manage'],
  municipal_police: [],
  partner: [],
  citizen_referent: [],
  evaluator: [],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
