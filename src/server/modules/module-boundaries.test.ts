import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Modules use each other only through their `index.ts`. A `*.tables.ts` may import another
 * module's `*.tables.ts` (a foreign key); nothing else may. Test code (tests, factories, test
 * helpers) may also import another module's factories and test helpers to build its fixtures. The spine
 * (`platform/`) never imports a module. Production code never imports `src/server/test/` (the test
 * app, the test database, the peers), and the processes started from `main.ts` and `worker.ts`
 * load none of it. Read from the import graph of the source files.
 */
const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MODULES = path.join(SERVER, 'modules');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

export function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier.startsWith('.')) found.push(path.resolve(path.dirname(file), specifier));
  }
  return found;
}

const moduleOf = (file: string) =>
  file.startsWith(MODULES + path.sep) ? path.relative(MODULES, file).split(path.sep)[0] : undefined;
const isTestCode = (file: string) =>
  /\.(test|test-helpers|factories|fixtures)\.tsx?$/.test(file) || file.includes(`${path.sep}test${path.sep}`);
const isTables = (file: string) => file.endsWith('.tables.ts');
const isTestSupport = (file: string) => /\.(factories|test-helpers)\.ts$/.test(file);

export function boundaryViolations(): string[] {
  const violations: string[] = [];
  for (const file of sourceFiles(SERVER)) {
    const from = moduleOf(file);
    for (const target of importsOf(file)) {
      const to = moduleOf(target);
      const where = `${path.relative(SERVER, file)} → ${path.relative(SERVER, target)}`;
      if (!from) {
        // The spine knows modules only through the plug-in list; test code may use their factories.
        const spine = file.startsWith(path.join(SERVER, 'platform') + path.sep) && !isTestCode(file);
        if (spine && to && !target.endsWith(path.join('modules', 'index.ts'))) violations.push(where);
        continue;
      }
      if (!to || to === from) continue;
      if (target === path.join(MODULES, to, 'index.ts')) continue;
      if (isTables(file) && isTables(target)) continue;
      if (isTestCode(file) && isTestSupport(target)) continue;
      violations.push(where);
    }
  }
  return violations.sort();
}

const TEST_DIR = path.join(SERVER, 'test');
const isUnderTestDir = (file: string) => file.startsWith(TEST_DIR + path.sep);
/** Test code by its name or its place; anything else of `src/server` is production code. */
const isProductionFile = (file: string) =>
  !/\.(test|test-helpers|factories|fixtures)\.tsx?$/.test(file) && !isUnderTestDir(file);

/** Production files of `src/server` that import a file under `src/server/test/`. */
export function testImportsFromProduction(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(SERVER).filter(isProductionFile)) {
    for (const target of importsOf(file)) {
      if (isUnderTestDir(target)) found.push(`${path.relative(SERVER, file)} → ${path.relative(SERVER, target)}`);
    }
  }
  return found.sort();
}

/** The file an import names (written with its extension here; a folder means its index.ts). */
function resolveImport(target: string): string | undefined {
  for (const candidate of [target, `${target}.ts`, `${target}.tsx`, path.join(target, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** The source files a process started from `entries` loads: relative imports, followed transitively. */
export function reachableFrom(entries: string[]): { files: Set<string>; unresolved: string[] } {
  const files = new Set<string>();
  const unresolved: string[] = [];
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    if (!/\.tsx?$/.test(file)) continue;
    for (const target of importsOf(file)) {
      const resolved = resolveImport(target);
      if (resolved) queue.push(resolved);
      else unresolved.push(`${path.relative(SERVER, file)} → ${path.relative(SERVER, target)}`);
    }
  }
  return { files, unresolved };
}

describe('module boundaries', () => {
  it('modules import each other only through index.ts (tables files: tables for foreign keys)', () => {
    expect(boundaryViolations()).toEqual([]);
  });

  it('production code never imports src/server/test/ (test app, test database, peers)', () => {
    expect(testImportsFromProduction()).toEqual([]);
  });

  it('the web and worker processes (main.ts, worker.ts and what they import) load no test code', () => {
    const { files, unresolved } = reachableFrom([path.join(SERVER, 'main.ts'), path.join(SERVER, 'worker.ts')]);
    expect(unresolved).toEqual([]);
    // The walk went past the entry points: the app, the plug-in list, the shared schemas.
    expect(files).toContain(path.join(MODULES, 'index.ts'));
    expect(files).toContain(path.join(SERVER, 'app.ts'));
    expect([...files].some((file) => file.startsWith(path.join(SERVER, '..', 'shared') + path.sep))).toBe(true);
    // Nothing under src/server/test/, and no test code by its name either (tests, helpers, factories, fixtures).
    const testCode = [...files].filter((file) => !isProductionFile(file));
    expect(testCode.map((file) => path.relative(SERVER, file))).toEqual([]);
  });
});
