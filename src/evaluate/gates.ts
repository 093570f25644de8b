/**
 * Gates decide whether a model is blessed, with TFMA's semantics: `lower_bound`/`upper_bound`
 * bound the value (inclusive); `change` bounds `diff = current − baseline` in the metric's better
 * direction — for a higher-is-better metric `absolute: -0.005` means current ≥ baseline − 0.005,
 * for a lower-is-better one `absolute: 0.01` means current ≤ baseline + 0.01, and `relative` does
 * the same with a fraction of the baseline. Two deliberate departures from TFMA: `relative` scales
 * |baseline| (TFMA divides by the signed baseline, which flips the test for a negative r2, and
 * fails every gate on a zero baseline), and comparisons allow 1e-9 of round-off so a bound met to
 * the last printed digit passes. `slice_gap` is ours: max − min of the metric over the values of
 * a slice column with at least `min_count` examples (default: evaluation.min_slice_size) must be
 * ≤ `max`. `beat_trivial` is ours too: the paired bootstrap interval of (model − trivial baseline)
 * must lie wholly on the better side of 0, so a model that learned nothing, or too little to tell
 * from noise, is not blessed; mlops.yml's `evaluation.beat_trivial` adds one such gate by default.
 *
 * A gate on a metric the task does not have, or one undefined on the data, fails with a reason
 * rather than throwing, so one report shows every problem; the config loader can reject unknown
 * names up front with isKnownMetric.
 */
import { z } from 'zod';
import { formatNumber } from '../util/text.js';
import { HEADLINE_METRICS } from './collapse.js';
import { isKnownMetric, metricDirection, metricNames } from './metrics.js';
import type { Direction } from './metrics.js';
import type { EvaluationResult, Interval } from './types.js';

/**
 * Slice values with fewer examples than this are marked small in the report and left out of a
 * slice_gap (unless the gate's min_count says otherwise): evaluation.min_slice_size's default.
 */
