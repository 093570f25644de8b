/**
 * Data drift: each feature of current statistics tested against a baseline's (the production
 * model's training statistics), with Evidently's tests and choice of test
 * (evidently/legacy/calculations/stattests) and anomalies named like TFDV's comparators.
 *
 * | test            | measures                                         | drift when    | default |
 * | --------------- | ------------------------------------------------ | ------------- | ------- |
 * | `ks`            | two-sample Kolmogorov–Smirnov p-value            | p ≤ threshold | 0.05    |
 * | `chisquare`     | chi-squared p-value, current counts vs baseline  | p < threshold | 0.05    |
 * | `z`             | two-proportion z-test p-value (first value)      | p < threshold | 0.05    |
 * | `wasserstein`   | Wasserstein-1 ÷ max(baseline std, 0.001)         | ≥ threshold   | 0.1     |
 * | `jensenshannon` | Jensen–Shannon distance, natural log (≤ √ln 2)   | ≥ threshold   | 0.1     |
 * | `psi`           | population stability index, natural log          | ≥ threshold   | 0.1     |
 * | `linf`          | L∞ between normalized counts (TFDV)              | > threshold   | 0.1     |
 *
 * `auto` (Evidently's `_get_default_stattest`): with at most 1000 baseline values, `ks` for
 * numeric features and, for categorical ones and numeric ones with at most 5 distinct values
 * (baseline and current together), `z` for at most 2 values and `chisquare` for more; with more
 * baseline values, `wasserstein` for numeric features and `jensenshannon` for the others.
 * Missing and infinite values are left out of every test (Evidently drops them); a column that
 * empties is FEATURE_TYPE_LOW_FRACTION_PRESENT's business (anomalies.ts), not drift's.
 *
 * Numeric features are compared on DriftHistogram buckets: the baseline's quantile edges (every
 * value up to 1000 values, else DRIFT_BINS quantiles), reused for the current data
 * (`driftSummary`). `ks` reads the CDF gap at the edges, exact there: the supremum between edges
 * exceeds it by at most the larger share of one bucket (up to 1000 baseline values, the current
 * data's share between two of them; past that about 1/100), and `valueRange` holds the p-values
 * of both ends. `wasserstein` integrates the CDF gap taking values as spread evenly within a
 * bucket, and beyond the outer edges exactly (from the summed distances); `valueRange` holds the
 * bound Σ width × (baseline share + current share) / 2. Measured on normal data against the raw
 * values (tests/drift.test.ts): D within one current value's share (1/m) up to 1000 baseline
 * values and within 0.002 past that; normed Wasserstein within 0.003 up to 1000 values and
 * 0.017 past that. Numeric features with at most DISTINCT_LIMIT values in both datasets, and
 * categorical ones, are compared value by value: exactly, as long as both top lists hold every
 * value (else the values outside either list are one bucket, "other values"). `jensenshannon`,
 * `psi` and `linf` on other numeric features use COARSE_BINS groups of buckets of equal baseline
 * share (PSI's usual deciles): on 100 buckets, sampling noise alone would reach their thresholds.
 */
import { sortNumbers } from '../util/float-sort.js';
import { compareText, formatNumber } from '../util/text.js';
import { excerpt } from './bounds.js';
import type {
  Anomaly,
  CategoricalStats,
  ColumnStats,
  DatasetStats,
  DriftHistogram,
  Severity,
  ValueKind,
} from './types.js';

export const DRIFT_TESTS = [
  'ks',
  'chisquare',
  'z',
  'wasserstein',
  'jensenshannon',
  'psi',
  'linf',
] as const;
export type DriftTest = (typeof DRIFT_TESTS)[number];
export type DriftTestChoice = DriftTest | 'auto';

/** Evidently's defaults; TFDV has none for L∞ (its guide uses 0.01 for skew, 0.001 for drift). */
export const DEFAULT_THRESHOLDS: Readonly<Record<DriftTest, number>> = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  // Evidently's default; the usual reading is < 0.1 stable, 0.1–0.25 some shift, > 0.25 a shift.
  psi: 0.1,
  linf: 0.1,
};

/** The anomaly of each test: TFDV's names where it has the test, the same pattern elsewhere. */
export const DRIFT_ANOMALY_TYPES = {
  ks: 'COMPARATOR_KS_HIGH',
  chisquare: 'COMPARATOR_CHI_SQUARED_HIGH',
  z: 'COMPARATOR_Z_HIGH',
  wasserstein: 'COMPARATOR_WASSERSTEIN_HIGH',
  jensenshannon: 'COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH',
  psi: 'COMPARATOR_PSI_HIGH',
  linf: 'COMPARATOR_L_INFTY_HIGH',
} as const satisfies Record<DriftTest, string>;
/** When a share of the tested features drift (TFDV's dataset anomalies are DATASET_…). */
export const DATASET_DRIFT_ANOMALY = 'DATASET_DRIFT_SHARE_HIGH';
export type DriftAnomalyType =
  (typeof DRIFT_ANOMALY_TYPES)[DriftTest] | typeof DATASET_DRIFT_ANOMALY;

/** `auto` takes the small-sample tests up to this many baseline values (Evidently's 1000). */
export const AUTO_REFERENCE_VALUES = 1000;
/** `auto` compares a numeric feature with at most this many distinct values as categorical. */
export const LOW_CARDINALITY = 5;
/** `NumericStats.distinct` is kept up to this many values (Evidently bins above 20). */
export const DISTINCT_LIMIT = 20;
/** Quantile buckets of a baseline's DriftHistogram past AUTO_REFERENCE_VALUES values. */
export const DRIFT_BINS = 100;
/** Groups of equal baseline share for jensenshannon, psi and linf on a numeric histogram. */
export const COARSE_BINS = 10;
/** Evidently's floor on the standard deviation that norms the Wasserstein distance. */
export const WASSERSTEIN_MIN_NORM = 0.001;
/** A drift smaller than this (normed Wasserstein or Jensen–Shannon) is only a WARNING. */
export const DEFAULT_MIN_EFFECT = 0.1;
/** Evidently's share of drifted features for dataset drift (compared with ≥). */
export const DEFAULT_DRIFT_SHARE = 0.5;

