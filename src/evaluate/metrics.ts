/**
 * Metrics from labels and predictions, per task. A metric whose definition divides by zero on the
 * given examples is left out of the MetricSet rather than reported as NaN or a made-up 0:
 * precision with no predicted positives, recall with no positive labels, f1 with only true
 * negatives, auc with a single class, pr_auc with no positive labels, r2 with constant labels,
 * mape when every label is 0. Slices hit these cases often, and an absent value is what gates and
 * reports treat as "not measurable".
 */
import { excerpt } from '../data/bounds.js';
import { DataError } from '../errors.js';
import type {
  BinaryPredictions,
  CalibrationBin,
  ConfusionMatrix,
  MetricSet,
  MulticlassPredictions,
  NumberArray,
  PredictionBin,
  Predictions,
  RegressionPredictions,
  RocPoint,
  Task,
} from './types.js';

/** The score above which a binary prediction counts as positive (strictly, like Keras and TFMA). */
export const DEFAULT_THRESHOLD = 0.5;

/** Probabilities are clipped to [ε, 1 − ε] so one confident mistake gives a large, finite loss. */
const LOG_LOSS_EPSILON = 1e-15;

const ROC_MAX_POINTS = 50;
const CALIBRATION_BINS = 10;
/** Groups of test rows a predicted-against-actual chart shows: each a twentieth of the rows. */
export const PREDICTION_BINS = 20;
/**
 * Classes a confusion matrix shows: the most frequent labels, the others merged into one last
 * row and column, so 10,000 classes make a 51 × 51 matrix rather than 10⁸ counts.
 */
export const CONFUSION_MAX_CLASSES = 50;
/** The name of the row and column standing for the classes a confusion matrix leaves out. */
export const OTHER_CLASSES = '(other)';

export type Direction = 'higher' | 'lower';

interface MetricInfo {
  tasks: Task[];
  /** Null when neither way is better (a rate that describes the model rather than grades it). */
  direction: Direction | null;
}

const METRICS = new Map<string, MetricInfo>([
  ['accuracy', { tasks: ['binary', 'multiclass'], direction: 'higher' }],
  ['precision', { tasks: ['binary'], direction: 'higher' }],
  ['recall', { tasks: ['binary'], direction: 'higher' }],
  ['f1', { tasks: ['binary'], direction: 'higher' }],
  ['auc', { tasks: ['binary'], direction: 'higher' }],
  ['pr_auc', { tasks: ['binary'], direction: 'higher' }],
  ['log_loss', { tasks: ['binary', 'multiclass'], direction: 'lower' }],
  ['brier', { tasks: ['binary'], direction: 'lower' }],
  ['positive_rate', { tasks: ['binary'], direction: null }],
  ['macro_f1', { tasks: ['multiclass'], direction: 'higher' }],
  ['weighted_f1', { tasks: ['multiclass'], direction: 'higher' }],
  ['top_2_accuracy', { tasks: ['multiclass'], direction: 'higher' }],
  ['rmse', { tasks: ['regression'], direction: 'lower' }],
  ['mae', { tasks: ['regression'], direction: 'lower' }],
  ['r2', { tasks: ['regression'], direction: 'higher' }],
  ['mape', { tasks: ['regression'], direction: 'lower' }],
  ['max_error', { tasks: ['regression'], direction: 'lower' }],
]);

/** Which way a metric improves; null for unknown metrics and for positive_rate. */
export function metricDirection(name: string): Direction | null {
  return METRICS.get(name)?.direction ?? null;
}

/** True when computeMetrics can report `name` for `task`. */
export function isKnownMetric(name: string, task: Task): boolean {
  return METRICS.get(name)?.tasks.includes(task) ?? false;
}

/** The metric names computeMetrics can report for `task`, in report order. */
export function metricNames(task: Task): string[] {
  return [...METRICS].filter(([, info]) => info.tasks.includes(task)).map(([name]) => name);
}

/** All metrics of the predictions' task; throws DataError on empty or malformed input. */
export function computeMetrics(p: Predictions, options: { threshold?: number } = {}): MetricSet {
  const values = metricKernel(p, options)(unitWeights(p.labels.length));
  // An overflow (rmse of labels near 1e200) is a metric without a value, like auc on one class.
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, number] => Number.isFinite(entry[1])),
  );
}

/** How many times each example counts: 1 each for plain metrics, draw counts for a resample. */
export type Weights = ArrayLike<number>;

