import { crossesRight } from './point-in-polygon.ts';
import type { FlatParts } from './flat-parts.ts';

/**
 * Every polygon's non-horizontal edges bucketed into horizontal bands of equal height, so that
 * ray casting at latitude y only visits the edges whose y-range meets the band of y. A horizontal
 * ray can only cross an edge straddling y, and such an edge is always in y's band (band indices
 * are a monotonic function of y), so the result equals a full ray cast, bit for bit.
 */
export interface PolygonBands {
  /** Interleaved x, y of every vertex; rings are closed, edge i runs from vertex i to i + 1. */
  vxy: Float64Array;
  /** Per polygon, stride META: minY, maxY, band scale (bands per degree), first band slot, last band, entry. */
  meta: Float64Array;
  /** CSR: edges of slot s are `edges[offsets[s]..offsets[s + 1])`. */
  offsets: Int32Array;
  edges: Int32Array;
}

export const META = 6;

/** Same answer as `pointInPolygon` on the rings of polygon p. */
export function bandContains(bands: PolygonBands, p: number, px: number, py: number): boolean {
  const { meta, offsets, edges, vxy } = bands;
  const o = p * META;
  const minY = meta[o];
  // Exact: no edge can straddle a line outside [minY, maxY).
  if (py < minY || py >= meta[o + 1]) return false;
  let band = ((py - minY) * meta[o + 2]) | 0;
  const last = meta[o + 4];
  if (band > last) band = last;
  const slot = (meta[o + 3] + band) | 0;
  let inside = false;
  for (let k = offsets[slot], end = offsets[slot + 1]; k < end; k++) {
    const i = edges[k] << 1;
    if (crossesRight(px, py, vxy[i], vxy[i + 1], vxy[i + 2], vxy[i + 3])) inside = !inside;
  }
  return inside;
}

/** Three passes (band counts, edges per band, fill) so that each array is allocated once. */
export function buildBands(flat: FlatParts, edgesPerBand: number): PolygonBands {
  const { vx, vy, box, ringStart, partRingStart, partCount, partEntry } = flat;
  const meta = new Float64Array(partCount * META);
  let slots = 0;
  for (let p = 0; p < partCount; p++) {
    let m = 0;
    for (let r = partRingStart[p]; r < partRingStart[p + 1]; r++)
      for (let i = ringStart[r]; i < ringStart[r + 1] - 1; i++) if (vy[i] !== vy[i + 1]) m++;
    const count = Math.max(1, Math.ceil(m / edgesPerBand));
    const minY = box[4 * p + 1],
      maxY = box[4 * p + 3];
    const o = p * META;
    meta[o] = minY;
    meta[o + 1] = maxY;
    meta[o + 2] = maxY > minY ? count / (maxY - minY) : 0;
    meta[o + 3] = slots;
    meta[o + 4] = count - 1;
    meta[o + 5] = partEntry[p];
    slots += count;
  }
  const offsets = new Int32Array(slots + 1);
  let edges = new Int32Array(0);
  for (let pass = 0; pass < 2; pass++) {
    for (let p = 0; p < partCount; p++) {
      const o = p * META;
      const minY = meta[o],
        scale = meta[o + 2],
        base = meta[o + 3],
        last = meta[o + 4];
      for (let r = partRingStart[p]; r < partRingStart[p + 1]; r++) {
        for (let i = ringStart[r]; i < ringStart[r + 1] - 1; i++) {
          const ya = vy[i],
            yb = vy[i + 1];
          // Horizontal edges never straddle a horizontal ray.
          if (ya === yb) continue;
          const b0 = Math.min(last, Math.floor(((ya < yb ? ya : yb) - minY) * scale));
          const b1 = Math.min(last, Math.floor(((ya < yb ? yb : ya) - minY) * scale));
          for (let b = base + b0; b <= base + b1; b++) {
            if (pass === 0) offsets[b + 1]++;
            else edges[offsets[b]++] = i;
          }
        }
      }
    }
    if (pass === 0) {
      for (let k = 0; k < slots; k++) offsets[k + 1] += offsets[k];
      edges = new Int32Array(offsets[slots]);
    } else {
      // The fill moved each start to the next band's start: shift back.
      for (let k = slots; k > 0; k--) offsets[k] = offsets[k - 1];
      offsets[0] = 0;
    }
  }
  const vxy = new Float64Array(2 * vx.length);
  for (let i = 0; i < vx.length; i++) {
    vxy[2 * i] = vx[i];
    vxy[2 * i + 1] = vy[i];
  }
  return { vxy, meta, offsets, edges };
}
