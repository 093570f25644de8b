/**
 * Gates decide whether a model is blessed, with TFMA's semantics: `lower_bound`/`upper_bound`
 * bound the value (inclusive); `change` bounds `diff = current − baseline` in the metric's better
 * direction — for a higher-is-better metric `absolute: -0.005` means current ≥ baseline − 0.005,
 * for a lower-is-better one `absolute: 0.01` means current ≤ baseline + 0.01, and `relative` does
 * the same with a fraction of the baseline. Two deliberate departures from TFMA: `relative` scales
 * |baseline| (TFMA divides by the signed baseline, which flips the test for a negative r2, and
 * fails every gate on a zero baseline), and comparisons allow 1e-9 of round-off so a bound met to
 * the last printed digit passes. `slice_gap` is ours: max − min of the metric over the values of
 * a slice column with at least `min_count` examples must be ≤ `max`.
 *
 * A gate on a metric the task does not have, or one undefined on the data, fails with a reason
 * rather than throwing, so one report shows every problem; the config loader can reject unknown
 * names up front with isKnownMetric.
 */
import { z } from 'zod';
import { formatNumber } from '../util/text.js';
import { isKnownMetric, metricDirection, metricNames } from './metrics.js';
import type { Direction } from './metrics.js';
import type { EvaluationResult } from './types.js';

/** Slice values with fewer examples than this are left out of a slice_gap unless the gate says. */
export const DEFAULT_SLICE_GAP_MIN_COUNT = 30;

const TOLERANCE = 1e-9;

/** Significant digits of gate values: enough to tell values near a bound apart, no float noise. */
export const GATE_DIGITS = 6;

const changeSchema = z
  .strictObject({
    absolute: z.number().optional(),
    relative: z.number().optional(),
  })
  .refine((change) => change.absolute !== undefined || change.relative !== undefined, {
    message: 'change needs absolute and/or relative (e.g. { absolute: -0.005 })',
  });

const sliceGapSchema = z.strictObject({
  by: z.string().min(1, 'slice_gap.by names the slice column, e.g. sex'),
  max: z.number().nonnegative('slice_gap.max is the largest allowed gap, 0 or more'),
  min_count: z.number().int().positive().optional(),
});

/** One gate of mlops.yml `gates:`; each field it sets is a criterion that must hold. */
export const gateSchema = z
  .strictObject({
    metric: z.string().min(1, 'metric names the metric to check, e.g. auc'),
    lower_bound: z.number().optional(),
    upper_bound: z.number().optional(),
    change: changeSchema.optional(),
    /** Overrides the metric's own direction for `change`; needed for positive_rate. */
    direction: z.enum(['higher', 'lower']).optional(),
    slice_gap: sliceGapSchema.optional(),
  })
  .superRefine((gate, ctx) => {
    const criteria = [gate.lower_bound, gate.upper_bound, gate.change, gate.slice_gap];
    if (criteria.every((criterion) => criterion === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['metric'],
        message: `the gate on ${gate.metric} checks nothing: add lower_bound, upper_bound, change or slice_gap`,
      });
    }
    if (
      gate.lower_bound !== undefined &&
      gate.upper_bound !== undefined &&
      gate.lower_bound > gate.upper_bound
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['lower_bound'],
        message: `lower_bound ${gate.lower_bound} is above upper_bound ${gate.upper_bound}`,
      });
    }
    if (gate.direction !== undefined && gate.change === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['direction'],
        message: 'direction only applies to a change criterion; remove it or add change',
      });
    }
  });

export type Gate = z.infer<typeof gateSchema>;

export type GateStatus = 'pass' | 'fail' | 'skipped';

/** The verdict on one criterion of a gate (a gate with bounds and change gives two results). */
export interface GateResult {
  gate: Gate;
  criterion: 'bounds' | 'change' | 'slice_gap';
  /** What is required, from the config alone: "auc ≥ 0.8", "auc ≥ baseline − 0.005". */
  description: string;
  status: GateStatus;
  /** The value checked: the metric, or the gap for slice_gap. */
  actual?: number;
  /** The requirement in numbers: "≥ 0.795". */
  expected?: string;
  baseline?: number;
  /** Why it failed or was skipped, or what was measured. */
  reason?: string;
}

export interface GateReport {
  blessed: boolean;
  verdict: 'BLESSED' | 'NOT_BLESSED';
  results: GateResult[];
}

