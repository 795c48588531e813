import type { SectorGeometry } from '../../../shared/territory/territory.schemas.ts';

/** Append-only Int32Array: the index is built in one pass without knowing its sizes in advance. */
export class IntList {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(1, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.reserve(this.length * 2);
    this.data[this.length++] = value;
  }

  trimmed(): Int32Array {
    return this.data.slice(0, this.length);
  }

  private reserve(capacity: number): void {
    const next = new Int32Array(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/**
 * Every polygon ("part": a Polygon, or one polygon of a MultiPolygon) as flat coordinates.
 * Rings are stored closed, so edge i always runs from vertex i to vertex i + 1 within
 * `[ringStart[r], ringStart[r + 1] - 1)`.
 */
export interface FlatParts {
  vx: Float64Array;
  vy: Float64Array;
  ringStart: Int32Array;
  partRingStart: Int32Array;
  /** minX, minY, maxX, maxY per part. */
  box: Float64Array;
  partEntry: Int32Array;
  partCount: number;
}

export function flattenParts(geometries: readonly SectorGeometry[]): FlatParts {
  // Sizes first, so that every array is allocated once: growing buffers of a few hundred MB
  // triggers full collections of the (large) heap holding the GeoJSON.
  let vertexCount = 0,
    ringCount = 0,
    partCount = 0;
  for (const geometry of geometries) {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      let rings = 0;
      for (const ring of polygon) {
        if (ring.length === 0) continue;
        rings++;
        // One more for the closing vertex, possibly missing.
        vertexCount += ring.length + 1;
      }
      ringCount += rings;
      if (rings > 0) partCount++;
    }
  }
  const vx = new Float64Array(vertexCount),
    vy = new Float64Array(vertexCount);
  const ringStart = new Int32Array(ringCount + 1),
    partRingStart = new Int32Array(partCount + 1);
  const box = new Float64Array(4 * partCount),
    partEntry = new Int32Array(partCount);
  let v = 0,
    r = 0,
    p = 0;
  geometries.forEach((geometry, entry) => {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      const firstRing = r;
      let minX = Infinity,
        minY = Infinity,
        maxX = -Infinity,
        maxY = -Infinity;
      for (const ring of polygon) {
        if (ring.length === 0) continue;
        ringStart[r++] = v;
        for (let k = 0; k < ring.length; k++) {
          const x = ring[k][0],
            y = ring[k][1];
          vx[v] = x;
          vy[v++] = y;
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        const first = ring[0],
          last = ring[ring.length - 1];
        // Tolerate unclosed rings: ray casting implies the closing edge anyway.
        if (first[0] !== last[0] || first[1] !== last[1]) {
          vx[v] = first[0];
          vy[v++] = first[1];
        }
      }
      if (r === firstRing) continue;
      partRingStart[p] = firstRing;
      partEntry[p] = entry;
      box[4 * p] = minX;
      box[4 * p + 1] = minY;
      box[4 * p + 2] = maxX;
      box[4 * p + 3] = maxY;
      p++;
    }
  });
  ringStart[r] = v;
  partRingStart[p] = r;
  // Closed rings leave spare room at the end, never read: ringStart bounds every access.
  return { vx: vx.subarray(0, v), vy: vy.subarray(0, v), ringStart, partRingStart, box, partEntry, partCount };
}
