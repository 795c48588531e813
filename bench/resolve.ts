/**
 * Point → sector resolution at France scale: `node --import tsx bench/resolve.ts`.
 * Method and figures: bench/README.md. Exits 1 when a target is missed or when the index and the
 * naive scan disagree.
 */
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { SectorGeometry } from '../src/shared/territory/territory.schemas.ts';
import { createSectorIndex, naiveResolve, pointInGeometry } from '../src/server/platform/geo/sector-index.ts';
import { validateSectorGeometry } from '../src/server/platform/geo/validate-geometry.ts';
import { FRANCE_BBOX, buildSyntheticTerritory, prng } from './synthetic-territory.ts';

const TARGET_LOOKUPS_PER_SECOND = 500_000;
const TARGET_SPEEDUP = 100;
const INDEX_POINTS = 1_000_000;
const AGREEMENT_POINTS = 2_000;

// A full collection before each memory reading, without asking the caller for --expose-gc.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const now = () => performance.now();
const rate = (n: number, ms: number) => (n / ms) * 1000;
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;

function randomPoints(count: number, seed: number): Float64Array {
  const random = prng(seed);
  const [x0, y0, x1, y1] = FRANCE_BBOX;
  const points = new Float64Array(2 * count);
  for (let k = 0; k < count; k++) {
    points[2 * k] = x0 + random() * (x1 - x0);
    points[2 * k + 1] = y0 + random() * (y1 - y0);
  }
  return points;
}

/**
 * Lookups per second of `resolve` over `points`, until `budgetMs` is spent (or all points done);
 * answers are kept in `record` when given.
 */
function measure(
  resolve: (lon: number, lat: number) => unknown,
  points: Float64Array,
  budgetMs: number,
  record?: unknown[],
): { rate: number; lookups: number; misses: number } {
  const count = points.length / 2;
  let misses = 0,
    k = 0;
  const start = now();
  let elapsed = 0;
  while (k < count) {
    const answer = resolve(points[2 * k], points[2 * k + 1]);
    if (answer === undefined) misses++;
    if (record) record.push(answer);
    k++;
    // Reading the clock costs more than an index lookup: only every 16 points.
    if ((k & 15) === 0 && (elapsed = now() - start) > budgetMs) break;
  }
  elapsed = now() - start;
  return { rate: rate(k, elapsed), lookups: k, misses };
}

