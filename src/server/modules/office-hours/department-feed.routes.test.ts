import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { systemActor } from '../../platform/access/actor.ts';
import { bumpCacheVersion } from '../../platform/cache/versioned-cache.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { updateMunicipality } from '../territory/index.ts';
import { makeMunicipality, makeSector, square } from '../territory/territory.factories.ts';
import { readFeed } from './ical.test-helpers.ts';
import { addSchedule, addVenue, makeDelegateTerritory, type DelegateTerritory } from './office-hours.test-helpers.ts';
import { OFFICE_HOURS_CACHE_KEY } from './public-cache.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

/** A second commune (with its sector) in the same district, and a venue there placed by a département admin. */
async function venueInSecondCommune(c: DelegateTerritory) {
  const municipality = await makeMunicipality(
    t.database,
    c.district.id,
    `${c.department.code}9${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`,
  );
  const lon = c.point.lon + 0.02;
  const lat = c.point.lat;
  await makeSector(t.database, municipality.id, square(lon, lat));
  const admin = await c.as('admin', 'department', c.department.id);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/office-hours/venues',
    headers: admin.headers,
    payload: { name: 'Hôtel de Ville', address: '1 place d’Armes', lon: lon + 0.005, lat: lat + 0.005 },
  });
  expect(response.statusCode, response.body).toBe(201);
  return { venue: response.json() as { id: string }, admin };
}

const uid = (id: string) => `office-hour-${id}@psq`;

