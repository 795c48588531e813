import type { Database } from '../../../platform/db/client.ts';
import type { Resolution } from '../../../../shared/territory/territory.schemas.ts';
import type { Routing } from '../../../../shared/requests/requests.schemas.ts';
import { resolvePoint } from '../../territory/index.ts';

export interface RequestPlace {
  routing: Routing;
  sectorId: string | null;
  municipalityId: string | null;
  departmentId: string | null;
  outsideSectors: boolean;
  sector: Resolution['sector'] | null;
}

const KM_PER_DEGREE_LAT = 111.32;
const DIRECTIONS = 8;

/**
 * Where a request goes. Inside a sector: that sector. Outside every sector (communes have no
 * outline here, only sectors do): the département of the nearest sector found on rings of
 * growing radius around the point, up to `radiusKm` — accepted and flagged, in the département's
 * inbox. Farther than that: "non routée" (no territory), flagged too; nothing is refused.
 */
export async function routeRequest(
  database: Database,
  lon: number,
  lat: number,
  radiusKm: number,
  pollMs: number,
): Promise<RequestPlace> {
  const found = await resolvePoint(database, lon, lat, { pollMs });
  if (found)
    return {
      routing: 'sector',
      sectorId: found.sector.id,
      municipalityId: found.municipality.id,
      departmentId: found.department.id,
      outsideSectors: false,
      sector: found.sector,
    };
  const kmPerDegreeLon = KM_PER_DEGREE_LAT * Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  for (const km of [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50].filter((r) => r <= radiusKm)) {
    for (let i = 0; i < DIRECTIONS; i += 1) {
      const angle = (2 * Math.PI * i) / DIRECTIONS;
      const near = await resolvePoint(
        database,
        lon + (km * Math.cos(angle)) / kmPerDegreeLon,
        lat + (km * Math.sin(angle)) / KM_PER_DEGREE_LAT,
        { pollMs },
      );
      if (near)
        return {
          routing: 'department',
          sectorId: null,
          municipalityId: null,
          departmentId: near.department.id,
          outsideSectors: true,
          sector: null,
        };
    }
  }
  return {
    routing: 'unrouted',
    sectorId: null,
    municipalityId: null,
    departmentId: null,
    outsideSectors: true,
    sector: null,
  };
}

export const routingOf = (row: { sectorId: string | null; departmentId: string | null }): Routing =>
  row.sectorId ? 'sector' : row.departmentId ? 'department' : 'unrouted';
