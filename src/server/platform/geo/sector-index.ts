import type { SectorGeometry } from '../../../shared/territory.schemas.ts';
import { crossesRight } from './point-in-polygon.ts';
import { IntList, flattenParts, type FlatParts } from './flat-parts.ts';

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
  parts: number;
  vertices: number;
  gridColumns: number;
  gridRows: number;
  /** Cells answered without any polygon test (inside one polygon, or in none). */
  uniformCells: number;
  mixedCells: number;
  meanCandidates: number;
}

export interface SectorIndex<T> {
  readonly size: number;
  /** Bytes of the typed arrays the index owns (geometries given to it are not retained). */
  readonly memoryBytes: number;
  readonly stats: SectorIndexStats;
  resolve(lon: number, lat: number): T | undefined;
}

const EMPTY_CELL = -1;

/**
 * Point → sector index. Layout, all in flat typed arrays:
 * - a uniform grid over the union of the bboxes; each cell is either *uniform* (inside exactly one
 *   polygon's interior, or outside all of them: answered with no geometry at all) or *mixed*, with
 *   the ids of the polygons whose edges touch it, in entry order (CSR lists);
 * - per polygon, its non-horizontal edges bucketed into horizontal bands, so that ray casting only
 *   visits the edges of the point's band.
 * Both filters are exact, so the answer is the naive scan's answer, bit for bit, borders included.
 */
