/**
 * `npm run bench:intake`: sustained submissions/s of the full public intake path (POST
 * /api/requests: throttle, validation, sector resolution, reference, insert, history line, audit,
 * receipt e-mail in the outbox: one statement) on the PostgreSQL server and on embedded PGlite,
 * with autocannon, against a bare Fastify route doing one INSERT into a table of the same shape in
 * the same database, in the same run. Method and figures: bench/README.md. Exits 1 when the
 * PostgreSQL target (≥ 40 % of the bare rate, p99 < 100 ms at 50 connections) is missed, or when
 * a submission is lost or doubled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { createBenchDatabase } from './bench-database.ts';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);
const WARMUP_SECONDS = 3;
/** One submission in EMAIL_EVERY gives an e-mail (its receipt goes to the outbox); 0: none. */
const EMAIL_EVERY = Number(process.env.EMAIL_EVERY ?? 3);
const TARGET_RATIO = 0.4;
const TARGET_P99_MS = 100;
const root = path.resolve(import.meta.dirname, '..');

interface Server {
  child: ChildProcess;
  app: number;
  bare: number;
  sectors: Array<[number, number]>;
  stop(): Promise<void>;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  // CPU_PROF=dir: a V8 profile of the server process (to find where the intake spends its time).
  const profile = process.env.CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(root, 'bench/intake-server.ts')], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      SEED: 'none',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: 'true',
      REQUESTS_PER_IP: '1000000000',
      CACHE_POLL_MS: '5000',
      NODE_ENV: 'production',
      SECRET_KEY: 'banc-intake-0123456789abcdefghijklmnopqrstuv',
      PUBLIC_URL: 'http://127.0.0.1:9',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const ready = await new Promise<{ app: number; bare: number; sectors: Array<[number, number]> }>(
    (resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
      lines.on('line', (line) => {
        if (line.startsWith('READY ')) resolve(JSON.parse(line.slice(6)));
      });
    },
  );
  return {
    child,
    ...ready,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const CATEGORIES = [
  'incivilities',
  'motorbike_rodeo',
  'drug_dealing',
  'burglary',
  'noise',
  'neighbour_dispute',
  'road_safety',
  'other',
];
const TIMES = ['morning', 'afternoon', 'evening', 'night', 'any'];
const ANONYMITY = ['named', 'police_only', 'anonymous'];

/** Varied submissions: a point inside one of the sectors (1 in 10 just outside them), every third with an e-mail (receipt in the outbox). */
function makeBody(sectors: Array<[number, number]>, n: number) {
  const [lon, lat] = sectors[n % sectors.length];
  const outside = n % 10 === 9;
  const point = outside
    ? { lon: lon + 0.015, lat: lat + 0.015 }
    : { lon: lon + 0.001 + Math.random() * 0.008, lat: lat + 0.001 + Math.random() * 0.008 };
  const anonymity = ANONYMITY[n % 3];
  return {
    category: CATEGORIES[n % CATEGORIES.length],
    description:
      `Signalement ${n} : des nuisances répétées près de l’arrêt de bus, surtout ` +
      `en fin de semaine (${crypto.randomBytes(6).toString('hex')}).`,
    timeOfDay: TIMES[n % TIMES.length],
    recurring: n % 2 === 0,
    point,
    anonymity,
    ...(EMAIL_EVERY > 0 && n % EMAIL_EVERY === 0
      ? {
          contact: {
            email: `habitant${n}@example.org`,
            ...(anonymity === 'anonymous' ? {} : { name: `Habitant ${n}` }),
          },
        }
      : {}),
  };
}

interface Run {
  rate: number;
  p50: number;
  p99: number;
  ok: number;
  other: number;
  errors: number;
}

async function load(url: string, sectors: Array<[number, number]>, seconds: number): Promise<Run> {
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          n += 1;
          // Distinct residents: each submission its own key and one of 10,000 source addresses.
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              'idempotency-key': `bench-${crypto.randomUUID()}`,
              'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) % 40}.${n & 255}`,
            },
            body: JSON.stringify(makeBody(sectors, n)),
          };
        },
      },
    ],
  });
  return {
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    other: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function measure(kind: 'postgres' | 'pglite') {
  let drop: (() => Promise<void>) | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psq-bench-intake-'));
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, DATABASE_URL: '' };
  if (kind === 'postgres') {
    const benchDatabase = await createBenchDatabase('psq_bench_intake');
    env.DATABASE_URL = benchDatabase.url;
    drop = benchDatabase.drop;
  }
  const server = await startServer(env);
  try {
    const appUrl = `http://127.0.0.1:${server.app}/api/requests`;
    const bareUrl = `http://127.0.0.1:${server.bare}/bare/requests`;
    await load(bareUrl, server.sectors, WARMUP_SECONDS);
    await load(appUrl, server.sectors, WARMUP_SECONDS);
    // Submissions still in flight when a run stops commit a moment later: let them land before counting.
    const counts = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return (await (await fetch(`http://127.0.0.1:${server.bare}/bare/counts`)).json()) as Record<string, number>;
    };
    const before = await counts();
    const bareRun = await load(bareUrl, server.sectors, SECONDS);
    const appRun = await load(appUrl, server.sectors, SECONDS);
    const after = await counts();
    // Every 2xx of the measured runs is one row and one audit event: none lost, none doubled. Requests
    // still in flight when autocannon stops may commit without being counted: at most one per connection.
    const within = (rows: number, ok: number) => rows >= ok && rows <= ok + CONNECTIONS;
    // Each receipt is one notification and one delivery in the outbox (sent meanwhile only with BENCH_WORKER=1).
    const receipts = after.receipts - before.receipts;
    const exact =
      within(after.requests - before.requests, appRun.ok) &&
      after.requests - before.requests === after.audits - before.audits &&
      within(after.bare - before.bare, bareRun.ok) &&
      receipts === after.outbox - before.outbox;
    return {
      kind,
      bare: bareRun,
      app: appRun,
      ratio: appRun.rate / bareRun.rate,
      receipts,
      sent: after.sent - before.sent,
      exact,
    };
  } finally {
    await server.stop();
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${os.availableParallelism()}, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  `${CONNECTIONS} connections, ${SECONDS} s per run after a ${WARMUP_SECONDS} ` +
    `s warm-up of each ` +
    `route${process.env.BENCH_WORKER === '1' ? '; the server process also works the queues (BENCH_WORKER=1)' : ''}`,
);
const results = [];
for (const kind of (process.env.DATABASES ?? 'postgres,pglite').split(',') as Array<'postgres' | 'pglite'>)
  results.push(await measure(kind));

