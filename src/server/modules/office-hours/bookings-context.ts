import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/client.ts';
import { requireJobRunner, type JobRunner } from '../../platform/jobs/job-runner.ts';
import { derivePurposeKey } from '../../platform/secrets.ts';
import { readPositiveInt } from '../../platform/env-settings.ts';

export interface BookingsContext {
  database: Database;
  /** The job queue (outbox); throws 503 in a process that runs none. */
  jobs: () => JobRunner;
  publicUrl: string;
  /** Signs cancel codes and hashes source addresses; from the platform secret so every process agrees. */
  key: Buffer;
  /** Bookings per source address and window (public form). */
  perIp: number;
  windowMinutes: number;
}

export function createBookingsContext(
  config: Config,
  database: Database,
  jobs: () => JobRunner | undefined,
  env: NodeJS.ProcessEnv = process.env,
): BookingsContext {
  return {
    database,
    jobs: requireJobRunner(jobs),
    publicUrl: config.publicUrl,
    key: derivePurposeKey(config, 'psq-office-hour-bookings'),
    perIp: readPositiveInt(env, 'OFFICE_HOUR_BOOKINGS_PER_IP', 5),
    windowMinutes: readPositiveInt(env, 'OFFICE_HOUR_BOOKINGS_WINDOW_MINUTES', 60),
  };
}
