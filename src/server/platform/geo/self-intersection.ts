/**
 * Finds two edges of one polygon (outer ring and holes together) that touch, cross or overlap,
 * other than consecutive edges of a ring sharing their vertex.
 *
 * All-pairs would be 1.25e9 tests at 50,000 vertices, so edges are spread over a grid of cells
 * (each edge into every cell it passes through, with a small margin so a contact on a cell border
 * is seen from both sides), and a cell still holding many edges is subdivided again. Valid
 * polygons have disjoint edges, so subdivision always separates them; a crowded cell that does not
 * get sparser is an invalid spot, found by its first pair. Typical cost is linear.
 */

/** Vertices of all rings concatenated, each ring closed; ring r spans `[ringStart[r], ringStart[r + 1])`. */
export interface RingSet {
  xs: Float64Array;
  ys: Float64Array;
  ringStart: Int32Array;
}

const LEAF_SIZE = 32;
const MAX_DEPTH = 10;

export function findSelfIntersection({ xs, ys, ringStart }: RingSet): [number, number] | null {
  const ringCount = ringStart.length - 1;
  const edgeRing = new Int32Array(xs.length).fill(-1);
  const ids = new Int32Array(Math.max(0, xs.length - ringCount));
  let edgeCount = 0;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i], y = ys[i];
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  for (let r = 0; r < ringCount; r++) {
    for (let i = ringStart[r]; i < ringStart[r + 1] - 1; i++) {
      edgeRing[i] = r;
      ids[edgeCount++] = i;
    }
  }

  function adjacent(i: number, j: number): boolean {
    const r = edgeRing[i];
    if (r !== edgeRing[j]) return false;
    const lo = i < j ? i : j, hi = i < j ? j : i;
    return hi - lo === 1 || (lo === ringStart[r] && hi === ringStart[r + 1] - 2);
  }

  function bruteForce(cell: Int32Array): [number, number] | null {
    for (let a = 0; a < cell.length; a++) {
      const i = cell[a];
      const ax = xs[i], ay = ys[i], bx = xs[i + 1], by = ys[i + 1];
      const minX = ax < bx ? ax : bx, maxX = ax < bx ? bx : ax, minY = ay < by ? ay : by, maxY = ay < by ? by : ay;
      for (let b = a + 1; b < cell.length; b++) {
        const j = cell[b];
        const cx = xs[j], cy = ys[j], dx = xs[j + 1], dy = ys[j + 1];
        if ((cx < minX && dx < minX) || (cx > maxX && dx > maxX) || (cy < minY && dy < minY) || (cy > maxY && dy > maxY)) continue;
        if (adjacent(i, j)) continue;
        const hit = segmentContact(ax, ay, bx, by, cx, cy, dx, dy);
        if (hit) return hit;
      }
    }
    return null;
  }

  // Scratch (cell, edge) pairs shared by all levels: a level is fully consumed before recursing.
  let pairCell = new Int32Array(1024), pairEdge = new Int32Array(1024);

  function search(cell: Int32Array, cx0: number, cy0: number, cx1: number, cy1: number, depth: number): [number, number] | null {
    if (cell.length <= LEAF_SIZE || depth >= MAX_DEPTH) return bruteForce(cell);
    const g = Math.max(2, Math.min(512, Math.ceil(Math.sqrt(cell.length / 2))));
    const cw = (cx1 - cx0) / g, ch = (cy1 - cy0) / g;
    const invW = cw > 0 ? 1 / cw : 0, invH = ch > 0 ? 1 / ch : 0;
    const eps = (cw + ch) * 1e-9 + 1e-12;
    let pairs = 0;
    for (let e = 0; e < cell.length; e++) {
      const i = cell[e];
      const ax = xs[i], ay = ys[i], bx = xs[i + 1], by = ys[i + 1];
      const ylo = ay < by ? ay : by, yhi = ay < by ? by : ay;
      const r0 = clampIndex((ylo - eps - cy0) * invH, g), r1 = clampIndex((yhi + eps - cy0) * invH, g);
      const slope = yhi > ylo ? (bx - ax) / (by - ay) : 0;
      for (let r = r0; r <= r1; r++) {
        let xa = ax < bx ? ax : bx, xb = ax < bx ? bx : ax;
        // Within one row of cells the bbox is exact enough; across rows, clip to the row's slab.
        if (r0 !== r1 && yhi > ylo) {
          const sa = ax + (Math.max(ylo, cy0 + r * ch - eps) - ay) * slope;
          const sb = ax + (Math.min(yhi, cy0 + (r + 1) * ch + eps) - ay) * slope;
          xa = sa < sb ? sa : sb;
          xb = sa < sb ? sb : sa;
        }
        const c1 = clampIndex((xb + eps - cx0) * invW, g);
        for (let c = clampIndex((xa - eps - cx0) * invW, g); c <= c1; c++) {
          if (pairs === pairCell.length) {
            pairCell = grow(pairCell);
            pairEdge = grow(pairEdge);
          }
          pairCell[pairs] = r * g + c;
          pairEdge[pairs++] = i;
        }
      }
    }
    const starts = new Int32Array(g * g + 1);
    for (let k = 0; k < pairs; k++) starts[pairCell[k] + 1]++;
    for (let k = 0; k < g * g; k++) starts[k + 1] += starts[k];
    const sorted = new Int32Array(pairs);
    const cursor = starts.slice(0, g * g);
    for (let k = 0; k < pairs; k++) sorted[cursor[pairCell[k]]++] = pairEdge[k];
    for (let k = 0; k < g * g; k++) {
      if (starts[k + 1] - starts[k] < 2) continue;
      const r = Math.floor(k / g), c = k - r * g;
      const hit = search(sorted.subarray(starts[k], starts[k + 1]), cx0 + c * cw, cy0 + r * ch, cx0 + (c + 1) * cw, cy0 + (r + 1) * ch, depth + 1);
      if (hit) return hit;
    }
    return null;
  }

  return search(ids.subarray(0, edgeCount), x0, y0, x1, y1, 0) ?? findBacktrack(xs, ys, ringStart);
}

