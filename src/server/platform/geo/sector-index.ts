import type { SectorGeometry } from '../../../shared/territory/territory.schemas.ts';
import { flattenParts } from './flat-parts.ts';
import { META, bandContains, buildBands } from './polygon-bands.ts';
import { EMPTY_CELL, buildGrid } from './sector-grid.ts';

export { naiveResolve, pointInGeometry } from './point-in-polygon.ts';

export interface SectorIndexEntry<T> {
  value: T;
  geometry: SectorGeometry;
}

export interface SectorIndexOptions {
  /** Grid cells per polygon: finer grids answer more points from a cell alone, at some memory cost. */
  cellsPerPolygon?: number;
  /** Hard cap on grid cells (4 bytes each), whatever the number of polygons. */
  maxCells?: number;
  /** Target edges per horizontal band of a polygon: fewer means more bands and shorter scans. */
  edgesPerBand?: number;
}

export interface SectorIndexStats {
  /** Polygons (a MultiPolygon counts its parts). */
  polygons: number;
  vertices: number;
  gridColumns: number;
  gridRows: number;
  /** Cells answered without any polygon test (inside one polygon, or in none). */
  uniformCells: number;
  mixedCells: number;
  /** Polygons listed per mixed cell, on average. */
  meanCandidates: number;
}

export interface SectorIndex<T> {
  readonly size: number;
  /** Bytes of the typed arrays the index owns; the geometries it was given are not retained. */
  readonly memoryBytes: number;
  readonly stats: SectorIndexStats;
  resolve(lon: number, lat: number): T | undefined;
}

/**
 * Point → sector index, all in flat typed arrays, built in O(vertices + cells):
 * - a uniform grid over the union of the bboxes (sector-grid.ts): most points are answered by
 *   their cell alone; other cells list the few polygons whose edges touch them;
 * - per polygon, edges bucketed into horizontal bands (polygon-bands.ts), so that ray casting only
 *   visits the edges of the point's band.
 * Both filters are exact: the answer is the naive scan's (first entry in order containing the
 * point, same floating-point operations), borders included. Holes and MultiPolygons are handled by
 * even-odd over the rings of each polygon.
 */
export function createSectorIndex<T>(
  entries: ReadonlyArray<SectorIndexEntry<T>>,
  options: SectorIndexOptions = {},
): SectorIndex<T> {
  const values = entries.map((entry) => entry.value);
  const flat = flattenParts(entries.map((entry) => entry.geometry));
  const bands = buildBands(flat, options.edgesPerBand ?? 3);
  const grid = buildGrid(flat, bands, options.cellsPerPolygon ?? 64, options.maxCells ?? 4_000_000);
  const { x0, y0, x1, y1, nx, ny, scaleX, scaleY, cells, lists } = grid;
  const { meta } = bands;

  const memoryBytes =
    [bands.vxy, meta, bands.offsets, bands.edges, cells, lists].reduce((sum, a) => sum + a.byteLength, 0) +
    values.length * 8;
  const candidates = lists.length - grid.mixedCells;
  const stats: SectorIndexStats = {
    polygons: flat.partCount,
    vertices: flat.vx.length,
    gridColumns: nx,
    gridRows: ny,
    uniformCells: cells.length - grid.mixedCells,
    mixedCells: grid.mixedCells,
    meanCandidates: grid.mixedCells === 0 ? 0 : candidates / grid.mixedCells,
  };

  return {
    size: entries.length,
    memoryBytes,
    stats,
    resolve(lon: number, lat: number): T | undefined {
      // Also rejects NaN.
      if (!(lon >= x0 && lon <= x1 && lat >= y0 && lat <= y1)) return undefined;
      let c = ((lon - x0) * scaleX) | 0;
      if (c >= nx) c = nx - 1;
      let r = ((lat - y0) * scaleY) | 0;
      if (r >= ny) r = ny - 1;
      const code = cells[r * nx + c];
      if (code >= 0) return values[code];
      if (code === EMPTY_CELL) return undefined;
      const start = -2 - code;
      for (let k = start + 1, end = start + 1 + lists[start]; k < end; k++) {
        const p = lists[k];
        if (p < 0) return values[meta[~p * META + 5] | 0];
        if (bandContains(bands, p, lon, lat)) return values[meta[p * META + 5] | 0];
      }
      return undefined;
    },
  };
}
