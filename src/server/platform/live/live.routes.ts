import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { platformContracts } from '../../../shared/platform/platform.contracts.ts';
import type { Database } from '../db/client.ts';
import { TooManyRequestsError } from '../errors.ts';
import { serve } from '../http/serve.ts';
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

  /** Opens one stream for this person: the handler sends it itself and returns the reply. */
  async function openStream(userId: string, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
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
  }

  serve(app, platformContracts.live, {
    handle: async ({ actor, request, reply }) => openStream(actor.id, request, reply),
  });
}
