import { IntList, type FlatParts } from './flat-parts.ts';
import { META, bandContains, type PolygonBands } from './polygon-bands.ts';

/**
 * Uniform grid over the union of the polygons' bboxes. A cell is *uniform* when one answer holds
 * for every point in it (inside one polygon with no edge of any earlier polygon near, or in none):
 * the cell alone answers. Otherwise it lists, in entry order, the polygons whose edges touch it.
 */
export interface SectorGrid {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  nx: number;
  ny: number;
  /** Cells per degree. */
  scaleX: number;
  scaleY: number;
  /** >= 0: uniform, that entry; EMPTY_CELL: no sector; <= -2: mixed, list at offset -2 - code. */
  cells: Int32Array;
  /** Mixed lists: a count, then polygon ids; `~p` means p contains the whole cell (always a hit). */
  lists: Int32Array;
  mixedCells: number;
}

export const EMPTY_CELL = -1;

export function buildGrid(flat: FlatParts, bands: PolygonBands, cellsPerPolygon: number, maxCells: number): SectorGrid {
  const { vx, vy, box, ringStart, partRingStart, partCount } = flat;
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (let p = 0; p < partCount; p++) {
    x0 = Math.min(x0, box[4 * p]);
    y0 = Math.min(y0, box[4 * p + 1]);
    x1 = Math.max(x1, box[4 * p + 2]);
    y1 = Math.max(y1, box[4 * p + 3]);
  }
  if (partCount === 0)
    return {
      x0: 0,
      y0: 0,
      x1: -1,
      y1: -1,
      nx: 0,
      ny: 0,
      scaleX: 0,
      scaleY: 0,
      cells: new Int32Array(0),
      lists: new Int32Array(0),
      mixedCells: 0,
    };
  const width = x1 - x0,
    height = y1 - y0;
  const target = Math.max(1, Math.min(maxCells, Math.round(partCount * cellsPerPolygon)));
  let nx = 1,
    ny = 1;
  if (width > 0 && height > 0) {
    const side = Math.sqrt((width * height) / target);
    nx = Math.max(1, Math.min(target, Math.floor(width / side)));
    ny = Math.max(1, Math.min(Math.floor(target / nx), Math.floor(height / side)));
  } else if (width > 0) nx = target;
  else if (height > 0) ny = target;
  const scaleX = width > 0 ? nx / width : 0,
    scaleY = height > 0 ? ny / height : 0;
  const cw = width / nx,
    ch = height / ny;
  const colOf = (x: number) => Math.min(nx - 1, Math.max(0, Math.floor((x - x0) * scaleX)));
  const rowOf = (y: number) => Math.min(ny - 1, Math.max(0, Math.floor((y - y0) * scaleY)));

  const nCells = nx * ny;
  const stamp = new Int32Array(nCells).fill(-1);
  // About one pair per cell (inside) plus the boundary cells: sized once in the common case.
  const pairCell = new IntList(nCells * 2 + 1024);
  const pairPart = new IntList(nCells * 2 + 1024);
  // Margin so that a point mapped to a cell is provably off every edge not marked on it.
  const eps = Math.max(1e-9, (cw + ch) * 1e-9);
  for (let p = 0; p < partCount; p++) {
    // Cells touched by an edge: per row of cells, the x-extent of the edge within the row's slab.
    for (let r = partRingStart[p]; r < partRingStart[p + 1]; r++) {
      for (let i = ringStart[r]; i < ringStart[r + 1] - 1; i++) {
        const ax = vx[i],
          ay = vy[i],
          bx = vx[i + 1],
          by = vy[i + 1];
        const ylo = Math.min(ay, by),
          yhi = Math.max(ay, by);
        const slope = yhi > ylo ? (bx - ax) / (by - ay) : 0;
        const firstRow = rowOf(ylo - eps),
          lastRow = rowOf(yhi + eps);
        for (let row = firstRow; row <= lastRow; row++) {
          let xa = Math.min(ax, bx),
            xb = Math.max(ax, bx);
          // Most edges are far shorter than a cell: within a single row their x-extent is exact.
          if (yhi > ylo && firstRow !== lastRow) {
            const sa = ax + (Math.max(ylo, y0 + row * ch - eps) - ay) * slope;
            const sb = ax + (Math.min(yhi, y0 + (row + 1) * ch + eps) - ay) * slope;
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
      const cy = y0 + (row + 0.5) * ch;
      for (let c = colOf(box[o]), lastCol = colOf(box[o + 2]); c <= lastCol; ) {
        if (stamp[row * nx + c] === p) {
          c++;
          continue;
        }
        const inside = bandContains(bands, p, x0 + (c + 0.5) * cw, cy);
        for (; c <= lastCol && stamp[row * nx + c] !== p; c++) {
          if (inside) {
            pairCell.push(row * nx + c);
            pairPart.push(~p);
          }
        }
      }
    }
  }
  return { x0, y0, x1, y1, nx, ny, scaleX, scaleY, ...packCells(nCells, pairCell, pairPart, bands) };
}

/**
 * Counting sort of the (cell, polygon) pairs by cell, stable so that entry order is kept; then one
 * code per cell. A polygon containing the whole cell ends its list: nothing after it can win.
 */
function packCells(nCells: number, pairCell: IntList, pairPart: IntList, bands: PolygonBands) {
  const starts = new Int32Array(nCells + 1);
  for (let k = 0; k < pairCell.length; k++) starts[pairCell.data[k] + 1]++;
  for (let c = 0; c < nCells; c++) starts[c + 1] += starts[c];
  const sorted = new Int32Array(pairCell.length);
  const cursor = starts.slice(0, nCells);
  for (let k = 0; k < pairCell.length; k++) sorted[cursor[pairCell.data[k]]++] = pairPart.data[k];
  const entryOf = (p: number) => bands.meta[p * META + 5];
  const cells = new Int32Array(nCells);
  const lists = new IntList(pairCell.length + 1024);
  let mixedCells = 0;
  for (let c = 0; c < nCells; c++) {
    const s = starts[c],
      e = starts[c + 1];
    if (s === e) cells[c] = EMPTY_CELL;
    else if (sorted[s] < 0) cells[c] = entryOf(~sorted[s]);
    else {
      mixedCells++;
      cells[c] = -2 - lists.length;
      const countAt = lists.length;
      lists.push(0);
      for (let k = s; k < e; k++) {
        lists.push(sorted[k]);
        if (sorted[k] < 0) break;
      }
      lists.data[countAt] = lists.length - countAt - 1;
    }
  }
  return { cells, lists: lists.trimmed(), mixedCells };
}
