import { useSyncExternalStore } from 'react';
import type { Problem } from '../../shared/common.schemas.ts';

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

/** An API failure; `message` is a French sentence fit for the user (the problem's `detail`). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, message: string, problem: Problem | null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

const fallbackMessages: Record<number, string> = {
  400: 'La demande est invalide.',
  401: 'Votre session d’administration a expiré ou le jeton est invalide. Veuillez vous reconnecter.',
  403: 'Vous n’avez pas le droit d’effectuer cette action.',
  404: 'L’élément demandé est introuvable.',
  409: 'Cette action est impossible dans l’état actuel des données.',
  413: 'Le fichier envoyé est trop volumineux.',
  422: 'Les données envoyées sont invalides.',
  429: 'Trop de demandes : veuillez patienter quelques instants.',
};

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Une erreur inattendue est survenue.';
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as { status?: unknown }).status === 'number';
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A body already serialised as JSON (an uploaded file, sent as is). */
  rawJson?: string;
  /** Sends the administrator's bearer token. */
  admin?: boolean;
  /** Overrides the stored token (sign-in check). */
  token?: string;
  signal?: AbortSignal;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = options.token ?? (options.admin ? getAdminToken() : null);
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.rawJson !== undefined || options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = options.rawJson ?? JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, body, signal: options.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.', null);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (!response.ok) {
    const problem = isProblem(payload) ? payload : null;
    if (response.status === 401 && options.admin && options.token === undefined) setAdminToken(null);
    const message = problem?.detail ?? fallbackMessages[response.status] ?? `Le serveur a répondu par une erreur (${response.status}).`;
    throw new ApiError(response.status, message, problem);
  }
  return payload as T;
}

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
