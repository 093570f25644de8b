import { describe, expect, test } from '@jest/globals';
import { parseConfig } from '../src/config/load.js';
import { DataError } from '../src/errors.js';
import {
  bootstrapDraws,
  compareByBootstrap,
  DEFAULT_BOOTSTRAP,
  percentileInterval,
} from '../src/evaluate/bootstrap.js';
import {
  compareToBaseline,
  defaultGates,
  evaluateGates,
  type Gate,
} from '../src/evaluate/gates.js';
import { computeMetrics, metricKernel } from '../src/evaluate/metrics.js';
import { measureNoise, type ScoredModel } from '../src/evaluate/noise.js';
import { evaluatePredictions } from '../src/evaluate/slices.js';
import { chooseThreshold, tuneThreshold } from '../src/evaluate/threshold.js';
import { trivialBaseline, type TrainingLabels } from '../src/evaluate/trivial.js';
import type {
  BinaryPredictions,
  MulticlassPredictions,
  Predictions,
  RegressionPredictions,
} from '../src/evaluate/types.js';
import { renderReport } from '../src/report/render.js';
import { createRng } from '../src/util/random.js';

/** Binary predictions whose decisions are right with probability `accuracy`, on balanced labels. */
function binaryWithAccuracy(rows: number, seed: number, accuracy: number): BinaryPredictions {
  const random = createRng(seed);
  const labels = Array.from({ length: rows }, () => (random() < 0.5 ? 1 : 0));
  // A right decision scores 0.6–1 on its own side of 0.5; a wrong one the other side.
  const scores = labels.map((label) => {
    const confidence = 0.6 + random() * 0.4;
    const right = random() < accuracy;
    return right === (label === 1) ? confidence : 1 - confidence;
  });
  return { task: 'binary', labels, scores };
}

/** Standard normal draws (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The rows of `p` at `indices`, copied: what a resample is without weights. */
function resampled(p: Predictions, indices: number[]): Predictions {
  const labels = indices.map((i) => p.labels[i] as number);
  if (p.task === 'binary')
    return { ...p, labels, scores: indices.map((i) => p.scores[i] as number) };
  if (p.task === 'multiclass') {
    return { ...p, labels, probabilities: indices.map((i) => p.probabilities[i] as number[]) };
  }
  return { ...p, labels, values: indices.map((i) => p.values[i] as number) };
}

function predictionsFor(task: 'binary' | 'multiclass' | 'regression', rows: number): Predictions {
  const random = createRng(11);
  if (task === 'binary') {
    // Scores rounded to tenths: many ties, which auc and pr_auc must treat as one step.
    const labels = Array.from({ length: rows }, () => (random() < 0.4 ? 1 : 0));
    const scores = labels.map((l) => Math.round((0.3 * l + 0.7 * random()) * 10) / 10);
    return { task, labels, scores };
  }
  if (task === 'multiclass') {
    const labels = Array.from({ length: rows }, () => Math.floor(random() * 3));
    const probabilities = labels.map(() => {
      const raw = [random(), random(), random()];
      const sum = raw[0]! + raw[1]! + raw[2]!;
      return raw.map((v) => v / sum);
    });
    return { task, labels, probabilities, classes: ['a', 'b', 'c'] };
  }
  const labels = Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? 0 : random() * 10 - 2));
  return { task, labels, values: labels.map((y) => y + normal(random)) };
}

describe('metric kernels', () => {
  test.each(['binary', 'multiclass', 'regression'] as const)(
    'a %s kernel weighted by draw counts gives the metrics of the resampled rows themselves',
    (task) => {
      const p = predictionsFor(task, 60);
      const random = createRng(5);
      const indices = Array.from({ length: 60 }, () => Math.floor(random() * 60));
      const counts = new Uint32Array(60);
      for (const i of indices) counts[i] = counts[i]! + 1;
      const weighted = metricKernel(p)(counts);
      const expected = computeMetrics(resampled(p, indices));
      expect(Object.keys(expected).length).toBeGreaterThan(3);
      for (const [metric, value] of Object.entries(expected)) {
        expect([metric, weighted[metric]]).toEqual([metric, expect.closeTo(value, 12)]);
      }
    },
  );
});