/**
 * A task's metrics over fixed examples under any weighting, with the per-example work (ranking
 * the scores, argmax, loss terms) done once: counting example i `weights[i]` times gives exactly
 * the metrics of a resample holding it that many times, in one pass and without copying a row,
 * which is what makes a bootstrap cheap. A metric undefined on the weighted examples is undefined.
 */
export type MetricKernel = (weights: Weights) => Record<string, number | undefined>;

/** The metric kernel of the predictions' task; throws DataError on empty or malformed input. */
export function metricKernel(p: Predictions, options: { threshold?: number } = {}): MetricKernel {
  checkPredictions(p);
  if (p.task === 'binary') return binaryKernel(p, options.threshold ?? DEFAULT_THRESHOLD);
  return p.task === 'multiclass' ? multiclassKernel(p) : regressionKernel(p);
}

/** Weight 1 for each of `count` examples. */
export function unitWeights(count: number): Uint8Array {
  return new Uint8Array(count).fill(1);
}

/**
 * Counts of actual (rows) by predicted (columns) class, like scikit-learn's confusion_matrix.
 * Beyond `maxClasses` classes, the `maxClasses` most frequent labels (ties by class order) are
 * kept in class order and the rest counted together under OTHER_CLASSES, last.
 */
export function confusionMatrix(
  p: BinaryPredictions | MulticlassPredictions,
  threshold = DEFAULT_THRESHOLD,
  maxClasses = CONFUSION_MAX_CLASSES,
): ConfusionMatrix {
  checkPredictions(p);
  const classes = classNames(p);
  const predicted = predictedClasses(p, threshold);
  const shown = mostFrequent(classCounts(p.labels, classes.length), maxClasses);
  // slot[c]: the row and column of class c; the left-out classes share the last one.
  const slot = new Int32Array(classes.length).fill(shown.length);
  shown.forEach((c, i) => (slot[c] = i));
  const size = shown.length + (shown.length < classes.length ? 1 : 0);
  const matrix = countPairs(p.labels, predicted, slot, size);
  const names = shown.map((c) => excerpt(classes[c] as string));
  if (size === shown.length) return { classes: names, matrix };
  return {
    classes: [...names, OTHER_CLASSES],
    matrix,
    otherClasses: classes.length - shown.length,
  };
}

/** ROC points at every distinct score, thinned to `maxPoints`; undefined unless both classes occur. */
export function rocCurve(p: BinaryPredictions, maxPoints = ROC_MAX_POINTS): RocPoint[] | undefined {
  checkPredictions(p);
  const steps: { tp: number; fp: number }[] = [];
  const ranking = rankScores(p.scores);
  const totals = sweep(p.labels, ranking, unitWeights(p.labels.length), (tp, fp) =>
    steps.push({ tp, fp }),
  );
  if (totals.positives === 0 || totals.negatives === 0) return undefined;
  const points = [
    { fpr: 0, tpr: 0 },
    ...steps.map(({ tp, fp }) => ({ fpr: fp / totals.negatives, tpr: tp / totals.positives })),
  ];
  return thin(points, maxPoints);
}

/** Reliability diagram: ten equal-width score buckets, empty ones left out. */
export function calibrationBins(
  p: BinaryPredictions,
  binCount = CALIBRATION_BINS,
): CalibrationBin[] {
  checkPredictions(p);
  const bins = Array.from({ length: binCount }, () => ({ count: 0, scoreSum: 0, positives: 0 }));
  for (let i = 0; i < p.labels.length; i++) {
    const score = p.scores[i] as number;
    // A score of exactly 1 belongs to the last bucket, not an eleventh.
    const bin = bins[Math.min(Math.floor(score * binCount), binCount - 1)] as (typeof bins)[0];
    bin.count += 1;
    bin.scoreSum += score;
    bin.positives += p.labels[i] as number;
  }
  return bins.flatMap((bin, index) =>
    bin.count === 0
      ? []
      : [
          {
            lower: index / binCount,
            upper: (index + 1) / binCount,
            count: bin.count,
            meanScore: bin.scoreSum / bin.count,
            observedRate: bin.positives / bin.count,
          },
        ],
  );
}

/**
 * Regression rows sorted by actual value and cut into `binCount` groups of nearly equal size,
 * with the mean actual and mean predicted value of each: the same rows give the same groups for
 * every model, so a candidate and its baseline plot on the same x. Undefined when a mean
 * overflows.
 */
