import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite } from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database, Executor } from '../db/client.ts';
import { queryNamed } from '../db/named-query.ts';
import { UnavailableError } from '../errors.ts';

export interface JobDefinition<T extends object = object> {
  name: string;
  /** Cron in UTC: the job is also scheduled (once across all processes: pg-boss owns the lock). */
  cron?: string;
  /**
   * Run once in the background when this process starts working the queues (after a crash,
   * recovery need not wait for the next cron tick). Failures are logged, not thrown.
   */
  onStart?(): Promise<void>;
  /**
   * Jobs fetched per claim. Above 1 the worker also fetches again at once while claims come back
   * full, instead of waiting for the next poll (2 s): a backlog of many jobs drains without pauses.
   */
  batchSize?: number;
  /**
   * Not queued: every working process runs the handler every this many milliseconds (one run at a
   * time), for polls finer than cron's minute, such as the notifications' outbox relay.
   */
  everyMs?: number;
  handler(data: T): Promise<void>;
}

export interface JobRunner {
  /** Enqueue inside the caller's transaction (outbox): the job exists only if the change commits. */
  enqueue(tx: Executor, name: string, data: object): Promise<void>;
  /** Many jobs of one kind in a few statements, inside the caller's transaction as well. */
  enqueueMany(tx: Executor, name: string, data: object[]): Promise<void>;
  /** Run one job now, outside the queue (CLI and tests). */
  runNow(name: string, data?: object): Promise<void>;
  stop(): Promise<void>;
}

/** Jobs per insert statement in enqueueMany. */
const INSERT_SLICE = 1_000;

/**
 * For modules whose routes may be registered before the queue starts: a getter that answers 503
 * (French) while there is no queue, rather than failing a write with a 500.
 */
export function requireJobRunner(get: () => JobRunner | undefined): () => JobRunner {
  return () => {
    const found = get();
    if (!found)
      throw new UnavailableError("La file d'envoi des messages n'est pas démarrée : réessayez dans un instant.");
    return found;
  };
}

export interface JobRunnerOptions {
  database: Database;
  logger: FastifyBaseLogger;
  jobs: JobDefinition[];
  /** Claim and run jobs in this process (false: this process only enqueues). */
  work: boolean;
}

export async function startJobRunner({ database, logger, jobs, work }: JobRunnerOptions): Promise<JobRunner> {
  const common = { schedule: work, supervise: work, migrate: true } as const;
  const boss = database.pglite
    ? new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' })
    : new PgBoss({ ...common, connectionString: database.connectionString, max: 4, application_name: 'psq-jobs' });
  boss.on('error', (error: unknown) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  const byName = new Map(jobs.map((job) => [job.name, job]));
  const queued = jobs.filter((job) => !job.everyMs);
  for (const job of queued) {
    await boss.createQueue(job.name);
    // Prime pg-boss's queue cache now: on the embedded database a cache miss inside the caller's
    // transaction (enqueue) would wait for the single connection that transaction holds.
    await boss.getJobById(job.name, '00000000-0000-4000-8000-000000000000');
  }
  // pg-boss may have just created or migrated its tables: let the app role enqueue into them.
  await database.grantJobSchema();
  for (const job of queued) {
    if (!work) continue;
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
    const batch = job.batchSize && job.batchSize > 1 ? { batchSize: job.batchSize, burstWhenBatchFull: true } : {};
    await boss.work<object>(job.name, batch, async ([first, ...rest]) => {
      for (const item of [first, ...rest]) {
        if (!item) continue;
        logger.info({ job: job.name, id: item.id }, 'job started');
        await job.handler(item.data ?? {});
        logger.info({ job: job.name, id: item.id }, 'job done');
      }
    });
  }
  const pollers = work ? jobs.filter((job) => job.everyMs).map((job) => startPoller(job, logger)) : [];
  if (work) {
    for (const job of jobs) {
      job
        .onStart?.()
        .catch((error: unknown) => logger.error({ err: error, job: job.name }, 'job start-up task failed'));
    }
  }
  return {
    async enqueue(tx, name, data) {
      if (!byName.has(name) || byName.get(name)?.everyMs) throw new Error(`unknown job ${name}`);
      await boss.send(name, data, { db: fromDrizzle(tx as never, sql as never) });
    },
    async enqueueMany(tx, name, data) {
      if (!byName.has(name) || byName.get(name)?.everyMs) throw new Error(`unknown job ${name}`);
      // On a server, pg-boss's insert (one constant text per queue) runs as a named statement on the
      // transaction's connection: planning it cost more than running it (about 0.4 ms of 0.6 ms).
      const db = database.pglite
        ? fromDrizzle(tx as never, sql as never)
        : { executeSql: (text: string, values: unknown[] = []) => queryNamed(tx, text, values) };
      // insert() sends its jobs as one JSON parameter: slices only bound the size of that value.
      for (let start = 0; start < data.length; start += INSERT_SLICE) {
        await boss.insert(
          name,
          data.slice(start, start + INSERT_SLICE).map((item) => ({ data: item })),
          { db },
        );
      }
    },
    async runNow(name, data = {}) {
      const job = byName.get(name);
      if (!job) throw new Error(`unknown job ${name}`);
      await job.handler(data);
    },
    async stop() {
      await Promise.all(pollers.map((poller) => poller.stop()));
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

/** Runs a job every `everyMs` after the end of its previous run; `stop` waits for a run in progress. */
function startPoller(job: JobDefinition, logger: FastifyBaseLogger): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    running = job.handler({}).catch((error: unknown) => logger.error({ err: error, job: job.name }, 'job failed'));
    void running.then(() => {
      if (!stopped) timer = setTimeout(tick, job.everyMs).unref();
    });
  };
  timer = setTimeout(tick, job.everyMs).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * A runner usable before the real one has started: the web server listens first (fast start)
 * and a request that enqueues meanwhile waits for the queue to be ready.
 */
export function deferredJobRunner(): {
  runner: JobRunner;
  resolve(real: JobRunner): void;
  reject(error: unknown): void;
} {
  let resolve!: (real: JobRunner) => void;
  let reject!: (error: unknown) => void;
  const ready = new Promise<JobRunner>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  ready.catch(() => {});
  return {
    runner: {
      enqueue: async (tx, name, data) => (await ready).enqueue(tx, name, data),
      enqueueMany: async (tx, name, data) => (await ready).enqueueMany(tx, name, data),
      runNow: async (name, data) => (await ready).runNow(name, data),
      stop: async () => (await ready).stop(),
    },
    resolve,
    reject,
  };
}
