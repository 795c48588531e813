import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../../app.ts';
import { bumpCacheVersion } from '../../../platform/cache/versioned-cache.ts';
import { openDatabase, type Database } from '../../../platform/db/client.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { makeUser, sessionHeaders } from '../../identity/identity.factories.ts';
import type { EffectiveTarget } from '../../../../shared/requests/targets.schemas.ts';
import { actOn, makeSectorWithStaff, requestBody, requestIdOf, rows, submitOk } from '../requests.test-helpers.ts';
import { createRequestsContext, loadRequestsSettings } from '../requests-context.ts';
import { closeTargetsCache, effectiveTargets, TARGETS_CACHE_KEY } from './request-targets.ts';
import { overdueCondition } from './request-deadlines.ts';
import { requests } from '../requests.tables.ts';

// noise comes from the setting; burglary and incivilities keep the code's defaults.
const ENV = { REQUEST_TARGETS: 'noise=48/240' };
let t: TestApp;
// The requests module reads its settings from the process's environment (createTestApp's env is the platform's config).
const previous = process.env.REQUEST_TARGETS;
beforeAll(async () => {
  process.env.REQUEST_TARGETS = ENV.REQUEST_TARGETS;
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.close();
  if (previous === undefined) delete process.env.REQUEST_TARGETS;
  else process.env.REQUEST_TARGETS = previous;
});

