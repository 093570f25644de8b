import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  excerpt
} from "./chunk-XU32KRXS.js";
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
var scratch = new Float64Array(0);
function countingSort(values, low, high) {
  const counts = new Uint32Array(high - low + 1);
  for (let i = 0; i < values.length; i++) {
    const slot = values[i] - low;
    counts[slot] = counts[slot] + 1;
  }
  let at = 0;
  for (let slot = 0; slot < counts.length; slot++) {
    const count = counts[slot];
    if (count > 0) values.fill(low + slot, at, at + count);
    at += count;
  }
  return values;
}
function sortNumbers(values) {
  const n = values.length;
  if (n < RADIX_MIN || !LITTLE_ENDIAN) return values.sort();
  let whole = true;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (value !== value) return values.sort();
    if (!whole) continue;
    if (!Number.isInteger(value) || value === 0 && 1 / value < 0) whole = false;
    else if (value < low) low = value;
    if (value > high) high = value;
  }
  if (whole && high - low < n) return countingSort(values, low, high);
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const counts = [0, 1, 2, 3].map(() => new Uint32Array(DIGITS));
  const [c0, c1, c2, c3] = counts;
  for (let i = 0; i < 2 * n; i += 2) {
    let low2 = words[i];
    let high2 = words[i + 1];
    if ((high2 & SIGN) === 0) {
      high2 = (high2 | SIGN) >>> 0;
    } else {
      low2 = ~low2 >>> 0;
      high2 = ~high2 >>> 0;
      words[i] = low2;
    }
    words[i + 1] = high2;
    c0[low2 & LOW] = c0[low2 & LOW] + 1;
    c1[low2 >>> 16] = c1[low2 >>> 16] + 1;
    c2[high2 & LOW] = c2[high2 & LOW] + 1;
    c3[high2 >>> 16] = c3[high2 >>> 16] + 1;
  }
  if (scratch.length < n) scratch = new Float64Array(n);
  let from = words;
  let to = new Uint32Array(scratch.buffer, 0, 2 * n);
  let fromValues = new Float64Array(values.buffer, values.byteOffset, n);
  let toValues = scratch.subarray(0, n);
  for (let pass = 0; pass < 4; pass++) {
    const count = counts[pass];
    let shared = false;
    let offset = 0;
    for (let digit = 0; digit < DIGITS; digit++) {
      const here = count[digit];
      if (here === n) shared = true;
      count[digit] = offset;
      offset += here;
    }
    if (shared) continue;
    const word = pass >> 1;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < n; i++) {
      const digit = from[2 * i + word] >>> shift & LOW;
      const at = count[digit];
      count[digit] = at + 1;
      toValues[at] = fromValues[i];
    }
    const swap = from;
    from = to;
    to = swap;
    const swapValues = fromValues;
    fromValues = toValues;
    toValues = swapValues;
  }
  if (from !== words) words.set(from);
  for (let i = 0; i < 2 * n; i += 2) {
    const high2 = words[i + 1];
    if ((high2 & SIGN) !== 0) {
      words[i + 1] = high2 & ~SIGN;
    } else {
      words[i] = ~words[i];
      words[i + 1] = ~high2;
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
    const count = counts.get(key);
    if (count !== void 0) counts.set(key, count + 1);
    else if (counts.size === limit) return void 0;
    else counts.set(key, 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value);
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
  ) && counts.every((count) => Number.isFinite(count) && count >= 0) && Number.isFinite(histogram.belowDistance) && histogram.belowDistance >= 0 && Number.isFinite(histogram.aboveDistance) && histogram.aboveDistance >= 0;
}
function validEntry(entry) {
  return Number.isFinite(entry.count) && entry.count >= 0;
}
function sameEdges(a, b) {
  return a.length === b.length && a.every((edge, i) => edge === b[i]);
}
function valueBuckets(reference, current) {
  const counts = /* @__PURE__ */ new Map();
  for (const { value, count } of reference)
    (counts.get(value) ?? newPair(counts, value))[0] += count;
  for (const { value, count } of current) (counts.get(value) ?? newPair(counts, value))[1] += count;
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
  for (const { value, count } of stats.top) counts.set(value, (counts.get(value) ?? 0) + count);
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
  return counts.map((count) => count / total);
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
  let fraction = d;
  for (let i = 1; i < 1e4; i++) {
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
  const shown = drifted.slice(0, NAMES_SHOWN).join(", ");
  const more = drifted.length > NAMES_SHOWN ? ` and ${drifted.length - NAMES_SHOWN} more` : "";
  return {
    column: null,
    type: DATASET_DRIFT_ANOMALY,
    severity,
    description: `${dataset.driftedFeatures} of ${dataset.features} tested features drifted (${percent(dataset.share)}), at or above the dataset drift share of ${percent(dataset.driftShare)}: ${shown}${more}. The data as a whole differs from the baseline: check the source (another population, a changed pipeline or filter) before training or evaluating on it.`
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

export {
  sortNumbers,
  DRIFT_TESTS,
  DISTINCT_LIMIT,
  DRIFT_BINS,
  detectDrift,
  quantileEdges,
  binValues,
  edgesAtOrBelow,
  driftSummary,
  sortedDriftSummary
};
