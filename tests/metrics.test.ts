import { describe, expect, test } from '@jest/globals';
import { DataError } from '../src/errors.js';
import {
  calibrationBins,
  computeMetrics,
  confusionMatrix,
  isKnownMetric,
  metricDirection,
  metricNames,
  rocCurve,
} from '../src/evaluate/metrics.js';
import type { BinaryPredictions, Predictions } from '../src/evaluate/types.js';
import { createRng } from '../src/util/random.js';

const binary = (labels: number[], scores: number[]): BinaryPredictions => ({
  task: 'binary',
  labels,
  scores,
});

/** AUC by its definition: the share of (positive, negative) pairs ranked right, ties half. */
function pairwiseAuc(labels: number[], scores: number[]): number {
  let credit = 0;
  let pairs = 0;
  labels.forEach((yi, i) => {
    labels.forEach((yj, j) => {
      if (yi !== 1 || yj !== 0) return;
      pairs++;
      const [si, sj] = [scores[i] as number, scores[j] as number];
      credit += si > sj ? 1 : si === sj ? 0.5 : 0;
    });
  });
  return credit / pairs;
}

/** Average precision as the mean, over positives, of the precision at that positive's score. */
function meanPrecisionAtPositives(labels: number[], scores: number[]): number {
  const precisions = labels.flatMap((y, i) => {
    if (y !== 1) return [];
    const atOrAbove = labels.filter((_, j) => (scores[j] as number) >= (scores[i] as number));
    return [atOrAbove.filter((label) => label === 1).length / atOrAbove.length];
  });
  return precisions.reduce((a, b) => a + b, 0) / precisions.length;
}

function randomBinary(seed: number, n: number, decimals: number) {
  const rng = createRng(seed);
  const labels = Array.from({ length: n }, () => (rng() < 0.4 ? 1 : 0));
  // Rounding makes many ties, the case a naive sort-and-count gets wrong.
  const scores = labels.map((y) => Number(Math.min(1, rng() * 0.7 + y * 0.3).toFixed(decimals)));
  return { labels, scores };
}

