import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import { testDatabaseKind } from '../../test/test-database.ts';
import { notify } from './notifications.service.ts';
import { notificationDeliveries } from './notifications.tables.ts';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, type Harness } from './notifications.test-helpers.ts';

// Issue 4's crash test: the real worker process is killed (SIGKILL, no clean-up of any kind) in
// the middle of 1,000 SMS, restarted, and every message must end in exactly one final state with
// exactly one send recorded by the fake Twilio. This process only enqueues and receives the
// receipts (the web server's part); the child process sends.
//
// PostgreSQL only: two processes must share the database, and the embedded one (PGlite) lives
// inside a single process.
const postgres = testDatabaseKind() === 'postgres';
const COUNT = 1000;
const KILL_AFTER = 300;

let h: Harness;
let dataDir: string;
beforeAll(async () => {
  if (!postgres) return;
  h = await startHarness({ work: false });
  // Receipts come late (as they do from handsets): rows the dead worker left 'sending' are then
  // settled by asking the fake, not only by a receipt overtaking the recovery.
  h.fake.setReceipts('after-response', { delayMs: 12_000 });
  // Each request takes a little while, so the kill finds sends in flight, not just queued rows.
  h.fake.setLatencyMs(60);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psq-crash-'));
}, 60_000);
afterAll(async () => {
  await h?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

function startWorker(): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/worker.ts'], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: h.database.connectionString,
      PUBLIC_URL: h.config.publicUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED: 'none',
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_FROM: '+33700000001',
      TWILIO_BASE_URL: h.fake.baseUrl,
      TWILIO_TIMEOUT_MS: '4000',
      // Small so the restarted worker recovers in seconds; it must exceed the timeout by 2 s.
      NOTIFICATION_STALE_SENDING_MS: '6000',
      // Slow enough that the kill lands mid-batch, fast enough to finish quickly.
      NOTIFICATION_SMS_PER_SECOND: '250',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

async function countByStatus(): Promise<Record<string, number>> {
  const rows = await h.database.db
    .select({ status: notificationDeliveries.status, n: sql<number>`count(*)::int` })
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.channel, 'sms'))
    .groupBy(notificationDeliveries.status);
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

describe('worker killed mid-batch', () => {
  it.skipIf(!postgres)(
    'ends every one of 1,000 SMS in one final state, sent exactly once',
    async () => {
      const numbers = Array.from(
        { length: COUNT },
        (_, i) => `+3365${String(i).padStart(4, '0')}${crypto.randomInt(100, 999)}`,
      );
      const { deliveryIds } = await h.database.db.transaction((tx) =>
        notify(tx, h.jobs, systemActor('test'), {
          kind: 'alerte',
          subject: 'Alerte',
          body: 'Exercice : évacuation du quartier.',
          recipients: numbers.map((phone) => ({ phone })),
          channels: ['sms'],
        }),
      );
      expect(deliveryIds).toHaveLength(COUNT);

      const first = startWorker();
      try {
        await vi.waitFor(() => expect(h.fake.messages.length).toBeGreaterThanOrEqual(KILL_AFTER), {
          timeout: 40_000,
          interval: 100,
        });
      } catch (error) {
        first.child.kill('SIGKILL');
        throw new Error(`le worker n'a pas envoyé ${KILL_AFTER} SMS : ${first.output()}`, { cause: error });
      }
      const exited = new Promise((resolve) => first.child.once('exit', resolve));
      first.child.kill('SIGKILL');
      await exited;
      const atKill = { recorded: h.fake.messages.length, ...(await countByStatus()) };
      const inFlight = await h.database.db
        .select()
        .from(notificationDeliveries)
        .where(eq(notificationDeliveries.status, 'sending'));
      // The kill must land mid-batch, or the test proves nothing.
      expect(atKill.recorded).toBeLessThan(COUNT);

      const second = startWorker();
      let final: Record<string, number>;
      try {
        final = await vi.waitFor(
          async () => {
            const counts = await countByStatus();
            expect((counts.queued ?? 0) + (counts.sending ?? 0)).toBe(0);
            return counts;
          },
          { timeout: 45_000, interval: 100 },
        );
      } finally {
        const stopped = new Promise((resolve) => second.child.once('exit', resolve));
        second.child.kill('SIGTERM');
        await stopped;
      }
      // Requests the dead worker had sent still reach the fake (its latency): count them at the end.
      const reachedProvider = inFlight.filter((row) =>
        h.fake.messages.some((message) => message.to === row.address),
      ).length;
      console.info('crash test', {
        atKill,
        inFlight: inFlight.length,
        inFlightThatReachedProvider: reachedProvider,
        lookups: h.fake.lookups(),
        final,
      });

      // Then every receipt lands, on rows settled by the worker, by a receipt or by a lookup alike.
      const delivered = await vi.waitFor(
        async () => {
          const counts = await countByStatus();
          expect(counts.delivered).toBe(COUNT);
          return counts;
        },
        { timeout: 30_000, interval: 100 },
      );
      expect(delivered).toEqual({ delivered: COUNT });

      // Exactly one send per delivery at the provider, and the delivery carries that send's id.
      const sends = new Map<string, string[]>();
      for (const message of h.fake.messages) sends.set(message.to, [...(sends.get(message.to) ?? []), message.sid]);
      const rows = await h.database.db
        .select()
        .from(notificationDeliveries)
        .where(eq(notificationDeliveries.channel, 'sms'));
      expect(rows).toHaveLength(COUNT);
      const wrong = rows.filter(
        (row) => sends.get(row.address)?.length !== 1 || sends.get(row.address)?.[0] !== row.providerId,
      );
      expect(
        wrong.map((row) => ({
          status: row.status,
          lastError: row.lastError,
          sends: sends.get(row.address)?.length ?? 0,
        })),
      ).toEqual([]);
      expect(h.fake.messages).toHaveLength(COUNT);
    },
    120_000,
  );
});
