import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { makeSectorWithStaff, requestBody, submitOk } from '../requests.test-helpers.ts';
import { computeRequestStats, defaultStatsRange } from './request-stats.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ jobs: true });
}, 120_000);
afterAll(async () => t?.close());

/** A request received at `createdAt`, acknowledged and answered after the given hours. */
async function placed(
  point: { lon: number; lat: number },
  createdAt: string,
  category: string,
  ackAfter?: number,
  answerAfter?: number,
  confidential = false,
) {
  const receipt = await submitOk(t, requestBody(point, { category, confidential }));
  await t.database.query(
    `update requests set created_at = $2::timestamptz,
       acknowledged_at = case when $3::float8 is null then null else $2::timestamptz + make_interval(secs => $3::float8 * 3600) end,
       answered_at = case when $4::float8 is null then null else $2::timestamptz + make_interval(secs => $4::float8 * 3600) end,
       status = case when $4::float8 is not null then 'answered' when $3::float8 is not null then 'acknowledged' else 'new' end
     where reference = $1`,
    [receipt.reference, createdAt, ackAfter ?? null, answerAfter ?? null],
  );
  return receipt;
}

describe('requests statistics', () => {
  it(
    'counts by category, month (Paris time, empty months included), status and ' +
      'channel, with median and p90 delays',
    async () => {
      const c = await makeSectorWithStaff(t);
      await placed(c.point, '2025-01-10T10:00:00Z', 'noise', 2, 10);
      await placed(c.point, '2025-01-20T10:00:00Z', 'noise', 4, 20);
      await placed(c.point, '2025-03-05T10:00:00Z', 'burglary', 6);
      await placed(c.point, '2025-03-31T22:30:00Z', 'burglary'); // 1 April in Paris
      await placed(c.point, '2025-06-01T10:00:00Z', 'burglary'); // out of the range
      const stats = await computeRequestStats(
        t.database.db,
        { sectorId: c.sector.id },
        { from: '2025-01-01', to: '2025-04-30' },
      );
      expect(stats.total).toBe(4);
      expect(stats.byCategory).toEqual([
        { category: 'burglary', count: 2 },
        { category: 'noise', count: 2 },
      ]);
      expect(stats.byMonth).toEqual([
        { month: '2025-01', count: 2 },
        { month: '2025-02', count: 0 },
        { month: '2025-03', count: 1 },
        { month: '2025-04', count: 1 },
      ]);
      expect(stats.byStatus).toEqual([
        { status: 'acknowledged', count: 1 },
        { status: 'answered', count: 2 },
        { status: 'new', count: 1 },
      ]);
      expect(stats.byChannel).toEqual([{ channel: 'web', count: 4 }]);
      expect(stats.acknowledgement).toEqual({ count: 3, medianHours: 4, p90Hours: 5.6 });
      expect(stats.answer).toEqual({ count: 2, medianHours: 15, p90Hours: 19 });
    },
  );

  it(
    'serves the caller’s territory only (confidential requests as the inbox ' +
      'shows them), with a sector filter and a default year',
    async () => {
      const c = await makeSectorWithStaff(t);
      const other = await makeSectorWithStaff(t);
      const today = new Date().toISOString();
      await placed(c.point, today, 'noise', 1);
      await placed(c.point, today, 'drug_dealing', undefined, undefined, true);
      await placed(other.point, today, 'noise');
      const response = await t.app.inject({ method: 'GET', url: '/api/requests/stats', headers: c.referent.headers });
      expect(response.statusCode, response.body).toBe(200);
      const stats = response.json();
      expect(stats).toMatchObject({
        total: 1,
        byCategory: [{ category: 'noise', count: 1 }],
        acknowledgement: { count: 1, medianHours: 1 },
      });
      expect(stats.byMonth).toHaveLength(13);
      expect({ from: stats.from, to: stats.to }).toEqual(defaultStatsRange({}));
      const admin = await c.as('admin', 'department', c.department.id);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/requests/stats?sectorId=${c.sector.id}`,
            headers: admin.headers,
          })
        ).json().total,
      ).toBe(2);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/requests/stats?sectorId=${other.sector.id}`,
            headers: c.referent.headers,
          })
        ).json().total,
      ).toBe(0);
    },
  );

  it('refuses a bad period with a 400, and roles without requests.read with a 403', async () => {
    const c = await makeSectorWithStaff(t);
    for (const query of [
      'from=2025-05-01&to=2025-01-01',
      'from=2025-02-30',
      'from=2010-01-01&to=2025-01-01',
      'from=hier',
      'sectorId=x',
      'groupBy=month',
    ]) {
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/requests/stats?${query}`, headers: c.referent.headers }))
          .statusCode,
        query,
      ).toBe(400);
    }
    const delegate = await c.as('delegate', 'sector', c.sector.id);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/requests/stats', headers: delegate.headers })).statusCode,
    ).toBe(403);
  });
});
