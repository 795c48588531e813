import { useEffect, useRef } from 'react';
import { LIVE_OPEN_EVENT } from '../../shared/platform/live.schemas.ts';
import { platformContracts } from '../../shared/platform/platform.contracts.ts';
import { urlOf } from './call.ts';

export { LIVE_OPEN_EVENT };

type Handler = (data: unknown) => void;

/**
 * One EventSource per tab, shared by every component that listens: the server allows a few
 * streams per person, and each is a socket. Opened with the first listener, closed with the last.
 */
const handlers = new Map<string, Set<Handler>>();
let source: EventSource | null = null;
/** Types already listened to on the current source (a listener is never added twice). */
let attached = new Set<string>();
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelay = 1_000;
const MAX_RETRY_MS = 60_000;

function dispatch(type: string, data: unknown): void {
  for (const handler of handlers.get(type) ?? []) handler(data);
}

function attach(es: EventSource, type: string): void {
  if (type === LIVE_OPEN_EVENT || attached.has(type)) return;
  attached.add(type);
  es.addEventListener(type, (event) => {
    let data: unknown = null;
    try {
      data = JSON.parse((event as MessageEvent<string>).data);
    } catch {
      return;
    }
    dispatch(type, data);
  });
}

function connect(): void {
  if (source || handlers.size === 0 || typeof EventSource === 'undefined') return;
  const es = new EventSource(urlOf(platformContracts.live));
  source = es;
  attached = new Set();
  for (const type of handlers.keys()) attach(es, type);
  // Events raised while the stream was down are lost: listeners refetch when it (re)opens.
  es.onopen = () => {
    retryDelay = 1_000;
    dispatch(LIVE_OPEN_EVENT, null);
  };
  es.onerror = () => {
    // The browser retries by itself after a network drop; a refusal (401, 429) closes for good.
    if (es.readyState !== EventSource.CLOSED) return;
    source = null;
    if (retryTimer || handlers.size === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, retryDelay);
    retryDelay = Math.min(MAX_RETRY_MS, retryDelay * 2);
  };
}

function disconnect(): void {
  source?.close();
  source = null;
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
}

function subscribe(type: string, handler: Handler): () => void {
  let set = handlers.get(type);
  if (!set) handlers.set(type, (set = new Set()));
  set.add(handler);
  if (source) attach(source, type);
  connect();
  return () => {
    set.delete(handler);
    if (set.size === 0) handlers.delete(type);
    if (handlers.size === 0) disconnect();
  };
}

/**
 * Calls `onEvent` with the data of each `type` event sent to the signed-in person (see
 * GET /api/live). `live.open` fires each time the stream (re)opens. Pass `enabled: false`
 * while signed out.
 */
export function useLiveEvent(type: string, onEvent: (data: unknown) => void, enabled = true): void {
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    if (!enabled) return undefined;
    return subscribe(type, (data) => latest.current(data));
  }, [type, enabled]);
}
