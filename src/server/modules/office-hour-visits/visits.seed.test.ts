import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { seedDemoAccounts } from '../identity/index.ts';
import { seedDemoOfficeHours } from '../office-hours/index.ts';
import { seedDemoTerritory } from '../territory/index.ts';
import { createVisitsContext } from './visits-context.ts';
import { seedDemoVisits } from './visits.seed.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => t?.close());

interface VisitRow {
  venue: string;
  schedule_id: string | null;
  visit_date: string;
  category: string;
  follow_up: string;
  request_id: string | null;
}

describe('demo office-hour visits', () => {
  it(
    "notes the delegate's visits at Metz's held office hours, one awaiting " +
      'follow-up and one converted to a request, once',
    async () => {
      const now = new Date('2026-11-26T10:00:00Z');
      // The seeds before this one, in module order: Moselle's sectors, the demo accounts, Metz's office hours.
      await seedDemoTerritory(t.database);
      await seedDemoAccounts(t.database, false);
      await seedDemoOfficeHours(t.database, now);
      const ctx = createVisitsContext(t.config, t.database, () => undefined, {});
      await seedDemoVisits(ctx, now);
      await seedDemoVisits(ctx, now);
      const [delegate] = await t.database.query<{ id: string }>(
        "select id from users where email = 'delegue.metz@demo.psq.fr'",
      );
      const visits = await t.database.query<VisitRow>(
        'select v.name as venue, o.schedule_id, o.visit_date::text as visit_date, ' +
          'o.category, o.follow_up, o.request_id from office_hour_visits o join ' +
          'office_hour_venues v on v.id = o.venue_id where o.author_id = $1 order by ' +
          'v.name, o.visit_date desc, o.category desc',
        [delegate.id],
      );
      // Two visits at each venue, on the last two held occurrences before today (the schedules start on 1 November).
      expect(visits.map((v) => [v.venue, v.visit_date, v.category])).toEqual([
        ['Hôtel de Ville de Metz', '2026-11-12', 'noise'],
        ['Hôtel de Ville de Metz', '2026-11-12', 'incivilities'],
        ['Mairie de quartier de Bellecroix', '2026-11-16', 'drug_dealing'],
        ['Mairie de quartier de Bellecroix', '2026-11-02', 'neighbour_dispute'],
        ['Mairie de quartier de Borny', '2026-11-24', 'motorbike_rodeo'],
        ['Mairie de quartier de Borny', '2026-11-10', 'burglary'],
      ]);
      expect(visits.every((v) => v.schedule_id !== null)).toBe(true);
      expect(visits.filter((v) => v.follow_up === 'awaiting').map((v) => v.category)).toEqual(['motorbike_rodeo']);

      const converted = visits.filter((v) => v.request_id);
      expect(converted.map((v) => [v.category, v.follow_up])).toEqual([['drug_dealing', 'done']]);
      const [request] = await t.database.query<{
        channel: string;
        anonymity: string;
        confidential: boolean;
        code: string;
        created_by: string;
      }>(
        'select r.channel, r.anonymity, r.confidential, s.code, r.created_by from ' +
          'requests r join sectors s on s.id = r.sector_id where r.id = $1',
        [converted[0].request_id],
      );
      expect(request).toEqual({
        channel: 'office_hour',
        anonymity: 'anonymous',
        confidential: true,
        code: 'METZ-BELLECROIX',
        created_by: delegate.id,
      });

      // Written through the module's functions with the delegate as actor: each creation is audited under the delegate.
      const [audits] = await t.database.query<{ n: number }>(
        "select count(*)::int as n from audit_events where action = 'office-hours.visit.created' and actor_id = $1",
        [delegate.id],
      );
      expect(audits.n).toBe(6);
    },
  );
});
