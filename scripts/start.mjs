// `npm start`: builds the web app and the server bundle when they are missing or older than
// their sources, then runs the server in this same process. Running the esbuild bundle with
// plain node (no TypeScript loader) keeps a restart on an existing database well under 5 s.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const at = (...parts) => path.join(root, ...parts);

function newest(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

function stale(output, sources) {
  return !fs.existsSync(output) || fs.statSync(output).mtimeMs < Math.max(...sources.map(newest));
}

const web = at('dist/web/index.html');
if (stale(web, [at('src/web'), at('src/shared'), at('vite.config.ts'), at('package-lock.json')])) {
  console.log('Construction de l’application web…');
  execFileSync(process.execPath, [at('node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
}

const server = at('dist/server/main.mjs');
if (stale(server, [at('src/server'), at('src/shared'), at('package-lock.json')])) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [at('src/server/main.ts')],
    outfile: server,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(server).href);
