import type { SectorGeometry } from '../../../shared/territory/territory.schemas.ts';
import { findMisplacedHole, findOverlappingParts } from './polygon-relations.ts';
import { findSelfIntersection } from './self-intersection.ts';

/** Above this a sector slows every check and every map: the author must simplify it. */
export const MAX_SECTOR_VERTICES = 50_000;
/** Square degrees (about 1 cm²): anything smaller is a degenerate ring, not a sector. */
const MIN_RING_AREA = 1e-12;

export type Bbox = [minLon: number, minLat: number, maxLon: number, maxLat: number];
export type GeometryValidation =
  | { ok: true; geometry: SectorGeometry; vertexCount: number; bbox: Bbox }
  | { ok: false; message: string };

type Ring = number[][];
class Invalid extends Error {}

/** French grouping (« 200 000 ») with a plain space, so that messages stay ASCII-friendly in logs. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function coordinate(n: number): string {
  return String(Number(n.toFixed(5)));
}

/**
 * Validates a sector geometry and returns it normalised: 2D positions, consecutive duplicate
 * positions dropped, outer rings counter-clockwise and holes clockwise (RFC 7946).
 * Indices in messages are 0-based, as in the GeoJSON arrays.
 */
export function validateSectorGeometry(input: unknown): GeometryValidation {
  try {
    return { ok: true, ...validate(input) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, message: error.message };
    throw error;
  }
}

function validate(input: unknown): { geometry: SectorGeometry; vertexCount: number; bbox: Bbox } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new Invalid('la géométrie doit être un objet GeoJSON');
  const { type, coordinates } = input as { type?: unknown; coordinates?: unknown };
  if (type !== 'Polygon' && type !== 'MultiPolygon')
    throw new Invalid(
      `type de géométrie non pris en charge : ${JSON.stringify(type) ?? 'absent'} (attendu : Polygon ou MultiPolygon)`,
    );
  if (!Array.isArray(coordinates)) throw new Invalid('les coordonnées (« coordinates ») doivent être un tableau');
  const multi = type === 'MultiPolygon';
  const polygons: unknown[] = multi ? coordinates : [coordinates];
  if (polygons.length === 0) throw new Invalid('la géométrie ne contient aucun polygone');
  const polygonName = (p: number) => (multi ? `le polygone ${p}` : 'le polygone');
  const ringName = (p: number, r: number) => (multi ? `l'anneau ${r} du polygone ${p}` : `l'anneau ${r}`);

  // Cheap structural pass first: an oversized geometry is refused before any real work.
  let rawVertices = 0;
  polygons.forEach((polygon, p) => {
    if (!Array.isArray(polygon)) throw new Invalid(`${polygonName(p)} doit être un tableau d'anneaux`);
    if (polygon.length === 0) throw new Invalid(`${polygonName(p)} n'a aucun anneau`);
    polygon.forEach((ring, r) => {
      if (!Array.isArray(ring)) throw new Invalid(`${ringName(p, r)} doit être un tableau de positions`);
      rawVertices += Math.max(0, ring.length - 1);
    });
  });
  if (rawVertices > MAX_SECTOR_VERTICES) {
    throw new Invalid(
      `la géométrie compte ${count(rawVertices)} sommets, le maximum est ${count(MAX_SECTOR_VERTICES)} : simplifiez-la`,
    );
  }

  const bbox: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  let vertexCount = 0;
  const normalised = (polygons as unknown[][][]).map((polygon, p) =>
    polygon.map((ring, r) => {
      const clean = normaliseRing(ring, ringName(p, r));
      vertexCount += clean.length - 1;
      for (const [x, y] of clean) {
        bbox[0] = Math.min(bbox[0], x);
        bbox[1] = Math.min(bbox[1], y);
        bbox[2] = Math.max(bbox[2], x);
        bbox[3] = Math.max(bbox[3], y);
      }
      return clean;
    }),
  );

  normalised.forEach((rings, p) => {
    const hit = findSelfIntersection(toRingSet(rings));
    if (hit)
      throw new Invalid(
        `la géométrie se recoupe elle-même près de (${coordinate(hit[0])}, ` +
          `${coordinate(hit[1])})${multi ? ` dans le polygone ${p}` : ''}`,
      );
    orientRings(rings, (r) => ringName(p, r));
    const misplaced = findMisplacedHole(rings, (r) => ringName(p, r));
    if (misplaced) throw new Invalid(misplaced);
  });
  const overlapping = multi ? findOverlappingParts(normalised) : null;
  if (overlapping) throw new Invalid(overlapping);

  const geometry: SectorGeometry = multi
    ? { type: 'MultiPolygon', coordinates: normalised }
    : { type: 'Polygon', coordinates: normalised[0] };
  return { geometry, vertexCount, bbox };
}

