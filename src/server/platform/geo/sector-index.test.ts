import { describe, it, expect } from 'vitest';
import { prng } from './prng.ts';
import type { SectorGeometry } from '../../../shared/territory/territory.schemas.ts';
import { createSectorIndex, naiveResolve, pointInGeometry } from './sector-index.ts';

/** Star-shaped ring (sorted angles, so never self-intersecting), closed, counter-clockwise. */
function starRing(random: () => number, cx: number, cy: number, rMin: number, rMax: number, n: number): number[][] {
  const angles = Array.from({ length: n }, () => random() * 2 * Math.PI).sort((a, b) => a - b);
  const ring = angles.map((t) => {
    const r = rMin + random() * (rMax - rMin);
    return [cx + r * Math.cos(t), cy + r * Math.sin(t)];
  });
  ring.push([...ring[0]]);
  return ring;
}

function randomGeometry(random: () => number): SectorGeometry {
  const polygon = (cx: number, cy: number, size: number) => {
    const rings = [starRing(random, cx, cy, size * 0.6, size, 8 + Math.floor(random() * 60))];
    // The hole stays within the shell's inner radius, so it is always inside.
    if (random() < 0.3)
      rings.push(starRing(random, cx, cy, size * 0.1, size * 0.5, 5 + Math.floor(random() * 20)).reverse());
    return rings;
  };
  const cx = 2 + random() * 6,
    cy = 44 + random() * 5,
    size = 0.05 + random() * 0.4;
  if (random() < 0.2) {
    return {
      type: 'MultiPolygon',
      coordinates: [polygon(cx, cy, size), polygon(cx + 2.5 * size, cy + random() * size, size * 0.7)],
    };
  }
  return { type: 'Polygon', coordinates: polygon(cx, cy, size) };
}

function square(x: number, y: number, side: number): SectorGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + side, y],
        [x + side, y + side],
        [x, y + side],
        [x, y],
      ],
    ],
  };
}

describe('pointInGeometry', () => {
  it('handles holes and multipolygons with even-odd rings', () => {
    const donut: SectorGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [0, 10],
          [0, 0],
        ],
        [
          [3, 3],
          [3, 7],
          [7, 7],
          [7, 3],
          [3, 3],
        ],
      ],
    };
    expect(pointInGeometry(donut, 1, 1)).toBe(true);
    expect(pointInGeometry(donut, 5, 5)).toBe(false);
    expect(pointInGeometry(donut, 11, 5)).toBe(false);
    const multi: SectorGeometry = {
      type: 'MultiPolygon',
      coordinates: [square(0, 0, 1).coordinates as number[][][], square(5, 5, 1).coordinates as number[][][]],
    };
    expect(pointInGeometry(multi, 5.5, 5.5)).toBe(true);
    expect(pointInGeometry(multi, 3, 3)).toBe(false);
  });
});

