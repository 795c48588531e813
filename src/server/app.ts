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
import { installAccessControl } from './platform/access/access.ts';
import { installStrictValidation } from './platform/http/validation.ts';
import { registerNotFoundHandler, registerProblemHandlers } from './platform/http/problem.ts';
import { installMetrics } from './platform/http/metrics.ts';
import { platformRoutes } from './platform/http/platform.routes.ts';
import { isDemoDatabase } from './platform/db/seed.ts';
import type { JobRunner } from './platform/jobs/job-runner.ts';
import type { PlatformModule } from './platform/module.ts';
import { modules as allModules } from './modules/index.ts';


export interface AppOptions {
  config: Config;
  database: Database;
  adminToken: string;
  jobs?: JobRunner;
  modules?: PlatformModule[];
  /** Pino destination, for tests that inspect the log. */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp({ config, database, adminToken, jobs, modules = allModules, logStream }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'], censor: '[secret]' },
    },
    bodyLimit: config.bodyLimit,
    trustProxy: process.env.TRUST_PROXY === 'true',
    // Web servers stay stateless: nothing here may assume it is the only process.
    forceCloseConnections: true,
  });
  installStrictValidation(app);
  registerProblemHandlers(app);
  installAccessControl(app, adminToken);
  const registry = installMetrics(app);
  app.addSchema(Problem);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'PSQ — API', description: 'API de la plateforme de la sécurité du quotidien. Erreurs au format RFC 9457 (application/problem+json).', version: '0.1.0' },
      components: { securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: "Jeton administrateur (ADMIN_TOKEN ou DATA_DIR/admin-token)" } } },
    },
    transform: ({ schema, url, route }) => {
      const access = (route.config as { access?: string } | undefined)?.access;
      const transformed = { ...schema } as Record<string, unknown>;
      if (access === 'admin') transformed.security = [{ adminToken: [] }];
      return { schema: transformed as never, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  let demo: boolean | undefined;
  await app.register(platformRoutes, {
    config,
    database,
    registry,
    demo: async () => (demo ??= await isDemoDatabase(database)),
  });
  for (const module of modules) {
    if (module.routes) await module.routes(app, { config, database, jobs });
  }

  const serveApp = fs.existsSync(path.join(WEB_DIR, 'index.html'));
  if (serveApp) await app.register(fastifyStatic, { root: WEB_DIR, wildcard: false, index: false, maxAge: '1h' });
  registerNotFoundHandler(app, { serveApp });
  app.addHook('onClose', async () => {
    for (const module of modules) await module.close?.(database);
  });
  return app;
}
