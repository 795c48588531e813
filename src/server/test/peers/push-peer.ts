import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A local push service (the role of FCM or Mozilla autopush) for tests: it records what it
// receives, encrypted, and answers as told. Imported by tests only.

export interface ReceivedPush {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface PushPeer {
  url: string;
  received: ReceivedPush[];
  /** Answers this status to every request on `path` (e.g. 410 for an expired subscription). */
  answer(path: string, status: number): void;
  close(): Promise<void>;
}

export async function startPushPeer(): Promise<PushPeer> {
  const received: ReceivedPush[] = [];
  const answers = new Map<string, number>();
  let counter = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      const status = answers.get(path) ?? 201;
      // Like real push services: 201 Created with the message's location.
      if (status === 201) response.setHeader('location', `${path}/messages/${++counter}`);
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answer: (path, status) => void answers.set(path, status),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
