import { sql } from 'drizzle-orm';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../db/client.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { loadConfig } from '../config.ts';
import { collectJobs } from '../bootstrap.ts';
import { startJobRunner, type JobRunner } from './job-runner.ts';
import { RETENTION_JOB } from './retention.ts';

const logger = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;
let database: Database;
let runner: JobRunner;
const received: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  runner = await startJobRunner({
    database,
    logger,
    work: true,
    jobs: [
      {
        name: 'test-echo',
        async handler(data) {
          received.push((data as { word: string }).word);
        },
      },
    ],
  });
});
afterAll(async () => {
  await runner?.stop();
  await database?.close();
});

describe('job runner (pg-boss)', () => {
  it('runs a job enqueued in a committed transaction, and never one whose transaction rolled back', async () => {
    await database.db.transaction(async (tx) => {
      await runner.enqueue(tx, 'test-echo', { word: 'committed' });
    });
    await database.db
      .transaction(async (tx) => {
        await runner.enqueue(tx, 'test-echo', { word: 'rolled-back' });
        throw new Error('abort');
      })
      .catch(() => {});
    await vi.waitFor(() => expect(received).toContain('committed'), { timeout: 20_000, interval: 100 });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(received).not.toContain('rolled-back');
  });
});

describe('polled jobs (everyMs)', () => {
  it(
    'run in each working process every period, one run at a time, are not ' +
      'queued, and stop waits for a run in progress',
    async () => {
      let runs = 0;
      let inFlight = 0;
      let overlapped = false;
      const polled = await startJobRunner({
        database,
        logger,
        work: true,
        jobs: [
          {
            name: 'test-poll',
            everyMs: 50,
            async handler() {
              inFlight += 1;
              overlapped ||= inFlight > 1;
              await new Promise((resolve) => setTimeout(resolve, 80));
              runs += 1;
              inFlight -= 1;
            },
          },
        ],
      });
      await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(3), { timeout: 20_000, interval: 100 });
      await expect(database.db.transaction((tx) => polled.enqueue(tx, 'test-poll', {}))).rejects.toThrow(/unknown job/);
      await polled.stop();
      const after = runs;
      expect(inFlight).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(runs).toBe(after);
      expect(overlapped).toBe(false);
    },
  );
});

describe('retention purge', () => {
  it('removes audit events past their period and keeps the others', async () => {
    await database.db.execute(
      sql`insert into audit_events (actor_type, action, occurred_at) values ('system', 'old', now() - interval '1200 days'), ('system', 'recent', now() - interval '10 days')`,
    );
    const config = loadConfig({ AUDIT_RETENTION_DAYS: '1095' });
    const jobs = collectJobs(config, database, [], logger);
    const retention = jobs.find((job) => job.name === RETENTION_JOB)!;
    expect(retention.cron).toBe('15 3 * * *');
    await retention.handler({});
    const rows = await database.query<{ action: string }>(
      "select action from audit_events where action in ('old', 'recent', 'retention.purged') order by id",
    );
    expect(rows.map((row) => row.action)).toEqual(['recent', 'retention.purged']);
  });
});
