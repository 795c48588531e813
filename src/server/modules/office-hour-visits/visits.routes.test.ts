import { describe, expect, it } from 'vitest';
import { decodeBody, type SmtpPeer } from '../../test/peers/smtp-peer.ts';
import { useTestAppWithMail, type TestApp } from '../../test/test-app.ts';
import {
  addSchedule,
  addVenue,
  makeDelegateTerritory,
  type DelegateTerritory,
} from '../office-hours/office-hours.test-helpers.ts';
import { makeSector, square } from '../territory/territory.factories.ts';

let t: TestApp;
let smtp: SmtpPeer;
useTestAppWithMail((app, server) => {
  t = app;
  smtp = server;
});

type Headers = Record<string, string>;
const post = (headers: Headers, url: string, payload: object) =>
  t.app.inject({ method: 'POST', url, headers, payload });
const get = (headers: Headers, url: string) => t.app.inject({ url, headers });
const audits = (action: string, like: string) =>
  t.database.query<{ n: number }>(
    'select count(*)::int as n from audit_events where action = $1 and details::text like $2',
    [action, `%${like}%`],
  );

/** A delegate's territory with a venue and a Wednesday schedule of March–April 2019. */
async function withSchedule(): Promise<DelegateTerritory & { venueId: string; scheduleId: string }> {
  const c = await makeDelegateTerritory(t);
  const venue = await addVenue(t, c, { name: 'Mairie de quartier de Borny' });
  const schedule = await addSchedule(t, c, { venueId: venue.id, rrule: 'FREQ=WEEKLY;BYDAY=WE' });
  return { ...c, venueId: venue.id, scheduleId: schedule.id };
}
const visitBody = (c: { scheduleId: string }, overrides: Record<string, unknown> = {}) => ({
  scheduleId: c.scheduleId,
  date: '2019-03-06',
  category: 'motorbike_rodeo',
  placeLabel: 'Parking du gymnase',
  said: 'Des rodéos de motos tous les soirs vers 22 h, les enfants ont peur.',
  wantsAnswer: true,
  contact: { name: 'Mme Lefèvre', email: 'lefevre@example.org', phone: '06 11 22 33 44' },
  ...overrides,
});

