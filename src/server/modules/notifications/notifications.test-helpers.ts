import { afterAll, beforeAll } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig, type Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/client.ts';
import { startJobRunner, type JobRunner } from '../../platform/jobs/job-runner.ts';
import { startSmtpPeer, type SmtpPeer } from '../../test/peers/smtp-peer.ts';
import { startTwilioPeer, type TwilioPeer } from '../../test/peers/twilio-peer.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { identityModule } from '../identity/index.ts';
import { territoryModule } from '../territory/index.ts';
import { createNotificationsModule } from './index.ts';
import { DELIVER_JOB } from './notifications.service.ts';

export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const AUTH_TOKEN = 'jeton-twilio-de-test-0123456789';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Harness {
  app: FastifyInstance;
  database: Database;
  config: Config;
  jobs: JobRunner;
  smtp: SmtpPeer;
  fake: TwilioPeer;
  close(): Promise<void>;
}

/**
 * A real app listening on a port (the fake Twilio posts receipts to it), a real job runner, a
 * local SMTP server and the fake Twilio. The port is chosen first so PUBLIC_URL, which Twilio
 * signs, is known when the app is built.
 */
/** `work: false`: this process only enqueues, another one (a spawned worker) sends. */
export async function startHarness(options: { env?: NodeJS.ProcessEnv; work?: boolean } = {}): Promise<Harness> {
  const smtp = await startSmtpPeer();
  const fake = await startTwilioPeer({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const database = await createTestDatabase();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psq-notif-'));
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    CACHE_POLL_MS: '0',
    DATA_DIR: dataDir,
    SECRET_KEY: 'test-secret-key-0123456789abcdefghijklmnop',
    SMTP_URL: smtp.url,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  const module = createNotificationsModule({
    env: {
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM: '+33700000001',
      TWILIO_BASE_URL: fake.baseUrl,
      NOTIFICATION_RETRY_BASE_MS: '0',
      ...options.env,
    },
  });
  const logger = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;
  const jobs = await startJobRunner({
    database,
    logger,
    work: options.work ?? true,
    jobs: module.jobs?.({ config, database }) ?? [],
  });
  const app = await buildApp({ config, database, jobs, modules: [territoryModule, identityModule, module] });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    app,
    database,
    config,
    jobs,
    smtp,
    fake,
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
      await fake.close();
      await smtp.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One harness per test file: started before its tests, closed after them; `set` receives it. */
export function useHarness(set: (harness: Harness) => void, options: Parameters<typeof startHarness>[0] = {}): void {
  let harness: Harness | undefined;
  beforeAll(async () => {
    harness = await startHarness(options);
    set(harness);
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });
}

/**
 * A test database and a job runner that only enqueues (no worker): the delivery jobs stay in the
 * queue, where the test counts them. Started before the file's tests, closed after them.
 */
export function useEnqueueOnly(set: (database: Database, jobs: JobRunner) => void): void {
  let database: Database | undefined;
  let jobs: JobRunner | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    jobs = await startJobRunner({
      database,
      logger: pino({ level: 'silent' }) as unknown as FastifyBaseLogger,
      work: false,
      jobs: [{ name: DELIVER_JOB, handler: async () => {} }],
    });
    set(database, jobs);
  }, 60_000);
  afterAll(async () => {
    await jobs?.stop();
    await database?.close();
  });
}
