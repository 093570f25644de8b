/**
 * Tuning a binary model's decision threshold on the validation split: the threshold (a score
 * above it predicts the positive class) that maximises a metric of the decision. Tuned on
 * validation rows, never test rows, so the test metrics stay an honest estimate.
 */
import { DataError } from '../errors.js';
import { decisionMetrics, rankScores, sweep, unitWeights } from './metrics.js';
import type { BinaryPredictions, DecisionThreshold, Predictions, Task } from './types.js';

/** The metrics a threshold can be tuned for (`evaluation.threshold: { tune: f1 }`). */
export const THRESHOLD_METRICS = ['f1', 'accuracy'] as const;
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];

/** Among equally good thresholds, the one nearest this (the usual default) is kept. */
const PREFERRED = 0.5;

/** mlops.yml's evaluation.threshold: a fixed threshold, or the metric to tune one for. */
export type ThresholdSetting = number | { tune: ThresholdMetric };

/**
 * A binary model's decision threshold from its setting, tuned on the `validation` predictions
 * when the setting says; undefined for other tasks, which have none.
 */
export function chooseThreshold(
  setting: ThresholdSetting,
  task: Task,
  validation: Predictions | null,
): DecisionThreshold | undefined {
  if (task !== 'binary') return undefined;
  if (typeof setting === 'number') return { value: setting };
  if (validation?.task !== 'binary' || validation.labels.length === 0) {
    throw new DataError(
      'evaluation.threshold: no validation rows to tune the threshold on; add data or set a number.',
    );
  }
  const tuned = tuneThreshold(validation, setting.tune);
  return { value: tuned.threshold, tuning: { metric: setting.tune, validation: tuned.value } };
}

export interface TunedThreshold {
  threshold: number;
  /** The metric at that threshold on the predictions it was tuned on. */
  value: number;
}

/**
 * The threshold maximising `metric` on `p`. Each candidate sits halfway between two adjacent
 * distinct scores (so it does not hinge on one example's exact score), plus the highest score
 * itself (nothing predicted positive); thresholds stay within [0, 1].
 */
export function tuneThreshold(p: BinaryPredictions, metric: ThresholdMetric): TunedThreshold {
  const n = p.labels.length;
  const ranking = rankScores(p.scores);
  const scoreAt = (position: number) => p.scores[ranking.order[position] as number] as number;
  const steps: { tp: number; fp: number; position: number }[] = [];
  const { positives, negatives } = sweep(p.labels, ranking, unitWeights(n), (tp, fp, position) =>
    steps.push({ tp, fp, position }),
  );
  const valueOf = (tp: number, fp: number) =>
    decisionMetrics(tp, fp, positives - tp, negatives - fp)[metric] ?? 0;
  let best: TunedThreshold = { threshold: scoreAt(0), value: valueOf(0, 0) };
  for (const { tp, fp, position } of steps) {
    const score = scoreAt(position);
    const next = position + 1 < n ? scoreAt(position + 1) : 0;
    // Under a strict `>`, no threshold in [0, 1] predicts a score of 0 positive.
    if (score === 0) continue;
    const candidate = { threshold: (score + next) / 2, value: valueOf(tp, fp) };
    if (isBetter(candidate, best)) best = candidate;
  }
  return best;
}

function isBetter(candidate: TunedThreshold, best: TunedThreshold): boolean {
  if (candidate.value !== best.value) return candidate.value > best.value;
  return Math.abs(candidate.threshold - PREFERRED) < Math.abs(best.threshold - PREFERRED);
}