export function predictionBins(
  p: RegressionPredictions,
  binCount = PREDICTION_BINS,
): PredictionBin[] | undefined {
  checkPredictions(p);
  const n = p.labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (p.labels[a] as number) - (p.labels[b] as number) || a - b,
  );
  const bins = Math.min(binCount, n);
  const result = Array.from({ length: bins }, (_, k) => {
    const rows = order.slice(Math.floor((k * n) / bins), Math.floor(((k + 1) * n) / bins));
    const mean = (values: NumberArray) =>
      rows.reduce((sum, i) => sum + (values[i] as number), 0) / rows.length;
    return { count: rows.length, actual: mean(p.labels), predicted: mean(p.values) };
  });
  const finite = result.every((bin) => Number.isFinite(bin.actual + bin.predicted));
  return finite ? result : undefined;
}

function classNames(p: BinaryPredictions | MulticlassPredictions): string[] {
  return p.task === 'binary' ? [...(p.classes ?? ['0', '1'])] : p.classes;
}

/** The predicted class index of each example. */
function predictedClasses(
  p: BinaryPredictions | MulticlassPredictions,
  threshold: number,
): Int32Array {
  return Int32Array.from({ length: p.labels.length }, (_, i) =>
    p.task === 'binary'
      ? Number((p.scores[i] as number) > threshold)
      : argmax(p.probabilities[i] as NumberArray),
  );
}

/** A size × size matrix counting each example at [slot of its label][slot of its prediction]. */
function countPairs(
  labels: NumberArray,
  predicted: Int32Array,
  slot: Int32Array,
  size: number,
): number[][] {
  const matrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < labels.length; i++) {
    const row = matrix[slot[labels[i] as number] as number] as number[];
    const column = slot[predicted[i] as number] as number;
    row[column] = (row[column] as number) + 1;
  }
  return matrix;
}

/** How many of `indices` are each class index below `classCount`. */
function classCounts(indices: ArrayLike<number>, classCount: number): Float64Array {
  const counts = new Float64Array(classCount);
  for (let i = 0; i < indices.length; i++) {
    const c = indices[i] as number;
    counts[c] = (counts[c] as number) + 1;
  }
  return counts;
}

/** The indices of the `limit` largest counts (ties to the lower index), in index order. */
function mostFrequent(counts: Float64Array, limit: number): number[] {
  const indices = Array.from(counts.keys());
  if (indices.length <= limit) return indices;
  return indices
    .sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b)
    .slice(0, limit)
    .sort((a, b) => a - b);
}

/** Outcome codes of a binary prediction, indices into the kernel's counts. */
const TN = 0;
const FP = 1;
const FN = 2;
const TP = 3;

function binaryKernel(p: BinaryPredictions, threshold: number): MetricKernel {
  const n = p.labels.length;
  const { order, tieEnds } = rankScores(p.scores);
  // Each example's terms in rank order: one sequential pass then serves every metric, and only
  // the weights are read out of order.
  const positive = new Uint8Array(n);
  const outcome = new Uint8Array(n);
  const logLoss = new Float64Array(n);
  const squaredError = new Float64Array(n);
  order.forEach((i, k) => {
    const label = p.labels[i] as number;
    const score = p.scores[i] as number;
    positive[k] = label === 1 ? 1 : 0;
    outcome[k] = score > threshold ? (label === 1 ? TP : FP) : label === 1 ? FN : TN;
    const clipped = clip(score, LOG_LOSS_EPSILON, 1 - LOG_LOSS_EPSILON);
    logLoss[k] = -(label === 1 ? Math.log(clipped) : Math.log(1 - clipped));
    squaredError[k] = (score - label) ** 2;
  });
  const counts = new Float64Array(4);
  return (weights) => {
    counts.fill(0);
    let loss = 0;
    let brier = 0;
    // Weighted positives and negatives scored at or above the current score, as in sweep().
    let positives = 0;
    let negatives = 0;
    let previousPositives = 0;
    let previousNegatives = 0;
    let area = 0;
    let precisionSum = 0;
    for (let k = 0; k < n; k++) {
      const w = weights[order[k] as number] as number;
      if (w !== 0) {
        const o = outcome[k] as number;
        counts[o] = (counts[o] as number) + w;
        loss += w * (logLoss[k] as number);
        brier += w * (squaredError[k] as number);
        if (positive[k] === 1) positives += w;
        else negatives += w;
      }
      if (
        tieEnds[k] === 1 &&
        (positives !== previousPositives || negatives !== previousNegatives)
      ) {
        // ROC AUC: trapezoids under the steps, so a tied positive–negative pair earns half
        // credit (the Mann–Whitney statistic with average ranks). Average precision as
        // scikit-learn defines it: Σ (Rₖ − Rₖ₋₁) Pₖ, no interpolation.
        area += ((negatives - previousNegatives) * (positives + previousPositives)) / 2;
        precisionSum += (positives - previousPositives) * (positives / (positives + negatives));
        previousPositives = positives;
        previousNegatives = negatives;
      }
    }
    const tp = counts[TP] as number;
    const fp = counts[FP] as number;
    const fn = counts[FN] as number;
    const tn = counts[TN] as number;
    const total = positives + negatives;
    return {
      ...decisionMetrics(tp, fp, fn, tn),
      auc: positives > 0 && negatives > 0 ? area / (positives * negatives) : undefined,
      pr_auc: positives > 0 ? precisionSum / positives : undefined,
      log_loss: loss / total,
      brier: brier / total,
      positive_rate: (tp + fp) / total,
    };
  };
}

