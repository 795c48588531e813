import { performance } from 'node:perf_hooks';
import { buildApp } from './app.ts';
import { openPlatformDatabase, startJobs } from './platform/bootstrap.ts';
import { loadConfig } from './platform/config.ts';
import { isDemoDatabase, seedIfEmpty } from './platform/db/seed.ts';
import { deferredJobRunner } from './platform/jobs/job-runner.ts';
import { modules } from './modules/index.ts';

const started = performance.now();
const config = loadConfig();
const database = await openPlatformDatabase(config).catch((error: Error) => {
  console.error(`Démarrage impossible : ${error.message}`);
  process.exit(1);
});
const deferred = deferredJobRunner();
const app = await buildApp({ config, database, jobs: deferred.runner });
if (config.seed === 'demo') await seedIfEmpty(database, config, modules, app.log);
// Listen first: pages and the API answer while the job runner starts and caches warm up
// (a request that needs a cache meanwhile waits for the same load).
await app.listen({ port: config.port, host: config.host });
const jobs = await startJobs(config, database, modules, app.log, config.runWorker).catch((error: Error) => {
  deferred.reject(error);
  throw error;
});
deferred.resolve(jobs);
for (const module of modules) await module.warm?.({ config, database, jobs });
for (const module of modules) await module.listen?.({ config, database, jobs }, app.log);

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const where = database.kind === 'pglite' ? `base embarquée ${config.dataDir}` : 'base PostgreSQL (DATABASE_URL)';
console.log(`\nPSQ est prêt sur ${config.publicUrl} (${where}, démarré en ${seconds} s)`);
if (await isDemoDatabase(database))
  console.log('Mode démo : les comptes de démonstration sont listés sur la page de connexion.\n');

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  app.log.info({ signal }, 'stopping');
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  await app.close().catch(() => {});
  await jobs.stop().catch(() => {});
  await database.close().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
