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

/** Routes not yet registered from a contract; this list only shrinks. */
const NOT_YET: string[] = [
  'DELETE /api/alert-contacts/:id',
  'DELETE /api/notifications/push/subscriptions',
  'DELETE /api/office-hours/exceptions/:id',
  'DELETE /api/office-hours/schedules/:id',
  'DELETE /api/office-hours/venues/:id',
  'DELETE /api/requests/answer-templates/:id',
  'DELETE /api/requests/category-targets/:category',
  'DELETE /api/requests/mailboxes/:id',
  'DELETE /api/requests/mailboxes/:id/imap',
  'DELETE /api/territory/departments/:id',
  'DELETE /api/territory/districts/:id',
  'DELETE /api/territory/municipalities/:id',
  'DELETE /api/territory/sectors/:id',
  'GET /api/admin/test-outbox',
  'GET /api/alerts',
  'GET /api/alerts/:id',
  'GET /api/alerts/ack/:code',
  'GET /api/alerts/communes',
  'GET /api/communes/:id/contacts',
  'GET /api/notifications/mine',
  'GET /api/notifications/preferences',
  'GET /api/notifications/push/key',
  'GET /api/office-hours/schedules/:id/bookings',
  'GET /api/office-hours/venues',
  'GET /api/office-hours/venues/:id',
  'GET /api/open311/clients',
  'GET /api/public/addresses',
  'GET /api/public/office-hours',
  'GET /api/public/office-hours/bookings/:code',
  'GET /api/public/office-hours/near',
  'GET /api/public/office-hours/schedules/:id/slots',
  'GET /api/requests',
  'GET /api/requests/:id',
  'GET /api/requests/:id/answer-templates/:templateId/render',
  'GET /api/requests/:id/assignees',
  'GET /api/requests/:id/attachments',
  'GET /api/requests/:id/attachments/:attachmentId',
  'GET /api/requests/:id/duplicates',
  'GET /api/requests/answer-templates',
  'GET /api/requests/category-targets',
  'GET /api/requests/mailboxes',
  'GET /api/requests/stats',
  'GET /api/requests/track/:token',
  'GET /api/territory/departments',
  'GET /api/territory/districts',
  'GET /api/territory/map',
  'GET /api/territory/municipalities',
  'GET /api/territory/resolve',
  'GET /api/territory/sectors',
  'GET /api/territory/sectors/:id',
  'GET /calendar/communes/:insee.ics',
  'GET /calendar/delegates/:id.ics',
  'GET /calendar/departements/:code.ics',
  'GET /calendar/venues/:id.ics',
  'GET /open311/v2/discovery.:format',
  'GET /open311/v2/requests.:format',
  'GET /open311/v2/requests/:id.:format',
  'GET /open311/v2/services.:format',
  'GET /open311/v2/services/:code.:format',
  'GET /open311/v2/tokens/:token.:format',
  'PATCH /api/alert-contacts/:id',
  'PATCH /api/office-hours/schedules/:id',
  'PATCH /api/office-hours/venues/:id',
  'PATCH /api/requests/answer-templates/:id',
  'PATCH /api/territory/departments/:id',
  'PATCH /api/territory/districts/:id',
  'PATCH /api/territory/municipalities/:id',
  'PATCH /api/territory/sectors/:id',
  'POST /api/alerts',
  'POST /api/alerts/:id/acknowledge',
  'POST /api/alerts/:id/close',
  'POST /api/alerts/:id/updates',
  'POST /api/alerts/ack/:code',
  'POST /api/alerts/preview',
  'POST /api/communes/:id/contacts',
  'POST /api/notifications/:id/read',
  'POST /api/notifications/push/subscriptions',
  'POST /api/notifications/sms/receipts',
  'POST /api/notifications/test',
  'POST /api/office-hours/schedules',
  'POST /api/office-hours/schedules/:id/exceptions',
  'POST /api/office-hours/venues',
  'POST /api/open311/clients',
  'POST /api/open311/clients/:id/revoke',
  'POST /api/public/office-hours/bookings',
  'POST /api/public/office-hours/bookings/:code/cancel',
  'POST /api/requests',
  'POST /api/requests/:id/actions',
  'POST /api/requests/:id/answers',
  'POST /api/requests/:id/notes',
  'POST /api/requests/answer-templates',
  'POST /api/requests/mailboxes',
  'POST /api/requests/mailboxes/:id/imap/fetch',
  'POST /api/requests/track/:token/replies',
  'POST /api/requests/uploads',
  'POST /api/territory/departments',
  'POST /api/territory/districts',
  'POST /api/territory/municipalities',
  'POST /api/territory/sectors',
  'POST /api/territory/sectors/import',
  'POST /open311/v2/requests.:format',
  'PUT /api/notifications/preferences',
  'PUT /api/requests/category-targets/:category',
  'PUT /api/requests/mailboxes/:id/imap',
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('endpoint contracts', () => {
  it('every registered route has a contract, and every contract a route', async () => {
    const contracts = await allContracts();
    const routes = listDeclaredRoutes(t.app);
    const withoutContract = routes
      .filter((route) => !route.contract && !NOT_YET.includes(`${route.method} ${route.url}`))
      .map((route) => `${route.method} ${route.url}`);
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