/** The metrics of a binary decision rule from its (weighted) confusion counts. */
export function decisionMetrics(
  tp: number,
  fp: number,
  fn: number,
  tn: number,
): { accuracy: number; precision?: number; recall?: number; f1?: number } {
  return {
    accuracy: (tp + tn) / (tp + fp + fn + tn),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    f1: ratio(2 * tp, 2 * tp + fp + fn),
  };
}

/** Example indices by descending score, and where each run of tied scores ends in that order. */
export interface Ranking {
  order: Uint32Array;
  /** 1 at each position whose next example has a lower score (and at the last). */
  tieEnds: Uint8Array;
}

/** Ranks examples by score, highest first. */
export function rankScores(scores: NumberArray): Ranking {
  const n = scores.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  const tieEnds = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const next = order[k + 1];
    tieEnds[k] = next === undefined || scores[next] !== scores[order[k] as number] ? 1 : 0;
  }
  return { order, tieEnds };
}

/**
 * Lowers the threshold past each distinct score, highest first, calling `onStep` with the weighted
 * true and false positives scored at or above it and the position of the step's last example in
 * `ranking.order`; tied scores move together as one step. Returns the weighted class totals.
 */
export function sweep(
  labels: NumberArray,
  ranking: Ranking,
  weights: Weights,
  onStep: (tp: number, fp: number, position: number) => void,
): { positives: number; negatives: number } {
  const { order, tieEnds } = ranking;
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const w = weights[i] as number;
    if (labels[i] === 1) tp += w;
    else fp += w;
    if (tieEnds[k] === 1) onStep(tp, fp, k);
  }
  return { positives: tp, negatives: fp };
}

function multiclassKernel(p: MulticlassPredictions): MetricKernel {
  const n = p.labels.length;
  const classCount = p.classes.length;
  const predicted = predictedClasses(p, DEFAULT_THRESHOLD);
  const inTopTwo = new Uint8Array(n);
  const logLoss = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const label = p.labels[i] as number;
    const row = p.probabilities[i] as NumberArray;
    inTopTwo[i] = rankOf(row, label) < 2 ? 1 : 0;
    logLoss[i] = -Math.log(clip(row[label] as number, LOG_LOSS_EPSILON, 1));
  }
  // Per-class counts rather than a confusion matrix: classes² cells are too many for 10,000.
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
      const w = weights[i] as number;
      if (w === 0) continue;
      const label = p.labels[i] as number;
      const c = predicted[i] as number;
      support[label] = (support[label] as number) + w;
      predictedCount[c] = (predictedCount[c] as number) + w;
      if (c === label) truePositives[c] = (truePositives[c] as number) + w;
      total += w;
      topTwo += w * (inTopTwo[i] as number);
      loss += w * (logLoss[i] as number);
    }
    let correct = 0;
    let f1Sum = 0;
    let weightedF1Sum = 0;
    let classesSeen = 0;
    for (let c = 0; c < classCount; c++) {
      const tp = truePositives[c] as number;
      const labelled = support[c] as number;
      const occurrences = labelled + (predictedCount[c] as number);
      correct += tp;
      // Like scikit-learn, average over the classes that occur as a label or a prediction.
      if (occurrences === 0) continue;
      const f1 = (2 * tp) / occurrences;
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
      top_2_accuracy: classCount > 2 ? topTwo / total : undefined,
    };
  };
}

