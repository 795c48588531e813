import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { makeSector, square } from '../../territory/territory.factories.ts';
import { makeSectorWithStaff, requestBody, rows, submitOk } from '../requests.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
}, 120_000);
afterAll(async () => t?.close());

const idOf = async (reference: string) =>
  (await rows<{ id: string }>(t, 'select id from requests where reference = $1', [reference]))[0].id;
const act = (headers: Record<string, string>, id: string, body: object) =>
  t.app.inject({ method: 'POST', url: `/api/requests/${id}/actions`, headers, payload: body });

describe('staff inbox and handling', () => {
  it('lists the requests of the referent’s sector with filters, and audits the read of one request', async () => {
    const c = await makeSectorWithStaff(t);
    const other = await makeSectorWithStaff(t);
    const mine = await submitOk(
      t,
      requestBody(c.point, { category: 'noise', contact: { name: 'Paul Voisin', email: 'paul@example.org' } }),
    );
    await submitOk(t, requestBody(c.point, { category: 'burglary' }));
    await submitOk(t, requestBody(other.point));
    const list = await t.app.inject({ method: 'GET', url: '/api/requests', headers: c.referent.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(2);
    const noise = await t.app.inject({
      method: 'GET',
      url: '/api/requests?category=noise&status=new&overdue=false',
      headers: c.referent.headers,
    });
    expect(noise.json().items.map((i: { reference: string }) => i.reference)).toEqual([mine.reference]);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/requests?overdue=true', headers: c.referent.headers })).json()
        .items,
    ).toEqual([]);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/requests?status=lost', headers: c.referent.headers })).statusCode,
    ).toBe(400);

    const id = await idOf(mine.reference);
    const detail = await t.app.inject({ method: 'GET', url: `/api/requests/${id}`, headers: c.referent.headers });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      reference: mine.reference,
      contact: { name: 'Paul Voisin', email: 'paul@example.org' },
      sector: { id: c.sector.id },
      routing: 'sector',
    });
    expect(
      (await rows(t, "select 1 from audit_events where action = 'request.read' and record_id = $1", [id])).length,
    ).toBe(1);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/requests/${id}`, headers: other.referent.headers })).statusCode,
    ).toBe(404);
  });

  it(
    'walks the state machine with timestamps, refuses impossible steps with 409, ' + 'and keeps notes internal',
    async () => {
      const c = await makeSectorWithStaff(t);
      const receipt = await submitOk(
        t,
        requestBody(c.point, { contact: { email: 'suivi@example.org', phone: '06 12 34 56 78' } }),
      );
      const id = await idOf(receipt.reference);
      const h = c.referent.headers;
      expect((await act(h, id, { action: 'close' })).statusCode).toBe(409);
      expect((await act(h, id, { action: 'acknowledge' })).json()).toMatchObject({
        status: 'acknowledged',
        acknowledgedAt: expect.any(String),
      });
      expect((await act(h, id, { action: 'acknowledge' })).statusCode).toBe(409);
      expect((await act(h, id, { action: 'start', note: 'Patrouille prévue vendredi soir.' })).json().status).toBe(
        'in_progress',
      );
      const note = await t.app.inject({
        method: 'POST',
        url: `/api/requests/${id}/notes`,
        headers: h,
        payload: { text: 'Le gardien connaît les auteurs.' },
      });
      expect(note.statusCode).toBe(201);
      expect(
        (await t.app.inject({ method: 'POST', url: `/api/requests/${id}/notes`, headers: h, payload: { text: '  ' } }))
          .statusCode,
      ).toBe(400);

      const answer = await t.app.inject({
        method: 'POST',
        url: `/api/requests/${id}/answers`,
        headers: h,
        payload: { channel: 'sms', text: 'Des patrouilles ont été renforcées le soir près du gymnase.' },
      });
      expect(answer.statusCode, answer.body).toBe(201);
      expect(answer.json()).toMatchObject({ status: 'answered', answeredAt: expect.any(String) });
      const sms = await rows<{ address: string; body: string; kind: string }>(
        t,
        'select d.address, n.body, n.kind from notifications n join ' +
          'notification_deliveries d on d.notification_id = n.id where d.channel = ' +
          "'sms' and n.subject like $1",
        [`%${receipt.reference}%`],
      );
      expect(sms).toEqual([expect.objectContaining({ address: '+33612345678', kind: 'request.answer' })]);
      expect(sms[0].body).toContain(receipt.trackingUrl);

      expect((await act(h, id, { action: 'close' })).json()).toMatchObject({
        status: 'closed',
        closeReason: 'resolved',
      });
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/requests/${id}/answers`,
            headers: h,
            payload: { channel: 'email', text: 'Encore' },
          })
        ).statusCode,
      ).toBe(409);
      expect((await act(h, id, { action: 'reopen' })).json()).toMatchObject({ status: 'in_progress', closedAt: null });

      // The resident sees statuses and the answer, never the notes nor who wrote them.
      const track = await t.app.inject({
        method: 'GET',
        url: `/api/requests/track/${receipt.trackingToken}`,
        remoteAddress: '10.200.0.1',
      });
      const text = track.body;
      expect(track.json().history.map((e: { kind: string }) => e.kind)).toEqual([
        'created',
        'status',
        'status',
        'answer',
        'status',
        'status',
      ]);
      expect(text).toContain('Des patrouilles ont été renforcées');
      expect(text).not.toContain('gardien');
      expect(text).not.toContain('Patrouille prévue');
      expect(text).not.toContain(c.referent.user.email);
    },
  );

  it(
    'rejects with a reason shown to the resident, marks duplicates, redirects to ' +
      'another sector, and refuses bad steps',
    async () => {
      const c = await makeSectorWithStaff(t);
      const h = c.referent.headers;
      const first = await idOf((await submitOk(t, requestBody(c.point))).reference);
      const second = await submitOk(t, requestBody(c.point));
      const dup = await act(h, await idOf(second.reference), { action: 'duplicate', duplicateOfId: first });
      expect(dup.json()).toMatchObject({ status: 'closed', closeReason: 'duplicate', duplicateOfId: first });
      expect((await act(h, first, { action: 'duplicate', duplicateOfId: first })).statusCode).toBe(422);

      const third = await submitOk(
        t,
        requestBody(c.point, { contact: { email: 'x@example.org' }, noAnswerWanted: true }),
      );
      const thirdId = await idOf(third.reference);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/requests/${thirdId}/answers`,
            headers: h,
            payload: { channel: 'email', text: 'Bonjour' },
          })
        ).statusCode,
      ).toBe(409);
      expect((await act(h, thirdId, { action: 'reject', reason: 'Relève du bailleur social' })).json()).toMatchObject({
        closeReason: 'rejected',
        closeNote: 'Relève du bailleur social',
      });
      const track = (
        await t.app.inject({
          method: 'GET',
          url: `/api/requests/track/${third.trackingToken}`,
          remoteAddress: '10.200.0.2',
        })
      ).json();
      expect(track.history.at(-1).text).toContain('Relève du bailleur social');
      expect(track.canReply).toBe(false);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/requests/track/${third.trackingToken}/replies`,
            payload: { text: 'Mais non !' },
            remoteAddress: '10.200.0.3',
          })
        ).statusCode,
      ).toBe(409);

      const elsewhere = await makeSector(t.database, c.municipality.id, square(c.point.lon + 0.5, c.point.lat));
      const redirected = await act(h, first, {
        action: 'redirect',
        sectorId: elsewhere.id,
        note: 'Hors de notre secteur',
      });
      expect(redirected.json()).toMatchObject({ sector: { id: elsewhere.id } });
      // The referent of the first sector no longer sees it.
      expect((await t.app.inject({ method: 'GET', url: `/api/requests/${first}`, headers: h })).statusCode).toBe(404);
      expect((await act(c.referent.headers, thirdId, { action: 'fly' })).statusCode).toBe(400);
    },
  );

  it(
    'shows a confidential request only to its assignee and the administrators, ' +
      'and department-routed ones to the département',
    async () => {
      const c = await makeSectorWithStaff(t);
      const admin = await c.as('admin', 'department', c.department.id);
      const other = await c.as('police_referent', 'sector', c.sector.id);
      const id = await idOf(
        (await submitOk(t, requestBody(c.point, { category: 'drug_dealing', confidential: true }))).reference,
      );
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/requests/${id}`, headers: c.referent.headers })).statusCode,
      ).toBe(404);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/requests', headers: c.referent.headers })).json().items,
      ).toEqual([]);
      expect((await act(admin.headers, id, { action: 'assign', assigneeId: c.referent.user.id })).statusCode).toBe(200);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/requests/${id}`, headers: c.referent.headers })).statusCode,
      ).toBe(200);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/requests/${id}`, headers: other.headers })).statusCode,
      ).toBe(404);

      const outside = await submitOk(t, requestBody({ lon: c.point.lon + 0.03, lat: c.point.lat }));
      const inbox = (
        await t.app.inject({ method: 'GET', url: '/api/requests?routing=department', headers: admin.headers })
      ).json();
      expect(inbox.items.map((i: { reference: string }) => i.reference)).toEqual([outside.reference]);
      expect(
        (
          await t.app.inject({ method: 'GET', url: '/api/requests?routing=department', headers: c.referent.headers })
        ).json().items,
      ).toEqual([]);
    },
  );
});
