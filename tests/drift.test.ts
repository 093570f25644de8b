import { describe, expect, test } from '@jest/globals';
import {
  binValues,
  chiSquaredSurvival,
  DEFAULT_MIN_EFFECT,
  DEFAULT_THRESHOLDS,
  detectDrift,
  distinctValues,
  DRIFT_ANOMALY_TYPES,
  driftSummary,
  kolmogorovSurvival,
  quantileEdges,
  type DriftOptions,
  type DriftReport,
  type DriftTest,
  type FeatureDrift,
} from '../src/data/drift.js';
import { computeStatistics } from '../src/data/statistics.js';
import type { ColumnStats, DatasetStats, RawTable, RawValue } from '../src/data/types.js';
import { createRng } from '../src/util/random.js';

type Columns = Record<string, RawValue[]>;

function table(columns: Columns): RawTable {
  const names = Object.keys(columns);
  const length = Math.max(0, ...names.map((name) => columns[name]?.length ?? 0));
  const rows = Array.from({ length }, (_, i) => names.map((name) => columns[name]?.[i] ?? null));
  return { source: 'test.csv', columns: names, rows, lines: rows.map((_, i) => i + 2) };
}

function numbersOf(values: RawValue[] | undefined): number[] {
  return (values ?? []).filter((value): value is number => typeof value === 'number');
}

/**
 * Statistics as the pipeline keeps them: numeric columns carry their drift summary, on the
 * baseline's edges when a baseline is given (as the validate step will bin current data).
 */
function stats(columns: Columns, baseline?: DatasetStats): DatasetStats {
  const result = computeStatistics(table(columns));
  for (const column of result.columns) {
    if (column.kind !== 'numeric' || !column.numeric) continue;
    const edges = baseline?.columns.find((c) => c.name === column.name)?.numeric?.driftHistogram
      ?.edges;
    Object.assign(column.numeric, driftSummary(numbersOf(columns[column.name]), edges));
  }
  return result;
}

function drift(reference: Columns, current: Columns, options?: DriftOptions): DriftReport {
  const baseline = stats(reference);
  return detectDrift(baseline, stats(current, baseline), options);
}

function only(report: DriftReport): FeatureDrift {
  expect(report.skipped).toEqual([]);
  expect(report.features).toHaveLength(1);
  return report.features[0] as FeatureDrift;
}

/** Normal draws (Box–Muller over the seeded generator). */
function normals(seed: number, count: number, mean = 0, std = 1): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => {
    const radius = Math.sqrt(-2 * Math.log(1 - rng()));
    return mean + std * radius * Math.cos(2 * Math.PI * rng());
  });
}

/** Draws of the keys of `weights`, in proportion to them. */
function draw(seed: number, count: number, weights: Record<string, number>): string[] {
  const rng = createRng(seed);
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  return Array.from({ length: count }, () => {
    let u = rng() * total;
    for (const [value, weight] of entries) if ((u -= weight) < 0) return value;
    return (entries[entries.length - 1] as [string, number])[0];
  });
}

/** Categorical statistics from counts, as computeStatistics writes them (every value in top). */
function categorical(name: string, counts: Record<string, number>): ColumnStats {
  const top = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count);
  const count = top.reduce((sum, entry) => sum + entry.count, 0);
  return {
    name,
    kind: 'categorical',
    count,
    missing: 0,
    categorical: { unique: top.length, top, avgLength: 1 },
  };
}

function countsDrift(
  reference: Record<string, number>,
  current: Record<string, number>,
  test: DriftTest,
): FeatureDrift {
  return only(
    detectDrift(
      { rows: 0, columns: [categorical('c', reference)] },
      { rows: 0, columns: [categorical('c', current)] },
      { test },
    ),
  );
}

/** sup |F_a − F_b| on raw values. */
function exactKs(a: number[], b: number[]): number {
  const [x, y] = [[...a].sort((p, q) => p - q), [...b].sort((p, q) => p - q)];
  let [i, j, gap] = [0, 0, 0];
  while (i < x.length && j < y.length) {
    const value = Math.min(x[i] as number, y[j] as number);
    while (i < x.length && x[i] === value) i++;
    while (j < y.length && y[j] === value) j++;
    gap = Math.max(gap, Math.abs(i / x.length - j / y.length));
  }
  return gap;
}

/** ∫|F_a − F_b| on raw values (scipy's wasserstein_distance). */
function exactWasserstein(a: number[], b: number[]): number {
  const points = [...new Set([...a, ...b])].sort((p, q) => p - q);
  const [x, y] = [[...a].sort((p, q) => p - q), [...b].sort((p, q) => p - q)];
  let [i, j, total] = [0, 0, 0];
  for (let k = 0; k < points.length - 1; k++) {
    const value = points[k] as number;
    while (i < x.length && (x[i] as number) <= value) i++;
    while (j < y.length && (y[j] as number) <= value) j++;
    total += Math.abs(i / x.length - j / y.length) * ((points[k + 1] as number) - value);
  }
  return total;
}