export interface FeatureDriftOptions {
  test?: DriftTestChoice;
  threshold?: number;
  severity?: Severity;
}

/**
 * Which test and threshold each feature gets, most specific first: `features[name]`, then
 * `numeric…`/`categorical…` by the baseline column's kind, then the options for all features
 * (like Evidently's per_feature_/num_features_/cat_features_/all_features_ options), then `auto`
 * and each test's default threshold. A threshold for all features applies to whichever test
 * `auto` picks, a p-value and a distance alike.
 */
export interface DriftOptions extends FeatureDriftOptions {
  numericTest?: DriftTestChoice;
  categoricalTest?: DriftTestChoice;
  numericThreshold?: number;
  categoricalThreshold?: number;
  features?: Record<string, FeatureDriftOptions>;
  /** Columns to test, in the baseline's order (default: every baseline column). */
  columns?: readonly string[];
  /** Dataset drift when at least this share of the tested features drift (default 0.5). */
  driftShare?: number;
  /**
   * A feature flagged by a p-value test whose effect (see FeatureDrift.effect) is below this is
   * only a WARNING, whatever `severity` says (default 0.1, the distances' own threshold).
   */
  minEffect?: number;
  /** Of DATASET_DRIFT_SHARE_HIGH (default ERROR; a feature's default is `severity`, ERROR). */
  datasetSeverity?: Severity;
}

export interface FeatureDrift {
  feature: string;
  /** The baseline column's kind. */
  kind: ValueKind;
  test: DriftTest;
  /** How `value` reads: a p-value drifts when small, a distance when large. */
  measure: 'p_value' | 'distance';
  value: number;
  threshold: number;
  drifted: boolean;
  severity: Severity;
  /**
   * For a drift found by a p-value test: the size of the change, as normed Wasserstein (numbers)
   * or Jensen–Shannon distance (categories); below `minEffect`, the drift is only a WARNING.
   */
  effect?: number;
  /** ks: D at the edges; chisquare: χ² (absent when infinite: a value the baseline never had); z: z. */
  statistic?: number;
  /** Where the value on the raw data lies, for values approximated from buckets (ks, wasserstein). */
  valueRange?: [number, number];
  /** How the data was compared: DriftHistogram buckets, distinct numbers, or categories. */
  basis: 'histogram' | 'values' | 'categories';
  /** Values compared: non-missing, and finite for numeric features. */
  referenceCount: number;
  currentCount: number;
}

export interface SkippedFeature {
  feature: string;
  reason: string;
}

export interface DatasetDrift {
  /** Features tested (skipped ones are not counted). */
  features: number;
  driftedFeatures: number;
  /** driftedFeatures / features, 0 when none was tested. */
  share: number;
  driftShare: number;
  detected: boolean;
}

export interface DriftReport {
  features: FeatureDrift[];
  skipped: SkippedFeature[];
  dataset: DatasetDrift;
  /** One per drifted feature, then DATASET_DRIFT_SHARE_HIGH when the dataset drifted. */
  anomalies: Anomaly[];
}

/**
 * Drift of each feature of `current` from `baseline`. Numeric features need both statistics'
 * `driftHistogram` on the same edges (see `driftSummary`); features that cannot be tested are
 * listed in `skipped` with the reason. Every number in the result is finite.
 */
export function detectDrift(
  baseline: DatasetStats,
  current: DatasetStats,
  options: DriftOptions = {},
): DriftReport {
  const currentColumns = new Map(current.columns.map((column) => [column.name, column]));
  const wanted = options.columns ? new Set(options.columns) : undefined;
  const features: FeatureDrift[] = [];
  const skipped: SkippedFeature[] = [];
  const anomalies: Anomaly[] = [];
  for (const column of baseline.columns) {
    if (wanted && !wanted.has(column.name)) continue;
    const outcome = featureDrift(column, currentColumns.get(column.name), options);
    if ('reason' in outcome) {
      skipped.push(outcome);
      continue;
    }
    features.push(outcome.drift);
    if (outcome.drift.drifted) anomalies.push(driftAnomaly(outcome.drift, outcome.detail));
  }
  const dataset = datasetDrift(features, options.driftShare ?? DEFAULT_DRIFT_SHARE);
  if (dataset.detected) {
    anomalies.push(datasetAnomaly(dataset, features, options.datasetSeverity ?? 'ERROR'));
  }
  return { features, skipped, dataset, anomalies };
}

// ---------------------------------------------------------------------------------------------
// What the statistics keep for drift.

/**
 * A baseline's edges: the values at ranks ⌊i·(n − 1)/bins⌋ of the sorted finite values for
 * i = 0…bins (first the minimum, last the maximum), repeats dropped, then the next number above
 * the maximum. Edges are values of the data, so a value held by many rows starts its own bucket;
 * the last bucket holds exactly the values above the baseline's range. By default DRIFT_BINS
 * buckets, or every value an edge for up to AUTO_REFERENCE_VALUES values, where `auto` uses KS:
 * then only current values between two baseline values can hide a part of the CDF gap.
 */
export function quantileEdges(values: readonly number[], bins?: number): number[] {
  return sortedQuantileEdges(sortNumbers(Float64Array.from(values.filter(Number.isFinite))), bins);
}