describe('bootstrap intervals', () => {
  // 500 resamples place a 95% interval's ends well enough, at half the time of the default.
  const FEWER = { ...DEFAULT_BOOTSTRAP, resamples: 500 };

  test('95% intervals of accuracy cover the true accuracy in about 95% of test sets', () => {
    const trials = 100;
    let covered = 0;
    let width = 0;
    for (let seed = 1; seed <= trials; seed++) {
      const p = binaryWithAccuracy(150, seed, 0.8);
      const [intervals] = compareByBootstrap([metricKernel(p)], 150, { ...FEWER, seed }).intervals;
      const { lower, upper } = intervals!.accuracy!;
      if (lower <= 0.8 && 0.8 <= upper) covered++;
      width += upper - lower;
    }
    expect(covered).toBeGreaterThanOrEqual(88);
    expect(covered).toBeLessThanOrEqual(99);
    // About 2 × 1.96 × √(0.8 × 0.2 / 150) = 0.128: honest, not vacuously wide.
    expect(width / trials).toBeGreaterThan(0.1);
    expect(width / trials).toBeLessThan(0.16);
  });

  test('95% intervals of mae cover the true mae of normal errors in about 95% of test sets', () => {
    const trueMae = Math.sqrt(2 / Math.PI);
    let covered = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const random = createRng(seed);
      const labels = Array.from({ length: 150 }, () => random() * 10);
      const p: RegressionPredictions = {
        task: 'regression',
        labels,
        values: labels.map((y) => y + normal(random)),
      };
      const [intervals] = compareByBootstrap([metricKernel(p)], 150, { ...FEWER, seed }).intervals;
      const { lower, upper } = intervals!.mae!;
      if (lower <= trueMae && trueMae <= upper) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(88);
    expect(covered).toBeLessThanOrEqual(99);
  });

  test('the same seed gives the same draws; another seed other ones', () => {
    const kernel = metricKernel(binaryWithAccuracy(50, 3, 0.7));
    const settings = { ...DEFAULT_BOOTSTRAP, resamples: 200 };
    const [a] = bootstrapDraws([kernel], 50, settings);
    const [b] = bootstrapDraws([kernel], 50, settings);
    const [c] = bootstrapDraws([kernel], 50, { ...settings, seed: 7 });
    expect(a!.accuracy).toEqual(b!.accuracy);
    expect(a!.accuracy).not.toEqual(c!.accuracy);
  });

  test('a metric undefined in most draws has no interval', () => {
    // One positive in 40 rows: a third of the draws miss it, and auc needs both classes.
    const labels = Array.from({ length: 40 }, (_, i) => (i === 0 ? 1 : 0));
    const p: BinaryPredictions = { task: 'binary', labels, scores: labels.map(() => 0.3) };
    const [intervals] = compareByBootstrap([metricKernel(p)], 40).intervals;
    expect(intervals!.auc).toBeUndefined();
    expect(intervals!.accuracy).toBeDefined();
    expect(percentileInterval(Float64Array.from([Number.NaN, Number.NaN, 1]), 0.95)).toBe(
      undefined,
    );
  });

  test('a paired interval of the difference is far tighter than the two models apart', () => {
    const candidate = binaryWithAccuracy(300, 21, 0.8);
    const random = createRng(22);
    // The baseline: the same scores, slightly disturbed: the models agree on most rows.
    const baseline: BinaryPredictions = {
      ...candidate,
      scores: Array.from(candidate.scores, (s) =>
        Math.min(1, Math.max(0, s + (random() - 0.5) * 0.2)),
      ),
    };
    const { intervals, differences } = compareByBootstrap(
      [metricKernel(candidate), metricKernel(baseline)],
      300,
    );
    const apart = intervals[0]!.auc!.upper - intervals[0]!.auc!.lower;
    const paired = differences[0]!.auc!;
    expect(paired.upper - paired.lower).toBeLessThan(apart / 3);
  });
});

/** A scored model: its evaluation and predictions, as the evaluate step holds them. */
function scored(p: Predictions): ScoredModel {
  return { result: evaluatePredictions(p), predictions: p };
}

const BALANCED: TrainingLabels = { task: 'binary', classCounts: [50, 50] };