function populationStd(values: number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length);
}

describe('p-values, against scipy 1.17.1', () => {
  // scipy.stats.kstwobign.sf(x)
  test.each([
    [0.2, 0.999999999999495],
    [0.5, 0.9639452436648751],
    [0.8, 0.5441424115741981],
    [1.0, 0.26999967167735456],
    [1.17, 0.12939004218561884],
    [1.19, 0.11774229287977166],
    [1.3581, 0.0499996304316674],
    [1.6276, 0.010001537333060776],
    [2.0, 0.0006709252557796953],
    [3.0, 3.045995948942526e-8],
  ])('Kolmogorov survival at %p', (x, expected) => {
    expect(kolmogorovSurvival(x)).toBeCloseTo(expected, 12);
    expect(Math.abs(kolmogorovSurvival(x) / expected - 1)).toBeLessThan(1e-9);
  });

  test('Kolmogorov survival is 1 at 0 and below, and 0 far out', () => {
    expect([kolmogorovSurvival(0), kolmogorovSurvival(-1), kolmogorovSurvival(50)]).toEqual([
      1, 1, 0,
    ]);
  });

  // scipy.stats.chi2.sf(x, df)
  test.each([
    [3.841458820694124, 1, 0.04999999999999989],
    [0.5, 1, 0.47950012218695337],
    [10, 3, 0.01856613546304325],
    [100, 90, 0.22104023262544467],
    [0.001, 5, 0.9999999983185123],
    [50, 2, 1.3887943864964e-11],
    [7.5, 7, 0.37873690604821353],
    [200, 150, 0.003973185970821635],
    [30, 4, 4.894437128029217e-6],
    [0.1, 20, 1.0],
  ])('chi-squared survival at %p with %p degrees of freedom', (x, df, expected) => {
    expect(Math.abs(chiSquaredSurvival(x, df) / expected - 1)).toBeLessThan(1e-9);
  });

  test('chi-squared survival is 1 at 0 and 0 at infinity', () => {
    expect([chiSquaredSurvival(0, 3), chiSquaredSurvival(Infinity, 3)]).toEqual([1, 0]);
  });
});

describe('tests on category counts, against scipy 1.17.1 and Evidently', () => {
  const reference = { a: 50, b: 30, c: 20 };
  const current = { a: 40, b: 30, c: 50 };
  const unseen = { a: 40, b: 30, c: 40, d: 10 };

  test('chisquare: scipy.stats.chisquare(current, reference × m/n)', () => {
    const result = countsDrift(reference, current, 'chisquare');
    expect(result.statistic).toBeCloseTo(35.833333333333336, 10);
    expect(Math.abs(result.value / 1.6553526658654443e-8 - 1)).toBeLessThan(1e-8);
    expect(result).toMatchObject({ measure: 'p_value', drifted: true, basis: 'categories' });
  });

  test('jensenshannon: scipy jensenshannon(p, q), natural log (base 2 would give 0.2044)', () => {
    expect(countsDrift(reference, current, 'jensenshannon').value).toBeCloseTo(
      0.17021031349298435,
      12,
    );
    expect(countsDrift(reference, unseen, 'jensenshannon').value).toBeCloseTo(
      0.2164052877116117,
      12,
    );
  });

  test("psi: Evidently's Σ (p − q)·ln(p/q), a zero share read as 0.0001", () => {
    expect(countsDrift(reference, current, 'psi').value).toBeCloseTo(0.23572025045843525, 12);
    expect(countsDrift(reference, unseen, 'psi').value).toBeCloseTo(0.7045839458366534, 12);
  });

  test("linf: TFDV's largest difference of shares", () => {
    expect(countsDrift(reference, current, 'linf').value).toBeCloseTo(50 / 120 - 0.2, 12);
  });

  test("z: Evidently's pooled two-proportion test (normal two-sided p from scipy)", () => {
    const result = countsDrift({ a: 70, b: 30 }, { a: 90, b: 60 }, 'z');
    expect(result.statistic).toBeCloseTo(-1.6137430609197576, 12);
    expect(result.value).toBeCloseTo(0.10658316957488734, 12);
    expect(result.drifted).toBe(false);
  });
});

