import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  external_exports
} from "./chunk-JKVQ4H3Q.js";
import {
  excerpt
} from "./chunk-XU32KRXS.js";
import {
  DataError
} from "./chunk-N5O7Y2C6.js";
import {
  formatNumber
} from "./chunk-NM5J5SUB.js";

// src/evaluate/metrics.ts
var DEFAULT_THRESHOLD = 0.5;
var LOG_LOSS_EPSILON = 1e-15;
var ROC_MAX_POINTS = 50;
var CALIBRATION_BINS = 10;
var CONFUSION_MAX_CLASSES = 50;
var OTHER_CLASSES = "(other)";
var METRICS = /* @__PURE__ */ new Map([
  ["accuracy", { tasks: ["binary", "multiclass"], direction: "higher" }],
  ["precision", { tasks: ["binary"], direction: "higher" }],
  ["recall", { tasks: ["binary"], direction: "higher" }],
  ["f1", { tasks: ["binary"], direction: "higher" }],
  ["auc", { tasks: ["binary"], direction: "higher" }],
  ["pr_auc", { tasks: ["binary"], direction: "higher" }],
  ["log_loss", { tasks: ["binary", "multiclass"], direction: "lower" }],
  ["brier", { tasks: ["binary"], direction: "lower" }],
  ["positive_rate", { tasks: ["binary"], direction: null }],
  ["macro_f1", { tasks: ["multiclass"], direction: "higher" }],
  ["weighted_f1", { tasks: ["multiclass"], direction: "higher" }],
  ["top_2_accuracy", { tasks: ["multiclass"], direction: "higher" }],
  ["rmse", { tasks: ["regression"], direction: "lower" }],
  ["mae", { tasks: ["regression"], direction: "lower" }],
  ["r2", { tasks: ["regression"], direction: "higher" }],
  ["mape", { tasks: ["regression"], direction: "lower" }],
  ["max_error", { tasks: ["regression"], direction: "lower" }]
]);
function metricDirection(name) {
  return METRICS.get(name)?.direction ?? null;
}
function isKnownMetric(name, task) {
  return METRICS.get(name)?.tasks.includes(task) ?? false;
}
function metricNames(task) {
  return [...METRICS].filter(([, info]) => info.tasks.includes(task)).map(([name]) => name);
}
function computeMetrics(p, options = {}) {
  checkPredictions(p);
  const metrics = p.task === "binary" ? binaryMetrics(p, options.threshold ?? DEFAULT_THRESHOLD) : p.task === "multiclass" ? multiclassMetrics(p) : regressionMetrics(p);
  return Object.fromEntries(Object.entries(metrics).filter(([, value]) => Number.isFinite(value)));
}
function confusionMatrix(p, threshold = DEFAULT_THRESHOLD, maxClasses = CONFUSION_MAX_CLASSES) {
  checkPredictions(p);
  const classes = classNames(p);
  const predicted = predictedClasses(p, threshold);
  const shown = mostFrequent(classCounts(p.labels, classes.length), maxClasses);
  const slot = new Int32Array(classes.length).fill(shown.length);
  shown.forEach((c, i) => slot[c] = i);
  const size = shown.length + (shown.length < classes.length ? 1 : 0);
  const matrix = countPairs(p.labels, predicted, slot, size);
  const names = shown.map((c) => excerpt(classes[c]));
  if (size === shown.length) return { classes: names, matrix };
  return {
    classes: [...names, OTHER_CLASSES],
    matrix,
    otherClasses: classes.length - shown.length
  };
}
function rocCurve(p, maxPoints = ROC_MAX_POINTS) {
  checkPredictions(p);
  const sweep = sweepThresholds(p.labels, p.scores);
  if (sweep.positives === 0 || sweep.negatives === 0) return void 0;
  const points = [
    { fpr: 0, tpr: 0 },
    ...sweep.steps.map(({ tp, fp }) => ({ fpr: fp / sweep.negatives, tpr: tp / sweep.positives }))
  ];
  return thin(points, maxPoints);
}
function calibrationBins(p, binCount = CALIBRATION_BINS) {
  checkPredictions(p);
  const bins = Array.from({ length: binCount }, () => ({ count: 0, scoreSum: 0, positives: 0 }));
  for (let i = 0; i < p.labels.length; i++) {
    const score = p.scores[i];
    const bin = bins[Math.min(Math.floor(score * binCount), binCount - 1)];
    bin.count += 1;
    bin.scoreSum += score;
    bin.positives += p.labels[i];
  }
  return bins.flatMap(
    (bin, index) => bin.count === 0 ? [] : [
      {
        lower: index / binCount,
        upper: (index + 1) / binCount,
        count: bin.count,
        meanScore: bin.scoreSum / bin.count,
        observedRate: bin.positives / bin.count
      }
    ]
  );
}
function classNames(p) {
  return p.task === "binary" ? [...p.classes ?? ["0", "1"]] : p.classes;
}
function predictedClasses(p, threshold) {
  return Int32Array.from(
    { length: p.labels.length },
    (_, i) => p.task === "binary" ? Number(p.scores[i] > threshold) : argmax(p.probabilities[i])
  );
}
function countPairs(labels, predicted, slot, size) {
  const matrix = Array.from({ length: size }, () => new Array(size).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const row = matrix[slot[labels[i]]];
    const column = slot[predicted[i]];
    row[column] = row[column] + 1;
  }
  return matrix;
}
function classCounts(indices, classCount) {
  const counts = new Float64Array(classCount);
  for (let i = 0; i < indices.length; i++) {
    const c = indices[i];
    counts[c] = counts[c] + 1;
  }
  return counts;
}
function mostFrequent(counts, limit) {
  const indices = Array.from(counts.keys());
  if (indices.length <= limit) return indices;
  return indices.sort((a, b) => counts[b] - counts[a] || a - b).slice(0, limit).sort((a, b) => a - b);
}
function binaryMetrics(p, threshold) {
  const n = p.labels.length;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let logLoss = 0;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const label = p.labels[i];
    const score = p.scores[i];
    const predictedPositive = score > threshold;
    if (predictedPositive && label === 1) tp++;
    else if (predictedPositive) fp++;
    else if (label === 1) fn++;
    const clipped = clip(score, LOG_LOSS_EPSILON, 1 - LOG_LOSS_EPSILON);
    logLoss -= label === 1 ? Math.log(clipped) : Math.log(1 - clipped);
    brier += (score - label) ** 2;
  }
  const tn = n - tp - fp - fn;
  const sweep = sweepThresholds(p.labels, p.scores);
  return withoutUndefined({
    accuracy: (tp + tn) / n,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
    auc: rocAuc(sweep),
    pr_auc: averagePrecision(sweep),
    log_loss: logLoss / n,
    brier: brier / n,
    positive_rate: (tp + fp) / n
  });
}
function sweepThresholds(labels, scores) {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort(
    (a, b) => scores[b] - scores[a]
  );
  const steps = [];
  let tp = 0;
  let fp = 0;
  order.forEach((index, k) => {
    if (labels[index] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === void 0 || scores[next] !== scores[index]) steps.push({ tp, fp });
  });
  return { positives: tp, negatives: fp, steps };
}
function rocAuc({ positives, negatives, steps }) {
  if (positives === 0 || negatives === 0) return void 0;
  let area = 0;
  let previous = { tp: 0, fp: 0 };
  for (const step of steps) {
    area += (step.fp - previous.fp) * (step.tp + previous.tp) / 2;
    previous = step;
  }
  return area / (positives * negatives);
}
function averagePrecision({ positives, steps }) {
  if (positives === 0) return void 0;
  let sum = 0;
  let previousTp = 0;
  for (const { tp, fp } of steps) {
    sum += (tp - previousTp) / positives * (tp / (tp + fp));
    previousTp = tp;
  }
  return sum;
}
function multiclassMetrics(p) {
  const n = p.labels.length;
  const classCount = p.classes.length;
  const predicted = predictedClasses(p, DEFAULT_THRESHOLD);
  const support = classCounts(p.labels, classCount);
  const predictedCount = classCounts(predicted, classCount);
  const truePositives = new Float64Array(classCount);
  for (let i = 0; i < n; i++) {
    const c = predicted[i];
    if (c === p.labels[i]) truePositives[c] = truePositives[c] + 1;
  }
  let topTwo = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    const label = p.labels[i];
    const row = p.probabilities[i];
    if (rankOf(row, label) < 2) topTwo++;
    logLoss -= Math.log(clip(row[label], LOG_LOSS_EPSILON, 1));
  }
  let correct = 0;
  let f1Sum = 0;
  let weightedF1Sum = 0;
  let classesSeen = 0;
  for (let c = 0; c < classCount; c++) {
    const tp = truePositives[c];
    const labelled = support[c];
    const occurrences = labelled + predictedCount[c];
    correct += tp;
    if (occurrences === 0) continue;
    const f1 = 2 * tp / occurrences;
    classesSeen++;
    f1Sum += f1;
    weightedF1Sum += labelled * f1;
  }
  return withoutUndefined({
    accuracy: correct / n,
    macro_f1: f1Sum / classesSeen,
    weighted_f1: weightedF1Sum / n,
    log_loss: logLoss / n,
    // With two classes top-2 accuracy is always 1, so it says nothing.
    top_2_accuracy: classCount > 2 ? topTwo / n : void 0
  });
}
function argmax(row) {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
  return best;
}
function rankOf(row, c) {
  const value = row[c];
  let rank = 0;
  for (let j = 0; j < row.length; j++) {
    const other = row[j];
    if (other > value || other === value && j < c) rank++;
  }
  return rank;
}
function regressionMetrics(p) {
  const n = p.labels.length;
  let squared = 0;
  let absolute = 0;
  let maxError = 0;
  let labelSum = 0;
  let percentSum = 0;
  let percentCount = 0;
  for (let i = 0; i < n; i++) {
    const label = p.labels[i];
    const error = Math.abs(p.values[i] - label);
    squared += error ** 2;
    absolute += error;
    maxError = Math.max(maxError, error);
    labelSum += label;
    if (label !== 0) {
      percentSum += error / Math.abs(label);
      percentCount++;
    }
  }
  const mean = labelSum / n;
  let totalSquares = 0;
  for (let i = 0; i < n; i++) totalSquares += (p.labels[i] - mean) ** 2;
  return withoutUndefined({
    rmse: Math.sqrt(squared / n),
    mae: absolute / n,
    r2: totalSquares === 0 ? void 0 : 1 - squared / totalSquares,
    mape: ratio(percentSum, percentCount),
    max_error: maxError
  });
}
function checkPredictions(p) {
  const n = p.labels.length;
  if (n === 0) {
    throw new DataError(
      "No examples to evaluate: the evaluation set is empty. Check data.split.test and that the data has rows."
    );
  }
  const predictions = p.task === "binary" ? p.scores : p.task === "multiclass" ? p.probabilities : p.values;
  if (predictions.length !== n) {
    throw new DataError(
      `Got ${n} labels but ${predictions.length} predictions; each example needs exactly one prediction.`
    );
  }
  for (let i = 0; i < n; i++) {
    const label = p.labels[i];
    if (p.task === "binary") {
      if (label !== 0 && label !== 1) fail(i, `label must be 0 or 1, got ${label}`);
      checkProbability(p.scores[i], i, "score");
    } else if (p.task === "multiclass") {
      checkMulticlassExample(p, i, label);
    } else {
      if (!Number.isFinite(label)) fail(i, `label must be a finite number, got ${label}`);
      const value = p.values[i];
      if (!Number.isFinite(value)) fail(i, `prediction must be a finite number, got ${value}`);
    }
  }
}
function checkMulticlassExample(p, i, label) {
  const classCount = p.classes.length;
  if (classCount < 2) {
    throw new DataError(`A multiclass evaluation needs at least 2 classes, got ${classCount}.`);
  }
  if (!Number.isInteger(label) || label < 0 || label >= classCount) {
    fail(i, `label must be a class index from 0 to ${classCount - 1}, got ${label}`);
  }
  const row = p.probabilities[i];
  if (row.length !== classCount) {
    fail(i, `expected ${classCount} class probabilities, got ${row.length}`);
  }
  for (let j = 0; j < classCount; j++) checkProbability(row[j], i, "probability");
}
function checkProbability(value, i, what) {
  if (!(value >= 0 && value <= 1)) {
    fail(i, `${what} must be a probability in [0, 1], got ${value} (apply a sigmoid or softmax)`);
  }
}
function fail(index, problem) {
  throw new DataError(`Cannot evaluate example ${index}: ${problem}.`);
}
function thin(points, maxPoints) {
  if (points.length <= maxPoints) return points;
  return Array.from(
    { length: maxPoints },
    (_, k) => points[Math.round(k * (points.length - 1) / (maxPoints - 1))]
  );
}
function withoutUndefined(metrics) {
  return Object.fromEntries(
    Object.entries(metrics).filter((entry) => entry[1] !== void 0)
  );
}
function ratio(numerator, denominator) {
  return denominator === 0 ? void 0 : numerator / denominator;
}
function clip(value, low, high) {
  return Math.min(Math.max(value, low), high);
}

