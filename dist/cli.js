// src/cli/main.ts
import path13 from "node:path";
import { Command, CommanderError, Option } from "commander";

// src/config/schema.ts
import { z as z2 } from "zod";

// src/evaluate/gates.ts
import { z } from "zod";

// src/errors.ts
var MlopsError = class extends Error {
  exitCode = 2;
  constructor(message) {
    super(message);
    this.name = new.target.name;
  }
};
var UsageError = class extends MlopsError {
};
var ConfigError = class extends MlopsError {
};
var DataError = class extends MlopsError {
};
var RegistryConflict = class extends MlopsError {
};
var CheckFailure = class extends MlopsError {
  exitCode = 1;
};

// src/evaluate/metrics.ts
var DEFAULT_THRESHOLD = 0.5;
var LOG_LOSS_EPSILON = 1e-15;
var ROC_MAX_POINTS = 50;
var CALIBRATION_BINS = 10;
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
  switch (p.task) {
    case "binary":
      return binaryMetrics(p, options.threshold ?? DEFAULT_THRESHOLD);
    case "multiclass":
      return multiclassMetrics(p);
    case "regression":
      return regressionMetrics(p);
  }
}
function confusionMatrix(p, threshold = DEFAULT_THRESHOLD) {
  checkPredictions(p);
  return countConfusion(p, threshold);
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
function countConfusion(p, threshold) {
  const classes = p.task === "binary" ? [...p.classes ?? ["0", "1"]] : p.classes;
  const matrix = classes.map(() => classes.map(() => 0));
  for (let i = 0; i < p.labels.length; i++) {
    const predicted = p.task === "binary" ? Number(p.scores[i] > threshold) : argmax(p.probabilities[i]);
    const row = matrix[p.labels[i]];
    row[predicted] = row[predicted] + 1;
  }
  return { classes, matrix };
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
  let sum2 = 0;
  let previousTp = 0;
  for (const { tp, fp } of steps) {
    sum2 += (tp - previousTp) / positives * (tp / (tp + fp));
    previousTp = tp;
  }
  return sum2;
}
function multiclassMetrics(p) {
  const n = p.labels.length;
  const classCount = p.classes.length;
  const { matrix } = countConfusion(p, DEFAULT_THRESHOLD);
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
    const tp = matrix[c][c];
    const support = sum(matrix[c]);
    const predicted = sum(matrix.map((row) => row[c]));
    correct += tp;
    if (support + predicted === 0) continue;
    const f1 = 2 * tp / (support + predicted);
    classesSeen++;
    f1Sum += f1;
    weightedF1Sum += support * f1;
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
function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}

// src/evaluate/gates.ts
var DEFAULT_SLICE_GAP_MIN_COUNT = 30;
var TOLERANCE = 1e-9;
var changeSchema = z.strictObject({
  absolute: z.number().optional(),
  relative: z.number().optional()
}).refine((change) => change.absolute !== void 0 || change.relative !== void 0, {
  message: "change needs absolute and/or relative (e.g. { absolute: -0.005 })"
});
var sliceGapSchema = z.strictObject({
  by: z.string().min(1, "slice_gap.by names the slice column, e.g. sex"),
  max: z.number().nonnegative("slice_gap.max is the largest allowed gap, 0 or more"),
  min_count: z.number().int().positive().optional()
});
var gateSchema = z.strictObject({
  metric: z.string().min(1, "metric names the metric to check, e.g. auc"),
  lower_bound: z.number().optional(),
  upper_bound: z.number().optional(),
  change: changeSchema.optional(),
  /** Overrides the metric's own direction for `change`; needed for positive_rate. */
  direction: z.enum(["higher", "lower"]).optional(),
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
  const leftOutNote = leftOut ? `; ${leftOut} value(s) left out (under ${minCount} examples or no ${metric})` : "";
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
  return String(Number(value.toPrecision(6)));
}

// src/config/schema.ts
var NAME_PATTERN = /^[a-z0-9]([a-z0-9/-]*[a-z0-9])?$/;
var fraction = z2.number().min(0).max(0.9);
var positiveInt = z2.number().int().positive();
var taskSchema = z2.enum(["binary", "multiclass", "regression"]);
var backendSchema = z2.enum(["auto", "tensorflow", "wasm", "cpu"]);
var splitSchema = z2.object({
  test: fraction.default(0.2),
  validation: fraction.default(0.1),
  seed: z2.number().int().default(42),
  key: z2.string().min(1).optional()
}).strict().refine((s) => s.test + s.validation < 1, {
  message: "test + validation must leave rows for training (sum below 1)",
  path: ["test"]
});
var dataSchema = z2.object({
  train: z2.string().min(1),
  label: z2.string().min(1),
  format: z2.enum(["csv", "jsonl"]).optional(),
  ignore: z2.array(z2.string()).default([]),
  split: splitSchema.default({ test: 0.2, validation: 0.1, seed: 42 }),
  slices: z2.array(z2.string()).default([])
}).strict();
var driftSchema = z2.object({
  test: z2.enum(["auto", "ks", "chisquare", "wasserstein", "jensenshannon", "psi"]).default("auto"),
  threshold: z2.number().positive().default(0.1),
  share: z2.number().min(0).max(1).default(0.5)
}).strict();
var validationSchema = z2.object({
  min_examples: positiveInt.default(10),
  fail_on: z2.enum(["error", "warning", "never"]).default("error"),
  drift: driftSchema.default({ test: "auto", threshold: 0.1, share: 0.5 })
}).strict();
var modelSchema = z2.object({
  task: taskSchema.optional(),
  hidden: z2.array(positiveInt).max(8).default([64, 32]),
  dropout: z2.number().min(0).max(0.9).default(0.1),
  learning_rate: z2.number().positive().max(1).default(1e-3),
  epochs: positiveInt.max(1e4).default(30),
  batch_size: positiveInt.default(64),
  early_stopping: z2.object({ patience: positiveInt.default(3), min_delta: z2.number().min(0).default(0) }).strict().default({ patience: 3, min_delta: 0 }),
  seed: z2.number().int().default(42),
  backend: backendSchema.default("auto")
}).strict();
var tuningSchema = z2.object({
  search: z2.enum(["random", "grid"]).default("random"),
  trials: positiveInt.default(8),
  metric: z2.string().min(1),
  space: z2.record(z2.string(), z2.array(z2.union([z2.number(), z2.string()])).min(1))
}).strict();
var registrySchema = z2.object({
  stages: z2.array(z2.string().regex(NAME_PATTERN)).min(1).default(["staging", "production"]),
  ordered: z2.boolean().default(true),
  bump: z2.enum(["major", "minor", "patch"]).default("minor"),
  releases: z2.string().min(1).default(".mlops/releases")
}).strict();
var configSchema = z2.object({
  name: z2.string().regex(
    NAME_PATTERN,
    'use lower-case letters, digits, "-" and "/" (like "income" or "churn-v2")'
  ).optional(),
  data: dataSchema,
  schema: z2.string().min(1).default("mlops/schema.json"),
  // Function defaults: zod only shallow-copies a default value, so nested arrays and objects
  // (model.hidden, registry.stages, validation.drift) would be shared by every parsed config.
  validation: validationSchema.default(() => validationSchema.parse({})),
  model: modelSchema.default(() => modelSchema.parse({})),
  tuning: tuningSchema.optional(),
  gates: z2.array(gateSchema).default([]),
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
});

// src/adapters/fs.ts
import { createReadStream } from "node:fs";
import { access, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
var nodeFileSystem = {
  async *stream(file) {
    await mustExist(file);
    yield* createReadStream(file, { highWaterMark: 1 << 16 });
  },
  async readText(file) {
    await mustExist(file);
    return readFile(file, "utf8");
  },
  async readBytes(file) {
    await mustExist(file);
    return new Uint8Array(await readFile(file));
  },
  async write(file, data) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
  },
  remove: (file) => rm(file, { recursive: true, force: true }),
  exists: (file) => access(file).then(
    () => true,
    () => false
  )
};
async function mustExist(file) {
  if (!await nodeFileSystem.exists(file)) {
    throw new DataError(
      `${file}: file not found. Check the path (relative paths start at the config file's folder).`
    );
  }
}

// src/adapters/log.ts
function createConsoleLogger(options = {}) {
  const sink = options.write ?? ((text) => process.stderr.write(text));
  const write = (line) => {
    if (!options.quiet) sink(`${line}
`);
  };
  return {
    info: write,
    warn: (message) => write(`warning: ${message}`),
    async group(name, fn) {
      write(`\u25B8 ${name}`);
      return fn();
    }
  };
}

// src/actions/setup.ts
import path2 from "node:path";

// src/config/load.ts
import { LineCounter, isMap, isScalar, parseDocument } from "yaml";
import { z as z3 } from "zod";

// src/util/text.ts
function firstLine(text) {
  return text.split("\n")[0] ?? text;
}
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

// src/config/load.ts
function parseConfig(text, source) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const pos = syntaxError.linePos?.[0];
    const where = pos ? `${source}:${pos.line}:${pos.col}` : source;
    throw new ConfigError(`${where}: invalid YAML: ${firstLine(syntaxError.message)}`);
  }
  const raw = doc.toJS() ?? {};
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const messages = result.error.issues.map((issue) => {
    const { node, field } = locateIssue(doc, issue);
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : void 0;
    const where = pos ? `${source}:${pos.line}:${pos.col}` : source;
    return `${where}: ${field || "(top level)"}: ${describeIssue(issue, raw)}`;
  });
  throw new ConfigError(
    `${source} is not a valid mlops config:
  ${messages.join("\n  ")}
See the config reference in README.md.`
  );
}
function configFromFlags(flags) {
  const input = { data: { train: flags.data, label: flags.label } };
  if (flags.name) input.name = flags.name;
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const flag = issue?.path[0] === "name" ? "--name" : "--data/--label";
    throw new ConfigError(`${flag}: ${issue?.message ?? "invalid value"}`);
  }
  return result.data;
}
function applyOverrides(config, overrides) {
  const next = structuredClone(config);
  if (overrides.data) next.data.train = overrides.data;
  if (overrides.label) next.data.label = overrides.label;
  if (overrides.name) next.name = overrides.name;
  if (overrides.backend) next.model.backend = overrides.backend;
  if (overrides.seed !== void 0) {
    next.model.seed = overrides.seed;
    next.data.split.seed = overrides.seed;
  }
  return next;
}
function locateIssue(doc, issue) {
  const path14 = issue.path.filter((p) => typeof p !== "symbol");
  if (issue.code === "unrecognized_keys") {
    const parent = doc.getIn(path14, true);
    const key = issue.keys[0] ?? "";
    const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === key) : void 0;
    return {
      node: pair?.key ?? parent,
      field: dotted([...path14, key])
    };
  }
  return { node: nearestNode(doc, path14), field: dotted(path14) };
}
function nearestNode(doc, path14) {
  for (let depth = path14.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(path14.slice(0, depth), true);
    if (node && typeof node === "object" && "range" in node) return node;
  }
  return void 0;
}
function describeIssue(issue, raw) {
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeys(issue.path);
    return `unknown field${allowed.length ? `; expected one of: ${allowed.join(", ")}` : ""}`;
  }
  if (issue.code === "invalid_type") {
    const value = valueAt(raw, issue.path);
    if (value === void 0) return `is required (expected ${issue.expected})`;
    return `expected ${issue.expected}, got ${JSON.stringify(value)}`;
  }
  if (issue.code === "invalid_value") {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${JSON.stringify(valueAt(raw, issue.path))}`;
  }
  return issue.message;
}
function allowedKeys(path14) {
  let schema = configSchema;
  for (const segment of [...path14, null]) {
    schema = unwrap(schema);
    if (segment === null) break;
    if (schema instanceof z3.ZodObject) schema = schema.shape[segment] ?? schema;
    else if (schema instanceof z3.ZodArray) schema = schema.element;
    else return [];
  }
  return schema instanceof z3.ZodObject ? Object.keys(schema.shape) : [];
}
function unwrap(schema) {
  let current = schema;
  while (current instanceof z3.ZodDefault || current instanceof z3.ZodOptional || current instanceof z3.ZodPipe) {
    current = current instanceof z3.ZodPipe ? current.in : current.unwrap();
  }
  return current;
}
function valueAt(raw, path14) {
  let value = raw;
  for (const segment of path14) {
    if (value === null || typeof value !== "object") return void 0;
    value = value[segment];
  }
  return value;
}
function dotted(path14) {
  return path14.map((p, i) => typeof p === "number" ? `[${p}]` : i ? `.${p}` : p).join("");
}

// src/actions/setup.ts
var DEFAULT_CONFIG = "mlops.yml";
async function resolveConfig(request, fs) {
  const { cwd, overrides } = request;
  const configPath = path2.resolve(cwd, request.config || DEFAULT_CONFIG);
  const hasFile = await fs.exists(configPath);
  if (request.config && !hasFile)
    throw new UsageError(`config: ${request.config} not found (looked in ${cwd}).`);
  const envBackend = backendSchema.safeParse(request.env.MLOPS_BACKEND);
  const effective = {
    ...envBackend.success ? { backend: envBackend.data } : {},
    ...overrides,
    ...overrides.data ? { data: path2.resolve(cwd, overrides.data) } : {}
  };
  if (hasFile) {
    const text = await fs.readText(configPath);
    const config = parseConfig(text, path2.relative(cwd, configPath) || configPath);
    return { config: applyOverrides(config, effective), baseDir: path2.dirname(configPath) };
  }
  if (overrides.data && overrides.label) {
    const config = configFromFlags({ data: overrides.data, label: overrides.label });
    return { config: applyOverrides(config, effective), baseDir: cwd };
  }
  if (request.needsData === false) {
    return { config: configFromFlags({ data: "(none)", label: "(none)" }), baseDir: cwd };
  }
  throw new UsageError(
    `no ${DEFAULT_CONFIG} in ${cwd}: give a config file, or both data and label.`
  );
}

// src/data/missing.ts
var MISSING_TOKENS = /* @__PURE__ */ new Set(["", "na", "n/a", "nan", "null", "none", "?"]);
var TOKENS_BY_LENGTH = [];
for (const token of MISSING_TOKENS) (TOKENS_BY_LENGTH[token.length] ??= []).push(token);
function isMissing(value) {
  if (typeof value === "string") return isMissingText(value);
  if (value === null || value === void 0) return true;
  if (typeof value === "number") return Number.isNaN(value);
  return false;
}
function isMissingText(text) {
  const length = text.length;
  if (length === 0) return true;
  if (mayBeTrimmed(text.charCodeAt(0)) || mayBeTrimmed(text.charCodeAt(length - 1))) {
    return MISSING_TOKENS.has(text.trim().toLowerCase());
  }
  if (length >= TOKENS_BY_LENGTH.length) return false;
  const candidates = TOKENS_BY_LENGTH[length];
  if (candidates === void 0) return false;
  for (const token of candidates) if (equalsLowerCaseToken(text, token)) return true;
  return false;
}
function mayBeTrimmed(code2) {
  if (code2 < 128) return code2 <= 32;
  return code2 === 160 || code2 === 5760 || code2 >= 8192 && code2 <= 8202 || code2 === 8232 || code2 === 8233 || code2 === 8239 || code2 === 8287 || code2 === 12288 || code2 === 65279;
}
function equalsLowerCaseToken(text, token) {
  for (let i = 0; i < token.length; i++) {
    const code2 = text.charCodeAt(i);
    const expected = token.charCodeAt(i);
    if (code2 === expected) continue;
    const isLetter = expected >= 97 && expected <= 122;
    if (!isLetter || code2 !== expected - 32) return false;
  }
  return true;
}

// src/evaluate/slices.ts
var MISSING_SLICE_VALUE = "(missing)";
function evaluateSlices(p, columns, options = {}) {
  const minCount = options.minCount ?? 1;
  return columns.map((column) => {
    if (column.values.length !== p.labels.length) {
      throw new DataError(
        `Slice column "${column.name}" has ${column.values.length} values but there are ${p.labels.length} examples; slice columns must come from the evaluated rows.`
      );
    }
    const groups = /* @__PURE__ */ new Map();
    column.values.forEach((value, index) => {
      const key = value ?? MISSING_SLICE_VALUE;
      const group = groups.get(key);
      if (group) group.push(index);
      else groups.set(key, [index]);
    });
    const values = [...groups].filter(([, indices]) => indices.length >= minCount).sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : a > b ? 1 : 0)).map(([value, indices]) => ({
      value,
      count: indices.length,
      metrics: computeMetrics(selectExamples(p, indices), options)
    }));
    return { column: column.name, values };
  });
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

// src/model/backend.ts
import * as tf from "@tensorflow/tfjs-core";
import { version_cpu } from "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
var chosen;
function selectBackend(preferred, options) {
  chosen ??= activate(preferred, options);
  return chosen;
}
async function activate(preferred, options) {
  const order = preferred === "auto" ? ["tensorflow", "wasm", "cpu"] : [preferred];
  const skipped = [];
  for (const name of order) {
    const reason = await tryBackend(name, options);
    if (reason === null) return { name, version: version_cpu, skipped };
    skipped.push({ name, reason });
  }
  const detail = skipped.map((s) => `${s.name}: ${s.reason}`).join("; ");
  throw new ConfigError(
    `model.backend: the "${preferred}" backend is not available here (${detail}). Use backend "auto" to fall back to wasm or cpu.`
  );
}
async function tryBackend(name, options) {
  try {
    if (name === "tensorflow") {
      if (!options.loadNative) return "@tensorflow/tfjs-node cannot be loaded here";
      try {
        await options.loadNative();
      } catch (error) {
        const code2 = error.code;
        if (code2 === "ERR_MODULE_NOT_FOUND" || code2 === "MODULE_NOT_FOUND") {
          return "not installed (npm install @tensorflow/tfjs-node for native speed)";
        }
        throw error;
      }
    }
    if (name === "wasm") {
      if (!options.wasmDir) return "the .wasm files were not found";
      setWasmPaths(options.wasmDir.endsWith("/") ? options.wasmDir : `${options.wasmDir}/`);
    }
    const ok = await quietly(() => tf.setBackend(name));
    return ok ? null : "it failed to initialise";
  } catch (error) {
    return firstLine(errorMessage(error));
  }
}
async function quietly(fn) {
  const { warn, log } = console;
  console.warn = () => {
  };
  console.log = () => {
  };
  try {
    return await fn();
  } finally {
    console.warn = warn;
    console.log = log;
  }
}

// src/data/kinds.ts
var DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
var INFINITY_TOKENS = /* @__PURE__ */ new Map([
  ["inf", Infinity],
  ["+inf", Infinity],
  ["-inf", -Infinity],
  ["infinity", Infinity],
  ["+infinity", Infinity],
  ["-infinity", -Infinity]
]);
var TRUE_TOKENS = /* @__PURE__ */ new Set(["true", "t", "yes", "y", "1"]);
var FALSE_TOKENS = /* @__PURE__ */ new Set(["false", "f", "no", "n", "0"]);
var DATE = /^(\d{4})([-/])(\d{2})\2(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
var MIN_CATEGORIES = 20;
var MAX_UNIQUE_SHARE = 0.05;
var MAX_CATEGORY_LENGTH = 30;
function parseNumber(value) {
  if (typeof value === "number") return Number.isNaN(value) ? null : value;
  if (typeof value !== "string") return null;
  const text = value.trim();
  const infinity = INFINITY_TOKENS.get(text.toLowerCase());
  if (infinity !== void 0) return infinity;
  return DECIMAL.test(text) ? Number(text) : null;
}
function parseBoolean(value) {
  if (typeof value === "boolean") return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== "string") return null;
  const text = value.trim().toLowerCase();
  if (TRUE_TOKENS.has(text)) return true;
  if (FALSE_TOKENS.has(text)) return false;
  return null;
}
function parseDate(value) {
  if (typeof value !== "string") return null;
  const match = DATE.exec(value.trim());
  if (!match) return null;
  const [, year, , month, day, hour, minute, second, fraction2, offset] = match;
  const y = Number(year);
  const m = Number(month) - 1;
  const d = Number(day);
  const h = Number(hour ?? 0);
  const min = Number(minute ?? 0);
  const s = Number(second ?? 0);
  if (h > 23 || min > 59 || s > 59) return null;
  const ms = Number((fraction2 ?? "").padEnd(3, "0").slice(0, 3));
  const utc = new Date(Date.UTC(y, m, d, h, min, s, ms));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== m || utc.getUTCDate() !== d) return null;
  return utc.getTime() - offsetMinutes(offset) * 6e4;
}
function offsetMinutes(offset) {
  if (!offset || offset.toUpperCase() === "Z") return 0;
  const digits = offset.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return offset.startsWith("-") ? -minutes : minutes;
}
function inferKind(values) {
  const present = values.filter((value) => !isMissing(value));
  if (present.length === 0) return "empty";
  if (present.every((value) => parseNumber(value) !== null)) return "numeric";
  if (present.every((value) => parseBoolean(value) !== null) && present.some((value) => parseNumber(value) === null)) {
    return "boolean";
  }
  if (present.every((value) => parseDate(value) !== null)) return "date";
  const strings = present.map(String);
  const unique = new Set(strings).size;
  if (unique <= MIN_CATEGORIES) return "categorical";
  const avgLength = strings.reduce((sum2, text) => sum2 + text.length, 0) / strings.length;
  const fewUnique = unique <= MAX_UNIQUE_SHARE * strings.length;
  return fewUnique && avgLength <= MAX_CATEGORY_LENGTH ? "categorical" : "text";
}

// src/util/random.ts
function createRng(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function shuffleInPlace(items, rng) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
function hashString(text, seed = 0) {
  let hash = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash >>> 0;
}

// src/model/preprocess.ts
var MAX_VOCABULARY = 50;
var TEXT_BUCKETS = 16;
function fitPreprocessing(table, trainRows, features, label) {
  const encodings = features.flatMap(({ column, kind }) => {
    const index = table.columns.indexOf(column);
    const values = trainRows.map((row) => table.rows[row]?.[index] ?? null);
    const encoding = fitFeature(column, kind, values);
    return encoding ? [encoding] : [];
  });
  return {
    version: 1,
    label,
    features: encodings,
    width: encodings.reduce((w, e) => w + encodedWidth(e), 0)
  };
}
function fitFeature(column, kind, values) {
  const indicator = values.some(isMissing);
  switch (kind) {
    case "numeric":
    case "date": {
      const parse = kind === "date" ? parseDate : parseNumber;
      const numbers = values.map(parse).filter((n) => n !== null && Number.isFinite(n));
      const mean = numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : 0;
      const variance = numbers.length ? numbers.reduce((a, b) => a + (b - mean) ** 2, 0) / numbers.length : 0;
      return { kind, column, mean, std: Math.sqrt(variance) || 1, indicator };
    }
    case "boolean":
      return { kind, column, indicator };
    case "categorical":
      return { kind, column, vocabulary: topValues(values, MAX_VOCABULARY) };
    case "text":
      return { kind, column, buckets: TEXT_BUCKETS };
    case "empty":
      return null;
  }
}
function topValues(values, limit) {
  const counts = /* @__PURE__ */ new Map();
  for (const value of values) {
    if (isMissing(value)) continue;
    const key = String(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit).map(([value]) => value);
}
function encodedWidth(encoding) {
  switch (encoding.kind) {
    case "numeric":
    case "date":
    case "boolean":
      return encoding.indicator ? 2 : 1;
    case "categorical":
      return encoding.vocabulary.length + 2;
    case "text":
      return encoding.buckets;
  }
}
function transformFeatures(spec, table, rows) {
  const out = new Float32Array(rows.length * spec.width);
  const columnIndex = spec.features.map((f) => table.columns.indexOf(f.column));
  rows.forEach((row, r) => {
    let offset = r * spec.width;
    spec.features.forEach((encoding, f) => {
      const index = columnIndex[f];
      const value = index < 0 ? null : table.rows[row]?.[index] ?? null;
      writeFeature(encoding, value, out, offset);
      offset += encodedWidth(encoding);
    });
  });
  return out;
}
function writeFeature(encoding, value, out, at) {
  const missing = isMissing(value);
  switch (encoding.kind) {
    case "numeric":
    case "date": {
      const parsed = missing ? null : (encoding.kind === "date" ? parseDate : parseNumber)(value);
      const usable = parsed !== null && Number.isFinite(parsed);
      out[at] = usable ? (parsed - encoding.mean) / encoding.std : 0;
      if (encoding.indicator) out[at + 1] = usable ? 0 : 1;
      return;
    }
    case "boolean":
      out[at] = parseBoolean(value) ? 1 : 0;
      if (encoding.indicator) out[at + 1] = missing ? 1 : 0;
      return;
    case "categorical": {
      const slot = missing ? encoding.vocabulary.length + 1 : encoding.vocabulary.indexOf(String(value));
      out[at + (slot < 0 ? encoding.vocabulary.length : slot)] = 1;
      return;
    }
    case "text": {
      if (missing) return;
      const words = String(value).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      for (const word of words) {
        const slot = at + hashString(word) % encoding.buckets;
        out[slot] = (out[slot] ?? 0) + 1 / words.length;
      }
      return;
    }
  }
}

// src/model/task.ts
var MAX_CLASSES = 50;
var MAX_INTEGER_CLASSES = 10;
function inferTask(labels, labelName) {
  const present = labels.filter((v) => !isMissing(v));
  const distinct = new Set(present.map(String));
  if (distinct.size < 2) {
    throw new DataError(
      `label "${labelName}" has ${distinct.size} distinct value(s); a model needs at least two.`
    );
  }
  if (distinct.size === 2) return "binary";
  const numbers = present.map(parseNumber);
  const allNumeric = numbers.every((n) => n !== null);
  if (allNumeric) {
    const integral = numbers.every((n) => Number.isInteger(n));
    return integral && distinct.size <= MAX_INTEGER_CLASSES ? "multiclass" : "regression";
  }
  if (distinct.size <= MAX_CLASSES) return "multiclass";
  throw new DataError(
    `label "${labelName}" has ${distinct.size} distinct text values: too many classes to infer a task. Set model.task in mlops.yml, or choose another label.`
  );
}
function fitLabelEncoding(task, labels, labelName) {
  const present = labels.filter((v) => !isMissing(v));
  if (task === "regression") {
    const values = present.map((v) => {
      const n = parseNumber(v);
      if (n === null) {
        throw new DataError(
          `label "${labelName}": regression needs numbers, found ${JSON.stringify(v)}.`
        );
      }
      return n;
    });
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
    return { task, mean, std: Math.sqrt(variance) || 1 };
  }
  const classes = sortClasses([...new Set(present.map(String))]);
  if (task === "binary") {
    if (classes.length !== 2) {
      throw new DataError(
        `label "${labelName}": binary needs exactly two classes in the training data, found ${classes.length} (${classes.slice(0, 5).join(", ")}).`
      );
    }
    return { task, classes: [classes[0], classes[1]] };
  }
  return { task, classes };
}
function sortClasses(classes) {
  const negatives = ["false", "no", "n", "f", "negative", "neg"];
  const rank = (c) => negatives.includes(c.toLowerCase()) ? 0 : 1;
  return [...classes].sort((a, b) => {
    const na = parseNumber(a);
    const nb = parseNumber(b);
    if (na !== null && nb !== null) return na - nb;
    return rank(a) - rank(b) || a.localeCompare(b);
  });
}
function encodeLabel(encoding, value) {
  if (isMissing(value)) return null;
  if (encoding.task === "regression") {
    const n = parseNumber(value);
    return n === null ? null : (n - encoding.mean) / encoding.std;
  }
  const index = encoding.classes.indexOf(String(value));
  return index < 0 ? null : index;
}

// src/model/examples.ts
function encodeRows(spec, table, rows) {
  const labelIndex = table.columns.indexOf(spec.label.column);
  const kept = [];
  const labels = [];
  for (const row of rows) {
    const encoded = encodeLabel(spec.label, table.rows[row]?.[labelIndex] ?? null);
    if (encoded === null) continue;
    kept.push(row);
    labels.push(encoded);
  }
  return {
    examples: {
      features: transformFeatures(spec, table, kept),
      labels: Float32Array.from(labels),
      count: kept.length
    },
    rows: kept,
    unknownLabels: rows.length - kept.length
  };
}
function toPredictions(spec, outputs, labels) {
  const label = spec.label;
  if (outputs.task === "binary" && label.task === "binary") {
    return { task: "binary", labels, scores: outputs.scores, classes: label.classes };
  }
  if (outputs.task === "multiclass" && label.task === "multiclass") {
    const k = outputs.classCount;
    const probabilities = Array.from(
      { length: labels.length },
      (_, i) => outputs.probabilities.subarray(i * k, (i + 1) * k)
    );
    return { task: "multiclass", labels, probabilities, classes: label.classes };
  }
  if (outputs.task === "regression" && label.task === "regression") {
    const values = labels.map((v) => v * label.std + label.mean);
    return { task: "regression", labels: values, values: outputs.values };
  }
  throw new Error(
    `model outputs (${outputs.task}) do not match the label encoding (${label.task})`
  );
}

// src/model/predict.ts
import * as tf2 from "@tensorflow/tfjs-core";
async function predictRows(model, features, count, width, label, batchSize = 4096) {
  const outWidth = label.task === "multiclass" ? label.classes.length : 1;
  const out = new Float32Array(count * outWidth);
  for (let start = 0; start < count; start += batchSize) {
    const rows = Math.min(batchSize, count - start);
    const batch = tf2.tensor2d(features.subarray(start * width, (start + rows) * width), [
      rows,
      width
    ]);
    const result = model.predict(batch);
    out.set(await result.data(), start * outWidth);
    tf2.dispose([batch, result]);
  }
  switch (label.task) {
    case "binary":
      return { task: "binary", scores: out };
    case "multiclass":
      return { task: "multiclass", probabilities: out, classCount: outWidth };
    case "regression":
      return { task: "regression", values: out.map((v) => v * label.std + label.mean) };
  }
}

// src/actions/bundle-io.ts
import path3 from "node:path";

// src/model/bundle.ts
var BUNDLE_FILES = {
  model: "model.json",
  weights: "weights.bin",
  preprocessing: "preprocessing.json",
  schema: "schema.json",
  statistics: "statistics.json",
  history: "history.json",
  metrics: "metrics.json",
  training: "training.json",
  card: "README.md"
};
function bundleToFiles(bundle) {
  const json = (value) => `${JSON.stringify(value, null, 2)}
`;
  return {
    [BUNDLE_FILES.model]: bundle.files.modelJson,
    [BUNDLE_FILES.weights]: bundle.files.weights,
    [BUNDLE_FILES.preprocessing]: json(bundle.preprocessing),
    [BUNDLE_FILES.schema]: json(bundle.schema),
    [BUNDLE_FILES.statistics]: json(bundle.statistics),
    [BUNDLE_FILES.history]: json(bundle.history),
    [BUNDLE_FILES.metrics]: json(bundle.metrics),
    [BUNDLE_FILES.training]: json(bundle.training),
    [BUNDLE_FILES.card]: bundle.card
  };
}

// src/model/io.ts
import * as tf3 from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
var WEIGHTS_FILE = "weights.bin";
async function serializeModel(model) {
  let files;
  await model.save(
    tf3.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(tf3.io.CompositeArrayBuffer.join(artifacts.weightData ?? []));
      const json = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: "mlops-actions",
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }]
      };
      files = { modelJson: `${JSON.stringify(json)}
`, weights };
      return { modelArtifactsInfo: { dateSaved: /* @__PURE__ */ new Date(0), modelTopologyType: "JSON" } };
    })
  );
  if (!files) throw new Error("tfjs did not hand the model artifacts to the save handler");
  return files;
}
async function deserializeModel(files) {
  const json = JSON.parse(files.modelJson);
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const buffer = files.weights.buffer.slice(
    files.weights.byteOffset,
    files.weights.byteOffset + files.weights.byteLength
  );
  return tfl.loadLayersModel(
    tf3.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: buffer })
  );
}

// src/actions/bundle-io.ts
async function loadBundle(fs, dir) {
  const file = (name) => path3.join(dir, name);
  if (!await fs.exists(file(BUNDLE_FILES.model))) {
    throw new UsageError(`${dir} holds no trained model: run \`mlops train\` first.`);
  }
  const json = async (name) => JSON.parse(await fs.readText(file(name)));
  const model = await deserializeModel({
    modelJson: await fs.readText(file(BUNDLE_FILES.model)),
    weights: await fs.readBytes(file(BUNDLE_FILES.weights))
  });
  return {
    model,
    preprocessing: await json(BUNDLE_FILES.preprocessing),
    training: await json(BUNDLE_FILES.training)
  };
}