/** Index of the highest probability; the lowest index wins a tie, as with numpy's argmax. */
function argmax(row: NumberArray): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if ((row[j] as number) > (row[best] as number)) best = j;
  return best;
}

/** Position of class `c` when classes are ordered as argmax orders them (0 = predicted class). */
function rankOf(row: NumberArray, c: number): number {
  const value = row[c] as number;
  let rank = 0;
  for (let j = 0; j < row.length; j++) {
    const other = row[j] as number;
    if (other > value || (other === value && j < c)) rank++;
  }
  return rank;
}

function regressionKernel(p: RegressionPredictions): MetricKernel {
  const n = p.labels.length;
  const errors = Float64Array.from({ length: n }, (_, i) =>
    Math.abs((p.values[i] as number) - (p.labels[i] as number)),
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
      const w = weights[i] as number;
      if (w === 0) continue;
      const label = p.labels[i] as number;
      const error = errors[i] as number;
      total += w;
      squared += w * error ** 2;
      absolute += w * error;
      if (error > maxError) maxError = error;
      labelSum += w * label;
      // A zero label has no percentage error; skipping it beats scikit-learn's huge ε-based value.
      if (label !== 0) {
        percentSum += (w * error) / Math.abs(label);
        percentCount += w;
      }
    }
    const mean = labelSum / total;
    let totalSquares = 0;
    for (let i = 0; i < n; i++) {
      totalSquares += (weights[i] as number) * ((p.labels[i] as number) - mean) ** 2;
    }
    return {
      rmse: Math.sqrt(squared / total),
      mae: absolute / total,
      r2: totalSquares === 0 ? undefined : 1 - squared / totalSquares,
      mape: ratio(percentSum, percentCount),
      max_error: maxError,
    };
  };
}

/** Throws DataError unless the predictions are non-empty, aligned and in range for their task. */
function checkPredictions(p: Predictions): void {
  const n = p.labels.length;
  if (n === 0) {
    throw new DataError(
      'No examples to evaluate: the evaluation set is empty. Check data.split.test and that the data has rows.',
    );
  }
  const predictions =
    p.task === 'binary' ? p.scores : p.task === 'multiclass' ? p.probabilities : p.values;
  if (predictions.length !== n) {
    throw new DataError(
      `Got ${n} labels but ${predictions.length} predictions; each example needs exactly one prediction.`,
    );
  }
  for (let i = 0; i < n; i++) {
    const label = p.labels[i] as number;
    if (p.task === 'binary') {
      if (label !== 0 && label !== 1) fail(i, `label must be 0 or 1, got ${label}`);
      checkProbability(p.scores[i] as number, i, 'score');
    } else if (p.task === 'multiclass') {
      checkMulticlassExample(p, i, label);
    } else {
      if (!Number.isFinite(label)) fail(i, `label must be a finite number, got ${label}`);
      const value = p.values[i] as number;
      if (!Number.isFinite(value)) fail(i, `prediction must be a finite number, got ${value}`);
    }
  }
}

function checkMulticlassExample(p: MulticlassPredictions, i: number, label: number): void {
  const classCount = p.classes.length;
  if (classCount < 2) {
    throw new DataError(`A multiclass evaluation needs at least 2 classes, got ${classCount}.`);
  }
  if (!Number.isInteger(label) || label < 0 || label >= classCount) {
    fail(i, `label must be a class index from 0 to ${classCount - 1}, got ${label}`);
  }
  const row = p.probabilities[i] as NumberArray;
  if (row.length !== classCount) {
    fail(i, `expected ${classCount} class probabilities, got ${row.length}`);
  }
  for (let j = 0; j < classCount; j++) checkProbability(row[j] as number, i, 'probability');
}

function checkProbability(value: number, i: number, what: string): void {
  if (!(value >= 0 && value <= 1)) {
    fail(i, `${what} must be a probability in [0, 1], got ${value} (apply a sigmoid or softmax)`);
  }
}

function fail(index: number, problem: string): never {
  throw new DataError(`Cannot evaluate example ${index}: ${problem}.`);
}

/** Keeps the first and last points and evenly spaced ones between, at most `maxPoints` in all. */
function thin<T>(points: T[], maxPoints: number): T[] {
  if (points.length <= maxPoints) return points;
  return Array.from(
    { length: maxPoints },
    (_, k) => points[Math.round((k * (points.length - 1)) / (maxPoints - 1))] as T,
  );
}

function ratio(numerator: number, denominator: number): number | undefined {
  return denominator === 0 ? undefined : numerator / denominator;
}

function clip(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
