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
  /** True when `count` is under evaluation.min_slice_size: too few rows to tell, so no gap gate uses it. */
  small?: boolean;
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

/** Regression: a group of test rows close in actual value, and what the model predicted for them. */
export interface PredictionBin {
  count: number;
  /** Mean actual value of the group's rows. */
  actual: number;
  /** Mean predicted value of the same rows. */
  predicted: number;
}

/** A range that holds a metric's value with the bootstrap's confidence. */
export interface Interval {
  lower: number;
  upper: number;
}

/** How intervals were drawn (bootstrap.ts), so a reader can repeat them. */
export interface BootstrapInfo {
  resamples: number;
  /** The share of resamples inside each interval, e.g. 0.95. */
  confidence: number;
  seed: number;
}

/**
 * A model that learned nothing, fitted on the training split: the majority class, scoring every
 * row with the class priors; or, for regression, the mean label.
 */
export type TrivialPredictor =
  { kind: 'majority'; class: string; share: number } | { kind: 'mean'; value: number };

export interface TrivialResult {
  predictor: TrivialPredictor;
  /** Its metrics on the same test rows as the model. */
  overall: MetricSet;
  /**
   * Paired bootstrap interval of (model − trivial) per metric, on the same resamples as the
   * model's intervals; a metric undefined in too many resamples has none.
   */
  difference: Record<string, Interval>;
}

export interface ThresholdTuning {
  metric: string;
  /** The metric on the validation split at the tuned threshold. */
  validation: number;
}

/** A binary model's decision rule: a score above `value` predicts the positive class. */
export interface DecisionThreshold {
  value: number;
  /** Present when `value` was tuned on the validation split rather than set in mlops.yml. */
  tuning?: ThresholdTuning;
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
  /** Binary only, when the threshold was tuned on the validation split: for which metric, to what. */
  thresholdTuning?: ThresholdTuning;
  /** Binary only, when both classes occur: at most 50 points from (0,0) to (1,1). */
  roc?: RocPoint[];
  /** Binary only: non-empty buckets of ten equal-width score ranges. */
  calibration?: CalibrationBin[];
  /** Regression only: up to 20 groups of test rows of nearly equal size, by actual value. */
  predictionBins?: PredictionBin[];
  /** Percentile bootstrap intervals of the overall metrics over the test rows. */
  intervals?: Record<string, Interval>;
  bootstrap?: BootstrapInfo;
  /** The trivial baseline on the same rows, for a sense of what the metrics are worth. */
  trivial?: TrivialResult;
}