export const DEFAULT_MIN_SLICE_SIZE = 30;

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
    /** The model must beat the trivial baseline beyond noise on this metric. */
    beat_trivial: z.literal(true, 'beat_trivial is true, or left out').optional(),
  })
  .superRefine((gate, ctx) => {
    const criteria = [
      gate.lower_bound,
      gate.upper_bound,
      gate.change,
      gate.slice_gap,
      gate.beat_trivial,
    ];
    if (criteria.every((criterion) => criterion === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['metric'],
        message: `the gate on ${gate.metric} checks nothing: add lower_bound, upper_bound, change or slice_gap (or beat_trivial)`,
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

export const GATE_CRITERIA = ['bounds', 'change', 'slice_gap', 'beat_trivial'] as const;
export type GateCriterion = (typeof GATE_CRITERIA)[number];

/** The verdict on one criterion of a gate (a gate with bounds and change gives two results). */
export interface GateResult {
  gate: Gate;
  criterion: GateCriterion;
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
  /**
   * Whether the change is within the noise of the test rows, and how that was judged: a `paired`
   * bootstrap of the difference on the same rows (its interval holds 0), or, when the baseline
   * could not be run on them, the `overlap` of the candidate's interval with the baseline's (or
   * with its recorded value). Absent when there is no interval to judge by.
   */
  noise?: { test: 'paired' | 'overlap'; withinNoise: boolean; difference?: Interval };
}

export interface GateOptions {
  /** Slice values under this many examples are left out of a slice_gap without a min_count. */
  minSliceSize?: number;
}

/**
 * The gate mlops.yml's evaluation.beat_trivial adds before `gates`: none when false or when
 * `gates` already holds it; on `{ metric }`; on true, the task's headline metric (the first of
 * HEADLINE_METRICS this evaluation has).
 */
export function defaultGates(
  setting: boolean | { metric: string },
  gates: Gate[],
  current: EvaluationResult,
): Gate[] {
  if (setting === false) return [];
  const headline = HEADLINE_METRICS[current.task];
  const metric =
    typeof setting === 'object'
      ? setting.metric
      : (headline.find((name) => current.overall[name] !== undefined) ?? (headline[0] as string));
  const given = gates.some((gate) => gate.beat_trivial && gate.metric === metric);
  return given ? [] : [{ metric, beat_trivial: true }];
}

/** Checks every gate; BLESSED when none fails (skipped ones do not count against). */
export function evaluateGates(
  gates: Gate[],
  current: EvaluationResult,
  baseline?: EvaluationResult | null,
  options: GateOptions = {},
): GateReport {
  const results = gates.flatMap((gate) => checkGate(gate, current, baseline ?? null, options));
  const blessed = results.every((result) => result.status !== 'fail');
  return { blessed, verdict: blessed ? 'BLESSED' : 'NOT_BLESSED', results };
}

/**
 * Each overall metric of `current` next to the baseline's, with deltas, which way is better and
 * whether the change is beyond noise; `paired` holds the paired bootstrap intervals of
 * (current − baseline) when both models were scored on the same test rows.
 */
export function compareToBaseline(
  current: EvaluationResult,
  baseline?: EvaluationResult | null,
  paired?: Record<string, Interval>,
): MetricComparison[] {
  const comparable = baseline?.task === current.task ? baseline : null;
  return Object.entries(current.overall).map(([metric, value]) => {
    const base = comparable?.overall[metric];
    if (!comparable || base === undefined) {
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
    const noise = judgeNoise(metric, current, comparable, paired);
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
      ...(noise ? { noise } : {}),
    };
  });
}

/** Whether a metric's change from the baseline is within noise, by the test MetricComparison names. */
function judgeNoise(
  metric: string,
  current: EvaluationResult,
  baseline: EvaluationResult,
  paired: Record<string, Interval> | undefined,
): MetricComparison['noise'] {
  const difference = paired?.[metric];
  if (difference) {
    return { test: 'paired', withinNoise: contains(difference, 0), difference };
  }
  const mine = current.intervals?.[metric];
  if (!mine) return undefined;
  const value = baseline.overall[metric] as number;
  const theirs = baseline.intervals?.[metric] ?? { lower: value, upper: value };
  return {
    test: 'overlap',
    withinNoise: mine.lower <= theirs.upper + TOLERANCE && theirs.lower <= mine.upper + TOLERANCE,
  };
}

function contains(interval: Interval, value: number): boolean {
  return interval.lower <= value + TOLERANCE && value <= interval.upper + TOLERANCE;
}

function checkGate(
  gate: Gate,
  current: EvaluationResult,
  baseline: EvaluationResult | null,
  options: GateOptions,
): GateResult[] {
  const results: GateResult[] = [];
  if (gate.lower_bound !== undefined || gate.upper_bound !== undefined) {
    results.push(checkBounds(gate, current));
  }
  if (gate.change) results.push(checkChange(gate, gate.change, current, baseline));
  if (gate.slice_gap) {
    results.push(checkSliceGap(gate, gate.slice_gap, current, options.minSliceSize));
  }
  if (gate.beat_trivial) results.push(checkBeatTrivial(gate, current));
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
  minSliceSize = DEFAULT_MIN_SLICE_SIZE,
): GateResult {
  const { metric } = gate;
  const minCount = gap.min_count ?? minSliceSize;
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

function checkBeatTrivial(gate: Gate, current: EvaluationResult): GateResult {
  const { metric } = gate;
  const base = {
    gate,
    criterion: 'beat_trivial' as const,
    description: `${metric} beats the trivial baseline beyond noise`,
    expected: '> 0',
  };
  const missing = missingMetric(metric, current);
  if (missing) return { ...base, status: 'fail', reason: missing };
  const direction = metricDirection(metric);
  if (direction === null) {
    return { ...base, status: 'fail', reason: `${metric} has no better direction to beat` };
  }
  const trivial = current.trivial;
  if (!trivial) {
    return { ...base, status: 'skipped', reason: 'this evaluation has no trivial baseline' };
  }
  const trivialValue = trivial.overall[metric];
  if (trivialValue === undefined) {
    return {
      ...base,
      status: 'fail',
      reason: `the trivial baseline has no ${metric} on this data (as precision when it predicts no positive); pick another metric`,
    };
  }
  const difference = trivial.difference[metric];
  if (!difference) {
    return {
      ...base,
      status: 'fail',
      baseline: trivialValue,
      reason: `${metric} is undefined in too many bootstrap resamples to tell the model from the trivial baseline; add test rows or pick another metric`,
    };
  }
  // The gain over the trivial baseline in the metric's better direction; its lower end must be > 0.
  const gain =
    direction === 'higher' ? difference : { lower: -difference.upper, upper: -difference.lower };
  const level = current.bootstrap ? `${formatValue(current.bootstrap.confidence * 100)}% ` : '';
  return {
    ...base,
    status: gain.lower > TOLERANCE ? 'pass' : 'fail',
    actual: gain.lower,
    baseline: trivialValue,
    reason:
      `${metric} ${formatValue(current.overall[metric] as number)} vs ${formatValue(trivialValue)} for the trivial baseline; ` +
      `${level}interval of the gain ${formatSigned(gain.lower)} to ${formatSigned(gain.upper)} (paired bootstrap)`,
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
