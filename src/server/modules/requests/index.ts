import type { Database } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import type { PlatformModule } from '../../platform/module.ts';
import { createRequestsContext, loadRequestsSettings, type RequestsSettings } from './requests-context.ts';
import { publicRequestRoutes } from './public.routes.ts';
import { purgeRequestThrottle } from './request-throttle.ts';
import { seedDemoRequests } from './requests.seed.ts';
import { staffRequestRoutes } from './staff.routes.ts';

export { createRequestsContext, loadRequestsSettings, type RequestsContext, type RequestsSettings } from './requests-context.ts';

/** Residents' requests: public intake and tracking, staff inbox and handling. */
export function createRequestsModule(options: { env?: NodeJS.ProcessEnv } = {}): PlatformModule {
  let settings: RequestsSettings | undefined;
  const read = () => (settings ??= loadRequestsSettings(options.env ?? process.env));
  const runners = new Map<Database, JobRunner>();
  return {
    name: 'requests',
    async routes(app, { config, database, jobs }) {
      if (jobs) runners.set(database, jobs);
      const ctx = createRequestsContext(config, database, () => runners.get(database), read());
      await publicRequestRoutes(app, ctx);
      await staffRequestRoutes(app, ctx);
    },
    seedDemo: (database, config) => seedDemoRequests(database, config, read()),
    async warm({ database, jobs }) {
      if (jobs) runners.set(database, jobs);
    },
    retentionRules: () => [{ name: 'request-throttle', description: 'Compteurs anti-abus des demandes de plus d’un jour', purge: (database) => purgeRequestThrottle(database.db) }],
    async close(database) {
      runners.delete(database);
    },
  };
}

export const requestsModule: PlatformModule = createRequestsModule();
