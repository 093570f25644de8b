import { describe, expect, test } from '@jest/globals';
import { compareToBaseline, evaluateGates, gateSchema } from '../src/evaluate/gates.js';
import type { Gate, GateResult } from '../src/evaluate/gates.js';
import type { EvaluationResult, MetricSet, SliceResult, Task } from '../src/evaluate/types.js';

function evaluation(task: Task, overall: MetricSet, slices: SliceResult[] = []): EvaluationResult {
  return { task, count: 1000, overall, slices };
}

/** The single result of a one-gate check. */
function checkOne(gate: Gate, current: EvaluationResult, baseline?: EvaluationResult | null) {
  const { results } = evaluateGates([gate], current, baseline);
  expect(results).toHaveLength(1);
  return results[0] as GateResult;
}

describe('gateSchema', () => {
  test.each([
    { metric: 'auc', lower_bound: 0.8 },
    { metric: 'log_loss', upper_bound: 0.4 },
    { metric: 'auc', lower_bound: 0.7, upper_bound: 0.99 },
    { metric: 'auc', change: { absolute: -0.005 } },
    { metric: 'auc', change: { relative: -0.01, absolute: -0.005 } },
    { metric: 'positive_rate', change: { absolute: 0.02 }, direction: 'lower' },
    { metric: 'recall', slice_gap: { by: 'sex', max: 0.05 } },
    { metric: 'recall', slice_gap: { by: 'sex', max: 0.05, min_count: 100 } },
  ])('accepts %j', (gate) => {
    expect(gateSchema.safeParse(gate).success).toBe(true);
  });

  test.each([
    { gate: { metric: 'auc' }, path: 'metric', message: /checks nothing/ },
    { gate: { metric: '', lower_bound: 1 }, path: 'metric', message: /names the metric/ },
    {
      gate: { metric: 'auc', lower_bound: 0.9, upper_bound: 0.8 },
      path: 'lower_bound',
      message: /above upper_bound/,
    },
    { gate: { metric: 'auc', change: {} }, path: 'change', message: /absolute and\/or relative/ },
    {
      gate: { metric: 'auc', lower_bound: 0.8, direction: 'lower' },
      path: 'direction',
      message: /only applies to a change/,
    },
    { gate: { metric: 'auc', lowerbound: 0.8 }, path: '', message: /lowerbound/ },
    { gate: { metric: 'auc', lower_bound: '0.8' }, path: 'lower_bound', message: /number/ },
    {
      gate: { metric: 'recall', slice_gap: { by: 'sex', max: -1 } },
      path: 'slice_gap.max',
      message: /largest allowed gap/,
    },
    {
      gate: { metric: 'recall', slice_gap: { max: 0.1 } },
      path: 'slice_gap.by',
      message: /expected string/,
    },
  ])('rejects $gate at "$path"', ({ gate, path, message }) => {
    const parsed = gateSchema.safeParse(gate);
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues.find((i) => i.path.join('.') === path);
    expect(issue?.message).toMatch(message);
  });
});

describe('bounds', () => {
  const current = evaluation('binary', { auc: 0.8, log_loss: 0.35 });

  test.each<{ gate: Gate; status: string; description: string }>([
    { gate: { metric: 'auc', lower_bound: 0.8 }, status: 'pass', description: 'auc ≥ 0.8' },
    { gate: { metric: 'auc', lower_bound: 0.81 }, status: 'fail', description: 'auc ≥ 0.81' },
    { gate: { metric: 'auc', upper_bound: 0.79 }, status: 'fail', description: 'auc ≤ 0.79' },
    {
      gate: { metric: 'auc', lower_bound: 0.7, upper_bound: 0.9 },
      status: 'pass',
      description: '0.7 ≤ auc ≤ 0.9',
    },
    {
      gate: { metric: 'log_loss', upper_bound: 0.3 },
      status: 'fail',
      description: 'log_loss ≤ 0.3',
    },
  ])('$description → $status', ({ gate, status, description }) => {
    const result = checkOne(gate, current);
    expect(result).toMatchObject({ status, description, criterion: 'bounds' });
    expect(result.actual).toBe(current.overall[gate.metric]);
  });

  test('a bound met up to float round-off passes', () => {
    const result = checkOne(
      { metric: 'accuracy', lower_bound: 0.3 },
      // 0.7 − 0.4 is 0.29999999999999993 in floating point.
      evaluation('binary', { accuracy: 0.7 - 0.4 }),
    );
    expect(result.status).toBe('pass');
  });

  test('an unknown metric fails, naming the metrics the task has', () => {
    const result = checkOne({ metric: 'rmse', lower_bound: 0 }, current);
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(/rmse is not a binary metric; use one of accuracy, precision/);
  });

  test('a metric undefined on the data fails', () => {
    const result = checkOne({ metric: 'auc', lower_bound: 0.5 }, evaluation('binary', {}));
    expect(result).toMatchObject({ status: 'fail', reason: expect.stringMatching(/undefined/) });
  });
});