console.log(
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, nproc ${os.availableParallelism()}, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

let t = now();
const territory = buildSyntheticTerritory();
const generationMs = now() - t;
const { entries } = territory;
const polygons = entries.reduce(
  (sum, e) => sum + (e.geometry.type === 'Polygon' ? 1 : e.geometry.coordinates.length),
  0,
);
console.log(
  `Territory: ${fmt(territory.communes)} communes, ${territory.splitCommunes} ` +
    `split into ${fmt(entries.length - territory.communes)} extra sectors, ` +
    (`${territory.enclaves} enclaves (hole + MultiPolygon) → ` +
      `${fmt(entries.length)} sectors, ${fmt(polygons)} polygons; `) +
    (`vertices per commune min ${territory.communeVertices.min} / mean ` +
      `${fmt(territory.communeVertices.mean, 1)} / max ` +
      `${territory.communeVertices.max}; generated in ${fmt(generationMs)} ms`),
);

// Sanity: the synthetic sectors are valid geometries (a sample, the whole set takes ~10 s).
const sampleRandom = prng(99);
t = now();
let invalid = 0;
const validationSample = 2_000;
for (let k = 0; k < validationSample; k++)
  if (!validateSectorGeometry(entries[Math.floor(sampleRandom() * entries.length)].geometry).ok) invalid++;
const validationMs = now() - t;

gc();
const before = process.memoryUsage();
t = now();
const index = createSectorIndex(entries);
const buildMs = now() - t;
gc();
const after = process.memoryUsage();
const { stats } = index;

const points = randomPoints(INDEX_POINTS, 2024);
measure(index.resolve, points.subarray(0, 400_000), Infinity);
const runs = [0, 1, 2].map(() => measure(index.resolve, points, Infinity));
const indexRun = runs.reduce((best, run) => (run.rate > best.rate ? run : best));

// Harder case for the grid: points within ~100 m of a corner where 3-4 communes meet.
const nearRandom = prng(11);
const nearBorders = new Float64Array(2 * 200_000);
for (let k = 0; k < 200_000; k++) {
  const [lon, lat] = territory.corners[Math.floor(nearRandom() * territory.corners.length)];
  nearBorders[2 * k] = lon + (nearRandom() - 0.5) * 0.002;
  nearBorders[2 * k + 1] = lat + (nearRandom() - 0.5) * 0.002;
}
const borderRun = [0, 1, 2]
  .map(() => measure(index.resolve, nearBorders, Infinity))
  .reduce((best, run) => (run.rate > best.rate ? run : best));

// Baselines, on their own points so that no cache effect from the runs above helps them.
const slowPoints = randomPoints(200_000, 7);
measure((lon, lat) => naiveResolve(entries, lon, lat), slowPoints.subarray(0, 20), Infinity);
const naiveAnswers: unknown[] = [];
const naiveRun = measure((lon, lat) => naiveResolve(entries, lon, lat), slowPoints, 2_500, naiveAnswers);
let literalDisagreements = 0;
naiveAnswers.forEach((answer, k) => {
  if (index.resolve(slowPoints[2 * k], slowPoints[2 * k + 1]) !== answer) literalDisagreements++;
});

const boxes = new Float64Array(entries.length * 4);
entries.forEach((entry, e) => {
  const polygonsOf = entry.geometry.type === 'Polygon' ? [entry.geometry.coordinates] : entry.geometry.coordinates;
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf) {
    for (const [x, y] of polygon[0]) {
      box[0] = Math.min(box[0], x);
      box[1] = Math.min(box[1], y);
      box[2] = Math.max(box[2], x);
      box[3] = Math.max(box[3], y);
    }
  }
  boxes.set(box, e * 4);
});
function bboxScan(lon: number, lat: number): number | undefined {
  for (let e = 0; e < entries.length; e++) {
    const o = e * 4;
    if (lon < boxes[o] || lon > boxes[o + 2] || lat < boxes[o + 1] || lat > boxes[o + 3]) continue;
    if (pointInGeometry(entries[e].geometry as SectorGeometry, lon, lat)) return entries[e].value;
  }
  return undefined;
}
measure(bboxScan, slowPoints.subarray(0, 2_000), Infinity);
const bboxRun = measure(bboxScan, slowPoints, 2_000);

/**
 * The naive scan for many points at once, same answers bit for bit: entries in order, the same
 * `pointInGeometry`, first containing entry wins; only the loops are swapped (each geometry is read
 * once for all points) and an entry is skipped for points outside its latitude range, where ray
 * casting provably finds no crossing. 2,000 literal naive lookups would take over a minute here.
 */
function naiveResolveBatch(lons: Float64Array, lats: Float64Array): Array<number | undefined> {
  const answers: Array<number | undefined> = Array.from({ length: lons.length }, () => undefined);
  const byLat = Array.from(lons, (_, k) => k).sort((a, b) => lats[a] - lats[b]);
  const sortedLats = byLat.map((k) => lats[k]);
  entries.forEach((entry, e) => {
    // Holes lie within their shell: the outer rings' latitude range is the entry's.
    const minLat = boxes[e * 4 + 1],
      maxLat = boxes[e * 4 + 3];
    let lo = 0,
      hi = sortedLats.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedLats[mid] < minLat) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo; j < sortedLats.length && sortedLats[j] <= maxLat; j++) {
      const k = byLat[j];
      if (answers[k] === undefined && pointInGeometry(entry.geometry, lons[k], lats[k])) answers[k] = entry.value;
    }
  });
  return answers;
}

// Agreement: random points, plus corners shared by 3-4 communes (exactly on borders).
const agreementPoints = randomPoints(AGREEMENT_POINTS, 31);
const cornerRandom = prng(5);
const corners = Array.from(
  { length: 500 },
  () => territory.corners[Math.floor(cornerRandom() * territory.corners.length)],
);
const lons = new Float64Array(AGREEMENT_POINTS + corners.length),
  lats = new Float64Array(lons.length);
