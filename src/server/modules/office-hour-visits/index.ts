import type { Database } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import type { PlatformModule } from '../../platform/module.ts';
import { createVisitsContext, loadVisitsSettings, type VisitsSettings } from './visits-context.ts';
import { visitsRetentionRule } from './visits-retention.ts';
import { seedDemoVisits } from './visits.seed.ts';
import { visitRoutes } from './visits.routes.ts';

export { loadVisitsSettings, type VisitsSettings } from './visits-context.ts';

/** Confidential records of office-hour visits, their conversion to requests, and the delegate's dashboard. */
export function createOfficeHourVisitsModule(options: { env?: NodeJS.ProcessEnv } = {}): PlatformModule {
  let settings: VisitsSettings | undefined;
  const read = () => (settings ??= loadVisitsSettings(options.env ?? process.env));
  // Conversion queues the resident's receipt on the job runner of its database (outbox).
  const runners = new Map<Database, JobRunner>();
  return {
    name: 'office-hour-visits',
    async routes(app, { config, database, jobs }) {
      if (jobs) runners.set(database, jobs);
      read();
      await visitRoutes(
        app,
        createVisitsContext(config, database, () => runners.get(database), options.env ?? process.env),
      );
    },
    retentionRules: () => [visitsRetentionRule(() => read().retentionDays)],
    // After the office hours' and the requests' seeds (module order): visits at the demo venues, one converted to a request.
    seedDemo: (database, config) =>
      seedDemoVisits(createVisitsContext(config, database, () => undefined, options.env ?? process.env)),
    async warm({ database, jobs }) {
      if (jobs) runners.set(database, jobs);
    },
    async close(database) {
      runners.delete(database);
    },
  };
}

export const officeHourVisitsModule: PlatformModule = createOfficeHourVisitsModule();
