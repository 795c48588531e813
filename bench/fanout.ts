/**
 * One SMS to 50,000 recipients on PostgreSQL: `npm run bench:fanout`. Times notify() (validation,
 * inserts and pg-boss jobs in one transaction) against a plain loop of single-row INSERTs of the
 * same rows, then the real worker process delivering through the local fake Twilio, without a cap
 * and with NOTIFICATION_SMS_PER_SECOND=500, and its peak memory. Method and figures:
 * bench/README.md. Exits 1 when a target is missed or a message is sent twice or not at all.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { systemActor } from '../src/server/platform/access/actor.ts';
import { openDatabase, type Database } from '../src/server/platform/db/client.ts';
import { startJobRunner, type JobRunner } from '../src/server/platform/jobs/job-runner.ts';
import { startTwilioPeer, type TwilioPeer } from '../src/server/test/peers/twilio-peer.ts';
import { normalisePhone } from '../src/server/platform/sms/phone.ts';
import { DELIVER_JOB, notify } from '../src/server/modules/notifications/notifications.service.ts';
import { notificationDeliveries, notifications } from '../src/server/modules/notifications/notifications.tables.ts';
import { createBenchDatabase } from './bench-database.ts';
import { startWorker } from './worker-process.ts';

const RECIPIENTS = Number(process.env.RECIPIENTS ?? 50_000);
const CAP = Number(process.env.CAP ?? 500);
/** The capped rate is measured over this long (20,000 sends at 500/s), not 100 s for all 50,000. */
const CAPPED_SECONDS = Number(process.env.CAPPED_SECONDS ?? 40);
const TARGET_ENQUEUE_S = 5;
const TARGET_CAP_TOLERANCE = 0.1;
const TARGET_RSS_MB = 300;
const STEADY_AFTER_MS = 5000;
/** "No cap": a bucket this large never makes a sender wait. */
const NO_CAP = 1_000_000;
const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'jeton-du-banc-fanout-0123456789';

const actor = systemActor('bench-fanout');
const logger = pino({ level: 'silent' }) as unknown as FastifyBaseLogger;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => bytes / 1024 / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Distinct French mobiles, in national form as a caller would pass them: 061xxxxxxx. */
const phones = (offset: number, n: number) =>
  Array.from({ length: n }, (_, i) => `061${String(offset + i).padStart(7, '0')}`);
const message = {
  kind: 'bench',
  subject: 'Bulletin de prévention',
  body: 'Cambriolages en hausse dans votre secteur : fermez portes et fenêtres, signalez tout fait suspect au 17.',
};

/** The baseline: the rows notify() writes, one INSERT statement each, in one transaction. */
async function plainLoop(database: Database, numbers: string[]): Promise<number> {
  const e164 = numbers.map((phone) => {
    const result = normalisePhone(phone);
    if (!result.ok) throw new Error(result.message);
    return result.e164;
  });
  const started = performance.now();
  const id = await database.db.transaction(async (tx) => {
    const [notification] = await tx
      .insert(notifications)
      .values({ ...message, createdBy: actor.id })
      .returning({ id: notifications.id });
    for (const address of e164) {
      const idempotencyKey = `${notification.id}:sms:${address}`;
      await tx.insert(notificationDeliveries).values({
        notificationId: notification.id,
        channel: 'sms',
        recipientUserId: null,
        address,
        idempotencyKey,
        status: 'queued',
        sentAt: null,
      });
    }
    return notification.id;
  });
  const seconds = (performance.now() - started) / 1000;
  // Rows without jobs: the worker's sweep would take them for orphans and send them.
  await database.db.delete(notifications).where(eq(notifications.id, id));
  return seconds;
}

async function enqueue(database: Database, jobs: JobRunner, numbers: string[]) {
  const started = performance.now();
  const result = await database.db.transaction((tx) =>
    notify(tx, jobs, actor, { ...message, channels: ['sms'], recipients: numbers.map((phone) => ({ phone })) }),
  );
  const seconds = (performance.now() - started) / 1000;
  const [queued] = await database.query<{ jobs: number; ids: number }>(
    'select count(*)::int as jobs, ' +
      "coalesce(sum(jsonb_array_length(data->'deliveryIds')), 0)::int as ids from " +
      "pgboss.job where name = $1 and data->'deliveryIds'->>0 = any($2)",
    [DELIVER_JOB, result.deliveryIds],
  );
  return { seconds, notificationId: result.notificationId, ...queued };
}

