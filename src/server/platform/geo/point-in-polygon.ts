import type { SectorGeometry } from '../../../shared/territory/territory.schemas.ts';

type Ring = readonly (readonly number[])[];

/**
 * The one crossing rule every resolver uses (naive scan, bbox scan, sector index).
 *
 * Half-open in y: an edge counts when its lower end is at or below the point and its upper end
 * strictly above, so a vertex on the ray is counted once and horizontal edges never. The crossing
 * abscissa is always computed from the lower end, with the slope as a separate factor: a border
 * shared by two sectors (traversed in opposite directions) then yields bit-identical abscissas in
 * both, and a point lying exactly on it is inside exactly one of them (the one on its right), never
 * in both nor in neither. The index precomputes nothing that would change these floating-point
 * operations, so it agrees with the naive scan to the last bit.
 */
export function crossesRight(px: number, py: number, xa: number, ya: number, xb: number, yb: number): boolean {
  if (ya > py === yb > py) return false;
  if (ya < yb) return px < xa + (py - ya) * ((xb - xa) / (yb - ya));
  return px < xb + (py - yb) * ((xa - xb) / (ya - yb));
}

/** Ray casting on one ring; closed or not, the closing edge is implied. */
export function pointInRing(ring: Ring, px: number, py: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[j];
    const b = ring[i];
    if (crossesRight(px, py, a[0], a[1], b[0], b[1])) inside = !inside;
  }
  return inside;
}

/** Even-odd over all rings of one polygon, so holes need no special case. */
export function pointInPolygon(rings: readonly Ring[], px: number, py: number): boolean {
  let inside = false;
  for (const ring of rings) {
    if (pointInRing(ring, px, py)) inside = !inside;
  }
  return inside;
}

/** A MultiPolygon contains the point when one of its polygons does (parts are tested separately). */
export function pointInGeometry(geometry: SectorGeometry, lon: number, lat: number): boolean {
  if (geometry.type === 'Polygon') return pointInPolygon(geometry.coordinates, lon, lat);
  for (const polygon of geometry.coordinates) {
    if (pointInPolygon(polygon, lon, lat)) return true;
  }
  return false;
}

/**
 * The baseline the index is measured and tested against: every entry in order, no index, no bbox
 * pre-check. The first entry containing the point wins, as in the index.
 */
export function naiveResolve<T>(
  entries: ReadonlyArray<{ value: T; geometry: SectorGeometry }>,
  lon: number,
  lat: number,
): T | undefined {
  for (const entry of entries) {
    if (pointInGeometry(entry.geometry, lon, lat)) return entry.value;
  }
  return undefined;
}