describe('binary metrics', () => {
  test('hand-worked example (scikit-learn docs data)', () => {
    const metrics = computeMetrics(binary([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]));
    // Threshold 0.5: only 0.8 is predicted positive → tp 1, fp 0, fn 1, tn 2.
    expect(metrics.accuracy).toBeCloseTo(0.75, 12);
    expect(metrics.precision).toBeCloseTo(1, 12);
    expect(metrics.recall).toBeCloseTo(0.5, 12);
    expect(metrics.f1).toBeCloseTo(2 / 3, 12);
    expect(metrics.auc).toBeCloseTo(0.75, 12);
    expect(metrics.pr_auc).toBeCloseTo(5 / 6, 12);
    expect(metrics.log_loss).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4,
      12,
    );
    expect(metrics.brier).toBeCloseTo((0.01 + 0.16 + 0.4225 + 0.04) / 4, 12);
    expect(metrics.positive_rate).toBeCloseTo(0.25, 12);
    expect(Object.keys(metrics)).toEqual(metricNames('binary'));
  });

  test.each([
    { name: 'all tied', labels: [0, 1, 0, 1], scores: [0.5, 0.5, 0.5, 0.5], auc: 0.5, ap: 0.5 },
    // Pairs: 0.6 vs 0.2 twice (1 each), 0.6 vs 0.6 twice (½ each), 0.9 vs both (1 each) → 5/6.
    // AP: at 0.9 recall ⅓ precision 1; at 0.6 recall 1 precision ¾ → ⅓ + ⅔·¾.
    {
      name: 'partial tie',
      labels: [0, 1, 1, 0, 1],
      scores: [0.2, 0.6, 0.6, 0.6, 0.9],
      auc: 5 / 6,
      ap: 1 / 3 + 0.5,
    },
    { name: 'perfect', labels: [0, 0, 1, 1], scores: [0.1, 0.2, 0.3, 0.4], auc: 1, ap: 1 },
    { name: 'inverted', labels: [1, 1, 0, 0], scores: [0.1, 0.2, 0.3, 0.4], auc: 0, ap: 5 / 12 },
  ])('auc and pr_auc with ties: $name', ({ labels, scores, auc, ap }) => {
    const metrics = computeMetrics(binary(labels, scores));
    expect(metrics.auc).toBeCloseTo(auc, 12);
    expect(metrics.pr_auc).toBeCloseTo(ap, 12);
  });

  test.each([
    { seed: 1, n: 200, decimals: 1 },
    { seed: 2, n: 500, decimals: 2 },
    { seed: 3, n: 300, decimals: 6 },
  ])(
    'auc and pr_auc match the definitions on random data (seed $seed)',
    ({ seed, n, decimals }) => {
      const { labels, scores } = randomBinary(seed, n, decimals);
      const metrics = computeMetrics(binary(labels, scores));
      expect(metrics.auc).toBeCloseTo(pairwiseAuc(labels, scores), 12);
      expect(metrics.pr_auc).toBeCloseTo(meanPrecisionAtPositives(labels, scores), 12);
    },
  );

  test('typed arrays give the same metrics as plain ones', () => {
    const { labels, scores } = randomBinary(4, 100, 3);
    const typed = computeMetrics({
      task: 'binary',
      labels: Int32Array.from(labels),
      scores: Float32Array.from(scores),
    });
    const plain = computeMetrics(binary(labels, Array.from(Float32Array.from(scores))));
    expect(typed).toEqual(plain);
  });

  test('a score equal to the threshold is a negative prediction', () => {
    expect(computeMetrics(binary([1, 0], [0.5, 0.5])).positive_rate).toBe(0);
    expect(computeMetrics(binary([1, 0], [0.5, 0.5]), { threshold: 0.4 }).positive_rate).toBe(1);
  });

  test('log_loss clips certain mistakes to a finite value', () => {
    expect(computeMetrics(binary([1], [0])).log_loss).toBeCloseTo(-Math.log(1e-15), 9);
    // 1 − 1e-15 rounds in float64, so the other side is only about equal.
    expect(computeMetrics(binary([0], [1])).log_loss).toBeCloseTo(-Math.log(1e-15), 2);
  });

  test.each([
    {
      name: 'only negatives, none predicted positive',
      labels: [0, 0, 0],
      scores: [0.1, 0.2, 0.3],
      absent: ['precision', 'recall', 'f1', 'auc', 'pr_auc'],
      present: { accuracy: 1, positive_rate: 0 },
    },
    {
      name: 'only positives',
      labels: [1, 1],
      scores: [0.9, 0.2],
      absent: ['auc'],
      present: { pr_auc: 1, recall: 0.5, precision: 1 },
    },
    {
      name: 'no predicted positives',
      labels: [0, 1],
      scores: [0.1, 0.2],
      absent: ['precision'],
      present: { recall: 0, f1: 0, auc: 1 },
    },
  ])('undefined metrics are left out: $name', ({ labels, scores, absent, present }) => {
    const metrics = computeMetrics(binary(labels, scores));
    for (const name of absent) expect(metrics).not.toHaveProperty(name);
    expect(metrics).toMatchObject(present);
    expect(Object.values(metrics).every(Number.isFinite)).toBe(true);
  });
});

