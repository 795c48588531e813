import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { seedDemoAccounts } from '../identity/demo-accounts.ts';
import { seedDemoTerritory } from '../territory/index.ts';
import type { PublicOfficeHours } from '../../../shared/office-hours.schemas.ts';
import { seedDemoOfficeHours } from './office-hours.seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTerritory(t.database);
  await seedDemoAccounts(t.database, false);
}, 60_000);
afterAll(async () => t?.close());

describe('demo office hours', () => {
  it("puts Metz's three venues in their sectors with the 2019 rhythm over the current months, once", async () => {
    const now = new Date('2026-11-26T10:00:00Z');
    await seedDemoOfficeHours(t.database, now);
    await seedDemoOfficeHours(t.database, now);
    const listing: PublicOfficeHours = (
      await t.app.inject({
        method: 'GET',
        url: '/api/public/office-hours?municipality=57463&from=2026-11-01&to=2027-01-31',
      })
    ).json();
    expect(listing.venues.map((v) => [v.venue.name, v.venue.sector?.code])).toEqual([
      ['Hôtel de Ville de Metz', 'METZ-CENTRE-VILLE'],
      ['Mairie de quartier de Bellecroix', 'METZ-BELLECROIX'],
      ['Mairie de quartier de Borny', 'METZ-BORNY'],
    ]);
    const borny = listing.venues.find((v) => v.venue.name.includes('Borny'))!.occurrences;
    expect(borny.map((o) => o.date)).toEqual([
      '2026-11-10',
      '2026-11-24',
      '2026-12-08',
      '2026-12-22',
      '2027-01-12',
      '2027-01-26',
    ]);
    expect(borny.every((o) => o.startTime === '13:15' && o.endTime === '15:15')).toBe(true);
    expect(borny.find((o) => o.status === 'cancelled')?.date).toBe('2026-12-08');
    const [delegate] = await t.database.query<{ id: string }>(
      "select id from users where email = 'delegue.metz@demo.psq.fr'",
    );
    const feed = await t.app.inject({ method: 'GET', url: `/calendar/delegates/${delegate.id}.ics` });
    expect(feed.statusCode).toBe(200);
    expect(feed.body.match(/BEGIN:VEVENT/g)).toHaveLength(4);
  });
});
