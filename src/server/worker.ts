import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { openPlatformDatabase, startJobs } from './platform/bootstrap.ts';
import { loadConfig } from './platform/config.ts';
import { modules } from './modules/index.ts';

// A worker process for deployments with several processes on one PostgreSQL server: it runs
// jobs and schedules, serves no HTTP. pg-boss claims each job with a row lock, so any number
// of workers may run side by side.
const config = loadConfig();
if (!config.databaseUrl) {
  console.error(
    "npm run worker demande DATABASE_URL : la base embarquée ne s'ouvre que dans " +
      'un processus, et npm start y fait déjà tourner les tâches.',
  );
  process.exit(1);
}
const logger = pino({ level: config.logLevel }) as unknown as FastifyBaseLogger;
const database = await openPlatformDatabase(config);
const jobs = await startJobs(config, database, modules, logger, true);
// Modules whose jobs send messages learn the job queue here (as in the web process).
for (const module of modules) await module.warm?.({ config, database, jobs });
logger.info('worker started');

async function stop() {
  await jobs.stop().catch(() => {});
  await database.close().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