describe('the trivial baseline', () => {
  test('binary: the majority class, every row scored with the prior of the positive class', () => {
    const p = binaryWithAccuracy(100, 4, 0.9);
    const { predictor, predictions } = trivialBaseline(
      { ...p, classes: ['no', 'yes'] },
      { task: 'binary', classCounts: [70, 30] },
    );
    expect(predictor).toEqual({ kind: 'majority', class: 'no', share: 0.7 });
    const metrics = computeMetrics(predictions);
    expect(metrics.auc).toBe(0.5);
    expect(metrics.positive_rate).toBe(0);
    expect((predictions as BinaryPredictions).scores[0]).toBeCloseTo(0.3, 12);
  });

  test('multiclass: the class priors for every row; regression: the training mean', () => {
    const multi = predictionsFor('multiclass', 30) as MulticlassPredictions;
    const trivial = trivialBaseline(multi, { task: 'multiclass', classCounts: [1, 6, 3] });
    expect(trivial.predictor).toEqual({ kind: 'majority', class: 'b', share: 0.6 });
    const accuracy = Array.from(multi.labels).filter((label) => label === 1).length / 30;
    expect(computeMetrics(trivial.predictions).accuracy).toBeCloseTo(accuracy, 12);
    const regression = predictionsFor('regression', 30);
    const mean = trivialBaseline(regression, { task: 'regression', mean: 4.5 });
    expect(mean.predictor).toEqual({ kind: 'mean', value: 4.5 });
    expect(Array.from((mean.predictions as RegressionPredictions).values)).toEqual(
      new Array(30).fill(4.5),
    );
  });
});

describe('the default gate: beat the trivial baseline beyond noise', () => {
  /** The verdict of the default gate (evaluation.beat_trivial) alone on `p`. */
  function judge(p: Predictions, training: TrainingLabels, setting: boolean | { metric: string }) {
    const model = scored(p);
    measureNoise(model, training, null, DEFAULT_BOOTSTRAP);
    const gates: Gate[] = defaultGates(setting, [], model.result);
    return { gates, report: evaluateGates(gates, model.result) };
  }

  test('a model that learned nothing is NOT_BLESSED', () => {
    const random = createRng(31);
    const labels = Array.from({ length: 300 }, () => (random() < 0.5 ? 1 : 0));
    const noSignal: BinaryPredictions = {
      task: 'binary',
      labels,
      scores: labels.map(() => random()),
    };
    const { gates, report } = judge(noSignal, BALANCED, true);
    expect(gates).toEqual([{ metric: 'auc', beat_trivial: true }]);
    expect(report.verdict).toBe('NOT_BLESSED');
    const [result] = report.results;
    expect(result).toMatchObject({ criterion: 'beat_trivial', status: 'fail', baseline: 0.5 });
    expect(result!.actual).toBeLessThan(0);
    expect(result!.reason).toMatch(
      /95% interval of the gain −0\.\d+ to \+0\.\d+ \(paired bootstrap\)/,
    );
  });

  test('a model that learned something is BLESSED', () => {
    const { report } = judge(binaryWithAccuracy(300, 32, 0.75), BALANCED, true);
    expect(report.verdict).toBe('BLESSED');
    expect(report.results[0]!.actual).toBeGreaterThan(0);
  });

  test('a multiclass model that always predicts the majority ties with it, so fails', () => {
    const random = createRng(33);
    const labels = Array.from({ length: 200 }, () =>
      random() < 0.6 ? 0 : 1 + Math.floor(random() * 2),
    );
    const majority: MulticlassPredictions = {
      task: 'multiclass',
      labels,
      probabilities: labels.map(() => [0.5 + random() * 0.4, 0.05, 0.05]),
      classes: ['a', 'b', 'c'],
    };
    const { gates, report } = judge(majority, { task: 'multiclass', classCounts: [6, 2, 2] }, true);
    expect(gates[0]!.metric).toBe('accuracy');
    expect(report.verdict).toBe('NOT_BLESSED');
    expect(report.results[0]!.actual).toBe(0);
  });

  test('regression: a model no better than the mean fails on r2, a good one passes', () => {
    const random = createRng(34);
    const labels = Array.from({ length: 200 }, () => random() * 10);
    const guess: RegressionPredictions = {
      task: 'regression',
      labels,
      values: labels.map(() => 5 + normal(random)),
    };
    const good: RegressionPredictions = { ...guess, values: labels.map((y) => y + normal(random)) };
    const training: TrainingLabels = { task: 'regression', mean: 5 };
    expect(judge(guess, training, true).report.verdict).toBe('NOT_BLESSED');
    const passed = judge(good, training, true);
    expect(passed.gates[0]!.metric).toBe('r2');
    expect(passed.report.verdict).toBe('BLESSED');
  });

  test('it can be turned off, or set to a metric of either direction', () => {
    const weak = binaryWithAccuracy(300, 35, 0.5);
    expect(judge(weak, BALANCED, false)).toEqual({
      gates: [],
      report: { blessed: true, verdict: 'BLESSED', results: [] },
    });
    const good = binaryWithAccuracy(300, 36, 0.8);
    const byLoss = judge(good, BALANCED, { metric: 'log_loss' });
    expect(byLoss.gates).toEqual([{ metric: 'log_loss', beat_trivial: true }]);
    expect(byLoss.report.results[0]).toMatchObject({ status: 'pass', expected: '> 0' });
    // A gate already in `gates:` is not added twice.
    const given: Gate[] = [{ metric: 'auc', beat_trivial: true }];
    expect(defaultGates(true, given, scored(good).result)).toEqual([]);
  });
});

