import type { Problem } from '../../shared/common.schemas.ts';

/**
 * JSON over `fetch` with the session cookie (HttpOnly, set by the server: the client never sees it).
 * While signed in, every mutating request carries the session's CSRF token in `x-csrf-token`.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the API answers 401 to a request that needed a session (expired, signed out elsewhere, suspended). */
let unauthorizedHandler: (() => void) | null = null;

export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
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
  401: 'Votre session a expiré : reconnectez-vous.',
  403: 'Vous n’avez pas le droit d’effectuer cette action.',
  404: 'L’élément demandé est introuvable.',
  409: 'Cette action est impossible dans l’état actuel des données.',
  410: 'Ce lien n’est plus valable.',
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

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  body?: unknown;
  /** A body already serialised as JSON (an uploaded file, sent as is). */
  rawJson?: string;
  /** A file sent as the raw body with its own type (a photo). */
  file?: Blob;
  /**
   * A 401 is an expected answer here (wrong password, wrong code, no session yet): it is thrown
   * as an ApiError without ending the session.
   */
  unauthorizedIsAnswer?: boolean;
  signal?: AbortSignal;
  /** Extra headers (an `Idempotency-Key`). */
  headers?: Record<string, string>;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { ...options.headers, Accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let body: string | Blob | undefined;
  if (options.file) {
    headers['Content-Type'] = options.file.type || 'application/octet-stream';
    body = options.file;
  } else if (options.rawJson !== undefined || options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = options.rawJson ?? JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: options.signal,
    });
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
    if (response.status === 401 && !options.unauthorizedIsAnswer) unauthorizedHandler?.();
    const message =
      problem?.detail ??
      fallbackMessages[response.status] ??
      `Le serveur a répondu par une erreur (${response.status}).`;
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
