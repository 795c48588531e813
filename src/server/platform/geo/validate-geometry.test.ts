import { describe, it, expect } from 'vitest';
import { MAX_SECTOR_VERTICES, validateSectorGeometry } from './validate-geometry.ts';

function circle(n: number, cx = 6.17, cy = 49.12, r = 0.05): number[][] {
  const ring = Array.from({ length: n }, (_, i) => [
    cx + r * Math.cos((2 * Math.PI * i) / n),
    cy + r * Math.sin((2 * Math.PI * i) / n),
  ]);
  ring.push([...ring[0]]);
  return ring;
}

function messageOf(input: unknown): string {
  const result = validateSectorGeometry(input);
  if (result.ok) throw new Error('expected the geometry to be refused');
  return result.message;
}

const square = [
  [6, 49],
  [6.1, 49],
  [6.1, 49.1],
  [6, 49.1],
  [6, 49],
];

describe('validateSectorGeometry', () => {
  it('accepts a square, normalises it and returns its bbox and vertex count', () => {
    const clockwiseWithDuplicatesAnd3d = [
      [6, 49, 200],
      [6, 49.1, 200],
      [6, 49.1, 200],
      [6.1, 49.1, 200],
      [6.1, 49, 200],
      [6, 49, 200],
    ];
    const result = validateSectorGeometry({ type: 'Polygon', coordinates: [clockwiseWithDuplicatesAnd3d] });
    expect(result).toEqual({
      ok: true,
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [6, 49],
            [6.1, 49],
            [6.1, 49.1],
            [6, 49.1],
            [6, 49],
          ],
        ],
      },
      vertexCount: 4,
      bbox: [6, 49, 6.1, 49.1],
    });
  });

  it('refuses a bow-tie and says where it crosses itself', () => {
    const bowTie = [
      [6, 49],
      [6.2, 49.2],
      [6.2, 49],
      [6, 49.2],
      [6, 49],
    ];
    expect(messageOf({ type: 'Polygon', coordinates: [bowTie] })).toBe(
      'la géométrie se recoupe elle-même près de (6.1, 49.1)',
    );
  });

  it('refuses rings that touch themselves, fold back or cross a hole', () => {
    const figureEight = [
      [0, 0],
      [2, 0],
      [1, 1],
      [2, 2],
      [0, 2],
      [1, 1],
      [0, 0],
    ];
    expect(messageOf({ type: 'Polygon', coordinates: [figureEight] })).toContain('se recoupe elle-même près de (1, 1)');
    const spike = [
      [0, 0],
      [2, 0],
      [3, 0],
      [2.5, 0],
      [2, 2],
      [0, 0],
    ];
    expect(messageOf({ type: 'Polygon', coordinates: [spike] })).toContain('se recoupe elle-même');
    const holeAcrossShell = [
      [0.5, 0.5],
      [1.5, 0.5],
      [1.5, 1.5],
      [0.5, 1.5],
      [0.5, 0.5],
    ];
    expect(
      messageOf({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
            [0, 0],
          ],
          holeAcrossShell,
        ],
      }),
    ).toContain('se recoupe elle-même');
  });

  it('refuses an unclosed ring, naming it', () => {
    const open = square.slice(0, 4).concat([[6.05, 49.05]]);
    expect(messageOf({ type: 'MultiPolygon', coordinates: [[square], [open.map(([x, y]) => [x + 1, y])]] })).toMatch(
      /^l'anneau 0 du polygone 1 n'est pas fermé/,
    );
  });

  it('refuses out-of-range and non-numeric coordinates', () => {
    expect(
      messageOf({
        type: 'Polygon',
        coordinates: [
          [
            [6, 49],
            [6.1, 123],
            [6.1, 49.1],
            [6, 49],
          ],
        ],
      }),
    ).toMatch(/^latitude hors limites \(-90 à 90\) : 123/);
    expect(
      messageOf({
        type: 'Polygon',
        coordinates: [
          [
            [6, 49],
            [186, 49],
            [6.1, 49.1],
            [6, 49],
          ],
        ],
      }),
    ).toMatch(/^longitude hors limites \(-180 à 180\) : 186/);
    expect(
      messageOf({
        type: 'Polygon',
        coordinates: [
          [
            [6, 49],
            [Number.NaN, 49],
            [6.1, 49.1],
            [6, 49],
          ],
        ],
      }),
    ).toContain("la position 1 de l'anneau 0");
    expect(messageOf({ type: 'Polygon', coordinates: [[[6, 49], [6.1], [6.1, 49.1], [6, 49]]] })).toContain(
      'la position 1',
    );
  });

  it('refuses wrong types, shapes, too short and flat rings', () => {
    expect(messageOf(null)).toBe('la géométrie doit être un objet GeoJSON');
    expect(messageOf({ type: 'Point', coordinates: [6, 49] })).toContain(
      'type de géométrie non pris en charge : "Point"',
    );
    expect(messageOf({ type: 'Polygon', coordinates: [[6, 49]] })).toContain(
      "l'anneau 0 doit être un tableau de positions",
    );
    expect(messageOf({ type: 'Polygon', coordinates: [] })).toContain("n'a aucun anneau");
    expect(messageOf({ type: 'MultiPolygon', coordinates: [] })).toContain('aucun polygone');
    expect(
      messageOf({
        type: 'Polygon',
        coordinates: [
          [
            [6, 49],
            [6.1, 49],
            [6, 49],
          ],
        ],
      }),
    ).toContain('il en faut au moins 4');
    expect(
      messageOf({
        type: 'Polygon',
        coordinates: [
          [
            [6, 49],
            [6.1, 49],
            [6.2, 49],
            [6, 49],
          ],
        ],
      }),
    ).toContain("d'aire nulle");
  });

  it('refuses a hole outside its shell, and a hole inside another hole', () => {
    const outside = [
      [7, 49],
      [7, 49.05],
      [7.05, 49.05],
      [7.05, 49],
      [7, 49],
    ];
    expect(messageOf({ type: 'Polygon', coordinates: [square, outside] })).toBe(
      "l'anneau 1 (un trou) est en dehors du contour extérieur",
    );
    const big = [
      [6.02, 49.02],
      [6.02, 49.08],
      [6.08, 49.08],
      [6.08, 49.02],
      [6.02, 49.02],
    ];
    const small = [
      [6.04, 49.04],
      [6.04, 49.06],
      [6.06, 49.06],
      [6.06, 49.04],
      [6.04, 49.04],
    ];
    expect(messageOf({ type: 'Polygon', coordinates: [square, big, small] })).toContain(
      "l'anneau 2 (un trou) est à l'intérieur d'un autre trou, l'anneau 1",
    );
    const result = validateSectorGeometry({ type: 'Polygon', coordinates: [square, small] });
    expect(result.ok).toBe(true);
  });

  it('checks many holes as well as a few: 100 holes accepted, one nested or outside refused', () => {
    const box = (x: number, y: number, s: number) => [
      [x, y],
      [x, y + s],
      [x + s, y + s],
      [x + s, y],
      [x, y],
    ];
    const shell = [
      [0, 0],
      [1.1, 0],
      [1.1, 1.1],
      [0, 1.1],
      [0, 0],
    ];
    const holes = [];
    for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) holes.push(box(0.1 + i * 0.1, 0.1 + j * 0.1, 0.06));
    expect(validateSectorGeometry({ type: 'Polygon', coordinates: [shell, ...holes] }).ok).toBe(true);
    const nestedFirst = [shell, box(0.115, 0.115, 0.03), ...holes];
    expect(messageOf({ type: 'Polygon', coordinates: nestedFirst })).toBe(
      "l'anneau 1 (un trou) est à l'intérieur d'un autre trou, l'anneau 2",
    );
    const nestedLast = [shell, ...holes, box(0.115, 0.115, 0.03)];
    expect(messageOf({ type: 'Polygon', coordinates: nestedLast })).toBe(
      "l'anneau 101 (un trou) est à l'intérieur d'un autre trou, l'anneau 1",
    );
    const outside = [shell, ...holes, box(2, 2, 0.1)];
    expect(messageOf({ type: 'Polygon', coordinates: outside })).toBe(
      "l'anneau 101 (un trou) est en dehors du contour extérieur",
    );
  });

  it('checks many polygons of a multipolygon at once: a tiling is accepted, one overlap refused', () => {
    const cell = (i: number, j: number, s = 0.1) => [
      [
        [i * 0.1, j * 0.1],
        [i * 0.1 + s, j * 0.1],
        [i * 0.1 + s, j * 0.1 + s],
        [i * 0.1, j * 0.1 + s],
        [i * 0.1, j * 0.1],
      ],
    ];
    const tiling = [];
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) tiling.push(cell(i, j));
    expect(validateSectorGeometry({ type: 'MultiPolygon', coordinates: tiling }).ok).toBe(true);
    expect(messageOf({ type: 'MultiPolygon', coordinates: [...tiling, cell(3, 3, 0.15)] })).toBe(
      'des polygones de la géométrie se chevauchent',
    );
  });

  it('refuses overlapping polygons of a multipolygon but accepts touching ones', () => {
    const shifted = (dx: number, dy: number) => square.map(([x, y]) => [x + dx, y + dy]);
    expect(messageOf({ type: 'MultiPolygon', coordinates: [[square], [shifted(0.05, 0.05)]] })).toBe(
      'les polygones 0 et 1 de la géométrie se chevauchent',
    );
    expect(validateSectorGeometry({ type: 'MultiPolygon', coordinates: [[square], [shifted(0.1, 0)]] }).ok).toBe(true);
  });

  it('refuses a 200,000-vertex polygon instantly, before any geometric work', () => {
    const huge = { type: 'Polygon', coordinates: [circle(200_000)] };
    const start = performance.now();
    expect(messageOf(huge)).toBe('la géométrie compte 200 000 sommets, le maximum est 50 000 : simplifiez-la');
    expect(performance.now() - start).toBeLessThan(50);
    expect(MAX_SECTOR_VERTICES).toBe(50_000);
  });

  it('accepts a 40,000-vertex circle quickly', () => {
    const input = { type: 'Polygon', coordinates: [circle(40_000), circle(999, 6.17, 49.12, 0.01).reverse()] };
    // Best of two: the first call also pays for JIT warm-up, and CI machines are shared.
    let elapsed = Infinity;
    for (let run = 0; run < 2; run++) {
      const start = performance.now();
      const result = validateSectorGeometry(input);
      elapsed = Math.min(elapsed, performance.now() - start);
      expect(result.ok && result.vertexCount).toBe(40_999);
    }
    // Loose guard only: the real figure is far lower (see bench/README.md).
    expect(elapsed).toBeLessThan(1000);
  });

  it('finds a single crossing hidden in a 50,000-vertex polygon', () => {
    const ring = circle(50_000);
    // Swap two neighbouring vertices: two tiny edges now cross, 1e-6 degrees from each other.
    [ring[20_000], ring[20_001]] = [ring[20_001], ring[20_000]];
    const start = performance.now();
    expect(messageOf({ type: 'Polygon', coordinates: [ring] })).toContain('se recoupe elle-même près de');
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