describe('the default gate, when the data cannot tell', () => {
  test('a metric the trivial baseline lacks, or too rare a class, fails with what to do', () => {
    const labels = Array.from({ length: 40 }, (_, i) => (i === 0 ? 1 : 0));
    const p: BinaryPredictions = { task: 'binary', labels, scores: labels.map((l) => 0.2 + l / 2) };
    const model = scored(p);
    measureNoise(model, { task: 'binary', classCounts: [39, 1] }, null, DEFAULT_BOOTSTRAP);
    const gates: Gate[] = [
      { metric: 'auc', beat_trivial: true },
      { metric: 'precision', beat_trivial: true },
    ];
    const [auc, precision] = evaluateGates(gates, model.result).results;
    expect(auc).toMatchObject({ status: 'fail', baseline: 0.5 });
    expect(auc!.reason).toContain('undefined in too many bootstrap resamples');
    expect(precision).toMatchObject({ status: 'fail' });
    expect(precision!.reason).toContain('the trivial baseline has no precision on this data');
  });
});

describe('deltas against the baseline model, judged against noise', () => {
  const candidate = binaryWithAccuracy(300, 41, 0.8);

  test('the same model on the same rows: within noise by the paired bootstrap', () => {
    const current = scored(candidate);
    const baseline = scored({ ...candidate, scores: Array.from(candidate.scores) });
    const paired = measureNoise(
      current,
      BALANCED,
      { ...baseline, sameRows: true },
      DEFAULT_BOOTSTRAP,
    );
    const auc = compareToBaseline(current.result, baseline.result, paired).find(
      (c) => c.metric === 'auc',
    );
    expect(auc).toMatchObject({
      delta: 0,
      noise: { test: 'paired', withinNoise: true, difference: { lower: 0, upper: 0 } },
    });
    expect(baseline.result.intervals?.auc).toEqual(current.result.intervals?.auc);
  });

  test('a clearly better model is beyond noise; a recorded baseline is judged by overlap', () => {
    const current = scored(candidate);
    const worse = scored(binaryWithAccuracy(300, 41, 0.55));
    const paired = measureNoise(current, BALANCED, { ...worse, sameRows: true }, DEFAULT_BOOTSTRAP);
    const auc = compareToBaseline(current.result, worse.result, paired).find(
      (c) => c.metric === 'auc',
    );
    expect(auc).toMatchObject({ better: true, noise: { test: 'paired', withinNoise: false } });
    // Only the recorded value of the baseline: is it inside the candidate's interval?
    const recorded = {
      task: 'binary' as const,
      count: 0,
      slices: [],
      overall: { auc: 0.5, accuracy: current.result.overall.accuracy! },
    };
    const rows = compareToBaseline(current.result, recorded);
    expect(rows.find((c) => c.metric === 'auc')!.noise).toEqual({
      test: 'overlap',
      withinNoise: false,
    });
    expect(rows.find((c) => c.metric === 'accuracy')!.noise).toEqual({
      test: 'overlap',
      withinNoise: true,
    });
  });

  test('the report marks only deltas beyond noise, and says how noise was judged', () => {
    const named: BinaryPredictions = { ...candidate, classes: ['no', 'yes'] };
    const current = scored(named);
    // Scores pulled towards 0.5, in order: the same decisions and ranking, a worse brier score.
    const squeezed = Array.from(named.scores, (s) => 0.5 + (s - 0.5) / 10);
    const baseline = scored({ ...named, scores: squeezed });
    const paired = measureNoise(
      current,
      BALANCED,
      { ...baseline, sameRows: true },
      DEFAULT_BOOTSTRAP,
    );
    const markdown = renderReport({
      name: 'churn',
      model: {
        task: 'binary',
        positiveClass: 'yes',
        evaluation: current.result,
        baseline: {
          version: '0.1.0',
          reason: 'production stage',
          source: 'reevaluated',
          evaluation: baseline.result,
        },
        comparison: compareToBaseline(current.result, baseline.result, paired),
        gates: evaluateGates([], current.result),
      },
      validation: null,
      training: null,
    });
    expect(markdown).toContain('| metric | candidate | 95% interval | trivial | baseline | Δ |');
    const row = (metric: string) =>
      markdown.split('\n').find((line) => line.startsWith(`| ${metric} |`));
    expect(row('accuracy')).toMatch(
      /^\| accuracy \| [\d.]+ \| [\d.]+ to [\d.]+ \| [\d.]+ \| [\d.]+ \| \+0 \(within noise\) \|$/,
    );
    expect(row('auc')).toMatch(/\| \+0 \(within noise\) \|$/);
    expect(row('brier')).toMatch(/\| -0\.0\d+ 🟢 \|$/);
    expect(markdown).toContain('**trivial**: predicts the majority class, <code>no</code> (');
    expect(markdown).toContain('paired bootstrap of the difference on the same rows');
    expect(markdown).toContain(
      '**decision threshold**: 0.5, the default; a score above it predicts <code>yes</code>.',
    );
  });
});

