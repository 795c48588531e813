import type { ReactNode } from 'react';
import type { Permission } from '../../shared/permissions.ts';
import { roleHas } from '../../shared/permissions.ts';
import { fullySignedIn, useSession, type SessionState } from '../client/session.ts';
import { Loading } from '../components/page-parts.tsx';
import { useDocumentTitle } from './hooks.ts';
import { AppLink } from './router.tsx';

/** The roles → permissions table is the server's: one source of truth for menus and pages. */
export function holdsPermission(session: SessionState, permission: Permission): boolean {
  return fullySignedIn(session) && session.me.user.roles.some((assignment) => roleHas(assignment.role, permission));
}

/**
 * A page for signed-in users holding `permission` (the router's guard handles the
 * session itself); without it, a French « Accès réservé » page.
 */
export function RequirePermission({
  permission,
  who,
  children,
}: {
  permission: Permission;
  who: string;
  children: ReactNode;
}) {
  const session = useSession();
  if (!fullySignedIn(session)) return <Loading label="Vérification de la session…" />;
  if (!holdsPermission(session, permission)) return <Forbidden who={who} />;
  return <>{children}</>;
}

function Forbidden({ who }: { who: string }) {
  useDocumentTitle('Accès réservé');
  return (
    <>
      <h1>Accès réservé</h1>
      <p className="fr-text--lead">Cette page est réservée {who}.</p>
      <p>
        <AppLink href="/">Retourner à l’accueil</AppLink>
      </p>
    </>
  );
}
