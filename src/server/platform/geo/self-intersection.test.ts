import { describe, it, expect } from 'vitest';
import { prng } from './prng.ts';
import { findSelfIntersection, segmentContact, type RingSet } from './self-intersection.ts';

/** Rings given without their closing position; consecutive duplicates are not produced. */
function ringSet(rings: number[][][]): RingSet {
  const flat = rings.map((ring) => [...ring, ring[0]]);
  const total = flat.reduce((sum, ring) => sum + ring.length, 0);
  const xs = new Float64Array(total),
    ys = new Float64Array(total),
    ringStart = new Int32Array(rings.length + 1);
  let k = 0;
  flat.forEach((ring, r) => {
    ringStart[r] = k;
    for (const [x, y] of ring) {
      xs[k] = x;
      ys[k++] = y;
    }
  });
  ringStart[rings.length] = k;
  return { xs, ys, ringStart };
}

/** The definition, all pairs: any contact between edges other than a vertex shared by consecutive edges. */
function reference({ xs, ys, ringStart }: RingSet): boolean {
  const edges: Array<{ ring: number; i: number }> = [];
  for (let r = 0; r < ringStart.length - 1; r++)
    for (let i = ringStart[r]; i < ringStart[r + 1] - 1; i++) edges.push({ ring: r, i });
  for (let a = 0; a < edges.length; a++) {
    for (let b = a + 1; b < edges.length; b++) {
      const i = edges[a].i,
        j = edges[b].i,
        r = edges[a].ring;
      const consecutive = r === edges[b].ring && (j - i === 1 || (i === ringStart[r] && j === ringStart[r + 1] - 2));
      if (consecutive) {
        // Shared vertex allowed, folding back is not.
        const [p, v, w] = j - i === 1 ? [i, j, j + 1] : [j, i, i + 1];
        const ux = xs[v] - xs[p],
          uy = ys[v] - ys[p],
          wx = xs[w] - xs[v],
          wy = ys[w] - ys[v];
        if (ux * wy - uy * wx === 0 && ux * wx + uy * wy < 0) return true;
        continue;
      }
      if (segmentContact(xs[i], ys[i], xs[i + 1], ys[i + 1], xs[j], ys[j], xs[j + 1], ys[j + 1])) return true;
    }
  }
  return false;
}

function dedupe(ring: number[][]): number[][] {
  const out = ring.filter((p, k) => k === 0 || p[0] !== ring[k - 1][0] || p[1] !== ring[k - 1][1]);
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  return out;
}

describe('findSelfIntersection', () => {
  it('agrees with the all-pairs definition on thousands of random, degenerate-prone rings', () => {
    const random = prng(2024);
    let invalid = 0,
      valid = 0;
    for (let round = 0; round < 3000; round++) {
      // Small integer grids make shared vertices, collinear overlaps and T-contacts frequent.
      const size = 2 + Math.floor(random() * 6);
      const ringCount = 1 + Math.floor(random() * 3);
      const rings: number[][][] = [];
      for (let r = 0; r < ringCount; r++) {
        const n = 3 + Math.floor(random() * 6);
        const ring = dedupe(
          Array.from({ length: n }, () => [Math.floor(random() * size), Math.floor(random() * size)]),
        );
        if (ring.length >= 3) rings.push(ring);
      }
      if (rings.length === 0) continue;
      const set = ringSet(rings);
      const expected = reference(set);
      if (expected) invalid++;
      else valid++;
      expect(findSelfIntersection(set) !== null, JSON.stringify(rings)).toBe(expected);
    }
    expect(valid).toBeGreaterThan(100);
    expect(invalid).toBeGreaterThan(100);
  });

  it('accepts valid star-shaped rings with holes, and sees a single moved vertex', () => {
    const random = prng(5);
    for (let round = 0; round < 200; round++) {
      const n = 5 + Math.floor(random() * 200);
      const star = (rMin: number, rMax: number, count: number) =>
        Array.from({ length: count }, (_, k) => {
          const t = (2 * Math.PI * k) / count,
            r = rMin + random() * (rMax - rMin);
          return [r * Math.cos(t), r * Math.sin(t)];
        });
      const shell = star(0.6, 1, n);
      const hole = star(0.1, 0.5, 5 + Math.floor(random() * 30)).reverse();
      expect(findSelfIntersection(ringSet([shell, hole]))).toBeNull();
      // Push one shell vertex into the hole's area: now something must cross.
      shell[Math.floor(random() * n)] = [0, 0];
      const set = ringSet([shell, hole]);
      expect(findSelfIntersection(set) !== null).toBe(reference(set));
    }
  });

  it('stays fast on shapes that defeat grids: combs, stacked long edges, spirals', () => {
    const comb: number[][] = [];
    for (let i = 0; i < 12_000; i++)
      comb.push([i / 12_000, 0.1], [i / 12_000, 1], [(i + 0.5) / 12_000, 1], [(i + 0.5) / 12_000, 0.1]);
    comb.push([1, 0.1], [1, 0], [0, 0]);
    // Long edges, all parallel, at an angle no axis-aligned structure can separate.
    const zigzag: number[][] = [[0, 0]];
    for (let i = 0; i < 49_000; i++) zigzag.push([(i % 2 ? 1 : 0.05) + i * 1e-5, i * 2e-5 + (i % 2 ? 0.6 : 0)]);
    zigzag.push([0, 1.6]);
    const spiral: number[][] = [];
    for (let i = 0; i < 24_000; i++)
      spiral.push([(0.001 + i * 2e-6) * Math.cos(i / 200), (0.001 + i * 2e-6) * Math.sin(i / 200)]);
    for (let i = 23_999; i >= 0; i--)
      spiral.push([(0.0015 + i * 2e-6) * Math.cos(i / 200), (0.0015 + i * 2e-6) * Math.sin(i / 200)]);
    for (const ring of [comb, zigzag, spiral]) {
      const set = ringSet([ring]);
      const start = performance.now();
      expect(findSelfIntersection(set)).toBeNull();
      expect(performance.now() - start).toBeLessThan(1000);
    }
  });
});
