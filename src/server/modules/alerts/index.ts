import type { Database } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import type { PlatformModule } from '../../platform/module.ts';
import { ackRoutes } from './ack.routes.ts';
import { createAlertsContext, loadAlertsSettings, type AlertsContext, type AlertsSettings } from './alerts-context.ts';
import { alertsRoutes } from './alerts.routes.ts';
import { alertsRetentionRule } from './alerts-retention.ts';
import { seedDemoAlerts } from './alerts.seed.ts';
import { contactsRoutes } from './contacts.routes.ts';
import { ESCALATE_JOB, escalateDueAlerts } from './escalation.ts';

export { escalateDueAlerts, ESCALATE_JOB } from './escalation.ts';
export { createAlertsContext, loadAlertsSettings, type AlertsContext, type AlertsSettings } from './alerts-context.ts';

/**
 * Operational alerts to mayors. The escalation job needs the job queue to send its messages,
 * which the platform hands to modules in routes() and warm() (the worker process calls warm()):
 * the runner is remembered per database for the job's handler.
 */
export function createAlertsModule(options: { env?: NodeJS.ProcessEnv } = {}): PlatformModule {
  let settings: AlertsSettings | undefined;
  const read = () => (settings ??= loadAlertsSettings(options.env ?? process.env));
  const runners = new Map<Database, JobRunner>();
  const contexts = new Map<Database, AlertsContext>();
  return {
    name: 'alerts',
    async routes(app, { config, database, jobs }) {
      if (jobs) runners.set(database, jobs);
      const ctx = createAlertsContext(config, database, () => runners.get(database), read());
      contexts.set(database, ctx);
      await contactsRoutes(app, ctx);
      await alertsRoutes(app, ctx);
      await ackRoutes(app, ctx);
    },
    jobs: ({ config, database }) => [
      {
        name: ESCALATE_JOB,
        cron: '* * * * *',
        async handler() {
          // No runner yet (a worker that has not called warm()): the next minute's run catches up.
          if (!runners.has(database)) return;
          await escalateDueAlerts(
            contexts.get(database) ?? createAlertsContext(config, database, () => runners.get(database), read()),
            new Date(),
          );
        },
      },
    ],
    async warm({ database, jobs }) {
      if (jobs) runners.set(database, jobs);
    },
    retentionRules: () => [alertsRetentionRule(() => read().retentionDays)],
    seedDemo: (database) => seedDemoAlerts(database),
    async close(database) {
      runners.delete(database);
      contexts.delete(database);
    },
  };
}

export const alertsModule: PlatformModule = createAlertsModule();
