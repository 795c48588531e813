import { useEffect, useState } from 'react';
import type { Me } from '../../shared/identity.schemas.ts';

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
  if (url.pathname.startsWith('/api/') || url.pathname === '/connexion' || url.pathname.startsWith('/connexion/')) return '/';
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

/** A message for the sign-in page, carried across one client-side navigation (session expired, password set, signed out). */
let pendingNotice: SignInNotice | null = null;

export function setSignInNotice(notice: SignInNotice): void {
  pendingNotice = notice;
}

export function useSignInNotice(): SignInNotice | null {
  const [notice] = useState(() => pendingNotice);
  useEffect(() => {
    pendingNotice = null;
  }, []);
  return notice;
}