describe('small slices', () => {
  /** 100 rows each of a and b with similar recall, and 10 rows of c where nothing is found. */
  function sliced() {
    const random = createRng(51);
    const values: string[] = [];
    const labels: number[] = [];
    const scores: number[] = [];
    for (const [value, rows] of [
      ['a', 100],
      ['b', 100],
      ['c', 10],
    ] as const) {
      for (let i = 0; i < rows; i++) {
        const label = i % 2;
        values.push(value);
        labels.push(label);
        scores.push(value === 'c' ? 0.1 : label === 1 ? 0.55 + random() * 0.4 : random() * 0.45);
      }
    }
    return { p: { task: 'binary' as const, labels, scores }, columns: [{ name: 'group', values }] };
  }
  const gate: Gate = { metric: 'recall', slice_gap: { by: 'group', max: 0.1 } };

  test('a slice under min_slice_size is marked small and left out of the slice-gap gate', () => {
    const { p, columns } = sliced();
    const result = evaluatePredictions(p, columns);
    const small = result.slices[0]!.values.map((v) => [v.value, v.small ?? false]);
    expect(small).toEqual([
      ['a', false],
      ['b', false],
      ['c', true],
    ]);
    const [check] = evaluateGates([gate], result).results;
    expect(check).toMatchObject({ status: 'pass', actual: 0 });
    expect(check!.reason).toContain('1 value(s) left out (under 30 examples or no recall)');
    const markdown = renderReport({
      name: 'churn',
      model: {
        task: 'binary',
        evaluation: result,
        baseline: null,
        comparison: [],
        gates: evaluateGates([gate], result),
      },
      validation: null,
      training: null,
    });
    expect(markdown).toContain('| c | 10 (small) |');
    expect(markdown).toContain('_(small): fewer test rows than `evaluation.min_slice_size`');
  });

  test('a lower min_slice_size lets it count, and the gap fails', () => {
    const { p, columns } = sliced();
    const result = evaluatePredictions(p, columns, { minSliceSize: 5 });
    expect(result.slices[0]!.values.some((v) => v.small)).toBe(false);
    const [check] = evaluateGates([gate], result, null, { minSliceSize: 5 }).results;
    expect(check).toMatchObject({ status: 'fail', actual: 1 });
  });
});

