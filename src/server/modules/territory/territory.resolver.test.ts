import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bumpCacheVersion } from '../../platform/cache/versioned-cache.ts';
import type { Database } from '../../platform/db/client.ts';
import { createTestDatabase } from '../../test/test-database.ts';
import { makeTerritory } from './territory.factories.ts';
import { closeResolver, resolvePoint } from './territory.resolver.ts';
import { TERRITORY_CACHE_KEY } from './territory.service.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await closeResolver(database);
  await database?.close();
});

describe('resolver cache', () => {
  it('reloads when another process changes the sectors (NOTIFY on commit, no local hint)', async () => {
    const { sector } = await makeTerritory(database, { lon: 6.0, lat: 49.0 });
    const options = { pollMs: 0 };
    expect((await resolvePoint(database, 6.005, 49.005, options))?.sector.id).toBe(sector.id);
    // What another process does: change the table and bump the version, in one transaction.
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`update sectors set name = 'Renommé ailleurs' where id = ${sector.id}`);
      await bumpCacheVersion(tx, TERRITORY_CACHE_KEY);
    });
    const after = await vi.waitFor(
      async () => {
        const resolved = await resolvePoint(database, 6.005, 49.005, options);
        expect(resolved?.sector.name).toBe('Renommé ailleurs');
        return resolved;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(after?.sector.name).toBe('Renommé ailleurs');
  });

  it('falls back to polling the version when a notification is missed', async () => {
    const { sector } = await makeTerritory(database, { lon: 7.0, lat: 48.0 });
    await closeResolver(database);
    const options = { pollMs: 100 };
    expect((await resolvePoint(database, 7.005, 48.005, options))?.sector.id).toBe(sector.id);
    // A version bump without NOTIFY, as if the notification had been lost.
    await database.query("update cache_versions set version = version + 1 where key = 'territory'");
    await database.query('update sectors set name = $1 where id = $2', ['Sondé', sector.id]);
    await database.query("update cache_versions set version = version + 1 where key = 'territory'");
    const after = await vi.waitFor(
      async () => {
        const resolved = await resolvePoint(database, 7.005, 48.005, options);
        expect(resolved?.sector.name).toBe('Sondé');
        return resolved;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(after?.sector.name).toBe('Sondé');
  });
});
