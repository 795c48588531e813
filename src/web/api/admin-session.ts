import { useSyncExternalStore } from 'react';

/**
 * The administrator's bearer token. Until the identity module lands, the administrator pastes
 * the token printed by the server at start-up; it lives in sessionStorage (gone with the tab).
 */
const STORAGE_KEY = 'psq.adminToken';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function getAdminToken(): string | null {
  return read();
}

export function setAdminToken(token: string | null): void {
  try {
    if (token === null) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage disabled: the session simply does not survive a reload.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAdminToken(): string | null {
  return useSyncExternalStore(subscribe, read, () => null);
}