describe('drift summaries', () => {
  test('binValues: below the first edge, [edge, next edge), at or above the last edge', () => {
    const values = [-1, 0, 0.5, 1, 2, 5, NaN, Infinity, -Infinity];
    expect(binValues(values, [0, 1, 2])).toEqual({
      edges: [0, 1, 2],
      counts: [1, 2, 1, 2],
      belowDistance: 1,
      aboveDistance: 3,
    });
    expect(binValues([3, 4], [])).toEqual({
      edges: [],
      counts: [2],
      belowDistance: 0,
      aboveDistance: 0,
    });
  });

  test('binValues takes any iterable, and counts of parts add up to the whole', () => {
    const values = normals(7, 3000);
    const edges = quantileEdges(values.slice(0, 1000));
    function* lazily(): Generator<number> {
      yield* values;
    }
    const whole = binValues(lazily(), edges);
    const parts = [binValues(values.slice(0, 1700), edges), binValues(values.slice(1700), edges)];
    expect(whole.counts).toEqual(
      whole.counts.map((_, i) => parts[0]!.counts[i]! + parts[1]!.counts[i]!),
    );
    expect(whole.aboveDistance).toBeCloseTo(parts[0]!.aboveDistance + parts[1]!.aboveDistance, 9);
  });

  test('quantileEdges past 1000 values: the minimum, 99 quantiles, the maximum, the next number', () => {
    const values = normals(1, 5000);
    const edges = quantileEdges(values);
    const max = Math.max(...values);
    expect(edges).toHaveLength(102);
    expect([edges[0], edges[100]]).toEqual([Math.min(...values), max]);
    expect(edges[101]).toBeGreaterThan(max);
    expect(binValues([max], [max, edges[101] as number]).counts).toEqual([0, 1, 0]);
    const { counts } = binValues(values, edges);
    expect(counts[0]).toBe(0);
    expect(counts.slice(1, 101).every((count) => count >= 49 && count <= 51)).toBe(true);
    // The maximum alone in its bucket, none above the baseline's range.
    expect(counts.slice(101)).toEqual([1, 0]);
  });

  test('quantileEdges up to 1000 values: every value is an edge', () => {
    const values = normals(1, 1000);
    const edges = quantileEdges(values);
    expect(edges).toHaveLength(1001);
    expect(edges.slice(0, 1000)).toEqual([...values].sort((a, b) => a - b));
    expect(quantileEdges(values, 10)).toHaveLength(12);
  });

  test('quantileEdges: repeats dropped, so a value held by many rows starts its own bucket', () => {
    expect(quantileEdges([0, 0, 0, 1, 1, 2])).toEqual([0, 1, 2, 2 + 2 ** -51]);
    expect(quantileEdges([5, 5, 5])).toEqual([5, 5 + 2 ** -50]);
    expect(quantileEdges([-0, 0])).toEqual([0, Number.MIN_VALUE]);
    expect(Object.is(quantileEdges([-0, -0])[0], 0)).toBe(true);
    expect(quantileEdges([-1])).toEqual([-1, -1 + 2 ** -53]);
    expect(quantileEdges([Number.MAX_VALUE])).toEqual([Number.MAX_VALUE]);
    expect(quantileEdges([])).toEqual([]);
    expect(quantileEdges([NaN, Infinity])).toEqual([]);
  });

  test('distinctValues: ascending counts, or undefined past the limit', () => {
    expect(distinctValues([2, 1, 2, -0, 0, NaN, Infinity])).toEqual([
      { value: 0, count: 2 },
      { value: 1, count: 1 },
      { value: 2, count: 2 },
    ]);
    expect(distinctValues([1, 2, 3], 2)).toBeUndefined();
    expect(distinctValues(Array.from({ length: 21 }, (_, i) => i))).toBeUndefined();
    expect(distinctValues([])).toEqual([]);
  });

  test('driftSummary: own quantile edges for a baseline, the given edges for current data', () => {
    const baseline = driftSummary([1, 2, 3, 4]);
    const edges = [1, 2, 3, 4, 4 + 2 ** -50];
    expect(baseline.driftHistogram.edges).toEqual(edges);
    expect(baseline.distinct).toHaveLength(4);
    const current = driftSummary(normals(2, 100), baseline.driftHistogram.edges);
    expect(current.driftHistogram.edges).toEqual(edges);
    expect(current.distinct).toBeUndefined();
    expect(current).not.toHaveProperty('distinct');
  });
});

