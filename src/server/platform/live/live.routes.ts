import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ProblemResponses } from '../../../shared/common.schemas.ts';
import { LiveStream } from '../../../shared/platform/live.schemas.ts';
import type { Database } from '../db/client.ts';
import { TooManyRequestsError } from '../errors.ts';
import { createLiveHub, type LiveConnection } from './live-hub.ts';

/** A comment line every 25 s keeps proxies (and their idle timeouts) from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** Tabs a person may keep open per process; each holds a socket. */
export const MAX_STREAMS_PER_USER = 5;
/** The browser reconnects after this delay when the stream drops. */
const RETRY_MS = 3_000;

export async function liveRoutes(
  app: FastifyInstance,
  { database, heartbeatMs = HEARTBEAT_MS }: { database: Database; heartbeatMs?: number },
) {
  const hub = createLiveHub(database, app.log);
  const streams = new Set<PassThrough>();
  app.addHook('onClose', async () => {
    for (const stream of streams) stream.end();
    await hub.close();
  });

  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/live',
    {
      config: { access: 'session' },
      schema: {
        tags: ['Plateforme'],
        summary: 'Événements en direct (server-sent events) pour la personne connectée',
        produces: ['text/event-stream'],
        response: { 200: LiveStream, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const userId = request.actor.id as string;
      if (hub.count(userId) >= MAX_STREAMS_PER_USER) {
        throw new TooManyRequestsError(
          `Trop de fenêtres ouvertes en direct (${MAX_STREAMS_PER_USER} au plus) : fermez-en une.`,
          30,
        );
      }
      const stream = new PassThrough();
      const connection: LiveConnection = {
        userId,
        send: (type, json) => void stream.write(`event: ${type}\ndata: ${json}\n\n`),
      };
      await hub.add(connection);
      streams.add(stream);
      const heartbeat = setInterval(() => stream.write(': maintien\n\n'), heartbeatMs);
      heartbeat.unref();
      let closed = false;
      const cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        hub.remove(connection);
        streams.delete(stream);
        stream.end();
      };
      // The response closes when the browser goes away (or the socket dies); the stream when we end it.
      reply.raw.once('close', cleanup);
      request.raw.once('close', () => {
        if (request.raw.destroyed) cleanup();
      });
      stream.once('close', cleanup);
      stream.write(`retry: ${RETRY_MS}\n: connecté\n\n`);
      return (
        reply
          .type('text/event-stream; charset=utf-8')
          // no-store: personal; no-transform and x-accel-buffering: proxies must neither compress nor hold chunks.
          .header('cache-control', 'no-store, no-transform')
          .header('x-accel-buffering', 'no')
          .send(stream)
      );
    },
  );
}
