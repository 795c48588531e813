/**
 * Finds two edges of one polygon (outer ring and holes together) that touch, cross or overlap,
 * other than consecutive edges of a ring sharing their vertex.
 *
 * All-pairs would be 1.25e9 tests at 50,000 vertices, and grids of cells degrade on valid but
 * unusual shapes (combs, long parallel edges), so this is the Shamos–Hoey sweep: O(n log n) in all
 * cases. Vertices are swept in (x, y) order; the edges crossing the sweep line are kept sorted
 * bottom to top in a skip list, and an edge is only ever tested against the edges next to it when
 * they become neighbours. If any forbidden contact exists, the leftmost one is found this way.
 * A vertex position used twice (a ring touching itself or another ring at a vertex) shows up as
 * two equal neighbours in the sorted order.
 */

/** Vertices of all rings concatenated, each ring closed; ring r spans `[ringStart[r], ringStart[r + 1])`. */
export interface RingSet {
  xs: Float64Array;
  ys: Float64Array;
  ringStart: Int32Array;
}

const LEVELS = 12;

export function findSelfIntersection({ xs, ys, ringStart }: RingSet): [number, number] | null {
  const ringCount = ringStart.length - 1;
  const n = xs.length;
  // Edge i runs from vertex i to vertex i + 1; the closing vertex of a ring starts no edge.
  const edgeRing = new Int32Array(n).fill(-1);
  const order = new Int32Array(Math.max(0, n - ringCount));
  let count = 0;
  for (let r = 0; r < ringCount; r++) {
    for (let i = ringStart[r]; i < ringStart[r + 1] - 1; i++) {
      edgeRing[i] = r;
      order[count++] = i;
    }
  }
  order.sort((a, b) => xs[a] - xs[b] || ys[a] - ys[b]);
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1],
      b = order[k];
    if (xs[a] === xs[b] && ys[a] === ys[b]) return [xs[a], ys[a]];
  }

  // Sweep order of an edge's ends: "left" is the lexicographically smaller one.
  const leftX = new Float64Array(n),
    leftY = new Float64Array(n),
    rightX = new Float64Array(n),
    rightY = new Float64Array(n);
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const forward = xs[i] < xs[i + 1] || (xs[i] === xs[i + 1] && ys[i] < ys[i + 1]);
    leftX[i] = forward ? xs[i] : xs[i + 1];
    leftY[i] = forward ? ys[i] : ys[i + 1];
    rightX[i] = forward ? xs[i + 1] : xs[i];
    rightY[i] = forward ? ys[i + 1] : ys[i];
  }

  function adjacent(i: number, j: number): boolean {
    const r = edgeRing[i];
    if (r !== edgeRing[j]) return false;
    const lo = i < j ? i : j,
      hi = i < j ? j : i;
    return hi - lo === 1 || (lo === ringStart[r] && hi === ringStart[r + 1] - 2);
  }

  /** Is active edge t below edge s, at the point where s enters the sweep? */
  function below(t: number, s: number): boolean {
    const o = orient(leftX[t], leftY[t], rightX[t], rightY[t], leftX[s], leftY[s]);
    if (o !== 0) return o > 0;
    // s starts on t: order them by where they go next.
    return orient(leftX[t], leftY[t], rightX[t], rightY[t], rightX[s], rightY[s]) >= 0;
  }

  function check(a: number, b: number): [number, number] | null {
    if (a === HEAD || b === NONE || adjacent(a, b)) return null;
    return segmentContact(xs[a], ys[a], xs[a + 1], ys[a + 1], xs[b], ys[b], xs[b + 1], ys[b + 1]);
  }

  // Skip list over edge ids, node n being the head; links per (node, level).
  const HEAD = n,
    NONE = -1;
  const next = new Int32Array((n + 1) * LEVELS).fill(NONE);
  const prev = new Int32Array((n + 1) * LEVELS).fill(NONE);
  const height = new Uint8Array(n + 1);
  const update = new Int32Array(LEVELS);
  let seed = 0x9e3779b9;

  function insert(s: number): [number, number] | null {
    let x = HEAD;
    for (let l = LEVELS - 1; l >= 0; l--) {
      for (let y = next[x * LEVELS + l]; y !== NONE && below(y, s); y = next[x * LEVELS + l]) x = y;
      update[l] = x;
    }
    // xorshift: a deterministic coin for the node height (1/4 chance per extra level).
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    let h = 1;
    for (let bits = seed >>> 0; h < LEVELS && (bits & 3) === 0; bits >>>= 2) h++;
    height[s] = h;
    for (let l = 0; l < h; l++) {
      const p = update[l],
        q = next[p * LEVELS + l];
      next[s * LEVELS + l] = q;
      prev[s * LEVELS + l] = p;
      next[p * LEVELS + l] = s;
      if (q !== NONE) prev[q * LEVELS + l] = s;
    }
    return check(prev[s * LEVELS], s) ?? check(s, next[s * LEVELS]);
  }

  function remove(s: number): [number, number] | null {
    const below0 = prev[s * LEVELS],
      above0 = next[s * LEVELS];
    for (let l = 0; l < height[s]; l++) {
      const p = prev[s * LEVELS + l],
        q = next[s * LEVELS + l];
      next[p * LEVELS + l] = q;
      if (q !== NONE) prev[q * LEVELS + l] = p;
    }
    return check(below0, above0);
  }

  for (let k = 0; k < order.length; k++) {
    const v = order[k],
      r = edgeRing[v];
    const incoming = v === ringStart[r] ? ringStart[r + 1] - 2 : v - 1;
    // The incoming edge ends here when it comes from the left; the outgoing one when it goes back
    // left. Edges ending here leave the sweep before those starting here enter it.
    const incomingEnds = rightX[incoming] === xs[v] && rightY[incoming] === ys[v];
    const outgoingEnds = rightX[v] === xs[v] && rightY[v] === ys[v];
    const hit =
      (incomingEnds ? remove(incoming) : null) ??
      (outgoingEnds ? remove(v) : null) ??
      (incomingEnds ? null : insert(incoming)) ??
      (outgoingEnds ? null : insert(v));
    if (hit) return hit;
  }
  return findBacktrack(xs, ys, ringStart);
}

/** Consecutive edges may share their vertex but not fold back onto each other (a spike). */
function findBacktrack(xs: Float64Array, ys: Float64Array, ringStart: Int32Array): [number, number] | null {
  for (let r = 0; r < ringStart.length - 1; r++) {
    const first = ringStart[r],
      last = ringStart[r + 1] - 1;
    for (let v = first; v < last; v++) {
      const prev = v === first ? last - 1 : v - 1;
      const ux = xs[v] - xs[prev],
        uy = ys[v] - ys[prev],
        wx = xs[v + 1] - xs[v],
        wy = ys[v + 1] - ys[v];
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
export function segmentContact(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): [number, number] | null {
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