describe('binned tests against the raw data', () => {
  test('exact references agree with scipy 1.17.1 (ks_2samp statistic, wasserstein_distance)', () => {
    const a = [0, 0, 1, 2, 2, 2, 3, 5, 8, 9];
    const b = [1, 2, 3, 3, 4, 6, 7, 9, 9, 12, 15];
    expect(exactKs(a, b)).toBeCloseTo(0.41818181818181815, 12);
    expect(exactWasserstein(a, b)).toBeCloseTo(3.254545454545455, 12);
  });

  test('ks on integers is exact: every value is an edge (scipy: D = 0.12, kstwobign p 0.4676)', () => {
    const reference = Array.from({ length: 100 }, (_, i) => Math.floor(i / 10));
    const weights = [4, 6, 8, 10, 10, 10, 12, 12, 14, 14];
    const current = weights.flatMap((weight, value) => new Array<number>(weight).fill(value));
    const result = only(drift({ x: reference }, { x: current }, { test: 'ks' }));
    expect(result.statistic).toBeCloseTo(0.12, 12);
    expect(result.value).toBeCloseTo(0.46755799912056456, 12);
    const wasserstein = only(drift({ x: reference }, { x: current }, { test: 'wasserstein' }));
    const [low, high] = wasserstein.valueRange as [number, number];
    expect(low).toBeLessThanOrEqual(0.86 / 2.8722813232690143);
    expect(high).toBeGreaterThanOrEqual(0.86 / 2.8722813232690143);
  });

  test.each([
    [800, 800, 0.2, 1],
    [500, 3000, 0, 1.5],
    [5000, 5000, 0.05, 1],
    [2000, 1500, 0.5, 3],
  ])('n=%p vs m=%p, shift %p, scale %p: the raw values lie in valueRange', (n, m, shift, scale) => {
    const reference = normals(11, n);
    const current = normals(12, m, shift, scale);
    const ks = only(drift({ x: reference }, { x: current }, { test: 'ks' }));
    const exactD = exactKs(reference, current);
    const [pLow, pHigh] = ks.valueRange as [number, number];
    const exactP = kolmogorovSurvival(Math.sqrt((n * m) / (n + m)) * exactD);
    expect(ks.statistic).toBeLessThanOrEqual(exactD + 1e-12);
    expect(exactD - (ks.statistic as number)).toBeLessThan(0.02);
    expect(pLow).toBeLessThanOrEqual(exactP);
    expect(pHigh).toBeGreaterThanOrEqual(exactP);

    const wasserstein = only(drift({ x: reference }, { x: current }, { test: 'wasserstein' }));
    const exactW = exactWasserstein(reference, current) / populationStd(reference);
    const [wLow, wHigh] = wasserstein.valueRange as [number, number];
    expect(wLow).toBeLessThanOrEqual(exactW + 1e-9);
    expect(wHigh).toBeGreaterThanOrEqual(exactW - 1e-9);
    // The bound is loose; the estimate itself is close.
    expect(Math.abs(wasserstein.value - exactW)).toBeLessThan(0.01);
  });
});

/** Data for one kind of shift: `shifted` false draws from the baseline's distribution. */
type Maker = (seed: number, count: number, shifted: boolean) => RawValue[];

const meanShift: Maker = (seed, count, shifted) => normals(seed, count, shifted ? 0.5 : 0);
/** The case: an integer feature multiplied by 10. */
const timesTen: Maker = (seed, count, shifted) =>
  normals(seed, count, 40, 12).map((value) => Math.round(value) * (shifted ? 10 : 1));
const proportions: Maker = (seed, count, shifted) =>
  draw(seed, count, shifted ? { a: 0.3, b: 0.3, c: 0.4 } : { a: 0.5, b: 0.3, c: 0.2 });
const binary: Maker = (seed, count, shifted) =>
  draw(seed, count, shifted ? { yes: 0.42, no: 0.58 } : { yes: 0.3, no: 0.7 });

const SHIFTS: [DriftTest, string, Maker][] = [
  ['ks', 'mean + 0.5 std', meanShift],
  ['ks', '×10', timesTen],
  ['wasserstein', 'mean + 0.5 std', meanShift],
  ['wasserstein', '×10', timesTen],
  ['chisquare', 'proportions', proportions],
  ['z', 'binary share', binary],
  ['jensenshannon', 'proportions', proportions],
  ['jensenshannon', 'mean + 0.5 std', meanShift],
  ['psi', 'proportions', proportions],
  ['psi', 'mean + 0.5 std', meanShift],
  ['linf', 'proportions', proportions],
  // L∞ on deciles sees a 0.5 std shift as about 0.08–0.12 (TFDV defines it for categories only).
  ['linf', 'mean + 1 std', (seed, count, shifted) => normals(seed, count, shifted ? 1 : 0)],
];