/** quantileEdges of finite values already sorted (as by sortNumbers). */
function sortedQuantileEdges(sorted: Float64Array, bins?: number): number[] {
  const edges: number[] = [];
  if (sorted.length === 0) return edges;
  bins ??= sorted.length <= AUTO_REFERENCE_VALUES ? Math.max(1, sorted.length - 1) : DRIFT_BINS;
  for (let i = 0; i <= bins; i++) {
    const edge = sorted[Math.floor((i * (sorted.length - 1)) / bins)] as number;
    // -0 sorts before 0 but is not above it, so the two make one edge.
    if (edges.length === 0 || edge > (edges[edges.length - 1] as number)) edges.push(edge + 0);
  }
  const beyond = nextUp(edges[edges.length - 1] as number);
  if (Number.isFinite(beyond)) edges.push(beyond);
  return edges;
}

/** The smallest double above finite `value`. */
function nextUp(value: number): number {
  if (value === 0) return Number.MIN_VALUE;
  const float = new Float64Array([value]);
  const bits = new BigInt64Array(float.buffer);
  bits[0] = (bits[0] as bigint) + (value > 0 ? 1n : -1n);
  return float[0] as number;
}

/**
 * Counts of the finite `values` in the buckets of `edges` (ascending, distinct), with the
 * distances summed beyond the outer edges: one pass, so the validate step can bin current data
 * on the baseline's edges as it reads, and counts of parts (shards) add up.
 */
export function binValues(values: Iterable<number>, edges: readonly number[]): DriftHistogram {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let belowDistance = 0;
  let aboveDistance = 0;
  const first = edges[0] ?? 0;
  const last = edges[edges.length - 1] ?? 0;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const bucket = edgesAtOrBelow(edges, value);
    counts[bucket] = (counts[bucket] as number) + 1;
    if (edges.length === 0) continue;
    if (bucket === 0) belowDistance += first - value;
    else if (bucket === edges.length) aboveDistance += value - last;
  }
  return { edges: [...edges], counts, belowDistance, aboveDistance };
}

/**
 * binValues of sorted finite values on their own quantile edges: each bucket's count is the gap
 * between the positions of two edges. No value lies below the first edge (the minimum) or at or
 * above the last (the next number above the maximum, or the maximum itself, which adds 0), so
 * both distances are 0, as binValues sums them.
 */
function binSortedOnOwnEdges(sorted: Float64Array, edges: readonly number[]): DriftHistogram {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let start = 0;
  edges.forEach((edge, bucket) => {
    // The first position holding a value ≥ edge (-0 is not below an edge of 0).
    let low = start;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as number) < edge) low = middle + 1;
      else high = middle;
    }
    counts[bucket] = low - start;
    start = low;
  });
  counts[edges.length] = sorted.length - start;
  return { edges: [...edges], counts, belowDistance: 0, aboveDistance: 0 };
}

