import { describe, it, expect } from 'vitest';
import type { SectorGeometry } from '../../../shared/territory/territory.schemas.ts';
import { geometriesOverlap, overlapArea } from './overlap.ts';

function rect(x0: number, y0: number, x1: number, y1: number): SectorGeometry {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  };
}

describe('geometriesOverlap', () => {
  it('does not flag squares that share an edge or a corner', () => {
    expect(geometriesOverlap(rect(6, 49, 6.1, 49.1), rect(6.1, 49, 6.2, 49.1))).toBe(false);
    expect(geometriesOverlap(rect(6, 49, 6.1, 49.1), rect(6.1, 49.1, 6.2, 49.2))).toBe(false);
    expect(geometriesOverlap(rect(6, 49, 6.1, 49.1), rect(7, 49, 7.1, 49.1))).toBe(false);
  });

  it('does not flag a shared irregular border traced in opposite directions', () => {
    const border = Array.from({ length: 50 }, (_, i) => [6 + 0.002 * i, 49 + 0.001 * Math.sin(i)]);
    const below: SectorGeometry = { type: 'Polygon', coordinates: [[...border, [6.098, 48.9], [6, 48.9], border[0]]] };
    const above: SectorGeometry = {
      type: 'Polygon',
      coordinates: [[...[...border].reverse(), [6, 49.1], [6.098, 49.1], border[border.length - 1]]],
    };
    expect(geometriesOverlap(below, above)).toBe(false);
  });

  it('flags overlapping, identical and nested polygons', () => {
    expect(geometriesOverlap(rect(6, 49, 6.1, 49.1), rect(6.05, 49.05, 6.15, 49.15))).toBe(true);
    expect(overlapArea(rect(6, 49, 6.1, 49.1), rect(6.05, 49.05, 6.15, 49.15))).toBeCloseTo(0.0025, 10);
    expect(geometriesOverlap(rect(6, 49, 6.1, 49.1), rect(6, 49, 6.1, 49.1))).toBe(true);
    expect(geometriesOverlap(rect(6, 49, 6.1, 49.1), rect(6.04, 49.04, 6.06, 49.06))).toBe(true);
    expect(geometriesOverlap(rect(6.04, 49.04, 6.06, 49.06), rect(6, 49, 6.1, 49.1))).toBe(true);
  });

  it('ignores slivers below the area threshold', () => {
    expect(geometriesOverlap(rect(6, 49, 6.1, 49.1), rect(6.1 - 1e-9, 49, 6.2, 49.1))).toBe(false);
  });

  it('respects holes and multipolygons', () => {
    const donut: SectorGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [6, 49],
          [6.3, 49],
          [6.3, 49.3],
          [6, 49.3],
          [6, 49],
        ],
        [
          [6.1, 49.1],
          [6.1, 49.2],
          [6.2, 49.2],
          [6.2, 49.1],
          [6.1, 49.1],
        ],
      ],
    };
    expect(geometriesOverlap(donut, rect(6.1, 49.1, 6.2, 49.2))).toBe(false);
    expect(geometriesOverlap(donut, rect(6.12, 49.12, 6.25, 49.18))).toBe(true);
    const multi: SectorGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        rect(0, 0, 1, 1).coordinates as number[][][],
        rect(6.1, 49.1, 6.2, 49.2).coordinates as number[][][],
      ],
    };
    expect(geometriesOverlap(multi, rect(6.15, 49.15, 6.25, 49.25))).toBe(true);
    expect(geometriesOverlap(multi, donut)).toBe(false);
  });
});