describe('each test flags a known shift and not a resample', () => {
  // Baseline seed 1, resample seed 2, shifted seed 3: the same generator, other draws.
  describe.each([500, 5000])('%p rows', (rows) => {
    test.each(SHIFTS)('%s: %s', (testName, _shift, make) => {
      const baseline = { x: make(1, rows, false) };
      const resample = only(drift(baseline, { x: make(2, rows, false) }, { test: testName }));
      const shifted = only(drift(baseline, { x: make(3, rows, true) }, { test: testName }));
      expect([resample.test, resample.drifted, shifted.drifted]).toEqual([testName, false, true]);
      expect(resample.threshold).toBe(DEFAULT_THRESHOLDS[testName]);
    });
  });

  test('the anomaly is named for the test, ERROR unless a p-value found a small change', () => {
    for (const [testName, , make] of SHIFTS) {
      const report = drift(
        { x: make(1, 500, false) },
        { x: make(3, 500, true) },
        {
          test: testName,
        },
      );
      const feature = only(report);
      const small = feature.effect !== undefined && feature.effect < DEFAULT_MIN_EFFECT;
      // One feature of one drifting is dataset drift too.
      expect(report.anomalies.map((a) => [a.column, a.type, a.severity])).toEqual([
        ['x', DRIFT_ANOMALY_TYPES[testName], small ? 'WARNING' : 'ERROR'],
        [null, 'DATASET_DRIFT_SHARE_HIGH', 'ERROR'],
      ]);
    }
  });

  test('a p-value drift is graded by its size: a slight but certain shift warns, ×10 is an error', () => {
    const slight = only(
      drift({ x: normals(1, 20000) }, { x: normals(3, 20000, 0.06) }, { test: 'ks' }),
    );
    expect([slight.drifted, slight.severity]).toEqual([true, 'WARNING']);
    expect(slight.effect).toBeLessThan(DEFAULT_MIN_EFFECT);
    const tenfold = only(
      drift({ x: normals(1, 900) }, { x: normals(3, 900).map((v) => v * 10) }, { test: 'ks' }),
    );
    expect([tenfold.drifted, tenfold.severity]).toEqual([true, 'ERROR']);
    expect(tenfold.effect).toBeGreaterThan(1);
    const strict = only(
      drift({ x: normals(1, 20000) }, { x: normals(3, 20000, 0.06) }, { test: 'ks', minEffect: 0 }),
    );
    expect(strict.severity).toBe('ERROR');
  });

  test('90% of values blanked at random is not drift: what is left has the same distribution', () => {
    // Out of drift's scope, as in Evidently: the presence check (FEATURE_TYPE_LOW_FRACTION_PRESENT) catches it.
    const values = normals(2, 5000);
    const blanked = values.map((value, i) => (i % 10 === 0 ? value : null));
    const result = only(drift({ x: normals(1, 5000) }, { x: blanked }));
    expect([result.test, result.currentCount, result.drifted]).toEqual(['wasserstein', 500, false]);
  });
});

describe('auto picks like Evidently', () => {
  const spread = (seed: number, count: number) =>
    normals(seed, count).map((v) => Math.round(v * 100));
  test.each<[string, (seed: number, count: number) => RawValue[], number, DriftTest, string]>([
    ['numeric', spread, 1000, 'ks', 'histogram'],
    ['numeric', spread, 1001, 'wasserstein', 'histogram'],
    ['categorical', (s, n) => proportions(s, n, false), 1000, 'chisquare', 'categories'],
    ['categorical', (s, n) => proportions(s, n, false), 1001, 'jensenshannon', 'categories'],
    ['binary categorical', (s, n) => binary(s, n, false), 300, 'z', 'categories'],
    ['boolean', (s, n) => draw(s, n, { true: 1, false: 2 }), 300, 'z', 'categories'],
    [
      'numeric with 4 values',
      (s, n) => draw(s, n, { 1: 1, 2: 1, 3: 1, 4: 1 }).map(Number),
      300,
      'chisquare',
      'values',
    ],
    ['numeric with 2 values', (s, n) => draw(s, n, { 0: 3, 1: 1 }).map(Number), 300, 'z', 'values'],
    [
      'numeric with 5 values',
      (s, n) => draw(s, n, { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 }).map(Number),
      5000,
      'jensenshannon',
      'values',
    ],
    [
      'numeric with 8 values',
      (s, n) => draw(s, n, { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1 }).map(Number),
      300,
      'ks',
      'histogram',
    ],
    [
      'numeric with 8 values',
      (s, n) => draw(s, n, { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1 }).map(Number),
      5000,
      'wasserstein',
      'histogram',
    ],
  ])('%s, %p baseline values: %s', (_kind, make, rows, expected, basis) => {
    const result = only(drift({ x: make(1, rows) }, { x: make(2, 200) }));
    expect([result.test, result.basis, result.referenceCount]).toEqual([expected, basis, rows]);
  });

  test('the baseline size counts values, not rows: missing values are left out', () => {
    const values = spread(1, 1500).map((value, i) => (i % 3 === 0 ? null : value));
    expect(only(drift({ x: values }, { x: spread(2, 300) })).test).toBe('ks');
  });

  test('distinct values are counted over both datasets: 4 in the baseline and 3 new ones', () => {
    const current = draw(2, 300, { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1 }).map(Number);
    const baseline = draw(1, 300, { 1: 1, 2: 1, 3: 1, 4: 1 }).map(Number);
    expect(only(drift({ x: baseline }, { x: current })).test).toBe('ks');
  });
});

