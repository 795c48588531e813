import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Modules use each other only through their `index.ts`. A `*.tables.ts` may import another
 * module's `*.tables.ts` (a foreign key); nothing else may. Test code (tests, factories, test
 * helpers) may also import another module's factories and test helpers to build its fixtures. The spine
 * (`platform/`) never imports a module. Read from the import graph of the source files.
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

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
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

describe('module boundaries', () => {
  it('modules import each other only through index.ts (tables files: tables for foreign keys)', () => {
    expect(boundaryViolations()).toEqual([]);
  });
});
