import type { Static, TSchema } from 'typebox';
import type { Permission } from './permissions.ts';

/**
 * One endpoint, described once: the server registers its route from it (validation, access,
 * OpenAPI), and the web calls it through `call(contract, input)`. No URL or wire type is written
 * twice.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call, checked before validation:
 * - `public`: anyone (a session, if any, is still read);
 * - `mfa-pending`: a signed-in user, even before the second factor (sign-in steps, sign-out);
 * - `session`: a signed-in user who passed the second factor;
 * - `{ permission }`: a user holding the permission somewhere; where the route's record sits is
 *   checked by the server's loader (declared on the route), a record elsewhere answering 404.
 */
export type AccessKind = 'public' | 'mfa-pending' | 'session' | { readonly permission: Permission };

/** How the request body travels, when there is one. */
export type BodyFormat = 'json' | 'binary' | 'form';

export interface Contract {
  readonly method: HttpMethod;
  /** Fastify's syntax: `/api/requests/:id`. */
  readonly path: `/${string}`;
  /** A French sentence: the operation in the OpenAPI document. */
  readonly summary: string;
  /** French, as long as needed: the rules a caller must know (limits, who sees what). */
  readonly description?: string;
  readonly tags: readonly string[];
  readonly access: AccessKind;
  readonly params?: TSchema;
  readonly query?: TSchema;
  readonly body?: TSchema;
  /** `json` unless said: `binary` is a file sent as the raw body, `form` is url-encoded. */
  readonly bodyFormat?: BodyFormat;
  /** Request headers the operation reads (validated like the rest). */
  readonly headers?: TSchema;
  /** Answers by status: the 2xx ones are the success bodies (`Type.Null()` for an empty 204). */
  readonly responses: { readonly [status: number]: TSchema };
  /** Content type of the success body when it is not JSON (a file, a feed, CSV, a redirect). */
  readonly produces?: string;
}

/** Keeps the literal types of a contract (path, access, schemas) for the server and the web. */
export function defineContract<const C extends Contract>(contract: C): C {
  return contract;
}

type Success = 200 | 201 | 202 | 204 | 302 | 303;
type StaticOf<S> = S extends TSchema ? Static<S> : never;
type Part<C, K extends string> = C extends { readonly [P in K]: infer S extends TSchema } ? Static<S> : undefined;

export type ParamsOf<C extends Contract> = Part<C, 'params'>;
export type QueryOf<C extends Contract> = Part<C, 'query'>;
export type BodyOf<C extends Contract> = C extends { bodyFormat: 'binary' } ? Blob : Part<C, 'body'>;
export type HeadersOf<C extends Contract> = Part<C, 'headers'>;
/** The success status codes the contract declares. */
export type SuccessStatusOf<C extends Contract> = Extract<keyof C['responses'], Success>;
/** What a success answer carries (the union of every 2xx body). */
export type ResponseOf<C extends Contract> = {
  [K in SuccessStatusOf<C>]: StaticOf<C['responses'][K]>;
}[SuccessStatusOf<C>];

/** The first success status a contract declares: what the server answers unless the handler says otherwise. */
export function successStatusOf(contract: Contract): number {
  const codes = Object.keys(contract.responses)
    .map(Number)
    .filter((code) => code >= 200 && code < 400)
    .sort((a, b) => a - b);
  if (!codes.length) throw new Error(`${contract.method} ${contract.path}: no success response declared`);
  return codes[0];
}

/** Fills `:name` segments of a path with their values (encoded); a missing one is a programming error. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${path}: parameter ${name} missing`);
    return encodeURIComponent(String(value));
  });
}

/** Prefixes of the server's addresses (API, feeds, Open311): links there leave the single-page app. */
export const SERVER_PREFIXES = ['/api/', '/calendar/', '/open311/'] as const;

/** Whether a same-site path is served by the server rather than by the web app's router. */
export function isServerPath(path: string): boolean {
  return SERVER_PREFIXES.some((prefix) => path.startsWith(prefix));
}