function clampIndex(value: number, g: number): number {
  const k = Math.floor(value);
  return k < 0 ? 0 : k >= g ? g - 1 : k;
}

function grow(array: Int32Array): Int32Array {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}

/** Consecutive edges may share their vertex but not fold back onto each other (a spike). */
function findBacktrack(xs: Float64Array, ys: Float64Array, ringStart: Int32Array): [number, number] | null {
  for (let r = 0; r < ringStart.length - 1; r++) {
    const first = ringStart[r], last = ringStart[r + 1] - 1;
    for (let v = first; v < last; v++) {
      const prev = v === first ? last - 1 : v - 1;
      const ux = xs[v] - xs[prev], uy = ys[v] - ys[prev], wx = xs[v + 1] - xs[v], wy = ys[v + 1] - ys[v];
      if (ux * wy - uy * wx === 0 && ux * wx + uy * wy < 0) return [xs[v], ys[v]];
    }
  }
  return null;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/** Given c collinear with [a, b]: is it on the closed segment? */
function within(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return Math.min(ax, bx) <= cx && cx <= Math.max(ax, bx) && Math.min(ay, by) <= cy && cy <= Math.max(ay, by);
}

/** A point shared by the closed segments [a, b] and [c, d], or null. */
export function segmentContact(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): [number, number] | null {
  const o1 = Math.sign(orient(ax, ay, bx, by, cx, cy));
  const o2 = Math.sign(orient(ax, ay, bx, by, dx, dy));
  const o3 = Math.sign(orient(cx, cy, dx, dy, ax, ay));
  const o4 = Math.sign(orient(cx, cy, dx, dy, bx, by));
  if (o1 * o2 < 0 && o3 * o4 < 0) {
    const t = orient(cx, cy, dx, dy, ax, ay) / (orient(cx, cy, dx, dy, ax, ay) - orient(cx, cy, dx, dy, bx, by));
    return [ax + t * (bx - ax), ay + t * (by - ay)];
  }
  if (o1 === 0 && within(ax, ay, bx, by, cx, cy)) return [cx, cy];
  if (o2 === 0 && within(ax, ay, bx, by, dx, dy)) return [dx, dy];
  if (o3 === 0 && within(cx, cy, dx, dy, ax, ay)) return [ax, ay];
  if (o4 === 0 && within(cx, cy, dx, dy, bx, by)) return [bx, by];
  return null;
}