function normaliseRing(input: unknown[], name: string): Ring {
  if (typeof input[0] === 'number')
    throw new Invalid(`${name} doit être un tableau de positions (un niveau de tableaux manque)`);
  const ring: Ring = [];
  input.forEach((position, i) => {
    if (
      !Array.isArray(position) ||
      position.length < 2 ||
      position.length > 3 ||
      !position.every((n) => typeof n === 'number' && Number.isFinite(n))
    ) {
      throw new Invalid(
        `la position ${i} de ${name} doit être [longitude, latitude] ou [longitude, ` +
          `latitude, altitude], en nombres finis`,
      );
    }
    const [lon, lat] = position as number[];
    if (lon < -180 || lon > 180)
      throw new Invalid(`longitude hors limites (-180 à 180) : ${lon} (position ${i} de ${name})`);
    if (lat < -90 || lat > 90)
      throw new Invalid(`latitude hors limites (-90 à 90) : ${lat} (position ${i} de ${name})`);
    const previous = ring[ring.length - 1];
    if (!previous || previous[0] !== lon || previous[1] !== lat) ring.push([lon, lat]);
  });
  if (input.length < 4)
    throw new Invalid(`${name} compte ${input.length} position(s), il en faut au moins 4 (anneau fermé)`);
  const first = ring[0],
    last = ring[ring.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1])
    throw new Invalid(`${name} n'est pas fermé (la première et la dernière position diffèrent)`);
  if (ring.length < 4) throw new Invalid(`${name} est dégénéré : moins de 3 sommets distincts`);
  // Flat (all vertices on one line) is named as such, rather than as folding onto itself.
  if (fanArea(ring) < MIN_RING_AREA) throw new Invalid(`${name} est d'aire nulle`);
  return ring;
}

/** Sum of the absolute areas of the triangle fan: zero only when every vertex is on one line. */
function fanArea(ring: Ring): number {
  const [x0, y0] = ring[0];
  let twice = 0;
  for (let i = 1; i < ring.length - 1; i++)
    twice += Math.abs((ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0));
  return twice / 2;
}

/**
 * After the intersection check, so that a bow-tie (whose lobes cancel out) is reported as
 * crossing itself rather than as flat.
 */
function orientRings(rings: Ring[], name: (r: number) => string): void {
  rings.forEach((ring, r) => {
    const area = signedArea(ring);
    if (Math.abs(area) < MIN_RING_AREA) throw new Invalid(`${name(r)} est d'aire nulle`);
    if (area > 0 !== (r === 0)) ring.reverse();
  });
}

/** Shoelace, relative to the first vertex to keep precision at ±180° longitudes. */
export function signedArea(ring: readonly (readonly number[])[]): number {
  const [x0, y0] = ring[0];
  let twice = 0;
  for (let i = 1; i < ring.length - 1; i++) {
    twice += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  }
  return twice / 2;
}

function toRingSet(rings: Ring[]) {
  const total = rings.reduce((sum, ring) => sum + ring.length, 0);
  const xs = new Float64Array(total),
    ys = new Float64Array(total);
  const ringStart = new Int32Array(rings.length + 1);
  let k = 0;
  rings.forEach((ring, r) => {
    ringStart[r] = k;
    for (const [x, y] of ring) {
      xs[k] = x;
      ys[k++] = y;
    }
  });
  ringStart[rings.length] = k;
  return { xs, ys, ringStart };
}
