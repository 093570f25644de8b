/** Shapes of the evaluation core: predictions in, metrics, slices and curves out. */

export type Task = 'binary' | 'multiclass' | 'regression';

/** Plain arrays or typed arrays straight from a tensor's `dataSync()`. */
export type NumberArray = ArrayLike<number>;

export interface BinaryPredictions {
  task: 'binary';
  /** 0 or 1 per example. */
  labels: NumberArray;
  /** P(class 1) per example, in [0, 1] (apply a sigmoid to logits first). */
  scores: NumberArray;
  /** Names of class 0 and class 1 for the confusion matrix; defaults to ['0', '1']. */
  classes?: [negative: string, positive: string];
}

export interface MulticlassPredictions {
  task: 'multiclass';
  /** Class index per example, into `classes`. */
  labels: NumberArray;
  /**
   * One row of class probabilities per example, `classes.length` wide (a softmax output, e.g.
   * `tensor.arraySync()`); rows rather than a flat buffer so slicing by example stays cheap.
   */
  probabilities: NumberArray[];
  classes: string[];
}

export interface RegressionPredictions {
  task: 'regression';
  labels: NumberArray;
  values: NumberArray;
}

export type Predictions = BinaryPredictions | MulticlassPredictions | RegressionPredictions;

/** Metric name → value. A metric that is undefined for the data (see metrics.ts) is absent. */
export type MetricSet = Record<string, number>;

export interface SliceValueResult {
  /** The column's value; missing values are grouped as "(missing)". */
  value: string;
  count: number;
  metrics: MetricSet;
}

export interface SliceResult {
  column: string;
  /** Most examples first; at most MAX_SLICE_VALUES (slices.ts) of them. */
  values: SliceValueResult[];
  /** The values left out beyond MAX_SLICE_VALUES: how many, and how many examples they hold. */
  omitted?: { values: number; count: number };
}

export interface ConfusionMatrix {
  /**
   * Class names (excerpts of long ones), at most CONFUSION_MAX_CLASSES (metrics.ts) of them
   * and, when there were more, OTHER_CLASSES last.
   */
  classes: string[];
  /** `matrix[actual][predicted]` counts, rows and columns in `classes` order. */
  matrix: number[][];
  /** How many classes the last row and column stand for, when classes were left out. */
  otherClasses?: number;
}

export interface RocPoint {
  fpr: number;
  tpr: number;
}

/** One bucket of a reliability diagram: how often the positive class occurred at this score. */
export interface CalibrationBin {
  lower: number;
  upper: number;
  count: number;
  meanScore: number;
  observedRate: number;
}

export interface EvaluationResult {
  task: Task;
  /** Examples evaluated. */
  count: number;
  overall: MetricSet;
  slices: SliceResult[];
  /** Classification only. */
  confusionMatrix?: ConfusionMatrix;
  /** Binary only: a score above this counts as a positive prediction. */
  threshold?: number;
  /** Binary only, when both classes occur: at most 50 points from (0,0) to (1,1). */
  roc?: RocPoint[];
  /** Binary only: non-empty buckets of ten equal-width score ranges. */
  calibration?: CalibrationBin[];
}
