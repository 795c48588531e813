import type { SessionState } from '../../client/session.ts';
import { holdsPermission } from '../../app/permission-guards.tsx';

/** Menu entries of the alerts, for the roles that hold their permissions. */
export function alertNavEntries(session: SessionState): { text: string; href: string; prefix?: boolean }[] {
  const entries: { text: string; href: string; prefix?: boolean }[] = [];
  if (holdsPermission(session, 'alerts.read')) entries.push({ text: 'Alertes', href: '/alertes', prefix: true });
  if (holdsPermission(session, 'alerts.contacts.manage'))
    entries.push({ text: 'Contacts d’alerte', href: '/contacts-alerte' });
  return entries;
}
