import { useSyncExternalStore } from 'react';
import type { Me } from '../../shared/identity/identity.schemas.ts';
import { signOut } from '../client/session.ts';
import { navigate } from './router.tsx';
import { isServerPath } from '../../shared/contract.ts';

/**
 * The `?retour=` parameter of the sign-in pages: only a path of this site (no `//host`, no scheme,
 * no API, no sign-in page to loop on) is followed; anything else goes to the home page.
 */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/';
  let url: URL;
  try {
    url = new URL(value, window.location.origin);
  } catch {
    return '/';
  }
  if (url.origin !== window.location.origin) return '/';
  if (isServerPath(url.pathname) || url.pathname === '/connexion' || url.pathname.startsWith('/connexion/')) return '/';
  return url.pathname + url.search + url.hash;
}

/** `/connexion/verification?retour=%2Fadmin`: keeps the requested page along the sign-in steps. */
export function withReturn(path: string, returnPath: string): string {
  return returnPath === '/' ? path : `${path}?retour=${encodeURIComponent(returnPath)}`;
}

/** Where a session in `me`'s state must go next (second factor to pass or to set up, else the requested page). */
export function nextStep(me: Me, returnPath: string): string {
  if (me.mfa === 'required') return withReturn('/connexion/verification', returnPath);
  if (me.mfa === 'enrol') return withReturn('/connexion/activation-mfa', returnPath);
  return returnPath;
}

/** The sign-in page for the current location (`/connexion?retour=/admin/communes`). */
export function signInPathFor(currentPath: string): string {
  const target = safeReturnPath(currentPath);
  return withReturn('/connexion', target);
}

export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

export interface SignInNotice {
  severity: 'info' | 'success';
  message: string;
}

/**
 * A message for the sign-in pages (session expired, password set, signed out). It lives until the
 * visitor leaves the sign-in pages or submits the form, whatever the order of the redirects that led there.
 */
let notice: SignInNotice | null = null;
const listeners = new Set<() => void>();

export function setSignInNotice(next: SignInNotice | null): void {
  notice = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSignInNotice(): SignInNotice | null {
  return useSyncExternalStore(
    subscribe,
    () => notice,
    () => null,
  );
}

/**
 * « Se déconnecter »: ends the session, then shows the sign-in page with a confirmation. A reserved page
 * has already sent the visitor there (its guard reacts first): that history entry is replaced.
 */
export async function signOutToSignInPage(): Promise<void> {
  setSignInNotice({ severity: 'success', message: 'Vous êtes déconnecté.' });
  await signOut();
  navigate('/connexion', { replace: window.location.pathname.startsWith('/connexion') });
}