export interface MetricComparison {
  metric: string;
  current: number;
  /** Null when there is no baseline of the same task, or it lacks the metric. */
  baseline: number | null;
  delta: number | null;
  /** delta / |baseline|; null when the baseline is 0. */
  relativeDelta: number | null;
  /** Null when unchanged, not comparable, or the metric has no better direction. */
  better: boolean | null;
}

/** Checks every gate; BLESSED when none fails (skipped ones do not count against). */
export function evaluateGates(
  gates: Gate[],
  current: EvaluationResult,
  baseline?: EvaluationResult | null,
): GateReport {
  const results = gates.flatMap((gate) => checkGate(gate, current, baseline ?? null));
  const blessed = results.every((result) => result.status !== 'fail');
  return { blessed, verdict: blessed ? 'BLESSED' : 'NOT_BLESSED', results };
}

/** Each overall metric of `current` next to the baseline's, with deltas and which way is better. */
export function compareToBaseline(
  current: EvaluationResult,
  baseline?: EvaluationResult | null,
): MetricComparison[] {
  const comparable = baseline?.task === current.task ? baseline : null;
  return Object.entries(current.overall).map(([metric, value]) => {
    const base = comparable?.overall[metric];
    if (base === undefined) {
      return {
        metric,
        current: value,
        baseline: null,
        delta: null,
        relativeDelta: null,
        better: null,
      };
    }
    const delta = value - base;
    const direction = metricDirection(metric);
    return {
      metric,
      current: value,
      baseline: base,
      delta,
      relativeDelta: base === 0 ? null : delta / Math.abs(base),
      better:
        direction === null || Math.abs(delta) <= TOLERANCE
          ? null
          : (direction === 'higher') === delta > 0,
    };
  });
}

function checkGate(
  gate: Gate,
  current: EvaluationResult,
  baseline: EvaluationResult | null,
): GateResult[] {
  const results: GateResult[] = [];
  if (gate.lower_bound !== undefined || gate.upper_bound !== undefined) {
    results.push(checkBounds(gate, current));
  }
  if (gate.change) results.push(checkChange(gate, gate.change, current, baseline));
  if (gate.slice_gap) results.push(checkSliceGap(gate, gate.slice_gap, current));
  return results;
}

function checkBounds(gate: Gate, current: EvaluationResult): GateResult {
  const { metric, lower_bound: lower, upper_bound: upper } = gate;
  const expected =
    lower !== undefined && upper !== undefined
      ? `between ${lower} and ${upper}`
      : lower !== undefined
        ? `≥ ${lower}`
        : `≤ ${upper}`;
  const description =
    lower !== undefined && upper !== undefined
      ? `${lower} ≤ ${metric} ≤ ${upper}`
      : `${metric} ${expected}`;
  const base = { gate, criterion: 'bounds' as const, description, expected };
  const missing = missingMetric(metric, current);
  if (missing) return { ...base, status: 'fail', reason: missing };
  const actual = current.overall[metric] as number;
  const pass =
    (lower === undefined || actual >= lower - TOLERANCE) &&
    (upper === undefined || actual <= upper + TOLERANCE);
  return { ...base, status: pass ? 'pass' : 'fail', actual };
}

function checkChange(
  gate: Gate,
  change: NonNullable<Gate['change']>,
  current: EvaluationResult,
  baseline: EvaluationResult | null,
): GateResult {
  const { metric } = gate;
  const direction = gate.direction ?? metricDirection(metric);
  const base = {
    gate,
    criterion: 'change' as const,
    description: describeChange(metric, change, direction ?? 'higher'),
  };
  const missing = missingMetric(metric, current);
  if (missing) return { ...base, status: 'fail', reason: missing };
  if (direction === null) {
    return {
      ...base,
      status: 'fail',
      reason: `${metric} has no better direction; set direction: higher or lower on the gate`,
    };
  }
  if (!baseline) return { ...base, status: 'skipped', reason: 'no baseline model yet' };
  if (baseline.task !== current.task) {
    return { ...base, status: 'skipped', reason: `the baseline is a ${baseline.task} model` };
  }
  const baselineValue = baseline.overall[metric];
  if (baselineValue === undefined) {
    return { ...base, status: 'skipped', reason: `the baseline has no ${metric} value` };
  }
  const actual = current.overall[metric] as number;
  const relativeShift =
    change.relative === undefined ? undefined : change.relative * Math.abs(baselineValue);
  const allowed = [change.absolute, relativeShift]
    .filter((shift) => shift !== undefined)
    .map((shift) => baselineValue + shift);
  // Every criterion must hold, so the strictest bound decides.
  const bound = direction === 'higher' ? Math.max(...allowed) : Math.min(...allowed);
  const pass = direction === 'higher' ? actual >= bound - TOLERANCE : actual <= bound + TOLERANCE;
  return {
    ...base,
    status: pass ? 'pass' : 'fail',
    actual,
    baseline: baselineValue,
    expected: `${direction === 'higher' ? '≥' : '≤'} ${formatValue(bound)}`,
    reason: `${formatSigned(actual - baselineValue)} from baseline ${formatValue(baselineValue)}`,
  };
}