describe('dataset drift', () => {
  const rows = 600;
  /** Four features, the first `drifted` of them shifted. */
  function features(drifted: number, seed: number): Columns {
    return Object.fromEntries(
      ['a', 'b', 'c', 'd'].map((name, i) => [name, meanShift(seed + i * 10, rows, i < drifted)]),
    );
  }

  test('half the features drifting is dataset drift (share ≥ 0.5, as Evidently)', () => {
    const report = drift(features(0, 1), features(2, 2));
    expect(report.dataset).toEqual({
      features: 4,
      driftedFeatures: 2,
      share: 0.5,
      driftShare: 0.5,
      detected: true,
    });
    expect(report.anomalies.map((a) => [a.column, a.type, a.severity])).toEqual([
      ['a', 'COMPARATOR_KS_HIGH', 'ERROR'],
      ['b', 'COMPARATOR_KS_HIGH', 'ERROR'],
      [null, 'DATASET_DRIFT_SHARE_HIGH', 'ERROR'],
    ]);
    expect(report.anomalies[2]?.description).toContain('2 of 4 tested features drifted (50%)');
    expect(report.anomalies[2]?.description).toContain('"a", "b"');
  });

  test('one of four is not, unless the share is lowered', () => {
    const [baseline, current] = [features(0, 1), features(1, 2)];
    expect(drift(baseline, current).dataset.detected).toBe(false);
    const lowered = drift(baseline, current, { driftShare: 0.25, datasetSeverity: 'WARNING' });
    expect(lowered.dataset).toMatchObject({ detected: true, share: 0.25 });
    expect(lowered.anomalies.at(-1)).toMatchObject({
      type: 'DATASET_DRIFT_SHARE_HIGH',
      severity: 'WARNING',
    });
  });

  test('skipped features do not count; nothing tested is no dataset drift', () => {
    const report = drift({ a: ['x'], t: ['2024-01-01'] }, { t: ['2024-02-01'] });
    expect(report.features).toEqual([]);
    expect(report.skipped.map((s) => s.feature)).toEqual(['a', 't']);
    expect(report.dataset).toEqual({
      features: 0,
      driftedFeatures: 0,
      share: 0,
      driftShare: 0.5,
      detected: false,
    });
    expect(report.anomalies).toEqual([]);
  });

  test('many drifted features are named up to five', () => {
    const names = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7'];
    const make = (shifted: boolean, seed: number) =>
      Object.fromEntries(names.map((name, i) => [name, meanShift(seed + i, 300, shifted)]));
    const report = drift(make(false, 1), make(true, 50));
    expect(report.anomalies.at(-1)?.description).toContain(
      '"f1", "f2", "f3", "f4", "f5" and 2 more',
    );
  });
});

describe('options', () => {
  const baseline = { n: meanShift(1, 500, false), c: proportions(1, 500, false) };
  const shifted = { n: meanShift(3, 500, true), c: proportions(3, 500, true) };

  test('a feature gets its own test, threshold and severity', () => {
    const report = drift(baseline, shifted, {
      features: {
        n: { test: 'psi', severity: 'WARNING' },
        c: { threshold: 1e-60 },
      },
    });
    const [n, c] = report.features as [FeatureDrift, FeatureDrift];
    expect([n.test, n.threshold, n.severity, n.drifted]).toEqual(['psi', 0.1, 'WARNING', true]);
    expect([c.test, c.threshold, c.drifted]).toEqual(['chisquare', 1e-60, false]);
    expect(report.anomalies.map((a) => [a.type, a.severity])).toEqual([
      ['COMPARATOR_PSI_HIGH', 'WARNING'],
      ['DATASET_DRIFT_SHARE_HIGH', 'ERROR'],
    ]);
  });

  test('tests and thresholds by kind, over those for all features', () => {
    const report = drift(baseline, shifted, {
      test: 'psi',
      threshold: 0.2,
      numericTest: 'wasserstein',
      categoricalThreshold: 0.5,
      severity: 'WARNING',
    });
    expect(report.features.map((f) => [f.feature, f.test, f.threshold, f.severity])).toEqual([
      ['n', 'wasserstein', 0.2, 'WARNING'],
      ['c', 'psi', 0.5, 'WARNING'],
    ]);
  });

  test('a test that does not fit the feature skips it, saying why', () => {
    const report = drift(baseline, shifted, {
      features: { n: { test: 'chisquare' }, c: { test: 'ks' } },
    });
    expect(report.features).toEqual([]);
    expect(report.skipped).toEqual([
      { feature: 'n', reason: expect.stringContaining('up to 20 distinct values') },
      { feature: 'c', reason: 'ks tests numeric features only' },
    ]);
  });

  test('columns limits the features tested, in the baseline order', () => {
    const report = drift(baseline, shifted, { columns: ['c', 'missing'] });
    expect(report.features.map((f) => f.feature)).toEqual(['c']);
  });

  test('a column named like an Object property gets the default options', () => {
    const report = drift(
      { constructor: baseline.n, __proto__: baseline.c } as Columns,
      { constructor: shifted.n } as Columns,
      { features: {} },
    );
    expect(report.features.map((f) => [f.feature, f.test])).toEqual([['constructor', 'ks']]);
  });
});

