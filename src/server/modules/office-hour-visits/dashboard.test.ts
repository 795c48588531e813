import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { addDays, parisDate } from '../office-hours/index.ts';
import { addSchedule, addVenue, makeDelegateTerritory } from '../office-hours/office-hours.test-helpers.ts';
import { lastTwelveMonths } from './dashboard.ts';
import { createOfficeHourVisitsModule, loadVisitsSettings } from './index.ts';
import { visitsRetentionRule } from './visits-retention.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

const today = parisDate(new Date());
const thisMonth = today.slice(0, 7);
const lastMonthDay = addDays(`${thisMonth}-01`, -1);

describe('delegate dashboard', () => {
  it(
    'lists next office hours with bookings, bookings to come, visits awaiting ' + 'follow-up and monthly counts',
    async () => {
      const c = await makeDelegateTerritory(t);
      const venue = await addVenue(t, c, { name: 'Maison de services au public' });
      const dates = [addDays(today, 2), addDays(today, 9), addDays(today, 16)];
      const schedule = await addSchedule(t, c, {
        venueId: venue.id,
        title: 'Permanence de Planoise',
        rdates: dates,
        startDate: dates[0],
        endDate: dates[2],
      });
      for (const [name, minute] of [
        ['Mme Arnaud', 840],
        ['M. Benali', 860],
      ] as const) {
        await t.database.query(
          'insert into office_hour_bookings (schedule_id, date, slot_start_minute, ' +
            'name, email, cancel_code_hash) values ($1, $2, $3, $4, $5, $6)',
          [schedule.id, dates[0], minute, name, 'rdv@example.org', crypto.randomBytes(32).toString('hex')],
        );
      }
      const record = (headers: Record<string, string>, date: string, category: string, wantsAnswer = false) =>
        t.app.inject({
          method: 'POST',
          url: '/api/office-hours/visits',
          headers,
          payload: { venueId: venue.id, date, category, said: 'Une habitante signale la situation.', wantsAnswer },
        });
      const awaiting = (await record(c.delegate.headers, today, 'noise', true)).json();
      await record(c.delegate.headers, today, 'noise');
      await record(c.delegate.headers, lastMonthDay, 'burglary');
      await record(c.delegate.headers, addDays(today, -400), 'burglary');
      const colleague = await c.as('delegate', 'municipality', c.municipality.id);
      await record(colleague.headers, today, 'drug_dealing');

      const response = await t.app.inject({ url: '/api/office-hours/dashboard', headers: c.delegate.headers });
      expect(response.statusCode, response.body).toBe(200);
      const dashboard = response.json();
      expect(dashboard.nextOccurrences).toEqual([
        expect.objectContaining({
          scheduleId: schedule.id,
          date: dates[0],
          startTime: '14:00',
          status: 'scheduled',
          bookings: 2,
          venue: { id: venue.id, name: 'Maison de services au public' },
        }),
        expect.objectContaining({ date: dates[1], bookings: 0 }),
        expect.objectContaining({ date: dates[2], bookings: 0 }),
      ]);
      expect(dashboard.upcomingBookings).toEqual([
        { scheduleId: schedule.id, title: 'Permanence de Planoise', date: dates[0], slot: '14:00', name: 'Mme Arnaud' },
        { scheduleId: schedule.id, title: 'Permanence de Planoise', date: dates[0], slot: '14:20', name: 'M. Benali' },
      ]);
      expect(dashboard.awaitingFollowUp).toEqual([
        expect.objectContaining({ id: awaiting.id, category: 'noise', wantsAnswer: true, requestReference: null }),
      ]);
      expect(dashboard.months).toHaveLength(12);
      expect(dashboard.months.at(-1)).toBe(thisMonth);
      // Only the delegate's own visits, and not the one older than 12 months.
      expect(dashboard.byCategory).toEqual(
        expect.arrayContaining([
          { month: thisMonth, category: 'noise', count: 2 },
          { month: lastMonthDay.slice(0, 7), category: 'burglary', count: 1 },
        ]),
      );
      expect(dashboard.byCategory).toHaveLength(2);
      expect(dashboard.byVenue).toEqual([
        { month: lastMonthDay.slice(0, 7), venue: { id: venue.id, name: 'Maison de services au public' }, count: 1 },
        { month: thisMonth, venue: { id: venue.id, name: 'Maison de services au public' }, count: 2 },
      ]);
      const [audit] = await t.database.query<{ n: number }>(
        'select count(*)::int as n from audit_events where action = ' +
          "'office-hours.visit.read' and reason = 'GET /api/office-hours/dashboard' " +
          'and details::text like $1',
        [`%${awaiting.id}%`],
      );
      expect(audit.n).toBe(1);
      // The residents' names are read as on the bookings route, and audited the same way.
      const namesRead = (actorId: string) =>
        t.database.query<{ record_type: string; record_id: string; details: { date: string; count: number } }>(
          'select record_type, record_id, details from audit_events where action = ' +
            "'office-hours.bookings.read' and actor_id = $1",
          [actorId],
        );
      expect(await namesRead(c.delegate.user.id)).toEqual([
        { record_type: 'office_hour_schedule', record_id: schedule.id, details: { date: dates[0], count: 2 } },
      ]);

      // The sector's referent sees the whole territory: the colleague's visit counts too; but not
      // the residents' names (no office-hours.manage), and no names read is recorded for them.
      const referent = await c.as('police_referent', 'sector', c.sector.id);
      const theirs = (await t.app.inject({ url: '/api/office-hours/dashboard', headers: referent.headers })).json();
      expect(theirs.byCategory).toEqual(
        expect.arrayContaining([{ month: thisMonth, category: 'drug_dealing', count: 1 }]),
      );
      expect(theirs.nextOccurrences).toHaveLength(3);
      expect(theirs.upcomingBookings).toEqual([
        { scheduleId: schedule.id, title: 'Permanence de Planoise', date: dates[0], slot: '14:00', name: null },
        { scheduleId: schedule.id, title: 'Permanence de Planoise', date: dates[0], slot: '14:20', name: null },
      ]);
      expect(JSON.stringify(theirs)).not.toContain('Arnaud');
      expect(await namesRead(referent.user.id)).toEqual([]);
      // An administrator of the département manages the venue: names, audited.
      const admin = await c.as('admin', 'department', c.department.id);
      const adminView = (await t.app.inject({ url: '/api/office-hours/dashboard', headers: admin.headers })).json();
      expect(adminView.upcomingBookings.map((b: { name: string | null }) => b.name)).toEqual([
        'Mme Arnaud',
        'M. Benali',
      ]);
      expect(await namesRead(admin.user.id)).toHaveLength(1);
      const partner = await c.as('partner', 'municipality', c.municipality.id);
      expect((await t.app.inject({ url: '/api/office-hours/dashboard', headers: partner.headers })).statusCode).toBe(
        403,
      );
    },
  );

  it('counts twelve months across a year change', () => {
    expect(lastTwelveMonths('2026-02-14')).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });
});

