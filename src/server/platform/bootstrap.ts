import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { auditRetentionRule } from './audit/audit-retention.ts';
import { throttleRetentionRule } from './throttle/throttle.ts';
import { startJobRunner, type JobDefinition, type JobRunner } from './jobs/job-runner.ts';
import { createRetentionJob } from './jobs/retention.ts';
import type { PlatformModule } from './module.ts';
import { createMailer } from './mail/mailer.ts';
import { createMailJob } from './mail/mail-job.ts';

/**
 * The embedded database is one process's: a second process on the same DATA_DIR would corrupt
 * it, so it is refused with a clear message while the first one lives.
 */
function lockDataDir(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, 'psq.pid');
  if (fs.existsSync(lockFile)) {
    const pid = Number(fs.readFileSync(lockFile, 'utf8'));
    let alive = false;
    try {
      if (pid && pid !== process.pid) {
        process.kill(pid, 0);
        alive = true;
      }
    } catch {
      alive = false;
    }
    if (alive)
      throw new Error(
        `La base embarquée de ${dir} est déjà ouverte par le processus ${pid}. ` +
          `Arrêtez-le, ou utilisez DATABASE_URL pour plusieurs processus.`,
      );
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => fs.rmSync(lockFile, { force: true });
}

export async function openPlatformDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl });
    return database;
  }
  const unlock = lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({ pgliteDir: path.join(config.dataDir, 'pglite') });
    const close = database.close.bind(database);
    database.close = async () => {
      await close();
      unlock();
    };
    return database;
  } catch (error) {
    unlock();
    throw error;
  }
}

export function collectJobs(
  config: Config,
  database: Database,
  modules: PlatformModule[],
  logger: FastifyBaseLogger,
): JobDefinition[] {
  const rules = [
    auditRetentionRule(config.auditRetentionDays),
    throttleRetentionRule(),
    ...modules.flatMap((m) => m.retentionRules?.(config) ?? []),
  ];
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, dataDir: config.dataDir }, logger);
  return [
    createRetentionJob(database, rules, logger, config.retentionCron),
    createMailJob(mailer) as JobDefinition,
    ...modules.flatMap((m) => m.jobs?.({ config, database }) ?? []),
  ];
}

export async function startJobs(
  config: Config,
  database: Database,
  modules: PlatformModule[],
  logger: FastifyBaseLogger,
  work: boolean,
): Promise<JobRunner> {
  return startJobRunner({ database, logger, jobs: collectJobs(config, database, modules, logger), work });
}