describe('degenerate cases: defined results, never NaN', () => {
  const ALL: DriftTest[] = ['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi', 'linf'];

  test.each(ALL)('%s: a constant column, the same constant now, does not drift', (testName) => {
    const result = only(
      drift({ x: new Array(50).fill(7) }, { x: new Array(80).fill(7) }, { test: testName }),
    );
    expect(result.drifted).toBe(false);
    expect(result.value).toBe(result.measure === 'p_value' ? 1 : 0);
  });

  test('a constant baseline and another constant now: Wasserstein normed by 0.001, as Evidently', () => {
    const report = drift(
      { x: new Array(50).fill(5) },
      { x: new Array(80).fill(5.01) },
      { test: 'wasserstein' },
    );
    const result = only(report);
    expect(result.value).toBeCloseTo(10, 9);
    expect(result.valueRange?.[0]).toBeCloseTo(10, 9);
    expect(result.drifted).toBe(true);
    const ks = only(
      drift({ x: new Array(50).fill(5) }, { x: new Array(80).fill(5.01) }, { test: 'ks' }),
    );
    expect([ks.statistic, ks.drifted]).toEqual([1, true]);
  });

  test('a column with no values in the current data, or none in the baseline, is skipped', () => {
    const report = drift(
      { x: [1, 2, 3], c: ['a', 'b', 'a'], e: [null, null, null] },
      { x: [null, null], c: [null, null], e: [1, 2] },
    );
    expect(report.skipped).toEqual([
      {
        feature: 'x',
        reason: 'the column is numeric in the baseline but empty in the current data',
      },
      { feature: 'c', reason: 'the column has no values in the current data' },
      { feature: 'e', reason: 'the column has no values in the baseline' },
    ]);
  });

  test('a numeric column whose values are all infinite now is skipped', () => {
    const report = drift({ x: [1, 2, 3] }, { x: [Infinity, -Infinity] });
    expect(report.skipped).toEqual([
      { feature: 'x', reason: 'the column has no finite values in the current data' },
    ]);
  });

  test('a category the baseline never had: chi-squared p 0, the distances finite', () => {
    const reference = { c: draw(1, 400, { a: 1, b: 1 }) };
    const current = { c: [...draw(2, 390, { a: 1, b: 1 }), ...new Array(10).fill('new')] };
    const chi = only(drift(reference, current, { test: 'chisquare' }));
    expect([chi.value, chi.drifted, chi.statistic]).toEqual([0, true, undefined]);
    const [anomaly] = drift(reference, current, { test: 'chisquare' }).anomalies;
    expect(anomaly?.description).toContain('values the baseline never had');
    expect(anomaly?.description).toContain(
      'the largest change is "new", new: 0% of values in the baseline, 2.5% now',
    );
    for (const testName of ['jensenshannon', 'psi', 'linf'] as const) {
      const result = only(drift(reference, current, { test: testName }));
      expect(Number.isFinite(result.value)).toBe(true);
    }
  });

  test('values beyond the top lists are compared as one bucket, "other values"', () => {
    const many = (seed: number) =>
      draw(seed, 3000, Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`v${i}`, 1])));
    const result = only(drift({ c: many(1) }, { c: many(2) }, { test: 'linf' }));
    expect(result.drifted).toBe(false);
    const shifted = only(
      drift({ c: many(1) }, { c: [...many(2).slice(0, 1500), ...new Array(1500).fill('v0')] }),
    );
    expect([shifted.test, shifted.drifted]).toEqual(['jensenshannon', true]);
  });

  test('statistics binned on other edges, or without drift histograms, are skipped with the remedy', () => {
    const baseline = stats({ x: normals(1, 300) });
    const ownEdges = stats({ x: normals(2, 300) });
    expect(detectDrift(baseline, ownEdges).skipped).toEqual([
      { feature: 'x', reason: expect.stringContaining("other edges than the baseline's") },
    ]);
    // Statistics written before the drift tests had no drift histograms.
    const old = computeStatistics(table({ x: normals(1, 300) }));
    for (const column of old.columns) delete column.numeric?.driftHistogram;
    expect(detectDrift(old, stats({ x: normals(2, 300) }, baseline)).skipped).toEqual([
      { feature: 'x', reason: expect.stringContaining('no drift histogram') },
    ]);
  });

  test('a malformed drift histogram is skipped, not read', () => {
    const baseline = stats({ x: normals(1, 300) });
    const current = stats({ x: normals(2, 300) }, baseline);
    const histogram = current.columns[0]?.numeric?.driftHistogram;
    histogram?.counts.pop();
    expect(detectDrift(baseline, current).skipped[0]?.reason).toContain('no drift histogram');
  });

  test('kinds that do not compare, dates, text and absent columns are skipped', () => {
    const text = Array.from({ length: 40 }, (_, i) => `a long free text comment number ${i}`);
    const report = drift(
      { n: [1, 2, 3], c: ['a', 'b', 'a'], d: ['2024-01-01', '2024-01-02'], t: text, gone: [1, 2] },
      { n: ['x', 'y', 'z'], c: [1, 2, 3], d: ['2024-03-01'], t: text },
    );
    expect(report.skipped.map((s) => [s.feature, s.reason])).toEqual([
      ['n', 'the column is numeric in the baseline but categorical in the current data'],
      ['c', 'the column is categorical in the baseline but numeric in the current data'],
      ['d', 'date columns are not tested for drift (Evidently leaves them out too)'],
      ['t', 'text columns are not tested for drift'],
      ['gone', 'the column is not in the current data'],
    ]);
  });

  test('values near the largest doubles give finite results', () => {
    const huge = [-1e308, -1e307, 0, 1e307, 1e308];
    const report = drift(
      { x: huge },
      { x: [...huge].reverse().map((v) => v * 0.9) },
      { test: 'wasserstein' },
    );
    const result = only(report);
    expect(Number.isFinite(result.value)).toBe(true);
    expect(result.valueRange?.every(Number.isFinite)).toBe(true);
  });

  test('every result survives JSON unchanged: no NaN or infinity anywhere', () => {
    const baseline = {
      n: meanShift(1, 300, false),
      k: new Array(300).fill(1),
      c: proportions(1, 300, false),
      b: binary(1, 300, false),
    };
    const current = {
      n: meanShift(3, 300, true),
      k: new Array(300).fill(2),
      c: [...proportions(3, 290, true), ...new Array(10).fill('new')],
      b: binary(3, 300, true),
    };
    for (const testName of [...ALL, 'auto'] as const) {
      const report = drift(baseline, current, { test: testName });
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    }
  });
});

