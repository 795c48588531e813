import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { seedDemoTerritory } from '../territory/index.ts';
import { loadRequestsSettings } from './requests-context.ts';
import { seedDemoRequests } from './requests.seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTerritory(t.database);
}, 60_000);
afterAll(async () => t?.close());

describe('demo requests', () => {
  it('puts four requests in Metz sectors, one acknowledged, one confidential, once', async () => {
    await seedDemoRequests(t.database, t.config, loadRequestsSettings({}));
    await seedDemoRequests(t.database, t.config, loadRequestsSettings({}));
    const rows = await t.database.query<{ code: string; status: string; confidential: boolean; reference: string }>(
      'select s.code, r.status, r.confidential, r.reference from requests r join ' +
        'sectors s on s.id = r.sector_id order by r.reference',
    );
    expect(rows.map((r) => r.code)).toEqual(['METZ-BORNY', 'METZ-BELLECROIX', 'METZ-CENTRE-VILLE', 'METZ-BELLECROIX']);
    expect(rows.map((r) => r.status)).toEqual(['acknowledged', 'new', 'new', 'new']);
    expect(rows.filter((r) => r.confidential)).toHaveLength(1);
    expect(rows.every((r) => /^R-\d{4}-\d{6}$/.test(r.reference))).toBe(true);
  });
});
