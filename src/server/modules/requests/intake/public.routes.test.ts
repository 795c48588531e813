import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { freshIp, makeSectorWithStaff, requestBody, rows, submit, submitOk } from '../requests.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
}, 120_000);
afterAll(async () => t?.close());

describe('public intake', () => {
  it(
    'records a request in its sector, with a reference, a private link (only its ' +
      'hash stored), the audit event and the confirmation e-mail',
    async () => {
      const c = await makeSectorWithStaff(t);
      const response = await submit(
        t,
        requestBody(c.point, { contact: { name: 'Jeanne Habitante', email: 'Jeanne@Example.org' } }),
      );
      expect(response.statusCode, response.body).toBe(201);
      const receipt = response.json();
      expect(receipt.reference).toMatch(/^R-\d{4}-\d{6}$/);
      expect(receipt).toMatchObject({
        status: 'new',
        routing: 'sector',
        sector: { code: c.sector.code },
        confirmationSent: true,
      });
      expect(receipt.trackingUrl).toBe(`${t.config.publicUrl}/suivi/${receipt.trackingToken}`);
      const [row] = await rows<{
        id: string;
        sector_id: string;
        tracking_token_hash: string;
        contact_email: string;
        outside_sectors: boolean;
      }>(t, 'select * from requests where reference = $1', [receipt.reference]);
      expect(row).toMatchObject({
        sector_id: c.sector.id,
        contact_email: 'jeanne@example.org',
        outside_sectors: false,
      });
      expect(row.tracking_token_hash).toBe(crypto.createHash('sha256').update(receipt.trackingToken).digest('hex'));
      expect(JSON.stringify(await rows(t, 'select * from requests where id = $1', [row.id]))).not.toContain(
        receipt.trackingToken,
      );
      const mail = await rows<{ kind: string; body: string; address: string }>(
        t,
        'select n.kind, n.body, d.address from notifications n join ' +
          'notification_deliveries d on d.notification_id = n.id where n.subject like ' +
          '$1',
        [`%${receipt.reference}%`],
      );
      expect(mail).toEqual([expect.objectContaining({ kind: 'request.receipt', address: 'jeanne@example.org' })]);
      expect(mail[0].body).toContain(receipt.trackingUrl);
      expect(
        (await rows(t, "select 1 from audit_events where action = 'request.created' and record_id = $1", [row.id]))
          .length,
      ).toBe(1);
    },
  );

  it(
    'accepts a point outside every sector: the nearby département’s inbox, or « ' +
      'non routée » far from any, both flagged',
    async () => {
      const c = await makeSectorWithStaff(t);
      const near = await submitOk(t, requestBody({ lon: c.point.lon + 0.03, lat: c.point.lat }));
      expect(near).toMatchObject({ routing: 'department', sector: null, confirmationSent: false });
      const [nearRow] = await rows<{ department_id: string; outside_sectors: boolean; sector_id: null }>(
        t,
        'select * from requests where reference = $1',
        [near.reference],
      );
      expect(nearRow).toMatchObject({ department_id: c.department.id, outside_sectors: true, sector_id: null });
      const far = await submitOk(t, requestBody({ lon: -40, lat: -40 }));
      expect(far.routing).toBe('unrouted');
      const [farRow] = await rows<{ department_id: null; outside_sectors: boolean }>(
        t,
        'select * from requests where reference = $1',
        [far.reference],
      );
      expect(farRow).toMatchObject({ department_id: null, outside_sectors: true });
    },
  );

  it(
    'returns the first result for a retried Idempotency-Key, also under ' +
      'concurrency, and refuses the key with another body',
    async () => {
      const c = await makeSectorWithStaff(t);
      const key = `retry-${crypto.randomUUID()}`;
      const body = requestBody(c.point, { contact: { email: 'retry@example.org' } });
      const first = await submit(t, body, { key });
      expect(first.statusCode).toBe(201);
      const again = await submit(t, body, { key });
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toMatchObject({
        reference: first.json().reference,
        trackingToken: first.json().trackingToken,
      });

      const raceKey = `race-${crypto.randomUUID()}`;
      const race = await Promise.all(Array.from({ length: 5 }, () => submit(t, body, { key: raceKey })));
      expect(race.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(race.map((r) => r.json().reference)).size).toBe(1);
      expect((await rows(t, 'select 1 from requests where idempotency_key = $1', [raceKey])).length).toBe(1);
      expect(
        (
          await rows(t, "select 1 from notifications where kind = 'request.receipt' and subject like $1", [
            `%${race[0].json().reference}%`,
          ])
        ).length,
      ).toBe(1);

      const other = await submit(t, { ...body, description: 'Une tout autre demande, avec la même clé.' }, { key });
      expect(other.statusCode).toBe(422);
      expect((await submit(t, body, { key: 'x' })).statusCode).toBe(400);
    },
  );

  it('refuses bad input with clear French errors, never a 500, and stores nothing', async () => {
    const c = await makeSectorWithStaff(t);
    const before = await rows<{ n: number }>(t, 'select count(*)::int as n from requests');
    const bad = [
      requestBody(c.point, { description: '' }),
      requestBody(c.point, { description: '          court    ' }),
      requestBody(c.point, { description: 'x'.repeat(5001) }),
      requestBody(c.point, { description: 'x'.repeat(1024 * 1024) }),
      requestBody(c.point, { category: 'alien' }),
      requestBody(c.point, { extra: true }),
      requestBody({ lon: 500, lat: 0 }),
      requestBody(c.point, { anonymity: 'anonymous', contact: { name: 'Moi' } }),
      requestBody(c.point, { contact: { email: 'pas-une-adresse' } }),
      requestBody(c.point, { contact: { phone: '12' } }),
      requestBody(c.point, { website: 'http://spam.example' }),
    ];
    for (const body of bad) {
      const response = await submit(t, body);
      expect([400, 413], `${response.statusCode} ${response.body.slice(0, 200)}`).toContain(response.statusCode);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().detail).toMatch(/[a-zé]/);
    }
    expect(await rows<{ n: number }>(t, 'select count(*)::int as n from requests')).toEqual(before);
  });

  it(
    'limits submissions per source address (REQUESTS_PER_IP in ' +
      'REQUESTS_WINDOW_MINUTES): the 6th is a 429 with Retry-After',
    async () => {
      const c = await makeSectorWithStaff(t);
      const ip = freshIp();
      const statuses = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await submit(t, requestBody(c.point), { ip })).statusCode);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
      const limited = await submit(t, requestBody(c.point), { ip });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json().detail).toContain('Trop de demandes');
      expect((await submit(t, requestBody(c.point))).statusCode).toBe(201);
      // Concurrent submissions from one address cannot slip past the limit together.
      const burstIp = freshIp();
      const burst = await Promise.all(
        Array.from({ length: 8 }, () => submit(t, requestBody(c.point), { ip: burstIp })),
      );
      expect(burst.filter((r) => r.statusCode === 201)).toHaveLength(5);
      expect(burst.filter((r) => r.statusCode === 429)).toHaveLength(3);
    },
  );
});