console.log(
  '\n| database | route | submissions/s | p50 | p99 | 2xx | non-2xx / errors ' +
    '|\n| --- | --- | --- | --- | --- | --- | --- |',
);
for (const r of results) {
  for (const [label, run] of [
    ['bare INSERT', r.bare],
    ['**full intake**', r.app],
  ] as const) {
    console.log(
      `| ${r.kind} | ${label} | ${fmt(run.rate, 1)} | ${run.p50} ms | ${run.p99} ` +
        `ms | ${fmt(run.ok)} | ${run.other} / ${run.errors} |`,
    );
  }
}
console.log(
  '\n| database | intake / bare | receipts in the outbox (sent by the relay ' +
    'meanwhile) | rows = 2xx | target |\n| --- | --- | --- | --- | --- |',
);
let failed = false;
for (const r of results) {
  const met = r.ratio >= TARGET_RATIO && r.app.p99 < TARGET_P99_MS;
  const target =
    r.kind === 'postgres'
      ? `≥ ${TARGET_RATIO * 100} % and p99 < ${TARGET_P99_MS} ms: ${met ? 'met' : 'MISSED'}`
      : '(none)';
  console.log(
    `| ${r.kind} | ${fmt(r.ratio * 100, 1)} % | ${fmt(r.receipts)} ` +
      `(${fmt(r.sent)}) | ${r.exact ? 'yes' : 'NO'} | ${target} |`,
  );
  if (!r.exact || r.app.other > 0 || r.app.errors > 0 || (r.kind === 'postgres' && !met)) failed = true;
}
process.exit(failed ? 1 : 0);
