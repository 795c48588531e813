import type { SectorGeometry } from '../../../shared/territory.schemas.ts';

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

  /** Extends the length to `length` (new slots zeroed) so that callers can fill them out of order. */
  grow(length: number): void {
    if (length > this.data.length) this.reserve(Math.max(length, this.data.length * 2));
    this.length = length;
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

export class FloatList {
  data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(1, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  trimmed(): Float64Array {
    return this.data.slice(0, this.length);
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
  const vx = new FloatList(1 << 16);
  const vy = new FloatList(1 << 16);
  const ringStart = new IntList();
  const partRingStart = new IntList();
  const box = new FloatList();
  const partEntry = new IntList();
  geometries.forEach((geometry, entry) => {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) {
      const firstRing = ringStart.length;
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const ring of polygon) {
        if (ring.length === 0) continue;
        ringStart.push(vx.length);
        for (const position of ring) {
          const x = position[0], y = position[1];
          vx.push(x);
          vy.push(y);
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        const first = ring[0], last = ring[ring.length - 1];
        // Tolerate unclosed rings: ray casting implies the closing edge anyway.
        if (first[0] !== last[0] || first[1] !== last[1]) {
          vx.push(first[0]);
          vy.push(first[1]);
        }
      }
      if (ringStart.length === firstRing) continue;
      partRingStart.push(firstRing);
      partEntry.push(entry);
      box.push(minX);
      box.push(minY);
      box.push(maxX);
      box.push(maxY);
    }
  });
  const partCount = partEntry.length;
  ringStart.push(vx.length);
  partRingStart.push(ringStart.length - 1);
  return {
    vx: vx.trimmed(),
    vy: vy.trimmed(),
    ringStart: ringStart.trimmed(),
    partRingStart: partRingStart.trimmed(),
    box: box.trimmed(),
    partEntry: partEntry.trimmed(),
    partCount,
  };
}