// src/evaluate/gates.ts
var DEFAULT_SLICE_GAP_MIN_COUNT = 30;
var TOLERANCE = 1e-9;
var GATE_DIGITS = 6;
var changeSchema = external_exports.strictObject({
  absolute: external_exports.number().optional(),
  relative: external_exports.number().optional()
}).refine((change) => change.absolute !== void 0 || change.relative !== void 0, {
  message: "change needs absolute and/or relative (e.g. { absolute: -0.005 })"
});
var sliceGapSchema = external_exports.strictObject({
  by: external_exports.string().min(1, "slice_gap.by names the slice column, e.g. sex"),
  max: external_exports.number().nonnegative("slice_gap.max is the largest allowed gap, 0 or more"),
  min_count: external_exports.number().int().positive().optional()
});
var gateSchema = external_exports.strictObject({
  metric: external_exports.string().min(1, "metric names the metric to check, e.g. auc"),
  lower_bound: external_exports.number().optional(),
  upper_bound: external_exports.number().optional(),
  change: changeSchema.optional(),
  /** Overrides the metric's own direction for `change`; needed for positive_rate. */
  direction: external_exports.enum(["higher", "lower"]).optional(),
  slice_gap: sliceGapSchema.optional()
}).superRefine((gate, ctx) => {
  const criteria = [gate.lower_bound, gate.upper_bound, gate.change, gate.slice_gap];
  if (criteria.every((criterion) => criterion === void 0)) {
    ctx.addIssue({
      code: "custom",
      path: ["metric"],
      message: `the gate on ${gate.metric} checks nothing: add lower_bound, upper_bound, change or slice_gap`
    });
  }
  if (gate.lower_bound !== void 0 && gate.upper_bound !== void 0 && gate.lower_bound > gate.upper_bound) {
    ctx.addIssue({
      code: "custom",
      path: ["lower_bound"],
      message: `lower_bound ${gate.lower_bound} is above upper_bound ${gate.upper_bound}`
    });
  }
  if (gate.direction !== void 0 && gate.change === void 0) {
    ctx.addIssue({
      code: "custom",
      path: ["direction"],
      message: "direction only applies to a change criterion; remove it or add change"
    });
  }
});
function evaluateGates(gates, current, baseline) {
  const results = gates.flatMap((gate) => checkGate(gate, current, baseline ?? null));
  const blessed = results.every((result) => result.status !== "fail");
  return { blessed, verdict: blessed ? "BLESSED" : "NOT_BLESSED", results };
}
function compareToBaseline(current, baseline) {
  const comparable = baseline?.task === current.task ? baseline : null;
  return Object.entries(current.overall).map(([metric, value]) => {
    const base = comparable?.overall[metric];
    if (base === void 0) {
      return {
        metric,
        current: value,
        baseline: null,
        delta: null,
        relativeDelta: null,
        better: null
      };
    }
    const delta = value - base;
    const direction = metricDirection(metric);
    return {
      metric,
      current: value,
      baseline: base,
      delta,
      relativeDelta: base === 0 ? null : delta / Math.abs(base),
      better: direction === null || Math.abs(delta) <= TOLERANCE ? null : direction === "higher" === delta > 0
    };
  });
}
function checkGate(gate, current, baseline) {
  const results = [];
  if (gate.lower_bound !== void 0 || gate.upper_bound !== void 0) {
    results.push(checkBounds(gate, current));
  }
  if (gate.change) results.push(checkChange(gate, gate.change, current, baseline));
  if (gate.slice_gap) results.push(checkSliceGap(gate, gate.slice_gap, current));
  return results;
}
function checkBounds(gate, current) {
  const { metric, lower_bound: lower, upper_bound: upper } = gate;
  const expected = lower !== void 0 && upper !== void 0 ? `between ${lower} and ${upper}` : lower !== void 0 ? `\u2265 ${lower}` : `\u2264 ${upper}`;
  const description = lower !== void 0 && upper !== void 0 ? `${lower} \u2264 ${metric} \u2264 ${upper}` : `${metric} ${expected}`;
  const base = { gate, criterion: "bounds", description, expected };
  const missing = missingMetric(metric, current);
  if (missing) return { ...base, status: "fail", reason: missing };
  const actual = current.overall[metric];
  const pass = (lower === void 0 || actual >= lower - TOLERANCE) && (upper === void 0 || actual <= upper + TOLERANCE);
  return { ...base, status: pass ? "pass" : "fail", actual };
}
function checkChange(gate, change, current, baseline) {
  const { metric } = gate;
  const direction = gate.direction ?? metricDirection(metric);
  const base = {
    gate,
    criterion: "change",
    description: describeChange(metric, change, direction ?? "higher")
  };
  const missing = missingMetric(metric, current);
  if (missing) return { ...base, status: "fail", reason: missing };
  if (direction === null) {
    return {
      ...base,
      status: "fail",
      reason: `${metric} has no better direction; set direction: higher or lower on the gate`
    };
  }
  if (!baseline) return { ...base, status: "skipped", reason: "no baseline model yet" };
  if (baseline.task !== current.task) {
    return { ...base, status: "skipped", reason: `the baseline is a ${baseline.task} model` };
  }
  const baselineValue = baseline.overall[metric];
  if (baselineValue === void 0) {
    return { ...base, status: "skipped", reason: `the baseline has no ${metric} value` };
  }
  const actual = current.overall[metric];
  const relativeShift = change.relative === void 0 ? void 0 : change.relative * Math.abs(baselineValue);
  const allowed = [change.absolute, relativeShift].filter((shift) => shift !== void 0).map((shift) => baselineValue + shift);
  const bound = direction === "higher" ? Math.max(...allowed) : Math.min(...allowed);
  const pass = direction === "higher" ? actual >= bound - TOLERANCE : actual <= bound + TOLERANCE;
  return {
    ...base,
    status: pass ? "pass" : "fail",
    actual,
    baseline: baselineValue,
    expected: `${direction === "higher" ? "\u2265" : "\u2264"} ${formatValue(bound)}`,
    reason: `${formatSigned(actual - baselineValue)} from baseline ${formatValue(baselineValue)}`
  };
}
function checkSliceGap(gate, gap, current) {
  const { metric } = gate;
  const minCount = gap.min_count ?? DEFAULT_SLICE_GAP_MIN_COUNT;
  const base = {
    gate,
    criterion: "slice_gap",
    description: `${metric} gap across ${gap.by} \u2264 ${gap.max}`,
    expected: `\u2264 ${gap.max}`
  };
  if (!isKnownMetric(metric, current.task)) {
    return { ...base, status: "fail", reason: unknownMetricReason(metric, current) };
  }
  const column = current.slices.find((slice) => slice.column === gap.by);
  if (!column) {
    return {
      ...base,
      status: "fail",
      reason: `no slices by ${gap.by} were evaluated; add ${gap.by} to data.slices`
    };
  }
  const measured = column.values.flatMap(({ value, count, metrics }) => {
    const score = metrics[metric];
    return count >= minCount && score !== void 0 ? [{ value, score }] : [];
  });
  const leftOut = column.values.length - measured.length;
  const omitted = column.omitted?.values ?? 0;
  const leftOutNote = [
    leftOut ? `; ${leftOut} value(s) left out (under ${minCount} examples or no ${metric})` : "",
    omitted ? `; ${omitted} value(s) with the fewest examples not evaluated` : ""
  ].join("");
  if (measured.length < 2) {
    return {
      ...base,
      status: "skipped",
      reason: `fewer than 2 values of ${gap.by} to compare${leftOutNote}`
    };
  }
  const sorted = measured.sort((a, b) => a.score - b.score);
  const lowest = sorted[0];
  const highest = sorted[sorted.length - 1];
  const actual = highest.score - lowest.score;
  return {
    ...base,
    status: actual <= gap.max + TOLERANCE ? "pass" : "fail",
    actual,
    reason: `${metric} ranges from ${formatValue(lowest.score)} (${lowest.value}) to ${formatValue(highest.score)} (${highest.value})${leftOutNote}`
  };
}
function missingMetric(metric, current) {
  if (!isKnownMetric(metric, current.task)) return unknownMetricReason(metric, current);
  if (current.overall[metric] === void 0) {
    return `${metric} is undefined on this evaluation data (for example, only one class occurs)`;
  }
  return void 0;
}
function unknownMetricReason(metric, current) {
  return `${metric} is not a ${current.task} metric; use one of ${metricNames(current.task).join(", ")}`;
}
function describeChange(metric, change, direction) {
  const parts = [];
  if (change.absolute !== void 0) parts.push(`baseline ${formatShift(change.absolute)}`);
  if (change.relative !== void 0) {
    parts.push(`baseline ${formatShift(change.relative * 100)}%`);
  }
  const op = direction === "higher" ? "\u2265" : "\u2264";
  return `${metric} ${op} ${parts.join(` and ${op} `)}`;
}
function formatShift(shift) {
  return `${shift < 0 ? "\u2212" : "+"} ${formatValue(Math.abs(shift))}`;
}
function formatSigned(value) {
  return `${value < 0 ? "\u2212" : "+"}${formatValue(Math.abs(value))}`;
}
function formatValue(value) {
  return formatNumber(value, GATE_DIGITS);
}

export {
  DEFAULT_THRESHOLD,
  CONFUSION_MAX_CLASSES,
  metricDirection,
  isKnownMetric,
  metricNames,
  computeMetrics,
  confusionMatrix,
  rocCurve,
  calibrationBins,
  GATE_DIGITS,
  gateSchema,
  evaluateGates,
  compareToBaseline
};
