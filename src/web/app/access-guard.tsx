import { useEffect, useRef, type ReactNode } from 'react';
import type { Role } from '../../shared/identity/identity.schemas.ts';
import {
  fullySignedIn,
  hasRole,
  loadSession,
  onSessionExpired,
  revalidateSession,
  SESSION_EXPIRED_MESSAGE,
  useSession,
} from '../client/session.ts';
import { Loading } from '../components/page-parts.tsx';
import { useDocumentTitle } from './hooks.ts';
import { AppLink, navigate } from './router.tsx';
import { currentPath, nextStep, safeReturnPath, setSignInNotice, signInPathFor } from './sign-in-flow.ts';

/**
 * Session life cycle: loads it at start-up (and when the page comes back from the back-forward cache),
 * checks it again on each navigation, and sends an expired session to the sign-in page with a notice.
 */
export function useSessionLifecycle(pathname: string): void {
  const first = useRef(true);

  useEffect(() => {
    onSessionExpired(() => {
      setSignInNotice({ severity: 'info', message: SESSION_EXPIRED_MESSAGE });
      if (!window.location.pathname.startsWith('/connexion')) navigate(signInPathFor(currentPath()), { replace: true });
    });
    void loadSession();
    function onPageShow(event: PageTransitionEvent): void {
      if (event.persisted) void loadSession();
    }
    window.addEventListener('pageshow', onPageShow);
    return () => {
      onSessionExpired(null);
      window.removeEventListener('pageshow', onPageShow);
    };
  }, []);

  useEffect(() => {
    // A sign-in notice belongs to the sign-in pages: gone once the visitor is elsewhere.
    if (!pathname.startsWith('/connexion')) setSignInNotice(null);
    if (first.current) {
      first.current = false;
      return;
    }
    void revalidateSession();
  }, [pathname]);
}

/** Where the guard sends the visitor, or null when the page can be shown. */
function redirectTarget(session: ReturnType<typeof useSession>, here: string): string | null {
  if (session.status === 'loading') return null;
  if (session.status === 'signed-out') return signInPathFor(here);
  if (session.me.mfa !== 'done') return nextStep(session.me, safeReturnPath(here));
  return null;
}

/**
 * Pages for signed-in users (`role` set: for that role only). Signed out: the sign-in page, back here
 * afterwards; second factor pending: its step; signed in without the role: « Accès réservé ».
 */
export function RequireSession({ title, role, children }: { title: string; role?: Role; children: ReactNode }) {
  const session = useSession();
  const here = currentPath();
  const target = redirectTarget(session, here);

  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);

  if (session.status === 'loading' || target || !fullySignedIn(session)) return <Pending title={title} />;
  if (role && !hasRole(session, role)) return <Forbidden />;
  return <>{children}</>;
}

function Pending({ title }: { title: string }) {
  useDocumentTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <Loading label="Vérification de la session…" />
    </>
  );
}

function Forbidden() {
  useDocumentTitle('Accès réservé');
  return (
    <>
      <h1>Accès réservé</h1>
      <p className="fr-text--lead">Cette page est réservée aux administrateurs.</p>
      <p>
        Votre compte ne comporte pas le rôle nécessaire. Si vous pensez qu’il s’agit d’une erreur, contactez
        l’administrateur de votre territoire.
      </p>
      <p>
        <AppLink href="/">Retourner à l’accueil</AppLink>
      </p>
    </>
  );
}
