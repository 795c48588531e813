import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface WorkerProcess {
  pid: number;
  /** The command line, as run. */
  command: string;
  /** Date.now() at spawn. */
  spawnedAt: number;
  /** Set once the process has exited (a crash during the run fails the bench). */
  exitCode(): number | null | undefined;
  /** Peak resident memory of the worker so far (VmHWM: the kernel's own high-water mark). */
  peakRssBytes(): number;
  /** SIGTERM, waits for the exit, returns the peak resident memory read just before. */
  stop(): Promise<number>;
}

function readStatusKb(pid: number, field: string): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** The `npm run worker` command from package.json, with this Node binary: what a deployment runs. */
function workerCommand(): string[] {
  const scripts = (
    JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  const [node, ...args] = scripts.worker.split(/\s+/);
  if (node !== 'node') throw new Error(`npm run worker ne lance pas node : ${scripts.worker}`);
  // WORKER_NODE_ARGS: extra Node flags for the worker only, e.g. "--cpu-prof" to profile it.
  return [...(process.env.WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean), ...args];
}

/**
 * Starts the real worker as `npm run worker` does, without npm in between, so that the pid is
 * the Node process whose memory is read. Its log (one line per SMS at info) goes to /dev/null.
 */
export function startWorker(env: NodeJS.ProcessEnv): WorkerProcess {
  const args = workerCommand();
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let code: number | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (exitCode) => {
      code = exitCode;
      resolve();
    });
  });
  const pid = child.pid as number;
  const peakRssBytes = () => readStatusKb(pid, 'VmHWM') * 1024;
  return {
    pid,
    command: `node ${args.join(' ')}`,
    spawnedAt,
    exitCode: () => code,
    peakRssBytes,
    async stop() {
      const peak = peakRssBytes();
      child.kill('SIGTERM');
      await exited;
      return peak;
    },
  };
}