describe('decision threshold', () => {
  /** Positives score 0.15–0.45, negatives 0–0.3: the best F1 threshold is far below 0.5. */
  function lowScores(): BinaryPredictions {
    const random = createRng(61);
    const labels = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const scores = labels.map((l) => (l === 1 ? 0.15 + random() * 0.3 : random() * 0.3));
    return { task: 'binary', labels, scores };
  }

  test.each(['f1', 'accuracy'] as const)(
    'tuning picks the threshold with the best %s',
    (metric) => {
      const p = lowScores();
      const tuned = tuneThreshold(p, metric);
      // Every threshold that makes a different decision: between and at each distinct score.
      const scores = [...new Set(Array.from(p.scores))].sort((a, b) => a - b);
      const candidates = [0, ...scores, ...scores.slice(1).map((s, i) => (s + scores[i]!) / 2)];
      const best = Math.max(
        ...candidates.map((t) => computeMetrics(p, { threshold: t })[metric] ?? 0),
      );
      expect(tuned.value).toBeCloseTo(best, 12);
      expect(computeMetrics(p, { threshold: tuned.threshold })[metric]).toBeCloseTo(best, 12);
      expect(tuned.threshold).toBeGreaterThan(0.1);
      expect(tuned.threshold).toBeLessThan(0.35);
      expect(computeMetrics(p, { threshold: 0.5 })[metric] ?? 0).toBeLessThan(best);
    },
  );

  test('chooseThreshold: a number as given, tuned on validation rows, none for other tasks', () => {
    const p = lowScores();
    expect(chooseThreshold(0.3, 'binary', null)).toEqual({ value: 0.3 });
    expect(chooseThreshold({ tune: 'f1' }, 'regression', null)).toBeUndefined();
    const tuned = chooseThreshold({ tune: 'f1' }, 'binary', p);
    expect(tuned).toEqual({
      value: tuneThreshold(p, 'f1').threshold,
      tuning: { metric: 'f1', validation: tuneThreshold(p, 'f1').value },
    });
    expect(() => chooseThreshold({ tune: 'f1' }, 'binary', null)).toThrow(DataError);
  });
});

describe('the evaluation section of mlops.yml', () => {
  const MINIMAL = 'data:\n  train: t.csv\n  label: y\n';

  test('defaults: the gate on, 1000 resamples at 95%, slices of 30, threshold 0.5', () => {
    expect(parseConfig(MINIMAL, 'mlops.yml').evaluation).toEqual({
      beat_trivial: true,
      min_slice_size: 30,
      threshold: 0.5,
      bootstrap: { resamples: 1000, confidence: 0.95, seed: 42 },
    });
    const set = parseConfig(
      `${MINIMAL}evaluation:\n  beat_trivial: { metric: macro_f1 }\n  threshold: { tune: f1 }\n`,
      'mlops.yml',
    ).evaluation;
    expect(set).toMatchObject({ beat_trivial: { metric: 'macro_f1' }, threshold: { tune: 'f1' } });
  });

  test.each([
    [
      'evaluation:\n  beat_trivial: yes please\n',
      'evaluation.beat_trivial: expected true, false or { metric: NAME }',
    ],
    [
      'evaluation:\n  beat_trivial: { metric: nope }\n',
      'evaluation.beat_trivial.metric: "nope" cannot be compared',
    ],
    [
      'evaluation:\n  beat_trivial: { metric: positive_rate }\n',
      'evaluation.beat_trivial.metric: "positive_rate"',
    ],
    [
      'evaluation:\n  threshold: { tune: recall }\n',
      'evaluation.threshold: expected a number between 0 and 1, or { tune: METRIC } with one of: f1, accuracy',
    ],
    ['evaluation:\n  threshold: 1.5\n', 'evaluation.threshold: Too big: expected number to be <1'],
    [
      'model:\n  task: regression\nevaluation:\n  threshold: { tune: f1 }\n',
      'evaluation.threshold: a regression model has no decision threshold',
    ],
    ['evaluation:\n  min_slice_size: 0\n', 'evaluation.min_slice_size:'],
    ['evaluation:\n  bootstrap: { confidence: 95 }\n', 'evaluation.bootstrap.confidence:'],
    ['evaluation:\n  bootstrap: { resamples: 10 }\n', 'evaluation.bootstrap.resamples:'],
    ['evaluation:\n  beat_trivail: true\n', 'evaluation.beat_trivail'],
  ])('%j is an error naming the field', (yaml, message) => {
    expect(() => parseConfig(`${MINIMAL}${yaml}`, 'mlops.yml')).toThrow(message);
  });
});
