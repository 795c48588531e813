import type { SectorGeometry } from '../../../shared/territory/territory.schemas.ts';
import { OVERLAP_AREA_THRESHOLD, geometriesOverlap, partsOverlapArea } from './overlap.ts';
import { pointInRing } from './point-in-polygon.ts';
import { createSectorIndex } from './sector-index.ts';

/**
 * Checks between whole rings and polygons, once edges are known not to touch: a ring is then
 * entirely on one side of any other ring, and one of its vertices tells which.
 * Up to a few dozen rings all pairs are cheap; beyond, the sector index answers each vertex in
 * near-constant time, so that 10,000 holes cost no more than 10.
 */

type Ring = number[][];
const PAIRWISE_LIMIT = 32;

/** Message naming the first hole outside its shell or inside another hole, or null. */
export function findMisplacedHole(rings: Ring[], name: (r: number) => string): string | null {
  const holes = rings.length - 1;
  if (holes === 0) return null;
  const polygon = (r: number): SectorGeometry => ({ type: 'Polygon', coordinates: [rings[r]] });
  const shell = holes > PAIRWISE_LIMIT ? createSectorIndex([{ value: 0, geometry: polygon(0) }]) : undefined;
  for (let h = 1; h <= holes; h++) {
    const [x, y] = rings[h][0];
    const inside = shell ? shell.resolve(x, y) === 0 : pointInRing(rings[0], x, y);
    if (!inside) return `${name(h)} (un trou) est en dehors du contour extérieur`;
  }
  if (holes < 2) return null;
  const nested = (inner: number, outer: number) =>
    `${name(inner)} (un trou) est à l'intérieur d'un autre trou, ${name(outer)}`;
  if (holes <= PAIRWISE_LIMIT) {
    for (let h = 1; h <= holes; h++) {
      for (let g = 1; g <= holes; g++)
        if (g !== h && pointInRing(rings[g], rings[h][0][0], rings[h][0][1])) return nested(h, g);
    }
    return null;
  }
  // A hole's vertex lies on its own ring, which may or may not count it as inside; the first
  // containing hole in one order, and the first in the reverse order, cannot both be itself if
  // another hole contains it.
  const entries = rings.slice(1).map((_, k) => ({ value: k + 1, geometry: polygon(k + 1) }));
  const forward = createSectorIndex(entries),
    backward = createSectorIndex([...entries].reverse());
  for (let h = 1; h <= holes; h++) {
    const [x, y] = rings[h][0];
    for (const owner of [forward.resolve(x, y), backward.resolve(x, y)])
      if (owner !== undefined && owner !== h) return nested(h, owner);
  }
  return null;
}

type Boxed = { index: number; box: [number, number, number, number] };

function boxOf(ring: Ring): Boxed['box'] {
  const box: Boxed['box'] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of ring) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}

/** Pairs of items whose boxes meet (sort and sweep on x), at most `limit` + 1 of them. */
function boxPairs(items: Boxed[], limit: number): Array<[number, number]> {
  const sorted = [...items].sort((a, b) => a.box[0] - b.box[0]);
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].box[0] <= a.box[2]; j++) {
      const b = sorted[j];
      if (b.box[1] > a.box[3] || a.box[1] > b.box[3]) continue;
      pairs.push(a.index < b.index ? [a.index, b.index] : [b.index, a.index]);
      if (pairs.length > limit) return pairs;
    }
  }
  return pairs;
}

/** Message naming two overlapping polygons of a MultiPolygon, or null. Touching is allowed. */
export function findOverlappingParts(polygons: Ring[][]): string | null {
  const pairs = boxPairs(
    polygons.map((rings, index) => ({ index, box: boxOf(rings[0]) })),
    PAIRWISE_LIMIT,
  );
  try {
    if (pairs.length <= PAIRWISE_LIMIT) {
      pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
      for (const [a, b] of pairs) {
        if (
          geometriesOverlap(
            { type: 'Polygon', coordinates: polygons[a] },
            { type: 'Polygon', coordinates: polygons[b] },
          )
        ) {
          return `les polygones ${a} et ${b} de la géométrie se chevauchent`;
        }
      }
      return null;
    }
    return partsOverlapArea(polygons) > OVERLAP_AREA_THRESHOLD ? 'des polygones de la géométrie se chevauchent' : null;
  } catch {
    return 'impossible de vérifier que les polygones de la géométrie ne se chevauchent pas : simplifiez-la';
  }
}
