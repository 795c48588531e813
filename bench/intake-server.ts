/**
 * The server side of `npm run bench:intake` (run by bench/intake.ts, not by hand): the real
 * platform (buildApp, migrations, job runner enqueuing only) on the database named by the
 * environment (DATABASE_URL, else embedded PGlite in DATA_DIR), and on a second port a bare
 * Fastify route that does one INSERT into a table of the same shape in the same database, through
 * the same connection (pool). Builds a territory of 25 sectors, then prints one line
 * `READY {"app":port,"bare":port,"sectors":[[lon,lat],…]}`.
 */
import crypto from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { openPlatformDatabase, startJobs } from '../src/server/platform/bootstrap.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { APP_ROLE } from '../src/server/platform/db/client.ts';
import { modules } from '../src/server/modules/index.ts';
import {
  makeDepartment,
  makeDistrict,
  makeMunicipality,
  makeSector,
  square,
} from '../src/server/modules/territory/territory.factories.ts';

const BARE_TABLE =
  `create table if not exists bench_bare_requests (like requests including ` +
  `defaults including constraints including indexes); grant select, insert on ` +
  `bench_bare_requests to ${APP_ROLE};`;

const config = loadConfig();
const database = await openPlatformDatabase(config);
if (database.pglite) await database.pglite.exec(`RESET ROLE; ${BARE_TABLE} SET ROLE ${APP_ROLE};`);
else {
  const owner = new pg.Client({ connectionString: config.databaseUrl });
  await owner.connect();
  await owner.query(BARE_TABLE);
  await owner.end();
}

// A commune cut into a 5 × 5 grid of sectors (0.01° squares, 0.02° apart): the points fall inside them.
const department = await makeDepartment(database, { code: '57' });
const district = await makeDistrict(database, department.id);
const commune = await makeMunicipality(database, district.id, '57463');
const sectors: Array<[number, number]> = [];
for (let i = 0; i < 5; i++) {
  for (let j = 0; j < 5; j++) {
    const [lon, lat] = [6.1 + i * 0.02, 49.0 + j * 0.02];
    await makeSector(database, commune.id, square(lon, lat), `B-${i}${j}`);
    sectors.push([lon, lat]);
  }
}

// BENCH_WORKER=1: this process also works the queues, as `npm start` does by default: the outbox
// relay sends the receipts (no SMTP_URL: .eml files in DATA_DIR and the test outbox) during the runs.
const jobs = await startJobs(
  config,
  database,
  modules,
  (await import('pino')).default({ level: 'warn' }) as never,
  process.env.BENCH_WORKER === '1',
);
const app = await buildApp({ config, database, jobs });
await app.listen({ port: 0, host: '127.0.0.1' });
for (const module of modules) await module.warm?.({ config, database, jobs });

interface BareBody {
  category: string;
  description: string;
  point: { lon: number; lat: number };
  anonymity: string;
  contact?: { email?: string };
}
const bare = Fastify({ logger: false });
bare.post('/bare/requests', async (request, reply) => {
  const body = request.body as BareBody;
  const id = crypto.randomUUID();
  await database.query(
    'insert into bench_bare_requests (id, reference, channel, category, ' +
      'description, lon, lat, anonymity, contact_email, tracking_token_hash) ' +
      'values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
    [
      id,
      `B-${id}`,
      'web',
      body.category,
      body.description,
      body.point.lon,
      body.point.lat,
      body.anonymity,
      body.contact?.email ?? null,
      crypto.randomBytes(32).toString('hex'),
    ],
  );
  return reply.code(201).send({ id });
});
bare.get('/bare/counts', async () => {
  const [row] = await database.query<{
    requests: number;
    bare: number;
    audits: number;
    receipts: number;
    outbox: number;
    sent: number;
  }>(
    `select (select count(*)::int from requests) as requests, (select count(*)::int from bench_bare_requests) as bare,
      (select count(*)::int from audit_events where action = 'request.created') as audits,
      (select count(*)::int from notifications where kind = 'request.receipt') as receipts,
      (select count(*)::int from notification_deliveries d join notifications n on n.id = d.notification_id where n.kind = 'request.receipt') as outbox,
      (select count(*)::int from notification_deliveries d join notifications n on n.id = d.notification_id where n.kind = 'request.receipt' and d.status = 'sent') as sent`,
  );
  return row;
});
await bare.listen({ port: 0, host: '127.0.0.1' });

const port = (server: typeof bare) => (server.server.address() as { port: number }).port;
console.log(
  `READY ` +
    `${JSON.stringify({ app: port(app as unknown as typeof bare), bare: port(bare), sectors, kind: database.kind })}`,
);

async function stop() {
  await app.close().catch(() => {});
  await bare.close().catch(() => {});
  await jobs.stop().catch(() => {});
  await database.close().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