/** How many of `edges` are ≤ `value`, which is the index of its bucket. */
export function edgesAtOrBelow(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((edges[middle] as number) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Each distinct finite value with its count, ascending; undefined as soon as there are more than
 * `limit` (so memory stays bounded). -0 counts as 0.
 */
export function distinctValues(
  values: Iterable<number>,
  limit = DISTINCT_LIMIT,
): { value: number; count: number }[] | undefined {
  const counts = new Map<number, number>();
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const key = value === 0 ? 0 : value;
    const count = counts.get(key);
    if (count !== undefined) counts.set(key, count + 1);
    else if (counts.size === limit) return undefined;
    else counts.set(key, 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value);
}

/**
 * What drift needs of a numeric column (to add to its NumericStats): its histogram on `edges` —
 * the baseline's, for current data — or on its own quantile edges when none are given (for a
 * baseline), and its distinct values when there are at most DISTINCT_LIMIT.
 */
export function driftSummary(
  values: readonly number[],
  edges?: readonly number[],
): { driftHistogram: DriftHistogram; distinct?: { value: number; count: number }[] } {
  const driftHistogram = binValues(values, edges ?? quantileEdges(values));
  const distinct = distinctValues(values);
  return distinct ? { driftHistogram, distinct } : { driftHistogram };
}

/**
 * driftSummary of finite values given in their order and sorted (by sortNumbers): without
 * `edges`, the quantile edges and their counts come from the sorted values, without a search per
 * value; with them, the values are binned in their order, as driftSummary does.
 */
export function sortedDriftSummary(
  finite: Float64Array,
  sorted: Float64Array,
  edges?: readonly number[],
): ReturnType<typeof driftSummary> {
  const driftHistogram = edges
    ? binValues(finite, edges)
    : binSortedOnOwnEdges(sorted, sortedQuantileEdges(sorted));
  const distinct = distinctValues(finite);
  return distinct ? { driftHistogram, distinct } : { driftHistogram };
}

// ---------------------------------------------------------------------------------------------
// One feature.

/** Counts per bucket of both datasets, buckets in natural order, none empty on both sides. */
interface Buckets {
  /** For descriptions: a number, a quoted value, "other values" or a range. */
  names: string[];
  reference: number[];
  current: number[];
}

/** A feature's data made comparable: buckets of values, and for numeric features histograms. */
interface Comparable {
  kind: 'numeric' | 'categorical';
  referenceCount: number;
  currentCount: number;
  /** Distinct values in both datasets together; Infinity when more than a list holds. */
  unique: number;
  values?: { buckets: Buckets; basis: 'values' | 'categories' };
  histograms?: { reference: DriftHistogram; current: DriftHistogram };
  /** Why `histograms` is absent for a numeric feature. */
  noHistograms?: string;
  /** Numeric: the baseline's std and both means and stds, for the norm and the description. */
  moments?: {
    referenceMean: number;
    referenceStd: number;
    currentMean: number;
    currentStd: number;
  };
}

interface Measured {
  value: number;
  statistic?: number;
  valueRange?: [number, number];
  basis: FeatureDrift['basis'];
  /** What changed, for the description. */
  detail: string;
}

function featureDrift(
  baseline: ColumnStats,
  current: ColumnStats | undefined,
  options: DriftOptions,
): { drift: FeatureDrift; detail: string } | SkippedFeature {
  const feature = baseline.name;
  if (!current) return { feature, reason: 'the column is not in the current data' };
  const comparable = comparableColumns(baseline, current);
  if (typeof comparable === 'string') return { feature, reason: comparable };
  const own = Object.hasOwn(options.features ?? {}, feature)
    ? (options.features as Record<string, FeatureDriftOptions>)[feature]
    : undefined;
  const numeric = comparable.kind === 'numeric';
  const choice =
    own?.test ?? (numeric ? options.numericTest : options.categoricalTest) ?? options.test;
  const test = !choice || choice === 'auto' ? autoTest(comparable) : choice;
  const measured = measure(test, comparable);
  if (typeof measured === 'string') return { feature, reason: measured };
  const threshold =
    own?.threshold ??
    (numeric ? options.numericThreshold : options.categoricalThreshold) ??
    options.threshold ??
    DEFAULT_THRESHOLDS[test];
  const { detail, ...result } = measured;
  const drifted = TESTS[test].drifts(measured.value, threshold);
  const severity = own?.severity ?? options.severity ?? 'ERROR';
  const effect = drifted && TESTS[test].measure === 'p_value' ? effectSize(comparable) : undefined;
  const small = effect !== undefined && effect < (options.minEffect ?? DEFAULT_MIN_EFFECT);
  return {
    drift: {
      feature,
      kind: baseline.kind,
      test,
      measure: TESTS[test].measure,
      ...result,
      threshold,
      drifted,
      severity: small ? 'WARNING' : severity,
      ...(effect === undefined ? {} : { effect }),
      referenceCount: comparable.referenceCount,
      currentCount: comparable.currentCount,
    },
    detail,
  };
}

/**
 * How large a change is, as the distance `auto` uses on large data: normed Wasserstein for
 * numbers, Jensen–Shannon for categories. A p-value says only that a change is unlikely to be
 * chance; with enough rows any change is, and one unchanged feature in twenty has p < 0.05.
 */
function effectSize(comparable: Comparable): number | undefined {
  const numeric = comparable.kind === 'numeric' && comparable.unique > LOW_CARDINALITY;
  const measured = measure(numeric ? 'wasserstein' : 'jensenshannon', comparable);
  return typeof measured === 'string' ? undefined : measured.value;
}

/** Evidently's choice of test (see the module comment). */
function autoTest(comparable: Comparable): DriftTest {
  const small = comparable.referenceCount <= AUTO_REFERENCE_VALUES;
  if (comparable.kind === 'numeric' && comparable.unique > LOW_CARDINALITY) {
    return small ? 'ks' : 'wasserstein';
  }
  if (!small) return 'jensenshannon';
  return comparable.unique <= 2 ? 'z' : 'chisquare';
}

function comparableColumns(baseline: ColumnStats, current: ColumnStats): Comparable | string {
  switch (baseline.kind) {
    case 'numeric':
      return comparableNumeric(baseline, current);
    case 'categorical':
    case 'boolean':
      return comparableCategorical(baseline, current);
    case 'date':
      return 'date columns are not tested for drift (Evidently leaves them out too)';
    case 'text':
      return 'text columns are not tested for drift';
    case 'empty':
      return 'the column has no values in the baseline';
  }
}

function comparableNumeric(baseline: ColumnStats, current: ColumnStats): Comparable | string {
  if (current.kind !== 'numeric') {
    return `the column is numeric in the baseline but ${current.kind} in the current data`;
  }
  const reference = baseline.numeric;
  const now = current.numeric;
  const referenceCount = reference ? finiteCount(baseline) : 0;
  const currentCount = now ? finiteCount(current) : 0;
  if (!reference || referenceCount === 0) return 'the column has no finite values in the baseline';
  if (!now || currentCount === 0) return 'the column has no finite values in the current data';
  const comparable: Comparable = {
    kind: 'numeric',
    referenceCount,
    currentCount,
    unique: Infinity,
    moments: {
      referenceMean: reference.mean,
      referenceStd: reference.std,
      currentMean: now.mean,
      currentStd: now.std,
    },
  };
  const histograms = { reference: reference.driftHistogram, current: now.driftHistogram };
  if (!histograms.reference || !wellFormed(histograms.reference)) {
    comparable.noHistograms =
      'the baseline statistics have no drift histogram (written before drift tests): compute them again';
  } else if (!histograms.current || !wellFormed(histograms.current)) {
    comparable.noHistograms = 'the current statistics have no drift histogram';
  } else if (!sameEdges(histograms.reference.edges, histograms.current.edges)) {
    comparable.noHistograms =
      "the current data was binned on other edges than the baseline's: bin it with driftSummary(values, baseline edges)";
  } else {
    comparable.histograms = { reference: histograms.reference, current: histograms.current };
    comparable.referenceCount = sum(histograms.reference.counts);
    comparable.currentCount = sum(histograms.current.counts);
  }
  if (
    reference.distinct &&
    now.distinct &&
    reference.distinct.every(validEntry) &&
    now.distinct.every(validEntry)
  ) {
    const buckets = valueBuckets(reference.distinct, now.distinct);
    comparable.unique = buckets.names.length;
    comparable.values = { buckets, basis: 'values' };
    if (!comparable.histograms) {
      comparable.referenceCount = sum(buckets.reference);
      comparable.currentCount = sum(buckets.current);
    }
  }
  if (comparable.referenceCount === 0) return 'the column has no finite values in the baseline';
  if (comparable.currentCount === 0) return 'the column has no finite values in the current data';
  return comparable;
}

/** Finite values of a numeric column: present, parsed and not infinite. */
function finiteCount(column: ColumnStats): number {
  const numeric = column.numeric;
  if (!numeric) return 0;
  return Math.max(0, column.count - (column.invalid?.count ?? 0) - numeric.nonFinite);
}

function wellFormed(histogram: DriftHistogram): boolean {
  const { edges, counts } = histogram;
  return (
    Array.isArray(edges) &&
    Array.isArray(counts) &&
    counts.length === edges.length + 1 &&
    edges.every(
      (edge, i) => Number.isFinite(edge) && (i === 0 || edge > (edges[i - 1] as number)),
    ) &&
    counts.every((count) => Number.isFinite(count) && count >= 0) &&
    Number.isFinite(histogram.belowDistance) &&
    histogram.belowDistance >= 0 &&
    Number.isFinite(histogram.aboveDistance) &&
    histogram.aboveDistance >= 0
  );
}

function validEntry(entry: { count: number }): boolean {
  return Number.isFinite(entry.count) && entry.count >= 0;
}

function sameEdges(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((edge, i) => edge === b[i]);
}

/** Buckets of distinct numbers, ascending. */
function valueBuckets(
  reference: { value: number; count: number }[],
  current: { value: number; count: number }[],
): Buckets {
  const counts = new Map<number, [number, number]>();
  for (const { value, count } of reference)
    (counts.get(value) ?? newPair(counts, value))[0] += count;
  for (const { value, count } of current) (counts.get(value) ?? newPair(counts, value))[1] += count;
  const values = [...counts.keys()]
    .filter((value) => {
      const [a, b] = counts.get(value) as [number, number];
      return a + b > 0;
    })
    .sort((a, b) => a - b);
  return {
    names: values.map((value) => String(value)),
    reference: values.map((value) => (counts.get(value) as [number, number])[0]),
    current: values.map((value) => (counts.get(value) as [number, number])[1]),
  };
}

function newPair<K>(map: Map<K, [number, number]>, key: K): [number, number] {
  const pair: [number, number] = [0, 0];
  map.set(key, pair);
  return pair;
}

function comparableCategorical(baseline: ColumnStats, current: ColumnStats): Comparable | string {
  const reference = baseline.categorical;
  const now = current.categorical;
  if (!reference || !reference.top.every(validEntry)) {
    return 'the column has no values in the baseline';
  }
  if (!now || !now.top.every(validEntry)) {
    return current.count === 0
      ? 'the column has no values in the current data'
      : `the column is ${baseline.kind} in the baseline but ${current.kind} in the current data`;
  }
  const referenceCount = categoricalCount(baseline, reference);
  const currentCount = categoricalCount(current, now);
  if (referenceCount === 0) return 'the column has no values in the baseline';
  if (currentCount === 0) return 'the column has no values in the current data';
  const buckets = categoryBuckets(reference, referenceCount, now, currentCount);
  const complete = isComplete(reference) && isComplete(now);
  return {
    kind: 'categorical',
    referenceCount,
    currentCount,
    unique: complete ? buckets.names.length : Math.max(reference.unique, now.unique, 3),
    values: { buckets, basis: 'categories' },
  };
}

/** Values of a categorical or boolean column that the top counts are out of (valid ones). */
function categoricalCount(column: ColumnStats, stats: CategoricalStats): number {
  const total = column.count - (column.invalid?.count ?? 0);
  return Math.max(total, sum(stats.top.map((entry) => entry.count)));
}

function isComplete(stats: CategoricalStats): boolean {
  return stats.top.length >= stats.unique;
}

const OTHER_VALUES = 'other values';

/**
 * Buckets of the values listed in either top: a value's count is known on a side when listed
 * there, or 0 when that side lists every value; a value unknown on either side joins both sides'
 * "other values" with the values neither lists.
 */
function categoryBuckets(
  reference: CategoricalStats,
  referenceCount: number,
  current: CategoricalStats,
  currentCount: number,
): Buckets {
  const references = countsByValue(reference);
  const currents = countsByValue(current);
  const values = [...new Set([...references.keys(), ...currents.keys()])].sort(compareText);
  const buckets: Buckets = { names: [], reference: [], current: [] };
  for (const value of values) {
    const a = references.get(value) ?? (isComplete(reference) ? 0 : undefined);
    const b = currents.get(value) ?? (isComplete(current) ? 0 : undefined);
    if (a === undefined || b === undefined || a + b === 0) continue;
    buckets.names.push(JSON.stringify(value));
    buckets.reference.push(a);
    buckets.current.push(b);
  }
  const otherReference = Math.max(0, referenceCount - sum(buckets.reference));
  const otherCurrent = Math.max(0, currentCount - sum(buckets.current));
  if (otherReference + otherCurrent > 0) {
    buckets.names.push(OTHER_VALUES);
    buckets.reference.push(otherReference);
    buckets.current.push(otherCurrent);
  }
  return buckets;
}

/** Counts by value; values cut to the same excerpt are counted together. */
function countsByValue(stats: CategoricalStats): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { value, count } of stats.top) counts.set(value, (counts.get(value) ?? 0) + count);
  return counts;
}

