import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  excerpt
} from "./chunk-XU32KRXS.js";
import {
  DataError
} from "./chunk-N5O7Y2C6.js";

// src/evaluate/metrics.ts
var DEFAULT_THRESHOLD = 0.5;
var LOG_LOSS_EPSILON = 1e-15;
var ROC_MAX_POINTS = 50;
var CALIBRATION_BINS = 10;
var PREDICTION_BINS = 20;
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
  const values = metricKernel(p, options)(unitWeights(p.labels.length));
  return Object.fromEntries(
    Object.entries(values).filter((entry) => Number.isFinite(entry[1]))
  );
}
function metricKernel(p, options = {}) {
  checkPredictions(p);
  if (p.task === "binary") return binaryKernel(p, options.threshold ?? DEFAULT_THRESHOLD);
  return p.task === "multiclass" ? multiclassKernel(p) : regressionKernel(p);
}
function unitWeights(count) {
  return new Uint8Array(count).fill(1);
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
  const steps = [];
  const ranking = rankScores(p.scores);
  const totals = sweep(
    p.labels,
    ranking,
    unitWeights(p.labels.length),
    (tp, fp) => steps.push({ tp, fp })
  );
  if (totals.positives === 0 || totals.negatives === 0) return void 0;
  const points = [
    { fpr: 0, tpr: 0 },
    ...steps.map(({ tp, fp }) => ({ fpr: fp / totals.negatives, tpr: tp / totals.positives }))
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
function predictionBins(p, binCount = PREDICTION_BINS) {
  checkPredictions(p);
  const n = p.labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => p.labels[a] - p.labels[b] || a - b
  );
  const bins = Math.min(binCount, n);
  const result = Array.from({ length: bins }, (_, k) => {
    const rows = order.slice(Math.floor(k * n / bins), Math.floor((k + 1) * n / bins));
    const mean = (values) => rows.reduce((sum, i) => sum + values[i], 0) / rows.length;
    return { count: rows.length, actual: mean(p.labels), predicted: mean(p.values) };
  });
  const finite = result.every((bin) => Number.isFinite(bin.actual + bin.predicted));
  return finite ? result : void 0;
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
var TN = 0;
var FP = 1;
var FN = 2;
var TP = 3;
function binaryKernel(p, threshold) {
  const n = p.labels.length;
  const { order, tieEnds } = rankScores(p.scores);
  const positive = new Uint8Array(n);
  const outcome = new Uint8Array(n);
  const logLoss = new Float64Array(n);
  const squaredError = new Float64Array(n);
  order.forEach((i, k) => {
    const label = p.labels[i];
    const score = p.scores[i];
    positive[k] = label === 1 ? 1 : 0;
    outcome[k] = score > threshold ? label === 1 ? TP : FP : label === 1 ? FN : TN;
    const clipped = clip(score, LOG_LOSS_EPSILON, 1 - LOG_LOSS_EPSILON);
    logLoss[k] = -(label === 1 ? Math.log(clipped) : Math.log(1 - clipped));
    squaredError[k] = (score - label) ** 2;
  });
  const counts = new Float64Array(4);
  return (weights) => {
    counts.fill(0);
    let loss = 0;
    let brier = 0;
    let positives = 0;
    let negatives = 0;
    let previousPositives = 0;
    let previousNegatives = 0;
    let area = 0;
    let precisionSum = 0;
    for (let k = 0; k < n; k++) {
      const w = weights[order[k]];
      if (w !== 0) {
        const o = outcome[k];
        counts[o] = counts[o] + w;
        loss += w * logLoss[k];
        brier += w * squaredError[k];
        if (positive[k] === 1) positives += w;
        else negatives += w;
      }
      if (tieEnds[k] === 1 && (positives !== previousPositives || negatives !== previousNegatives)) {
        area += (negatives - previousNegatives) * (positives + previousPositives) / 2;
        precisionSum += (positives - previousPositives) * (positives / (positives + negatives));
        previousPositives = positives;
        previousNegatives = negatives;
      }
    }
    const tp = counts[TP];
    const fp = counts[FP];
    const fn = counts[FN];
    const tn = counts[TN];
    const total = positives + negatives;
    return {
      ...decisionMetrics(tp, fp, fn, tn),
      auc: positives > 0 && negatives > 0 ? area / (positives * negatives) : void 0,
      pr_auc: positives > 0 ? precisionSum / positives : void 0,
      log_loss: loss / total,
      brier: brier / total,
      positive_rate: (tp + fp) / total
    };
  };
}
function decisionMetrics(tp, fp, fn, tn) {
  return {
    accuracy: (tp + tn) / (tp + fp + fn + tn),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn)
  };
}
function rankScores(scores) {
  const n = scores.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => scores[b] - scores[a]
  );
  const tieEnds = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const next = order[k + 1];
    tieEnds[k] = next === void 0 || scores[next] !== scores[order[k]] ? 1 : 0;
  }
  return { order, tieEnds };
}
function sweep(labels, ranking, weights, onStep) {
  const { order, tieEnds } = ranking;
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const w = weights[i];
    if (labels[i] === 1) tp += w;
    else fp += w;
    if (tieEnds[k] === 1) onStep(tp, fp, k);
  }
  return { positives: tp, negatives: fp };
}
function multiclassKernel(p) {
  const n = p.labels.length;
  const classCount = p.classes.length;
  const predicted = predictedClasses(p, DEFAULT_THRESHOLD);
  const inTopTwo = new Uint8Array(n);
  const logLoss = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const label = p.labels[i];
    const row = p.probabilities[i];
    inTopTwo[i] = rankOf(row, label) < 2 ? 1 : 0;
    logLoss[i] = -Math.log(clip(row[label], LOG_LOSS_EPSILON, 1));
  }
  const support = new Float64Array(classCount);
  const predictedCount = new Float64Array(classCount);
  const truePositives = new Float64Array(classCount);
  return (weights) => {
    support.fill(0);
    predictedCount.fill(0);
    truePositives.fill(0);
    let total = 0;
    let topTwo = 0;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (w === 0) continue;
      const label = p.labels[i];
      const c = predicted[i];
      support[label] = support[label] + w;
      predictedCount[c] = predictedCount[c] + w;
      if (c === label) truePositives[c] = truePositives[c] + w;
      total += w;
      topTwo += w * inTopTwo[i];
      loss += w * logLoss[i];
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
    return {
      accuracy: correct / total,
      macro_f1: f1Sum / classesSeen,
      weighted_f1: weightedF1Sum / total,
      log_loss: loss / total,
      // With two classes top-2 accuracy is always 1, so it says nothing.
      top_2_accuracy: classCount > 2 ? topTwo / total : void 0
    };
  };
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
function regressionKernel(p) {
  const n = p.labels.length;
  const errors = Float64Array.from(
    { length: n },
    (_, i) => Math.abs(p.values[i] - p.labels[i])
  );
  return (weights) => {
    let total = 0;
    let squared = 0;
    let absolute = 0;
    let maxError = 0;
    let labelSum = 0;
    let percentSum = 0;
    let percentCount = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (w === 0) continue;
      const label = p.labels[i];
      const error = errors[i];
      total += w;
      squared += w * error ** 2;
      absolute += w * error;
      if (error > maxError) maxError = error;
      labelSum += w * label;
      if (label !== 0) {
        percentSum += w * error / Math.abs(label);
        percentCount += w;
      }
    }
    const mean = labelSum / total;
    let totalSquares = 0;
    for (let i = 0; i < n; i++) {
      totalSquares += weights[i] * (p.labels[i] - mean) ** 2;
    }
    return {
      rmse: Math.sqrt(squared / total),
      mae: absolute / total,
      r2: totalSquares === 0 ? void 0 : 1 - squared / totalSquares,
      mape: ratio(percentSum, percentCount),
      max_error: maxError
    };
  };
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
function ratio(numerator, denominator) {
  return denominator === 0 ? void 0 : numerator / denominator;
}
function clip(value, low, high) {
  return Math.min(Math.max(value, low), high);
}

export {
  DEFAULT_THRESHOLD,
  PREDICTION_BINS,
  CONFUSION_MAX_CLASSES,
  metricDirection,
  isKnownMetric,
  metricNames,
  computeMetrics,
  metricKernel,
  unitWeights,
  confusionMatrix,
  rocCurve,
  calibrationBins,
  predictionBins,
  decisionMetrics,
  rankScores,
  sweep
};
