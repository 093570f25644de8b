/**
 * Live metrics: the predictions a version served whose true labels came back as feedback, scored
 * with evaluation's own metrics (computeMetrics) and held to mlops.yml's gates as evaluation holds
 * a candidate — bounds on the value, and changes against the version's metrics at registration.
 */
import { parseNumber } from '../data/kinds.js';
import { evaluateGates, type Gate, type GateReport } from '../evaluate/gates.js';
import { computeMetrics } from '../evaluate/metrics.js';
import type { EvaluationResult, MetricSet, Predictions, Task } from '../evaluate/types.js';
import type { PredictionOutput } from '../serve/log-format.js';

/** How a served version's labels are read: its task, and its classes for classification. */
export type LabelReading =
  | { task: 'binary'; classes: readonly [string, string]; threshold: number }
  | { task: 'multiclass'; classes: readonly string[] }
  | { task: 'regression' };

/** A feedback label as sent: a class name, a number, or true/false. */
export type FeedbackLabel = string | number | boolean;

/** The labelled predictions of one version, in a form computeMetrics takes. */
export class LabelledPredictions {
  private readonly labels: number[] = [];
  private readonly scores: number[] = [];
  private readonly rows: number[][] = [];
  private readonly index: Map<string, number> | null;

  constructor(private readonly reading: LabelReading) {
    this.index =
      reading.task === 'regression' ? null : new Map(reading.classes.map((c, i) => [c, i]));
  }

  get count(): number {
    return this.labels.length;
  }

  /**
   * Adds one prediction with its true label; false when they cannot be scored together: a label
   * that is no class of the model (or no number, for regression), or an output of another task
   * or out of range.
   */
  add(output: PredictionOutput, label: FeedbackLabel): boolean {
    const { reading } = this;
    if (reading.task === 'regression') {
      const value = parseNumber(label);
      if (output.task !== 'regression' || value === null || !Number.isFinite(value)) return false;
      this.labels.push(value);
      this.scores.push(output.value);
      return true;
    }
    const actual = this.index?.get(String(label));
    if (actual === undefined) return false;
    if (reading.task === 'binary') {
      if (output.task !== 'binary' || !isProbability(output.score)) return false;
      this.scores.push(output.score);
    } else {
      if (output.task !== 'multiclass') return false;
      const row = reading.classes.map((c) =>
        Object.hasOwn(output.probabilities, c) ? (output.probabilities[c] as number) : 0,
      );
      if (!row.every(isProbability)) return false;
      this.rows.push(row);
    }
    this.labels.push(actual);
    return true;
  }

  /** The predictions as computeMetrics takes them; null when there are none. */
  predictions(): Predictions | null {
    if (this.count === 0) return null;
    const { reading, labels } = this;
    switch (reading.task) {
      case 'binary':
        return { task: 'binary', labels, scores: this.scores, classes: [...reading.classes] };
      case 'multiclass':
        return {
          task: 'multiclass',
          labels,
          probabilities: this.rows,
          classes: [...reading.classes],
        };
      case 'regression':
        return { task: 'regression', labels, values: this.scores };
    }
  }

  /** computeMetrics of the labelled predictions (at the version's decision threshold); null when none. */
  metrics(): MetricSet | null {
    const predictions = this.predictions();
    if (!predictions) return null;
    const threshold = this.reading.task === 'binary' ? this.reading.threshold : undefined;
    return computeMetrics(predictions, threshold === undefined ? {} : { threshold });
  }
}

function isProbability(value: number): boolean {
  return value >= 0 && value <= 1;
}

/**
 * The gates live metrics can be held to: each gate's bounds and change. A slice gap needs slice
 * columns and beating the trivial baseline a bootstrap on a test split, neither of which a
 * stream of served predictions has.
 */
export function liveGates(gates: readonly Gate[]): Gate[] {
  return gates.flatMap((gate) => {
    const { metric, lower_bound, upper_bound, change, direction } = gate;
    if (lower_bound === undefined && upper_bound === undefined && change === undefined) return [];
    return [
      {
        metric,
        ...(lower_bound === undefined ? {} : { lower_bound }),
        ...(upper_bound === undefined ? {} : { upper_bound }),
        ...(change === undefined ? {} : { change }),
        ...(direction === undefined ? {} : { direction }),
      },
    ];
  });
}

/**
 * The gates on a version's live `metrics`; `recorded` holds its metrics at registration (the tag's
 * metadata), the baseline of `change` gates (skipped without it).
 */
export function checkLiveGates(
  gates: readonly Gate[],
  live: { task: Task; count: number; metrics: MetricSet },
  recorded: { task: Task; metrics: MetricSet } | null,
): GateReport {
  const current: EvaluationResult = {
    task: live.task,
    count: live.count,
    overall: live.metrics,
    slices: [],
  };
  const baseline: EvaluationResult | null = recorded && {
    task: recorded.task,
    count: 0,
    overall: recorded.metrics,
    slices: [],
  };
  return evaluateGates(liveGates(gates), current, baseline);
}