// src/adapters/bundle.ts
import { createHash } from "node:crypto";
import { lstat, mkdir as mkdir2, readdir } from "node:fs/promises";
import path4 from "node:path";
import * as tar from "tar";
var FIXED_MTIME = /* @__PURE__ */ new Date("2000-01-01T00:00:00Z");
var ALLOWED_ENTRY_TYPES = /* @__PURE__ */ new Set(["File", "OldFile", "ContiguousFile", "Directory"]);
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
function formatSha256Sums(entries) {
  return [...entries].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0).map(({ name, hash }) => `${hash}  ${name}
`).join("");
}
function parseSha256Sums(text) {
  const sums = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.trimEnd());
    if (match?.[1] && match[2]) sums.set(match[2], match[1]);
  }
  return sums;
}
async function packBundle(dir) {
  const entries = await listBundleEntries(dir, "");
  if (entries.length === 0) throw new MlopsError(`Cannot pack ${dir}: the folder is empty.`);
  const chunks = [];
  const stream = tar.create(
    {
      cwd: dir,
      gzip: { level: 9 },
      portable: true,
      noDirRecurse: true,
      mtime: FIXED_MTIME,
      onWriteEntry(entry) {
        if (entry.stat) entry.stat.mode = entry.type === "Directory" ? 493 : 420;
      }
    },
    entries
  );
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return new Uint8Array(Buffer.concat(chunks));
}
async function unpackBundle(data, targetDir) {
  await checkEntries(data);
  await mkdir2(targetDir, { recursive: true });
  const extractor = tar.extract({ cwd: targetDir, strict: true });
  await writeAll(extractor, data);
}
async function listBundleEntries(root, prefix) {
  const names = (await readdir(path4.join(root, prefix))).sort();
  const entries = [];
  for (const name of names) {
    const relative = prefix ? `${prefix}/${name}` : name;
    const stats = await lstat(path4.join(root, relative));
    if (stats.isDirectory()) {
      entries.push(relative, ...await listBundleEntries(root, relative));
    } else if (stats.isFile()) {
      entries.push(relative);
    } else {
      throw new MlopsError(
        `Cannot pack ${path4.join(root, relative)}: bundles hold only files and folders (copy the target instead of linking it).`
      );
    }
  }
  return entries;
}
async function checkEntries(data) {
  const problems = [];
  const lister = tar.list({
    strict: true,
    onReadEntry(entry) {
      const problem = entryProblem(entry.path, entry.type);
      if (problem) problems.push(`"${entry.path}" ${problem}`);
    }
  });
  try {
    await writeAll(lister, data);
  } catch (error) {
    const reason = typeof error === "object" && error !== null && "message" in error;
    throw new MlopsError(
      `The bundle is not a readable .tgz archive (${reason ? String(error.message) : error}).`
    );
  }
  if (problems.length > 0) {
    throw new MlopsError(
      `Refusing to unpack the bundle: ${problems.join("; ")}. A model bundle holds only files and folders inside itself; this archive was not made by mlops or was tampered with.`
    );
  }
}
function entryProblem(entryPath, type) {
  if (!ALLOWED_ENTRY_TYPES.has(type)) return `is a ${type} entry, not a file or folder`;
  if (entryPath.includes("\\") || entryPath.includes("\0")) return "has a backslash or NUL";
  if (path4.posix.isAbsolute(entryPath) || /^[A-Za-z]:/.test(entryPath)) return "is absolute";
  const normalized = path4.posix.normalize(entryPath);
  if (normalized === ".." || normalized.startsWith("../")) return "points outside the folder";
  if (entryPath.split("/").includes("..")) return 'contains ".."';
  return null;
}
function writeAll(stream, data) {
  return new Promise((resolve, reject) => {
    stream.on("error", reject);
    stream.on("close", resolve);
    stream.end(Buffer.from(data));
  });
}