describe('multiclass metrics', () => {
  const classes = ['a', 'b', 'c'];
  const probabilities = [
    [0.7, 0.2, 0.1], // label a, predicted a
    [0.3, 0.4, 0.3], // label b, predicted b
    [0.5, 0.1, 0.4], // label c, predicted a; c is second → top-2 hit
    [0.2, 0.2, 0.6], // label c, predicted c
  ];

  test('hand-worked example', () => {
    const metrics = computeMetrics({
      task: 'multiclass',
      labels: [0, 1, 2, 2],
      probabilities,
      classes,
    });
    // Per class F1 = 2tp / (support + predicted): a 2/3, b 1, c 2/3; supports 1, 1, 2.
    expect(metrics.accuracy).toBeCloseTo(0.75, 12);
    expect(metrics.macro_f1).toBeCloseTo((2 / 3 + 1 + 2 / 3) / 3, 12);
    expect(metrics.weighted_f1).toBeCloseTo((2 / 3 + 1 + 2 * (2 / 3)) / 4, 12);
    expect(metrics.top_2_accuracy).toBeCloseTo(1, 12);
    expect(metrics.log_loss).toBeCloseTo(
      -(Math.log(0.7) + Math.log(0.4) + Math.log(0.4) + Math.log(0.6)) / 4,
      12,
    );
    expect(
      confusionMatrix({ task: 'multiclass', labels: [0, 1, 2, 2], probabilities, classes }),
    ).toEqual({
      classes,
      matrix: [
        [1, 0, 0],
        [0, 1, 0],
        [1, 0, 1],
      ],
    });
  });

  test('a tie goes to the lowest class index, for accuracy and top-2 alike', () => {
    const metrics = computeMetrics({
      task: 'multiclass',
      labels: [1, 2],
      probabilities: [
        [0.4, 0.4, 0.2],
        [0.4, 0.3, 0.3],
      ],
      classes,
    });
    // Row 2: label c ties with b for second place and b wins the tie, so c is third.
    expect(metrics).toMatchObject({ accuracy: 0, top_2_accuracy: 0.5 });
  });

  test('macro_f1 averages only classes that occur; two classes have no top-2 accuracy', () => {
    const metrics = computeMetrics({
      task: 'multiclass',
      labels: [0, 0],
      probabilities: [
        [0.9, 0.1],
        [0.8, 0.2],
      ],
      classes: ['x', 'y'],
    });
    expect(metrics.macro_f1).toBe(1);
    expect(metrics).not.toHaveProperty('top_2_accuracy');
  });
});

describe('regression metrics', () => {
  test('hand-worked example (scikit-learn docs data)', () => {
    const metrics = computeMetrics({
      task: 'regression',
      labels: [3, -0.5, 2, 7],
      values: [2.5, 0, 2, 8],
    });
    // Errors 0.5, 0.5, 0, 1; label mean 2.875, total sum of squares 29.1875.
    expect(metrics.rmse).toBeCloseTo(Math.sqrt(1.5 / 4), 12);
    expect(metrics.mae).toBeCloseTo(0.5, 12);
    expect(metrics.r2).toBeCloseTo(1 - 1.5 / 29.1875, 12);
    expect(metrics.mape).toBeCloseTo((0.5 / 3 + 0.5 / 0.5 + 0 + 1 / 7) / 4, 12);
    expect(metrics.max_error).toBe(1);
  });

  test('mape skips zero labels; r2 and mape are left out when undefined', () => {
    expect(computeMetrics({ task: 'regression', labels: [0, 2], values: [1, 3] }).mape).toBe(0.5);
    const constant = computeMetrics({ task: 'regression', labels: [0, 0], values: [1, -1] });
    expect(constant).toEqual({ rmse: 1, mae: 1, max_error: 1 });
  });
});