describe('office-hour visits', () => {
  it('records, reads (audited), completes and deletes a visit', async () => {
    const c = await withSchedule();
    const h = c.delegate.headers;
    const created = await post(h, '/api/office-hours/visits', visitBody(c));
    expect(created.statusCode, created.body).toBe(201);
    const visit = created.json();
    expect(visit).toMatchObject({
      date: '2019-03-06',
      venue: { id: c.venueId, name: 'Mairie de quartier de Borny' },
      schedule: { id: c.scheduleId },
      author: { id: c.delegate.user.id },
      category: 'motorbike_rodeo',
      followUp: 'awaiting',
      request: null,
      contact: { name: 'Mme Lefèvre', email: 'lefevre@example.org', phone: '+33611223344' },
    });
    const [row] = await t.database.query<{ sector_id: string; municipality_id: string; department_id: string }>(
      'select sector_id, municipality_id, department_id from office_hour_visits where id = $1',
      [visit.id],
    );
    expect(row).toEqual({ sector_id: c.sector.id, municipality_id: c.municipality.id, department_id: c.department.id });

    expect((await get(h, `/api/office-hours/visits/${visit.id}`)).json().said).toContain('rodéos');
    const list = await get(h, '/api/office-hours/visits?followUp=awaiting');
    expect(list.json().items.map((v: { id: string }) => v.id)).toEqual([visit.id]);
    expect((await audits('office-hours.visit.read', visit.id))[0].n).toBe(2);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/office-hours/visits/${visit.id}`,
      headers: h,
      payload: { followUp: 'done', contact: { name: 'Mme Lefèvre' } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      followUp: 'done',
      contact: { name: 'Mme Lefèvre', email: null, phone: null },
    });

    // An ad-hoc visit at the venue on any date; a schedule's date without an office hour is refused.
    expect(
      (
        await post(h, '/api/office-hours/visits', {
          ...visitBody(c),
          scheduleId: undefined,
          venueId: c.venueId,
          date: '2019-03-07',
        })
      ).statusCode,
    ).toBe(201);
    const notHeld = await post(h, '/api/office-hours/visits', visitBody(c, { date: '2019-03-07' }));
    expect(notHeld.statusCode).toBe(422);
    expect(notHeld.json().detail).toContain("Cette permanence n'a pas lieu le jeudi 7 mars 2019 :");

    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/office-hours/visits/${visit.id}`, headers: h })).statusCode,
    ).toBe(204);
    expect((await get(h, `/api/office-hours/visits/${visit.id}`)).statusCode).toBe(404);
  });

  it('is visible only to its author, the sector’s referents and admins; others get 404', async () => {
    const c = await withSchedule();
    const elsewhere = await withSchedule();
    const visit = (await post(c.delegate.headers, '/api/office-hours/visits', visitBody(c))).json();
    const url = `/api/office-hours/visits/${visit.id}`;
    const colleague = await c.as('delegate', 'municipality', c.municipality.id);
    const referent = await c.as('police_referent', 'sector', c.sector.id);
    const admin = await c.as('admin', 'department', c.department.id);
    const otherReferent = await elsewhere.as('police_referent', 'sector', elsewhere.sector.id);
    const partner = await c.as('partner', 'municipality', c.municipality.id);

    expect((await get(colleague.headers, url)).statusCode).toBe(404);
    expect((await get(colleague.headers, '/api/office-hours/visits')).json().items).toEqual([]);
    expect(
      (await t.app.inject({ method: 'PATCH', url, headers: colleague.headers, payload: { followUp: 'done' } }))
        .statusCode,
    ).toBe(404);
    expect((await get(otherReferent.headers, url)).statusCode).toBe(404);
    // The referent of the commune's other sector does not read the visits of this one.
    const neighbour = await makeSector(t.database, c.municipality.id, square(c.point.lon, c.point.lat + 1.5));
    const neighbourReferent = await c.as('police_referent', 'sector', neighbour.id);
    expect((await get(neighbourReferent.headers, url)).statusCode).toBe(404);
    expect((await get(neighbourReferent.headers, '/api/office-hours/visits')).json().items).toEqual([]);
    expect((await get(otherReferent.headers, '/api/office-hours/visits')).json().items).toEqual([]);
    expect((await get(partner.headers, url)).statusCode).toBe(403);
    expect((await get(referent.headers, url)).json()).toMatchObject({
      id: visit.id,
      contact: { email: 'lefevre@example.org' },
    });
    expect(
      (await get(referent.headers, '/api/office-hours/visits')).json().items.map((v: { id: string }) => v.id),
    ).toEqual([visit.id]);
    expect(
      (await t.app.inject({ method: 'PATCH', url, headers: referent.headers, payload: { followUp: 'done' } }))
        .statusCode,
    ).toBe(403);
    expect((await get(admin.headers, url)).statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'PATCH', url, headers: admin.headers, payload: { followUp: 'done' } })).statusCode,
    ).toBe(200);
  });

  it('refuses markup, unknown categories and venues of another territory', async () => {
    const c = await withSchedule();
    const elsewhere = await withSchedule();
    const h = c.delegate.headers;
    const html = await post(
      h,
      '/api/office-hours/visits',
      visitBody(c, { said: 'Il a écrit <script>alert(1)</script>' }),
    );
    expect(html.statusCode).toBe(400);
    expect(html.json().detail).toBeTruthy();
    expect((await post(h, '/api/office-hours/visits', visitBody(c, { placeLabel: '<b>ici</b>' }))).statusCode).toBe(
      400,
    );
    expect((await post(h, '/api/office-hours/visits', visitBody(c, { category: 'road_safety' }))).statusCode).toBe(400);
    expect(
      (await post(h, '/api/office-hours/visits', visitBody(c, { contact: { email: 'pas une adresse' } }))).statusCode,
    ).toBe(400);
    expect((await post(h, '/api/office-hours/visits', { ...visitBody(c), scheduleId: undefined })).statusCode).toBe(
      400,
    );
    expect((await post(h, '/api/office-hours/visits', visitBody(elsewhere))).statusCode).toBe(404);
    expect(
      (
        await post(h, '/api/office-hours/visits', {
          ...visitBody(c),
          scheduleId: undefined,
          venueId: elsewhere.venueId,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.database.query('select 1 from office_hour_visits where venue_id in ($1, $2)', [
          c.venueId,
          elsewhere.venueId,
        ])
      ).length,
    ).toBe(0);
  });

  it(
    'becomes a request for the sector (channel office_hour), linked both ways, ' + 'with an e-mail to the resident',
    async () => {
      const c = await withSchedule();
      const h = c.delegate.headers;
      const visit = (await post(h, '/api/office-hours/visits', visitBody(c))).json();
      const converted = await post(h, `/api/office-hours/visits/${visit.id}/request`, { anonymity: 'police_only' });
      expect(converted.statusCode, converted.body).toBe(201);
      const linked = converted.json().request;
      expect(linked).toMatchObject({
        reference: expect.stringMatching(/^R-\d{4}-\d{6}$/),
        status: 'new',
        acknowledgedAt: null,
      });

      const [request] = await t.database.query<{
        channel: string;
        sector_id: string;
        contact_email: string;
        no_answer_wanted: boolean;
      }>('select channel, sector_id, contact_email, no_answer_wanted from requests where id = $1', [linked.id]);
      expect(request).toEqual({
        channel: 'office_hour',
        sector_id: c.sector.id,
        contact_email: 'lefevre@example.org',
        no_answer_wanted: false,
      });
      const [event] = await t.database.query<{ body: string; details: { visitId: string } }>(
        "select body, details from request_events where request_id = $1 and kind = 'created'",
        [linked.id],
      );
      expect(event.body).toBe('Demande recueillie lors d’une permanence du délégué (visite du mercredi 6 mars 2019).');
      expect(event.details.visitId).toBe(visit.id);

      const mail = (await smtp.waitForMessages(1, 20_000)).find((m) => m.to.includes('lefevre@example.org'))!;
      const text = decodeBody(mail.raw);
      expect(text).toContain(linked.reference);
      expect(text).toMatch(/https:\/\/psq\.example\.fr\/suivi\/[A-Za-z0-9_-]{43}/);

      expect((await post(h, `/api/office-hours/visits/${visit.id}/request`, { anonymity: 'named' })).statusCode).toBe(
        409,
      );
      // The delegate follows where it stands, not the request itself; the referent has it in the inbox.
      expect((await get(h, `/api/requests/${linked.id}`)).statusCode).toBe(403);
      const referent = await c.as('police_referent', 'sector', c.sector.id);
      expect((await get(referent.headers, '/api/requests')).json().items).toEqual([
        expect.objectContaining({ id: linked.id, channel: 'office_hour' }),
      ]);
      await t.app.inject({
        method: 'POST',
        url: `/api/requests/${linked.id}/actions`,
        headers: referent.headers,
        payload: { action: 'acknowledge' },
      });
      expect((await get(h, `/api/office-hours/visits/${visit.id}`)).json().request).toMatchObject({
        status: 'acknowledged',
        acknowledgedAt: expect.any(String),
      });
    },
  );
});