/**
 * Starts a worker with this cap and waits until `measured` messages reached the fake Twilio (and,
 * when that is all of them, until every delivery is 'sent'), then stops it (gracefully: the jobs
 * in hand finish) and checks that each send the fake recorded is one 'sent' row, once.
 */
async function deliver(
  database: Database,
  fake: TwilioPeer,
  env: NodeJS.ProcessEnv,
  notificationId: string,
  n: number,
  cap: number,
  measured: number,
) {
  const before = fake.messages.length;
  const worker = startWorker({ ...env, NOTIFICATION_SMS_PER_SECOND: String(cap) });
  const deadline = worker.spawnedAt + 60_000 + (measured / Math.min(cap, 1000)) * 3000;
  const isSent = and(
    eq(notificationDeliveries.notificationId, notificationId),
    eq(notificationDeliveries.status, 'sent'),
  );
  const countSent = async () =>
    (await database.db.select({ sent: count() }).from(notificationDeliveries).where(isSent))[0].sent;
  try {
    for (;;) {
      if (worker.exitCode() !== undefined) throw new Error(`the worker exited (${worker.exitCode()})`);
      if (Date.now() > deadline)
        throw new Error(
          `only ${fake.messages.length - before} of ${measured} messages after ` +
            `${(Date.now() - worker.spawnedAt) / 1000} s`,
        );
      if (fake.messages.length - before >= measured && (measured < n || (await countSent()) === n)) break;
      await sleep(100);
    }
  } catch (error) {
    if (worker.exitCode() === undefined) await worker.stop();
    throw error;
  }
  const peakRss = await worker.stop();
  const sent = fake.messages.slice(before);
  const times = sent.slice(0, measured).map((m) => m.receivedAt.getTime());
  const [first, last] = [times[0], times[times.length - 1]];
  // The bucket starts full (one second's worth), drained at the worker's own speed: the steady
  // rate leaves the first 5 s out.
  const steady = times.filter((t) => t >= first + STEADY_AFTER_MS).length;
  return {
    measured,
    sent: sent.length,
    sentRows: await countSent(),
    distinct: new Set(sent.map((m) => m.to)).size,
    spawnToFirstS: (first - worker.spawnedAt) / 1000,
    spanS: (last - first) / 1000,
    rate: (measured - 1) / ((last - first) / 1000),
    steadyRate: steady / Math.max(0.001, (last - first - STEADY_AFTER_MS) / 1000),
    peakRss,
    command: worker.command,
  };
}