describe('change against a baseline (TFMA semantics)', () => {
  const baseline = evaluation('binary', { auc: 0.8, log_loss: 0.4, positive_rate: 0.3 });
  const regressionBaseline = evaluation('regression', { rmse: 1, r2: -0.5 });

  test.each<{ name: string; gate: Gate; current: MetricSet; status: string; expected?: string }>([
    // Higher is better: absolute −0.005 allows a drop of at most 0.005.
    {
      name: 'auc dropped less than allowed',
      gate: { metric: 'auc', change: { absolute: -0.005 } },
      current: { auc: 0.796 },
      status: 'pass',
      expected: '≥ 0.795',
    },
    {
      name: 'auc dropped exactly the allowance',
      gate: { metric: 'auc', change: { absolute: -0.005 } },
      current: { auc: 0.795 },
      status: 'pass',
    },
    {
      name: 'auc dropped too much',
      gate: { metric: 'auc', change: { absolute: -0.005 } },
      current: { auc: 0.794 },
      status: 'fail',
    },
    // A positive absolute demands an improvement.
    {
      name: 'auc must improve by 0.01',
      gate: { metric: 'auc', change: { absolute: 0.01 } },
      current: { auc: 0.805 },
      status: 'fail',
      expected: '≥ 0.81',
    },
    {
      name: 'relative −1% of 0.8',
      gate: { metric: 'auc', change: { relative: -0.01 } },
      current: { auc: 0.792 },
      status: 'pass',
      expected: '≥ 0.792',
    },
    // Both criteria must hold, so the stricter one (−0.005 → 0.795 over −1% → 0.792) decides.
    {
      name: 'absolute and relative together',
      gate: { metric: 'auc', change: { absolute: -0.005, relative: -0.01 } },
      current: { auc: 0.793 },
      status: 'fail',
      expected: '≥ 0.795',
    },
    // Lower is better: absolute +0.01 allows a rise of at most 0.01.
    {
      name: 'log_loss rose within the allowance',
      gate: { metric: 'log_loss', change: { absolute: 0.01 } },
      current: { log_loss: 0.41 },
      status: 'pass',
      expected: '≤ 0.41',
    },
    {
      name: 'log_loss rose too much',
      gate: { metric: 'log_loss', change: { relative: 0.05 } },
      current: { log_loss: 0.43 },
      status: 'fail',
      expected: '≤ 0.42',
    },
    {
      name: 'log_loss fell: better',
      gate: { metric: 'log_loss', change: { absolute: 0 } },
      current: { log_loss: 0.2 },
      status: 'pass',
    },
    {
      name: 'direction override on positive_rate',
      gate: { metric: 'positive_rate', change: { absolute: 0.02 }, direction: 'lower' },
      current: { positive_rate: 0.33 },
      status: 'fail',
      expected: '≤ 0.32',
    },
  ])('$name → $status', ({ gate, current, status, expected }) => {
    const result = checkOne(gate, evaluation('binary', current), baseline);
    expect(result.status).toBe(status);
    expect(result.criterion).toBe('change');
    expect(result.baseline).toBe(baseline.overall[gate.metric]);
    if (expected) expect(result.expected).toBe(expected);
  });

  test('rmse (lower is better) must not rise more than 0.05', () => {
    const gate: Gate = { metric: 'rmse', change: { absolute: 0.05 } };
    const pass = checkOne(gate, evaluation('regression', { rmse: 1.04 }), regressionBaseline);
    const fail = checkOne(gate, evaluation('regression', { rmse: 1.06 }), regressionBaseline);
    expect([pass.status, fail.status]).toEqual(['pass', 'fail']);
    expect(fail.description).toBe('rmse ≤ baseline + 0.05');
    expect(fail.reason).toBe('+0.06 from baseline 1');
  });

  test('relative scales |baseline|, so a negative r2 may still only drop by 10% of it', () => {
    const gate: Gate = { metric: 'r2', change: { relative: -0.1 } };
    // Baseline −0.5, 10% of 0.5 = 0.05 → r2 ≥ −0.55.
    const result = checkOne(gate, evaluation('regression', { r2: -0.56 }), regressionBaseline);
    expect(result).toMatchObject({ status: 'fail', expected: '≥ -0.55' });
  });

  test('descriptions read like the requirement', () => {
    const result = checkOne(
      { metric: 'auc', change: { absolute: -0.005, relative: -0.07 } },
      evaluation('binary', { auc: 0.9 }),
      baseline,
    );
    expect(result.description).toBe('auc ≥ baseline − 0.005 and ≥ baseline − 7%');
  });

  test.each<{ name: string; baseline: EvaluationResult | null | undefined; reason: RegExp }>([
    { name: 'no baseline (first model)', baseline: null, reason: /no baseline/ },
    { name: 'baseline omitted', baseline: undefined, reason: /no baseline/ },
    { name: 'baseline of another task', baseline: regressionBaseline, reason: /regression model/ },
    {
      name: 'baseline without the metric',
      baseline: evaluation('binary', { log_loss: 0.4 }),
      reason: /baseline has no auc/,
    },
  ])('skipped, and still blessed: $name', ({ baseline: base, reason }) => {
    const report = evaluateGates(
      [{ metric: 'auc', change: { absolute: -0.005 } }],
      evaluation('binary', { auc: 0.5 }),
      base,
    );
    expect(report).toMatchObject({ blessed: true, verdict: 'BLESSED' });
    expect(report.results[0]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(reason),
    });
  });

  test('a metric with no better direction fails unless the gate sets one', () => {
    const result = checkOne(
      { metric: 'positive_rate', change: { absolute: 0.1 } },
      evaluation('binary', { positive_rate: 0.3 }),
      baseline,
    );
    expect(result).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/set direction/),
    });
  });
});