describe('descriptions', () => {
  test('carry the data plainly (escaping is for the sinks) and say what to do', () => {
    const name = 'age | <b>@team</b>\n#1';
    const report = drift({ [name]: timesTen(1, 500, false) }, { [name]: timesTen(3, 500, true) });
    const [anomaly] = report.anomalies;
    expect(anomaly?.column).toBe(name);
    expect(anomaly?.description).toContain(
      `"${name}" drifted from the baseline: the Kolmogorov–Smirnov p-value`,
    );
    expect(anomaly?.description).toMatch(
      /is at or below the threshold 0\.05 \(D = 0\.\d+; 500 values in the baseline, 500 now\)/,
    );
    expect(anomaly?.description).toMatch(
      /mean 4\d\.\d+ and standard deviation 1[12]\.\d+ in the baseline, 4\d\d\.?\d* and 1[12]\d\.?\d* now/,
    );
    expect(anomaly?.description).toContain('retrain on data that includes it');
  });

  test('a long column name is cut to an excerpt', () => {
    const name = 'x'.repeat(5000);
    const report = drift({ [name]: meanShift(1, 300, false) }, { [name]: meanShift(3, 300, true) });
    expect(report.anomalies[0]?.description.length).toBeLessThan(1000);
  });

  test('categorical drift names the value whose share changed most', () => {
    const report = drift({ c: proportions(1, 2000, false) }, { c: proportions(3, 2000, true) });
    expect(report.anomalies[0]?.type).toBe('COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH');
    expect(report.anomalies[0]?.description).toMatch(
      /the largest change is "c": [12]\d(\.\d)?% of values in the baseline, 4\d(\.\d)?% now/,
    );
  });
});