function checkSliceGap(
  gate: Gate,
  gap: NonNullable<Gate['slice_gap']>,
  current: EvaluationResult,
): GateResult {
  const { metric } = gate;
  const minCount = gap.min_count ?? DEFAULT_SLICE_GAP_MIN_COUNT;
  const base = {
    gate,
    criterion: 'slice_gap' as const,
    description: `${metric} gap across ${gap.by} ≤ ${gap.max}`,
    expected: `≤ ${gap.max}`,
  };
  if (!isKnownMetric(metric, current.task)) {
    return { ...base, status: 'fail', reason: unknownMetricReason(metric, current) };
  }
  const column = current.slices.find((slice) => slice.column === gap.by);
  if (!column) {
    return {
      ...base,
      status: 'fail',
      reason: `no slices by ${gap.by} were evaluated; add ${gap.by} to data.slices`,
    };
  }
  const measured = column.values.flatMap(({ value, count, metrics }) => {
    const score = metrics[metric];
    return count >= minCount && score !== undefined ? [{ value, score }] : [];
  });
  const leftOut = column.values.length - measured.length;
  const omitted = column.omitted?.values ?? 0;
  const leftOutNote = [
    leftOut ? `; ${leftOut} value(s) left out (under ${minCount} examples or no ${metric})` : '',
    omitted ? `; ${omitted} value(s) with the fewest examples not evaluated` : '',
  ].join('');
  if (measured.length < 2) {
    return {
      ...base,
      status: 'skipped',
      reason: `fewer than 2 values of ${gap.by} to compare${leftOutNote}`,
    };
  }
  const sorted = measured.sort((a, b) => a.score - b.score);
  const lowest = sorted[0] as (typeof sorted)[0];
  const highest = sorted[sorted.length - 1] as (typeof sorted)[0];
  const actual = highest.score - lowest.score;
  return {
    ...base,
    status: actual <= gap.max + TOLERANCE ? 'pass' : 'fail',
    actual,
    reason:
      `${metric} ranges from ${formatValue(lowest.score)} (${lowest.value}) ` +
      `to ${formatValue(highest.score)} (${highest.value})${leftOutNote}`,
  };
}

/** Why `metric` cannot be read from the overall metrics, or undefined when it can. */
function missingMetric(metric: string, current: EvaluationResult): string | undefined {
  if (!isKnownMetric(metric, current.task)) return unknownMetricReason(metric, current);
  if (current.overall[metric] === undefined) {
    return `${metric} is undefined on this evaluation data (for example, only one class occurs)`;
  }
  return undefined;
}

function unknownMetricReason(metric: string, current: EvaluationResult): string {
  return `${metric} is not a ${current.task} metric; use one of ${metricNames(current.task).join(', ')}`;
}

function describeChange(
  metric: string,
  change: NonNullable<Gate['change']>,
  direction: Direction,
): string {
  const parts: string[] = [];
  if (change.absolute !== undefined) parts.push(`baseline ${formatShift(change.absolute)}`);
  if (change.relative !== undefined) {
    parts.push(`baseline ${formatShift(change.relative * 100)}%`);
  }
  const op = direction === 'higher' ? '≥' : '≤';
  return `${metric} ${op} ${parts.join(` and ${op} `)}`;
}

/** "+ 0.01" or "− 0.005", for text like "baseline − 0.005". */
function formatShift(shift: number): string {
  return `${shift < 0 ? '−' : '+'} ${formatValue(Math.abs(shift))}`;
}

function formatSigned(value: number): string {
  return `${value < 0 ? '−' : '+'}${formatValue(Math.abs(value))}`;
}

function formatValue(value: number): string {
  return formatNumber(value, GATE_DIGITS);
}
