import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { seedDemoTerritory } from '../../territory/index.ts';
import { seedDemoMailboxes } from './mailboxes.seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTerritory(t.database);
}, 60_000);
afterAll(async () => t?.close());

describe('demo mailboxes', () => {
  it('gives three Metz sectors and Moselle a receiving address, once', async () => {
    await seedDemoMailboxes(t.database);
    await seedDemoMailboxes(t.database);
    const rows = await t.database.query<{ address: string; code: string | null }>(
      'select m.address, s.code from sector_mailboxes m left join sectors s on s.id = m.sector_id order by m.address',
    );
    expect(rows).toEqual([
      { address: 'bellecroix@psq.localhost', code: 'METZ-BELLECROIX' },
      { address: 'borny@psq.localhost', code: 'METZ-BORNY' },
      { address: 'metz-centre@psq.localhost', code: 'METZ-CENTRE-VILLE' },
      { address: 'moselle@psq.localhost', code: null },
    ]);
  });
});
