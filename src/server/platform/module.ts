import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Authenticator } from './access/access.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { JobDefinition, JobRunner } from './jobs/job-runner.ts';
import type { RetentionRule } from './jobs/retention.ts';

export interface ModuleContext {
  config: Config;
  database: Database;
  /** Present once the job runner has started (absent in route-only tests). */
  jobs?: JobRunner;
}

/**
 * What a domain module brings to the platform. The spine knows modules only through this:
 * adding one is a line in `modules/index.ts`.
 */
export interface PlatformModule {
  name: string;
  routes?(app: FastifyInstance, context: ModuleContext): Promise<void>;
  /** The module that knows who is calling (identity) provides the platform's authenticator. */
  authenticator?(context: ModuleContext): Authenticator;
  jobs?(context: Omit<ModuleContext, 'jobs'>): JobDefinition[];
  retentionRules?(config: Config): RetentionRule[];
  /** Loads demo data into an empty database (SEED=demo); must be idempotent per module. */
  seedDemo?(database: Database, config: Config): Promise<void>;
  /** Warm caches after start-up. */
  warm?(context: ModuleContext): Promise<void>;
  /** Extra listeners of the main process only (e.g. the SMTP listener of the requests module); `close` stops them. */
  listen?(context: ModuleContext, logger: FastifyBaseLogger): Promise<void>;
  close?(database: Database): Promise<void>;
}
