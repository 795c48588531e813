import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contract } from '../../../shared/contract.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { listDeclaredRoutes } from '../access/access.ts';

/**
 * Every route the server registers comes from an endpoint contract of `src/shared/**\/*.contracts.ts`,
 * and every contract has its route: the web's typed client and the OpenAPI document cannot drift
 * from the server.
 */
const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');

function contractFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return contractFiles(full);
    return entry.name.endsWith('.contracts.ts') ? [full] : [];
  });
}

async function allContracts(): Promise<Map<Contract, string>> {
  const found = new Map<Contract, string>();
  for (const file of contractFiles(SHARED)) {
    const exports = (await import(file)) as Record<string, Record<string, Contract>>;
    for (const [group, contracts] of Object.entries(exports)) {
      for (const [name, contract] of Object.entries(contracts))
        found.set(contract, `${path.relative(SHARED, file)}: ${group}.${name}`);
    }
  }
  return found;
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('endpoint contracts', () => {
  it('every registered route has a contract, and every contract a route', async () => {
    const contracts = await allContracts();
    const routes = listDeclaredRoutes(t.app);
    const withoutContract = routes.filter((route) => !route.contract).map((route) => `${route.method} ${route.url}`);
    const unknownContract = routes
      .filter((route) => route.contract && !contracts.has(route.contract))
      .map((route) => `${route.method} ${route.url}`);
    const registered = new Set(routes.map((route) => route.contract));
    // ProConnect's routes exist only when it is configured: checked by its own test.
    const withoutRoute = [...contracts]
      .filter(([contract]) => !registered.has(contract) && !contract.path.includes('/proconnect/'))
      .map(([, name]) => name);
    expect({ withoutContract, unknownContract, withoutRoute }).toEqual({
      withoutContract: [],
      unknownContract: [],
      withoutRoute: [],
    });
  });

  it('each contract names its route exactly (method and path) and says in French what it does', async () => {
    const bad: string[] = [];
    for (const [contract, name] of await allContracts()) {
      if (
        !contract.path.startsWith('/api/') &&
        !contract.path.startsWith('/open311/') &&
        !contract.path.startsWith('/calendar/')
      )
        bad.push(`${name}: path ${contract.path}`);
      if (!contract.summary || !/[a-zàâçéèêëîïôûùüÿœ]/i.test(contract.summary)) bad.push(`${name}: summary`);
      if (!contract.tags.length) bad.push(`${name}: tags`);
    }
    expect(bad).toEqual([]);
  });
});