// ---------------------------------------------------------------------------------------------
// The tests.

interface TestSpec {
  label: string;
  measure: FeatureDrift['measure'];
  drifts: (value: number, threshold: number) => boolean;
  /** How the value stands to the threshold when it drifts, for descriptions. */
  beyond: string;
}

const TESTS: Record<DriftTest, TestSpec> = {
  ks: {
    label: 'Kolmogorov–Smirnov p-value',
    measure: 'p_value',
    drifts: (value, threshold) => value <= threshold,
    beyond: 'at or below',
  },
  chisquare: {
    label: 'chi-squared p-value',
    measure: 'p_value',
    drifts: (value, threshold) => value < threshold,
    beyond: 'below',
  },
  z: {
    label: 'z-test p-value',
    measure: 'p_value',
    drifts: (value, threshold) => value < threshold,
    beyond: 'below',
  },
  wasserstein: {
    label: "Wasserstein distance normed by the baseline's standard deviation",
    measure: 'distance',
    drifts: (value, threshold) => value >= threshold,
    beyond: 'at or above',
  },
  jensenshannon: {
    label: 'Jensen–Shannon distance',
    measure: 'distance',
    drifts: (value, threshold) => value >= threshold,
    beyond: 'at or above',
  },
  psi: {
    label: 'population stability index',
    measure: 'distance',
    drifts: (value, threshold) => value >= threshold,
    beyond: 'at or above',
  },
  linf: {
    label: 'L-infinity distance',
    measure: 'distance',
    // TFDV flags a distance above the threshold.
    drifts: (value, threshold) => value > threshold,
    beyond: 'above',
  },
};