describe('visit retention', () => {
  it('deletes visits older than VISIT_RETENTION_DAYS in batches and keeps the others', async () => {
    const c = await makeDelegateTerritory(t);
    const insert = (count: number, ageDays: number) =>
      t.database.query(
        'insert into office_hour_visits (visit_date, author_id, category, said, ' +
          'municipality_id, department_id, created_at) select current_date, $1, ' +
          "'noise', 'x', $2, $3, now() - make_interval(days => $4) from " +
          'generate_series(1, $5)',
        [c.delegate.user.id, c.municipality.id, c.department.id, ageDays, count],
      );
    await insert(1001, 400);
    await insert(2, 300);
    const purged = await visitsRetentionRule(() => 365).purge(t.database, new Date());
    expect(purged).toBe(1001);
    const [left] = await t.database.query<{ n: number }>(
      'select count(*)::int as n from office_hour_visits where municipality_id = $1',
      [c.municipality.id],
    );
    expect(left.n).toBe(2);
    expect(await visitsRetentionRule(() => 200).purge(t.database, new Date())).toBeGreaterThanOrEqual(2);
  });

  it('reads the setting (default 365) and registers its rule', () => {
    expect(loadVisitsSettings({}).retentionDays).toBe(365);
    expect(loadVisitsSettings({ VISIT_RETENTION_DAYS: '30' }).retentionDays).toBe(30);
    expect(() => loadVisitsSettings({ VISIT_RETENTION_DAYS: '0' })).toThrow(/VISIT_RETENTION_DAYS/);
    const rules = createOfficeHourVisitsModule({ env: { VISIT_RETENTION_DAYS: '90' } }).retentionRules!(t.config);
    expect(rules.map((r) => [r.name, r.description])).toEqual([
      ['office-hour-visits', 'Visites de permanence conservées 90 jours'],
    ]);
  });
});
