import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import type { PublicOfficeHours } from '../../../shared/office-hours/office-hours.schemas.ts';
import { addSchedule, addVenue, makeDelegateTerritory } from './office-hours.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

const publicListing = async (query: string): Promise<PublicOfficeHours> => {
  const response = await t.app.inject({ method: 'GET', url: `/api/public/office-hours?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('office hours: venues, schedules, occurrences', () => {
  it(
    'a delegate publishes the Metz schedules of March–April 2019; the public ' +
      'listing shows them by venue, a cancellation marked',
    async () => {
      const c = await makeDelegateTerritory(t);
      const borny = await addVenue(t, c, {
        name: 'Mairie de quartier de Borny',
        accessibilityNotes: 'Rampe côté parking.',
      });
      expect(borny).toMatchObject({ sector: { id: c.sector.id }, municipality: { id: c.municipality.id } });
      const bellecroix = await addVenue(t, c, { name: 'Mairie de quartier de Bellecroix' });
      const bornySchedule = await addSchedule(t, c, {
        venueId: borny.id,
        rrule: 'FREQ=MONTHLY;BYDAY=2TU,4TU',
        startTime: '13:15',
        endTime: '15:15',
      });
      expect(bornySchedule).toMatchObject({
        durationMinutes: 120,
        endDate: '2019-04-30',
        delegateUserId: c.delegate.user.id,
      });
      await addSchedule(t, c, {
        venueId: bellecroix.id,
        rdates: ['2019-03-04', '2019-03-18', '2019-04-08', '2019-04-29'],
        endDate: undefined,
      });

      const cancel = await t.app.inject({
        method: 'POST',
        url: `/api/office-hours/schedules/${bornySchedule.id}/exceptions`,
        headers: c.delegate.headers,
        payload: { kind: 'cancelled', originalDate: '2019-03-26', reason: 'Réunion du GPO' },
      });
      expect(cancel.statusCode, cancel.body).toBe(201);
      const move = await t.app.inject({
        method: 'POST',
        url: `/api/office-hours/schedules/${bornySchedule.id}/exceptions`,
        headers: c.delegate.headers,
        payload: {
          kind: 'moved',
          originalDate: '2019-04-23',
          date: '2019-04-24',
          startTime: '09:00',
          endTime: '11:00',
          reason: 'Lundi de Pâques décalé',
        },
      });
      expect(move.statusCode, move.body).toBe(201);
      const twice = await t.app.inject({
        method: 'POST',
        url: `/api/office-hours/schedules/${bornySchedule.id}/exceptions`,
        headers: c.delegate.headers,
        payload: { kind: 'cancelled', originalDate: '2019-03-26', reason: 'Encore' },
      });
      expect(twice.statusCode).toBe(409);
      const farAway = await t.app.inject({
        method: 'POST',
        url: `/api/office-hours/schedules/${bornySchedule.id}/exceptions`,
        headers: c.delegate.headers,
        payload: { kind: 'added', date: '2091-03-12', startTime: '13:15', endTime: '15:15' },
      });
      expect(farAway.statusCode).toBe(400);
      expect(farAway.json().detail).toContain(
        "Le lundi 12 mars 2091 est à plus d'un an de la période du calendrier (du ",
      );
      const notAnOccurrence = await t.app.inject({
        method: 'POST',
        url: `/api/office-hours/schedules/${bornySchedule.id}/exceptions`,
        headers: c.delegate.headers,
        payload: { kind: 'cancelled', originalDate: '2019-03-27', reason: 'Erreur' },
      });
      expect(notAnOccurrence.statusCode).toBe(400);
      expect(notAnOccurrence.json().detail).toBe(
        "Il n'y a pas de permanence de ce calendrier le mercredi 27 mars 2019.",
      );

      const listing = await publicListing(`municipality=${c.municipality.inseeCode}&from=2019-03-01&to=2019-04-30`);
      const byName = new Map(listing.venues.map((v) => [v.venue.name, v.occurrences]));
      expect(byName.get('Mairie de quartier de Bellecroix')!.map((o) => o.date)).toEqual([
        '2019-03-04',
        '2019-03-18',
        '2019-04-08',
        '2019-04-29',
      ]);
      const bornyOccurrences = byName.get('Mairie de quartier de Borny')!;
      expect(bornyOccurrences.map((o) => [o.date, o.startTime, o.endTime, o.status])).toEqual([
        ['2019-03-12', '13:15', '15:15', 'scheduled'],
        ['2019-03-26', '13:15', '15:15', 'cancelled'],
        ['2019-04-09', '13:15', '15:15', 'scheduled'],
        ['2019-04-24', '09:00', '11:00', 'moved'],
      ]);
      expect(bornyOccurrences[1].reason).toBe('Réunion du GPO');
      expect(bornyOccurrences[3].originalDate).toBe('2019-04-23');
      // Winter time on 12 March, summer time on 9 April: the same 13:15 in Paris.
      expect(bornyOccurrences[0].start).toBe('2019-03-12T12:15:00.000Z');
      expect(bornyOccurrences[2].start).toBe('2019-04-09T11:15:00.000Z');
      const byDepartment = await publicListing(`department=${c.department.code}&from=2019-03-01&to=2019-03-31`);
      expect(byDepartment.venues).toHaveLength(2);

      const detail = await t.app.inject({
        method: 'GET',
        url: `/api/office-hours/venues/${borny.id}`,
        headers: c.delegate.headers,
      });
      expect(detail.json().schedules[0].exceptions.map((e: { kind: string }) => e.kind)).toEqual([
        'cancelled',
        'moved',
      ]);
      const audit = await t.database.query<{ action: string }>(
        'select action from audit_events where record_id = $1 order by occurred_at',
        [bornySchedule.id],
      );
      expect(audit.map((a) => a.action)).toEqual([
        'office-hours.schedule.created',
        'office-hours.occurrence.cancelled',
        'office-hours.occurrence.moved',
      ]);
    },
  );

  it('edits and deletes venues and schedules; removing a change restores the occurrence', async () => {
    const c = await makeDelegateTerritory(t);
    const venue = await addVenue(t, c);
    const schedule = await addSchedule(t, c, { venueId: venue.id, rrule: 'FREQ=WEEKLY;BYDAY=WE' });
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/office-hours/schedules/${schedule.id}`,
      headers: c.delegate.headers,
      payload: { endTime: '16:30', bookingEnabled: true, slotMinutes: 20 },
    });
    expect(patched.json()).toMatchObject({
      endTime: '16:30',
      durationMinutes: 150,
      slotMinutes: 20,
      rrule: 'FREQ=WEEKLY;BYDAY=WE',
    });
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/office-hours/schedules/${schedule.id}/exceptions`,
      headers: c.delegate.headers,
      payload: { kind: 'cancelled', originalDate: '2019-03-13', reason: 'Congés' },
    });
    // Thursdays now: the cancellation of Wednesday 27 March no longer names an occurrence and goes with the edit.
    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/office-hours/schedules/${schedule.id}/exceptions`,
      headers: c.delegate.headers,
      payload: { kind: 'cancelled', originalDate: '2019-03-27', reason: 'Formation' },
    });
    const reruled = await t.app.inject({
      method: 'PATCH',
      url: `/api/office-hours/schedules/${schedule.id}`,
      headers: c.delegate.headers,
      payload: { rrule: 'FREQ=WEEKLY;BYDAY=WE,TH', rdates: [] },
    });
    expect(reruled.statusCode, reruled.body).toBe(200);
    expect(reruled.json().exceptions.map((e: { id: string }) => e.id)).toEqual([cancel.json().id, stale.json().id]);
    const thursdays = await t.app.inject({
      method: 'PATCH',
      url: `/api/office-hours/schedules/${schedule.id}`,
      headers: c.delegate.headers,
      payload: { rrule: 'FREQ=WEEKLY;BYDAY=TH' },
    });
    expect(thursdays.json().exceptions).toEqual([]);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/office-hours/schedules/${schedule.id}`,
      headers: c.delegate.headers,
      payload: { rrule: 'FREQ=WEEKLY;BYDAY=WE' },
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/office-hours/schedules/${schedule.id}/exceptions`,
      headers: c.delegate.headers,
      payload: { kind: 'cancelled', originalDate: '2019-03-13', reason: 'Congés' },
    });
    expect(again.statusCode).toBe(201);
    const restored = await t.app.inject({
      method: 'DELETE',
      url: `/api/office-hours/exceptions/${again.json().id}`,
      headers: c.delegate.headers,
    });
    expect(restored.statusCode).toBe(204);
    const venuePatch = await t.app.inject({
      method: 'PATCH',
      url: `/api/office-hours/venues/${venue.id}`,
      headers: c.delegate.headers,
      payload: { name: 'Maison de services au public' },
    });
    expect(venuePatch.json().name).toBe('Maison de services au public');
    const mine = await t.app.inject({ method: 'GET', url: '/api/office-hours/venues', headers: c.delegate.headers });
    expect(mine.json().items.map((v: { id: string }) => v.id)).toEqual([venue.id]);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/office-hours/schedules/${schedule.id}`,
          headers: c.delegate.headers,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/api/office-hours/venues/${venue.id}`,
          headers: c.delegate.headers,
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await publicListing(`municipality=${c.municipality.inseeCode}&from=2019-03-01&to=2019-04-30`)).venues,
    ).toEqual([]);
  });

  it('bad input: 4xx with a French message and nothing saved', async () => {
    const c = await makeDelegateTerritory(t);
    const venue = await addVenue(t, c);
    const post = (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, headers: c.delegate.headers, payload });
    const outside = await post('/api/office-hours/venues', { name: 'Nulle part', address: 'Océan', lon: -30, lat: 40 });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().detail).toContain("n'est dans aucun secteur");
    expect((await post('/api/office-hours/venues', { name: 'Nom\u0007', address: 'x', ...c.point })).statusCode).toBe(
      400,
    );
    expect(
      (await post('/api/office-hours/venues', { name: 'Nom', address: 'ligne\nligne', ...c.point })).statusCode,
    ).toBe(400);
    const script = await post('/api/office-hours/venues', {
      name: 'Mairie <script>alert(1)</script>',
      address: 'x',
      ...c.point,
    });
    expect(script.statusCode).toBe(400);
    expect(JSON.stringify(script.json())).toContain('sans balise HTML');
    const notes = await post('/api/office-hours/venues', {
      name: 'Mairie',
      address: 'x',
      accessibilityNotes: 'Accès <img src=x onerror=alert(1)>',
      ...c.point,
    });
    expect(notes.statusCode).toBe(400);
    // A lone « < » is ordinary text (« moins de 5 marches »).
    expect(
      (await post('/api/office-hours/venues', { name: 'Salle < 50 places', address: 'x', ...c.point })).statusCode,
    ).toBe(201);
    const schedule = (body: object) =>
      post('/api/office-hours/schedules', {
        venueId: venue.id,
        title: 'P',
        startTime: '14:00',
        endTime: '17:00',
        startDate: '2019-03-01',
        ...body,
      });
    const cases: Array<[object, string]> = [
      [{ rrule: 'FREQ=WEEKLY;BYDAY=WE' }, 'ne se termine jamais'],
      [{ rrule: 'FREQ=DAILY;COUNT=100000' }, 'deux ans'],
      [{ rrule: 'FREQ=WEEKLY;BYDAY=WE', endDate: '2019-02-01' }, 'antérieure'],
      [
        { rrule: 'FREQ=WEEKLY;BYDAY=WE', endDate: '2019-04-01', startTime: '17:00', endTime: '14:00' },
        "L'heure de fin",
      ],
      [
        { rrule: 'FREQ=WEEKLY;BYDAY=WE', endDate: '2019-04-01', endTime: '14:30', slotMinutes: 45 },
        'plus long que la permanence',
      ],
    ];
    for (const [body, message] of cases) {
      const response = await schedule(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().detail, JSON.stringify(body)).toContain(message);
    }
    const nobody = await schedule({ rdates: ['2019-03-02'], delegateUserId: '00000000-0000-4000-8000-000000000000' });
    expect(nobody.statusCode).toBe(422);
    const injected = await schedule({ rrule: 'FREQ=WEEKLY;BYDAY=WE\nDTSTART:20000101T000000', endDate: '2019-04-01' });
    expect(injected.statusCode).toBe(400);
    const rows = await t.database.query<{ n: number }>(
      'select count(*)::int as n from office_hour_schedules where venue_id = $1',
      [venue.id],
    );
    expect(rows[0].n).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/office-hours?municipality=ABCDE' })).statusCode).toBe(
      400,
    );
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/public/office-hours?municipality=00000' })).json().detail,
    ).toContain('code INSEE 00000');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/public/office-hours?municipality=${c.municipality.inseeCode}&department=${c.department.code}`,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/public/office-hours?municipality=${c.municipality.inseeCode}&from=2019-01-01&to=2021-01-01`,
        })
      ).json().detail,
    ).toContain('366 jours');
  });

  it('keeps a delegate inside their territory: another commune answers 404, a police referent 403', async () => {
    const mine = await makeDelegateTerritory(t);
    const other = await makeDelegateTerritory(t);
    const theirs = await addVenue(t, other, { name: 'Lieu secret' });
    const theirSchedule = await addSchedule(t, other, { venueId: theirs.id, rrule: 'FREQ=WEEKLY;BYDAY=WE' });
    for (const request of [
      { method: 'GET' as const, url: `/api/office-hours/venues/${theirs.id}` },
      { method: 'PATCH' as const, url: `/api/office-hours/venues/${theirs.id}`, payload: { name: 'X' } },
      {
        method: 'POST' as const,
        url: '/api/office-hours/venues',
        payload: { name: 'X', address: 'Y', ...other.point },
      },
      {
        method: 'POST' as const,
        url: '/api/office-hours/schedules',
        payload: {
          venueId: theirs.id,
          title: 'P',
          startTime: '14:00',
          endTime: '15:00',
          startDate: '2019-03-01',
          rdates: ['2019-03-02'],
        },
      },
      {
        method: 'POST' as const,
        url: `/api/office-hours/schedules/${theirSchedule.id}/exceptions`,
        payload: { kind: 'cancelled', originalDate: '2019-03-06', reason: 'X' },
      },
    ]) {
      const response = await t.app.inject({ ...request, headers: mine.delegate.headers });
      expect(response.statusCode, request.url).toBe(404);
      expect(response.body).not.toContain('Lieu secret');
    }
    // Moving one's own venue into another commune is refused too.
    const own = await addVenue(t, mine);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/api/office-hours/venues/${own.id}`,
      headers: mine.delegate.headers,
      payload: other.point,
    });
    expect(moved.statusCode).toBe(422);
    const referent = await mine.as('police_referent', 'municipality', mine.municipality.id);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/office-hours/venues', headers: referent.headers })).statusCode,
    ).toBe(403);
  });

  it('finds the next office hour near a point, skipping a cancelled one; a point in no sector is a 404', async () => {
    const c = await makeDelegateTerritory(t);
    const venue = await addVenue(t, c, { name: 'Maison de services au public' });
    const today = new Date().toISOString().slice(0, 10);
    const inTwoMonths = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const schedule = await addSchedule(t, c, {
      venueId: venue.id,
      rrule: 'FREQ=DAILY',
      startDate: today,
      endDate: inTwoMonths,
      startTime: '00:00',
      endTime: '24:00',
    });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await t.app.inject({
      method: 'POST',
      url: `/api/office-hours/schedules/${schedule.id}/exceptions`,
      headers: c.delegate.headers,
      payload: { kind: 'cancelled', originalDate: tomorrow, reason: 'Fermé' },
    });
    const near = await t.app.inject({
      method: 'GET',
      url: `/api/public/office-hours/near?lon=${c.point.lon + 0.001}&lat=${c.point.lat}`,
    });
    expect(near.statusCode, near.body).toBe(200);
    const body = near.json();
    expect(body.sector.id).toBe(c.sector.id);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ venue: { id: venue.id }, sameSector: true, next: { status: 'scheduled' } });
    expect(body.items[0].next.date).not.toBe(tomorrow);
    expect(body.items[0].distanceMeters).toBeGreaterThan(50);
    const nowhere = await t.app.inject({ method: 'GET', url: '/api/public/office-hours/near?lon=-30&lat=40' });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().detail).toContain('aucun secteur');
  });
});
