import { useSyncExternalStore } from 'react';
import { authContracts } from '../../shared/identity/auth.contracts.ts';
import type { Me, Role } from '../../shared/identity/identity.schemas.ts';
import { call, type CallOptions } from './call.ts';
import { ApiError, onUnauthorized, setCsrfToken } from './http.ts';

/** Wrong password, wrong code, no session yet: on the sign-in calls a 401 is an answer, not an expired session. */
export const authAnswer: CallOptions = { unauthorizedIsAnswer: true };

/**
 * The signed-in user, shared by the whole app. The session itself is an HttpOnly cookie: the client
 * only knows what `GET /api/auth/me` says (user, MFA step, CSRF token).
 */
export type SessionState = { status: 'loading' } | { status: 'signed-out' } | { status: 'signed-in'; me: Me };

export const SESSION_EXPIRED_MESSAGE = 'Votre session a expiré : reconnectez-vous.';

/** A tab hint (no secret): « this tab was signed in », so that a 401 at start-up reads as an expired session. */
const HINT_KEY = 'psq.session';
let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();
let expiredListener: (() => void) | null = null;

function setState(next: SessionState): void {
  state = next;
  setCsrfToken(next.status === 'signed-in' ? next.me.csrfToken : null);
  try {
    if (next.status === 'signed-in') window.sessionStorage.setItem(HINT_KEY, '1');
    else if (next.status === 'signed-out') window.sessionStorage.removeItem(HINT_KEY);
  } catch {
    // Storage disabled: an expired session then simply shows the sign-in page without the notice.
  }
  for (const listener of listeners) listener();
}

function hadSession(): boolean {
  try {
    return window.sessionStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

export function getSession(): SessionState {
  return state;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

/** Signed in with the second factor done (or not required). */
export function fullySignedIn(session: SessionState): session is { status: 'signed-in'; me: Me } {
  return session.status === 'signed-in' && session.me.mfa === 'done';
}

export function hasRole(session: SessionState, role: Role): boolean {
  return fullySignedIn(session) && session.me.user.roles.some((assignment) => assignment.role === role);
}

export function setMe(me: Me): void {
  setState({ status: 'signed-in', me });
}

/** The app decides where an expired session leads (the sign-in page, with a notice). */
export function onSessionExpired(listener: (() => void) | null): void {
  expiredListener = listener;
}

function expire(): void {
  setState({ status: 'signed-out' });
  expiredListener?.();
}

/** Start-up (and back-forward cache restore): who is signed in? */
export async function loadSession(): Promise<void> {
  try {
    setMe(await call(authContracts.me, {}, authAnswer));
  } catch (cause) {
    if (cause instanceof ApiError && cause.status === 401 && hadSession()) expire();
    else setState({ status: 'signed-out' });
  }
}

/** After sign-in or MFA: the server may have rotated the session and its CSRF token (on failure, the state is kept). */
export async function refreshSession(): Promise<Me | null> {
  try {
    const me = await call(authContracts.me, {}, authAnswer);
    setMe(me);
    return me;
  } catch {
    return null;
  }
}

/** On navigation while signed in: a session that ended elsewhere (idle, suspended, signed out) shows up at once. */
export async function revalidateSession(): Promise<void> {
  if (state.status !== 'signed-in') return;
  try {
    // Without authAnswer: a 401 here ends the session (signed in, then it expired).
    setMe(await call(authContracts.me));
  } catch {
    // A 401 has already ended the session (see the handler below); other failures change nothing.
  }
}

export async function signOut(): Promise<void> {
  try {
    await call(authContracts.signOut, {}, authAnswer);
  } catch {
    // Already signed out server-side: nothing left to end.
  }
  setState({ status: 'signed-out' });
}

onUnauthorized(() => {
  if (state.status === 'signed-in') expire();
});