describe('invalid input', () => {
  test.each<{ name: string; p: Predictions; message: RegExp }>([
    { name: 'empty', p: binary([], []), message: /No examples to evaluate/ },
    { name: 'misaligned', p: binary([0, 1], [0.5]), message: /2 labels but 1 predictions/ },
    {
      name: 'label not 0/1',
      p: binary([0, 2], [0.1, 0.2]),
      message: /example 1: label must be 0 or 1/,
    },
    { name: 'score above 1', p: binary([0], [1.5]), message: /probability in \[0, 1\], got 1.5/ },
    { name: 'NaN score', p: binary([0], [NaN]), message: /got NaN/ },
    {
      name: 'class index out of range',
      p: { task: 'multiclass', labels: [3], probabilities: [[0.5, 0.5]], classes: ['a', 'b'] },
      message: /class index from 0 to 1, got 3/,
    },
    {
      name: 'probability row too short',
      p: { task: 'multiclass', labels: [0], probabilities: [[1]], classes: ['a', 'b'] },
      message: /expected 2 class probabilities, got 1/,
    },
    {
      name: 'infinite regression value',
      p: { task: 'regression', labels: [1], values: [Infinity] },
      message: /prediction must be a finite number/,
    },
  ])('$name throws DataError', ({ p, message }) => {
    expect(() => computeMetrics(p)).toThrow(DataError);
    expect(() => computeMetrics(p)).toThrow(message);
  });
});

describe('metric catalogue', () => {
  test.each([
    ['auc', 'higher'],
    ['accuracy', 'higher'],
    ['r2', 'higher'],
    ['log_loss', 'lower'],
    ['brier', 'lower'],
    ['rmse', 'lower'],
    ['mae', 'lower'],
    ['mape', 'lower'],
    ['max_error', 'lower'],
    ['positive_rate', null],
    ['no_such_metric', null],
  ])('%s improves toward %s', (name, direction) => {
    expect(metricDirection(name)).toBe(direction);
  });

  test('isKnownMetric is per task', () => {
    expect(isKnownMetric('auc', 'binary')).toBe(true);
    expect(isKnownMetric('auc', 'regression')).toBe(false);
    expect(isKnownMetric('accuracy', 'multiclass')).toBe(true);
    expect(isKnownMetric('constructor', 'binary')).toBe(false);
  });
});

describe('curves', () => {
  test('binary confusion matrix uses the class names', () => {
    const p: BinaryPredictions = {
      ...binary([0, 0, 1, 1], [0.1, 0.7, 0.4, 0.9]),
      classes: ['<=50K', '>50K'],
    };
    expect(confusionMatrix(p)).toEqual({
      classes: ['<=50K', '>50K'],
      matrix: [
        [1, 1],
        [1, 1],
      ],
    });
  });

  test('ROC runs from (0,0) to (1,1) through each distinct score', () => {
    expect(rocCurve(binary([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]))).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0.5, tpr: 0.5 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
    expect(rocCurve(binary([1, 1], [0.2, 0.3]))).toBeUndefined();
  });

  test('a long ROC is thinned to 50 points, keeping both ends and order', () => {
    const { labels, scores } = randomBinary(5, 2000, 6);
    const roc = rocCurve(binary(labels, scores)) ?? [];
    expect(roc).toHaveLength(50);
    expect(roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(roc[49]).toEqual({ fpr: 1, tpr: 1 });
    roc.slice(1).forEach((point, k) => {
      expect(point.fpr).toBeGreaterThanOrEqual((roc[k] as typeof point).fpr);
      expect(point.tpr).toBeGreaterThanOrEqual((roc[k] as typeof point).tpr);
    });
  });

  test('calibration buckets scores, a score of 1 in the last bucket', () => {
    expect(calibrationBins(binary([0, 1, 1, 1], [0.05, 0.15, 0.95, 1]))).toEqual([
      { lower: 0, upper: 0.1, count: 1, meanScore: 0.05, observedRate: 0 },
      { lower: 0.1, upper: 0.2, count: 1, meanScore: 0.15, observedRate: 1 },
      { lower: 0.9, upper: 1, count: 2, meanScore: 0.975, observedRate: 1 },
    ]);
  });
});

describe('non-finite metrics', () => {
  test('a metric that overflows is left out rather than written as null', () => {
    const metrics = computeMetrics({
      task: 'regression',
      labels: [1e200, -1e200, 3e200],
      values: [-1e200, 1e200, 0],
    });
    expect(metrics.rmse).toBeUndefined();
    expect(Object.values(metrics).every(Number.isFinite)).toBe(true);
    expect(metrics.mae).toBeDefined();
  });
});
