/**
 * Whether the baseline model's score collapsed on this run's test rows, against the score recorded
 * when it was registered. A production model that scored 0.86 and now scores 0.51 on new data says
 * the data broke or shifted; a candidate trained on that data then looks better than the baseline
 * for the wrong reason.
 *
 * The rule, on the task's headline metric (the first of HEADLINE_METRICS present in both):
 * - only for a baseline re-evaluated on these rows (`source: 'reevaluated'`), with its recorded
 *   metrics, on at least COLLAPSE_MIN_ROWS rows;
 * - a higher-is-better metric (auc, accuracy, macro_f1, r2) collapsed when it fell by at least
 *   COLLAPSE_DROP (0.1) and, for the scores within [0, 1] (all but r2), by more than three standard
 *   errors of a proportion at the recorded value, √(p(1 − p)/n): on a small test split, a fall of
 *   0.1 can be noise;
 * - a lower-is-better metric (rmse, log_loss) collapsed when it rose by at least COLLAPSE_RISE
 *   (50 %) of its recorded value.
 * Gates judge changes of a few thousandths; a collapse is a change no retraining explains.
 */
import { metricDirection, type Direction } from './metrics.js';
import type { MetricSet, Task } from './types.js';

/** The metrics looked at, per task, in order: the first present on both sides is used. */
export const HEADLINE_METRICS: Readonly<Record<Task, readonly string[]>> = {
  binary: ['auc', 'accuracy'],
  multiclass: ['accuracy', 'macro_f1'],
  regression: ['r2', 'rmse'],
};

/** Fall of a higher-is-better metric that counts as a collapse (at least). */
export const COLLAPSE_DROP = 0.1;
/** Rise of a lower-is-better metric, relative to its recorded value, that counts as a collapse. */
export const COLLAPSE_RISE = 0.5;
/** Fewer scored rows than this never count as a collapse: too few to tell. */
export const COLLAPSE_MIN_ROWS = 30;
/** Standard errors a score in [0, 1] must fall by, besides COLLAPSE_DROP. */
const COLLAPSE_ERRORS = 3;

/** Metrics scored in [0, 1], where a proportion's standard error bounds the noise. */
const UNIT_SCORES = new Set(['auc', 'accuracy', 'macro_f1']);

/** What the rule reads of an evaluation outcome (src/steps/evaluate.ts's EvaluationOutcome). */
export interface CollapseInput {
  evaluation: { task: Task; count: number };
  baseline: {
    version: string;
    reason: string;
    source: string;
    /** The baseline's metrics on this run's test rows when `source` is `reevaluated`. */
    evaluation?: { count: number; overall: MetricSet };
    /** The metrics recorded when the baseline was registered (its tag's metadata). */
    recorded?: MetricSet;
  } | null;
}

export interface BaselineCollapse {
  version: string;
  reason: string;
  metric: string;
  direction: Direction;
  /** On this run's test rows. */
  current: number;
  /** When the baseline was registered. */
  recorded: number;
  rows: number;
}

/** The baseline's collapse on this data by the rule above, or null. */
export function baselineCollapse(outcome: CollapseInput): BaselineCollapse | null {
  const baseline = outcome.baseline;
  if (!baseline || baseline.source !== 'reevaluated') return null;
  const now = baseline.evaluation?.overall;
  const recorded = baseline.recorded;
  if (!now || !recorded) return null;
  const rows = baseline.evaluation?.count || outcome.evaluation.count;
  if (!(rows >= COLLAPSE_MIN_ROWS)) return null;
  const candidates = HEADLINE_METRICS[outcome.evaluation.task] ?? [];
  const metric = candidates.find(
    (name) => Number.isFinite(now[name]) && Number.isFinite(recorded[name]),
  );
  if (metric === undefined) return null;
  const direction = metricDirection(metric);
  if (direction === null) return null;
  const [current, before] = [now[metric] as number, recorded[metric] as number];
  const collapsed =
    direction === 'higher'
      ? before - current >= requiredDrop(metric, before, rows)
      : before > 0 && current - before >= COLLAPSE_RISE * before;
  if (!collapsed) return null;
  return {
    version: baseline.version,
    reason: baseline.reason,
    metric,
    direction,
    current,
    recorded: before,
    rows,
  };
}

function requiredDrop(metric: string, recorded: number, rows: number): number {
  if (!UNIT_SCORES.has(metric)) return COLLAPSE_DROP;
  const p = Math.min(1, Math.max(0, recorded));
  return Math.max(COLLAPSE_DROP, COLLAPSE_ERRORS * Math.sqrt((p * (1 - p)) / rows));
}
