import type { RequestReceipt } from '../../../shared/requests/requests.schemas.ts';
import type { TestApp } from '../../test/test-app.ts';
import { makeStaffedTerritory } from '../../test/staffed-territory.ts';

let address = 0;

/** A source address of its own, so that per-IP limits of one test do not touch another. */
export const freshIp = () => `10.${Math.floor(++address / 250) % 250}.${address % 250}.${1 + (process.pid % 250)}`;

/** A territory of its own (département → commune → one sector square) and its police referent. */
export async function makeSectorWithStaff(t: TestApp) {
  const territory = await makeStaffedTerritory(t);
  return {
    ...territory,
    referent: await territory.as('police_referent', 'sector', territory.sector.id),
  };
}

export const requestBody = (point: { lon: number; lat: number }, overrides: Record<string, unknown> = {}) => ({
  category: 'motorbike_rodeo',
  description: 'Des motos font des rodéos tous les soirs sur le parking du gymnase.',
  timeOfDay: 'evening',
  recurring: true,
  point,
  anonymity: 'police_only',
  ...overrides,
});

export async function submit(t: TestApp, body: Record<string, unknown>, options: { ip?: string; key?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/requests',
    payload: body,
    remoteAddress: options.ip ?? freshIp(),
    headers: options.key ? { 'idempotency-key': options.key } : {},
  });
}

export async function submitOk(t: TestApp, body: Record<string, unknown>): Promise<RequestReceipt> {
  const response = await submit(t, body);
  if (response.statusCode !== 201) throw new Error(`request: ${response.statusCode} ${response.body}`);
  return response.json();
}

export async function rows<T>(t: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return t.database.query<T>(text, params);
}

/** The id of the request with this reference (receipts give references only). */
export async function requestIdOf(t: TestApp, reference: string): Promise<string> {
  const [row] = await rows<{ id: string }>(t, 'select id from requests where reference = $1', [reference]);
  return row.id;
}

/** One handling step through the staff API (`POST /api/requests/:id/actions`). */
export const actOn = (t: TestApp, headers: Record<string, string>, id: string, body: object) =>
  t.app.inject({ method: 'POST', url: `/api/requests/${id}/actions`, headers, payload: body });
