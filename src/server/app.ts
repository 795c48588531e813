import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Problem } from '../shared/common.schemas.ts';
import type { Config } from './platform/config.ts';
import { WEB_DIR } from './platform/paths.ts';
import type { Database } from './platform/db/client.ts';
import cookie from '@fastify/cookie';
import { installAccessControl, type RouteAccess } from './platform/access/access.ts';
import { describeRateLimit, installRateLimits, type RateLimit } from './platform/http/rate-limit.ts';
import { derivePurposeKey } from './platform/secrets.ts';
import { installSecurityHeaders } from './platform/http/security-headers.ts';
import { installStrictValidation } from './platform/http/validation.ts';
import { registerNotFoundHandler, registerProblemHandlers } from './platform/http/problem.ts';
import { installMetrics } from './platform/http/metrics.ts';
import { platformRoutes } from './platform/http/platform.routes.ts';
import { liveRoutes } from './platform/live/live.routes.ts';
import { isDemoDatabase } from './platform/db/seed.ts';
import type { JobRunner } from './platform/jobs/job-runner.ts';
import type { PlatformModule } from './platform/module.ts';
import { modules as allModules } from './modules/index.ts';

export interface AppOptions {
  config: Config;
  database: Database;
  jobs?: JobRunner;
  modules?: PlatformModule[];
  /** Pino destination, for tests that inspect the log. */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp({
  config,
  database,
  jobs,
  modules = allModules,
  logStream,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[secret]',
      },
    },
    bodyLimit: config.bodyLimit,
    trustProxy: process.env.TRUST_PROXY === 'true',
    // Web servers stay stateless: nothing here may assume it is the only process.
    forceCloseConnections: true,
  });
  installStrictValidation(app);
  registerProblemHandlers(app);
  await app.register(cookie);
  const context = { config, database, jobs };
  const authenticator = modules.find((module) => module.authenticator)?.authenticator?.(context);
  app.decorate('platform', { database });
  const throttleKey = derivePurposeKey(config, 'psq-throttle');
  installRateLimits(app, database, throttleKey, 'ip');
  installAccessControl(app, authenticator ?? (async () => undefined));
  installRateLimits(app, database, throttleKey, 'user');
  installSecurityHeaders(app, config);
  const registry = installMetrics(app);
  app.addSchema(Problem);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'PSQ — API',
        description:
          'API de la plateforme de la sécurité du quotidien. Erreurs au format RFC 9457 (application/problem+json).',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: '__Host-psq_session',
            description:
              'Session (connexion + double authentification); les écritures exigent aussi l’en-tête x-csrf-token',
          },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const { access, rateLimit } = (route.config ?? {}) as { access?: RouteAccess; rateLimit?: RateLimit };
      const transformed = { ...schema } as Record<string, unknown>;
      const notes = [typeof transformed.description === 'string' ? transformed.description : undefined];
      if (access && access !== 'public') {
        transformed.security = [{ session: [] }];
        if (typeof access === 'object')
          notes.push(
            `Permission requise : ` +
              `${access.permission}${access.territory ? ' (sur le territoire de la ressource)' : ''}.`,
          );
      }
      if (rateLimit) notes.push(describeRateLimit(rateLimit));
      const description = notes.filter(Boolean).join('\n\n');
      if (description) transformed.description = description;
      return { schema: transformed as never, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  let demo: boolean | undefined;
  await app.register(platformRoutes, {
    config,
    database,
    registry,
    demo: async () => (demo ??= await isDemoDatabase(database)),
  });
  await app.register(liveRoutes, { database });
  for (const module of modules) {
    if (module.routes) await module.routes(app, context);
  }

  const serveApp = fs.existsSync(path.join(WEB_DIR, 'index.html'));
  if (serveApp) await app.register(fastifyStatic, { root: WEB_DIR, wildcard: false, index: false, maxAge: '1h' });
  registerNotFoundHandler(app, { serveApp });
  app.addHook('onClose', async () => {
    for (const module of modules) await module.close?.(database);
  });
  return app;
}
