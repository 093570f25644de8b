/** Metrics per value of a column (slices), and the whole evaluation assembled in one result. */
import { excerpt } from '../data/bounds.js';
import { DataError } from '../errors.js';
import { compareText } from '../util/text.js';
import {
  DEFAULT_THRESHOLD,
  calibrationBins,
  computeMetrics,
  confusionMatrix,
  predictionBins,
  rocCurve,
} from './metrics.js';
import { DEFAULT_MIN_SLICE_SIZE } from './gates.js';
import type { EvaluationResult, NumberArray, Predictions, SliceResult } from './types.js';

/** How a missing (null) column value is shown and matched. */
export const MISSING_SLICE_VALUE = '(missing)';
/**
 * Values of a slice column evaluated, most examples first: an id-like column must not make one
 * metric set per row (the report shows 20).
 */
export const MAX_SLICE_VALUES = 100;

/** A column of the evaluation examples to slice by, one value per example. */
export interface SliceColumn {
  name: string;
  values: (string | null)[];
}

export interface SliceOptions {
  /** Slice values with fewer examples are left out (default 1: keep all). */
  minCount?: number;
  /** Binary decision threshold (default 0.5). */
  threshold?: number;
  /** Slice values with fewer examples are marked `small` (default DEFAULT_MIN_SLICE_SIZE). */
  minSliceSize?: number;
}

/**
 * Metrics for each value of each column, most examples first, for the MAX_SLICE_VALUES values
 * with the most examples; throws DataError on misaligned columns.
 */
export function evaluateSlices(
  p: Predictions,
  columns: SliceColumn[],
  options: SliceOptions = {},
): SliceResult[] {
  const minCount = options.minCount ?? 1;
  const minSliceSize = options.minSliceSize ?? DEFAULT_MIN_SLICE_SIZE;
  return columns.map((column) => {
    if (column.values.length !== p.labels.length) {
      throw new DataError(
        `Slice column "${excerpt(column.name)}" has ${column.values.length} values but there are ${p.labels.length} examples; slice columns must come from the evaluated rows.`,
      );
    }
    const groups = [...groupIndices(column.values)]
      .filter(([, indices]) => indices.length >= minCount)
      // Ties broken by value so the report is the same on every run.
      .sort(([a, x], [b, y]) => y.length - x.length || compareText(a, b));
    const values = groups.slice(0, MAX_SLICE_VALUES).map(([value, indices]) => ({
      value: excerpt(value),
      count: indices.length,
      metrics: computeMetrics(selectExamples(p, indices), options),
      ...(indices.length < minSliceSize ? { small: true } : {}),
    }));
    const left = groups.slice(MAX_SLICE_VALUES);
    if (left.length === 0) return { column: column.name, values };
    const count = left.reduce((total, [, indices]) => total + indices.length, 0);
    return { column: column.name, values, omitted: { values: left.length, count } };
  });
}

/** The example indices of each value, missing values under MISSING_SLICE_VALUE. */
function groupIndices(values: (string | null)[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  values.forEach((value, index) => {
    const key = value ?? MISSING_SLICE_VALUE;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  return groups;
}

/** Overall metrics, slices, and for classification the confusion matrix and curves. */
export function evaluatePredictions(
  p: Predictions,
  columns: SliceColumn[] = [],
  options: SliceOptions = {},
): EvaluationResult {
  const result: EvaluationResult = {
    task: p.task,
    count: p.labels.length,
    overall: computeMetrics(p, options),
    slices: evaluateSlices(p, columns, options),
  };
  if (p.task === 'regression') {
    const bins = predictionBins(p);
    if (bins) result.predictionBins = bins;
    return result;
  }
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  result.confusionMatrix = confusionMatrix(p, threshold);
  if (p.task === 'multiclass') return result;
  result.threshold = threshold;
  const roc = rocCurve(p);
  if (roc) result.roc = roc;
  result.calibration = calibrationBins(p);
  return result;
}

/** The predictions of the examples at `indices`, same task and classes. */
function selectExamples(p: Predictions, indices: number[]): Predictions {
  const labels = indices.map((i) => p.labels[i] as number);
  switch (p.task) {
    case 'binary':
      return { ...p, labels, scores: indices.map((i) => p.scores[i] as number) };
    case 'multiclass':
      return { ...p, labels, probabilities: indices.map((i) => p.probabilities[i] as NumberArray) };
    case 'regression':
      return { ...p, labels, values: indices.map((i) => p.values[i] as number) };
  }
}
