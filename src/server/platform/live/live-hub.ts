import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Database } from '../db/client.ts';
import { LIVE_CHANNEL, type LivePayload } from './live.ts';

export interface LiveConnection {
  userId: string;
  send(type: string, json: string): void;
}

export interface LiveHub {
  /** Resolves once this process listens, so that no event committed afterwards is missed. */
  add(connection: LiveConnection): Promise<void>;
  remove(connection: LiveConnection): void;
  count(userId: string): number;
  close(): Promise<void>;
}

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

type Stop = () => Promise<void>;

/**
 * A dedicated connection outside the pool: a LISTEN must live as long as the process, and a
 * pooled client would be held forever or lose its LISTEN when recycled. It reconnects with
 * backoff; events raised while it is down are lost, which clients cover by refetching when
 * their stream reopens.
 */
async function listenOnServer(
  connectionString: string,
  onPayload: (payload: string) => void,
  logger: FastifyBaseLogger,
): Promise<Stop> {
  let client: pg.Client | undefined;
  let stopped = false;
  let delay = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      if (message.channel === LIVE_CHANNEL && message.payload) onPayload(message.payload);
    });
    next.on('error', (error) => {
      logger.warn({ err: error.message }, 'live: connexion LISTEN perdue');
      retry(next);
    });
    next.on('end', () => retry(next));
    await next.connect();
    await next.query(`LISTEN ${LIVE_CHANNEL}`);
    client = next;
    delay = RECONNECT_MIN_MS;
  }

  function retry(failed: pg.Client) {
    if (stopped || client !== failed) return;
    client = undefined;
    failed.end().catch(() => {});
    schedule();
  }

  function schedule() {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch((error: Error) => {
        logger.warn({ err: error.message }, 'live: reconnexion LISTEN impossible');
        delay = Math.min(RECONNECT_MAX_MS, delay * 2);
        schedule();
      });
    }, delay);
    timer.unref();
  }

  await connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => {});
    client = undefined;
  };
}

async function listen(
  database: Database,
  onPayload: (payload: string) => void,
  logger: FastifyBaseLogger,
): Promise<Stop> {
  if (database.connectionString) return listenOnServer(database.connectionString, onPayload, logger);
  if (!database.pglite) throw new Error('live: base sans LISTEN');
  const unlisten = await database.pglite.listen(LIVE_CHANNEL, onPayload);
  return async () => {
    if (!database.pglite?.closed) await unlisten();
  };
}

/**
 * Fans events from the channel out to this process's streams. The LISTEN starts with the first
 * stream, so processes nobody watches (CLI, tests without SSE) hold no extra connection.
 */
export function createLiveHub(database: Database, logger: FastifyBaseLogger): LiveHub {
  const byUser = new Map<string, Set<LiveConnection>>();
  let listening: Promise<Stop> | undefined;

  function dispatch(raw: string) {
    let payload: LivePayload;
    try {
      payload = JSON.parse(raw) as LivePayload;
    } catch {
      return;
    }
    if (!Array.isArray(payload.u) || typeof payload.t !== 'string') return;
    const json = JSON.stringify(payload.d ?? null);
    for (const userId of payload.u) {
      for (const connection of byUser.get(userId) ?? []) connection.send(payload.t, json);
    }
  }

  return {
    async add(connection) {
      let set = byUser.get(connection.userId);
      if (!set) byUser.set(connection.userId, (set = new Set()));
      set.add(connection);
      listening ??= listen(database, dispatch, logger);
      try {
        await listening;
      } catch (error) {
        listening = undefined;
        this.remove(connection);
        throw error;
      }
    },
    remove(connection) {
      const set = byUser.get(connection.userId);
      set?.delete(connection);
      if (set?.size === 0) byUser.delete(connection.userId);
    },
    count: (userId) => byUser.get(userId)?.size ?? 0,
    async close() {
      byUser.clear();
      const stop = await listening?.catch(() => undefined);
      listening = undefined;
      await stop?.();
    },
  };
}
