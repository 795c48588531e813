import { geometriesOverlap } from '../../platform/geo/overlap.ts';
import { validateSectorGeometry } from '../../platform/geo/validate-geometry.ts';
import { UnprocessableError } from '../../platform/errors.ts';
import type { SectorGeometry } from '../../../shared/territory/territory.schemas.ts';
import type { SectorRow } from './territory.queries.ts';

export interface CheckedGeometry {
  geometry: SectorGeometry;
  columns: {
    geometry: SectorGeometry;
    vertexCount: number;
    minLon: number;
    minLat: number;
    maxLon: number;
    maxLat: number;
  };
}

/** Validates a sector's geometry and returns the columns stored with it (bbox for quick filters). */
export function tryCheckGeometry(input: unknown): CheckedGeometry | { error: string } {
  const result = validateSectorGeometry(input);
  if (!result.ok) return { error: result.message };
  const [minLon, minLat, maxLon, maxLat] = result.bbox;
  return {
    geometry: result.geometry,
    columns: { geometry: result.geometry, vertexCount: result.vertexCount, minLon, minLat, maxLon, maxLat },
  };
}

export function checkGeometry(input: unknown): CheckedGeometry {
  const checked = tryCheckGeometry(input);
  if ('error' in checked) throw new UnprocessableError(`Géométrie invalide : ${checked.error}`);
  return checked;
}

/** The first neighbour whose interior meets this geometry's, if any. */
export function findOverlap<T extends { geometry: SectorGeometry }>(
  geometry: SectorGeometry,
  neighbours: T[],
): T | undefined {
  try {
    return neighbours.find((neighbour) => geometriesOverlap(geometry, neighbour.geometry));
  } catch (error) {
    // The clipping library gave up on a degenerate shape: refuse it rather than guess.
    throw new UnprocessableError(`Géométrie invalide : ${(error as Error).message}`);
  }
}

export function assertNoOverlap(geometry: SectorGeometry, neighbours: SectorRow[]): void {
  const overlap = findOverlap(geometry, neighbours);
  if (overlap) {
    throw new UnprocessableError(
      `Le secteur chevauche le secteur « ${overlap.name} » (${overlap.code}) de la même commune.`,
    );
  }
}
