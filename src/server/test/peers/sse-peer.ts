import http from 'node:http';

export interface ReceivedEvent {
  type: string;
  data: unknown;
}

export interface SsePeer {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: ReceivedEvent[];
  /** Raw text received, heartbeats included. */
  text(): string;
  waitFor(predicate: (event: ReceivedEvent) => boolean, ms?: number): Promise<ReceivedEvent>;
  close(): void;
}

/** A real HTTP client of an event stream (the way a browser's EventSource reads it), for tests. */
export function openSsePeer(url: string, headers: Record<string, string>): Promise<SsePeer> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { ...headers, accept: 'text/event-stream' } }, (response) => {
      const events: ReceivedEvent[] = [];
      const waiters = new Set<() => void>();
      let raw = '';
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const type = lines.find((line) => line.startsWith('event: '))?.slice(7);
          const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
          if (type && data !== undefined) events.push({ type, data: JSON.parse(data) });
        }
        for (const wake of waiters) wake();
      });
      response.on('error', () => {});
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        events,
        text: () => raw,
        waitFor(predicate, ms = 5_000) {
          return new Promise((done, fail) => {
            const check = () => {
              const found = events.find(predicate);
              if (!found) return;
              waiters.delete(check);
              clearTimeout(timer);
              done(found);
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`));
            }, ms);
            waiters.add(check);
            check();
          });
        },
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}
