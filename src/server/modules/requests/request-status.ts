import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { RequestStatus } from '../../../shared/requests/requests.schemas.ts';
import { requests } from './requests.tables.ts';

/** Where a request stands, without its content: what a delegate sees of the request made from their visit. */
export interface RequestStanding {
  id: string;
  reference: string;
  status: RequestStatus;
  createdAt: string;
  acknowledgedAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
}

const standingColumns = {
  id: requests.id,
  reference: requests.reference,
  status: requests.status,
  createdAt: requests.createdAt,
  acknowledgedAt: requests.acknowledgedAt,
  answeredAt: requests.answeredAt,
  closedAt: requests.closedAt,
};

function toStanding(row: {
  id: string;
  reference: string;
  status: RequestStatus;
  createdAt: Date;
  acknowledgedAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
}): RequestStanding {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    answeredAt: iso(row.answeredAt),
    closedAt: iso(row.closedAt),
  };
}

export async function requestStandingOf(db: Executor, id: string): Promise<RequestStanding | null> {
  const [row] = await db.select(standingColumns).from(requests).where(eq(requests.id, id));
  return row ? toStanding(row) : null;
}

/** The standings of several requests in one query, by id; ids of deleted requests are absent. */
export async function requestStandingsOf(db: Executor, ids: string[]): Promise<Map<string, RequestStanding>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select(standingColumns).from(requests).where(inArray(requests.id, unique));
  return new Map(rows.map((row) => [row.id, toStanding(row)]));
}
