import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../platform/config.ts';
import type { Database } from '../platform/db/client.ts';
import { createTestDatabase } from './test-database.ts';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
export const adminHeaders = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Everything the app logged, to check that secrets never reach it. */
  logs: string[];
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({ LOG_LEVEL: 'info', CACHE_POLL_MS: '0', ...env });
  const app = await buildApp({ config, database, adminToken: TEST_ADMIN_TOKEN, logStream });
  await app.ready();
  return {
    app,
    database,
    logs,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
