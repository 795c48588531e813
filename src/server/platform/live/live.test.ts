import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.ts';
import { makeUser, sessionHeaders } from '../../modules/identity/identity.factories.ts';
import { identityModule } from '../../modules/identity/index.ts';
import { territoryModule } from '../../modules/territory/index.ts';
import { createTestDatabase, testDatabaseKind } from '../../test/test-database.ts';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { buildLivePayloads, publishLive } from './live.ts';
import { MAX_STREAMS_PER_USER } from './live.routes.ts';
import { openSsePeer, type SsePeer } from '../../test/peers/sse-peer.ts';

interface Instance {
  app: FastifyInstance;
  url: string;
}

let primary: Database;
/** On PostgreSQL, a second process's own connections to the same database; on PGlite, the same one. */
let secondary: Database;
let config: Config;
let a: Instance;
let b: Instance;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'psq-live-'));
const open: SsePeer[] = [];

async function start(database: Database): Promise<Instance> {
  const app = await buildApp({ config, database, modules: [territoryModule, identityModule] });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}` };
}

async function stream(instance: Instance, headers: Record<string, string>): Promise<SsePeer> {
  const client = await openSsePeer(`${instance.url}/api/live`, headers);
  open.push(client);
  return client;
}

beforeAll(async () => {
  config = loadConfig({
    LOG_LEVEL: 'warn',
    CACHE_POLL_MS: '0',
    DATA_DIR: dataDir,
    SECRET_KEY: 'test-secret-key-0123456789abcdefghijklmnop',
  });
  primary = await createTestDatabase();
  secondary = primary.connectionString ? await openDatabase({ databaseUrl: primary.connectionString }) : primary;
  a = await start(primary);
  b = testDatabaseKind() === 'postgres' ? await start(secondary) : a;
}, 60_000);

afterAll(async () => {
  for (const client of open) client.close();
  await a?.app.close();
  if (b !== a) await b?.app.close();
  if (secondary !== primary) await secondary?.close();
  await primary?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('live events', () => {
  it('reach the listed users’ streams on another instance only after commit, never on rollback', async () => {
    const alice = await makeUser(primary);
    const bob = await makeUser(primary);
    const aliceStream = await stream(b, await sessionHeaders(primary, config, alice.id));
    const bobStream = await stream(b, await sessionHeaders(primary, config, bob.id));
    expect(aliceStream.status).toBe(200);
    expect(aliceStream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(aliceStream.headers['cache-control']).toContain('no-store');
    expect(aliceStream.headers['content-encoding']).toBeUndefined();

    await primary.db
      .transaction(async (tx) => {
        await publishLive(tx, [alice.id], { type: 'test.annule', data: { n: 0 } });
        tx.rollback();
      })
      .catch(() => {});
    await primary.db.transaction(async (tx) => {
      await publishLive(tx, [alice.id], { type: 'test.valide', data: { n: 1 } });
      // Not before commit: a reader could otherwise fetch a change that may still roll back.
      await sleep(300);
      expect(aliceStream.events).toEqual([]);
    });
    const event = await aliceStream.waitFor((e) => e.type === 'test.valide');
    expect(event.data).toEqual({ n: 1 });
    await sleep(200);
    expect(aliceStream.events.map((e) => e.type)).toEqual(['test.valide']);
    expect(bobStream.events).toEqual([]);
  });

  it('splits a large audience under the NOTIFY payload limit and still reaches everyone', async () => {
    const carol = await makeUser(primary);
    const carolStream = await stream(b, await sessionHeaders(primary, config, carol.id));
    const audience = [...Array.from({ length: 2_000 }, () => crypto.randomUUID()), carol.id];
    const payloads = buildLivePayloads(audience, { type: 'alert.created', data: { alertId: crypto.randomUUID() } });
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
    await primary.db.transaction((tx) => publishLive(tx, audience, { type: 'alert.created', data: { ok: true } }));
    expect((await carolStream.waitFor((e) => e.type === 'alert.created')).data).toEqual({ ok: true });
  });

  it('refuses data that is not small', async () => {
    await expect(
      primary.db.transaction((tx) => publishLive(tx, [crypto.randomUUID()], { type: 'gros', data: 'x'.repeat(5_000) })),
    ).rejects.toThrow(/trop gros/);
  });

  it('limits the streams per person, frees a place when one closes, and needs a session', async () => {
    const dave = await makeUser(primary);
    const headers = await sessionHeaders(primary, config, dave.id);
    const streams: SsePeer[] = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) streams.push(await stream(a, headers));
    expect(streams.map((s) => s.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));
    const refused = await stream(a, headers);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');

    streams[0].close();
    await vi.waitFor(async () => expect((await stream(a, headers)).status).toBe(200), { timeout: 2_500, interval: 50 });

    const anonymous = await stream(a, {});
    expect(anonymous.status).toBe(401);
  });
});
