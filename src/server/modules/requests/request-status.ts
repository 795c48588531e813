import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client.ts';
import type { RequestStatus } from '../../../shared/requests.schemas.ts';
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

export async function requestStandingOf(db: Executor, id: string): Promise<RequestStanding | null> {
  const [row] = await db
    .select({ id: requests.id, reference: requests.reference, status: requests.status, createdAt: requests.createdAt, acknowledgedAt: requests.acknowledgedAt, answeredAt: requests.answeredAt, closedAt: requests.closedAt })
    .from(requests)
    .where(eq(requests.id, id));
  if (!row) return null;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return { id: row.id, reference: row.reference, status: row.status, createdAt: row.createdAt.toISOString(), acknowledgedAt: iso(row.acknowledgedAt), answeredAt: iso(row.answeredAt), closedAt: iso(row.closedAt) };
}