describe('one statement per submission', () => {
  it(
    'counts invalid attempts too, and past the limit writes nothing: no request, ' + 'no receipt, no audit event',
    async () => {
      const c = await makeSectorWithStaff(t);
      const ip = freshIp();
      const invalid = [
        requestBody(c.point, { category: 'alien' }),
        requestBody(c.point, { description: 'court' }),
        requestBody(c.point, { website: 'http://spam.example' }),
      ];
      for (const body of invalid) expect((await submit(t, body, { ip })).statusCode).toBe(400);
      expect((await submit(t, requestBody(c.point), { ip })).statusCode).toBe(201);
      expect((await submit(t, requestBody(c.point), { ip })).statusCode).toBe(201);
      const counts = async () =>
        (
          await rows<{ r: number; n: number; a: number }>(
            t,
            'select (select count(*)::int from requests) as r, (select count(*)::int ' +
              'from notifications) as n, (select count(*)::int from audit_events where ' +
              "action in ('request.created', 'notification.created')) as a",
          )
        )[0];
      const before = await counts();
      const refused = await submit(t, requestBody(c.point, { contact: { email: 'refuse@example.org' } }), {
        ip,
        key: `over-${crypto.randomUUID()}`,
      });
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Still counted when over the limit, valid or not.
      expect((await submit(t, requestBody(c.point, { category: 'alien' }), { ip })).statusCode).toBe(429);
      expect(await counts()).toEqual(before);
    },
  );

  it('counts a submission whose photos are refused, although its transaction rolled back', async () => {
    const c = await makeSectorWithStaff(t);
    const ip = freshIp();
    for (let i = 0; i < 5; i += 1) {
      const refused = await submit(t, requestBody(c.point, { attachmentIds: [crypto.randomUUID()] }), { ip });
      expect(refused.statusCode, refused.body).toBeGreaterThanOrEqual(400);
      expect(refused.statusCode).toBeLessThan(500);
    }
    expect((await submit(t, requestBody(c.point), { ip })).statusCode).toBe(429);
  });

  it(
    'writes the receipt with the numbered reference and a delivery due at once, ' +
      'which the outbox relay sends without any queued job',
    async () => {
      const c = await makeSectorWithStaff(t);
      const receipt = await submitOk(t, requestBody(c.point, { contact: { email: 'relais@example.org' } }));
      const [message] = await rows<{ id: string; subject: string; body: string }>(
        t,
        "select id, subject, body from notifications where kind = 'request.receipt' and subject like $1",
        [`%${receipt.reference}%`],
      );
      expect(message.subject).toBe(`Votre demande ${receipt.reference} a bien été reçue`);
      expect(message.body).toContain(`sous la référence ${receipt.reference}.`);
      expect(message.body).not.toContain('{reference}');
      const [audit] = await rows<{ details: { kind: string; deliveries: Record<string, number> } }>(
        t,
        "select details from audit_events where action = 'notification.created' and record_id = $1",
        [message.id],
      );
      expect(audit.details).toEqual({ kind: 'request.receipt', deliveries: { email: 1 } });
      const jobs = await rows(
        t,
        "select 1 from pgboss.job where name = 'notifications-deliver' and data::text like $1",
        [`%${message.id}%`],
      );
      expect(jobs).toHaveLength(0);
      await vi.waitFor(
        async () => {
          const [{ status }] = await rows<{ status: string }>(
            t,
            'select status from notification_deliveries where notification_id = $1',
            [message.id],
          );
          expect(status).toBe('sent');
        },
        { timeout: 10_000, interval: 200 },
      );
    },
  );
});

