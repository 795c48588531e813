import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the national address API (BAN) in tests and browser tests: it answers
 * `GET /search/?q=&limit=` with the GeoJSON of the real service, from a small gazetteer given by
 * the test (an entry matches when every word of the query is in its label, accents ignored).
 * A test can make it fail (HTTP status) or hang (to exercise the client's timeout).
 */
export interface GazetteerEntry {
  label: string;
  lon: number;
  lat: number;
  citycode: string;
  postcode: string;
}

export interface BanPeer {
  url: string;
  /** Queries received, in order. */
  queries: string[];
  setEntries(entries: GazetteerEntry[]): void;
  /** `{ status: 500 }` answers that status; `'hang'` never answers; `null` works again. */
  setFailure(failure: { status: number } | 'hang' | null): void;
  close(): Promise<void>;
}

const fold = (value: string) => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function featureOf(entry: GazetteerEntry, score: number) {
  const [, street = entry.label] = /^(?:\d+\S*\s+)?(.*?)(?:\s+\d{5}.*)?$/.exec(entry.label) ?? [];
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [entry.lon, entry.lat] },
    properties: {
      label: entry.label,
      score,
      id: `${entry.citycode}_fake`,
      name: street,
      postcode: entry.postcode,
      citycode: entry.citycode,
      x: 0,
      y: 0,
      city: '',
      context: '',
      type: 'housenumber',
      importance: 0.5,
    },
  };
}

export async function startBanPeer(entries: GazetteerEntry[] = []): Promise<BanPeer> {
  let gazetteer = entries;
  let failure: { status: number } | 'hang' | null = null;
  const queries: string[] = [];
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/search/' && url.pathname !== '/search') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"code":404,"message":"Not found"}');
      return;
    }
    const q = url.searchParams.get('q') ?? '';
    queries.push(q);
    if (failure === 'hang') {
      hanging.add(response);
      return;
    }
    if (failure) {
      response
        .writeHead(failure.status, { 'content-type': 'application/json' })
        .end(`{"code":${failure.status},"message":"fake failure"}`);
      return;
    }
    // Like the real service: 3 to 200 characters, starting with a letter or a digit.
    if (q.trim().length < 3 || q.length > 200 || !/^[\p{L}\p{N}]/u.test(q.trim())) {
      response
        .writeHead(400, { 'content-type': 'application/json' })
        .end('{"code":400,"message":"q must contain between 3 and 200 chars and start with a number or a letter"}');
      return;
    }
    const words = fold(q)
      .split(/[\s,]+/)
      .filter(Boolean);
    const limit = Math.min(Number(url.searchParams.get('limit')) || 5, 20);
    const found = gazetteer.filter((entry) => words.every((word) => fold(entry.label).includes(word))).slice(0, limit);
    const body = {
      type: 'FeatureCollection',
      version: 'draft',
      features: found.map((entry, i) => featureOf(entry, 0.95 - i * 0.05)),
      attribution: 'BAN',
      licence: 'ETALAB-2.0',
      query: q,
      limit,
    };
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    setEntries(next) {
      gazetteer = next;
    },
    setFailure(next) {
      failure = next;
    },
    close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