for (let k = 0; k < lons.length; k++) {
  [lons[k], lats[k]] =
    k < AGREEMENT_POINTS ? [agreementPoints[2 * k], agreementPoints[2 * k + 1]] : corners[k - AGREEMENT_POINTS];
}
t = now();
const expectedAnswers = naiveResolveBatch(lons, lats);
const agreementMs = now() - t;
let disagreements = 0,
  bboxDisagreements = 0,
  undefinedInside = 0;
for (let k = 0; k < lons.length; k++) {
  const got = index.resolve(lons[k], lats[k]);
  if (got !== expectedAnswers[k]) disagreements++;
  if (bboxScan(lons[k], lats[k]) !== expectedAnswers[k]) bboxDisagreements++;
  // The synthetic sectors tile the bbox: every point of it has an owner, borders included.
  if (got === undefined) undefinedInside++;
}

const speedupNaive = indexRun.rate / naiveRun.rate;
const speedupBbox = indexRun.rate / bboxRun.rate;
const rows: Array<[string, string]> = [
  ['sectors / polygons / vertices', `${fmt(entries.length)} / ${fmt(polygons)} / ${fmt(stats.vertices)}`],
  [
    'validation of the synthetic sectors',
    `${validationSample - invalid}/${validationSample} valid, ` +
      `${fmt((validationMs / validationSample) * 1000)} µs per sector`,
  ],
  ['index build', `${fmt(buildMs)} ms`],
  [
    'index grid',
    `${stats.gridColumns} × ${stats.gridRows} cells, ` +
      `${fmt((100 * stats.uniformCells) / (stats.gridColumns * stats.gridRows), 1)}` +
      ` % answered by the cell alone, ${fmt(stats.meanCandidates, 2)} polygons per ` +
      `other cell`,
  ],
  ['index memory (own estimate)', mb(index.memoryBytes)],
  [
    'memory delta: heapUsed / arrayBuffers',
    `${mb(after.heapUsed - before.heapUsed)} / ${mb(after.arrayBuffers - before.arrayBuffers)}`,
  ],
  [
    'index lookups/s (best of 3 × 1,000,000)',
    `${fmt(indexRun.rate)}  (runs: ${runs.map((r) => fmt(r.rate)).join(', ')})`,
  ],
  ['index lookups/s, points near corners (best of 3 × 200,000)', fmt(borderRun.rate)],
  ['naive scan lookups/s', `${fmt(naiveRun.rate, 1)}  (${fmt(naiveRun.lookups)} lookups in ~2.5 s)`],
  ['bbox-filtered linear scan lookups/s', `${fmt(bboxRun.rate)}  (${fmt(bboxRun.lookups)} lookups in ~2 s)`],
  ['speed-up vs naive / vs bbox scan', `${fmt(speedupNaive)}× / ${fmt(speedupBbox)}×`],
  ['points with no sector (index run)', `${fmt(indexRun.misses)}`],
  [
    'agreement with naiveResolve (its timed lookups)',
    `${literalDisagreements} disagreement(s) on ${fmt(naiveAnswers.length)} points`,
  ],
  [
    `agreement with naive, batched (${fmt(AGREEMENT_POINTS)} random + ${corners.length} corners)`,
    `${disagreements} disagreement(s), bbox scan ${bboxDisagreements}, ` +
      `${undefinedInside} undefined, ${fmt(agreementMs / 1000, 1)} s`,
  ],
];
const width = Math.max(...rows.map(([label]) => label.length));
console.log('');
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);

const failures = [
  indexRun.rate < TARGET_LOOKUPS_PER_SECOND && `index below ${fmt(TARGET_LOOKUPS_PER_SECOND)} lookups/s`,
  speedupNaive < TARGET_SPEEDUP && `speed-up below ${TARGET_SPEEDUP}× naive`,
  disagreements + literalDisagreements > 0 && 'index and naive scan disagree',
  undefinedInside > 0 && 'points of the territory resolved to no sector',
  invalid > 0 && 'invalid synthetic sectors',
].filter(Boolean);
console.log('');
if (failures.length > 0) {
  console.log(`FAIL: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(`OK: ≥ ${fmt(TARGET_LOOKUPS_PER_SECOND)} lookups/s and ≥ ${TARGET_SPEEDUP}× naive`);
