import type { SessionState } from '../../client/session.ts';
import { holdsPermission } from '../../app/permission-guards.tsx';

/** Menu entry of the delegates' pages (the public « Permanences » entry is in the layout). */
export function officeHoursNavEntries(session: SessionState): { text: string; href: string; prefix?: boolean }[] {
  return holdsPermission(session, 'office-hours.manage')
    ? [{ text: 'Gérer les permanences', href: '/gestion-permanences', prefix: true }]
    : [];
}