export function createSectorIndex<T>(entries: ReadonlyArray<SectorIndexEntry<T>>, options: SectorIndexOptions = {}): SectorIndex<T> {
  const cellsPerPolygon = options.cellsPerPolygon ?? 16;
  const maxCells = options.maxCells ?? 4_000_000;
  const edgesPerBand = options.edgesPerBand ?? 3;
  const values = entries.map((entry) => entry.value);
  const flat = flattenParts(entries.map((entry) => entry.geometry));
  const { vx, vy, box, partEntry, partCount } = flat;
  const bands = buildBands(flat, edgesPerBand);
  const { bandBase, bandCount, bandInv, bandOffsets, bandEdges } = bands;

  function partContains(p: number, px: number, py: number): boolean {
    const o = p << 2;
    const minY = box[o + 1];
    // Exact: no edge can straddle a line outside [minY, maxY).
    if (py < minY || py >= box[o + 3]) return false;
    const count = bandCount[p];
    let band = ((py - minY) * bandInv[p]) | 0;
    if (band >= count) band = count - 1;
    const slot = bandBase[p] + band;
    let inside = false;
    for (let k = bandOffsets[slot], end = bandOffsets[slot + 1]; k < end; k++) {
      const i = bandEdges[k];
      if (crossesRight(px, py, vx[i], vy[i], vx[i + 1], vy[i + 1])) inside = !inside;
    }
    return inside;
  }

  let gx0 = Infinity, gy0 = Infinity, gx1 = -Infinity, gy1 = -Infinity;
  for (let p = 0; p < partCount; p++) {
    gx0 = Math.min(gx0, box[4 * p]);
    gy0 = Math.min(gy0, box[4 * p + 1]);
    gx1 = Math.max(gx1, box[4 * p + 2]);
    gy1 = Math.max(gy1, box[4 * p + 3]);
  }
  const grid = partCount === 0 ? { nx: 0, ny: 0, invCw: 0, invCh: 0, cw: 0, ch: 0 } : gridShape(gx1 - gx0, gy1 - gy0, partCount, cellsPerPolygon, maxCells);
  const { nx, ny, invCw, invCh, cw, ch } = grid;
  const cells = buildCells();
  const { cellData, listOffsets, candidates } = cells;

  function colOf(x: number): number {
    const c = Math.floor((x - gx0) * invCw);
    return c < 0 ? 0 : c >= nx ? nx - 1 : c;
  }
  function rowOf(y: number): number {
    const r = Math.floor((y - gy0) * invCh);
    return r < 0 ? 0 : r >= ny ? ny - 1 : r;
  }

  function buildCells() {
    const nCells = nx * ny;
    const stamp = new Int32Array(nCells).fill(-1);
    const pairCell = new IntList(1 << 16);
    const pairPart = new IntList(1 << 16);
    // Margin so that a point mapped to a cell is provably off every edge not marked on it.
    const eps = Math.max(1e-9, (cw + ch) * 1e-9);
    const { ringStart, partRingStart } = flat;
    for (let p = 0; p < partCount; p++) {
      for (let r = partRingStart[p]; r < partRingStart[p + 1]; r++) {
        for (let i = ringStart[r]; i < ringStart[r + 1] - 1; i++) {
          const x0 = vx[i], y0 = vy[i], x1 = vx[i + 1], y1 = vy[i + 1];
          const ylo = Math.min(y0, y1), yhi = Math.max(y0, y1);
          const slope = yhi > ylo ? (x1 - x0) / (y1 - y0) : 0;
          for (let row = rowOf(ylo - eps), lastRow = rowOf(yhi + eps); row <= lastRow; row++) {
            let xa = Math.min(x0, x1), xb = Math.max(x0, x1);
            if (yhi > ylo) {
              const sa = x0 + (Math.max(ylo, gy0 + row * ch - eps) - y0) * slope;
              const sb = x0 + (Math.min(yhi, gy0 + (row + 1) * ch + eps) - y0) * slope;
              xa = Math.min(sa, sb);
              xb = Math.max(sa, sb);
            }
            for (let c = colOf(xa - eps), lastCol = colOf(xb + eps); c <= lastCol; c++) {
              const cell = row * nx + c;
              if (stamp[cell] !== p) {
                stamp[cell] = p;
                pairCell.push(cell);
                pairPart.push(p);
              }
            }
          }
        }
      }
      // Untouched cells of the bbox: a run of them shares one status, so test one centre per run.
      const o = 4 * p;
      for (let row = rowOf(box[o + 1]), lastRow = rowOf(box[o + 3]); row <= lastRow; row++) {
        const cy = gy0 + (row + 0.5) * ch;
        for (let c = colOf(box[o]), lastCol = colOf(box[o + 2]); c <= lastCol; ) {
          if (stamp[row * nx + c] === p) {
            c++;
            continue;
          }
          const inside = partContains(p, gx0 + (c + 0.5) * cw, cy);
          for (; c <= lastCol && stamp[row * nx + c] !== p; c++) {
            if (inside) {
              pairCell.push(row * nx + c);
              pairPart.push(~p);
            }
          }
        }
      }
    }
    return packCells(nCells, pairCell, pairPart, partEntry);
  }

  const memoryBytes =
    [vx, vy, box, partEntry, bandBase, bandCount, bandInv, bandOffsets, bandEdges, cellData, listOffsets, candidates].reduce((sum, a) => sum + a.byteLength, 0) + values.length * 8;
  let uniformCells = 0;
  for (let c = 0; c < cellData.length; c++) if (cellData[c] >= EMPTY_CELL) uniformCells++;
  const mixedCells = cellData.length - uniformCells;
  const stats: SectorIndexStats = {
    parts: partCount,
    vertices: vx.length,
    gridColumns: nx,
    gridRows: ny,
    uniformCells,
    mixedCells,
    meanCandidates: mixedCells === 0 ? 0 : candidates.length / mixedCells,
  };

  return {
    size: entries.length,
    memoryBytes,
    stats,
    resolve(lon: number, lat: number): T | undefined {
      // Also rejects NaN.
      if (!(lon >= gx0 && lon <= gx1 && lat >= gy0 && lat <= gy1)) return undefined;
      let c = ((lon - gx0) * invCw) | 0;
      if (c >= nx) c = nx - 1;
      let r = ((lat - gy0) * invCh) | 0;
      if (r >= ny) r = ny - 1;
      const v = cellData[r * nx + c];
      if (v >= 0) return values[v];
      if (v === EMPTY_CELL) return undefined;
      const list = -2 - v;
      for (let k = listOffsets[list], end = listOffsets[list + 1]; k < end; k++) {
        const p = candidates[k];
        if (p < 0) return values[partEntry[~p]];
        if (partContains(p, lon, lat)) return values[partEntry[p]];
      }
      return undefined;
    },
  };
}

function gridShape(width: number, height: number, parts: number, cellsPerPolygon: number, maxCells: number) {
  const target = Math.max(1, Math.min(maxCells, Math.round(parts * cellsPerPolygon)));
  let nx = 1, ny = 1;
  if (width > 0 && height > 0) {
    const side = Math.sqrt((width * height) / target);
    nx = Math.max(1, Math.min(target, Math.floor(width / side)));
    ny = Math.max(1, Math.min(Math.floor(target / nx), Math.floor(height / side)));
  } else if (width > 0) nx = target;
  else if (height > 0) ny = target;
  return { nx, ny, invCw: width > 0 ? nx / width : 0, invCh: height > 0 ? ny / height : 0, cw: width / nx, ch: height / ny };
}

