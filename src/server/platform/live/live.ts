import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';

/** The PostgreSQL channel every web process listens on (see live-hub.ts). */
export const LIVE_CHANNEL = 'psq_live';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more: we stay well under. */
const MAX_PAYLOAD_BYTES = 7_800;
/** Events carry ids and statuses; clients fetch the rest with their own rights. */
const MAX_EVENT_BYTES = 1_500;
/** Payloads per statement: one round trip even for a large fan-out, without a huge parameter. */
const STATEMENT_BATCH = 2_000;
/** A uuid in a JSON array: 36 characters, two quotes and a comma. */
const ID_BYTES = 39;

export interface LiveEvent {
  type: string;
  data: unknown;
}

/** What travels on the channel: the users to reach (`u`), the event type (`t`) and its data (`d`). */
export interface LivePayload {
  u: string[];
  t: string;
  d: unknown;
}

function eventJson(event: LiveEvent): string {
  if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(event.type))
    throw new Error(`type d'événement en direct invalide : ${event.type}`);
  const json = JSON.stringify({ t: event.type, d: event.data ?? null });
  if (Buffer.byteLength(json) > MAX_EVENT_BYTES)
    throw new Error(`événement en direct trop gros (${event.type}) : n'envoyer que des identifiants`);
  return json;
}

/** Splits the recipients so that every payload stays under PostgreSQL's limit. */
export function buildLivePayloads(userIds: string[], event: LiveEvent): string[] {
  const base = Buffer.byteLength(eventJson(event)) + 16;
  const perPayload = Math.max(1, Math.floor((MAX_PAYLOAD_BYTES - base) / ID_BYTES));
  const unique = [...new Set(userIds)];
  const payloads: string[] = [];
  for (let start = 0; start < unique.length; start += perPayload) {
    const payload: LivePayload = { u: unique.slice(start, start + perPayload), t: event.type, d: event.data ?? null };
    payloads.push(JSON.stringify(payload));
  }
  return payloads;
}

async function sendPayloads(tx: Executor, payloads: string[]): Promise<void> {
  for (let start = 0; start < payloads.length; start += STATEMENT_BATCH) {
    const batch = JSON.stringify(payloads.slice(start, start + STATEMENT_BATCH));
    // One parameter (a JSON array of payload strings) whatever the driver: no array binding quirks.
    await tx.execute(
      sql`select pg_notify(${LIVE_CHANNEL}, p.value) from json_array_elements_text(${batch}::json) as p`,
    );
  }
}

/**
 * Tells the listed users' browsers that something happened. Called inside the caller's
 * transaction: PostgreSQL delivers NOTIFY at commit only, so a rolled-back change is never
 * announced, and every web process (and only after commit) fans the event out to its streams.
 */
export async function publishLive(tx: Executor, userIds: string[], event: LiveEvent): Promise<void> {
  if (userIds.length === 0) return;
  await sendPayloads(tx, buildLivePayloads(userIds, event));
}

/** One event per user with data of its own (e.g. each recipient's delivery id), in few statements. */
export async function publishLiveEach(tx: Executor, events: Array<{ userId: string } & LiveEvent>): Promise<void> {
  if (events.length === 0) return;
  await sendPayloads(
    tx,
    events.flatMap((event) => buildLivePayloads([event.userId], event)),
  );
}