const URL = '/api/requests/category-targets';
type Headers = Record<string, string>;
/** `?departmentId=` when given; without it, the caller's only département. */
const q = (departmentId?: string) => (departmentId ? `?departmentId=${departmentId}` : '');
const list = async (
  headers: Headers,
  departmentId?: string,
  app: FastifyInstance = t.app,
): Promise<EffectiveTarget[]> => {
  const response = await app.inject({ method: 'GET', url: `${URL}${q(departmentId)}`, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
};
const of = (items: EffectiveTarget[], category: string) => items.find((item) => item.category === category)!;
const put = (headers: Headers, category: string, payload: unknown, departmentId?: string) =>
  t.app.inject({ method: 'PUT', url: `${URL}/${category}${q(departmentId)}`, headers, payload: payload as object });
const reset = (headers: Headers, category: string, departmentId?: string) =>
  t.app.inject({ method: 'DELETE', url: `${URL}/${category}${q(departmentId)}`, headers });

/** A territory of its own (its département), its sector referent and the département's administrator. */
async function place() {
  const c = await makeSectorWithStaff(t);
  return { ...c, admin: await c.as('admin', 'department', c.department.id) };
}

describe('category targets', () => {
  it(
    'answers the département’s administrator, then setting, then default, with ' +
      'the source and what a reset goes back to; audited with the département',
    async () => {
      const c = await place();
      const d = c.department.id;
      // The sector referent works in one département only: no departmentId needed.
      const response = await t.app.inject({ method: 'GET', url: URL, headers: c.referent.headers });
      expect(response.json().departmentId).toBe(d);
      const before = response.json().items as EffectiveTarget[];
      expect(before).toHaveLength(8);
      expect(of(before, 'noise')).toMatchObject({
        ackHours: 48,
        answerHours: 240,
        source: 'setting',
        updatedAt: null,
        updatedBy: null,
      });
      expect(of(before, 'burglary')).toMatchObject({ ackHours: 24, answerHours: 120, source: 'default' });
      expect(of(before, 'incivilities')).toMatchObject({
        ackHours: 72,
        answerHours: 336,
        source: 'default',
        fallback: { ackHours: 72, answerHours: 336, source: 'default' },
      });

      const changed = await put(c.admin.headers, 'noise', { ackHours: 12, answerHours: 100 });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({
        category: 'noise',
        ackHours: 12,
        answerHours: 100,
        source: 'admin',
        fallback: { ackHours: 48, answerHours: 240, source: 'setting' },
        updatedBy: { id: c.admin.user.id },
      });
      expect(of(await list(c.referent.headers, d), 'noise')).toMatchObject({
        ackHours: 12,
        answerHours: 100,
        source: 'admin',
        updatedAt: expect.any(String),
      });
      expect((await put(c.admin.headers, 'burglary', { ackHours: 6, answerHours: 48 }, d)).json()).toMatchObject({
        source: 'admin',
        fallback: { ackHours: 24, answerHours: 120, source: 'default' },
      });

      // Back to the setting, then to the default; a second reset changes nothing and writes no event.
      expect((await reset(c.admin.headers, 'noise')).json()).toMatchObject({
        ackHours: 48,
        answerHours: 240,
        source: 'setting',
        updatedAt: null,
        updatedBy: null,
      });
      expect((await reset(c.admin.headers, 'burglary')).json()).toMatchObject({
        ackHours: 24,
        answerHours: 120,
        source: 'default',
      });
      expect((await reset(c.admin.headers, 'burglary')).statusCode).toBe(200);

      const events = await rows<{
        action: string;
        actor_id: string;
        record_id: string;
        details: Record<string, unknown>;
      }>(
        t,
        'select action, actor_id, record_id, details from audit_events where action ' +
          "like 'request.target.%' and details->>'departmentId' = $1 order by id",
        [d],
      );
      expect(events).toEqual([
        {
          action: 'request.target.updated',
          actor_id: c.admin.user.id,
          record_id: 'noise',
          details: {
            departmentId: d,
            category: 'noise',
            before: { ackHours: 48, answerHours: 240, source: 'setting' },
            after: { ackHours: 12, answerHours: 100, source: 'admin' },
          },
        },
        {
          action: 'request.target.updated',
          actor_id: c.admin.user.id,
          record_id: 'burglary',
          details: {
            departmentId: d,
            category: 'burglary',
            before: { ackHours: 24, answerHours: 120, source: 'default' },
            after: { ackHours: 6, answerHours: 48, source: 'admin' },
          },
        },
        {
          action: 'request.target.reset',
          actor_id: c.admin.user.id,
          record_id: 'noise',
          details: {
            departmentId: d,
            category: 'noise',
            before: { ackHours: 12, answerHours: 100, source: 'admin' },
            after: { ackHours: 48, answerHours: 240, source: 'setting' },
          },
        },
        {
          action: 'request.target.reset',
          actor_id: c.admin.user.id,
          record_id: 'burglary',
          details: {
            departmentId: d,
            category: 'burglary',
            before: { ackHours: 6, answerHours: 48, source: 'admin' },
            after: { ackHours: 24, answerHours: 120, source: 'default' },
          },
        },
      ]);
    },
  );

  it('refuses bad targets with a French 400 problem+json naming the field, and writes nothing', async () => {
    const c = await place();
    const cases: [unknown, string, RegExp][] = [
      [
        { ackHours: 1.5, answerHours: 48 },
        'body/ackHours',
        /prise en compte doit être un nombre entier d’heures, de 1 à 8 760/,
      ],
      [{ ackHours: 0, answerHours: 48 }, 'body/ackHours', /de 1 à 8 760/],
      [{ ackHours: 24, answerHours: 8761 }, 'body/answerHours', /réponse doit être un nombre entier d’heures/],
      [
        { ackHours: 48, answerHours: 24 },
        'body/answerHours',
        /ne peut pas être plus court que le délai de prise en compte \(48 h\)/,
      ],
      [{ ackHours: '12', answerHours: 48 }, 'body/ackHours', /doit être de type number/],
      [{ ackHours: 12 }, 'body', /Propriété obligatoire manquante « answerHours »/],
      [{ ackHours: 12, answerHours: 48, departmentId: c.department.id }, 'body', /Propriété inconnue « departmentId »/],
    ];
    for (const [payload, pointer, message] of cases) {
      const response = await put(c.admin.headers, 'noise', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      const problem = response.json();
      expect(problem.detail, JSON.stringify(payload)).toMatch(message);
      expect(problem.errors[0].pointer, JSON.stringify(payload)).toBe(pointer);
    }
    // Both fields wrong: one message each.
    expect(
      (await put(c.admin.headers, 'noise', { ackHours: -3, answerHours: 9000 }))
        .json()
        .errors.map((e: { pointer: string }) => e.pointer),
    ).toEqual(['body/ackHours', 'body/answerHours']);
    const unknown = await put(c.admin.headers, 'parking', { ackHours: 12, answerHours: 48 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toMatch(/« category » n'a pas une valeur autorisée|category/);
    const badDepartment = await put(c.admin.headers, 'noise', { ackHours: 12, answerHours: 48 }, 'moselle');
    expect(badDepartment.statusCode).toBe(400);
    expect(badDepartment.json().errors[0].pointer).toBe('querystring/departmentId');
    expect(await rows(t, 'select * from request_category_targets where department_id = $1', [c.department.id])).toEqual(
      [],
    );
    // The bounds themselves are fine.
    expect((await put(c.admin.headers, 'other', { ackHours: 1, answerHours: 8760 })).statusCode).toBe(200);
    expect((await reset(c.admin.headers, 'other')).statusCode).toBe(200);
  });

  it(
    'lets only the département’s administrators change them: 403 for referents ' +
      'and another département’s administrator, 404 for an unknown département, ' +
      '400 to choose among several',
    async () => {
      const c = await place();
      const d = c.department.id;
      expect((await put(c.referent.headers, 'noise', { ackHours: 12, answerHours: 48 })).statusCode).toBe(403);
      expect((await reset(c.referent.headers, 'noise')).statusCode).toBe(403);
      const departmentReferent = await c.as('police_referent', 'department', d);
      expect((await put(departmentReferent.headers, 'noise', { ackHours: 12, answerHours: 48 }, d)).statusCode).toBe(
        403,
      );
      const delegate = await c.as('delegate', 'municipality', c.municipality.id);
      expect((await t.app.inject({ method: 'GET', url: URL, headers: delegate.headers })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
      expect(
        (await t.app.inject({ method: 'PUT', url: `${URL}/noise`, payload: { ackHours: 12, answerHours: 48 } }))
          .statusCode,
      ).toBe(401);

      // Another département's administrator: 403 on this département's targets, read or written, and nothing changes.
      const other = await place();
      const forbidden = await put(other.admin.headers, 'noise', { ackHours: 12, answerHours: 48 }, d);
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().detail).toMatch(/administrateurs de ce département/);
      expect((await reset(other.admin.headers, 'noise', d)).statusCode).toBe(403);
      expect(
        (await t.app.inject({ method: 'GET', url: `${URL}${q(d)}`, headers: other.referent.headers })).statusCode,
      ).toBe(403);
      // Without departmentId, their own département.
      expect((await put(other.admin.headers, 'noise', { ackHours: 12, answerHours: 48 })).json()).toMatchObject({
        ackHours: 12,
        source: 'admin',
      });
      expect(of(await list(c.referent.headers), 'noise').source).toBe('setting');
      expect(of(await list(other.referent.headers), 'noise').source).toBe('admin');
      expect((await reset(other.admin.headers, 'noise')).statusCode).toBe(200);

      const unknown = await put(c.admin.headers, 'noise', { ackHours: 12, answerHours: 48 }, crypto.randomUUID());
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().detail).toBe('Département introuvable.');
      expect(
        (await t.app.inject({ method: 'GET', url: `${URL}${q(crypto.randomUUID())}`, headers: c.referent.headers }))
          .statusCode,
      ).toBe(404);

      // An administrator of two départements names the one they mean.
      const both = await makeUser(t.database, {
        roles: [
          { role: 'admin', scopeType: 'department', scopeId: d },
          { role: 'admin', scopeType: 'department', scopeId: other.department.id },
        ],
      });
      const h = await sessionHeaders(t.database, t.config, both.id);
      for (const response of [
        await t.app.inject({ method: 'GET', url: URL, headers: h }),
        await put(h, 'noise', { ackHours: 12, answerHours: 48 }),
        await reset(h, 'noise'),
      ]) {
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({
          detail: expect.stringMatching(/plusieurs départements : précisez lequel/),
          errors: [{ pointer: 'querystring/departmentId' }],
        });
      }
      expect(of(await list(h, other.department.id), 'noise').source).toBe('setting');
      expect((await put(h, 'noise', { ackHours: 12, answerHours: 48 }, other.department.id)).statusCode).toBe(200);
      expect((await reset(h, 'noise', other.department.id)).statusCode).toBe(200);
      expect(
        await rows(t, 'select * from request_category_targets where department_id in ($1, $2)', [
          d,
          other.department.id,
        ]),
      ).toEqual([]);
    },
  );

  it(
    'moves the inbox’s overdue flag, the overdue filter, the detail and ' +
      'Open311’s expected date with the targets of the request’s own département ' +
      'only',
    async () => {
      const a = await place();
      const b = await place();
      const noise = async (c: typeof a) => {
        const receipt = await submitOk(t, requestBody(c.point, { category: 'noise', anonymity: 'named' }));
        const id = await requestIdOf(t, receipt.reference);
        // 30 hours old: within the setting's 48 h to acknowledge.
        await rows(t, "update requests set created_at = now() - interval '30 hours' where id = $1", [id]);
        return { id, reference: receipt.reference };
      };
      const inA = await noise(a);
      const inB = await noise(b);
      // An unrouted request (no département): it takes the setting, whatever any département says.
      const unrouted = await noise(a);
      await rows(
        t,
        'update requests set department_id = null, sector_id = null, municipality_id = null where id = $1',
        [unrouted.id],
      );

      const inbox = async (c: typeof a, id: string, query = '') =>
        (
          await t.app.inject({
            method: 'GET',
            url: `/api/requests?category=noise${query}`,
            headers: c.referent.headers,
          })
        )
          .json()
          .items.filter((item: { id: string }) => item.id === id);
      const open311 = async (reference: string) =>
        new Date(
          (await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${reference}.json` })).json()[0]
            .expected_datetime as string,
        ).getTime();
      /** The overdue SQL on its own, over these three requests (the unrouted one is in nobody's inbox here). */
      const overdueIds = async () =>
        (
          await t.database.db
            .select({ id: requests.id })
            .from(requests)
            .where(
              sql`${requests.id} in (${inA.id}, ${inB.id}, ${unrouted.id}) and ${overdueCondition(await effectiveTargets(contextOf(t.database, 0)), new Date())}`,
            )
        ).map((row) => row.id);
      expect((await inbox(a, inA.id))[0].overdue).toBe(false);
      expect(await inbox(a, inA.id, '&overdue=true')).toEqual([]);
      const expected = {
        a: await open311(inA.reference),
        b: await open311(inB.reference),
        unrouted: await open311(unrouted.reference),
      };
      expect(await overdueIds()).toEqual([]);

      // B's administrator shortens B's target: B's request is late, A's and the unrouted one are not.
      expect((await put(b.admin.headers, 'noise', { ackHours: 24, answerHours: 240 })).statusCode).toBe(200);
      expect((await inbox(b, inB.id))[0]).toMatchObject({ overdue: true });
      expect(await inbox(b, inB.id, '&overdue=true')).toHaveLength(1);
      expect((await inbox(a, inA.id))[0]).toMatchObject({ overdue: false });
      expect(await inbox(a, inA.id, '&overdue=true')).toEqual([]);
      expect(await inbox(a, inA.id, '&overdue=false')).toHaveLength(1);
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/requests/${inB.id}`, headers: b.referent.headers })).json(),
      ).toMatchObject({ overdue: true });
      expect(
        (await t.app.inject({ method: 'GET', url: `/api/requests/${inA.id}`, headers: a.referent.headers })).json(),
      ).toMatchObject({ overdue: false });
      expect(expected.b - (await open311(inB.reference))).toBe(24 * 3_600_000);
      expect(await open311(inA.reference)).toBe(expected.a);
      expect(await open311(unrouted.reference)).toBe(expected.unrouted);
      expect(await overdueIds()).toEqual([inB.id]);

      // A's administrator too (a longer one): each keeps its own.
      expect((await put(a.admin.headers, 'noise', { ackHours: 72, answerHours: 240 })).statusCode).toBe(200);
      expect((await open311(inA.reference)) - expected.a).toBe(24 * 3_600_000);
      expect(await overdueIds()).toEqual([inB.id]);

      // Acknowledged, it waits for the answer (240 h): no longer late; a 25 h answer target makes it late again.
      expect((await actOn(t, b.referent.headers, inB.id, { action: 'acknowledge' })).statusCode).toBe(200);
      expect((await inbox(b, inB.id))[0].overdue).toBe(false);
      expect((await put(b.admin.headers, 'noise', { ackHours: 24, answerHours: 25 })).statusCode).toBe(200);
      expect(await inbox(b, inB.id, '&overdue=true')).toHaveLength(1);
      expect((await reset(b.admin.headers, 'noise')).statusCode).toBe(200);
      expect(await inbox(b, inB.id, '&overdue=true')).toEqual([]);
      expect((await reset(a.admin.headers, 'noise')).statusCode).toBe(200);
      expect(await overdueIds()).toEqual([]);
    },
  );
});

const settings = loadRequestsSettings(ENV);
const contextOf = (database: Database, cachePollMs: number) =>
  createRequestsContext({ ...t.config, cachePollMs }, database, () => undefined, settings);

describe('category targets cache', () => {
  it('reloads when another process changes the table (NOTIFY on commit, no local hint, no poll)', async () => {
    const ctx = contextOf(t.database, 0);
    const d = (await place()).department.id;
    const other = (await place()).department.id;
    expect((await effectiveTargets(ctx)).of(d).road_safety).toEqual({ ackHours: 72, answerHours: 336 });
    // What another process's PUT does: the row and the version, in one transaction.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into request_category_targets (department_id, category, ack_hours, answer_hours) values (${d}, 'road_safety', 5, 50)`,
      );
      await bumpCacheVersion(tx, TARGETS_CACHE_KEY);
    });
    const after = await vi.waitFor(
      async () => {
        const book = await effectiveTargets(ctx);
        expect(book.of(d).road_safety.ackHours).toBe(5);
        return book;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(after.of(d).road_safety).toEqual({ ackHours: 5, answerHours: 50 });
    expect(after.of(d).noise).toEqual({ ackHours: 48, answerHours: 240 });
    // Another département and unrouted requests keep the setting or the default.
    expect(after.of(other).road_safety).toEqual({ ackHours: 72, answerHours: 336 });
    expect(after.of(null).road_safety).toEqual({ ackHours: 72, answerHours: 336 });
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`delete from request_category_targets where department_id = ${d}`);
      await bumpCacheVersion(tx, TARGETS_CACHE_KEY);
    });
    const restored = await vi.waitFor(
      async () => {
        const book = await effectiveTargets(ctx);
        expect(book.of(d).road_safety.ackHours).toBe(72);
        return book;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(restored.departments.has(d)).toBe(false);
  });

  it('falls back to polling the version every CACHE_POLL_MS when a notification is missed', async () => {
    await closeTargetsCache(t.database);
    const ctx = contextOf(t.database, 100);
    const d = (await place()).department.id;
    expect((await effectiveTargets(ctx)).of(d).neighbour_dispute.ackHours).toBe(72);
    // A change and a version bump without NOTIFY, as if the notification had been lost.
    await t.database.query(
      'insert into request_category_targets (department_id, category, ack_hours, ' +
        "answer_hours) values ($1, 'neighbour_dispute', 7, 70)",
      [d],
    );
    await t.database.query(
      `insert into cache_versions (key, version, updated_at) values ` +
        `('${TARGETS_CACHE_KEY}', 1, now()) on conflict (key) do update set version ` +
        `= cache_versions.version + 1`,
    );
    const started = Date.now();
    const after = await vi.waitFor(
      async () => {
        const book = await effectiveTargets(ctx);
        expect(book.of(d).neighbour_dispute.ackHours).toBe(7);
        return book;
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(after.of(d).neighbour_dispute).toEqual({ ackHours: 7, answerHours: 70 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await t.database.query('delete from request_category_targets where department_id = $1', [d]);
    await closeTargetsCache(t.database);
  });

  it('a second app instance on its own connections sees an administrator’s change made through the first', async () => {
    const c = await place();
    // On PostgreSQL a pool of its own (its own LISTEN); the embedded database is one per process, so there the second app gets its own handle and cache.
    const second: Database = t.database.connectionString
      ? await openDatabase({ databaseUrl: t.database.connectionString })
      : { ...t.database };
    const app = await buildApp({ config: t.config, database: second });
    try {
      await app.ready();
      expect(of(await list(c.referent.headers, undefined, app), 'motorbike_rodeo')).toMatchObject({
        ackHours: 48,
        source: 'default',
      });
      expect((await put(c.admin.headers, 'motorbike_rodeo', { ackHours: 2, answerHours: 20 })).statusCode).toBe(200);
      const seen = await vi.waitFor(
        async () => {
          const items = await list(c.referent.headers, undefined, app);
          expect(of(items, 'motorbike_rodeo').ackHours).toBe(2);
          return items;
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(of(seen, 'motorbike_rodeo')).toMatchObject({ ackHours: 2, answerHours: 20, source: 'admin' });
      expect((await reset(c.admin.headers, 'motorbike_rodeo')).statusCode).toBe(200);
      const restored = await vi.waitFor(
        async () => {
          const items = await list(c.referent.headers, undefined, app);
          expect(of(items, 'motorbike_rodeo').source).toBe('default');
          return items;
        },
        { timeout: 10_000, interval: 50 },
      );
      expect(of(restored, 'motorbike_rodeo').ackHours).toBe(48);
    } finally {
      await app.close();
      if (t.database.connectionString) await second.close();
    }
  });
});