// src/registry/state.ts
import semver2 from "semver";

// src/registry/metadata.ts
import { z as z4 } from "zod";
var TAG_METADATA_SCHEMA_ID = "mlops-actions/v1";
var tagMetadataSchema = z4.object({
  schema: z4.literal(TAG_METADATA_SCHEMA_ID),
  name: z4.string().min(1),
  version: z4.string().min(1),
  metrics: z4.record(z4.string(), z4.number()),
  task: z4.enum(["binary", "multiclass", "regression"]),
  dataHash: z4.string().min(1),
  configHash: z4.string().min(1),
  createdAt: z4.iso.datetime({ offset: true }),
  runUrl: z4.string().optional(),
  backend: z4.string().optional()
});
function formatTagMessage(meta) {
  const valid = tagMetadataSchema.parse(meta);
  const metrics = Object.entries(valid.metrics).map(([metric, value]) => `${metric}=${formatMetric(value)}`).join(", ");
  const summary = `${valid.name} v${valid.version} (${valid.task})${metrics ? `: ${metrics}` : ""}`;
  return `${summary}

${JSON.stringify(valid, null, 2)}
`;
}
function parseTagMessage(message) {
  const start = message.indexOf("{");
  const end = message.lastIndexOf("}");
  if (start < 0 || end < start) return null;
  let json;
  try {
    json = JSON.parse(message.slice(start, end + 1));
  } catch {
    return null;
  }
  const result = tagMetadataSchema.safeParse(json);
  return result.success ? result.data : null;
}
function formatMetric(value) {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

// src/registry/tags.ts
import semver from "semver";
var NAME = "[a-z0-9](?:[a-z0-9/-]*[a-z0-9])?";
var FULL_NAME = `(?:[a-z0-9_./-]+=)?${NAME}`;
var NAME_RE = new RegExp(`^${NAME}$`);
var FULL_NAME_RE = new RegExp(`^${FULL_NAME}$`);
var TAG_RE = new RegExp(
  `^(?<name>${FULL_NAME})(?:(?:#(?<stage>${NAME})|@v(?<version>[0-9][0-9A-Za-z.+-]*))(?<cancel>!?)|@(?<deprecated>deprecated))(?:#(?<counter>[0-9]+))?$`
);
function isValidName(text) {
  return NAME_RE.test(text);
}
function isValidVersion(text) {
  const parsed = semver.parse(text);
  return parsed !== null && parsed.raw === text && /^[0-9]/.test(text);
}
function parseTag(tag) {
  const groups = TAG_RE.exec(tag)?.groups;
  if (!groups?.name) return null;
  const name = groups.name;
  const counter = groups.counter === void 0 ? null : Number(groups.counter);
  if (counter !== null && !Number.isSafeInteger(counter)) return null;
  const cancelled = groups.cancel === "!";
  if (groups.deprecated) return { kind: "deprecate", name, counter };
  if (groups.stage) {
    return { kind: cancelled ? "unassign" : "assign", name, stage: groups.stage, counter };
  }
  const version = groups.version ?? "";
  if (!isValidVersion(version)) return null;
  return { kind: cancelled ? "deregister" : "version", name, version, counter };
}
function versionTag(name, version) {
  return `${checkedName(name)}@v${checkedVersion(version)}`;
}
function stageTag(name, stage, counter) {
  return `${checkedName(name)}#${checkedStage(stage)}#${checkedCounter(counter)}`;
}
function bundleAssetName(name, version) {
  return `${checkedName(name).replace(/[/=]/g, "-")}-v${checkedVersion(version)}.tgz`;
}
function toModelName(text) {
  const base = text.split(/[\\/]/).pop() ?? "";
  const slug = base.replace(/(.)\.[A-Za-z][A-Za-z0-9]*$/, "$1").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (!slug) {
    throw new UsageError(
      `Cannot derive a model name from "${text}": it has no letters or digits. Set \`name:\` in mlops.yml (lower case letters, digits, "-" and "/").`
    );
  }
  return slug;
}
function checkedName(name) {
  if (FULL_NAME_RE.test(name)) return name;
  throw new UsageError(
    `Invalid model name "${name}": use lower case letters, digits, "-" and "/", starting and ending with a letter or digit (for example "${safeSuggestion(name)}").`
  );
}
function checkedStage(stage) {
  if (isValidName(stage)) return stage;
  throw new UsageError(
    `Invalid stage "${stage}": use lower case letters, digits, "-" and "/", starting and ending with a letter or digit (for example "${safeSuggestion(stage)}").`
  );
}
function checkedVersion(version) {
  if (isValidVersion(version)) return version;
  throw new UsageError(
    `Invalid version "${version}": use a SemVer 2.0 version without the "v", like 1.4.0 or 2.0.0-rc.1.`
  );
}
function checkedCounter(counter) {
  if (Number.isSafeInteger(counter) && counter >= 1) return counter;
  throw new UsageError(`Invalid stage tag counter ${counter}: it must be a whole number \u2265 1.`);
}
function safeSuggestion(text) {
  try {
    return toModelName(text);
  } catch {
    return "my-model";
  }
}

// src/registry/state.ts
var FIRST_VERSION = "0.1.0";
var KIND_ORDER = {
  deprecate: 0,
  version: 1,
  deregister: 2,
  assign: 3,
  unassign: 4
};
function replayTags(records) {
  const builders = /* @__PURE__ */ new Map();
  for (const { record, parsed } of sortedRegistryRecords(records)) {
    let builder = builders.get(parsed.name);
    if (!builder) {
      builder = { versions: /* @__PURE__ */ new Map(), stages: /* @__PURE__ */ new Map(), deprecated: false, history: [] };
      builders.set(parsed.name, builder);
    }
    applyEvent(builder, parsed, record);
  }
  const models = [...builders.entries()].sort(([a], [b]) => compareText(a, b)).map(([name, builder]) => finishModel(name, builder));
  return { models };
}
function findModel(state, name) {
  return state.models.find((model) => model.name === name);
}
function stageVersion(model, stage) {
  return model.stages.find((assignment) => assignment.stage === stage)?.version ?? null;
}
function nextStageCounter(records, name) {
  let highest = 0;
  for (const record of records) {
    const parsed = parseTag(record.tag);
    if (parsed?.name === name && parsed.counter !== null) {
      highest = Math.max(highest, parsed.counter);
    }
  }
  return highest + 1;
}
function planVersion(state, name, request) {
  const versions = findModel(state, name)?.versions ?? [];
  if ("version" in request) {
    const version = request.version.replace(/^v/, "");
    if (!isValidVersion(version)) {
      throw new UsageError(
        `Invalid version "${request.version}": use SemVer 2.0 like 1.4.0 or 2.0.0-rc.1.`
      );
    }
    const taken = versions.find((existing) => semver2.eq(existing.version, version));
    if (taken) {
      throw new RegistryConflict(
        `${name} v${version} is already registered (tag ${taken.tag} on commit ${taken.commit.slice(0, 7)}). Choose another version or bump instead.`
      );
    }
    return version;
  }
  const highest = versions.at(-1);
  if (!highest) return FIRST_VERSION;
  const next = semver2.inc(highest.version, request.bump);
  if (!next) throw new MlopsError(`Cannot bump ${name} v${highest.version} (${request.bump}).`);
  return next;
}
function sortedRegistryRecords(records) {
  const parsedRecords = [];
  for (const record of records) {
    const parsed = parseTag(record.tag);
    if (!parsed) continue;
    const time = Date.parse(record.createdAt);
    if (Number.isNaN(time)) {
      throw new MlopsError(
        `Tag ${record.tag} has an unreadable creation date "${record.createdAt}".`
      );
    }
    parsedRecords.push({ record, parsed, time });
  }
  return parsedRecords.sort(
    (a, b) => a.time - b.time || (a.parsed.counter ?? 0) - (b.parsed.counter ?? 0) || KIND_ORDER[a.parsed.kind] - KIND_ORDER[b.parsed.kind] || compareText(a.record.tag, b.record.tag)
  );
}
function applyEvent(model, parsed, record) {
  let version = null;
  let stage = null;
  switch (parsed.kind) {
    case "version": {
      version = parsed.version;
      const existing = model.versions.get(version);
      if (!existing || existing.deregistered) {
        model.versions.set(version, {
          version,
          tag: record.tag,
          commit: record.commit,
          createdAt: record.createdAt,
          metadata: parseTagMessage(record.message),
          deregistered: false
        });
      }
      model.deprecated = false;
      break;
    }
    case "deregister": {
      version = parsed.version;
      const existing = model.versions.get(version);
      if (existing) existing.deregistered = true;
      for (const [name, assignment] of model.stages) {
        if (assignment.version === version) model.stages.delete(name);
      }
      break;
    }
    case "deprecate":
      model.deprecated = true;
      break;
    case "assign":
      stage = parsed.stage;
      version = versionOnCommit(model, record.commit);
      if (version !== null) {
        model.stages.set(stage, { stage, version, tag: record.tag, since: record.createdAt });
        model.deprecated = false;
      }
      break;
    case "unassign":
      stage = parsed.stage;
      version = versionOnCommit(model, record.commit);
      if (version !== null && model.stages.get(stage)?.version === version) {
        model.stages.delete(stage);
      }
      break;
  }
  model.history.push({
    kind: parsed.kind,
    tag: record.tag,
    createdAt: record.createdAt,
    commit: record.commit,
    version,
    stage
  });
}
function versionOnCommit(model, commit) {
  let found = null;
  for (const candidate of model.versions.values()) {
    if (candidate.deregistered || candidate.commit !== commit) continue;
    if (found === null || semver2.compareBuild(candidate.version, found) > 0) {
      found = candidate.version;
    }
  }
  return found;
}
function finishModel(name, builder) {
  const versions = [...builder.versions.values()].sort(
    (a, b) => semver2.compareBuild(a.version, b.version)
  );
  const stages = [...builder.stages.values()].sort((a, b) => compareText(a.stage, b.stage));
  const latest = versions.filter((version) => !version.deregistered).at(-1)?.version ?? null;
  return {
    name,
    versions,
    stages,
    latest,
    deprecated: builder.deprecated,
    history: builder.history
  };
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/actions/baseline.ts
async function findBaseline(ctx, name) {
  const { deps, config } = ctx;
  const model = findModel(replayTags(await deps.tags.list()), name);
  if (!model) return null;
  const stage = config.registry.stages.at(-1);
  const staged = stage ? stageVersion(model, stage) : null;
  const version = staged ?? model.latest;
  if (!version) return null;
  const entry = model.versions.find((v) => v.version === version);
  const tag = versionTag(name, version);
  const recorded = {
    task: entry?.metadata?.task ?? "binary",
    count: 0,
    overall: entry?.metadata?.metrics ?? {},
    slices: []
  };
  const base = { version, tag, reason: staged ? `${stage} stage` : "latest version" };
  try {
    const dir = await deps.tmpDir();
    await unpackBundle(await deps.releases.download(tag, bundleAssetName(name, version)), dir);
    return {
      ...base,
      source: "reevaluated",
      model: await loadBundle(deps.fs, dir),
      evaluation: recorded
    };
  } catch (error) {
    deps.log.warn(
      `could not fetch the bundle of ${tag} (${errorMessage(error)}); comparing with its recorded metrics`
    );
    return entry?.metadata ? { ...base, source: "tag-metadata", evaluation: recorded } : null;
  }
}

// src/actions/context.ts
import path5 from "node:path";
function outputPaths(out) {
  return {
    validation: path5.join(out, "validation.json"),
    schema: path5.join(out, "schema.json"),
    model: path5.join(out, "model"),
    evaluation: path5.join(out, "evaluation.json"),
    report: path5.join(out, "report.md"),
    registration: path5.join(out, "registration.json")
  };
}
function resolveInput(ctx, file) {
  return path5.resolve(ctx.baseDir, file);
}
async function readStepOutput(ctx, file, step) {
  if (!await ctx.deps.fs.exists(file)) {
    throw new UsageError(
      `${file} not found: run \`mlops ${step}\` first (or \`mlops run\` for the whole pipeline).`
    );
  }
  return JSON.parse(await ctx.deps.fs.readText(file));
}
function writeJson(ctx, file, value) {
  return ctx.deps.fs.write(file, `${JSON.stringify(value, null, 2)}
`);
}

// src/actions/dataset.ts
import { createHash as createHash2 } from "node:crypto";

// src/data/csv.ts
var QUOTE = 34;
var LF = 10;
var CR = 13;
var DETECTABLE_DELIMITERS = [",", ";", "	"];
var FIELD_START = 0;
var UNQUOTED = 1;
var QUOTED = 2;
var AFTER_QUOTE = 3;
async function* readCsvRecordBatches(chunks, options) {
  if (options.delimiter !== void 0) checkDelimiter(options.delimiter);
  let tokenizer;
  let heldBack = "";
  for await (const text of decodeUtf8Chunks(chunks, options.source)) {
    let records2;
    if (tokenizer === void 0) {
      heldBack += text;
      if (options.delimiter === void 0 && !heldBack.includes("\n")) continue;
      tokenizer = new CsvTokenizer(options.delimiter ?? detectDelimiter(heldBack), options.source);
      records2 = tokenizer.push(heldBack);
      heldBack = "";
    } else {
      records2 = tokenizer.push(text);
    }
    if (records2.length > 0) yield records2;
  }
  tokenizer ??= new CsvTokenizer(options.delimiter ?? detectDelimiter(heldBack), options.source);
  const records = [...tokenizer.push(heldBack), ...tokenizer.finish()];
  if (records.length > 0) yield records;
}
async function* decodeUtf8Chunks(chunks, source) {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let first = true;
  let bytesRead = 0;
  for await (const chunk of chunks) {
    let text;
    if (typeof chunk === "string") {
      text = chunk;
    } else {
      text = decodeBytes(decoder, chunk, true, source, bytesRead);
      bytesRead += chunk.byteLength;
    }
    if (first && text.charCodeAt(0) === 65279) text = text.slice(1);
    if (text === "") continue;
    first = false;
    yield text;
  }
  const rest = decodeBytes(decoder, void 0, false, source, bytesRead);
  if (rest !== "") yield rest;
}
function decodeBytes(decoder, bytes, stream, source, bytesRead) {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new DataError(
      `${source}: not valid UTF-8 (in the bytes after offset ${bytesRead}); re-save the file as UTF-8 (for example \`iconv -f latin1 -t utf-8\`).`
    );
  }
}
function checkDelimiter(delimiter) {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new UsageError(
      `CSV delimiter ${JSON.stringify(delimiter)} is not usable; give one character other than a quote or a line break (for example "," ";" or "\\t").`
    );
  }
}
function detectDelimiter(text) {
  const counts = new Map(DETECTABLE_DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === "\n" && !inQuotes) break;
    else if (!inQuotes && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ",";
  for (const [delimiter, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}
var CsvTokenizer = class {
  delimiter;
  delimiterCode;
  source;
  buffer = "";
  pos = 0;
  state = FIELD_START;
  line = 1;
  recordLine = 1;
  quoteLine = 1;
  fields = [];
  /** Text of the current field read before `pos` (quoted content, escapes resolved). */
  value = "";
  // Next delimiter / LF at or after `pos`, or buffer.length when there is none; cached because
  // one indexOf per line for LF is much cheaper than one per field.
  nextDelimiter = -1;
  nextLf = -1;
  constructor(delimiter, source) {
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.source = source;
  }
  /** Appends text and returns the records it completes. */
  push(text) {
    this.buffer = this.pos < this.buffer.length ? this.buffer.slice(this.pos) + text : text;
    this.pos = 0;
    this.nextDelimiter = -1;
    this.nextLf = -1;
    const out = [];
    this.scan(out, false);
    return out;
  }
  /** Ends the input and returns the last record, if any. */
  finish() {
    const out = [];
    this.scan(out, true);
    return out;
  }
  scan(out, atEnd) {
    const buffer = this.buffer;
    const length = buffer.length;
    for (; ; ) {
      switch (this.state) {
        case FIELD_START:
          if (this.pos >= length) {
            if (atEnd && this.fields.length > 0) this.endRecord("", out);
            return;
          }
          if (buffer.charCodeAt(this.pos) === QUOTE) {
            this.state = QUOTED;
            this.quoteLine = this.line;
            this.pos++;
          } else {
            this.state = UNQUOTED;
          }
          break;
        case UNQUOTED:
          if (!this.readUnquoted(out, atEnd)) return;
          break;
        case QUOTED:
          if (!this.readQuoted(atEnd)) return;
          break;
        case AFTER_QUOTE:
          if (!this.readAfterQuote(out, atEnd)) return;
          break;
      }
    }
  }
  /**
   * Reads unquoted fields up to the next quoted one or the end of the buffer; false when the
   * buffer ran out mid-field. It loops over fields itself, with the scan position in locals,
   * because this is where nearly all the time goes on typical data.
   */
  readUnquoted(out, atEnd) {
    const buffer = this.buffer;
    const length = buffer.length;
    let pos = this.pos;
    let nextDelimiter = this.nextDelimiter;
    let nextLf = this.nextLf;
    for (; ; ) {
      if (nextDelimiter < pos) nextDelimiter = indexOrEnd(buffer, this.delimiter, pos);
      if (nextLf < pos) nextLf = indexOrEnd(buffer, "\n", pos);
      if (nextDelimiter < nextLf) {
        this.endField(buffer.slice(pos, nextDelimiter));
        pos = nextDelimiter + 1;
      } else if (nextLf < length || atEnd) {
        const textEnd = nextLf > pos && buffer.charCodeAt(nextLf - 1) === CR ? nextLf - 1 : nextLf;
        this.endRecord(buffer.slice(pos, textEnd), out);
        pos = nextLf + 1;
        this.line++;
        this.recordLine = this.line;
      } else {
        break;
      }
      if (pos >= length || buffer.charCodeAt(pos) === QUOTE) break;
    }
    this.pos = Math.min(pos, length);
    this.nextDelimiter = nextDelimiter;
    this.nextLf = nextLf;
    return this.state === FIELD_START;
  }
  /** Reads quoted text up to the next quote; false when the buffer ran out first. */
  readQuoted(atEnd) {
    const buffer = this.buffer;
    const quote = buffer.indexOf('"', this.pos);
    const end = quote < 0 ? buffer.length : quote;
    this.value += buffer.slice(this.pos, end);
    if (this.nextLf < this.pos) this.nextLf = indexOrEnd(buffer, "\n", this.pos);
    if (this.nextLf < end) this.line += countLineFeeds(buffer, this.nextLf, end);
    if (quote < 0) {
      this.pos = buffer.length;
      if (atEnd) throw this.unterminatedQuote();
      return false;
    }
    this.pos = quote + 1;
    this.state = AFTER_QUOTE;
    return true;
  }
  /** Decides what a closing quote meant from the character after it. */
  readAfterQuote(out, atEnd) {
    const buffer = this.buffer;
    const pos = this.pos;
    if (pos >= buffer.length) {
      if (atEnd) this.endRecord("", out);
      return false;
    }
    const code2 = buffer.charCodeAt(pos);
    if (code2 === QUOTE) {
      this.value += '"';
      this.pos = pos + 1;
      this.state = QUOTED;
    } else if (code2 === this.delimiterCode) {
      this.endField("");
      this.pos = pos + 1;
    } else if (code2 === LF || code2 === CR && buffer.charCodeAt(pos + 1) === LF) {
      this.pos = pos + (code2 === CR ? 2 : 1);
      this.endRecord("", out);
      this.line++;
      this.recordLine = this.line;
    } else if (code2 === CR && pos + 1 >= buffer.length && !atEnd) {
      return false;
    } else if (code2 === CR && pos + 1 >= buffer.length) {
      this.pos = pos + 1;
      this.endRecord("", out);
    } else {
      this.state = UNQUOTED;
    }
    return true;
  }
  endField(text) {
    this.fields.push(this.value === "" ? text : this.value + text);
    this.value = "";
    this.state = FIELD_START;
  }
  endRecord(text, out) {
    this.endField(text);
    out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
  }
  unterminatedQuote() {
    return new DataError(
      `${this.source}:${this.quoteLine}: a quoted field opened here is never closed; add the closing " or, if the quote is part of the value, double it ("") inside a quoted field.`
    );
  }
};
function indexOrEnd(text, search, from) {
  const index = text.indexOf(search, from);
  return index < 0 ? text.length : index;
}
function countLineFeeds(text, from, to) {
  let count = 0;
  for (let i = text.indexOf("\n", from); i >= 0 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

// src/data/jsonl.ts
async function* readJsonlRecords(chunks, options) {
  let line = 1;
  let pending = "";
  for await (const text of decodeUtf8Chunks(chunks, options.source)) {
    pending += text;
    let start = 0;
    let end = pending.indexOf("\n", pending.length - text.length);
    while (end >= 0) {
      const record2 = parseLine(pending.slice(start, end), options.source, line);
      if (record2 !== void 0) yield { line, record: record2 };
      line++;
      start = end + 1;
      end = pending.indexOf("\n", start);
    }
    pending = pending.slice(start);
  }
  const record = parseLine(pending, options.source, line);
  if (record !== void 0) yield { line, record };
}
function parseLine(text, source, line) {
  if (text.trim() === "") return void 0;
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(
      `${source}:${line}: not valid JSON (${reason}); each line of a JSON Lines file must hold one complete JSON object.`
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DataError(
      `${source}:${line}: expected a JSON object, found ${describeJson(value)}; write each row as an object of column names to values, like {"age": 42}.`
    );
  }
  return value;
}
function describeJson(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

// src/data/read-table.ts
function inferFormat(path14) {
  return /\.(jsonl|ndjson)$/i.test(path14) ? "jsonl" : "csv";
}
async function readTable(chunks, options) {
  const format = options.format ?? inferFormat(options.source);
  return format === "jsonl" ? readJsonlTable(chunks, options.source) : readCsvTable(chunks, options.source);
}
async function readCsvTable(chunks, source) {
  const delimiter = /\.tsv$/i.test(source) ? "	" : void 0;
  const table = { source, columns: [], rows: [], lines: [] };
  let header;
  for await (const batch of readCsvRecordBatches(chunks, { source, delimiter })) {
    for (const record of batch) {
      if (isBlankRecord(record)) continue;
      if (header === void 0) {
        header = record;
        table.columns = columnNames(record, source);
        continue;
      }
      table.rows.push(csvRow(record, header, source));
      table.lines.push(record.line);
    }
  }
  if (header === void 0) throw emptyFile(source, "a header line and data rows");
  if (table.rows.length === 0) {
    throw new DataError(
      `${source}:${header.line}: has a header but no data rows; add rows below the header.`
    );
  }
  return table;
}
function isBlankRecord(record) {
  return record.fields.length === 1 && record.fields[0].trim() === "";
}
function columnNames(header, source) {
  const names = header.fields.map((field, i) => field.trim() || `column_${i + 1}`);
  const firstPosition = /* @__PURE__ */ new Map();
  names.forEach((name, i) => {
    const earlier = firstPosition.get(name);
    if (earlier !== void 0) {
      throw new DataError(
        `${source}:${header.line}: column name "${name}" appears twice (columns ${earlier + 1} and ${i + 1}); rename one of them so each column can be referred to by name.`
      );
    }
    firstPosition.set(name, i);
  });
  return names;
}
function csvRow(record, header, source) {
  const { fields } = record;
  if (fields.length !== header.fields.length) {
    throw new DataError(
      `${source}:${record.line}: expected ${header.fields.length} fields, found ${fields.length}; quote values that contain the delimiter, and check the row for a missing or extra one.`
    );
  }
  return fields.map((field) => isMissing(field) ? null : field);
}
async function readJsonlTable(chunks, source) {
  const records = [];
  const lines = [];
  const columns = /* @__PURE__ */ new Map();
  for await (const { line, record } of readJsonlRecords(chunks, { source })) {
    for (const key of Object.keys(record)) {
      if (!columns.has(key)) columns.set(key, columns.size);
    }
    records.push(record);
    lines.push(line);
  }
  if (records.length === 0) throw emptyFile(source, "one JSON object per line");
  if (columns.size === 0) {
    throw new DataError(
      `${source}: no record has any key; write each row as an object of column names to values.`
    );
  }
  const names = [...columns.keys()];
  const rows = records.map((record) => names.map((name) => jsonCell(record[name])));
  return { source, columns: names, rows, lines };
}
function jsonCell(value) {
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "string") return isMissing(value) ? null : value;
  if (value === null || value === void 0) return null;
  return JSON.stringify(value);
}
function emptyFile(source, expected) {
  return new DataError(`${source}: is empty; give a file with ${expected}.`);
}

// src/data/split.ts
function splitRows(count, options) {
  checkShares(options.test, options.validation);
  for (const [field, values] of [
    ["keys", options.keys],
    ["stratify", options.stratify]
  ]) {
    if (values && values.length !== count) {
      throw new Error(`splitRows: ${values.length} ${field} for ${count} rows`);
    }
  }
  if (options.keys) return splitByKey(options.keys, options);
  const rng = createRng(options.seed);
  const order = options.stratify ? stratifiedOrder(options.stratify, rng) : shuffleInPlace(
    Array.from({ length: count }, (_, i) => i),
    rng
  );
  const { test, validation } = splitSizes(count, options.test, options.validation);
  const ascending = (indices) => indices.sort((a, b) => a - b);
  return {
    train: ascending(order.slice(test + validation)),
    validation: ascending(order.slice(test, test + validation)),
    test: ascending(order.slice(0, test))
  };
}
function checkShares(test, validation) {
  for (const [field, share] of [
    ["data.split.test", test],
    ["data.split.validation", validation]
  ]) {
    if (!Number.isFinite(share) || share < 0 || share >= 1) {
      throw new ConfigError(
        `${field} must be a share of rows from 0 up to (not including) 1, e.g. 0.2; got ${share}.`
      );
    }
  }
  if (test + validation >= 1) {
    throw new ConfigError(
      `data.split.test + data.split.validation must be below 1 so rows remain for training; got ${test} + ${validation}. Lower one of them.`
    );
  }
}
function splitSizes(count, test, validation) {
  let testRows = Math.round(count * test);
  let validationRows = Math.round(count * validation);
  if (test > 0 && count >= 2) testRows = Math.max(testRows, 1);
  if (validation > 0 && count >= 3) validationRows = Math.max(validationRows, 1);
  testRows = Math.min(testRows, Math.max(count - 1, 0));
  validationRows = Math.min(validationRows, Math.max(count - 1 - testRows, 0));
  return { test: testRows, validation: validationRows };
}
function stratifiedOrder(strata, rng) {
  const groups = /* @__PURE__ */ new Map();
  strata.forEach((stratum, index) => {
    const members = groups.get(stratum);
    if (members) members.push(index);
    else groups.set(stratum, [index]);
  });
  const ordered = [...groups.entries()].sort(([a], [b]) => compareStrata(a, b));
  const placed = ordered.flatMap(
    ([, members], group) => shuffleInPlace(members, rng).map((index, rank) => ({
      index,
      group,
      position: (rank + 0.5) / members.length
    }))
  );
  placed.sort((a, b) => a.position - b.position || a.group - b.group);
  return placed.map((row) => row.index);
}
function compareStrata(a, b) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
function splitByKey(keys, options) {
  const split = { train: [], validation: [], test: [] };
  keys.forEach((key, index) => {
    const share = mix32(hashString(key ?? `\0row ${index}`, options.seed)) / 2 ** 32;
    if (share < options.test) split.test.push(index);
    else if (share < options.test + options.validation) split.validation.push(index);
    else split.train.push(index);
  });
  return split;
}
function mix32(hash) {
  let h = hash;
  h = Math.imul(h ^ h >>> 16, 2246822507);
  h = Math.imul(h ^ h >>> 13, 3266489909);
  return (h ^ h >>> 16) >>> 0;
}

// src/data/prepare.ts
function prepareData(table, options) {
  const labelIndex = requireColumn(table, options.label, "data.label");
  const kept = [];
  const unlabeledLines = [];
  table.rows.forEach((row, i) => {
    if (isMissing(row[labelIndex])) unlabeledLines.push(table.lines[i] ?? 0);
    else kept.push(i);
  });
  if (kept.length === 0) {
    throw new DataError(`${table.source}: every row is missing the label "${options.label}".`);
  }
  const labelled = {
    ...table,
    rows: kept.map((i) => table.rows[i]),
    lines: kept.map((i) => table.lines[i] ?? 0)
  };
  const warnings = options.ignore.filter((column) => !table.columns.includes(column)).map((column) => `data.ignore: column "${column}" is not in ${table.source}`);
  const skip = /* @__PURE__ */ new Set([options.label, ...options.ignore]);
  const schemaKinds2 = new Map(options.schema?.features.map((f) => [f.name, f.kind]));
  const features = labelled.columns.map((column, index) => ({ column, index })).filter(({ column }) => !skip.has(column)).map(({ column, index }) => ({
    column,
    kind: schemaKinds2.get(column) ?? inferKind(labelled.rows.map((row) => row[index] ?? null))
  }));
  const keyIndex = options.split.key ? requireColumn(labelled, options.split.key, "data.split.key") : -1;
  const split = splitRows(labelled.rows.length, {
    test: options.split.test,
    validation: options.split.validation,
    seed: options.split.seed,
    ...keyIndex >= 0 ? {
      keys: labelled.rows.map(
        (row) => isMissing(row[keyIndex]) ? null : String(row[keyIndex])
      )
    } : {}
  });
  if (split.train.length === 0) {
    throw new DataError(
      `${table.source}: too few labelled rows (${kept.length}) to train on after the split.`
    );
  }
  return {
    table: labelled,
    label: options.label,
    unlabeled: { count: unlabeledLines.length, lines: unlabeledLines.slice(0, 10) },
    features,
    split,
    warnings
  };
}
function requireColumn(table, column, field) {
  const index = table.columns.indexOf(column);
  if (index >= 0) return index;
  const near = table.columns.find((c) => c.trim().toLowerCase() === column.trim().toLowerCase());
  throw new DataError(
    `${field}: column "${column}" is not in ${table.source}` + (near ? ` (did you mean "${near}"?)` : "") + `. Its columns are: ${table.columns.map((c) => JSON.stringify(c)).join(", ")}.`
  );
}

// src/data/schema.ts
import { z as z5 } from "zod";
var MAX_DOMAIN_SIZE = 100;
var KINDS = ["numeric", "categorical", "boolean", "date", "text", "empty"];
var featureSchema = z5.strictObject({
  name: z5.string().min(1),
  kind: z5.enum(KINDS),
  minPresence: z5.number().min(0).max(1),
  integer: z5.boolean().optional(),
  min: z5.number().optional(),
  max: z5.number().optional(),
  values: z5.array(z5.string()).optional()
}).refine(
  (feature) => !(feature.min !== void 0 && feature.max !== void 0 && feature.min > feature.max),
  {
    message: "min must not be greater than max",
    path: ["min"]
  }
);
var schemaSchema = z5.strictObject({
  version: z5.literal(1),
  label: z5.string().min(1).optional(),
  features: z5.array(featureSchema)
}).superRefine((schema, context) => {
  const seen = /* @__PURE__ */ new Set();
  schema.features.forEach((feature, index) => {
    if (seen.has(feature.name)) {
      context.addIssue({
        code: "custom",
        message: `duplicate feature "${feature.name}"`,
        path: ["features", index, "name"]
      });
    }
    seen.add(feature.name);
  });
  if (schema.label !== void 0 && !seen.has(schema.label)) {
    context.addIssue({
      code: "custom",
      message: `label "${schema.label}" is not one of the features`,
      path: ["label"]
    });
  }
});
function inferSchema(stats, options = {}) {
  const { label } = options;
  if (label !== void 0 && !stats.columns.some((column) => column.name === label)) {
    const columns = stats.columns.map((column) => column.name).join(", ");
    throw new ConfigError(
      `data.label: column "${label}" is not in the data (columns: ${columns}); set data.label to one of them`
    );
  }
  const features = stats.columns.map((column) => {
    const feature = {
      name: column.name,
      kind: column.kind,
      minPresence: column.missing === 0 && column.count > 0 ? 1 : 0
    };
    if (column.kind === "numeric" && column.numeric) feature.integer = column.numeric.integer;
    const categories = column.categorical;
    if (column.kind === "categorical" && categories && categories.unique <= MAX_DOMAIN_SIZE && categories.top.length === categories.unique) {
      feature.values = categories.top.map((entry) => entry.value).sort(compareStrings);
    }
    return feature;
  });
  return label === void 0 ? { version: 1, features } : { version: 1, label, features };
}
function parseSchema(json, source = "schema") {
  const result = schemaSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join("; ");
  throw new ConfigError(
    `${source}: invalid schema: ${problems}. Fix the file, or delete it and run \`mlops validate --update-schema\` to infer it again`
  );
}
function formatSchema(schema) {
  const ordered = {
    version: schema.version,
    ...schema.label === void 0 ? {} : { label: schema.label },
    features: schema.features.map((feature) => ({
      name: feature.name,
      kind: feature.kind,
      minPresence: feature.minPresence,
      ...feature.integer === void 0 ? {} : { integer: feature.integer },
      ...feature.min === void 0 ? {} : { min: feature.min },
      ...feature.max === void 0 ? {} : { max: feature.max },
      ...feature.values === void 0 ? {} : { values: feature.values }
    }))
  };
  return `${JSON.stringify(ordered, null, 2)}
`;
}
function schemaKinds(schema) {
  const typed = schema.features.filter((feature) => feature.kind !== "empty");
  return Object.fromEntries(typed.map((feature) => [feature.name, feature.kind]));
}
function formatPath(path14) {
  if (path14.length === 0) return "(root)";
  return path14.map(
    (part, index) => typeof part === "number" ? `[${part}]` : `${index > 0 ? "." : ""}${String(part)}`
  ).join("");
}
function compareStrings(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// src/actions/dataset.ts
var loaded = /* @__PURE__ */ new WeakMap();
function loadDataset(ctx) {
  let dataset = loaded.get(ctx);
  if (!dataset) {
    dataset = readDataset(ctx);
    loaded.set(ctx, dataset);
  }
  return dataset;
}
async function readDataset(ctx) {
  const { config, deps } = ctx;
  const file = resolveInput(ctx, config.data.train);
  const hash = createHash2("sha256");
  const raw = await deps.log.group(`Reading ${config.data.train}`, async () => {
    const table = await readTable(hashing(deps.fs.stream(file), hash), {
      source: config.data.train,
      ...config.data.format ? { format: config.data.format } : {}
    });
    deps.log.info(`${table.rows.length} rows \xD7 ${table.columns.length} columns`);
    return table;
  });
  const schemaPath = resolveInput(ctx, config.schema);
  const schema = await deps.fs.exists(schemaPath) ? parseSchema(JSON.parse(await deps.fs.readText(schemaPath))) : null;
  const prepared = prepareData(raw, {
    label: config.data.label,
    ignore: config.data.ignore,
    split: config.data.split,
    schema
  });
  prepared.warnings.forEach((w) => deps.log.warn(w));
  if (prepared.unlabeled.count > 0) {
    deps.log.warn(`${prepared.unlabeled.count} rows have no label and were dropped`);
  }
  return { raw, prepared, schema, schemaPath, dataHash: hash.digest("hex") };
}
async function* hashing(chunks, hash) {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}

// src/actions/evaluate.ts
async function runEvaluate(ctx) {
  const { config, deps } = ctx;
  const dataset = await loadDataset(ctx);
  const backend = await selectBackend(config.model.backend, deps.backend);
  const candidate = await loadBundle(deps.fs, outputPaths(ctx.out).model);
  const testRows = dataset.prepared.split.test;
  if (testRows.length === 0) {
    throw new DataError("data.split.test: the test split is empty; set a test fraction above 0.");
  }
  const current = await evaluateModel(candidate, dataset.prepared, testRows, config.data.slices);
  candidate.model.dispose();
  const name = candidate.training.name;
  const found = await findBaseline(ctx, name);
  let baseline = null;
  if (found) {
    const evaluation = found.model ? (await evaluateModel(found.model, dataset.prepared, testRows, config.data.slices)).result : found.evaluation;
    found.model?.model.dispose();
    const { model: _model, ...rest } = found;
    baseline = { ...rest, evaluation };
    deps.log.info(`baseline: ${name} v${found.version} (${found.reason})`);
  }
  const gates = evaluateGates(config.gates, current.result, baseline?.evaluation ?? null);
  const outcome = {
    name,
    evaluation: current.result,
    unknownLabels: current.unknownLabels,
    baseline,
    comparison: compareToBaseline(current.result, baseline?.evaluation ?? null),
    gates,
    blessed: gates.blessed
  };
  await writeJson(ctx, outputPaths(ctx.out).evaluation, outcome);
  deps.log.info(
    `evaluation on ${current.result.count} test rows (${backend.name}): ${gates.verdict}`
  );
  return outcome;
}
async function evaluateModel(loaded2, data, rows, sliceColumns) {
  const spec = loaded2.preprocessing;
  const encoded = encodeRows(spec, data.table, rows);
  if (encoded.examples.count === 0) {
    throw new DataError(
      `no test row has a label the model knows (${encoded.unknownLabels} unknown).`
    );
  }
  const outputs = await predictRows(
    loaded2.model,
    encoded.examples.features,
    encoded.examples.count,
    spec.width,
    spec.label
  );
  const slices = sliceColumns.map((column) => {
    const index = data.table.columns.indexOf(column);
    if (index < 0)
      throw new DataError(`data.slices: column "${column}" is not in ${data.table.source}.`);
    return {
      name: column,
      values: encoded.rows.map((row) => {
        const value = data.table.rows[row]?.[index] ?? null;
        return isMissing(value) ? null : String(value);
      })
    };
  });
  return {
    result: evaluatePredictions(toPredictions(spec, outputs, encoded.examples.labels), slices),
    unknownLabels: encoded.unknownLabels
  };
}

// src/actions/register.ts
import path6 from "node:path";
async function runRegister(ctx, options = {}) {
  const { deps, config } = ctx;
  const paths = outputPaths(ctx.out);
  const evaluation = await readStepOutput(ctx, paths.evaluation, "evaluate");
  if (!evaluation.blessed && !options.force) {
    throw new CheckFailure(
      `${evaluation.name} was NOT_BLESSED by its gates, so it was not registered. Fix the failing gates, or pass --force to register it anyway.`
    );
  }
  const training = await readStepOutput(
    ctx,
    path6.join(paths.model, BUNDLE_FILES.training),
    "train"
  );
  const name = training.name;
  const version = planVersion(
    replayTags(await deps.tags.list()),
    name,
    options.version ? { version: options.version } : { bump: config.registry.bump }
  );
  const tag = versionTag(name, version);
  const archive = await packBundle(paths.model);
  const message = formatTagMessage({
    schema: TAG_METADATA_SCHEMA_ID,
    name,
    version,
    metrics: evaluation.evaluation.overall,
    task: training.task,
    dataHash: training.dataHash,
    configHash: training.configHash,
    createdAt: deps.now().toISOString(),
    backend: training.backend,
    ...deps.runUrl ? { runUrl: deps.runUrl } : {}
  });
  const record = await deps.tags.create(tag, message);
  await deps.tags.push?.(tag);
  const card = await deps.fs.readText(path6.join(paths.model, BUNDLE_FILES.card));
  let releaseUrl;
  try {
    ({ url: releaseUrl } = await deps.releases.publish({
      tag,
      name: tag,
      notes: card,
      assets: [{ name: bundleAssetName(name, version), data: archive }]
    }));
  } catch (error) {
    throw new UsageError(
      `${tag} was tagged, but publishing its release failed: ${error.message}. The tag stays; publish the release again with \`mlops register --version ${version}\` after deleting the tag, or upload ${bundleAssetName(name, version)} by hand.`
    );
  }
  const outcome = { name, version, tag, commit: record.commit, releaseUrl };
  await writeJson(ctx, paths.registration, outcome);
  deps.log.info(`registered ${tag} at ${record.commit.slice(0, 7)}; release: ${releaseUrl}`);
  return outcome;
}

// src/actions/report.ts
import path8 from "node:path";

// src/report/format.ts
function formatNumber(value) {
  if (value === null || value === void 0 || Number.isNaN(value)) return "\u2014";
  if (!Number.isFinite(value)) return value > 0 ? "\u221E" : "-\u221E";
  if (Number.isInteger(value) && Math.abs(value) < 1e9) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? value.toExponential(3) : value.toFixed(4);
}
function formatDelta(value) {
  if (value === null || value === void 0 || !Number.isFinite(value)) return "\u2014";
  return `${value >= 0 ? "+" : ""}${formatNumber(value)}`;
}
function markdownTable(header, rows) {
  const escape = (cell) => cell.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
  const line = (cells) => `| ${cells.map(escape).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

// src/report/render.ts
var COMMENT_LIMIT = 65536;
function reportMarker(name) {
  return `<!-- mlops-actions report ${name} -->`;
}
function renderReport(input, limit = COMMENT_LIMIT) {
  const { model } = input;
  const sections = [
    `${reportMarker(input.name)}
${model ? renderVerdict(input, model) : renderDataVerdict(input)}`,
    model && renderMetrics(model),
    model && renderGates(model.gates),
    model && renderSlices(model.evaluation.slices),
    model && renderConfusion(model.evaluation),
    model && renderRoc(model.evaluation.roc),
    renderDataChecks(input.validation),
    renderRun(input)
  ].filter((s) => Boolean(s));
  return fitToLimit(sections, limit);
}
function renderDataVerdict(input) {
  return `## \u274C ${input.name}: data validation failed

No model was trained: fix the data or the schema (see the data checks below).`;
}
function renderVerdict(input, model) {
  const blessed = model.gates.blessed;
  const failed = model.gates.results.filter((r) => r.status === "fail").length;
  const dataFailed = input.validation && !input.validation.passed;
  const icon = blessed && !dataFailed ? "\u2705" : "\u274C";
  const verdict = blessed ? "BLESSED" : `NOT_BLESSED (${failed} gate${failed === 1 ? "" : "s"} failed)`;
  const lines = [`## ${icon} ${input.name}: ${verdict}`, ""];
  const baseline = model.baseline ? `compared with v${model.baseline.version} (${model.baseline.reason}${model.baseline.source === "tag-metadata" ? ", recorded metrics" : ""})` : "first model: no baseline to compare with";
  lines.push(`${model.task} model on ${model.evaluation.count} test rows, ${baseline}.`);
  if (dataFailed) lines.push("", "**Data validation failed**: see the data checks below.");
  if (input.version) lines.push("", `Registered as \`${input.name}@v${input.version}\`.`);
  return lines.join("\n");
}
function renderMetrics(model) {
  const rows = model.comparison.map((c) => [
    c.metric,
    formatNumber(c.current),
    formatNumber(c.baseline),
    c.delta === null ? "\u2014" : `${formatDelta(c.delta)} ${c.better === null ? "" : c.better ? "\u{1F7E2}" : "\u{1F534}"}`.trim()
  ]);
  return `### Metrics

${markdownTable(["metric", "candidate", "baseline", "\u0394"], rows)}`;
}
function renderGates(gates) {
  if (gates.results.length === 0)
    return "### Gates\n\n_No gates configured: add `gates:` to mlops.yml._";
  const icon = { pass: "\u2705", fail: "\u274C", skipped: "\u23ED\uFE0F" };
  const rows = gates.results.map((r) => [
    `${icon[r.status]} ${r.status}`,
    r.description,
    formatNumber(r.actual),
    r.expected ?? "\u2014",
    r.reason ?? ""
  ]);
  return `### Gates: ${gates.verdict}

${markdownTable(["status", "gate", "actual", "required", "note"], rows)}`;
}
function renderSlices(slices) {
  if (slices.length === 0) return null;
  const parts = slices.map((slice) => {
    const metrics = [...new Set(slice.values.flatMap((v) => Object.keys(v.metrics)))].slice(0, 6);
    const rows = slice.values.map((v) => [
      v.value,
      String(v.count),
      ...metrics.map((m) => formatNumber(v.metrics[m]))
    ]);
    return `<details><summary>Slices by <code>${slice.column}</code> (${slice.values.length} values)</summary>

${markdownTable([slice.column, "rows", ...metrics], rows)}

</details>`;
  });
  return `### Slices

${parts.join("\n\n")}`;
}
function renderConfusion(evaluation) {
  const cm = evaluation.confusionMatrix;
  if (!cm || cm.classes.length > 20) return null;
  const rows = cm.matrix.map((row, i) => [`**${cm.classes[i]}**`, ...row.map(String)]);
  return `<details><summary>Confusion matrix (rows: actual, columns: predicted)</summary>

${markdownTable(["", ...cm.classes], rows)}

</details>`;
}
function renderRoc(roc) {
  if (!roc || roc.length < 2) return null;
  const fpr = roc.map((p) => p.fpr.toFixed(3)).join(", ");
  const tpr = roc.map((p) => p.tpr.toFixed(3)).join(", ");
  return [
    "<details><summary>ROC curve</summary>",
    "",
    "```mermaid",
    "xychart-beta",
    '  title "ROC (true positive rate by false positive rate)"',
    `  x-axis "false positive rate" [${fpr}]`,
    '  y-axis "true positive rate" 0 --> 1',
    `  line [${tpr}]`,
    "```",
    "",
    "</details>"
  ].join("\n");
}
function renderDataChecks(validation) {
  if (!validation) return null;
  const lines = [
    `### Data checks: ${validation.passed ? "passed" : "failed"}`,
    "",
    `${validation.rows} rows read; ${validation.unlabeled} without a label dropped; schema ${validation.schemaSource}.`
  ];
  if (validation.anomalies.length) {
    const rows = validation.anomalies.map((a) => [
      a.severity === "ERROR" ? "\u274C ERROR" : "\u26A0\uFE0F WARNING",
      a.type,
      a.column ?? "(dataset)",
      a.description
    ]);
    lines.push(
      "",
      `<details${validation.passed ? "" : " open"}><summary>${validation.anomalies.length} anomalies</summary>

${markdownTable(["severity", "anomaly", "column", "details"], rows)}

</details>`
    );
  } else {
    lines.push("", "No anomalies.");
  }
  return lines.join("\n");
}
function renderRun(input) {
  if (!input.training) return null;
  const { rows, backend, epochs } = input.training;
  return `<sub>Trained on ${rows.train} rows (validation ${rows.validation}, test ${rows.test}) for ${epochs} epochs on the ${backend} backend by mlops-actions.</sub>`;
}
function fitToLimit(sections, limit) {
  const note = (dropped) => `

> \u26A0\uFE0F Report cut to fit GitHub's ${limit}-character comment limit: ${dropped} section(s) left out. The full report is in the job summary artifact.`;
  let kept = sections.length;
  let text = sections.join("\n\n");
  while (text.length + 1 > limit && kept > 1) {
    kept--;
    text = sections.slice(0, kept).join("\n\n") + note(sections.length - kept);
  }
  if (text.length + 1 > limit) text = text.slice(0, limit - 200) + note(sections.length - kept);
  return `${text}
`;
}

// src/actions/identity.ts
import { createHash as createHash3 } from "node:crypto";
import path7 from "node:path";
function modelName(config) {
  return config.name ?? toModelName(path7.basename(config.data.train));
}
function configHash(config) {
  return createHash3("sha256").update(canonicalJson(config)).digest("hex");
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0);
    entries.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

// src/actions/report.ts
async function runReport(ctx) {
  const paths = outputPaths(ctx.out);
  const optional = async (file, step) => await ctx.deps.fs.exists(file) ? readStepOutput(ctx, file, step) : null;
  const validation = await optional(paths.validation, "validate");
  const evaluation = validation && !validation.passed ? await optional(paths.evaluation, "evaluate") : await readStepOutput(ctx, paths.evaluation, "evaluate");
  const training = await optional(
    path8.join(paths.model, BUNDLE_FILES.training),
    "train"
  );
  const registration = await optional(paths.registration, "register");
  const markdown = renderReport({
    name: evaluation?.name ?? modelName(ctx.config),
    model: evaluation && {
      task: evaluation.evaluation.task,
      evaluation: evaluation.evaluation,
      baseline: evaluation.baseline,
      comparison: evaluation.comparison,
      gates: evaluation.gates
    },
    validation: validation && {
      rows: validation.rows,
      unlabeled: validation.unlabeled.count,
      anomalies: validation.anomalies,
      passed: validation.passed,
      schemaSource: validation.schemaSource
    },
    training: training && {
      rows: training.rows,
      backend: training.backend,
      epochs: training.epochs.run
    },
    version: registration?.version ?? null
  });
  await ctx.deps.fs.write(paths.report, markdown);
  ctx.deps.log.info(`report written to ${paths.report}`);
  return { path: paths.report, markdown };
}

// src/actions/train.ts
import path9 from "node:path";

// src/data/statistics.ts
var TOP_CATEGORIES = 100;
var TOP_TEXT = 10;
var HISTOGRAM_BUCKETS = 10;
var INVALID_EXAMPLES = 5;
function computeStatistics(table, kinds = {}) {
  const columns = table.columns.map((name, index) => {
    const values = table.rows.map((row) => row[index] ?? null);
    const kind = Object.hasOwn(kinds, name) ? kinds[name] : void 0;
    return columnStats(name, kind ?? inferKind(values), values);
  });
  return { rows: table.rows.length, columns };
}
function columnStats(name, kind, values) {
  const present = values.filter((value) => !isMissing(value));
  const stats = {
    name,
    kind,
    count: present.length,
    missing: values.length - present.length
  };
  switch (kind) {
    case "numeric":
    case "date": {
      const parse = kind === "numeric" ? parseNumber : parseDate;
      const { parsed, invalid } = parseAll(present, parse);
      if (invalid) stats.invalid = invalid;
      if (parsed.length > 0) stats.numeric = numericStats(parsed);
      break;
    }
    case "boolean": {
      const { parsed, invalid } = parseAll(present, parseBoolean);
      if (invalid) stats.invalid = invalid;
      if (parsed.length > 0)
        stats.categorical = categoricalStats(parsed.map(String), TOP_CATEGORIES);
      break;
    }
    case "categorical":
      stats.categorical = categoricalStats(present.map(String), TOP_CATEGORIES);
      break;
    case "text":
      stats.categorical = categoricalStats(present.map(String), TOP_TEXT);
      break;
    case "empty":
      break;
  }
  return stats;
}
function parseAll(values, parse) {
  const parsed = [];
  let count = 0;
  const examples = /* @__PURE__ */ new Set();
  for (const value of values) {
    const result = parse(value);
    if (result !== null) {
      parsed.push(result);
      continue;
    }
    count++;
    if (examples.size < INVALID_EXAMPLES) examples.add(String(value));
  }
  return count > 0 ? { parsed, invalid: { count, examples: [...examples] } } : { parsed };
}
function numericStats(values) {
  let count = 0;
  let mean = 0;
  let sumSquares = 0;
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  let integer = true;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    count++;
    const delta = value - mean;
    mean += delta / count;
    sumSquares += delta * (value - mean);
    min = Math.min(min, value);
    max = Math.max(max, value);
    if (value === 0) zeros++;
    if (!Number.isInteger(value)) integer = false;
  }
  const sorted = Float64Array.from(values.filter(Number.isFinite)).sort();
  if (count === 0) min = max = 0;
  return {
    min,
    max,
    mean,
    std: count > 0 ? Math.sqrt(sumSquares / count) : 0,
    zeros,
    nonFinite: values.length - count,
    integer,
    quantiles: {
      p01: quantile(sorted, 0.01),
      p25: quantile(sorted, 0.25),
      p50: quantile(sorted, 0.5),
      p75: quantile(sorted, 0.75),
      p99: quantile(sorted, 0.99)
    },
    histogram: histogram(sorted, min, max)
  };
}
function quantile(sorted, q) {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const below = sorted[lower] ?? 0;
  const above = sorted[Math.ceil(position)] ?? below;
  return below + (above - below) * (position - lower);
}
function histogram(values, min, max) {
  if (values.length === 0) return { edges: [0], counts: [] };
  if (min === max) return { edges: [min, max], counts: [values.length] };
  const width = (max - min) / HISTOGRAM_BUCKETS;
  const edges = Array.from({ length: HISTOGRAM_BUCKETS + 1 }, (_, i) => min + i * width);
  edges[HISTOGRAM_BUCKETS] = max;
  const counts = new Array(HISTOGRAM_BUCKETS).fill(0);
  for (const value of values) {
    const bucket = Math.min(Math.floor((value - min) / width), HISTOGRAM_BUCKETS - 1);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return { edges, counts };
}
function categoricalStats(values, topSize) {
  const counts = /* @__PURE__ */ new Map();
  let totalLength = 0;
  for (const value of values) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
    totalLength += value.length;
  }
  const top = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).slice(0, topSize);
  return {
    unique: counts.size,
    top,
    avgLength: values.length > 0 ? totalLength / values.length : 0
  };
}

// src/model/train.ts
import * as tf5 from "@tensorflow/tfjs-core";

// src/model/network.ts
import * as tf4 from "@tensorflow/tfjs-core";
import * as tfl2 from "@tensorflow/tfjs-layers";
function buildNetwork(shape) {
  const model = tfl2.sequential({ name: "mlops" });
  shape.hidden.forEach((units, i) => {
    model.add(
      tfl2.layers.dense({
        name: `hidden_${i + 1}`,
        units,
        activation: "relu",
        kernelInitializer: tfl2.initializers.heNormal({ seed: shape.seed + i }),
        ...i === 0 ? { inputShape: [shape.inputWidth] } : {}
      })
    );
    if (shape.dropout > 0) {
      model.add(tfl2.layers.dropout({ name: `dropout_${i + 1}`, rate: shape.dropout }));
    }
  });
  const { loss, ...output } = outputLayer(shape.task, shape.classes);
  model.add(
    tfl2.layers.dense({
      name: "output",
      ...output,
      kernelInitializer: tfl2.initializers.glorotUniform({ seed: shape.seed + shape.hidden.length }),
      ...shape.hidden.length === 0 ? { inputShape: [shape.inputWidth] } : {}
    })
  );
  model.compile({ optimizer: tf4.train.adam(shape.learningRate), loss });
  return model;
}
function outputLayer(task, classes) {
  switch (task) {
    case "binary":
      return { units: 1, activation: "sigmoid", loss: "binaryCrossentropy" };
    case "multiclass":
      return { units: classes, activation: "softmax", loss: "categoricalCrossentropy" };
    case "regression":
      return { units: 1, activation: "linear", loss: "meanSquaredError" };
  }
}

// src/model/train.ts
async function fitNetwork(train2, validation, options) {
  return withSeededRandom(options.seed, async () => {
    const model = buildNetwork(options);
    const rng = createRng(options.seed);
    const order = Array.from({ length: train2.count }, (_, i) => i);
    const x = tf5.tensor2d(train2.features, [train2.count, options.inputWidth]);
    const y = labelTensor(train2, options.task, options.classes);
    const val = validation && validation.count > 0 ? toTensors(validation, options) : null;
    const history = [];
    let best = { loss: Infinity, epoch: 0, weights: [] };
    try {
      for (let epoch = 1; epoch <= options.epochs; epoch++) {
        const indices = tf5.tensor1d(shuffleInPlace(order, rng), "int32");
        const [xs, ys] = [tf5.gather(x, indices), tf5.gather(y, indices)];
        const fit = await model.fit(xs, ys, {
          epochs: 1,
          batchSize: options.batchSize,
          shuffle: false,
          validationData: val ?? void 0,
          verbose: 0
        });
        tf5.dispose([indices, xs, ys]);
        const log = epochLog(epoch, fit.history);
        history.push(log);
        options.onEpoch?.(log);
        const monitored = log.valLoss ?? log.loss;
        if (monitored < best.loss - options.minDelta) {
          tf5.dispose(best.weights);
          best = { loss: monitored, epoch, weights: model.getWeights().map((w) => w.clone()) };
        } else if (epoch - best.epoch >= options.patience) {
          break;
        }
      }
      model.setWeights(best.weights);
      return {
        model,
        history,
        bestEpoch: best.epoch,
        stoppedEarly: history.length < options.epochs
      };
    } finally {
      tf5.dispose([x, y, ...val ?? [], ...best.weights]);
    }
  });
}
function toTensors(examples, shape) {
  return [
    tf5.tensor2d(examples.features, [examples.count, shape.inputWidth]),
    labelTensor(examples, shape.task, shape.classes)
  ];
}
function labelTensor(examples, task, classes) {
  if (task !== "multiclass") return tf5.tensor2d(examples.labels, [examples.count, 1]);
  return tf5.tidy(
    () => tf5.cast(tf5.oneHot(tf5.tensor1d(examples.labels, "int32"), classes), "float32")
  );
}
function epochLog(epoch, history) {
  const last = (key) => {
    const value = history[key]?.at(-1);
    return typeof value === "number" ? value : void 0;
  };
  const valLoss = last("val_loss");
  return { epoch, loss: last("loss") ?? NaN, ...valLoss === void 0 ? {} : { valLoss } };
}
async function withSeededRandom(seed, fn) {
  const original = Math.random;
  Math.random = createRng(seed ^ 24301);
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}

// src/report/model-card.ts
function renderModelCard(training, metrics) {
  const { rows, epochs } = training;
  return [
    `# Model card: ${training.name}`,
    "",
    `A ${training.task} model predicting \`${training.label}\` from ${training.features.length} features, trained by mlops-actions.`,
    "",
    "## Validation metrics",
    "",
    Object.keys(metrics).length ? markdownTable(
      ["metric", "value"],
      Object.entries(metrics).map(([m, v]) => [m, formatNumber(v)])
    ) : "_No validation split was configured._",
    "",
    "## Data",
    "",
    markdownTable(
      ["split", "rows"],
      [
        ["train", String(rows.train)],
        ["validation", String(rows.validation)],
        ["test", String(rows.test)],
        ["dropped (no label)", String(rows.unlabeled)]
      ]
    ),
    "",
    `Data sha256 \`${training.dataHash}\`, config sha256 \`${training.configHash}\`.`,
    "",
    "## Features",
    "",
    markdownTable(
      ["column", "kind"],
      training.features.map((f) => [f.column, f.kind])
    ),
    "",
    "## Training",
    "",
    `- backend: ${training.backend}, seed: ${training.seed}`,
    `- epochs run: ${epochs.run}, weights kept from epoch ${epochs.best}${epochs.stoppedEarly ? " (stopped early)" : ""}`,
    "",
    "## Intended use and limits",
    "",
    "Evaluated on a held-out test split of the same data; check the slice metrics in the evaluation",
    "report before using it on populations that differ from the training data.",
    ""
  ].join("\n");
}

// src/actions/train.ts
async function runTrain(ctx) {
  const { config, deps } = ctx;
  const dataset = await loadDataset(ctx);
  const { table, split, features, label, unlabeled } = dataset.prepared;
  const labelIndex = table.columns.indexOf(label);
  const trainLabels = split.train.map((row) => table.rows[row]?.[labelIndex] ?? null);
  const task = config.model.task ?? inferTask(
    table.rows.map((row) => row[labelIndex] ?? null),
    label
  );
  const labelEncoding = fitLabelEncoding(task, trainLabels, label);
  const spec = fitPreprocessing(table, split.train, features, { column: label, ...labelEncoding });
  const train2 = encodeRows(spec, table, split.train);
  const validation = encodeRows(spec, table, split.validation);
  const backend = await selectBackend(config.model.backend, deps.backend);
  backend.skipped.forEach((s) => deps.log.info(`backend ${s.name} not used: ${s.reason}`));
  deps.log.info(`TensorFlow.js ${backend.version}, backend: ${backend.name}`);
  const { model, history, bestEpoch, stoppedEarly } = await deps.log.group(
    `Training a ${task} model on ${train2.examples.count} rows (${spec.width} inputs)`,
    () => fitNetwork(train2.examples, validation.examples, {
      inputWidth: spec.width,
      task,
      classes: labelEncoding.task === "multiclass" ? labelEncoding.classes.length : 1,
      hidden: config.model.hidden,
      dropout: config.model.dropout,
      learningRate: config.model.learning_rate,
      seed: config.model.seed,
      epochs: config.model.epochs,
      batchSize: config.model.batch_size,
      patience: config.model.early_stopping.patience,
      minDelta: config.model.early_stopping.min_delta,
      onEpoch: (e) => deps.log.info(
        `epoch ${e.epoch}/${config.model.epochs}: loss ${e.loss.toFixed(4)}` + (e.valLoss === void 0 ? "" : `, val_loss ${e.valLoss.toFixed(4)}`)
      )
    })
  );
  let metrics = {};
  if (validation.examples.count > 0) {
    const outputs = await predictRows(
      model,
      validation.examples.features,
      validation.examples.count,
      spec.width,
      labelEncoding
    );
    metrics = computeMetrics(toPredictions(spec, outputs, validation.examples.labels));
  }
  const files = await serializeModel(model);
  model.dispose();
  const kinds = Object.fromEntries(features.map((f) => [f.column, f.kind]));
  const trainTable = { ...table, rows: split.train.map((r) => table.rows[r] ?? []) };
  const training = {
    name: modelName(config),
    task,
    label,
    features,
    rows: {
      train: train2.examples.count,
      validation: validation.examples.count,
      test: split.test.length,
      unlabeled: unlabeled.count
    },
    backend: backend.name,
    seed: config.model.seed,
    epochs: { run: history.length, best: bestEpoch, stoppedEarly },
    dataHash: dataset.dataHash,
    configHash: configHash(config)
  };
  const bundle = {
    files,
    preprocessing: spec,
    schema: dataset.schema ?? inferSchema(computeStatistics(dataset.raw, kinds), { label }),
    statistics: computeStatistics(trainTable, kinds),
    history,
    metrics,
    training,
    card: renderModelCard(training, metrics)
  };
  const bundleDir = outputPaths(ctx.out).model;
  for (const [name, data] of Object.entries(bundleToFiles(bundle))) {
    await deps.fs.write(path9.join(bundleDir, name), data);
  }
  deps.log.info(`model bundle written to ${bundleDir}`);
  return { bundleDir, training, metrics };
}

// src/data/anomalies.ts
var DEFAULT_MIN_EXAMPLES = 10;
var ENUM_ERROR_SHARE = 0.01;
var EXAMPLES_SHOWN = 5;
var UPDATE_SCHEMA = "update the schema with `mlops validate --update-schema`";
var PARSERS = {
  numeric: parseNumber,
  boolean: parseBoolean,
  date: parseDate
};
function detectAnomalies(stats, schema, options = {}) {
  const minExamples = options.minExamples ?? DEFAULT_MIN_EXAMPLES;
  const anomalies = [];
  if (stats.rows < minExamples) {
    anomalies.push({
      column: null,
      type: "DATASET_LOW_NUM_EXAMPLES",
      severity: "ERROR",
      description: `The data has ${stats.rows} rows, fewer than the ${minExamples} required. Check that the whole file was read and that upstream filtering did not drop rows.`
    });
  }
  const columns = new Map(stats.columns.map((column) => [column.name, column]));
  for (const feature of schema.features) {
    const column = columns.get(feature.name);
    if (column) anomalies.push(...featureAnomalies(feature, column, stats.rows));
    else anomalies.push(missingColumn(feature, feature.name === schema.label));
  }
  const known = new Set(schema.features.map((feature) => feature.name));
  for (const column of stats.columns) {
    if (known.has(column.name)) continue;
    anomalies.push({
      column: column.name,
      type: "SCHEMA_NEW_COLUMN",
      severity: "WARNING",
      description: `Column "${column.name}" (${column.kind}) is in the data but not in the schema, so it is not validated. If it is expected, ${UPDATE_SCHEMA}.`
    });
  }
  return anomalies;
}
function missingColumn(feature, isLabel) {
  const required = isLabel || feature.minPresence > 0;
  const why = isLabel ? "it is the label" : `the schema requires a value in ${percent(feature.minPresence)} of rows`;
  return {
    column: feature.name,
    type: "SCHEMA_MISSING_COLUMN",
    severity: required ? "ERROR" : "WARNING",
    description: required ? `Column "${feature.name}" is missing from the data and ${why}. Restore the column, or remove it from the schema if it was dropped on purpose.` : `Column "${feature.name}" is missing from the data; it is optional in the schema. Remove it from the schema if it was dropped on purpose.`
  };
}
function featureAnomalies(feature, column, rows) {
  const anomalies = [];
  const anomaly = (type, severity, description) => anomalies.push({ column: feature.name, type, severity, description });
  const name = `"${feature.name}"`;
  if (rows > 0 && column.count / rows < feature.minPresence) {
    anomaly(
      "FEATURE_TYPE_LOW_FRACTION_PRESENT",
      "ERROR",
      `${name} has a value in ${percent(column.count / rows)} of rows (${column.count} of ${rows}), below the schema's minPresence of ${percent(feature.minPresence)}. Fix the missing values at the source, or lower minPresence for ${name} in the schema if they are now expected.`
    );
  }
  if (column.count === 0) return anomalies;
  if (!kindsCompatible(feature.kind, column.kind)) {
    const examples = (column.categorical?.top ?? []).map((entry) => entry.value).filter((value) => PARSERS[feature.kind]?.(value) === null).slice(0, EXAMPLES_SHOWN);
    anomaly(
      "UNEXPECTED_DATA_TYPE",
      feature.kind === "empty" ? "WARNING" : "ERROR",
      `${name} is ${feature.kind} in the schema but its values read as ${column.kind}${examples.length > 0 ? ` (e.g. ${quoteAll(examples)})` : ""}. Fix the values, or ${UPDATE_SCHEMA} if the column changed on purpose.`
    );
    return anomalies;
  }
  const invalid = column.invalid;
  const invalidText = invalid ? `${invalid.count} of ${column.count} values (${percent(invalid.count / column.count)}) are not ${feature.kind === "numeric" ? "numbers" : `${feature.kind}s`}, e.g. ${quoteAll(invalid.examples)}` : "";
  const fixValues = `Fix the values at the source, or ${UPDATE_SCHEMA} if the column changed on purpose.`;
  const numeric = column.numeric;
  switch (feature.kind) {
    case "numeric": {
      if (feature.integer) {
        const fractional = numeric && !numeric.integer ? "some values have a fractional part" : "";
        const found = [invalidText, fractional].filter(Boolean).join("; ");
        if (found) {
          anomaly(
            "INT_TYPE_NOT_INT_STRING",
            "ERROR",
            `${name} must hold integers: ${found}. ${fixValues}`
          );
        }
      } else if (invalid) {
        anomaly(
          "FLOAT_TYPE_STRING_NOT_FLOAT",
          "ERROR",
          `${name} must hold numbers: ${invalidText}. ${fixValues}`
        );
      }
      if (numeric && numeric.nonFinite > 0) {
        anomaly(
          "FLOAT_TYPE_HAS_INF",
          "ERROR",
          `${name} has ${numeric.nonFinite} infinite values, which break scaling and training. Replace them at the source with a finite value or leave the cell empty (missing).`
        );
      }
      if (numeric) anomalies.push(...boundAnomalies(feature, numeric.min, numeric.max));
      break;
    }
    case "boolean":
      if (invalid) {
        anomaly(
          "BOOL_TYPE_UNEXPECTED_STRING",
          "ERROR",
          `${name} must hold true/false, yes/no, t/f, y/n or 1/0: ${invalidText}. ${fixValues}`
        );
      }
      break;
    case "date":
      if (invalid) {
        anomaly(
          "DATE_TYPE_STRING_NOT_DATE",
          "ERROR",
          `${name} must hold ISO 8601 dates (2024-01-31, 2024-01-31T10:00:00Z) or YYYY/MM/DD: ${invalidText}. ${fixValues}`
        );
      }
      break;
    case "categorical": {
      const unexpected = unexpectedValues(feature, column);
      if (unexpected) anomalies.push(unexpected);
      break;
    }
    case "text":
    case "empty":
      break;
  }
  return anomalies;
}
function kindsCompatible(expected, actual) {
  return expected === actual || expected === "text" || expected === "categorical" && actual === "text";
}
function boundAnomalies(feature, min, max) {
  const prefix = feature.integer ? "INT_TYPE" : "FLOAT_TYPE";
  const noun = feature.integer ? "INT" : "FLOAT";
  const fix = `Fix the values, or widen the bound for "${feature.name}" in the schema if they are valid.`;
  const anomalies = [];
  if (feature.max !== void 0 && max > feature.max) {
    anomalies.push({
      column: feature.name,
      type: `${prefix}_BIG_${noun}`,
      severity: "ERROR",
      description: `"${feature.name}" has values up to ${max}, above the schema's max of ${feature.max}. ${fix}`
    });
  }
  if (feature.min !== void 0 && min < feature.min) {
    anomalies.push({
      column: feature.name,
      type: `${prefix}_SMALL_${noun}`,
      severity: "ERROR",
      description: `"${feature.name}" has values down to ${min}, below the schema's min of ${feature.min}. ${fix}`
    });
  }
  return anomalies;
}
function unexpectedValues(feature, column) {
  const stats = column.categorical;
  if (!feature.values || !stats) return null;
  const domain = new Set(feature.values);
  const unexpected = stats.top.filter((entry) => !domain.has(entry.value));
  const truncated = stats.top.length < stats.unique;
  const unseen = truncated ? Math.max(0, stats.unique - domain.size - unexpected.length) : 0;
  if (unexpected.length === 0 && unseen === 0) return null;
  const count = unexpected.reduce((sum2, entry) => sum2 + entry.count, unseen);
  const share = count / column.count;
  const severity = share < ENUM_ERROR_SHARE ? "WARNING" : "ERROR";
  const shown = unexpected.slice(0, EXAMPLES_SHOWN).map((entry) => `${JSON.stringify(entry.value)} (${entry.count})`).join(", ");
  const atLeast = truncated ? "at least " : "";
  return {
    column: feature.name,
    type: "ENUM_TYPE_UNEXPECTED_STRING_VALUES",
    severity,
    description: `"${feature.name}" has ${atLeast}${count} values (${atLeast}${percent(share)} of values) outside the schema's ${domain.size} known values${shown ? `, e.g. ${shown}` : ""}; under ${percent(ENUM_ERROR_SHARE)} this is a warning, from ${percent(ENUM_ERROR_SHARE)} an error. If the new values are expected, ${UPDATE_SCHEMA}; otherwise fix them at the source.`
  };
}
function percent(share) {
  return `${Number((share * 100).toFixed(1))}%`;
}
function quoteAll(values) {
  return values.map((value) => JSON.stringify(value)).join(", ");
}

// src/actions/validate.ts
async function runValidate(ctx, options = {}) {
  const { config, deps } = ctx;
  const dataset = await loadDataset(ctx);
  const committed = options.updateSchema ? null : dataset.schema;
  const kinds = committed ? schemaKinds(committed) : Object.fromEntries(dataset.prepared.features.map((f) => [f.column, f.kind]));
  const statistics = computeStatistics(dataset.raw, kinds);
  const schema = committed ?? inferSchema(statistics, { label: config.data.label });
  const anomalies = detectAnomalies(statistics, schema, {
    minExamples: config.validation.min_examples
  });
  const failOn = config.validation.fail_on;
  const passed = anomalies.every(
    (a) => failOn === "never" || failOn === "error" && a.severity !== "ERROR"
  );
  const outcome = {
    source: config.data.train,
    rows: dataset.raw.rows.length,
    unlabeled: dataset.prepared.unlabeled,
    statistics,
    schema,
    schemaSource: committed ? "committed" : "inferred",
    anomalies,
    passed
  };
  const paths = outputPaths(ctx.out);
  await writeJson(ctx, paths.validation, outcome);
  await deps.fs.write(paths.schema, formatSchema(schema));
  if (options.updateSchema) {
    await deps.fs.write(dataset.schemaPath, formatSchema(schema));
    deps.log.info(`schema written to ${dataset.schemaPath}: review and commit it`);
  }
  for (const anomaly of anomalies) {
    deps.log[anomaly.severity === "ERROR" ? "warn" : "info"](
      `${anomaly.severity} ${anomaly.type}${anomaly.column ? ` (${anomaly.column})` : ""}: ${anomaly.description}`
    );
  }
  deps.log.info(`validation ${passed ? "passed" : "failed"}: ${anomalies.length} anomalies`);
  return outcome;
}

// src/actions/pipeline.ts
async function runPipeline(ctx, options = {}) {
  const paths = outputPaths(ctx.out);
  for (const stale of [paths.evaluation, paths.registration, paths.report, paths.model]) {
    await ctx.deps.fs.remove(stale);
  }
  const validation = await runValidate(ctx);
  if (!validation.passed) {
    ctx.deps.log.warn("data validation failed: not training. See the data checks in the report.");
    const report2 = await runReport(ctx);
    return {
      validation,
      training: null,
      evaluation: null,
      registration: null,
      report: report2,
      passed: false
    };
  }
  const training = await runTrain(ctx);
  const evaluation = await runEvaluate(ctx);
  const registration = evaluation.blessed && options.register !== false ? await runRegister(ctx) : null;
  const report = await runReport(ctx);
  return { validation, training, evaluation, registration, report, passed: evaluation.blessed };
}

// src/actions/promote.ts
import semver3 from "semver";
async function runPromote(ctx, request) {
  const { deps, config } = ctx;
  const { name, stage } = request;
  const version = request.version.replace(/^v/, "");
  if (!config.registry.stages.includes(stage)) {
    throw new UsageError(
      `--to ${stage}: not a stage of this registry; registry.stages is [${config.registry.stages.join(", ")}].`
    );
  }
  const records = await deps.tags.list();
  const model = findModel(replayTags(records), name);
  if (!model)
    throw new UsageError(
      `no model "${name}" in the registry: run \`mlops registry ls\` to see the models.`
    );
  const entry = model.versions.find((v) => v.version === version && !v.deregistered);
  if (!entry) {
    const known = model.versions.filter((v) => !v.deregistered).map((v) => v.version);
    throw new UsageError(
      `${name} has no registered version ${version}; it has: ${known.join(", ") || "none"}.`
    );
  }
  const higher = model.versions.find(
    (v) => v.commit === entry.commit && !v.deregistered && v.version !== version && semver3.gt(v.version, version)
  );
  if (higher) {
    throw new UsageError(
      `${name} v${version} shares commit ${entry.commit.slice(0, 7)} with v${higher.version}, so a stage tag there would assign v${higher.version}. Promote v${higher.version}, or register v${version} from its own commit.`
    );
  }
  const previous = stageVersion(model, stage);
  if (previous === version) {
    throw new RegistryConflict(`${name} v${version} is already in ${stage}; nothing to do.`);
  }
  const tag = stageTag(name, stage, nextStageCounter(records, name));
  const message = `Promote ${name} v${version} to ${stage}

${JSON.stringify(
    {
      name,
      version,
      stage,
      previous,
      promotedAt: deps.now().toISOString(),
      ...deps.runUrl ? { runUrl: deps.runUrl } : {}
    },
    null,
    2
  )}
`;
  const record = await deps.tags.create(tag, message, entry.commit);
  await deps.tags.push?.(tag);
  deps.log.info(
    `${tag}: ${name} v${version} is now in ${stage}${previous ? ` (was v${previous})` : ""}`
  );
  return { name, version, stage, tag, commit: record.commit, previous };
}

// src/cli/deps.ts
import { mkdtemp as mkdtemp2 } from "node:fs/promises";
import os from "node:os";
import path12 from "node:path";

// src/adapters/git.ts
import { simpleGit } from "simple-git";
var FIELDS = [
  "%(refname:strip=2)",
  "%(objecttype)",
  "%(objectname)",
  "%(taggerdate:iso-strict)",
  "%(*objecttype)",
  "%(*objectname)",
  "%(contents)",
  "%(contents:signature)",
  "%(*committerdate:iso-strict)"
];
var FORMAT = FIELDS.map((field) => `${field}%00`).join("");
function createGitTagStore(options) {
  const { dir, remote } = options;
  const git = openRepository(options);
  async function run(action, args) {
    try {
      return await git.raw(args);
    } catch (error) {
      throw gitFailure(action, dir, error);
    }
  }
  async function readTags(pattern) {
    return parseForEachRef(await run("list tags", ["for-each-ref", `--format=${FORMAT}`, pattern]));
  }
  async function fetchTags() {
    if (remote === void 0) return;
    try {
      await git.raw(["fetch", "--no-recurse-submodules", remote, "refs/tags/*:refs/tags/*"]);
    } catch (error) {
      const detail = gitOutput(error);
      if (detail.includes("would clobber existing tag")) {
        throw new RegistryConflict(
          `A local tag differs from the tag of the same name on remote "${remote}":
${detail}
The remote is the registry of record: delete the local tag (git tag -d TAG) and retry.`
        );
      }
      throw gitFailure(`fetch tags from "${remote}"`, dir, error);
    }
  }
  async function readRecord(tag) {
    const raw = (await readTags(`refs/tags/${tag}`)).find((candidate) => candidate.name === tag);
    const record = raw && toRecord(raw);
    if (!record) throw new MlopsError(`Tag ${tag} was created in ${dir} but cannot be read back.`);
    return record;
  }
  async function resolveCommit(ref) {
    try {
      return (await git.raw(["rev-parse", "--verify", "--end-of-options", `${ref}^{commit}`])).trim();
    } catch {
      throw new MlopsError(
        `Cannot tag "${ref}" in ${dir}: it is not a commit. Pass a commit, branch or tag that exists (in a shallow CI checkout, fetch it first).`
      );
    }
  }
  const store = {
    async list() {
      await fetchTags();
      return (await readTags("refs/tags")).flatMap((raw) => toRecord(raw) ?? []);
    },
    async create(tag, message, ref = "HEAD") {
      await fetchTags();
      const existing = (await readTags(`refs/tags/${tag}`)).find((raw) => raw.name === tag);
      if (existing) {
        const where = remote === void 0 ? dir : `${dir} or on remote "${remote}"`;
        throw new RegistryConflict(
          `Tag ${tag} already exists in ${where} (on ${(existing.target || existing.object).slice(0, 7)}). Nothing was changed. If someone registered or promoted meanwhile, run the command again to plan a new version or counter; otherwise choose another version.`
        );
      }
      const commit = await resolveCommit(ref);
      await run(`create tag ${tag}`, [
        "tag",
        "-a",
        "--cleanup=verbatim",
        "-m",
        message,
        tag,
        commit
      ]);
      return readRecord(tag);
    }
  };
  if (remote !== void 0) {
    store.push = async (tag) => {
      try {
        await git.raw(["push", remote, `refs/tags/${tag}:refs/tags/${tag}`]);
      } catch (error) {
        const detail = gitOutput(error);
        if (/\[rejected\]|already exists/.test(detail)) {
          await run(`delete local tag ${tag}`, ["tag", "-d", tag]);
          throw new RegistryConflict(
            `Tag ${tag} already exists on remote "${remote}" with different content, so it was not pushed; the local copy was deleted and the remote one kept. Someone registered or promoted at the same time: run the command again to plan a new version or counter.`
          );
        }
        throw gitFailure(`push tag ${tag} to "${remote}"`, dir, error);
      }
    };
  }
  return store;
}
function openRepository({ dir, tagger }) {
  const config = tagger ? [`user.name=${tagger.name}`, `user.email=${tagger.email}`] : [];
  try {
    return simpleGit({ baseDir: dir, config });
  } catch (error) {
    throw new MlopsError(`Cannot open the git repository at ${dir}: ${gitOutput(error)}`);
  }
}
function parseForEachRef(output) {
  const fields = output.split("\0");
  const tags = [];
  for (let start = 0; start + FIELDS.length <= fields.length; start += FIELDS.length) {
    const [
      name,
      objectType,
      object,
      taggerDate,
      targetType,
      target,
      contents,
      signature,
      commitDate
    ] = fields.slice(start, start + FIELDS.length);
    const message = signature && contents?.endsWith(signature) ? contents.slice(0, -signature.length) : contents ?? "";
    tags.push({
      name: (name ?? "").replace(/^\n/, ""),
      objectType: objectType ?? "",
      object: object ?? "",
      // Tags imported from very old repositories may lack a tagger; their commit date stands in.
      createdAt: taggerDate || commitDate || "",
      targetType: targetType ?? "",
      target: target ?? "",
      message
    });
  }
  return tags;
}
function toRecord(raw) {
  if (raw.objectType !== "tag" || raw.targetType !== "commit" || !raw.createdAt) return null;
  return {
    tag: raw.name,
    createdAt: new Date(raw.createdAt).toISOString(),
    message: raw.message,
    commit: raw.target
  };
}
function gitOutput(error) {
  const text = typeof error === "object" && error !== null && "message" in error ? String(error.message) : String(error);
  return text.split("\n").map((line) => line.trimEnd()).filter((line) => line.trim() !== "").slice(0, 8).join("\n");
}
function gitFailure(action, dir, error) {
  const detail = gitOutput(error);
  let advice = "";
  if (/not a git repository/i.test(detail)) {
    advice = `
Run inside a clone of the repository (or git init ${dir}).`;
  } else if (/tell me who you are|empty ident|user\.email/i.test(detail)) {
    advice = "\nSet an identity for the tags: git config user.name NAME && git config user.email EMAIL (in GitHub Actions, github-actions[bot] and 41898282+github-actions[bot]@users.noreply.github.com).";
  } else if (/permission|denied|403|authentication|could not read username/i.test(detail)) {
    advice = "\nThe remote refused access: in GitHub Actions grant `permissions: contents: write` and keep the checkout credentials (actions/checkout with persist-credentials).";
  }
  return new MlopsError(`git could not ${action} in ${dir}:
${detail}${advice}`);
}

// src/adapters/local-releases.ts
import { mkdir as mkdir3, mkdtemp, readFile as readFile2, readdir as readdir2, rename, rm as rm2, stat, writeFile as writeFile2 } from "node:fs/promises";
import path10 from "node:path";
import { pathToFileURL } from "node:url";
var SUMS_FILE = "SHA256SUMS";
var RELEASE_FILE = "release.json";
function createLocalReleaseStore(root) {
  const releaseDir = (tag) => path10.join(root, tagToDirName(tag));
  async function readSums(tag) {
    let text;
    try {
      text = await readFile2(path10.join(releaseDir(tag), SUMS_FILE), "utf8");
    } catch (error) {
      if (isErrorCode(error, "ENOENT")) {
        throw new MlopsError(
          `No release ${tag} in ${root} (or it has no ${SUMS_FILE}). Register the version first.`
        );
      }
      throw error;
    }
    return parseSha256Sums(text);
  }
  return {
    async publish(release) {
      const names = release.assets.map((asset) => checkAssetName(asset.name));
      const duplicate = names.find((name, index) => names.indexOf(name) !== index);
      if (duplicate) throw new UsageError(`Release ${release.tag} lists asset ${duplicate} twice.`);
      const target = releaseDir(release.tag);
      if (await exists(target)) throw releaseExists(release.tag, target);
      await mkdir3(root, { recursive: true });
      const staging = await mkdtemp(path10.join(root, ".publishing-"));
      try {
        for (const asset of release.assets) {
          await writeFile2(path10.join(staging, asset.name), asset.data);
        }
        const sums = release.assets.map((asset) => ({
          name: asset.name,
          hash: sha256Hex(asset.data)
        }));
        await writeFile2(path10.join(staging, SUMS_FILE), formatSha256Sums(sums));
        const info = {
          tag: release.tag,
          name: release.name,
          notes: release.notes,
          created: (/* @__PURE__ */ new Date()).toISOString()
        };
        await writeFile2(path10.join(staging, RELEASE_FILE), `${JSON.stringify(info, null, 2)}
`);
        await rename(staging, target);
      } catch (error) {
        await rm2(staging, { recursive: true, force: true });
        if (isErrorCode(error, "EEXIST") || isErrorCode(error, "ENOTEMPTY")) {
          throw releaseExists(release.tag, target);
        }
        throw error;
      }
      return { url: pathToFileURL(target).href };
    },
    async download(tag, assetName) {
      const sums = await readSums(tag);
      const file = path10.join(releaseDir(tag), checkAssetName(assetName, true));
      if (assetName === SUMS_FILE) return new Uint8Array(await readFile2(file));
      const expected = sums.get(assetName);
      if (expected === void 0) {
        throw new MlopsError(
          `Release ${tag} has no asset ${assetName}; it has: ${[...sums.keys()].join(", ") || "none"}.`
        );
      }
      const data = new Uint8Array(await readFile2(file));
      const actual = sha256Hex(data);
      if (actual !== expected) {
        throw new MlopsError(
          `Checksum mismatch for ${assetName} of release ${tag} (${file}): ${SUMS_FILE} says ${expected}, the file hashes to ${actual}. The asset was changed or corrupted after publishing; register a new version instead of editing a release.`
        );
      }
      return data;
    },
    async list(tag) {
      try {
        const names = await readdir2(releaseDir(tag));
        return names.filter((name) => name !== RELEASE_FILE).sort();
      } catch (error) {
        if (isErrorCode(error, "ENOENT")) return [];
        throw error;
      }
    }
  };
}
function tagToDirName(tag) {
  return encodeURIComponent(tag).replace(
    /[!'()*~]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
  );
}
function checkAssetName(name, allowReserved = false) {
  const reserved = name === SUMS_FILE || name === RELEASE_FILE;
  if (/^[^/\\\0]+$/.test(name) && name !== "." && name !== ".." && (allowReserved || !reserved)) {
    return name;
  }
  throw new UsageError(
    `Invalid release asset name "${name}": use a plain file name` + (reserved ? ` (${SUMS_FILE} and ${RELEASE_FILE} are written by the release itself).` : ".")
  );
}
function releaseExists(tag, dir) {
  return new RegistryConflict(
    `Release ${tag} already exists (${dir}); releases are immutable. Register a new version instead.`
  );
}
async function exists(file) {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if (isErrorCode(error, "ENOENT")) return false;
    throw error;
  }
}
function isErrorCode(error, code2) {
  return typeof error === "object" && error !== null && "code" in error && error.code === code2;
}

// src/adapters/wasm.ts
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path11 from "node:path";
import { fileURLToPath } from "node:url";
var WASM_FILE = "tfjs-backend-wasm.wasm";
function findWasmDir() {
  const here = path11.dirname(fileURLToPath(import.meta.url));
  if (existsSync(path11.join(here, WASM_FILE))) return here;
  try {
    const entry = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm");
    const dir = path11.dirname(entry);
    return existsSync(path11.join(dir, WASM_FILE)) ? dir : void 0;
  } catch {
    return void 0;
  }
}

// src/cli/deps.ts
function localBackendOptions() {
  const wasmDir = findWasmDir();
  const nativeModule = "@tensorflow/tfjs-node";
  return { ...wasmDir ? { wasmDir } : {}, loadNative: () => import(nativeModule) };
}
function createLocalDeps(options) {
  const { repo, config, log } = options;
  return {
    fs: nodeFileSystem,
    log,
    tags: createGitTagStore({ dir: repo, ...options.remote ? { remote: options.remote } : {} }),
    releases: createLocalReleaseStore(path12.resolve(repo, config.registry.releases)),
    backend: localBackendOptions(),
    tmpDir: () => mkdtemp2(path12.join(os.tmpdir(), "mlops-")),
    now: () => /* @__PURE__ */ new Date()
  };
}

// src/cli/registry-ls.ts
async function listRegistry(tags, name) {
  const all = replayTags(await tags.list());
  let state = all;
  if (name) {
    const model = findModel(all, name);
    if (!model)
      throw new UsageError(
        `no model "${name}" in the registry (models: ${all.models.map((m) => m.name).join(", ") || "none"}).`
      );
    state = { models: [model] };
  }
  if (state.models.length === 0)
    return { state, text: "no models registered yet: run `mlops register`" };
  return { state, text: state.models.map(renderModel).join("\n\n") };
}
function renderModel(model) {
  const stagesOf = (version) => model.stages.filter((s) => s.version === version).map((s) => s.stage);
  const rows = [...model.versions].reverse().map((v) => {
    const metrics = Object.entries(v.metadata?.metrics ?? {}).slice(0, 3).map(([m, value]) => `${m}=${formatNumber(value)}`).join(" ");
    const stages = stagesOf(v.version).join(",");
    return [
      `v${v.version}${v.deregistered ? " (deregistered)" : ""}`,
      v.createdAt.slice(0, 10),
      stages || "-",
      metrics
    ];
  });
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  const lines = rows.map(
    (r) => `  ${r.map((cell, i) => i < 3 ? cell.padEnd(widths[i] ?? 0) : cell).join("  ")}`.trimEnd()
  );
  const header = `${model.name}${model.deprecated ? " (deprecated)" : ""}  latest: ${model.latest ? `v${model.latest}` : "-"}`;
  return [header, ...lines].join("\n");
}

// src/cli/main.ts
async function runCli(argv, io2) {
  let exitCode = 0;
  const program = buildProgram(io2, (code2) => {
    exitCode = code2;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 || error.code === "commander.helpDisplayed" ? 0 : 2;
    }
    if (error instanceof MlopsError) {
      io2.stderr(`error: ${error.message}
`);
      return error.exitCode;
    }
    io2.stderr(
      `internal error: ${error instanceof Error ? error.stack ?? error.message : errorMessage(error)}
`
    );
    return 2;
  }
}
function buildProgram(io2, setExit) {
  const program = new Command("mlops").description(
    "GitHub-native CI/CD for machine learning: validate, train, evaluate, report, register."
  ).exitOverride().configureOutput({ writeOut: io2.stdout, writeErr: io2.stderr }).showHelpAfterError("(run with --help for usage)");
  const step = (name, description) => withCommonFlags(program.command(name).description(description).exitOverride());
  const finish = (flags, outcome, summary, passed = true) => {
    if (flags.json) io2.stdout(`${JSON.stringify(outcome, null, 2)}
`);
    else io2.stdout(`${summary}
`);
    setExit(passed ? 0 : new CheckFailure("").exitCode);
  };
  step("validate", "Compute statistics, check the data against the schema, list anomalies.").option("--update-schema", "write the inferred schema to the configured schema path").action(async (flags) => {
    const outcome = await runValidate(await createContext(flags, io2), {
      updateSchema: flags.updateSchema ?? false
    });
    const errors = outcome.anomalies.filter((a) => a.severity === "ERROR").length;
    finish(
      flags,
      outcome,
      `validation ${outcome.passed ? "passed" : "failed"}: ${outcome.anomalies.length} anomalies (${errors} errors)`,
      outcome.passed
    );
  });
  step("train", "Train the model and write its bundle to <out>/model.").action(
    async (flags) => {
      const outcome = await runTrain(await createContext(flags, io2));
      finish(flags, outcome, `model bundle: ${outcome.bundleDir}`);
    }
  );
  step(
    "evaluate",
    "Evaluate the trained model on the test split against the baseline and gates."
  ).action(async (flags) => {
    const outcome = await runEvaluate(await createContext(flags, io2));
    finish(flags, outcome, `${outcome.name}: ${outcome.gates.verdict}`, outcome.blessed);
  });
  step("report", "Render the markdown report (the PR comment) to <out>/report.md.").action(
    async (flags) => {
      const outcome = await runReport(await createContext(flags, io2));
      finish(flags, outcome, `report: ${outcome.path}`);
    }
  );
  step("register", "Register the evaluated model as NAME@vX.Y.Z (annotated tag + release).").option("--version <semver>", "the version to register (default: bump the latest)").option("--force", "register even when the gates did not bless the model").action(async (flags) => {
    const outcome = await runRegister(await createContext(flags, io2), {
      ...flags.version ? { version: flags.version } : {},
      force: flags.force ?? false
    });
    finish(flags, outcome, `registered ${outcome.tag}`);
  });
  step("promote", "Assign a stage to a registered version (tag NAME#STAGE#N).").argument("<name>", "model name").argument("<version>", "registered version, like 1.2.0").requiredOption("--to <stage>", "the stage, one of registry.stages").action(async (name, version, flags) => {
    const outcome = await runPromote(await createContext(flags, io2, { needsData: false }), {
      name,
      version,
      stage: flags.to
    });
    finish(flags, outcome, `${outcome.tag}: ${name} v${outcome.version} \u2192 ${outcome.stage}`);
  });
  const registry = program.command("registry").description("Read the model registry.").exitOverride();
  withCommonFlags(
    registry.command("ls").description("List models, versions and stages.").exitOverride()
  ).argument("[name]", "only this model").action(async (name, flags) => {
    const ctx = await createContext(flags, io2, { needsData: false });
    const listing = await listRegistry(ctx.deps.tags, name);
    finish(flags, listing.state, listing.text);
  });
  step("run", "Run the whole pipeline: validate, train, evaluate, register when blessed, report.").option("--no-register", "do not register the model even when blessed").action(async (flags) => {
    const outcome = await runPipeline(await createContext(flags, io2), {
      register: flags.register
    });
    const lines = [
      `validation: ${outcome.validation.passed ? "passed" : "failed"}`,
      outcome.training && `model: ${outcome.training.bundleDir}`,
      outcome.evaluation && `evaluation: ${outcome.evaluation.gates.verdict}`,
      outcome.registration && `registered: ${outcome.registration.tag}`,
      outcome.report && `report: ${outcome.report.path}`
    ];
    finish(flags, outcome, lines.filter(Boolean).join("\n"), outcome.passed);
  });
  return program;
}
function withCommonFlags(command) {
  return command.option("-c, --config <file>", `config file (default: ${DEFAULT_CONFIG} when present)`).option("--data <file>", "training data (CSV or JSONL); overrides data.train").option("--label <column>", "label column; overrides data.label").option("--name <name>", "model name; overrides name").option("-o, --out <dir>", "folder for outputs", ".mlops").option("--repo <dir>", "git repository holding the registry tags (default: the current one)").option("--remote <name>", "git remote to fetch and push registry tags").option("--seed <n>", "seed for the split and training", parseSeed).addOption(
    new Option("--backend <name>", "TensorFlow.js backend").choices(backendSchema.options)
  ).option("--json", "print the result as JSON on stdout").option("-q, --quiet", "no progress logs on stderr");
}
function parseSeed(value) {
  const seed = Number(value);
  if (!Number.isInteger(seed))
    throw new UsageError(`--seed: expected a whole number, got "${value}"`);
  return seed;
}
async function createContext(flags, io2, options = {}) {
  const overrides = {
    ...flags.data ? { data: flags.data } : {},
    ...flags.label ? { label: flags.label } : {},
    ...flags.name ? { name: flags.name } : {},
    ...flags.seed !== void 0 ? { seed: flags.seed } : {},
    ...flags.backend ? { backend: flags.backend } : {}
  };
  const { config, baseDir } = await resolveConfig(
    {
      cwd: io2.cwd,
      ...flags.config ? { config: flags.config } : {},
      overrides,
      env: io2.env,
      ...options
    },
    nodeFileSystem
  );
  const log = createConsoleLogger({ quiet: flags.quiet ?? false, write: io2.stderr });
  const repo = path13.resolve(io2.cwd, flags.repo ?? ".");
  const deps = createLocalDeps({
    repo,
    config,
    log,
    ...flags.remote ? { remote: flags.remote } : {}
  });
  return {
    config,
    baseDir,
    out: path13.resolve(io2.cwd, flags.out),
    deps: { ...deps, ...io2.env.MLOPS_RUN_URL ? { runUrl: io2.env.MLOPS_RUN_URL } : {} }
  };
}

// src/cli/index.ts
var code = await runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text)
});
process.exitCode = code;
