import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { requestStandingOf, requestStandingsOf } from './request-status.ts';
import { makeSectorWithStaff, requestBody, requestIdOf, submitOk } from './requests.test-helpers.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => t?.close());

describe('request standings', () => {
  it('answers several standings in one query, the same as one by one, without the unknown ids', async () => {
    const c = await makeSectorWithStaff(t);
    const ids: string[] = [];
    for (const category of ['noise', 'burglary'])
      ids.push(await requestIdOf(t, (await submitOk(t, requestBody(c.point, { category }))).reference));
    await t.database.query("update requests set status = 'acknowledged', acknowledged_at = now() where id = $1", [
      ids[1],
    ]);
    const missing = crypto.randomUUID();

    const standings = await requestStandingsOf(t.database.db, [ids[0], ids[1], ids[0], missing]);
    expect([...standings.keys()].sort()).toEqual([...ids].sort());
    expect(standings.get(ids[0])).toEqual(await requestStandingOf(t.database.db, ids[0]));
    expect(standings.get(ids[1])).toMatchObject({
      id: ids[1],
      status: 'acknowledged',
      acknowledgedAt: expect.any(String),
      answeredAt: null,
      closedAt: null,
    });
    expect(standings.get(ids[0])?.status).toBe('new');
    expect(await requestStandingsOf(t.database.db, [])).toEqual(new Map());
  });
});
