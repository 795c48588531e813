import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/client.ts';
import { readPositiveInt } from '../../platform/env-settings.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { createRequestsContext, loadRequestsSettings, type RequestsContext } from '../requests/index.ts';

/** Settings of this module, read from the environment (documented in the README). */
export interface VisitsSettings {
  /** Visits are deleted this many days after they were written. */
  retentionDays: number;
}

export function loadVisitsSettings(env: NodeJS.ProcessEnv = process.env): VisitsSettings {
  return { retentionDays: readPositiveInt(env, 'VISIT_RETENTION_DAYS', 365) };
}

export interface VisitsContext {
  database: Database;
  /** A visit becomes a request through the requests module's intake, with its context. */
  requests: RequestsContext;
  settings: VisitsSettings;
}

export function createVisitsContext(
  config: Config,
  database: Database,
  jobs: () => JobRunner | undefined,
  env: NodeJS.ProcessEnv = process.env,
): VisitsContext {
  return {
    database,
    requests: createRequestsContext(config, database, jobs, loadRequestsSettings(env)),
    settings: loadVisitsSettings(env),
  };
}
