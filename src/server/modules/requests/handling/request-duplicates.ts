import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import type { Executor } from '../../../platform/db/client.ts';
import type { DuplicateSuggestions } from '../../../../shared/requests/triage.schemas.ts';
import { requests } from '../requests.tables.ts';
import { visibleRequests } from '../request-access.ts';

export const DUPLICATE_RADIUS_M = 200;
export const DUPLICATE_WINDOW_DAYS = 30;
const MAX_SUGGESTIONS = 10;
const EARTH_RADIUS_M = 6_371_000;
const METERS_PER_DEGREE = 111_320;

/**
 * Possible duplicates of a request: same category, within 200 m, created in the 30 days before
 * it or since, not itself nor already closed as a duplicate, and visible to the actor. The
 * latitude/longitude box is an index range (requests_category_point_idx); the exact distance is
 * the haversine formula, in SQL so that only the near ones come back.
 */
export async function suggestDuplicates(
  db: Executor,
  actor: Actor,
  row: Pick<typeof requests.$inferSelect, 'id' | 'category' | 'lat' | 'lon'>,
  now = new Date(),
): Promise<DuplicateSuggestions> {
  const id = row.id;
  if (row.lat === null || row.lon === null) return { items: [] };
  const dLat = DUPLICATE_RADIUS_M / METERS_PER_DEGREE;
  const dLon = dLat / Math.max(Math.cos((row.lat * Math.PI) / 180), 0.01);
  const distance = sql<number>`(2 * ${EARTH_RADIUS_M} * asin(sqrt(power(sin(radians(${requests.lat} - ${row.lat}) / 2), 2) + cos(radians(${row.lat}::float8)) * cos(radians(${requests.lat})) * power(sin(radians(${requests.lon} - ${row.lon}) / 2), 2))))`;
  const near = await db
    .select({
      id: requests.id,
      reference: requests.reference,
      status: requests.status,
      createdAt: requests.createdAt,
      placeLabel: requests.placeLabel,
      description: requests.description,
      distance,
    })
    .from(requests)
    .where(
      and(
        await visibleRequests(db, actor, 'requests.read'),
        eq(requests.category, row.category),
        sql`${requests.lat} between ${row.lat - dLat} and ${row.lat + dLat}`,
        sql`${requests.lon} between ${row.lon - dLon} and ${row.lon + dLon}`,
        gt(requests.createdAt, new Date(now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000)),
        ne(requests.id, id),
        sql`${requests.closeReason} is distinct from 'duplicate'`,
        sql`${distance} <= ${DUPLICATE_RADIUS_M}`,
      ),
    )
    .orderBy(distance)
    .limit(MAX_SUGGESTIONS);
  return {
    items: near.map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      distanceMeters: Math.round(Number(r.distance)),
      placeLabel: r.placeLabel,
      excerpt: r.description.slice(0, 160),
    })),
  };
}