function measure(test: DriftTest, comparable: Comparable): Measured | string {
  const histograms = comparable.histograms;
  const values = comparable.values;
  switch (test) {
    case 'ks':
    case 'wasserstein': {
      if (comparable.kind !== 'numeric') return `${test} tests numeric features only`;
      if (!histograms) return comparable.noHistograms ?? 'no drift histograms';
      const moments = comparable.moments as NonNullable<Comparable['moments']>;
      const detail = momentsDetail(moments);
      if (test === 'ks') return { ...ksTest(histograms.reference, histograms.current), detail };
      const norm = Math.max(moments.referenceStd, WASSERSTEIN_MIN_NORM);
      return { ...wassersteinTest(histograms.reference, histograms.current, norm), detail };
    }
    case 'chisquare':
    case 'z': {
      if (!values) {
        return `${test} compares counts of values, which numeric features keep only up to ${DISTINCT_LIMIT} distinct values`;
      }
      const result = test === 'z' ? zTest(values.buckets) : chiSquareTest(values.buckets);
      return { ...result, basis: values.basis, detail: largestChange(values.buckets) };
    }
    case 'jensenshannon':
    case 'psi':
    case 'linf': {
      const buckets =
        values?.buckets ??
        (histograms ? coarseBuckets(histograms.reference, histograms.current) : undefined);
      if (!buckets) return comparable.noHistograms ?? 'no drift histograms';
      const basis = values?.basis ?? 'histogram';
      const detail = largestChange(buckets);
      const [p, q] = [shares(buckets.reference), shares(buckets.current)];
      if (test === 'jensenshannon') return { value: jensenShannonDistance(p, q), basis, detail };
      if (test === 'psi') return { value: populationStabilityIndex(p, q), basis, detail };
      return { value: lInfinity(p, q), basis, detail };
    }
  }
}

/**
 * Two-sample KS on histograms with the same edges: D is the largest CDF gap at an edge (exact
 * there); between two edges the gap is at most the larger of the upper CDF of one side less the
 * lower of the other, which bounds D from above. p-values from Kolmogorov's limiting
 * distribution at √(nm/(n+m))·D.
 */
function ksTest(reference: DriftHistogram, current: DriftHistogram): Omit<Measured, 'detail'> {
  const n = sum(reference.counts);
  const m = sum(current.counts);
  let lowest = 0;
  let highest = 0;
  // Each side's CDF just below the current bucket, and just below the next edge.
  let [beforeReference, beforeCurrent, cumulativeReference, cumulativeCurrent] = [0, 0, 0, 0];
  for (let i = 0; i < reference.counts.length; i++) {
    cumulativeReference += reference.counts[i] as number;
    cumulativeCurrent += current.counts[i] as number;
    const [afterReference, afterCurrent] = [cumulativeReference / n, cumulativeCurrent / m];
    highest = Math.max(highest, afterReference - beforeCurrent, afterCurrent - beforeReference);
    // Past the last edge both CDFs reach 1.
    if (i < reference.counts.length - 1) {
      lowest = Math.max(lowest, Math.abs(afterReference - afterCurrent));
    }
    [beforeReference, beforeCurrent] = [afterReference, afterCurrent];
  }
  const scale = Math.sqrt((n * m) / (n + m));
  const value = kolmogorovSurvival(scale * lowest);
  return {
    value,
    statistic: lowest,
    valueRange: [kolmogorovSurvival(scale * highest), value],
    basis: 'histogram',
  };
}

/**
 * ∫|F_ref − F_cur| over buckets with the same edges, divided by `norm`. Beyond the outer edges
 * the integral is the difference of the summed distances (exact when one side has none there,
 * as a baseline on its own edges); within a bucket, each CDF is taken as linear. Each CDF lies
 * within its bucket's rectangle, so either way the error is at most half of width × share per
 * side (beyond the edges, twice the smaller side's part).
 */
function wassersteinTest(
  reference: DriftHistogram,
  current: DriftHistogram,
  norm: number,
): Omit<Measured, 'detail'> {
  const n = sum(reference.counts);
  const m = sum(current.counts);
  const tails = [
    [reference.belowDistance / n, current.belowDistance / m],
    [reference.aboveDistance / n, current.aboveDistance / m],
  ] as const;
  let distance = 0;
  let error = 0;
  for (const [a, b] of tails) {
    distance += Math.abs(a - b);
    error += 2 * Math.min(a, b);
  }
  const { edges } = reference;
  let cumulativeReference = reference.counts[0] as number;
  let cumulativeCurrent = current.counts[0] as number;
  for (let i = 1; i < edges.length; i++) {
    const width = (edges[i] as number) - (edges[i - 1] as number);
    const start = cumulativeReference / n - cumulativeCurrent / m;
    cumulativeReference += reference.counts[i] as number;
    cumulativeCurrent += current.counts[i] as number;
    const end = cumulativeReference / n - cumulativeCurrent / m;
    // Skipping zeros keeps an infinite width (edges near ±1e308) from making 0 × ∞ = NaN.
    const gap = meanAbsoluteLinear(start, end);
    if (gap > 0) distance += width * gap;
    const share = ((reference.counts[i] as number) / n + (current.counts[i] as number) / m) / 2;
    if (share > 0) error += width * share;
  }
  const value = finite(distance / norm);
  return {
    value,
    valueRange: [finite(Math.max(0, distance - error) / norm), finite((distance + error) / norm)],
    basis: 'histogram',
  };
}

