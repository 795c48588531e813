import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { bumpCacheVersion } from '../../platform/cache/versioned-cache.ts';
import { openDatabase, type Database } from '../../platform/db/client.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { eventually } from '../../test/eventually.ts';
import type { EffectiveTarget } from '../../../shared/request-targets.schemas.ts';
import { actOn, makeSectorWithStaff, requestBody, requestIdOf, rows, submitOk } from './requests.test-helpers.ts';
import { createRequestsContext, loadRequestsSettings } from './requests-context.ts';
import { closeTargetsCache, effectiveTargets, TARGETS_CACHE_KEY } from './request-targets.ts';

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
const list = async (headers: Headers, app: FastifyInstance = t.app): Promise<EffectiveTarget[]> => {
  const response = await app.inject({ method: 'GET', url: URL, headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
};
const of = (items: EffectiveTarget[], category: string) => items.find((item) => item.category === category)!;
const put = (headers: Headers, category: string, payload: unknown) => t.app.inject({ method: 'PUT', url: `${URL}/${category}`, headers, payload: payload as object });
const reset = (headers: Headers, category: string) => t.app.inject({ method: 'DELETE', url: `${URL}/${category}`, headers });

/** A territory, its sector referent and an administrator (any admin: the targets are national). */
async function place() {
  const c = await makeSectorWithStaff(t);
  return { ...c, admin: await c.as('admin', 'department', c.department.id) };
}

describe('category targets', () => {
  it('answers administrator, then setting, then default, with the source and what a reset goes back to; audited', async () => {
    const c = await place();
    const before = await list(c.referent.headers);
    expect(before).toHaveLength(8);
    expect(of(before, 'noise')).toMatchObject({ ackHours: 48, answerHours: 240, source: 'setting', updatedAt: null, updatedBy: null });
    expect(of(before, 'burglary')).toMatchObject({ ackHours: 24, answerHours: 120, source: 'default' });
    expect(of(before, 'incivilities')).toMatchObject({ ackHours: 72, answerHours: 336, source: 'default', fallback: { ackHours: 72, answerHours: 336, source: 'default' } });

    const changed = await put(c.admin.headers, 'noise', { ackHours: 12, answerHours: 100 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ category: 'noise', ackHours: 12, answerHours: 100, source: 'admin', fallback: { ackHours: 48, answerHours: 240, source: 'setting' }, updatedBy: { id: c.admin.user.id } });
    expect(of(await list(c.referent.headers), 'noise')).toMatchObject({ ackHours: 12, answerHours: 100, source: 'admin', updatedAt: expect.any(String) });
    expect((await put(c.admin.headers, 'burglary', { ackHours: 6, answerHours: 48 })).json()).toMatchObject({ source: 'admin', fallback: { ackHours: 24, answerHours: 120, source: 'default' } });

    // Back to the setting, then to the default; a second reset changes nothing and writes no event.
    expect((await reset(c.admin.headers, 'noise')).json()).toMatchObject({ ackHours: 48, answerHours: 240, source: 'setting', updatedAt: null, updatedBy: null });
    expect((await reset(c.admin.headers, 'burglary')).json()).toMatchObject({ ackHours: 24, answerHours: 120, source: 'default' });
    expect((await reset(c.admin.headers, 'burglary')).statusCode).toBe(200);

    const events = await rows<{ action: string; actor_id: string; record_id: string; details: Record<string, unknown> }>(t, "select action, actor_id, record_id, details from audit_events where action like 'request.target.%' order by id");
    expect(events).toEqual([
      { action: 'request.target.updated', actor_id: c.admin.user.id, record_id: 'noise', details: { category: 'noise', before: { ackHours: 48, answerHours: 240, source: 'setting' }, after: { ackHours: 12, answerHours: 100, source: 'admin' } } },
      { action: 'request.target.updated', actor_id: c.admin.user.id, record_id: 'burglary', details: { category: 'burglary', before: { ackHours: 24, answerHours: 120, source: 'default' }, after: { ackHours: 6, answerHours: 48, source: 'admin' } } },
      { action: 'request.target.reset', actor_id: c.admin.user.id, record_id: 'noise', details: { category: 'noise', before: { ackHours: 12, answerHours: 100, source: 'admin' }, after: { ackHours: 48, answerHours: 240, source: 'setting' } } },
      { action: 'request.target.reset', actor_id: c.admin.user.id, record_id: 'burglary', details: { category: 'burglary', before: { ackHours: 6, answerHours: 48, source: 'admin' }, after: { ackHours: 24, answerHours: 120, source: 'default' } } },
    ]);
  });

  it('refuses bad targets with a French 400 problem+json naming the field, and writes nothing', async () => {
    const c = await place();
    const cases: [unknown, string, RegExp][] = [
      [{ ackHours: 1.5, answerHours: 48 }, 'body/ackHours', /prise en compte doit être un nombre entier d’heures, de 1 à 8 760/],
      [{ ackHours: 0, answerHours: 48 }, 'body/ackHours', /de 1 à 8 760/],
      [{ ackHours: 24, answerHours: 8761 }, 'body/answerHours', /réponse doit être un nombre entier d’heures/],
      [{ ackHours: 48, answerHours: 24 }, 'body/answerHours', /ne peut pas être plus court que le délai de prise en compte \(48 h\)/],
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
    expect((await put(c.admin.headers, 'noise', { ackHours: -3, answerHours: 9000 })).json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(['body/ackHours', 'body/answerHours']);
    const unknown = await put(c.admin.headers, 'parking', { ackHours: 12, answerHours: 48 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().detail).toMatch(/« category » n'a pas une valeur autorisée|category/);
    expect(await rows(t, 'select * from request_category_targets')).toEqual([]);
    // The bounds themselves are fine.
    expect((await put(c.admin.headers, 'other', { ackHours: 1, answerHours: 8760 })).statusCode).toBe(200);
    expect((await reset(c.admin.headers, 'other')).statusCode).toBe(200);
  });

  it('lets only administrators change them: 403 for referents, 403 on reading for roles without requests.read, 401 without a session', async () => {
    const c = await place();
    expect((await put(c.referent.headers, 'noise', { ackHours: 12, answerHours: 48 })).statusCode).toBe(403);
    expect((await reset(c.referent.headers, 'noise')).statusCode).toBe(403);
    const departmentReferent = await c.as('police_referent', 'department', c.department.id);
    expect((await put(departmentReferent.headers, 'noise', { ackHours: 12, answerHours: 48 })).statusCode).toBe(403);
    const delegate = await c.as('delegate', 'municipality', c.municipality.id);
    expect((await t.app.inject({ method: 'GET', url: URL, headers: delegate.headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'PUT', url: `${URL}/noise`, payload: { ackHours: 12, answerHours: 48 } })).statusCode).toBe(401);
    expect(of(await list(c.referent.headers), 'noise').source).toBe('setting');
  });

  it('moves the inbox’s overdue flag, the overdue filter, the detail and Open311’s expected date with the targets', async () => {
    const c = await place();
    const h = c.referent.headers;
    const receipt = await submitOk(t, requestBody(c.point, { category: 'noise', anonymity: 'named' }));
    const id = await requestIdOf(t, receipt.reference);
    // 30 hours old: within the setting's 48 h to acknowledge.
    await rows(t, "update requests set created_at = now() - interval '30 hours' where id = $1", [id]);
    const inbox = async (query = '') => (await t.app.inject({ method: 'GET', url: `/api/requests?category=noise${query}`, headers: h })).json().items.filter((item: { id: string }) => item.id === id);
    const open311 = async () => (await t.app.inject({ method: 'GET', url: `/open311/v2/requests/${receipt.reference}.json` })).json()[0].expected_datetime as string;
    expect((await inbox())[0].overdue).toBe(false);
    expect(await inbox('&overdue=true')).toEqual([]);
    const expected48 = new Date(await open311()).getTime();

    expect((await put(c.admin.headers, 'noise', { ackHours: 24, answerHours: 240 })).statusCode).toBe(200);
    expect((await inbox())[0]).toMatchObject({ overdue: true });
    expect(await inbox('&overdue=true')).toHaveLength(1);
    expect(await inbox('&overdue=false')).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/api/requests/${id}`, headers: h })).json()).toMatchObject({ overdue: true });
    expect(expected48 - new Date(await open311()).getTime()).toBe(24 * 3_600_000);

    // Acknowledged, it waits for the answer (240 h): no longer late; a 25 h answer target makes it late again.
    expect((await actOn(t, h, id, { action: 'acknowledge' })).statusCode).toBe(200);
    expect((await inbox())[0].overdue).toBe(false);
    expect((await put(c.admin.headers, 'noise', { ackHours: 24, answerHours: 25 })).statusCode).toBe(200);
    expect(await inbox('&overdue=true')).toHaveLength(1);
    expect((await reset(c.admin.headers, 'noise')).statusCode).toBe(200);
    expect(await inbox('&overdue=true')).toEqual([]);
  });
});

describe('category targets cache', () => {
  const settings = loadRequestsSettings(ENV);
  const contextOf = (database: Database, cachePollMs: number) => createRequestsContext({ ...t.config, cachePollMs }, database, () => undefined, settings);

  it('reloads when another process changes the table (NOTIFY on commit, no local hint, no poll)', async () => {
    const ctx = contextOf(t.database, 0);
    expect((await effectiveTargets(ctx)).road_safety).toEqual({ ackHours: 72, answerHours: 336 });
    // What another process's PUT does: the row and the version, in one transaction.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into request_category_targets (category, ack_hours, answer_hours) values ('road_safety', 5, 50)`);
      await bumpCacheVersion(tx, TARGETS_CACHE_KEY);
    });
    const after = await eventually(() => effectiveTargets(ctx), (targets) => targets.road_safety.ackHours === 5);
    expect(after.road_safety).toEqual({ ackHours: 5, answerHours: 50 });
    expect(after.noise).toEqual({ ackHours: 48, answerHours: 240 });
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`delete from request_category_targets where category = 'road_safety'`);
      await bumpCacheVersion(tx, TARGETS_CACHE_KEY);
    });
    expect((await eventually(() => effectiveTargets(ctx), (targets) => targets.road_safety.ackHours === 72)).road_safety.ackHours).toBe(72);
  });

  it('falls back to polling the version every CACHE_POLL_MS when a notification is missed', async () => {
    await closeTargetsCache(t.database);
    const ctx = contextOf(t.database, 100);
    expect((await effectiveTargets(ctx)).neighbour_dispute.ackHours).toBe(72);
    // A change and a version bump without NOTIFY, as if the notification had been lost.
    await t.database.query("insert into request_category_targets (category, ack_hours, answer_hours) values ('neighbour_dispute', 7, 70)");
    await t.database.query(`insert into cache_versions (key, version, updated_at) values ('${TARGETS_CACHE_KEY}', 1, now()) on conflict (key) do update set version = cache_versions.version + 1`);
    const started = Date.now();
    const after = await eventually(() => effectiveTargets(ctx), (targets) => targets.neighbour_dispute.ackHours === 7, 5_000);
    expect(after.neighbour_dispute).toEqual({ ackHours: 7, answerHours: 70 });
    expect(Date.now() - started).toBeLessThan(2_000);
    await t.database.query("delete from request_category_targets where category = 'neighbour_dispute'");
    await closeTargetsCache(t.database);
  });

  it('a second app instance on its own connections sees an administrator’s change made through the first', async () => {
    const c = await place();
    // On PostgreSQL a pool of its own (its own LISTEN); the embedded database is one per process, so there the second app gets its own handle and cache.
    const second: Database = t.database.connectionString ? await openDatabase({ databaseUrl: t.database.connectionString }) : { ...t.database };
    const app = await buildApp({ config: t.config, database: second });
    try {
      await app.ready();
      expect(of(await list(c.referent.headers, app), 'motorbike_rodeo')).toMatchObject({ ackHours: 48, source: 'default' });
      expect((await put(c.admin.headers, 'motorbike_rodeo', { ackHours: 2, answerHours: 20 })).statusCode).toBe(200);
      const seen = await eventually(() => list(c.referent.headers, app), (items) => of(items, 'motorbike_rodeo').ackHours === 2);
      expect(of(seen, 'motorbike_rodeo')).toMatchObject({ ackHours: 2, answerHours: 20, source: 'admin' });
      expect((await reset(c.admin.headers, 'motorbike_rodeo')).statusCode).toBe(200);
      expect(of(await eventually(() => list(c.referent.headers, app), (items) => of(items, 'motorbike_rodeo').source === 'default'), 'motorbike_rodeo').ackHours).toBe(48);
    } finally {
      await app.close();
      if (t.database.connectionString) await second.close();
    }
  });
});