describe('tracking link', () => {
  it(
    'shows the resident the status and history and threads their replies; a ' + 'guessed token is a 404, then 429',
    async () => {
      const c = await makeSectorWithStaff(t);
      const receipt = await submitOk(t, requestBody(c.point));
      const view = await t.app.inject({
        method: 'GET',
        url: `/api/requests/track/${receipt.trackingToken}`,
        remoteAddress: freshIp(),
      });
      expect(view.statusCode).toBe(200);
      expect(view.json()).toMatchObject({
        reference: receipt.reference,
        status: 'new',
        sector: { name: expect.any(String) },
        canReply: true,
        history: [{ kind: 'created', status: 'new' }],
      });
      const reply = await t.app.inject({
        method: 'POST',
        url: `/api/requests/track/${receipt.trackingToken}/replies`,
        payload: { text: 'Ils sont revenus ce soir vers 22 h.' },
        remoteAddress: freshIp(),
      });
      expect(reply.statusCode).toBe(201);
      expect(reply.json().history.at(-1)).toMatchObject({ kind: 'reply', text: 'Ils sont revenus ce soir vers 22 h.' });

      const ip = freshIp();
      const guess = () =>
        t.app.inject({
          method: 'GET',
          url: `/api/requests/track/${crypto.randomBytes(32).toString('base64url')}`,
          remoteAddress: ip,
        });
      const statuses = [];
      for (let i = 0; i < 21; i += 1) statuses.push((await guess()).statusCode);
      expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
      expect(statuses[20]).toBe(429);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/requests/track/not-a-token', remoteAddress: freshIp() }))
          .statusCode,
      ).toBe(404);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/requests/track/${receipt.trackingToken}/replies`,
            payload: { text: '' },
            remoteAddress: freshIp(),
          })
        ).statusCode,
      ).toBe(400);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/requests/track/${receipt.trackingToken}/replies`,
            payload: { text: '   ' },
            remoteAddress: freshIp(),
          })
        ).statusCode,
      ).toBe(400);
    },
  );

  it(
    'limits replies per source address (REQUEST_REPLIES_PER_IP); refused replies ' +
      'count neither as replies nor as link failures',
    async () => {
      const c = await makeSectorWithStaff(t);
      const open = await submitOk(t, requestBody(c.point));
      const closed = await submitOk(t, requestBody(c.point));
      await rows(t, "update requests set status = 'closed', closed_at = now() where reference = $1", [
        closed.reference,
      ]);
      const ip = freshIp();
      const replyTo = (token: string, text: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/requests/track/${token}/replies`,
          payload: { text },
          remoteAddress: ip,
        });
      // Well past both limits (10 replies, 20 unknown links): a closed request or an empty text is refused as such.
      for (let i = 0; i < 25; i += 1) expect((await replyTo(closed.trackingToken, 'Encore moi.')).statusCode).toBe(409);
      for (let i = 0; i < 25; i += 1) expect((await replyTo(open.trackingToken, '   ')).statusCode).toBe(400);
      const statuses = [];
      for (let i = 0; i < 11; i += 1) statuses.push((await replyTo(open.trackingToken, `Message ${i}`)).statusCode);
      expect(statuses).toEqual([...Array(10).fill(201), 429]);
      expect((await replyTo(open.trackingToken, 'Encore un.')).json().detail).toContain('Trop de messages');
      // The link still opens: no failure was counted for this address.
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/requests/track/${open.trackingToken}`, remoteAddress: ip }))
          .statusCode,
      ).toBe(200);
    },
  );
});
