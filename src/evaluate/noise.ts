/**
 * What the test rows can and cannot tell: bootstrap intervals of a model's metrics, the trivial
 * baseline beside it with the paired intervals of the model's lead over it, and the paired
 * intervals of its lead over the baseline model when both were scored on the same rows.
 */
import { compareByBootstrap } from './bootstrap.js';
import { computeMetrics, metricKernel } from './metrics.js';
import { trivialBaseline, type TrainingLabels } from './trivial.js';
import type { BootstrapInfo, EvaluationResult, Interval, Predictions } from './types.js';

/** A model's evaluation and the predictions it was computed from. */
export interface ScoredModel {
  result: EvaluationResult;
  predictions: Predictions;
}

/** The baseline model's scores, and whether they are for the same rows, in the same order. */
export interface ScoredBaseline extends ScoredModel {
  sameRows: boolean;
}

/**
 * Adds to `current.result` its intervals (`intervals`, `bootstrap`) and the trivial baseline
 * fitted on `training` (`trivial`), and to the baseline's result its own intervals. Returns the
 * paired intervals of (current − baseline) when the baseline scored the same rows, else undefined:
 * the comparison then falls back to whether the two models' intervals overlap.
 */
export function measureNoise(
  current: ScoredModel,
  training: TrainingLabels,
  baseline: ScoredBaseline | null,
  settings: BootstrapInfo,
): Record<string, Interval> | undefined {
  const trivial = trivialBaseline(current.predictions, training);
  const rows = current.predictions.labels.length;
  const paired = baseline?.sameRows === true;
  const kernels = [kernelOf(current), metricKernel(trivial.predictions)];
  if (baseline && paired) kernels.push(kernelOf(baseline));
  const { intervals, differences } = compareByBootstrap(kernels, rows, settings);
  current.result.intervals = intervals[0] ?? {};
  current.result.bootstrap = { ...settings };
  current.result.trivial = {
    predictor: trivial.predictor,
    overall: computeMetrics(trivial.predictions),
    difference: differences[0] ?? {},
  };
  if (!baseline) return undefined;
  if (paired) {
    baseline.result.intervals = intervals[2] ?? {};
    return differences[1];
  }
  const own = compareByBootstrap(
    [kernelOf(baseline)],
    baseline.predictions.labels.length,
    settings,
  );
  baseline.result.intervals = own.intervals[0] ?? {};
  return undefined;
}

/** Scores with the threshold the model's evaluation used. */
function kernelOf(scored: ScoredModel) {
  return metricKernel(scored.predictions, { threshold: scored.result.threshold });
}