describe('département feed', () => {
  it(
    'holds every venue of the département (not others), rules, overrides and ' + 'explicit dates, read back by ical.js',
    async () => {
      const c = await makeDelegateTerritory(t);
      const elsewhere = await makeDelegateTerritory(t);
      const planoise = await addVenue(t, c, { name: 'Maison de services au public' });
      const weekly = await addSchedule(t, c, {
        venueId: planoise.id,
        title: 'Permanence des délégués',
        rrule: 'FREQ=WEEKLY;BYDAY=WE',
        startDate: '2019-03-18',
        endDate: '2019-04-14',
      });
      const exception = (scheduleId: string, payload: object) =>
        t.app.inject({
          method: 'POST',
          url: `/api/office-hours/schedules/${scheduleId}/exceptions`,
          headers: c.delegate.headers,
          payload,
        });
      expect(
        (await exception(weekly.id, { kind: 'cancelled', originalDate: '2019-03-27', reason: 'Grève' })).statusCode,
      ).toBe(201);
      expect(
        (
          await exception(weekly.id, {
            kind: 'moved',
            originalDate: '2019-04-10',
            date: '2019-04-11',
            startTime: '15:00',
            endTime: '18:00',
          })
        ).statusCode,
      ).toBe(201);
      const { venue: townHall, admin } = await venueInSecondCommune(c);
      const explicit = await t.app.inject({
        method: 'POST',
        url: '/api/office-hours/schedules',
        headers: admin.headers,
        payload: {
          venueId: townHall.id,
          delegateUserId: c.delegate.user.id,
          title: 'Permanence Hôtel de Ville',
          startTime: '14:00',
          endTime: '16:00',
          rdates: ['2019-03-14', '2019-03-28'],
          startDate: '2019-03-01',
          endDate: '2019-04-30',
        },
      });
      expect(explicit.statusCode, explicit.body).toBe(201);
      const other = await addSchedule(t, elsewhere, {
        venueId: (await addVenue(t, elsewhere)).id,
        rrule: 'FREQ=WEEKLY;BYDAY=MO',
      });

      const response = await t.app.inject({ method: 'GET', url: `/calendar/departements/${c.department.code}.ics` });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      expect(response.body).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris');
      expect(response.body).toContain(`X-WR-CALNAME:Permanences — département ${c.department.code}`);
      for (const line of response.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      const occurrences = readFeed(response.body);
      expect(new Set(occurrences.map((o) => o.uid))).toEqual(new Set([uid(weekly.id), uid(explicit.json().id)]));
      expect(occurrences.some((o) => o.uid === uid(other.id))).toBe(false);
      expect(occurrences.filter((o) => o.uid === uid(weekly.id)).map((o) => [o.start, o.status])).toEqual([
        ['2019-03-20T13:00:00.000Z', 'CONFIRMED'],
        ['2019-03-27T13:00:00.000Z', 'CANCELLED'],
        ['2019-04-03T12:00:00.000Z', 'CONFIRMED'],
        ['2019-04-11T13:00:00.000Z', 'CONFIRMED'],
      ]);
      expect(occurrences.filter((o) => o.uid === uid(explicit.json().id)).map((o) => o.start)).toEqual([
        '2019-03-14T13:00:00.000Z',
        '2019-03-28T13:00:00.000Z',
      ]);

      const again = await t.app.inject({ method: 'GET', url: `/calendar/departements/${c.department.code}.ics` });
      expect(again.body).toBe(response.body);
      expect(again.headers.etag).toBe(response.headers.etag);
      const unchanged = await t.app.inject({
        method: 'GET',
        url: `/calendar/departements/${c.department.code}.ics`,
        headers: { 'if-none-match': String(response.headers.etag) },
      });
      expect(unchanged.statusCode).toBe(304);
      expect((await t.app.inject({ method: 'GET', url: '/calendar/departements/2A.ics' })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/calendar/departements/XX.ics' })).statusCode).toBe(400);
    },
  );

  it(
    'changes, with a new ETag, as soon as a schedule, an occurrence or a venue ' + 'changes (also the listing)',
    async () => {
      const c = await makeDelegateTerritory(t);
      const venue = await addVenue(t, c, { name: 'Mairie de quartier de Borny' });
      const schedule = await addSchedule(t, c, {
        venueId: venue.id,
        title: 'Permanence de Borny',
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
        startDate: '2019-03-01',
        endDate: '2019-04-30',
      });
      const feedUrl = `/calendar/departements/${c.department.code}.ics`;
      const listUrl = `/api/public/office-hours?department=${c.department.code}&from=2019-03-01&to=2019-04-30`;
      const feed = async () => t.app.inject({ method: 'GET', url: feedUrl });
      const listing = async () =>
        (await t.app.inject({ method: 'GET', url: listUrl })).json() as {
          venues: Array<{ venue: { name: string }; occurrences: Array<{ title: string; status: string }> }>;
        };
      const first = await feed();
      expect(first.body).toContain('SUMMARY:Permanence de Borny');
      expect((await listing()).venues[0].occurrences[0].title).toBe('Permanence de Borny');

      const renamed = await t.app.inject({
        method: 'PATCH',
        url: `/api/office-hours/schedules/${schedule.id}`,
        headers: c.delegate.headers,
        payload: { title: 'Permanence du commissaire' },
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      const second = await feed();
      expect(second.body).toContain('SUMMARY:Permanence du commissaire');
      expect(second.headers.etag).not.toBe(first.headers.etag);
      expect(
        (await t.app.inject({ method: 'GET', url: feedUrl, headers: { 'if-none-match': String(first.headers.etag) } }))
          .statusCode,
      ).toBe(200);
      expect((await listing()).venues[0].occurrences[0].title).toBe('Permanence du commissaire');

      const cancelled = await t.app.inject({
        method: 'POST',
        url: `/api/office-hours/schedules/${schedule.id}/exceptions`,
        headers: c.delegate.headers,
        payload: { kind: 'cancelled', originalDate: '2019-03-05', reason: 'Congés' },
      });
      expect(cancelled.statusCode).toBe(201);
      const third = await feed();
      expect(third.body).toContain('STATUS:CANCELLED');
      expect(third.headers.etag).not.toBe(second.headers.etag);
      expect((await listing()).venues[0].occurrences[0].status).toBe('cancelled');
      expect(
        (
          await t.app.inject({
            method: 'DELETE',
            url: `/api/office-hours/exceptions/${cancelled.json().id}`,
            headers: c.delegate.headers,
          })
        ).statusCode,
      ).toBe(204);
      expect((await feed()).body).not.toContain('STATUS:CANCELLED');

      expect(
        (
          await t.app.inject({
            method: 'PATCH',
            url: `/api/office-hours/venues/${venue.id}`,
            headers: c.delegate.headers,
            payload: { name: 'Centre social de Borny' },
          })
        ).statusCode,
      ).toBe(200);
      expect((await feed()).body).toContain('LOCATION:Centre social de Borny');
      expect((await listing()).venues[0].venue.name).toBe('Centre social de Borny');
      expect(
        (
          await t.app.inject({
            method: 'DELETE',
            url: `/api/office-hours/schedules/${schedule.id}`,
            headers: c.delegate.headers,
          })
        ).statusCode,
      ).toBe(204);
      expect((await feed()).body).not.toContain('BEGIN:VEVENT');
      expect((await listing()).venues).toEqual([]);
    },
  );

  it(
    'serves the listing from memory as JSON with an ETag, reloads after a ' +
      'territory change or another process’s write',
    async () => {
      const c = await makeDelegateTerritory(t);
      const venue = await addVenue(t, c, { name: 'Mairie de quartier de Bellecroix' });
      const schedule = await addSchedule(t, c, {
        venueId: venue.id,
        title: 'Permanence de Bellecroix',
        rdates: ['2019-03-04', '2019-03-18'],
      });
      const listUrl = `/api/public/office-hours?department=${c.department.code}&from=2019-03-01&to=2019-04-30`;
      const first = await t.app.inject({ method: 'GET', url: listUrl });
      expect(first.statusCode).toBe(200);
      expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(first.headers['cache-control']).toBe('no-cache');
      expect(first.json().venues[0].occurrences.map((o: { date: string }) => o.date)).toEqual([
        '2019-03-04',
        '2019-03-18',
      ]);
      expect(
        (await t.app.inject({ method: 'GET', url: listUrl, headers: { 'if-none-match': String(first.headers.etag) } }))
          .statusCode,
      ).toBe(304);

      // The commune's name comes from the territory: its change reloads the listing.
      await updateMunicipality(t.database.db, systemActor('test'), c.municipality.id, {
        districtId: c.district.id,
        name: 'Metz-Bellecroix',
      });
      expect((await t.app.inject({ method: 'GET', url: listUrl })).json().venues[0].venue.municipality.name).toBe(
        'Metz-Bellecroix',
      );

      // Another process's write reaches this one through the version's NOTIFY (no local signal here).
      await t.database.db.transaction(async (tx) => {
        await tx.execute(
          sql`update office_hour_schedules set title = 'Permanence renommée ailleurs', updated_at = now() where id = ${schedule.id}`,
        );
        await bumpCacheVersion(tx, OFFICE_HOURS_CACHE_KEY);
      });
      const feedUrl = `/calendar/venues/${venue.id}.ics`;
      const body = await vi.waitFor(
        async () => {
          const feed = (await t.app.inject({ method: 'GET', url: feedUrl })).body;
          expect(feed).toContain('Permanence renommée ailleurs');
          return feed;
        },
        { timeout: 2_500, interval: 50 },
      );
      expect(body).toContain('SUMMARY:Permanence renommée ailleurs');
      expect((await t.app.inject({ method: 'GET', url: listUrl })).json().venues[0].occurrences[0].title).toBe(
        'Permanence renommée ailleurs',
      );
    },
  );
});
