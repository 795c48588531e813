import { afterAll, beforeAll } from 'vitest';
import { Writable } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pino from 'pino';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { collectJobs } from '../platform/bootstrap.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import type { Database } from '../platform/db/client.ts';
import { startJobRunner, type JobRunner } from '../platform/jobs/job-runner.ts';
import { modules } from '../modules/index.ts';
import { createTestDatabase } from './test-database.ts';
import { startSmtpPeer, type SmtpPeer } from './peers/smtp-peer.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  jobs?: JobRunner;
  /** Everything the app logged, to check that secrets never reach it. */
  logs: string[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Start a job runner (mail, retention) that works in this process. */
  jobs?: boolean;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psq-test-'));
  const config = loadConfig({
    LOG_LEVEL: 'info',
    CACHE_POLL_MS: '0',
    DATA_DIR: dataDir,
    SECRET_KEY: 'test-secret-key-0123456789abcdefghijklmnop',
    ...options.env,
  });
  let jobs: JobRunner | undefined;
  if (options.jobs) {
    const logger = pino({ level: 'info' }, logStream) as unknown as FastifyBaseLogger;
    jobs = await startJobRunner({ database, logger, work: true, jobs: collectJobs(config, database, modules, logger) });
  }
  const app = await buildApp({ config, database, jobs, logStream });
  await app.ready();
  return {
    app,
    database,
    config,
    jobs,
    logs,
    async close() {
      await app.close();
      await jobs?.stop();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A test app whose job worker delivers mail to a test SMTP server of its own (links under
 * https://psq.example.fr), started before the file's tests and closed after them.
 */
export function useTestAppWithMail(set: (t: TestApp, smtp: SmtpPeer) => void, env: Record<string, string> = {}): void {
  let smtp: SmtpPeer | undefined;
  let t: TestApp | undefined;
  beforeAll(async () => {
    smtp = await startSmtpPeer();
    t = await createTestApp({ jobs: true, env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://psq.example.fr', ...env } });
    set(t, smtp);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
}
