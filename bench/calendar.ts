/**
 * `npm run bench:calendar`: the public calendar of a département with 500 venues and 2,000
 * schedules over 12 months. Starts the real app (node --import tsx src/server/main.ts) on a
 * database built for the run, then measures with autocannon (a) the public page's data
 * `GET /api/public/office-hours?department=57`, (b) the département feed `.ics`, against (c) the
 * same bytes served from precomputed files by a bare Fastify (a route sending the bytes read
 * once, and @fastify/static) in the same kind of process. PostgreSQL server by default (127.0.0.1:5432 or DATABASE_URL, in a database it
 * creates and drops); BENCH_DB=pglite for the embedded database. CONNECTIONS (10) and DURATION
 * (10 s) per row. Exits 1 when a request fails. Figures: bench/README.md, section "calendar".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openPlatformDatabase } from '../src/server/platform/bootstrap.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { openDatabase } from '../src/server/platform/db/client.ts';
import { createBenchDatabase } from './bench-database.ts';
import { BENCH_DEPARTMENT, buildBenchCalendar } from './calendar-data.ts';

const root = path.resolve(import.meta.dirname, '..');
const KIND = process.env.BENCH_DB === 'pglite' ? 'pglite' : 'postgres';
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 10);
/** Seconds before autocannon gives a request up: long enough to time an uncached build under load. */
const TIMEOUT = 30;
const DURATION = Number(process.env.DURATION ?? 10);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const children: ChildProcess[] = [];

/** A child node process (with the TypeScript loader), ready once `url` answers 200; stopped at the end. */
async function startProcess(args: string[], env: NodeJS.ProcessEnv, url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args[0]} exited (${child.exitCode})`);
    if (Date.now() - started > 120_000) throw new Error(`${args[0]}: no answer after 120 s`);
    try {
      if ((await fetch(url)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** One timed GET: wall time and body. */
async function timedGet(url: string): Promise<{ ms: number; body: string; status: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  return { ms: performance.now() - started, body, status: response.status };
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  bytes: number;
  failures: number;
}

async function measure(name: string, url: string, bytes: number, headers: Record<string, string> = {}): Promise<Row> {
  console.error(`measuring ${name}…`);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, timeout: TIMEOUT });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytes,
    failures: result.errors + result.timeouts + result['4xx'] + result['5xx'],
  };
}

// 1. The database and its département.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psq-bench-calendar-'));
const files = fs.mkdtempSync(path.join(os.tmpdir(), 'psq-bench-calendar-files-'));
const server = KIND === 'postgres' ? await createBenchDatabase('psq_bench_calendar') : undefined;
const appEnv: NodeJS.ProcessEnv = {
  SEED: 'none',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  ...(server ? { DATABASE_URL: server.url } : {}),
};
let built = performance.now();
const database = server
  ? await openDatabase({ databaseUrl: server.url })
  : await openPlatformDatabase(loadConfig({ DATA_DIR: dataDir }));
const calendar = await buildBenchCalendar(database);
await database.close();
built = (performance.now() - built) / 1000;
console.error(`${calendar.schedules} schedules written in ${fmt(built, 1)} s; starting the app…`);

const rows: Row[] = [];
let failed = false;
try {
  // 2. The real app, then one cold and one warm request of each.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let ready = performance.now();
  await startProcess(['src/server/main.ts'], { ...appEnv, PORT: String(port) }, `${base}/health`);
  ready = (performance.now() - ready) / 1000;
  const listingUrl = `${base}/api/public/office-hours?department=${BENCH_DEPARTMENT}`;
  const feedUrl = `${base}/calendar/departements/${BENCH_DEPARTMENT}.ics`;
  console.error(`app ready in ${fmt(ready, 1)} s; first requests…`);
  const coldListing = await timedGet(listingUrl);
  const coldFeed = await timedGet(feedUrl);
  const warmListing = await timedGet(listingUrl);
  const warmFeed = await timedGet(feedUrl);
  for (const r of [coldListing, coldFeed, warmListing, warmFeed])
    if (r.status !== 200) throw new Error(`HTTP ${r.status}: ${r.body.slice(0, 300)}`);
  if (warmFeed.body !== coldFeed.body) throw new Error('the feed changed between two requests');
  const etag = (await fetch(feedUrl, { method: 'HEAD' })).headers.get('etag') ?? '';

  // 3. The baseline serves the very bytes the app produced.
  fs.writeFileSync(path.join(files, 'feed.ics'), warmFeed.body);
  fs.writeFileSync(path.join(files, 'listing.json'), warmListing.body);
  const staticPort = await freePort();
  const staticBase = `http://127.0.0.1:${staticPort}`;
  await startProcess(['bench/static-file-server.ts', files, String(staticPort)], {}, `${staticBase}/memory/feed.ics`);

  const feedBytes = Buffer.byteLength(warmFeed.body);
  const listingBytes = Buffer.byteLength(warmListing.body);
  rows.push(await measure('(a) listing GET /api/public/office-hours?department=57', listingUrl, listingBytes));
  rows.push(await measure('(b) feed GET /calendar/departements/57.ics', feedUrl, feedBytes));
  rows.push(await measure('(b′) feed, If-None-Match → 304', feedUrl, 0, { 'if-none-match': etag }));
  rows.push(
    await measure(
      '(c) baseline: feed.ics, bare route, bytes read once from the file',
      `${staticBase}/memory/feed.ics`,
      feedBytes,
    ),
  );
  rows.push(
    await measure('(c′) baseline: feed.ics from the file (@fastify/static)', `${staticBase}/files/feed.ics`, feedBytes),
  );
  rows.push(
    await measure(
      '(c″) baseline: listing.json, bare route, bytes read once',
      `${staticBase}/memory/listing.json`,
      listingBytes,
    ),
  );
  rows.push(
    await measure(
      '(c‴) baseline: listing.json from the file (@fastify/static)',
      `${staticBase}/files/listing.json`,
      listingBytes,
    ),
  );

  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load average ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')}; database: ${KIND === 'postgres' ? 'PostgreSQL server' : 'PGlite (embedded)'}`,
  );
  console.log(
    `data: ${calendar.venues} venues, ${calendar.schedules} schedules ` +
      `(${calendar.startDate} → ${calendar.endDate}), ${calendar.exceptions} ` +
      `changed occurrences; built in ${fmt(built, 1)} s; app ready in ` +
      `${fmt(ready, 1)} s`,
  );
  console.log(
    `first request after start: listing ${fmt(coldListing.ms)} ms, feed ` +
      `${fmt(coldFeed.ms)} ms; second: listing ${fmt(warmListing.ms)} ms, feed ` +
      `${fmt(warmFeed.ms)} ms`,
  );
  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s per row\n`);
  console.log('| what | req/s | p50 ms | p99 ms | bytes |');
  console.log('|---|---:|---:|---:|---:|');
  for (const row of rows)
    console.log(`| ${row.name} | ${fmt(row.rps, 1)} | ${fmt(row.p50, 1)} | ${fmt(row.p99, 1)} | ${fmt(row.bytes)} |`);
  const bad = rows.filter((row) => row.failures > 0);
  for (const row of bad) console.log(`FAILED: ${row.name}: ${row.failures} errors, timeouts, 4xx or 5xx answers`);
  failed = bad.length > 0;
} catch (error) {
  console.error(error);
  failed = true;
} finally {
  for (const child of children.reverse()) await stopProcess(child);
  await server?.drop();
  for (const dir of [dataDir, files]) fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
