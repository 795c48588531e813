// `npm run bench:startup`: how long `npm start` takes to serve its first page on an existing
// embedded database (target: < 5 s), next to the first start on an empty one (migrations and
// demo data) as the baseline of the same run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psq-bench-startup-'));
const RUNS = Number(process.env.RUNS ?? 3);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the platform exactly as `npm start` does and times the first HTML page. */
async function timeStart(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    for (;;) {
      if (performance.now() - started > 120_000) throw new Error('no page after 120 s');
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: 'text/html' } });
        if (response.ok && (await response.text()).includes('<html')) return (performance.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const first = await timeStart();
const again: number[] = [];
for (let i = 0; i < RUNS; i++) again.push(await timeStart());
fs.rmSync(dataDir, { recursive: true, force: true });
const median = [...again].sort((a, b) => a - b)[Math.floor(again.length / 2)];
console.log(`machine: ${os.cpus().length} cores, node ${process.version}`);
console.log(`first start, empty database (baseline): ${first.toFixed(2)} s to the first page`);
console.log(
  `start on the existing database: ${again.map((s) => s.toFixed(2)).join(' s, ')} s (median ${median.toFixed(2)} s)`,
);
console.log(median < 5 ? 'target met: < 5 s' : 'TARGET MISSED: >= 5 s');
process.exit(median < 5 ? 0 : 1);
