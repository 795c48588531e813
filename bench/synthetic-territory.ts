import { prng } from '../src/server/platform/geo/prng.ts';
import type { SectorGeometry } from '../src/shared/territory/territory.schemas.ts';
import { validateSectorGeometry } from '../src/server/platform/geo/validate-geometry.ts';

/**
 * A France-sized territory, deterministic for a given seed: a jittered grid of communes over the
 * bbox of metropolitan France, whose borders are irregular polylines stored once and shared by both
 * neighbours (so borders match to the bit, as in a real topological dataset). Some communes are
 * split into neighbourhood sectors, some hold an enclave (a hole) belonging to their neighbour (a
 * MultiPolygon).
 */

export const FRANCE_BBOX = [-5, 41.3, 9.5, 51.1] as const;
type Point = [number, number];

export interface SyntheticTerritory {
  entries: Array<{ value: number; geometry: SectorGeometry }>;
  communes: number;
  splitCommunes: number;
  enclaves: number;
  /** Corners shared by 3-4 communes: points exactly on borders, for determinism checks. */
  corners: Point[];
  communeVertices: { min: number; mean: number; max: number };
}

export interface TerritoryOptions {
  seed?: number;
  columns?: number;
  rows?: number;
  splits?: number;
  enclaves?: number;
}

export { prng };

export function buildSyntheticTerritory(options: TerritoryOptions = {}): SyntheticTerritory {
  const { seed = 1789, columns = 187, rows = 187, splits = 100, enclaves = 20 } = options;
  const random = prng(seed);
  const [x0, y0, x1, y1] = FRANCE_BBOX;
  const cw = (x1 - x0) / columns,
    ch = (y1 - y0) / rows;

  // Nodes: interior ones jittered, border ones kept on the bbox so that the union is the bbox.
  const node = (i: number, j: number): Point => nodes[j * (columns + 1) + i];
  const nodes: Point[] = [];
  for (let j = 0; j <= rows; j++) {
    for (let i = 0; i <= columns; i++) {
      const jx = i > 0 && i < columns ? (random() - 0.5) * 0.5 * cw : 0;
      const jy = j > 0 && j < rows ? (random() - 0.5) * 0.5 * ch : 0;
      nodes.push([i === columns ? x1 : x0 + i * cw + jx, j === rows ? y1 : y0 + j * ch + jy]);
    }
  }
  // Borders between nodes, endpoints included; the bbox's own sides stay straight.
  const border = (a: Point, b: Point, straight: boolean): Point[] => {
    const k = 12 + Math.floor(80 * random() ** 2.2);
    const dx = b[0] - a[0],
      dy = b[1] - a[1];
    const amplitude = 0.05 * (0.5 + random()),
      frequency = 0.5 + 2 * random(),
      phase = random();
    const line: Point[] = [a];
    for (let m = 1; m <= k; m++) {
      // Abscissas increase along the chord, so the polyline is a graph over it: never self-crossing.
      const t = (m - 0.5 + random() * 0.8 - 0.4 + 0.5) / (k + 1);
      const d = straight
        ? 0
        : Math.sin(Math.PI * t) *
          (amplitude * Math.sin(2 * Math.PI * (frequency * t + phase)) + 0.02 * (random() - 0.5));
      line.push([a[0] + t * dx - d * dy, a[1] + t * dy + d * dx]);
    }
    line.push(b);
    return line;
  };
  const horizontal: Point[][] = [],
    vertical: Point[][] = [];
  for (let j = 0; j <= rows; j++)
    for (let i = 0; i < columns; i++) horizontal.push(border(node(i, j), node(i + 1, j), j === 0 || j === rows));
  for (let j = 0; j < rows; j++)
    for (let i = 0; i <= columns; i++) vertical.push(border(node(i, j), node(i, j + 1), i === 0 || i === columns));
  const sides = (i: number, j: number) => ({
    bottom: horizontal[j * columns + i],
    right: vertical[j * (columns + 1) + i + 1],
    top: horizontal[(j + 1) * columns + i],
    left: vertical[j * (columns + 1) + i],
  });
  const communeRing = (i: number, j: number): Point[] => {
    const { bottom, right, top, left } = sides(i, j);
    return [...bottom, ...right.slice(1), ...[...top].reverse().slice(1), ...[...left].reverse().slice(1)];
  };

  const communes = columns * rows;
  const geometries: Array<SectorGeometry[]> = [];
  const vertexCounts: number[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < columns; i++) {
      const ring = communeRing(i, j);
      vertexCounts.push(ring.length - 1);
      geometries.push([{ type: 'Polygon', coordinates: [ring] }]);
    }
  }

  // Enclaves: a hole in one commune, owned by its right-hand neighbour as a second polygon.
  const touched = new Set<number>();
  let enclaveCount = 0;
  while (enclaveCount < enclaves) {
    const i = Math.floor(random() * (columns - 1)),
      j = Math.floor(random() * rows),
      host = j * columns + i;
    if (touched.has(host) || touched.has(host + 1)) continue;
    const [cx, cy] = [0, 1].map(
      (axis) => (node(i, j)[axis] + node(i + 1, j)[axis] + node(i, j + 1)[axis] + node(i + 1, j + 1)[axis]) / 4,
    );
    const enclave: Point[] = Array.from({ length: 24 }, (_, k) => {
      const t = (2 * Math.PI * k) / 24,
        r = 0.08 + 0.04 * random();
      return [cx + r * cw * Math.cos(t), cy + r * ch * Math.sin(t)];
    });
    enclave.push(enclave[0]);
    const hostGeometry: SectorGeometry = { type: 'Polygon', coordinates: [communeRing(i, j), [...enclave].reverse()] };
    const ownerGeometry: SectorGeometry = { type: 'MultiPolygon', coordinates: [[communeRing(i + 1, j)], [enclave]] };
    if (!validateSectorGeometry(hostGeometry).ok || !validateSectorGeometry(ownerGeometry).ok) continue;
    geometries[host] = [hostGeometry];
    geometries[host + 1] = [ownerGeometry];
    touched.add(host).add(host + 1);
    enclaveCount++;
  }

  let splitCount = 0;
  while (splitCount < splits) {
    const i = Math.floor(random() * columns),
      j = Math.floor(random() * rows),
      index = j * columns + i;
    if (touched.has(index)) continue;
    touched.add(index);
    const sectors = splitCommune(sides(i, j), 2 + Math.floor(random() * 3), 2 + Math.floor(random() * 3));
    if (!sectors.every((sector) => validateSectorGeometry(sector).ok)) continue;
    geometries[index] = sectors;
    splitCount++;
  }

  const entries = geometries.flat().map((geometry, value) => ({ value, geometry }));
  const corners: Point[] = [];
  for (let j = 1; j < rows; j++) for (let i = 1; i < columns; i++) corners.push(node(i, j));
  const mean = vertexCounts.reduce((sum, n) => sum + n, 0) / vertexCounts.length;
  return {
    entries,
    communes,
    splitCommunes: splitCount,
    enclaves: enclaveCount,
    corners,
    communeVertices: { min: Math.min(...vertexCounts), mean, max: Math.max(...vertexCounts) },
  };
}

