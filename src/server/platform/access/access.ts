import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.ts';
import { anonymousActor, can, type Actor, type UserActor } from './actor.ts';
import type { Contract } from '../../../shared/contract.ts';
import type { Permission } from '../../../shared/permissions.ts';
import { inputOf, type Loaded, type RouteInput } from '../http/serve.ts';

/**
 * What a route requires, from its contract's access kind (`serve` puts it in `config.access`); no
 * handler checks roles by hand.
 * - `public`: anyone (a session, if any, is still read).
 * - `mfa-pending`: a signed-in user, even before the second factor (sign-in steps, sign-out).
 * - `session`: a signed-in user who passed the second factor.
 * - `{ permission, territory }`: a user holding the permission; `territory` when the route's
 *   `load` says where its record sits, checked on an assignment covering it. A missing record and a
 *   record outside the user's territories answer the same 404.
 */
export type RouteAccess = 'public' | 'mfa-pending' | 'session' | { permission: Permission; territory?: boolean };

export interface Authentication {
  actor: UserActor;
  mfaVerified: boolean;
  csrfToken: string;
}

/** Reads the caller's session; provided by the identity module. */
export type Authenticator = (request: FastifyRequest) => Promise<Authentication | undefined>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor;
    authentication: Authentication | undefined;
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess | undefined;
  /** The endpoint contract the route was registered from (`serve`). */
  contract: Contract | undefined;
}

/** Paths outside the access model: infrastructure probes and the API documentation. */
const UNGUARDED = /^\/(health|ready|metrics)$|^\/api\/docs(\/|$)|^\/api\/openapi\.json$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function userActor(request: FastifyRequest): UserActor {
  const auth = request.authentication;
  if (!auth) throw new UnauthorizedError('Vous devez vous connecter.');
  return auth.actor;
}

export function installAccessControl(app: FastifyInstance, authenticate: Authenticator) {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('authentication', undefined);
  app.decorateRequest('loaded', undefined);
  app.decorateRequest('throttle', undefined);
  const routes: DeclaredRoute[] = [];
  app.decorate('psqRoutes', routes);

  // A route that forgets to say who may call it, or has no contract, must not start: fail at registration.
  app.addHook('onRoute', (route) => {
    if (!/^\/(api|open311|calendar)\//.test(route.url) || UNGUARDED.test(route.url)) return;
    const { access, contract } = (route.config ?? {}) as { access?: RouteAccess; contract?: Contract };
    if (!access) throw new Error(`route ${route.method} ${route.url} declares no config.access`);
    // One contract per endpoint: the web's client and the OpenAPI document are made from it.
    if (!contract) throw new Error(`route ${route.method} ${route.url} is not registered from a contract (serve)`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routes.push({ method, url: route.url, access, contract });
  });

  // Authenticate (after rate limiting, before validation): who is calling, and may they at all?
  app.addHook('onRequest', async (request) => {
    request.actor = anonymousActor;
    const access = request.routeOptions.config?.access;
    if (!access) return;
    if (MUTATING.has(request.method)) checkOrigin(request);
    const auth = await authenticate(request);
    request.authentication = auth;
    if (auth) request.actor = auth.actor;
    if (auth && MUTATING.has(request.method) && request.headers['x-csrf-token'] !== auth.csrfToken) {
      throw new ForbiddenError('Jeton anti-CSRF absent ou invalide : rechargez la page.');
    }
    if (access === 'public') return;
    const actor = userActor(request);
    if (access === 'mfa-pending') return;
    if (!auth?.mfaVerified) throw new UnauthorizedError('La vérification en deux étapes est requise.');
    if (access === 'session') return;
    if (!can(actor, access.permission)) throw new ForbiddenError();
  });

  // Load and authorise (after validation, so the loader sees valid ids): the record is loaded
  // once, here, and handed to the handler.
  app.addHook('preHandler', async (request) => {
    const config = request.routeOptions.config;
    const access = config?.access;
    if (!access || request.validationError) return;
    if (config.load) await loadRecord(request, access, config.load);
  });
}

/**
 * Loads the route's record once and hands it to the handler (`request.loaded`): missing, or
 * outside the caller's territories for a permission access, it is a 404.
 */
export async function loadRecord(
  request: FastifyRequest,
  access: RouteAccess,
  load: (input: RouteInput<Contract>) => Promise<Loaded<unknown> | undefined>,
): Promise<void> {
  const loaded = await load(inputOf(request));
  if (!loaded || (typeof access === 'object' && (!loaded.path || !can(request.actor, access.permission, loaded.path))))
    throw new NotFoundError();
  request.loaded = loaded.record;
}

/** Browsers send Origin on cross-site writes: refuse those that come from another site. */
function checkOrigin(request: FastifyRequest) {
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new ForbiddenError('Origine de la requête invalide.');
  }
  if (host !== request.headers.host) throw new ForbiddenError('Requête refusée : elle provient d’un autre site.');
}

/** Routes the app declares, with their access, for the authorization matrix test. */
export function listDeclaredRoutes(app: FastifyInstance): DeclaredRoute[] {
  return (app as unknown as { psqRoutes: DeclaredRoute[] }).psqRoutes;
}
