import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { seedDemoTerritory } from '../territory/index.ts';
import { DEMO_ACCOUNTS, demoPassword, seedDemoAccounts } from './demo-accounts.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTerritory(t.database);
}, 60_000);
afterAll(async () => t?.close());

describe('demo accounts', () => {
  it('are never created in production', async () => {
    await seedDemoAccounts(t.database, true);
    expect(await t.database.query('select id from users where demo')).toEqual([]);
  });

  it('exist one per role in demo mode, are listed with their password, and skip the second factor', async () => {
    await seedDemoAccounts(t.database, false);
    const listed = (await t.app.inject({ method: 'GET', url: '/api/auth/demo-accounts' })).json().items;
    expect(listed.map((a: { role: string }) => a.role).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.role).sort());
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'admin@demo.psq.fr', password: demoPassword('admin') },
    });
    expect(signIn.json()).toMatchObject({
      mfa: 'done',
      demo: true,
      user: { roles: [{ role: 'admin', scopeType: 'department' }] },
    });
  });
});

describe('production mode', () => {
  it('lists no demo account and asks every account for the second factor', async () => {
    const prod = await createTestApp({ env: { NODE_ENV: 'production' } });
    try {
      await seedDemoTerritory(prod.database);
      await seedDemoAccounts(prod.database, false); // as if a demo database were reused in production
      expect((await prod.app.inject({ method: 'GET', url: '/api/auth/demo-accounts' })).json()).toEqual({ items: [] });
      const signIn = await prod.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { email: 'admin@demo.psq.fr', password: demoPassword('admin') },
      });
      expect(signIn.json()).toMatchObject({ mfa: 'enrol', demo: false });
    } finally {
      await prod.close();
    }
  }, 60_000);
});