/**
 * Cuts a commune into a columns × rows patchwork. The commune's own borders are split at existing
 * vertices and reused as is; inner borders are straight lines between the split points, shared
 * by both sectors, so the sectors tile the commune exactly.
 */
function splitCommune(
  sides: { bottom: Point[]; right: Point[]; top: Point[]; left: Point[] },
  columns: number,
  rows: number,
): SectorGeometry[] {
  const { bottom, right, top, left } = sides;
  const cut = (line: Point[], parts: number) =>
    Array.from({ length: parts + 1 }, (_, k) => Math.round((k * (line.length - 1)) / parts));
  const sb = cut(bottom, columns),
    st = cut(top, columns),
    sl = cut(left, rows),
    sr = cut(right, rows);
  const node = (c: number, r: number): Point => {
    if (r === 0) return bottom[sb[c]];
    if (r === rows) return top[st[c]];
    if (c === 0) return left[sl[r]];
    if (c === columns) return right[sr[r]];
    return intersect(bottom[sb[c]], top[st[c]], left[sl[r]], right[sr[r]]);
  };
  const sectors: SectorGeometry[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const ring: Point[] = [
        ...(r === 0 ? bottom.slice(sb[c], sb[c + 1]) : [node(c, r)]),
        ...(c + 1 === columns ? right.slice(sr[r], sr[r + 1]) : [node(c + 1, r)]),
        ...(r + 1 === rows ? top.slice(st[c] + 1, st[c + 1] + 1).reverse() : [node(c + 1, r + 1)]),
        ...(c === 0 ? left.slice(sl[r] + 1, sl[r + 1] + 1).reverse() : [node(c, r + 1)]),
      ];
      ring.push(ring[0]);
      sectors.push({ type: 'Polygon', coordinates: [ring] });
    }
  }
  return sectors;
}

function intersect(a: Point, b: Point, c: Point, d: Point): Point {
  const denominator = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
  const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / denominator;
  return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
}