/** Bands of each part: CSR over all parts, `bandBase[p] + b` is the slot of band b of part p. */
function buildBands(flat: FlatParts, edgesPerBand: number) {
  const { vy, box, ringStart, partRingStart, partCount } = flat;
  const bandBase = new Int32Array(partCount);
  const bandCount = new Int32Array(partCount);
  const bandInv = new Float64Array(partCount);
  const offsets = new IntList(partCount * 8 + 1);
  const edges = new IntList(vy.length * 2);
  let scratch = new Int32Array(64);
  for (let p = 0; p < partCount; p++) {
    const firstRing = partRingStart[p], lastRing = partRingStart[p + 1];
    let m = 0;
    for (let r = firstRing; r < lastRing; r++) for (let i = ringStart[r]; i < ringStart[r + 1] - 1; i++) if (vy[i] !== vy[i + 1]) m++;
    const count = Math.max(1, Math.ceil(m / edgesPerBand));
    const minY = box[4 * p + 1], height = box[4 * p + 3] - minY;
    const inv = height > 0 ? count / height : 0;
    bandBase[p] = offsets.length;
    bandCount[p] = count;
    bandInv[p] = inv;
    if (scratch.length < count + 1) scratch = new Int32Array(count * 2 + 1);
    scratch.fill(0, 0, count + 1);
    const bandOf = (y: number) => Math.min(count - 1, Math.floor((y - minY) * inv));
    for (let r = firstRing; r < lastRing; r++) {
      for (let i = ringStart[r]; i < ringStart[r + 1] - 1; i++) {
        const ya = vy[i], yb = vy[i + 1];
        if (ya === yb) continue;
        for (let b = bandOf(Math.min(ya, yb)), last = bandOf(Math.max(ya, yb)); b <= last; b++) scratch[b + 1]++;
      }
    }
    for (let b = 0; b < count; b++) {
      scratch[b + 1] += scratch[b];
      offsets.push(edges.length + scratch[b]);
    }
    const start = edges.length;
    edges.grow(start + scratch[count]);
    for (let r = firstRing; r < lastRing; r++) {
      for (let i = ringStart[r]; i < ringStart[r + 1] - 1; i++) {
        const ya = vy[i], yb = vy[i + 1];
        if (ya === yb) continue;
        for (let b = bandOf(Math.min(ya, yb)), last = bandOf(Math.max(ya, yb)); b <= last; b++) edges.data[start + scratch[b]++] = i;
      }
    }
  }
  offsets.push(edges.length);
  return { bandBase, bandCount, bandInv, bandOffsets: offsets.trimmed(), bandEdges: edges.trimmed() };
}

/**
 * Counting sort of the (cell, part) pairs by cell (stable, so entry order is kept), then one code
 * per cell: >= 0 uniform entry, -1 empty, <= -2 mixed list. `~p` marks a part containing the whole
 * cell; nothing after it in a list can win, so the list stops there.
 */
function packCells(nCells: number, pairCell: IntList, pairPart: IntList, partEntry: Int32Array) {
  const starts = new Int32Array(nCells + 1);
  for (let k = 0; k < pairCell.length; k++) starts[pairCell.data[k] + 1]++;
  for (let c = 0; c < nCells; c++) starts[c + 1] += starts[c];
  const sorted = new Int32Array(pairCell.length);
  const cursor = starts.slice(0, nCells);
  for (let k = 0; k < pairCell.length; k++) sorted[cursor[pairCell.data[k]]++] = pairPart.data[k];
  const cellData = new Int32Array(nCells);
  const listOffsets = new IntList(1024);
  const candidates = new IntList(1024);
  listOffsets.push(0);
  for (let c = 0; c < nCells; c++) {
    const s = starts[c], e = starts[c + 1];
    if (s === e) cellData[c] = EMPTY_CELL;
    else if (sorted[s] < 0) cellData[c] = partEntry[~sorted[s]];
    else {
      cellData[c] = -2 - (listOffsets.length - 1);
      for (let k = s; k < e; k++) {
        candidates.push(sorted[k]);
        if (sorted[k] < 0) break;
      }
      listOffsets.push(candidates.length);
    }
  }
  return { cellData, listOffsets: listOffsets.trimmed(), candidates: candidates.trimmed() };
}
