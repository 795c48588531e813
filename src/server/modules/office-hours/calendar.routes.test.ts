import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { escapeText, foldLine } from './ical.ts';
import { readFeed } from './ical.test-helpers.ts';
import { addSchedule, addVenue, makeDelegateTerritory } from './office-hours.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('iCalendar feeds', () => {
  it(
    'per venue: RRULE across the DST change, RDATE, a cancelled and a moved ' + 'occurrence, read back by ical.js',
    async () => {
      const c = await makeDelegateTerritory(t);
      const venue = await addVenue(t, c, {
        name: 'Maison de services au public, Planoise; 7/9 rue Picasso',
        accessibilityNotes: 'Ascenseur\nBoucle magnétique',
      });
      const weekly = await addSchedule(t, c, {
        venueId: venue.id,
        title: 'Permanence des délégués',
        rrule: 'FREQ=WEEKLY;BYDAY=WE',
        startDate: '2019-03-18',
        endDate: '2019-04-14',
      });
      const monthly = await addSchedule(t, c, {
        venueId: venue.id,
        title: 'Permanence du commissaire',
        rrule: 'FREQ=MONTHLY;BYDAY=1TH',
        startDate: '2019-03-01',
        endDate: '2019-04-30',
        startTime: '09:30',
        endTime: '11:30',
        rdates: ['2019-04-18'],
      });
      const exception = (scheduleId: string, payload: object) =>
        t.app.inject({
          method: 'POST',
          url: `/api/office-hours/schedules/${scheduleId}/exceptions`,
          headers: c.delegate.headers,
          payload,
        });
      expect(
        (
          await exception(weekly.id, {
            kind: 'cancelled',
            originalDate: '2019-03-27',
            reason: 'Grève, permanence annulée',
          })
        ).statusCode,
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
      expect(
        (await exception(monthly.id, { kind: 'added', date: '2019-05-02', startTime: '09:30', endTime: '11:30' }))
          .statusCode,
      ).toBe(201);

      const response = await t.app.inject({ method: 'GET', url: `/calendar/venues/${venue.id}.ics` });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const text = response.body;
      // CRLF everywhere, no line over 75 octets, the time zone defined, the rule kept as a rule.
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(text).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Paris');
      expect(text).toContain('RRULE:FREQ=WEEKLY;BYDAY=WE;UNTIL=20190410T120000Z');
      expect(text).toContain('RDATE;TZID=Europe/Paris:20190418T093000');
      expect(text).toContain('RECURRENCE-ID;TZID=Europe/Paris:20190327T140000');
      expect(text).toContain('LOCATION:Maison de services au public\\, Planoise\\; 7/9 rue Picasso\\, 1 ');

      const occurrences = readFeed(text);
      const weeklyOccurrences = occurrences.filter((o) => o.uid === `office-hour-${weekly.id}@psq`);
      expect(weeklyOccurrences.map((o) => [o.start, o.status])).toEqual([
        ['2019-03-20T13:00:00.000Z', 'CONFIRMED'],
        ['2019-03-27T13:00:00.000Z', 'CANCELLED'],
        // Summer time from 31 March: 14:00 in Paris is 12:00 UTC.
        ['2019-04-03T12:00:00.000Z', 'CONFIRMED'],
        ['2019-04-11T13:00:00.000Z', 'CONFIRMED'],
      ]);
      expect(weeklyOccurrences[1].description).toBe('Grève, permanence annulée');
      expect(weeklyOccurrences[0].description).toBe('Accessibilité : Ascenseur\nBoucle magnétique');
      const commissioner = occurrences.filter((o) => o.summary === 'Permanence du commissaire').map((o) => o.start);
      expect(commissioner).toEqual([
        '2019-03-07T08:30:00.000Z',
        '2019-04-04T07:30:00.000Z',
        '2019-04-18T07:30:00.000Z',
        '2019-05-02T07:30:00.000Z',
      ]);

      // Stable: the same feed twice, byte for byte.
      const again = await t.app.inject({ method: 'GET', url: `/calendar/venues/${venue.id}.ics` });
      expect(again.body).toBe(text);
      const unchanged = await t.app.inject({
        method: 'GET',
        url: `/calendar/venues/${venue.id}.ics`,
        headers: { 'if-none-match': String(again.headers.etag) },
      });
      expect(unchanged.statusCode).toBe(304);
      expect(unchanged.body).toBe('');
    },
  );

  it('per commune and per delegate; unknown ones answer 404', async () => {
    const c = await makeDelegateTerritory(t);
    const venue = await addVenue(t, c, { name: 'Hôtel de Ville' });
    const schedule = await addSchedule(t, c, {
      venueId: venue.id,
      rdates: ['2019-03-14', '2019-03-28', '2019-04-11', '2019-04-26'],
    });
    for (const url of [
      `/calendar/communes/${c.municipality.inseeCode}.ics`,
      `/calendar/delegates/${c.delegate.user.id}.ics`,
    ]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      const starts = readFeed(response.body)
        .filter((o) => o.uid === `office-hour-${schedule.id}@psq`)
        .map((o) => o.start.slice(0, 10));
      expect(starts, url).toEqual(['2019-03-14', '2019-03-28', '2019-04-11', '2019-04-26']);
    }
    expect((await t.app.inject({ method: 'GET', url: '/calendar/communes/99999.ics' })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `/calendar/delegates/${crypto.randomUUID()}.ics` })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/calendar/venues/${crypto.randomUUID()}.ics` })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: 'GET', url: '/calendar/venues/pas-un-id.ics' })).statusCode).toBe(400);
  });

  it('escapes text and folds long lines on octets without splitting a character', () => {
    expect(escapeText('a\\b;c,d\r\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const folded = foldLine(`SUMMARY:${'é'.repeat(100)}`);
    const lines = folded.split('\r\n');
    expect(lines.every((line) => Buffer.byteLength(line, 'utf8') <= 75)).toBe(true);
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(lines.map((line, i) => (i ? line.slice(1) : line)).join('')).toBe(`SUMMARY:${'é'.repeat(100)}`);
  });
});
