import { intersection, union, type Geom } from 'polyclip-ts';
import type { SectorGeometry } from '../../../shared/territory/territory.schemas.ts';

/**
 * Square degrees (about 10 m² in metropolitan France). Sectors drawn by hand or simplified
 * separately never share borders to the last bit: slivers below this are noise, not an overlap.
 */
export const OVERLAP_AREA_THRESHOLD = 1e-9;

type Bbox = [number, number, number, number];
type Ring2 = [number, number][];

export function geometryBbox(geometry: SectorGeometry): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    // The outer ring bounds its holes.
    for (const position of polygon[0] ?? []) {
      if (position[0] < box[0]) box[0] = position[0];
      if (position[1] < box[1]) box[1] = position[1];
      if (position[0] > box[2]) box[2] = position[0];
      if (position[1] > box[3]) box[3] = position[1];
    }
  }
  return box;
}

/** polyclip wants 2D pairs; GeoJSON may carry an altitude. */
function toGeom(geometry: SectorGeometry): Geom {
  const polygon = (rings: number[][][]): Ring2[] =>
    rings.map((ring) => ring.map((p): [number, number] => [p[0], p[1]]));
  return geometry.type === 'Polygon' ? polygon(geometry.coordinates) : geometry.coordinates.map(polygon);
}

/** Planar area in square degrees of a polyclip result (outer rings minus holes). */
function multiPolygonArea(result: Ring2[][]): number {
  let area = 0;
  for (const polygon of result) {
    polygon.forEach((ring, r) => {
      let twice = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
        twice += ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      area += r === 0 ? Math.abs(twice / 2) : -Math.abs(twice / 2);
    });
  }
  return area;
}

/**
 * Area (square degrees) of the intersection of two geometries; 0 without calling the clipper when
 * their bboxes cannot share that much area. Throws (in French) when the clipper gives up.
 */
export function overlapArea(a: SectorGeometry, b: SectorGeometry): number {
  const ba = geometryBbox(a),
    bb = geometryBbox(b);
  const width = Math.min(ba[2], bb[2]) - Math.max(ba[0], bb[0]);
  const height = Math.min(ba[3], bb[3]) - Math.max(ba[1], bb[1]);
  if (!(width > 0 && height > 0) || width * height <= OVERLAP_AREA_THRESHOLD) return 0;
  let result: Ring2[][];
  try {
    result = intersection(toGeom(a), toGeom(b));
  } catch (error) {
    throw new Error(
      `impossible de calculer l'intersection des géométries ` +
        `(${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  return multiPolygonArea(result);
}

/**
 * Total area (square degrees) where polygons of one MultiPolygon overlap each other: the sum of
 * their areas minus the area of their union. One sweep for all of them, where checking pairs
 * could mean thousands of clipper calls. Throws (in French) when the clipper gives up.
 */
export function partsOverlapArea(polygons: number[][][][]): number {
  const geom = toGeom({ type: 'MultiPolygon', coordinates: polygons }) as Ring2[][];
  let merged: Ring2[][];
  try {
    merged = union(geom);
  } catch (error) {
    throw new Error(
      `impossible de calculer l'union des polygones (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  return multiPolygonArea(geom) - multiPolygonArea(merged);
}

/**
 * True when the interiors meet over a non-negligible area. Sectors sharing a border, or touching
 * at a point, do not overlap.
 */
export function geometriesOverlap(a: SectorGeometry, b: SectorGeometry): boolean {
  return overlapArea(a, b) > OVERLAP_AREA_THRESHOLD;
}