/** The mean of |a + (b − a)·t| over t in [0, 1]. */
function meanAbsoluteLinear(a: number, b: number): number {
  if (a * b >= 0) return (Math.abs(a) + Math.abs(b)) / 2;
  return (a * a + b * b) / (2 * (Math.abs(a) + Math.abs(b)));
}

/** A number for results: an overflowed sum reads as the largest finite number, never ∞ or NaN. */
function finite(value: number): number {
  return Number.isFinite(value) ? value : Number.MAX_VALUE;
}

/**
 * Evidently's chi-squared test: scipy's chisquare of the current counts against the baseline's
 * scaled to the current total, k − 1 degrees of freedom. A value the baseline never had makes
 * χ² infinite and p 0; a single value makes p 1.
 */
function chiSquareTest(buckets: Buckets): Omit<Measured, 'detail' | 'basis'> {
  const n = sum(buckets.reference);
  const m = sum(buckets.current);
  let statistic = 0;
  for (let i = 0; i < buckets.names.length; i++) {
    const expected = ((buckets.reference[i] as number) * m) / n;
    const observed = buckets.current[i] as number;
    if (expected === 0) return { value: 0 };
    statistic += (observed - expected) ** 2 / expected;
  }
  const freedom = buckets.names.length - 1;
  if (freedom < 1) return { value: 1, statistic: 0 };
  return { value: chiSquaredSurvival(statistic, freedom), statistic };
}

/**
 * Evidently's z-test: the share of values other than the first (in order) in each dataset,
 * compared with the pooled two-proportion z-test, two-sided; p 1 when there is one value.
 */
function zTest(buckets: Buckets): Omit<Measured, 'detail' | 'basis'> {
  const n = sum(buckets.reference);
  const m = sum(buckets.current);
  const others = [n - (buckets.reference[0] as number), m - (buckets.current[0] as number)];
  const pooled = ((others[0] as number) + (others[1] as number)) / (n + m);
  const spread = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
  if (!(spread > 0)) return { value: 1, statistic: 0 };
  const z = ((others[0] as number) / n - (others[1] as number) / m) / spread;
  // Two-sided normal tail: 2·(1 − Φ(|z|)) = P(χ²₁ > z²).
  return { value: chiSquaredSurvival(z * z, 1), statistic: z };
}

/** scipy's jensenshannon(p, q) with the natural log (base=None, as Evidently calls it): 0…√ln 2. */
function jensenShannonDistance(p: number[], q: number[]): number {
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const [a, b] = [p[i] as number, q[i] as number];
    const mean = (a + b) / 2;
    if (a > 0) divergence += a * Math.log(a / mean);
    if (b > 0) divergence += b * Math.log(b / mean);
  }
  return Math.sqrt(Math.max(0, divergence / 2));
}

/**
 * Evidently's PSI: Σ (ref − cur)·ln(ref/cur) over shares, each side's zero shares replaced by
 * 0.0001, or by a millionth of its smallest share when that is ≤ 0.0001.
 */
function populationStabilityIndex(p: number[], q: number[]): number {
  const [a, b] = [fillZeros(p), fillZeros(q)];
  let index = 0;
  for (let i = 0; i < a.length; i++) {
    index += ((a[i] as number) - (b[i] as number)) * Math.log((a[i] as number) / (b[i] as number));
  }
  return index;
}

function fillZeros(shares: number[]): number[] {
  const smallest = Math.min(...shares.filter((share) => share > 0));
  const fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
  return shares.map((share) => (share === 0 ? fill : share));
}

/** TFDV's L∞ distance: the largest difference between the two sides' shares. */
function lInfinity(p: number[], q: number[]): number {
  return p.reduce((largest, share, i) => Math.max(largest, Math.abs(share - (q[i] as number))), 0);
}

function shares(counts: number[]): number[] {
  const total = sum(counts);
  return counts.map((count) => count / total);
}

/**
 * Histogram buckets grouped into `groups` of about equal baseline share (the values below the
 * first edge join the first group, those from the last edge the last), for the tests that
 * compare shares: finer buckets would make sampling noise alone reach their thresholds.
 */
function coarseBuckets(
  reference: DriftHistogram,
  current: DriftHistogram,
  groups = COARSE_BINS,
): Buckets {
  const n = sum(reference.counts);
  const { edges, counts } = reference;
  const buckets: Buckets = { names: [], reference: [], current: [] };
  let [start, closed, cumulative, groupReference, groupCurrent] = [0, 0, 0, 0, 0];
  for (let i = 0; i < counts.length; i++) {
    groupReference += counts[i] as number;
    groupCurrent += current.counts[i] as number;
    cumulative += counts[i] as number;
    const last = i === counts.length - 1;
    const full = closed < groups - 1 && cumulative >= ((closed + 1) * n) / groups;
    if (!last && !full) continue;
    if (groupReference + groupCurrent > 0) {
      const from = start === 0 ? undefined : edges[start - 1];
      buckets.names.push(rangeName(from, last ? undefined : edges[i]));
      buckets.reference.push(groupReference);
      buckets.current.push(groupCurrent);
    }
    [start, closed, groupReference, groupCurrent] = [i + 1, closed + 1, 0, 0];
  }
  return buckets;
}

function rangeName(from: number | undefined, to: number | undefined): string {
  if (from === undefined && to === undefined) return 'all values';
  if (from === undefined) return `values below ${formatNumber(to)}`;
  if (to === undefined) return `values from ${formatNumber(from)}`;
  return `values from ${formatNumber(from)} to below ${formatNumber(to)}`;
}

// ---------------------------------------------------------------------------------------------
// p-values.

/**
 * P(K > x) for Kolmogorov's distribution (scipy's kstwobign.sf): 1 − √(2π)/x·Σ e^(−(2j−1)²π²/(8x²))
 * below 1.18, where that series converges fast and the result is at least 0.12, else
 * 2·Σ (−1)^(j−1)·e^(−2j²x²).
 */
