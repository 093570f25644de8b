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
  checkPredictions(p);
  const metrics =
    p.task === 'binary'
      ? binaryMetrics(p, options.threshold ?? DEFAULT_THRESHOLD)
      : p.task === 'multiclass'
        ? multiclassMetrics(p)
        : regressionMetrics(p);
  // An overflow (rmse of labels near 1e200) is a metric without a value, like auc on one class.
  return Object.fromEntries(Object.entries(metrics).filter(([, value]) => Number.isFinite(value)));
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
  const sweep = sweepThresholds(p.labels, p.scores);
  if (sweep.positives === 0 || sweep.negatives === 0) return undefined;
  const points = [
    { fpr: 0, tpr: 0 },
    ...sweep.steps.map(({ tp, fp }) => ({ fpr: fp / sweep.negatives, tpr: tp / sweep.positives })),
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

function binaryMetrics(p: BinaryPredictions, threshold: number): MetricSet {
  const n = p.labels.length;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let logLoss = 0;
  let brier = 0;
  for (let i = 0; i < n; i++) {
    const label = p.labels[i] as number;
    const score = p.scores[i] as number;
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
    positive_rate: (tp + fp) / n,
  });
}

interface Sweep {
  positives: number;
  negatives: number;
  /** Cumulative true and false positives when the threshold drops to each distinct score. */
  steps: { tp: number; fp: number }[];
}

/** One pass down the distinct scores, highest first; tied scores move together as one step. */
function sweepThresholds(labels: NumberArray, scores: NumberArray): Sweep {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  const steps: Sweep['steps'] = [];
  let tp = 0;
  let fp = 0;
  order.forEach((index, k) => {
    if (labels[index] === 1) tp++;
    else fp++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[index]) steps.push({ tp, fp });
  });
  return { positives: tp, negatives: fp, steps };
}

/**
 * Trapezoids under the ROC steps. Because tied scores form one step, a tied positive–negative
 * pair earns half credit: the same value as the Mann–Whitney statistic with average ranks.
 */
function rocAuc({ positives, negatives, steps }: Sweep): number | undefined {
  if (positives === 0 || negatives === 0) return undefined;
  let area = 0;
  let previous = { tp: 0, fp: 0 };
  for (const step of steps) {
    area += ((step.fp - previous.fp) * (step.tp + previous.tp)) / 2;
    previous = step;
  }
  return area / (positives * negatives);
}

/** Average precision as scikit-learn defines it: Σ (Rₖ − Rₖ₋₁) Pₖ, no interpolation. */
function averagePrecision({ positives, steps }: Sweep): number | undefined {
  if (positives === 0) return undefined;
  let sum = 0;
  let previousTp = 0;
  for (const { tp, fp } of steps) {
    sum += ((tp - previousTp) / positives) * (tp / (tp + fp));
    previousTp = tp;
  }
  return sum;
}

function multiclassMetrics(p: MulticlassPredictions): MetricSet {
  const n = p.labels.length;
  const classCount = p.classes.length;
  // Per-class counts rather than a confusion matrix: classes² cells are too many for 10,000.
  const predicted = predictedClasses(p, DEFAULT_THRESHOLD);
  const support = classCounts(p.labels, classCount);
  const predictedCount = classCounts(predicted, classCount);
  const truePositives = new Float64Array(classCount);
  for (let i = 0; i < n; i++) {
    const c = predicted[i] as number;
    if (c === p.labels[i]) truePositives[c] = (truePositives[c] as number) + 1;
  }
  let topTwo = 0;
  let logLoss = 0;
  for (let i = 0; i < n; i++) {
    const label = p.labels[i] as number;
    const row = p.probabilities[i] as NumberArray;
    if (rankOf(row, label) < 2) topTwo++;
    logLoss -= Math.log(clip(row[label] as number, LOG_LOSS_EPSILON, 1));
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
  return withoutUndefined({
    accuracy: correct / n,
    macro_f1: f1Sum / classesSeen,
    weighted_f1: weightedF1Sum / n,
    log_loss: logLoss / n,
    // With two classes top-2 accuracy is always 1, so it says nothing.
    top_2_accuracy: classCount > 2 ? topTwo / n : undefined,
  });
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

function regressionMetrics(p: RegressionPredictions): MetricSet {
  const n = p.labels.length;
  let squared = 0;
  let absolute = 0;
  let maxError = 0;
  let labelSum = 0;
  let percentSum = 0;
  let percentCount = 0;
  for (let i = 0; i < n; i++) {
    const label = p.labels[i] as number;
    const error = Math.abs((p.values[i] as number) - label);
    squared += error ** 2;
    absolute += error;
    maxError = Math.max(maxError, error);
    labelSum += label;
    // A zero label has no percentage error; skipping it beats scikit-learn's huge ε-based value.
    if (label !== 0) {
      percentSum += error / Math.abs(label);
      percentCount++;
    }
  }
  const mean = labelSum / n;
  let totalSquares = 0;
  for (let i = 0; i < n; i++) totalSquares += ((p.labels[i] as number) - mean) ** 2;
  return withoutUndefined({
    rmse: Math.sqrt(squared / n),
    mae: absolute / n,
    r2: totalSquares === 0 ? undefined : 1 - squared / totalSquares,
    mape: ratio(percentSum, percentCount),
    max_error: maxError,
  });
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

function withoutUndefined(metrics: Record<string, number | undefined>): MetricSet {
  return Object.fromEntries(
    Object.entries(metrics).filter((entry): entry is [string, number] => entry[1] !== undefined),
  );
}

function ratio(numerator: number, denominator: number): number | undefined {
  return denominator === 0 ? undefined : numerator / denominator;
}

function clip(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
