import type { SessionState } from '../../client/session.ts';
import { holdsPermission } from '../../app/permission-guards.tsx';

/** Menu entries: the public form for everyone, the inbox for those who read requests. */
export function requestNavEntries(session: SessionState): { text: string; href: string; prefix?: boolean }[] {
  return [
    { text: 'Signaler un problème', href: '/signaler' },
    ...(holdsPermission(session, 'requests.read') ? [{ text: 'Demandes', href: '/demandes', prefix: true }] : []),
  ];
}