export function kolmogorovSurvival(x: number): number {
  if (!(x > 0)) return 1;
  let sum = 0;
  if (x < 1.18) {
    const factor = -(Math.PI * Math.PI) / (8 * x * x);
    for (let j = 1; j < 200; j += 2) {
      const term = Math.exp(factor * j * j);
      sum += term;
      if (term <= Number.EPSILON * sum) break;
    }
    return clamp01(1 - (Math.sqrt(2 * Math.PI) / x) * sum);
  }
  for (let j = 1; j < 200; j++) {
    const term = Math.exp(-2 * j * j * x * x);
    sum += j % 2 === 1 ? term : -term;
    if (term <= Number.EPSILON * Math.abs(sum)) break;
  }
  return clamp01(2 * sum);
}

/** P(χ²_k > x) (scipy's chi2.sf): the regularized upper incomplete gamma Q(k/2, x/2). */
export function chiSquaredSurvival(x: number, freedom: number): number {
  return upperRegularizedGamma(freedom / 2, x / 2);
}

/**
 * Q(a, x) = Γ(a, x)/Γ(a) for a > 0: 1 − the series of P(a, x) when x < a + 1, else Legendre's
 * continued fraction by the modified Lentz method (Numerical Recipes, 3rd ed., §6.2).
 */
function upperRegularizedGamma(a: number, x: number): number {
  if (!(x > 0)) return 1;
  if (x === Infinity) return 0;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let series = term;
    for (let n = 1; n < 10000; n++) {
      term *= x / (a + n);
      series += term;
      if (term < series * Number.EPSILON) break;
    }
    return clamp01(1 - series * Math.exp(logPrefix));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let fraction = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    fraction *= step;
    if (Math.abs(step - 1) < Number.EPSILON) break;
  }
  return clamp01(Math.exp(logPrefix) * fraction);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0: Lanczos' approximation (g = 7, 9 terms), about 15 significant digits. */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let series = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) series += (LANCZOS[i] as number) / (shifted + i);
  const t = shifted + LANCZOS.length - 1.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

// ---------------------------------------------------------------------------------------------
// Dataset drift and anomalies.

function datasetDrift(features: FeatureDrift[], driftShare: number): DatasetDrift {
  const driftedFeatures = features.filter((feature) => feature.drifted).length;
  const share = features.length > 0 ? driftedFeatures / features.length : 0;
  return {
    features: features.length,
    driftedFeatures,
    share,
    driftShare,
    detected: features.length > 0 && share >= driftShare,
  };
}

const NAMES_SHOWN = 5;

function driftAnomaly(drift: FeatureDrift, detail: string): Anomaly {
  const spec = TESTS[drift.test];
  const name = quoted(drift.feature);
  const counts = `${drift.referenceCount} values in the baseline, ${drift.currentCount} now`;
  const about = [statisticText(drift), counts].filter(Boolean).join('; ');
  return {
    column: drift.feature,
    type: DRIFT_ANOMALY_TYPES[drift.test],
    severity: drift.severity,
    description:
      `${name} drifted from the baseline: the ${spec.label} ${formatNumber(drift.value)} is ${spec.beyond} the threshold ${formatNumber(drift.threshold)} (${about}); ${detail}. ` +
      `Look for the cause at the source (units, scaling, a changed query or parser); if the change is expected, retrain on data that includes it, or set another drift threshold for ${name}.`,
  };
}

function statisticText(drift: FeatureDrift): string {
  switch (drift.test) {
    case 'ks':
      return `D = ${formatNumber(drift.statistic)}`;
    case 'chisquare':
      return drift.statistic === undefined
        ? 'χ² is infinite: the current data has values the baseline never had'
        : `χ² = ${formatNumber(drift.statistic)}`;
    case 'z':
      return `z = ${formatNumber(drift.statistic)}`;
    default:
      return '';
  }
}

function momentsDetail(moments: NonNullable<Comparable['moments']>): string {
  return (
    `mean ${formatNumber(moments.referenceMean)} and standard deviation ${formatNumber(moments.referenceStd)} in the baseline, ` +
    `${formatNumber(moments.currentMean)} and ${formatNumber(moments.currentStd)} now`
  );
}

/** The bucket whose share changed most (the first of ties), like TFDV's L∞ description. */
function largestChange(buckets: Buckets): string {
  const [p, q] = [shares(buckets.reference), shares(buckets.current)];
  let index = 0;
  for (let i = 1; i < p.length; i++) {
    if (
      Math.abs((p[i] as number) - (q[i] as number)) >
      Math.abs((p[index] as number) - (q[index] as number))
    ) {
      index = i;
    }
  }
  const named = buckets.names[index] as string;
  const change = `${percent(p[index] as number)} of values in the baseline, ${percent(q[index] as number)} now`;
  return (p[index] as number) === 0
    ? `the largest change is ${named}, new: ${change}`
    : `the largest change is ${named}: ${change}`;
}

function datasetAnomaly(
  dataset: DatasetDrift,
  features: FeatureDrift[],
  severity: Severity,
): Anomaly {
  const drifted = features
    .filter((feature) => feature.drifted)
    .map((feature) => quoted(feature.feature));
  const shown = drifted.slice(0, NAMES_SHOWN).join(', ');
  const more = drifted.length > NAMES_SHOWN ? ` and ${drifted.length - NAMES_SHOWN} more` : '';
  return {
    column: null,
    type: DATASET_DRIFT_ANOMALY,
    severity,
    description:
      `${dataset.driftedFeatures} of ${dataset.features} tested features drifted (${percent(dataset.share)}), at or above the dataset drift share of ${percent(dataset.driftShare)}: ${shown}${more}. ` +
      'The data as a whole differs from the baseline: check the source (another population, a changed pipeline or filter) before training or evaluating on it.',
  };
}

function percent(share: number): string {
  return `${Number((share * 100).toFixed(1))}%`;
}

/** A column name for a description: an excerpt, so a huge name is not repeated in full. */
function quoted(name: string): string {
  return `"${excerpt(name)}"`;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