describe('slice_gap', () => {
  const slices = (values: [string, number, number | undefined][]): SliceResult[] => [
    {
      column: 'sex',
      values: values.map(([value, count, recall]) => ({
        value,
        count,
        metrics: (recall === undefined ? {} : { recall }) as MetricSet,
      })),
    },
  ];

  test.each<{
    name: string;
    values: [string, number, number | undefined][];
    minCount?: number;
    status: string;
    actual?: number;
    reason: RegExp;
  }>([
    {
      name: 'gap within max',
      values: [
        ['Male', 600, 0.8],
        ['Female', 400, 0.77],
      ],
      status: 'pass',
      actual: 0.03,
      reason: /^recall ranges from 0.77 \(Female\) to 0.8 \(Male\)$/,
    },
    {
      name: 'gap too wide',
      values: [
        ['Male', 600, 0.8],
        ['Female', 300, 0.7],
        ['(missing)', 100, 0.75],
      ],
      status: 'fail',
      actual: 0.1,
      reason: /from 0.7 \(Female\) to 0.8 \(Male\)/,
    },
    {
      name: 'small slices do not count (default min_count 30)',
      values: [
        ['Male', 600, 0.8],
        ['Female', 380, 0.78],
        ['(missing)', 20, 0.1],
      ],
      status: 'pass',
      actual: 0.02,
      reason: /1 value\(s\) left out \(under 30 examples or no recall\)/,
    },
    {
      name: 'min_count set on the gate',
      values: [
        ['Male', 600, 0.8],
        ['Female', 80, 0.5],
      ],
      minCount: 100,
      status: 'skipped',
      reason: /fewer than 2 values of sex/,
    },
    {
      name: 'slices without the metric do not count',
      values: [
        ['Male', 600, 0.8],
        ['Female', 400, undefined],
      ],
      status: 'skipped',
      reason: /fewer than 2 values/,
    },
  ])('$name → $status', ({ values, minCount, status, actual, reason }) => {
    const gate: Gate = {
      metric: 'recall',
      slice_gap: { by: 'sex', max: 0.05, min_count: minCount },
    };
    const result = checkOne(gate, evaluation('binary', { recall: 0.79 }, slices(values)));
    expect(result).toMatchObject({ status, criterion: 'slice_gap', expected: '≤ 0.05' });
    expect(result.description).toBe('recall gap across sex ≤ 0.05');
    expect(result.reason).toMatch(reason);
    if (actual !== undefined) expect(result.actual).toBeCloseTo(actual, 12);
  });

  test('a column that was not sliced fails and says how to fix it', () => {
    const result = checkOne(
      { metric: 'recall', slice_gap: { by: 'race', max: 0.05 } },
      evaluation('binary', { recall: 0.8 }),
    );
    expect(result).toMatchObject({ status: 'fail', reason: expect.stringMatching(/data.slices/) });
  });

  test('an unknown metric fails', () => {
    const result = checkOne(
      { metric: 'rmse', slice_gap: { by: 'sex', max: 0.05 } },
      evaluation('binary', {}, slices([])),
    );
    expect(result.status).toBe('fail');
  });
});