console.log(
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${os.availableParallelism()}, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const benchDatabase = await createBenchDatabase('psq_bench_fanout');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psq-bench-fanout-'));
const database = await openDatabase({ databaseUrl: benchDatabase.url });
const [{ server_version: version }] = await database.query<{ server_version: string }>('show server_version');
console.log(
  `PostgreSQL ${version}, database ` +
    `${new URL(benchDatabase.url).pathname.slice(1)} (dropped at the end); ` +
    `${fmt(RECIPIENTS)} recipients, cap ${CAP}/s`,
);
// This process only enqueues; the worker process runs the jobs.
const jobs = await startJobRunner({
  database,
  logger,
  work: false,
  jobs: [{ name: DELIVER_JOB, handler: async () => {} }],
});
const fake = await startTwilioPeer({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
const workerEnv: NodeJS.ProcessEnv = {
  DATABASE_URL: benchDatabase.url,
  DATA_DIR: dataDir,
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_FROM: '+33700000001',
  TWILIO_BASE_URL: fake.baseUrl,
  // Passed to Twilio as StatusCallback; the fake posts receipts only when asked, which the bench does not.
  PUBLIC_URL: 'http://127.0.0.1:9',
};

let failed = false;
try {
  const loopS = await plainLoop(database, phones(0, RECIPIENTS));
  console.log(`plain loop of single-row INSERTs: ${loopS.toFixed(2)} s`);
  const free = await enqueue(database, jobs, phones(0, RECIPIENTS));
  console.log(`notify(), run 1: ${free.seconds.toFixed(2)} s, ${free.jobs} jobs holding ${fmt(free.ids)} deliveries`);
  const noCap = await deliver(database, fake, workerEnv, free.notificationId, RECIPIENTS, NO_CAP, RECIPIENTS);
  console.log(`delivery without cap: ${fmt(noCap.rate)} messages/s (worker: ${noCap.command})`);
  // Enqueued once the first worker has stopped, so that worker could not take these.
  const capped = await enqueue(database, jobs, phones(RECIPIENTS, RECIPIENTS));
  console.log(
    `notify(), run 2: ${capped.seconds.toFixed(2)} s, ${capped.jobs} jobs holding ${fmt(capped.ids)} deliveries`,
  );
  const withCap = await deliver(
    database,
    fake,
    workerEnv,
    capped.notificationId,
    RECIPIENTS,
    CAP,
    Math.min(RECIPIENTS, CAP * CAPPED_SECONDS),
  );
  console.log(`delivery with cap ${CAP}/s: ${fmt(withCap.rate, 1)} messages/s`);

  const enqueueS = Math.max(free.seconds, capped.seconds);
  const capError = Math.abs(withCap.rate - CAP) / CAP;
  const peakMb = mb(Math.max(noCap.peakRss, withCap.peakRss));
  // Every send the fake saw is one 'sent' row and one number; the uncapped run sent them all.
  const exact =
    [noCap, withCap].every((run) => run.sent === run.sentRows && run.distinct === run.sent) &&
    noCap.sent === RECIPIENTS &&
    free.ids === RECIPIENTS &&
    capped.ids === RECIPIENTS;
  const rows: Array<[string, string, string]> = [
    ['recipients (SMS, distinct numbers)', fmt(RECIPIENTS), ''],
    [
      '**enqueue: notify() + commit** (2 runs)',
      `${free.seconds.toFixed(2)} s / ${capped.seconds.toFixed(2)} s (${fmt(RECIPIENTS / enqueueS)} rows/s)`,
      `< ${TARGET_ENQUEUE_S} s: ${enqueueS < TARGET_ENQUEUE_S ? 'met' : 'MISSED'}`,
    ],
    [
      'baseline: loop of single-row INSERTs + commit',
      `${loopS.toFixed(2)} s (${fmt(RECIPIENTS / loopS)} rows/s)`,
      `notify() ${fmt(loopS / enqueueS, 1)}× faster`,
    ],
    ['pg-boss deliver jobs', `${free.jobs} of ≤ 500 deliveries each`, ''],
    ['**delivery, no cap**', `${fmt(noCap.rate)} messages/s (${noCap.spanS.toFixed(1)} s first → last send)`, ''],
    [
      `**delivery, cap ${CAP}/s**`,
      `${fmt(withCap.rate, 1)} messages/s over the first ${fmt(withCap.measured)} ` +
        `sends (${withCap.spanS.toFixed(1)} s); ${fmt(withCap.steadyRate, 1)}/s ` +
        `after the first 5 s`,
      `±10 %: ${(capError * 100).toFixed(1)} % off, ${capError <= TARGET_CAP_TOLERANCE ? 'met' : 'MISSED'}`,
    ],
    [
      'worker spawn → first send (no cap / cap)',
      `${noCap.spawnToFirstS.toFixed(2)} s / ${withCap.spawnToFirstS.toFixed(2)} s`,
      '',
    ],
    [
      '**worker peak RSS** (VmHWM; no cap / cap)',
      `${fmt(mb(noCap.peakRss), 1)} MB / ${fmt(mb(withCap.peakRss), 1)} MB`,
      `< ${TARGET_RSS_MB} MB: ${peakMb < TARGET_RSS_MB ? 'met' : 'MISSED'}`,
    ],
    [
      'sends recorded by the fake (no cap / cap, stopped after the window)',
      `${fmt(noCap.sent)} / ${fmt(withCap.sent)}: ${fmt(noCap.distinct)} / ` +
        `${fmt(withCap.distinct)} numbers, ${fmt(noCap.sentRows)} / ` +
        `${fmt(withCap.sentRows)} rows 'sent'`,
      exact ? 'one send per row: met' : 'WRONG',
    ],
  ];
  console.log('\n| | measured | target |\n| --- | --- | --- |');
  for (const [label, value, target] of rows) console.log(`| ${label} | ${value} | ${target} |`);
  failed = !exact || enqueueS >= TARGET_ENQUEUE_S || capError > TARGET_CAP_TOLERANCE || peakMb >= TARGET_RSS_MB;
} finally {
  await jobs.stop();
  await database.close();
  await fake.close();
  await benchDatabase.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
