import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UnauthorizedError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { tokenMatches } from './admin-token.ts';

/**
 * What a route requires, declared on the route itself (`config.access`); no handler checks
 * identity by hand. Identity and access (roles scoped to territories) will add permissions here.
 */
export type Access = 'public' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor;
  }
}

/** Paths outside the access model: infrastructure probes, docs and the web app's files. */
const UNGUARDED = /^\/(health|ready|metrics)$|^\/api\/docs(\/|$)|^\/api\/openapi\.json$/;

export function installAccessControl(app: FastifyInstance, adminToken: string) {
  app.decorateRequest('actor', null as never);
  const routes: DeclaredRoute[] = [];
  app.decorate('psqRoutes', routes);
  // A route that forgets to say who may call it must not start: fail at registration.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') && !route.url.startsWith('/open311/')) return;
    if (UNGUARDED.test(route.url)) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url, access });
    if (access !== 'public' && access !== 'admin') {
      throw new Error(`route ${route.method} ${route.url} declares no config.access`);
    }
  });
  app.addHook('onRequest', async (request: FastifyRequest) => {
    request.actor = { type: 'anonymous', id: null };
    const access = request.routeOptions.config?.access;
    if (access !== 'admin') return;
    const header = request.headers.authorization;
    const presented = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!tokenMatches(adminToken, presented)) throw new UnauthorizedError('Jeton administrateur absent ou invalide.');
    request.actor = { type: 'admin-token', id: null };
  });
}

export interface DeclaredRoute {
  method: string;
  url: string;
  access: Access | undefined;
}

/** Routes the app declares, with their access, for the authorization matrix test. */
export function listDeclaredRoutes(app: FastifyInstance): DeclaredRoute[] {
  return (app as unknown as { psqRoutes: DeclaredRoute[] }).psqRoutes;
}