describe('evaluateGates verdict', () => {
  const current = evaluation('binary', { auc: 0.85 });

  test.each<{ name: string; gates: Gate[]; blessed: boolean }>([
    { name: 'no gates', gates: [], blessed: true },
    { name: 'all pass', gates: [{ metric: 'auc', lower_bound: 0.8 }], blessed: true },
    {
      name: 'one of two fails',
      gates: [
        { metric: 'auc', lower_bound: 0.8 },
        { metric: 'auc', upper_bound: 0.84 },
      ],
      blessed: false,
    },
  ])('$name → blessed $blessed', ({ gates, blessed }) => {
    const report = evaluateGates(gates, current, null);
    expect(report.blessed).toBe(blessed);
    expect(report.verdict).toBe(blessed ? 'BLESSED' : 'NOT_BLESSED');
  });

  test('a gate with several criteria gives one result per criterion, in order', () => {
    const gate: Gate = {
      metric: 'auc',
      lower_bound: 0.8,
      change: { absolute: -0.005 },
      slice_gap: { by: 'sex', max: 0.05 },
    };
    const { results } = evaluateGates([gate], current, null);
    expect(results.map((r) => [r.criterion, r.status])).toEqual([
      ['bounds', 'pass'],
      ['change', 'skipped'],
      ['slice_gap', 'fail'],
    ]);
    expect(results.every((r) => r.gate === gate)).toBe(true);
  });
});

describe('compareToBaseline', () => {
  test('deltas and which way is better, per metric direction', () => {
    const rows = compareToBaseline(
      evaluation('binary', { auc: 0.85, log_loss: 0.3, brier: 0.1, positive_rate: 0.2, f1: 0.5 }),
      evaluation('binary', { auc: 0.8, log_loss: 0.4, brier: 0.1, positive_rate: 0.1, f1: 0 }),
    );
    const byMetric = Object.fromEntries(rows.map((row) => [row.metric, row]));
    expect(byMetric.auc?.delta).toBeCloseTo(0.05, 12);
    expect(byMetric.auc?.relativeDelta).toBeCloseTo(0.0625, 12);
    expect(byMetric.auc?.better).toBe(true);
    expect(byMetric.log_loss?.better).toBe(true);
    expect(byMetric.brier?.better).toBeNull();
    expect(byMetric.positive_rate?.better).toBeNull();
    expect(byMetric.f1).toMatchObject({ delta: 0.5, relativeDelta: null, better: true });
    expect(rows.map((row) => row.metric)).toEqual([
      'auc',
      'log_loss',
      'brier',
      'positive_rate',
      'f1',
    ]);
  });

  test('worse rmse is not better', () => {
    const [row] = compareToBaseline(
      evaluation('regression', { rmse: 1.2 }),
      evaluation('regression', { rmse: 1 }),
    );
    expect(row).toMatchObject({ metric: 'rmse', current: 1.2, baseline: 1, better: false });
  });

  test.each([
    { name: 'no baseline', baseline: null },
    { name: 'baseline of another task', baseline: evaluation('multiclass', { accuracy: 0.9 }) },
    { name: 'baseline lacks the metric', baseline: evaluation('binary', {}) },
  ])('$name → nulls', ({ baseline }) => {
    expect(compareToBaseline(evaluation('binary', { accuracy: 0.8 }), baseline)).toEqual([
      {
        metric: 'accuracy',
        current: 0.8,
        baseline: null,
        delta: null,
        relativeDelta: null,
        better: null,
      },
    ]);
  });
});
