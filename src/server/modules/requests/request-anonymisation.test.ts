import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/access/actor.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { createRequestsModule } from './index.ts';
import { anonymiseClosedRequests } from './request-anonymisation.ts';
import { freshIp, makeSectorWithStaff, requestBody, rows, submitOk } from './requests.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
}, 120_000);
afterAll(async () => t?.close());

interface Row {
  id: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  place_label: string | null;
  description: string;
  close_note: string | null;
  lon: number;
  lat: number;
  tracking_token_hash: string;
  idempotency_fingerprint: string | null;
  anonymised_at: Date | null;
  category: string;
  status: string;
  sector_id: string;
}

/** A request with a contact, a reply, a note and an attachment, closed `closedDaysAgo` days ago (or still open). */
async function requestWithHistory(c: Awaited<ReturnType<typeof makeSectorWithStaff>>, closedDaysAgo: number | null) {
  const point = { lon: c.point.lon + 0.000444, lat: c.point.lat + 0.000777 };
  const receipt = await submitOk(
    t,
    requestBody(point, {
      anonymity: 'named',
      placeLabel: '5 impasse des Roses',
      contact: { name: 'Marie Curieuse', email: 'marie@example.org', phone: '06 11 22 33 44' },
      description: 'Je suis Marie, voisine du 5 : des rodéos chaque soir.',
    }),
  );
  const [{ id }] = await rows<{ id: string }>(t, 'select id from requests where reference = $1', [receipt.reference]);
  await t.database.query(
    'insert into request_events (request_id, kind, visibility, body, ' +
      "author_type) values ($1, 'reply', 'resident', 'Rappelez-moi au 06 11 22 33 " +
      "44, Marie', 'resident'), ($1, 'note', 'internal', 'Mme Curieuse est la " +
      "voisine du dessus', 'staff')",
    [id],
  );
  await t.database.query(
    'insert into request_attachments (request_id, filename, media_type, size, ' +
      "sha256, source, bytes) values ($1, 'photo.jpg', 'image/jpeg', 4, 'x', " +
      "'web', decode('ffd8ffd9', 'hex'))",
    [id],
  );
  if (closedDaysAgo !== null) {
    await t.database.query(
      "update requests set status = 'closed', close_reason = 'rejected', " +
        "close_note = 'Écrivez plutôt à mairie@example.org', closed_at = now() - " +
        'make_interval(days => $2) where id = $1',
      [id, closedDaysAgo],
    );
  }
  return { id, receipt, point };
}
const load = async (id: string) => (await rows<Row>(t, 'select * from requests where id = $1', [id]))[0];

describe('anonymisation of closed requests', () => {
  it(
    'strips contact, place, texts, attachments and the tracking link of requests ' +
      'closed past the period, in batches, once',
    async () => {
      const c = await makeSectorWithStaff(t);
      const old = [
        await requestWithHistory(c, 400),
        await requestWithHistory(c, 500),
        await requestWithHistory(c, 366),
      ];
      const recent = await requestWithHistory(c, 100);
      const open = await requestWithHistory(c, null);
      await t.database.query("update requests set created_at = now() - interval '600 days' where id = $1", [open.id]);

      const touched = await anonymiseClosedRequests(t.database.db, systemActor('retention-purge'), new Date(), 365, 2);
      expect(touched).toBeGreaterThanOrEqual(3);
      for (const { id, point, receipt } of old) {
        const row = await load(id);
        expect(row).toMatchObject({
          contact_name: null,
          contact_email: null,
          contact_phone: null,
          place_label: null,
          idempotency_fingerprint: null,
          category: 'motorbike_rodeo',
          status: 'closed',
          sector_id: c.sector.id,
        });
        expect(row.anonymised_at).not.toBeNull();
        expect(row.description).not.toContain('Marie');
        expect(row.close_note).toBe('Écrivez plutôt à [adresse e-mail retirée]');
        expect(row.lon).toBe(Math.round(point.lon * 1000) / 1000);
        expect(row.lat).toBe(Math.round(point.lat * 1000) / 1000);
        const events = await rows<{ body: string | null }>(t, 'select body from request_events where request_id = $1', [
          id,
        ]);
        expect(JSON.stringify(events)).not.toMatch(/Marie|Curieuse|06 11/);
        expect((await rows(t, 'select 1 from request_attachments where request_id = $1', [id])).length).toBe(0);
        const tracked = await t.app.inject({
          method: 'GET',
          url: `/api/requests/track/${receipt.trackingToken}`,
          remoteAddress: freshIp(),
        });
        expect(tracked.statusCode).toBe(404);
      }
      for (const { id, receipt } of [recent, open]) {
        const row = await load(id);
        expect(row).toMatchObject({
          contact_name: 'Marie Curieuse',
          contact_email: 'marie@example.org',
          anonymised_at: null,
        });
        expect((await rows(t, 'select 1 from request_attachments where request_id = $1', [id])).length).toBe(1);
        expect(
          (
            await t.app.inject({
              method: 'GET',
              url: `/api/requests/track/${receipt.trackingToken}`,
              remoteAddress: freshIp(),
            })
          ).statusCode,
        ).toBe(200);
      }

      const first = await load(old[0].id);
      expect(await anonymiseClosedRequests(t.database.db, systemActor('retention-purge'), new Date(), 365, 2)).toBe(0);
      expect((await load(old[0].id)).anonymised_at).toEqual(first.anonymised_at);
    },
  );

  it('runs as the module’s retention rule with REQUEST_ANONYMISE_AFTER_DAYS', async () => {
    const c = await makeSectorWithStaff(t);
    const closed = await requestWithHistory(c, 40);
    const rule = createRequestsModule({ env: { REQUEST_ANONYMISE_AFTER_DAYS: '30' } }).retentionRules!(t.config).find(
      (r) => r.name === 'request-anonymisation',
    );
    expect(rule).toBeDefined();
    expect(await rule!.purge(t.database, new Date())).toBeGreaterThanOrEqual(1);
    expect((await load(closed.id)).contact_email).toBeNull();
    const defaults = createRequestsModule({ env: {} }).retentionRules!(t.config).find(
      (r) => r.name === 'request-anonymisation',
    );
    const kept = await requestWithHistory(c, 40);
    await defaults!.purge(t.database, new Date());
    expect((await load(kept.id)).contact_email).toBe('marie@example.org');
  });
});