describe('createSectorIndex', () => {
  it('agrees with the naive scan on 10,000 random points over random polygons with holes and multipolygons', () => {
    const random = prng(42);
    const entries = Array.from({ length: 300 }, (_, i) => ({ value: i, geometry: randomGeometry(random) }));
    expect(entries.some((e) => e.geometry.type === 'MultiPolygon')).toBe(true);
    expect(entries.some((e) => e.geometry.type === 'Polygon' && e.geometry.coordinates.length > 1)).toBe(true);
    const index = createSectorIndex(entries);
    expect(index.size).toBe(300);
    let hits = 0;
    const mismatches: Array<[number, number]> = [];
    for (let k = 0; k < 10_000; k++) {
      const lon = 1.5 + random() * 8,
        lat = 43.5 + random() * 6;
      const expected = naiveResolve(entries, lon, lat);
      if (expected !== undefined) hits++;
      if (index.resolve(lon, lat) !== expected) mismatches.push([lon, lat]);
    }
    expect(mismatches).toEqual([]);
    // The sample must exercise both answers, not only "outside".
    expect(hits).toBeGreaterThan(2_000);
  });

  it('agrees with the naive scan for coarse and fine grids alike', () => {
    const random = prng(7);
    const entries = Array.from({ length: 120 }, (_, i) => ({ value: `s${i}`, geometry: randomGeometry(random) }));
    for (const cellsPerPolygon of [0.01, 1, 64]) {
      const index = createSectorIndex(entries, { cellsPerPolygon, edgesPerBand: 1 + Math.floor(random() * 8) });
      let mismatches = 0;
      for (let k = 0; k < 2_000; k++) {
        const lon = 1.5 + random() * 8,
          lat = 43.5 + random() * 6;
        if (index.resolve(lon, lat) !== naiveResolve(entries, lon, lat)) mismatches++;
      }
      expect(mismatches, `cellsPerPolygon ${cellsPerPolygon}`).toBe(0);
    }
  });

  it('gives every point of a tiling, borders and corners included, to exactly one neighbour', () => {
    // Shared borders must be bit-identical in both neighbours, hence one table of node coordinates.
    const xs = Array.from({ length: 11 }, (_, i) => 6 + i * 0.1 + Math.sin(i) * 0.01);
    const ys = Array.from({ length: 11 }, (_, j) => 49 + j * 0.1);
    const entries: Array<{ value: string; geometry: SectorGeometry }> = [];
    for (let i = 0; i < 10; i++) {
      for (let j = 0; j < 10; j++) {
        // Slanted quads, so that shared edges are not all axis-parallel.
        const ring = [
          [xs[i], ys[j]],
          [xs[i + 1] + (j % 2) * 0.01, ys[j]],
          [xs[i + 1] + ((j + 1) % 2) * 0.01, ys[j + 1]],
          [xs[i], ys[j + 1]],
          [xs[i], ys[j]],
        ];
        if (i > 0) ring[0][0] = ring[4][0] = xs[i] + (j % 2) * 0.01;
        if (i > 0) ring[3][0] = xs[i] + ((j + 1) % 2) * 0.01;
        entries.push({ value: `${i}-${j}`, geometry: { type: 'Polygon', coordinates: [ring] } });
      }
    }
    const index = createSectorIndex(entries);
    for (let i = 1; i < 10; i++) {
      for (let j = 1; j < 10; j++) {
        // Vertex shared by four quads, a point on a slanted shared edge, one on a horizontal one.
        const x = xs[i] + (j % 2) * 0.01,
          y = ys[j];
        const x2 = xs[i] + ((j + 1) % 2) * 0.01,
          y2 = ys[j + 1];
        const t = 0.375;
        for (const [lon, lat] of [
          [x, y],
          [x + t * (x2 - x), y + t * (y2 - y)],
          [(x + xs[i + 1]) / 2, y],
        ]) {
          const owners = entries.filter((e) => pointInGeometry(e.geometry, lon, lat));
          expect(owners).toHaveLength(1);
          expect(index.resolve(lon, lat)).toBe(owners[0].value);
        }
      }
    }
  });

  it('returns the first entry in order where (invalid) sectors overlap, like the naive scan', () => {
    const entries = [
      { value: 'a', geometry: square(0, 0, 2) },
      { value: 'b', geometry: square(1, 1, 2) },
    ];
    const index = createSectorIndex(entries);
    expect(index.resolve(1.5, 1.5)).toBe('a');
    expect(index.resolve(2.5, 2.5)).toBe('b');
    expect(index.resolve(0.5, 2.5)).toBeUndefined();
  });

  it('answers undefined outside every sector, for empty indexes and for non-finite input', () => {
    expect(createSectorIndex([]).resolve(2, 48)).toBeUndefined();
    const index = createSectorIndex([{ value: 1, geometry: square(0, 0, 1) }]);
    expect(index.resolve(Number.NaN, 0.5)).toBeUndefined();
    expect(index.resolve(5, 5)).toBeUndefined();
    expect(index.resolve(0.5, 0.5)).toBe(1);
    expect(index.memoryBytes).toBeGreaterThan(0);
  });
});
