/**
 * The calendar bench's baseline, in the same kind of process as the app (node --import tsx): a
 * bare Fastify serving the precomputed files (the département feed and listing the app produced)
 * two ways: `/files/<name>` through @fastify/static (read from disk, streamed, each time) and
 * `/memory/<name>` by a bare route sending the file's bytes read once at start.
 * Usage: node --import tsx bench/static-file-server.ts <dir> <port>.
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';

const [dir, port] = process.argv.slice(2);
const types: Record<string, string> = {
  '.ics': 'text/calendar; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};
const app = Fastify({ logger: false });
await app.register(fastifyStatic, { root: dir, prefix: '/files/', maxAge: 300_000 });
for (const name of fs.readdirSync(dir)) {
  const bytes = fs.readFileSync(path.join(dir, name));
  app.get(`/memory/${name}`, async (_request, reply) =>
    reply
      .header('content-type', types[path.extname(name)] ?? 'application/octet-stream')
      .header('cache-control', 'public, max-age=300')
      .send(bytes),
  );
}
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
