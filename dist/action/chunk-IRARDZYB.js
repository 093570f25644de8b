import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  CONFUSION_MAX_CLASSES,
  DEFAULT_THRESHOLD,
  calibrationBins,
  computeMetrics,
  confusionMatrix,
  gateSchema,
  isKnownMetric,
  metricNames,
  rocCurve
} from "./chunk-F5OT2ZOW.js";
import {
  parseJson
} from "./chunk-7BDSWT4Z.js";
import {
  TRAINING_INFO_FORMAT
} from "./chunk-RYC64SMY.js";
import {
  tagMetadataSchema
} from "./chunk-33QQTOMJ.js";
import {
  nameProblem
} from "./chunk-KE5X3KEF.js";
import {
  external_exports
} from "./chunk-JKVQ4H3Q.js";
import {
  MAX_COLUMNS,
  excerpt
} from "./chunk-XU32KRXS.js";
import {
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";
import {
  compareText,
  formatNumber
} from "./chunk-NM5J5SUB.js";

// src/util/float-sort.ts
var RADIX_MIN = 2048;
var DIGITS = 1 << 16;
var LOW = 65535;
var SIGN = 2147483648;
var LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 63;
function sortNumbers(values) {
  const n = values.length;
  if (n < RADIX_MIN || !LITTLE_ENDIAN) return values.sort();
  for (let i = 0; i < n; i++) if (values[i] !== values[i]) return values.sort();
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const counts = [0, 1, 2, 3].map(() => new Uint32Array(DIGITS));
  const [c0, c1, c2, c3] = counts;
  for (let i = 0; i < 2 * n; i += 2) {
    let low = words[i];
    let high = words[i + 1];
    if ((high & SIGN) === 0) {
      high = (high | SIGN) >>> 0;
    } else {
      low = ~low >>> 0;
      high = ~high >>> 0;
      words[i] = low;
    }
    words[i + 1] = high;
    c0[low & LOW] = c0[low & LOW] + 1;
    c1[low >>> 16] = c1[low >>> 16] + 1;
    c2[high & LOW] = c2[high & LOW] + 1;
    c3[high >>> 16] = c3[high >>> 16] + 1;
  }
  let from = words;
  let to = new Uint32Array(2 * n);
  for (let pass = 0; pass < 4; pass++) {
    const count2 = counts[pass];
    let shared = false;
    let offset = 0;
    for (let digit = 0; digit < DIGITS; digit++) {
      const here = count2[digit];
      if (here === n) shared = true;
      count2[digit] = offset;
      offset += here;
    }
    if (shared) continue;
    const inHigh = pass >= 2;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < 2 * n; i += 2) {
      const low = from[i];
      const high = from[i + 1];
      const digit = (inHigh ? high : low) >>> shift & LOW;
      const at = count2[digit];
      count2[digit] = at + 1;
      to[2 * at] = low;
      to[2 * at + 1] = high;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  if (from !== words) words.set(from);
  for (let i = 0; i < 2 * n; i += 2) {
    const high = words[i + 1];
    if ((high & SIGN) !== 0) {
      words[i + 1] = high & ~SIGN;
    } else {
      words[i] = ~words[i];
      words[i + 1] = ~high;
    }
  }
  return values;
}

// src/data/drift.ts
var DRIFT_TESTS = [
  "ks",
  "chisquare",
  "z",
  "wasserstein",
  "jensenshannon",
  "psi",
  "linf"
];
var DEFAULT_THRESHOLDS = {
  ks: 0.05,
  chisquare: 0.05,
  z: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  // Evidently's default; the usual reading is < 0.1 stable, 0.1–0.25 some shift, > 0.25 a shift.
  psi: 0.1,
  linf: 0.1
};
var DRIFT_ANOMALY_TYPES = {
  ks: "COMPARATOR_KS_HIGH",
  chisquare: "COMPARATOR_CHI_SQUARED_HIGH",
  z: "COMPARATOR_Z_HIGH",
  wasserstein: "COMPARATOR_WASSERSTEIN_HIGH",
  jensenshannon: "COMPARATOR_JENSEN_SHANNON_DIVERGENCE_HIGH",
  psi: "COMPARATOR_PSI_HIGH",
  linf: "COMPARATOR_L_INFTY_HIGH"
};
var DATASET_DRIFT_ANOMALY = "DATASET_DRIFT_SHARE_HIGH";
var AUTO_REFERENCE_VALUES = 1e3;
var LOW_CARDINALITY = 5;
var DISTINCT_LIMIT = 20;
var DRIFT_BINS = 100;
var COARSE_BINS = 10;
var WASSERSTEIN_MIN_NORM = 1e-3;
var DEFAULT_MIN_EFFECT = 0.1;
var DEFAULT_DRIFT_SHARE = 0.5;
function detectDrift(baseline, current, options = {}) {
  const currentColumns = new Map(current.columns.map((column) => [column.name, column]));
  const wanted = options.columns ? new Set(options.columns) : void 0;
  const features = [];
  const skipped = [];
  const anomalies = [];
  for (const column of baseline.columns) {
    if (wanted && !wanted.has(column.name)) continue;
    const outcome = featureDrift(column, currentColumns.get(column.name), options);
    if ("reason" in outcome) {
      skipped.push(outcome);
      continue;
    }
    features.push(outcome.drift);
    if (outcome.drift.drifted) anomalies.push(driftAnomaly(outcome.drift, outcome.detail));
  }
  const dataset = datasetDrift(features, options.driftShare ?? DEFAULT_DRIFT_SHARE);
  if (dataset.detected) {
    anomalies.push(datasetAnomaly(dataset, features, options.datasetSeverity ?? "ERROR"));
  }
  return { features, skipped, dataset, anomalies };
}
function quantileEdges(values, bins) {
  return sortedQuantileEdges(sortNumbers(Float64Array.from(values.filter(Number.isFinite))), bins);
}
function sortedQuantileEdges(sorted, bins) {
  const edges = [];
  if (sorted.length === 0) return edges;
  bins ??= sorted.length <= AUTO_REFERENCE_VALUES ? Math.max(1, sorted.length - 1) : DRIFT_BINS;
  for (let i = 0; i <= bins; i++) {
    const edge = sorted[Math.floor(i * (sorted.length - 1) / bins)];
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge + 0);
  }
  const beyond = nextUp(edges[edges.length - 1]);
  if (Number.isFinite(beyond)) edges.push(beyond);
  return edges;
}
function nextUp(value) {
  if (value === 0) return Number.MIN_VALUE;
  const float = new Float64Array([value]);
  const bits = new BigInt64Array(float.buffer);
  bits[0] = bits[0] + (value > 0 ? 1n : -1n);
  return float[0];
}
function binValues(values, edges) {
  const counts = new Array(edges.length + 1).fill(0);
  let belowDistance = 0;
  let aboveDistance = 0;
  const first = edges[0] ?? 0;
  const last = edges[edges.length - 1] ?? 0;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const bucket = edgesAtOrBelow(edges, value);
    counts[bucket] = counts[bucket] + 1;
    if (edges.length === 0) continue;
    if (bucket === 0) belowDistance += first - value;
    else if (bucket === edges.length) aboveDistance += value - last;
  }
  return { edges: [...edges], counts, belowDistance, aboveDistance };
}
function binSortedOnOwnEdges(sorted, edges) {
  const counts = new Array(edges.length + 1).fill(0);
  let start = 0;
  edges.forEach((edge, bucket) => {
    let low = start;
    let high = sorted.length;
    while (low < high) {
      const middle = low + high >>> 1;
      if (sorted[middle] < edge) low = middle + 1;
      else high = middle;
    }
    counts[bucket] = low - start;
    start = low;
  });
  counts[edges.length] = sorted.length - start;
  return { edges: [...edges], counts, belowDistance: 0, aboveDistance: 0 };
}
function edgesAtOrBelow(edges, value) {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = low + high >>> 1;
    if (edges[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}
function distinctValues(values, limit = DISTINCT_LIMIT) {
  const counts = /* @__PURE__ */ new Map();
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    const key = value === 0 ? 0 : value;
    const count2 = counts.get(key);
    if (count2 !== void 0) counts.set(key, count2 + 1);
    else if (counts.size === limit) return void 0;
    else counts.set(key, 1);
  }
  return [...counts].map(([value, count2]) => ({ value, count: count2 })).sort((a, b) => a.value - b.value);
}
function driftSummary(values, edges) {
  const driftHistogram = binValues(values, edges ?? quantileEdges(values));
  const distinct = distinctValues(values);
  return distinct ? { driftHistogram, distinct } : { driftHistogram };
}
function sortedDriftSummary(finite2, sorted, edges) {
  const driftHistogram = edges ? binValues(finite2, edges) : binSortedOnOwnEdges(sorted, sortedQuantileEdges(sorted));
  const distinct = distinctValues(finite2);
  return distinct ? { driftHistogram, distinct } : { driftHistogram };
}
function featureDrift(baseline, current, options) {
  const feature = baseline.name;
  if (!current) return { feature, reason: "the column is not in the current data" };
  const comparable = comparableColumns(baseline, current);
  if (typeof comparable === "string") return { feature, reason: comparable };
  const own = Object.hasOwn(options.features ?? {}, feature) ? options.features[feature] : void 0;
  const numeric = comparable.kind === "numeric";
  const choice = own?.test ?? (numeric ? options.numericTest : options.categoricalTest) ?? options.test;
  const test = !choice || choice === "auto" ? autoTest(comparable) : choice;
  const measured = measure(test, comparable);
  if (typeof measured === "string") return { feature, reason: measured };
  const threshold = own?.threshold ?? (numeric ? options.numericThreshold : options.categoricalThreshold) ?? options.threshold ?? DEFAULT_THRESHOLDS[test];
  const { detail, ...result } = measured;
  const drifted = TESTS[test].drifts(measured.value, threshold);
  const severity = own?.severity ?? options.severity ?? "ERROR";
  const effect = drifted && TESTS[test].measure === "p_value" ? effectSize(comparable) : void 0;
  const small = effect !== void 0 && effect < (options.minEffect ?? DEFAULT_MIN_EFFECT);
  return {
    drift: {
      feature,
      kind: baseline.kind,
      test,
      measure: TESTS[test].measure,
      ...result,
      threshold,
      drifted,
      severity: small ? "WARNING" : severity,
      ...effect === void 0 ? {} : { effect },
      referenceCount: comparable.referenceCount,
      currentCount: comparable.currentCount
    },
    detail
  };
}
function effectSize(comparable) {
  const numeric = comparable.kind === "numeric" && comparable.unique > LOW_CARDINALITY;
  const measured = measure(numeric ? "wasserstein" : "jensenshannon", comparable);
  return typeof measured === "string" ? void 0 : measured.value;
}
function autoTest(comparable) {
  const small = comparable.referenceCount <= AUTO_REFERENCE_VALUES;
  if (comparable.kind === "numeric" && comparable.unique > LOW_CARDINALITY) {
    return small ? "ks" : "wasserstein";
  }
  if (!small) return "jensenshannon";
  return comparable.unique <= 2 ? "z" : "chisquare";
}
function comparableColumns(baseline, current) {
  switch (baseline.kind) {
    case "numeric":
      return comparableNumeric(baseline, current);
    case "categorical":
    case "boolean":
      return comparableCategorical(baseline, current);
    case "date":
      return "date columns are not tested for drift (Evidently leaves them out too)";
    case "text":
      return "text columns are not tested for drift";
    case "empty":
      return "the column has no values in the baseline";
  }
}
function comparableNumeric(baseline, current) {
  if (current.kind !== "numeric") {
    return `the column is numeric in the baseline but ${current.kind} in the current data`;
  }
  const reference = baseline.numeric;
  const now = current.numeric;
  const referenceCount = reference ? finiteCount(baseline) : 0;
  const currentCount = now ? finiteCount(current) : 0;
  if (!reference || referenceCount === 0) return "the column has no finite values in the baseline";
  if (!now || currentCount === 0) return "the column has no finite values in the current data";
  const comparable = {
    kind: "numeric",
    referenceCount,
    currentCount,
    unique: Infinity,
    moments: {
      referenceMean: reference.mean,
      referenceStd: reference.std,
      currentMean: now.mean,
      currentStd: now.std
    }
  };
  const histograms = { reference: reference.driftHistogram, current: now.driftHistogram };
  if (!histograms.reference || !wellFormed(histograms.reference)) {
    comparable.noHistograms = "the baseline statistics have no drift histogram (written before drift tests): compute them again";
  } else if (!histograms.current || !wellFormed(histograms.current)) {
    comparable.noHistograms = "the current statistics have no drift histogram";
  } else if (!sameEdges(histograms.reference.edges, histograms.current.edges)) {
    comparable.noHistograms = "the current data was binned on other edges than the baseline's: bin it with driftSummary(values, baseline edges)";
  } else {
    comparable.histograms = { reference: histograms.reference, current: histograms.current };
    comparable.referenceCount = sum(histograms.reference.counts);
    comparable.currentCount = sum(histograms.current.counts);
  }
  if (reference.distinct && now.distinct && reference.distinct.every(validEntry) && now.distinct.every(validEntry)) {
    const buckets = valueBuckets(reference.distinct, now.distinct);
    comparable.unique = buckets.names.length;
    comparable.values = { buckets, basis: "values" };
    if (!comparable.histograms) {
      comparable.referenceCount = sum(buckets.reference);
      comparable.currentCount = sum(buckets.current);
    }
  }
  if (comparable.referenceCount === 0) return "the column has no finite values in the baseline";
  if (comparable.currentCount === 0) return "the column has no finite values in the current data";
  return comparable;
}
function finiteCount(column) {
  const numeric = column.numeric;
  if (!numeric) return 0;
  return Math.max(0, column.count - (column.invalid?.count ?? 0) - numeric.nonFinite);
}
function wellFormed(histogram) {
  const { edges, counts } = histogram;
  return Array.isArray(edges) && Array.isArray(counts) && counts.length === edges.length + 1 && edges.every(
    (edge, i) => Number.isFinite(edge) && (i === 0 || edge > edges[i - 1])
  ) && counts.every((count2) => Number.isFinite(count2) && count2 >= 0) && Number.isFinite(histogram.belowDistance) && histogram.belowDistance >= 0 && Number.isFinite(histogram.aboveDistance) && histogram.aboveDistance >= 0;
}
function validEntry(entry) {
  return Number.isFinite(entry.count) && entry.count >= 0;
}
function sameEdges(a, b) {
  return a.length === b.length && a.every((edge, i) => edge === b[i]);
}
function valueBuckets(reference, current) {
  const counts = /* @__PURE__ */ new Map();
  for (const { value, count: count2 } of reference)
    (counts.get(value) ?? newPair(counts, value))[0] += count2;
  for (const { value, count: count2 } of current) (counts.get(value) ?? newPair(counts, value))[1] += count2;
  const values = [...counts.keys()].filter((value) => {
    const [a, b] = counts.get(value);
    return a + b > 0;
  }).sort((a, b) => a - b);
  return {
    names: values.map((value) => String(value)),
    reference: values.map((value) => counts.get(value)[0]),
    current: values.map((value) => counts.get(value)[1])
  };
}
function newPair(map, key) {
  const pair = [0, 0];
  map.set(key, pair);
  return pair;
}
function comparableCategorical(baseline, current) {
  const reference = baseline.categorical;
  const now = current.categorical;
  if (!reference || !reference.top.every(validEntry)) {
    return "the column has no values in the baseline";
  }
  if (!now || !now.top.every(validEntry)) {
    return current.count === 0 ? "the column has no values in the current data" : `the column is ${baseline.kind} in the baseline but ${current.kind} in the current data`;
  }
  const referenceCount = categoricalCount(baseline, reference);
  const currentCount = categoricalCount(current, now);
  if (referenceCount === 0) return "the column has no values in the baseline";
  if (currentCount === 0) return "the column has no values in the current data";
  const buckets = categoryBuckets(reference, referenceCount, now, currentCount);
  const complete = isComplete(reference) && isComplete(now);
  return {
    kind: "categorical",
    referenceCount,
    currentCount,
    unique: complete ? buckets.names.length : Math.max(reference.unique, now.unique, 3),
    values: { buckets, basis: "categories" }
  };
}
function categoricalCount(column, stats) {
  const total = column.count - (column.invalid?.count ?? 0);
  return Math.max(total, sum(stats.top.map((entry) => entry.count)));
}
function isComplete(stats) {
  return stats.top.length >= stats.unique;
}
var OTHER_VALUES = "other values";
function categoryBuckets(reference, referenceCount, current, currentCount) {
  const references = countsByValue(reference);
  const currents = countsByValue(current);
  const values = [.../* @__PURE__ */ new Set([...references.keys(), ...currents.keys()])].sort(compareText);
  const buckets = { names: [], reference: [], current: [] };
  for (const value of values) {
    const a = references.get(value) ?? (isComplete(reference) ? 0 : void 0);
    const b = currents.get(value) ?? (isComplete(current) ? 0 : void 0);
    if (a === void 0 || b === void 0 || a + b === 0) continue;
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
function countsByValue(stats) {
  const counts = /* @__PURE__ */ new Map();
  for (const { value, count: count2 } of stats.top) counts.set(value, (counts.get(value) ?? 0) + count2);
  return counts;
}
var TESTS = {
  ks: {
    label: "Kolmogorov\u2013Smirnov p-value",
    measure: "p_value",
    drifts: (value, threshold) => value <= threshold,
    beyond: "at or below"
  },
  chisquare: {
    label: "chi-squared p-value",
    measure: "p_value",
    drifts: (value, threshold) => value < threshold,
    beyond: "below"
  },
  z: {
    label: "z-test p-value",
    measure: "p_value",
    drifts: (value, threshold) => value < threshold,
    beyond: "below"
  },
  wasserstein: {
    label: "Wasserstein distance normed by the baseline's standard deviation",
    measure: "distance",
    drifts: (value, threshold) => value >= threshold,
    beyond: "at or above"
  },
  jensenshannon: {
    label: "Jensen\u2013Shannon distance",
    measure: "distance",
    drifts: (value, threshold) => value >= threshold,
    beyond: "at or above"
  },
  psi: {
    label: "population stability index",
    measure: "distance",
    drifts: (value, threshold) => value >= threshold,
    beyond: "at or above"
  },
  linf: {
    label: "L-infinity distance",
    measure: "distance",
    // TFDV flags a distance above the threshold.
    drifts: (value, threshold) => value > threshold,
    beyond: "above"
  }
};
function measure(test, comparable) {
  const histograms = comparable.histograms;
  const values = comparable.values;
  switch (test) {
    case "ks":
    case "wasserstein": {
      if (comparable.kind !== "numeric") return `${test} tests numeric features only`;
      if (!histograms) return comparable.noHistograms ?? "no drift histograms";
      const moments = comparable.moments;
      const detail = momentsDetail(moments);
      if (test === "ks") return { ...ksTest(histograms.reference, histograms.current), detail };
      const norm = Math.max(moments.referenceStd, WASSERSTEIN_MIN_NORM);
      return { ...wassersteinTest(histograms.reference, histograms.current, norm), detail };
    }
    case "chisquare":
    case "z": {
      if (!values) {
        return `${test} compares counts of values, which numeric features keep only up to ${DISTINCT_LIMIT} distinct values`;
      }
      const result = test === "z" ? zTest(values.buckets) : chiSquareTest(values.buckets);
      return { ...result, basis: values.basis, detail: largestChange(values.buckets) };
    }
    case "jensenshannon":
    case "psi":
    case "linf": {
      const buckets = values?.buckets ?? (histograms ? coarseBuckets(histograms.reference, histograms.current) : void 0);
      if (!buckets) return comparable.noHistograms ?? "no drift histograms";
      const basis = values?.basis ?? "histogram";
      const detail = largestChange(buckets);
      const [p, q] = [shares(buckets.reference), shares(buckets.current)];
      if (test === "jensenshannon") return { value: jensenShannonDistance(p, q), basis, detail };
      if (test === "psi") return { value: populationStabilityIndex(p, q), basis, detail };
      return { value: lInfinity(p, q), basis, detail };
    }
  }
}
function ksTest(reference, current) {
  const n = sum(reference.counts);
  const m = sum(current.counts);
  let lowest = 0;
  let highest = 0;
  let [beforeReference, beforeCurrent, cumulativeReference, cumulativeCurrent] = [0, 0, 0, 0];
  for (let i = 0; i < reference.counts.length; i++) {
    cumulativeReference += reference.counts[i];
    cumulativeCurrent += current.counts[i];
    const [afterReference, afterCurrent] = [cumulativeReference / n, cumulativeCurrent / m];
    highest = Math.max(highest, afterReference - beforeCurrent, afterCurrent - beforeReference);
    if (i < reference.counts.length - 1) {
      lowest = Math.max(lowest, Math.abs(afterReference - afterCurrent));
    }
    [beforeReference, beforeCurrent] = [afterReference, afterCurrent];
  }
  const scale = Math.sqrt(n * m / (n + m));
  const value = kolmogorovSurvival(scale * lowest);
  return {
    value,
    statistic: lowest,
    valueRange: [kolmogorovSurvival(scale * highest), value],
    basis: "histogram"
  };
}
function wassersteinTest(reference, current, norm) {
  const n = sum(reference.counts);
  const m = sum(current.counts);
  const tails = [
    [reference.belowDistance / n, current.belowDistance / m],
    [reference.aboveDistance / n, current.aboveDistance / m]
  ];
  let distance = 0;
  let error = 0;
  for (const [a, b] of tails) {
    distance += Math.abs(a - b);
    error += 2 * Math.min(a, b);
  }
  const { edges } = reference;
  let cumulativeReference = reference.counts[0];
  let cumulativeCurrent = current.counts[0];
  for (let i = 1; i < edges.length; i++) {
    const width = edges[i] - edges[i - 1];
    const start = cumulativeReference / n - cumulativeCurrent / m;
    cumulativeReference += reference.counts[i];
    cumulativeCurrent += current.counts[i];
    const end = cumulativeReference / n - cumulativeCurrent / m;
    const gap = meanAbsoluteLinear(start, end);
    if (gap > 0) distance += width * gap;
    const share = (reference.counts[i] / n + current.counts[i] / m) / 2;
    if (share > 0) error += width * share;
  }
  const value = finite(distance / norm);
  return {
    value,
    valueRange: [finite(Math.max(0, distance - error) / norm), finite((distance + error) / norm)],
    basis: "histogram"
  };
}
function meanAbsoluteLinear(a, b) {
  if (a * b >= 0) return (Math.abs(a) + Math.abs(b)) / 2;
  return (a * a + b * b) / (2 * (Math.abs(a) + Math.abs(b)));
}
function finite(value) {
  return Number.isFinite(value) ? value : Number.MAX_VALUE;
}
function chiSquareTest(buckets) {
  const n = sum(buckets.reference);
  const m = sum(buckets.current);
  let statistic = 0;
  for (let i = 0; i < buckets.names.length; i++) {
    const expected = buckets.reference[i] * m / n;
    const observed = buckets.current[i];
    if (expected === 0) return { value: 0 };
    statistic += (observed - expected) ** 2 / expected;
  }
  const freedom = buckets.names.length - 1;
  if (freedom < 1) return { value: 1, statistic: 0 };
  return { value: chiSquaredSurvival(statistic, freedom), statistic };
}
function zTest(buckets) {
  const n = sum(buckets.reference);
  const m = sum(buckets.current);
  const others = [n - buckets.reference[0], m - buckets.current[0]];
  const pooled = (others[0] + others[1]) / (n + m);
  const spread = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
  if (!(spread > 0)) return { value: 1, statistic: 0 };
  const z = (others[0] / n - others[1] / m) / spread;
  return { value: chiSquaredSurvival(z * z, 1), statistic: z };
}
function jensenShannonDistance(p, q) {
  let divergence = 0;
  for (let i = 0; i < p.length; i++) {
    const [a, b] = [p[i], q[i]];
    const mean = (a + b) / 2;
    if (a > 0) divergence += a * Math.log(a / mean);
    if (b > 0) divergence += b * Math.log(b / mean);
  }
  return Math.sqrt(Math.max(0, divergence / 2));
}
function populationStabilityIndex(p, q) {
  const [a, b] = [fillZeros(p), fillZeros(q)];
  let index = 0;
  for (let i = 0; i < a.length; i++) {
    index += (a[i] - b[i]) * Math.log(a[i] / b[i]);
  }
  return index;
}
function fillZeros(shares2) {
  const smallest = Math.min(...shares2.filter((share) => share > 0));
  const fill = smallest <= 1e-4 ? smallest / 1e6 : 1e-4;
  return shares2.map((share) => share === 0 ? fill : share);
}
function lInfinity(p, q) {
  return p.reduce((largest, share, i) => Math.max(largest, Math.abs(share - q[i])), 0);
}
function shares(counts) {
  const total = sum(counts);
  return counts.map((count2) => count2 / total);
}
function coarseBuckets(reference, current, groups = COARSE_BINS) {
  const n = sum(reference.counts);
  const { edges, counts } = reference;
  const buckets = { names: [], reference: [], current: [] };
  let [start, closed, cumulative, groupReference, groupCurrent] = [0, 0, 0, 0, 0];
  for (let i = 0; i < counts.length; i++) {
    groupReference += counts[i];
    groupCurrent += current.counts[i];
    cumulative += counts[i];
    const last = i === counts.length - 1;
    const full = closed < groups - 1 && cumulative >= (closed + 1) * n / groups;
    if (!last && !full) continue;
    if (groupReference + groupCurrent > 0) {
      const from = start === 0 ? void 0 : edges[start - 1];
      buckets.names.push(rangeName(from, last ? void 0 : edges[i]));
      buckets.reference.push(groupReference);
      buckets.current.push(groupCurrent);
    }
    [start, closed, groupReference, groupCurrent] = [i + 1, closed + 1, 0, 0];
  }
  return buckets;
}
function rangeName(from, to) {
  if (from === void 0 && to === void 0) return "all values";
  if (from === void 0) return `values below ${formatNumber(to)}`;
  if (to === void 0) return `values from ${formatNumber(from)}`;
  return `values from ${formatNumber(from)} to below ${formatNumber(to)}`;
}
function kolmogorovSurvival(x) {
  if (!(x > 0)) return 1;
  let sum2 = 0;
  if (x < 1.18) {
    const factor = -(Math.PI * Math.PI) / (8 * x * x);
    for (let j = 1; j < 200; j += 2) {
      const term = Math.exp(factor * j * j);
      sum2 += term;
      if (term <= Number.EPSILON * sum2) break;
    }
    return clamp01(1 - Math.sqrt(2 * Math.PI) / x * sum2);
  }
  for (let j = 1; j < 200; j++) {
    const term = Math.exp(-2 * j * j * x * x);
    sum2 += j % 2 === 1 ? term : -term;
    if (term <= Number.EPSILON * Math.abs(sum2)) break;
  }
  return clamp01(2 * sum2);
}
function chiSquaredSurvival(x, freedom) {
  return upperRegularizedGamma(freedom / 2, x / 2);
}
function upperRegularizedGamma(a, x) {
  if (!(x > 0)) return 1;
  if (x === Infinity) return 0;
  const logPrefix = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let series = term;
    for (let n = 1; n < 1e4; n++) {
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
  let fraction2 = d;
  for (let i = 1; i < 1e4; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    fraction2 *= step;
    if (Math.abs(step - 1) < Number.EPSILON) break;
  }
  return clamp01(Math.exp(logPrefix) * fraction2);
}
var LANCZOS = [
  0.9999999999998099,
  676.5203681218851,
  -1259.1392167224028,
  771.3234287776531,
  -176.6150291621406,
  12.507343278686905,
  -0.13857109526572012,
  9984369578019572e-21,
  15056327351493116e-23
];
function logGamma(x) {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const shifted = x - 1;
  let series = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i] / (shifted + i);
  const t = shifted + LANCZOS.length - 1.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(series);
}
function clamp01(value) {
  return Math.min(1, Math.max(0, value));
}
function datasetDrift(features, driftShare) {
  const driftedFeatures = features.filter((feature) => feature.drifted).length;
  const share = features.length > 0 ? driftedFeatures / features.length : 0;
  return {
    features: features.length,
    driftedFeatures,
    share,
    driftShare,
    detected: features.length > 0 && share >= driftShare
  };
}
var NAMES_SHOWN = 5;
function driftAnomaly(drift, detail) {
  const spec = TESTS[drift.test];
  const name = quoted(drift.feature);
  const counts = `${drift.referenceCount} values in the baseline, ${drift.currentCount} now`;
  const about = [statisticText(drift), counts].filter(Boolean).join("; ");
  return {
    column: drift.feature,
    type: DRIFT_ANOMALY_TYPES[drift.test],
    severity: drift.severity,
    description: `${name} drifted from the baseline: the ${spec.label} ${formatNumber(drift.value)} is ${spec.beyond} the threshold ${formatNumber(drift.threshold)} (${about}); ${detail}. Look for the cause at the source (units, scaling, a changed query or parser); if the change is expected, retrain on data that includes it, or set another drift threshold for ${name}.`
  };
}
function statisticText(drift) {
  switch (drift.test) {
    case "ks":
      return `D = ${formatNumber(drift.statistic)}`;
    case "chisquare":
      return drift.statistic === void 0 ? "\u03C7\xB2 is infinite: the current data has values the baseline never had" : `\u03C7\xB2 = ${formatNumber(drift.statistic)}`;
    case "z":
      return `z = ${formatNumber(drift.statistic)}`;
    default:
      return "";
  }
}
function momentsDetail(moments) {
  return `mean ${formatNumber(moments.referenceMean)} and standard deviation ${formatNumber(moments.referenceStd)} in the baseline, ${formatNumber(moments.currentMean)} and ${formatNumber(moments.currentStd)} now`;
}
function largestChange(buckets) {
  const [p, q] = [shares(buckets.reference), shares(buckets.current)];
  let index = 0;
  for (let i = 1; i < p.length; i++) {
    if (Math.abs(p[i] - q[i]) > Math.abs(p[index] - q[index])) {
      index = i;
    }
  }
  const named = buckets.names[index];
  const change = `${percent(p[index])} of values in the baseline, ${percent(q[index])} now`;
  return p[index] === 0 ? `the largest change is ${named}, new: ${change}` : `the largest change is ${named}: ${change}`;
}
function datasetAnomaly(dataset, features, severity) {
  const drifted = features.filter((feature) => feature.drifted).map((feature) => quoted(feature.feature));
  const shown2 = drifted.slice(0, NAMES_SHOWN).join(", ");
  const more = drifted.length > NAMES_SHOWN ? ` and ${drifted.length - NAMES_SHOWN} more` : "";
  return {
    column: null,
    type: DATASET_DRIFT_ANOMALY,
    severity,
    description: `${dataset.driftedFeatures} of ${dataset.features} tested features drifted (${percent(dataset.share)}), at or above the dataset drift share of ${percent(dataset.driftShare)}: ${shown2}${more}. The data as a whole differs from the baseline: check the source (another population, a changed pipeline or filter) before training or evaluating on it.`
  };
}
function percent(share) {
  return `${Number((share * 100).toFixed(1))}%`;
}
function quoted(name) {
  return `"${excerpt(name)}"`;
}
function sum(values) {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

// src/data/missing.ts
var DEFAULT_NA_VALUES = ["", "NA", "N/A", "NaN", "null", "None", "?"];
function missingMatcher(tokens) {
  const normalized = /* @__PURE__ */ new Set(["", ...tokens.map((token) => token.trim().toLowerCase())]);
  const ascii = [...normalized].every((token) => /^[\x20-\x7e]*$/.test(token));
  const byLength = [];
  for (const token of normalized) (byLength[token.length] ??= []).push(token);
  const exact = (text) => normalized.has(text.trim().toLowerCase());
  const isMissingText = (text) => {
    const length = text.length;
    if (length === 0) return true;
    if (!ascii || mayBeTrimmed(text.charCodeAt(0)) || mayBeTrimmed(text.charCodeAt(length - 1))) {
      return exact(text);
    }
    if (length >= byLength.length) return false;
    const candidates = byLength[length];
    if (candidates === void 0) return false;
    for (const token of candidates) if (equalsLowerCaseToken(text, token)) return true;
    return false;
  };
  return (value) => {
    if (typeof value === "string") return isMissingText(value);
    return isAbsent(value);
  };
}
function isAbsent(value) {
  return value === null || value === void 0 || value === "" || typeof value === "number" && Number.isNaN(value);
}
function mayBeTrimmed(code) {
  if (code < 128) return code <= 32;
  return code === 160 || code === 5760 || code >= 8192 && code <= 8202 || code === 8232 || code === 8233 || code === 8239 || code === 8287 || code === 12288 || code === 65279;
}
function equalsLowerCaseToken(text, token) {
  for (let i = 0; i < token.length; i++) {
    const code = text.charCodeAt(i);
    const expected = token.charCodeAt(i);
    if (code === expected) continue;
    const isLetter = expected >= 97 && expected <= 122;
    const folds = code === expected - 32 || expected === 107 && code === 8490;
    if (!isLetter || !folds) return false;
  }
  return true;
}

// src/evaluate/slices.ts
var MISSING_SLICE_VALUE = "(missing)";
var MAX_SLICE_VALUES = 100;
function evaluateSlices(p, columns, options = {}) {
  const minCount = options.minCount ?? 1;
  return columns.map((column) => {
    if (column.values.length !== p.labels.length) {
      throw new DataError(
        `Slice column "${excerpt(column.name)}" has ${column.values.length} values but there are ${p.labels.length} examples; slice columns must come from the evaluated rows.`
      );
    }
    const groups = [...groupIndices(column.values)].filter(([, indices]) => indices.length >= minCount).sort(([a, x], [b, y]) => y.length - x.length || compareText(a, b));
    const values = groups.slice(0, MAX_SLICE_VALUES).map(([value, indices]) => ({
      value: excerpt(value),
      count: indices.length,
      metrics: computeMetrics(selectExamples(p, indices), options)
    }));
    const left = groups.slice(MAX_SLICE_VALUES);
    if (left.length === 0) return { column: column.name, values };
    const count2 = left.reduce((total, [, indices]) => total + indices.length, 0);
    return { column: column.name, values, omitted: { values: left.length, count: count2 } };
  });
}
function groupIndices(values) {
  const groups = /* @__PURE__ */ new Map();
  values.forEach((value, index) => {
    const key = value ?? MISSING_SLICE_VALUE;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  return groups;
}
function evaluatePredictions(p, columns = [], options = {}) {
  const result = {
    task: p.task,
    count: p.labels.length,
    overall: computeMetrics(p, options),
    slices: evaluateSlices(p, columns, options)
  };
  if (p.task === "regression") return result;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  result.confusionMatrix = confusionMatrix(p, threshold);
  if (p.task === "multiclass") return result;
  result.threshold = threshold;
  const roc = rocCurve(p);
  if (roc) result.roc = roc;
  result.calibration = calibrationBins(p);
  return result;
}
function selectExamples(p, indices) {
  const labels = indices.map((i) => p.labels[i]);
  switch (p.task) {
    case "binary":
      return { ...p, labels, scores: indices.map((i) => p.scores[i]) };
    case "multiclass":
      return { ...p, labels, probabilities: indices.map((i) => p.probabilities[i]) };
    case "regression":
      return { ...p, labels, values: indices.map((i) => p.values[i]) };
  }
}

// src/config/schema.ts
var tagNamePart = external_exports.string().superRefine((text, ctx) => {
  const problem = nameProblem(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
var fraction = external_exports.number().min(0).max(0.9);
var positiveInt = external_exports.number().int().positive();
var readLimit = positiveInt.max(256 * 1024 * 1024, "at most 268435456 (256 MiB)");
var taskSchema = external_exports.enum(["binary", "multiclass", "regression"]);
var backendSchema = external_exports.enum(["auto", "tensorflow", "wasm", "cpu"]);
var splitSchema = external_exports.object({
  test: fraction.default(0.2),
  validation: fraction.default(0.1),
  seed: external_exports.number().int().default(42),
  key: external_exports.string().min(1).optional()
}).strict().refine((s) => s.test + s.validation < 1, {
  message: "test + validation must leave rows for training (sum below 1)",
  path: ["test"]
});
var dataSchema = external_exports.object({
  train: external_exports.string().min(1),
  label: external_exports.string().min(1),
  /** The file's format when its extension does not say (see inferFormat in data/read-table.ts). */
  format: external_exports.enum(["csv", "jsonl", "parquet"]).optional(),
  ignore: external_exports.array(external_exports.string()).default([]),
  /** Cells meaning "no value", compared trimmed and in any case; an empty cell always is. */
  na_values: external_exports.array(
    external_exports.union([external_exports.string(), external_exports.number(), external_exports.nan(), external_exports.boolean(), external_exports.null()]).transform((value) => value === null ? "null" : String(value))
  ).default(() => [...DEFAULT_NA_VALUES]),
  split: splitSchema.default({ test: 0.2, validation: 0.1, seed: 42 }),
  slices: external_exports.array(external_exports.string()).default([]),
  /** Largest field and record (line) read, in UTF-8 bytes; 16 MiB and 64 MiB when absent. */
  max_field_bytes: readLimit.optional(),
  max_record_bytes: readLimit.optional(),
  /** The decimal separator of numbers in text cells: "," reads `1,5` as 1.5, `1.234,5` as 1234.5. */
  decimal: external_exports.enum([".", ","]).optional(),
  /**
   * How many bad records (a CSV row with the wrong number of fields, a JSON Lines line that is
   * not a JSON object) are left out, into <out>/rejects.csv or .jsonl, before one stops the run.
   */
  max_errors: external_exports.number().int().min(0).default(0)
}).strict();
var driftTestSchema = external_exports.enum(["auto", ...DRIFT_TESTS]);
var severitySchema = external_exports.enum(["ERROR", "WARNING"]);
var featureDriftSchema = external_exports.object({
  test: driftTestSchema.optional(),
  threshold: external_exports.number().positive().optional(),
  severity: severitySchema.optional()
}).strict();
var driftSchema = external_exports.object({
  baseline: external_exports.string().min(1).default("auto"),
  test: driftTestSchema.default("auto"),
  threshold: external_exports.number().positive().optional(),
  share: external_exports.number().min(0).max(1).default(0.5),
  severity: severitySchema.default("ERROR"),
  features: external_exports.record(external_exports.string(), featureDriftSchema).default({})
}).strict();
var validationSchema = external_exports.object({
  min_examples: positiveInt.default(10),
  fail_on: external_exports.enum(["error", "warning", "never"]).default("error"),
  drift: driftSchema.default(() => driftSchema.parse({}))
}).strict();
var modelSchema = external_exports.object({
  task: taskSchema.optional(),
  hidden: external_exports.array(positiveInt).max(8).default([64, 32]),
  dropout: external_exports.number().min(0).max(0.9).default(0.1),
  learning_rate: external_exports.number().positive().max(1).default(1e-3),
  epochs: positiveInt.max(1e4).default(30),
  batch_size: positiveInt.default(64),
  early_stopping: external_exports.object({ patience: positiveInt.default(3), min_delta: external_exports.number().min(0).default(0) }).strict().default({ patience: 3, min_delta: 0 }),
  seed: external_exports.number().int().default(42),
  backend: backendSchema.default("auto")
}).strict();
var tuningSchema = external_exports.object({
  search: external_exports.enum(["random", "grid"]).default("random"),
  trials: positiveInt.default(8),
  metric: external_exports.string().min(1),
  space: external_exports.record(external_exports.string(), external_exports.array(external_exports.union([external_exports.number(), external_exports.string()])).min(1))
}).strict();
var registrySchema = external_exports.object({
  stages: external_exports.array(tagNamePart).min(1).default(["staging", "production"]),
  ordered: external_exports.boolean().optional(),
  bump: external_exports.enum(["major", "minor", "patch"]).default("minor"),
  releases: external_exports.string().min(1).default(".mlops/releases")
}).strict();
var modelNameSchema = tagNamePart;
var configSchema = external_exports.object({
  name: modelNameSchema.optional(),
  data: dataSchema,
  schema: external_exports.string().min(1).default("mlops/schema.json"),
  // Function defaults: zod only shallow-copies a default value, so nested arrays and objects
  // (model.hidden, registry.stages, validation.drift) would be shared by every parsed config.
  validation: validationSchema.default(() => validationSchema.parse({})),
  model: modelSchema.default(() => modelSchema.parse({})),
  tuning: tuningSchema.optional(),
  gates: external_exports.array(gateSchema).default([]),
  registry: registrySchema.default(() => registrySchema.parse({}))
}).strict().superRefine((config, ctx) => {
  const tasks = config.model.task ? [config.model.task] : ["binary", "multiclass", "regression"];
  config.gates.forEach((gate, index) => {
    if (tasks.some((task) => isKnownMetric(gate.metric, task))) return;
    const known = [...new Set(tasks.flatMap(metricNames))].join(", ");
    const forTask = config.model.task ? ` for a ${config.model.task} model` : "";
    ctx.addIssue({
      code: "custom",
      path: ["gates", index, "metric"],
      message: `unknown metric "${gate.metric}"${forTask}; expected one of: ${known}`
    });
  });
  config.gates.forEach((gate, index) => {
    const by = gate.slice_gap?.by;
    if (by === void 0 || config.data.slices.includes(by)) return;
    ctx.addIssue({
      code: "custom",
      path: ["gates", index, "slice_gap", "by"],
      message: `"${by}" is not in data.slices; add it there so its slices are evaluated`
    });
  });
});

// src/steps/outputs.ts
var VALIDATION_FORMAT = "mlops-actions/validation/v1";
var EVALUATION_FORMAT = "mlops-actions/evaluation/v1";
var REGISTRATION_FORMAT = "mlops-actions/registration/v1";
var count = external_exports.number().int().min(0);
var sha256 = external_exports.string().regex(/^[0-9a-f]{64}$/, "expected a sha256 in hex");
var modelName = external_exports.string().refine((name) => nameProblem(name) === null, "expected a model name (see mlops.yml `name`)");
var metricSet = external_exports.record(external_exports.string(), external_exports.number());
var columnKind = external_exports.enum(["numeric", "categorical", "boolean", "date", "text", "empty"]);
var numericStats = external_exports.object({
  min: external_exports.number(),
  max: external_exports.number(),
  mean: external_exports.number(),
  std: external_exports.number(),
  zeros: count,
  nonFinite: count,
  integer: external_exports.boolean(),
  quantiles: external_exports.object({
    p01: external_exports.number(),
    p25: external_exports.number(),
    p50: external_exports.number(),
    p75: external_exports.number(),
    p99: external_exports.number()
  }),
  histogram: external_exports.object({ edges: external_exports.array(external_exports.number()), counts: external_exports.array(count) }),
  // For data/drift.ts, which also checks that edges ascend and counts fit them.
  driftHistogram: external_exports.object({
    edges: external_exports.array(external_exports.number()),
    counts: external_exports.array(count),
    belowDistance: external_exports.number().min(0),
    aboveDistance: external_exports.number().min(0)
  }).optional(),
  distinct: external_exports.array(external_exports.object({ value: external_exports.number(), count })).max(DISTINCT_LIMIT).optional()
});
var columnStats = external_exports.object({
  name: external_exports.string(),
  kind: columnKind,
  count,
  missing: count,
  invalid: external_exports.object({
    count,
    examples: external_exports.array(external_exports.string()),
    lines: external_exports.array(count).optional()
  }).optional(),
  numeric: numericStats.optional(),
  categorical: external_exports.object({
    unique: count,
    top: external_exports.array(external_exports.object({ value: external_exports.string(), count })),
    avgLength: external_exports.number(),
    approximate: external_exports.object({ countError: count }).optional()
  }).optional(),
  decimalComma: external_exports.boolean().optional(),
  outOfRange: external_exports.object({
    min: external_exports.number().optional(),
    max: external_exports.number().optional(),
    below: count,
    above: count,
    lines: external_exports.array(count).optional()
  }).optional(),
  outOfDomain: external_exports.object({
    count,
    top: external_exports.array(external_exports.object({ value: external_exports.string(), count })),
    lines: external_exports.array(count).optional()
  }).optional()
});
var datasetStats = external_exports.object({ rows: count, columns: external_exports.array(columnStats).max(MAX_COLUMNS) });
var dataSchema2 = external_exports.object({
  version: external_exports.literal(1),
  label: external_exports.string().optional(),
  features: external_exports.array(
    external_exports.object({
      name: external_exports.string(),
      kind: columnKind,
      minPresence: external_exports.number(),
      values: external_exports.array(external_exports.string()).optional(),
      integer: external_exports.boolean().optional(),
      min: external_exports.number().optional(),
      max: external_exports.number().optional()
    })
  ).max(MAX_COLUMNS)
});
var anomaly = external_exports.object({
  column: external_exports.string().nullable(),
  type: external_exports.string(),
  severity: external_exports.enum(["WARNING", "ERROR"]),
  description: external_exports.string()
});
var driftTest = external_exports.enum(["ks", "chisquare", "z", "wasserstein", "jensenshannon", "psi", "linf"]);
var driftReport = external_exports.object({
  features: external_exports.array(
    external_exports.object({
      feature: external_exports.string(),
      kind: columnKind,
      test: driftTest,
      measure: external_exports.enum(["p_value", "distance"]),
      value: external_exports.number(),
      threshold: external_exports.number(),
      drifted: external_exports.boolean(),
      severity: external_exports.enum(["WARNING", "ERROR"]),
      effect: external_exports.number().optional(),
      statistic: external_exports.number().optional(),
      valueRange: external_exports.tuple([external_exports.number(), external_exports.number()]).optional(),
      basis: external_exports.enum(["histogram", "values", "categories"]),
      referenceCount: count,
      currentCount: count
    })
  ).max(MAX_COLUMNS),
  skipped: external_exports.array(external_exports.object({ feature: external_exports.string(), reason: external_exports.string() })).max(MAX_COLUMNS),
  dataset: external_exports.object({
    features: count,
    driftedFeatures: count,
    share: external_exports.number(),
    driftShare: external_exports.number(),
    detected: external_exports.boolean()
  }),
  anomalies: external_exports.array(anomaly)
});
var validationSchema2 = external_exports.object({
  format: external_exports.literal(VALIDATION_FORMAT),
  source: external_exports.string(),
  dataHash: sha256,
  rows: count,
  unlabeled: external_exports.object({ count, lines: external_exports.array(count) }),
  rejected: external_exports.object({ count, file: external_exports.enum(["rejects.csv", "rejects.jsonl"]), lines: external_exports.array(count) }).nullable().optional(),
  statistics: datasetStats,
  schema: dataSchema2,
  schemaSource: external_exports.enum(["committed", "inferred"]),
  drift: external_exports.object({
    baseline: external_exports.object({ label: external_exports.string(), source: external_exports.enum(["registry", "bundle", "file"]) }),
    reference: datasetStats,
    report: driftReport
  }).nullable(),
  anomalies: external_exports.array(anomaly),
  passed: external_exports.boolean()
});
var evaluationResult = external_exports.object({
  task: taskSchema,
  count,
  overall: metricSet,
  slices: external_exports.array(
    external_exports.object({
      column: external_exports.string(),
      values: external_exports.array(external_exports.object({ value: external_exports.string(), count, metrics: metricSet })).max(MAX_SLICE_VALUES),
      omitted: external_exports.object({ values: count, count }).optional()
    })
  ).max(MAX_COLUMNS),
  confusionMatrix: external_exports.object({
    // The kept classes and, when some were left out, one more standing for them.
    classes: external_exports.array(external_exports.string()).max(CONFUSION_MAX_CLASSES + 1),
    matrix: external_exports.array(external_exports.array(count).max(CONFUSION_MAX_CLASSES + 1)).max(CONFUSION_MAX_CLASSES + 1),
    otherClasses: count.optional()
  }).optional(),
  threshold: external_exports.number().optional(),
  roc: external_exports.array(external_exports.object({ fpr: external_exports.number(), tpr: external_exports.number() })).optional(),
  calibration: external_exports.array(
    external_exports.object({
      lower: external_exports.number(),
      upper: external_exports.number(),
      count,
      meanScore: external_exports.number(),
      observedRate: external_exports.number()
    })
  ).optional()
});
var gateReport = external_exports.object({
  blessed: external_exports.boolean(),
  verdict: external_exports.enum(["BLESSED", "NOT_BLESSED"]),
  results: external_exports.array(
    external_exports.object({
      gate: gateSchema,
      criterion: external_exports.enum(["bounds", "change", "slice_gap"]),
      description: external_exports.string(),
      status: external_exports.enum(["pass", "fail", "skipped"]),
      actual: external_exports.number().optional(),
      expected: external_exports.string().optional(),
      baseline: external_exports.number().optional(),
      reason: external_exports.string().optional()
    })
  )
});
var metricComparison = external_exports.object({
  metric: external_exports.string(),
  current: external_exports.number(),
  baseline: external_exports.number().nullable(),
  delta: external_exports.number().nullable(),
  relativeDelta: external_exports.number().nullable(),
  better: external_exports.boolean().nullable()
});
var evaluationSchema = external_exports.object({
  format: external_exports.literal(EVALUATION_FORMAT),
  name: modelName,
  modelId: sha256,
  dataHash: sha256,
  evaluation: evaluationResult,
  positiveClass: external_exports.string().nullable(),
  unknownLabels: count,
  baseline: external_exports.object({
    version: external_exports.string(),
    tag: external_exports.string(),
    reason: external_exports.string(),
    source: external_exports.enum(["reevaluated", "tag-metadata"]),
    evaluation: evaluationResult,
    recorded: metricSet.optional()
  }).nullable(),
  comparison: external_exports.array(metricComparison),
  gates: gateReport,
  blessed: external_exports.boolean()
});
var registrationSchema = external_exports.object({
  format: external_exports.literal(REGISTRATION_FORMAT),
  name: modelName,
  version: external_exports.string().min(1),
  tag: external_exports.string().min(1),
  commit: external_exports.string().regex(/^[0-9a-f]{40,64}$/, "expected a commit SHA"),
  releaseUrl: external_exports.string().nullable(),
  existing: external_exports.boolean(),
  forced: tagMetadataSchema.shape.forced.unwrap().nullable()
});
var trainingSchema = external_exports.object({
  format: external_exports.literal(TRAINING_INFO_FORMAT),
  name: modelName,
  modelId: sha256,
  task: taskSchema,
  label: external_exports.string(),
  features: external_exports.array(external_exports.object({ column: external_exports.string(), kind: external_exports.string() })).max(MAX_COLUMNS),
  rows: external_exports.object({ train: count, validation: count, test: count, unlabeled: count }),
  backend: external_exports.string(),
  seed: external_exports.number().int(),
  epochs: external_exports.object({ run: count, best: count, stoppedEarly: external_exports.boolean() }),
  dataHash: sha256,
  split: external_exports.object({
    test: external_exports.number(),
    validation: external_exports.number(),
    seed: external_exports.number().int(),
    key: external_exports.string().optional()
  }),
  configHash: sha256,
  schemaHash: sha256.optional(),
  toolVersion: external_exports.string().optional()
});
var STEP_OUTPUTS = {
  validation: { id: VALIDATION_FORMAT, schema: validationSchema2 },
  evaluation: { id: EVALUATION_FORMAT, schema: evaluationSchema },
  registration: { id: REGISTRATION_FORMAT, schema: registrationSchema },
  training: { id: TRAINING_INFO_FORMAT, schema: trainingSchema }
};
function checkStepOutput(value, file, output, remedy) {
  if (!isPlainObject(value)) {
    throw new DataError(`${file}: expected a JSON object, found ${describe(value)}. ${remedy}`);
  }
  const found = value.format;
  if (found === void 0) {
    throw new DataError(
      `${file} has no "format" field, so it was written by an older mlops-actions (or by hand); this one reads format "${output.id}". ${remedy}`
    );
  }
  if (found !== output.id) {
    throw new DataError(
      `${file} is in format ${shown(found)}, but this mlops-actions reads "${output.id}": it was written by another version of mlops-actions, or is another file. ${remedy}`
    );
  }
  return checkShape(value, file, output.schema, remedy);
}
function checkStatistics(value, file, remedy) {
  return checkShape(value, file, datasetStats, remedy);
}
function checkShape(value, file, schema, remedy) {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [first, ...others] = result.error.issues;
  const more = others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? "s" : ""})` : "";
  throw new DataError(`${file}: ${first ? issueText(first, value) : "invalid"}${more}. ${remedy}`);
}
function issueText(issue, root) {
  const where = issue.path.length > 0 ? `${fieldPath(issue.path)}: ` : "";
  if (issue.code === "invalid_type") {
    const at = valueAt(root, issue.path);
    return `${where}expected ${withArticle(issue.expected)}, found ${at.found ? describe(at.value) : "nothing (the field is missing)"}`;
  }
  const inert = issue.message.replace(/^Invalid (input|option): /, "").replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return `${where}${inert.length > 200 ? `${inert.slice(0, 200)}\u2026` : inert}`;
}
function fieldPath(parts) {
  return parts.map((part, index) => {
    if (typeof part === "number") return `[${part}]`;
    const name = String(part);
    if (/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return index === 0 ? name : `.${name}`;
    return `[${shown(name)}]`;
  }).join("");
}
function valueAt(root, parts) {
  let current = root;
  for (const part of parts) {
    if (typeof current !== "object" || current === null) return { found: false };
    if (!Object.hasOwn(current, part)) return { found: false };
    current = current[part];
  }
  return { found: true, value: current };
}
function withArticle(expected) {
  return `${/^[aeiou]/.test(expected) ? "an" : "a"} ${expected}`;
}
function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return withArticle(typeof value);
}
function shown(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}\u2026` : text;
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/steps/context.ts
import path from "node:path";
function outputPaths(out) {
  return {
    validation: path.join(out, "validation.json"),
    schema: path.join(out, "schema.json"),
    model: path.join(out, "model"),
    evaluation: path.join(out, "evaluation.json"),
    report: path.join(out, "report.md"),
    registration: path.join(out, "registration.json"),
    /** A comment this run could not post, for a trusted workflow_run job to post. */
    pendingComment: path.join(out, "comment.json")
  };
}
async function removeStaleOutputs(ctx) {
  const paths = outputPaths(ctx.out);
  for (const file of [paths.evaluation, paths.registration, paths.report, paths.pendingComment]) {
    await ctx.deps.fs.remove(file);
  }
}
function resolveInput(ctx, file) {
  return path.resolve(ctx.baseDir, file);
}
async function readStepText(ctx, file, step) {
  if (!await ctx.deps.fs.exists(file)) {
    throw new UsageError(
      `${file} not found: run \`mlops ${step}\` first (or \`mlops run\` for the whole pipeline).`
    );
  }
  return ctx.deps.fs.readText(file);
}
async function readStepOutput(ctx, file, step, output) {
  const text = await readStepText(ctx, file, step);
  const remedy = `Run \`mlops ${step}\` again to rewrite it.`;
  return checkStepOutput(parseJson(text, file, remedy), file, output, remedy);
}
function writeJson(ctx, file, value) {
  return ctx.deps.fs.write(file, `${JSON.stringify(value, null, 2)}
`);
}

export {
  sortNumbers,
  DISTINCT_LIMIT,
  DRIFT_BINS,
  detectDrift,
  quantileEdges,
  binValues,
  edgesAtOrBelow,
  driftSummary,
  sortedDriftSummary,
  DEFAULT_NA_VALUES,
  missingMatcher,
  isAbsent,
  backendSchema,
  modelNameSchema,
  configSchema,
  evaluatePredictions,
  VALIDATION_FORMAT,
  EVALUATION_FORMAT,
  REGISTRATION_FORMAT,
  STEP_OUTPUTS,
  checkStepOutput,
  checkStatistics,
  outputPaths,
  removeStaleOutputs,
  resolveInput,
  readStepText,
  readStepOutput,
  writeJson
};
