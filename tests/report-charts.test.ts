/**
 * What the model charts draw, checked against values computed another way: ROC and
 * precision–recall resampled at even steps, recall per class, predicted against actual by groups
 * of rows, loss per epoch, and the baseline only where it was scored on the same rows.
 * tests/chart-render.test.ts renders the same charts in a browser.
 */
import { describe, expect, test } from '@jest/globals';
import { predictionBins } from '../src/evaluate/metrics.js';
import { evaluatePredictions } from '../src/evaluate/slices.js';
import type { ConfusionMatrix, EvaluationResult } from '../src/evaluate/types.js';
import {
  CURVE_STEPS,
  EPOCH_POINTS,
  RECALL_CLASSES,
  renderEvaluationCharts,
  renderTrainingChart,
  type HistoryEpoch,
} from '../src/report/charts.js';
import { renderReport, type ReportInput } from '../src/report/render.js';
import { checkHistory } from '../src/steps/outputs.js';
import { createRng } from '../src/util/random.js';

/** Each chart's title with the values of each of its series, in drawing order. */
function charts(markdown: string): { title: string; series: number[][]; source: string }[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map(([, source = '']) => ({
    title: /title "(.*)"/.exec(source)?.[1] ?? '',
    series: [...source.matchAll(/^ {2}(?:line|bar) \[(.*)\]$/gm)].map((m) =>
      (m[1] as string).split(', ').map(Number),
    ),
    source,
  }));
}

/** Binary scores: `n` positives and `n` negatives, all scores distinct. */
function binaryScores(n: number, seed: number): { labels: number[]; scores: number[] } {
  const rng = createRng(seed);
  const labels = Array.from({ length: 2 * n }, (_, i) => i % 2);
  const scores = labels.map((label, i) => Math.min(0.999, 0.3 * label + 0.7 * rng()) + i * 1e-9);
  return { labels, scores };
}

/** Precision when the threshold first reaches `k` true positives, walking scores down. */
function precisionAtTruePositives(labels: number[], scores: number[], k: number): number {
  const order = scores
    .map((_, i) => i)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let tp = 0;
  let fp = 0;
  for (const i of order) {
    if (labels[i] === 1) tp++;
    else fp++;
    if (tp === k) return tp / (tp + fp);
  }
  throw new Error(`fewer than ${k} positives`);
}

describe('binary charts', () => {
  const { labels, scores } = binaryScores(CURVE_STEPS, 3);
  const evaluation = evaluatePredictions({ task: 'binary', labels, scores });

  test('precision by recall equals the precision at each threshold, at 21 even recall steps', () => {
    const pr = charts(renderEvaluationCharts(evaluation, null) ?? '').find(
      (c) => c.title === 'Precision by recall',
    );
    const [chance, candidate] = pr?.series ?? [];
    expect(chance).toEqual(Array(CURVE_STEPS + 1).fill(0.5));
    // With as many positives as steps, recall k/20 is exactly the threshold with k true positives.
    const expected = Array.from({ length: CURVE_STEPS }, (_, i) =>
      precisionAtTruePositives(labels, scores, i + 1),
    );
    expect(candidate?.slice(1)).toEqual(expected.map((p) => Number(p.toFixed(3))));
    // Recall 0 starts where the curve does: the top score is a positive here, so at precision 1.
    const top = scores.indexOf(Math.max(...scores));
    expect(candidate?.[0]).toBe(labels[top] === 1 ? 1 : 0);
  });

  test('ROC is resampled at 21 even false positive rates over chance', () => {
    const roc = charts(renderEvaluationCharts(evaluation, null) ?? '').find(
      (c) => c.title === 'ROC',
    );
    expect(roc?.source).toContain('x-axis "false positive rate" 0.000 --> 1.000');
    const [chance, candidate] = roc?.series ?? [];
    expect(chance).toEqual(Array.from({ length: CURVE_STEPS + 1 }, (_, i) => i / CURVE_STEPS));
    expect(candidate).toHaveLength(CURVE_STEPS + 1);
    expect(candidate?.at(-1)).toBe(1);
    expect([...(candidate ?? [])].sort((a, b) => a - b)).toEqual(candidate);
  });

  test('the baseline is drawn only when it was scored on the same test rows', () => {
    const other = evaluatePredictions({
      task: 'binary',
      labels,
      scores: scores.map((s) => 1 - s),
    });
    const report = (source: string) =>
      renderReport(
        {
          name: 'churn',
          model: {
            task: 'binary',
            evaluation,
            baseline: { version: '1.2.0', reason: 'production stage', source, evaluation: other },
            comparison: [],
            gates: { blessed: true, verdict: 'BLESSED', results: [] },
          },
          validation: null,
          training: null,
        },
        Infinity,
      );
    const rescored = charts(report('reevaluated'));
    expect(rescored.map((c) => c.series.length)).toEqual([3, 3]);
    expect(report('reevaluated')).toContain('⬛ chance · 🟦 baseline v1.2.0 · 🟧 candidate.');
    // Recorded metrics of another split come with curves of other rows: not drawn.
    expect(charts(report('tag-metadata')).map((c) => c.series.length)).toEqual([2, 2]);
    expect(report('tag-metadata')).not.toContain('baseline v1.2.0 ·');
  });

  test('no chart when the test rows hold one class', () => {
    const one = evaluatePredictions({ task: 'binary', labels: [1, 1], scores: [0.2, 0.9] });
    expect(renderEvaluationCharts(one, null)).toBeNull();
  });
});

describe('recall per class', () => {
  /** A diagonal-heavy matrix: class i has 100 − i rows, `right(i)` of them predicted right. */
  function matrix(classes: string[], right: (i: number) => number): ConfusionMatrix {
    return {
      classes,
      matrix: classes.map((_, i) =>
        classes.map((__, j) =>
          i === j ? right(i) : j === (i + 1) % classes.length ? 100 - i - right(i) : 0,
        ),
      ),
    };
  }
  const result = (cm: ConfusionMatrix): EvaluationResult => ({
    task: 'multiclass',
    count: 1,
    overall: {},
    slices: [],
    confusionMatrix: cm,
  });

  test('bars for the classes with the most rows, in class order, the baseline as a line', () => {
    const names = Array.from({ length: 25 }, (_, i) => `class ${i}`);
    const candidate = matrix(names, (i) => 50 - i);
    const baseline = matrix(names, () => 10);
    const markdown =
      renderEvaluationCharts(result(candidate), {
        version: '0.1.0',
        evaluation: result(baseline),
      }) ?? '';
    const [chart] = charts(markdown);
    expect(chart?.source).toMatch(/^ {2}bar \[/m);
    const [bars, line] = chart?.series ?? [];
    // Class i has 100 − i rows: the first twenty have the most.
    expect(bars).toEqual(
      Array.from({ length: RECALL_CLASSES }, (_, i) => Number(((50 - i) / (100 - i)).toFixed(3))),
    );
    expect(line).toEqual(
      Array.from({ length: RECALL_CLASSES }, (_, i) => Number((10 / (100 - i)).toFixed(3))),
    );
    expect(markdown).toContain('5 classes with fewer test rows are not drawn.');
  });

  test('the pooled "(other)" row is no class: it is left out', () => {
    const cm = { ...matrix(['a', 'b', '(other)'], () => 40), otherClasses: 7 };
    const [chart] = charts(renderEvaluationCharts(result(cm), null) ?? '');
    expect(chart?.source).toContain('x-axis "class" ["a", "b"]');
  });

  test('a baseline without every drawn class is not drawn, and the legend says why', () => {
    const markdown =
      renderEvaluationCharts(result(matrix(['a', 'b', 'c'], () => 50)), {
        version: '0.1.0',
        evaluation: result(matrix(['a', 'b'], () => 50)),
      }) ?? '';
    expect(charts(markdown)[0]?.series).toHaveLength(1);
    expect(markdown).toContain(
      'The baseline is not drawn: it was not tested on every class drawn.',
    );
  });
});

describe('predicted against actual', () => {
  const rng = createRng(9);
  const labels = Array.from({ length: 45 }, () => rng() * 100 - 20);
  const values = labels.map((label) => label * 0.8 + rng() * 10);

  test('rows sorted by actual value in 20 groups of nearly equal size, with their means', () => {
    const bins = predictionBins({ task: 'regression', labels, values }) ?? [];
    expect(bins.map((b) => b.count)).toEqual(
      Array.from(
        { length: 20 },
        (_, k) => Math.floor(((k + 1) * 45) / 20) - Math.floor((k * 45) / 20),
      ),
    );
    const order = labels
      .map((_, i) => i)
      .sort((a, b) => (labels[a] as number) - (labels[b] as number));
    let start = 0;
    for (const bin of bins) {
      const rows = order.slice(start, (start += bin.count));
      const mean = (xs: number[]) => rows.reduce((s, i) => s + (xs[i] as number), 0) / rows.length;
      expect(bin.actual).toBeCloseTo(mean(labels), 10);
      expect(bin.predicted).toBeCloseTo(mean(values), 10);
    }
    expect(predictionBins({ task: 'regression', labels: [3, 1], values: [0, 0] })).toEqual([
      { count: 1, actual: 1, predicted: 0 },
      { count: 1, actual: 3, predicted: 0 },
    ]);
  });

  test('actual, baseline and candidate lines over the same groups, negative values included', () => {
    const candidate = evaluatePredictions({ task: 'regression', labels, values });
    const baseline = evaluatePredictions({
      task: 'regression',
      labels,
      values: labels.map(() => 30),
    });
    const markdown =
      renderEvaluationCharts(candidate, { version: '0.1.0', evaluation: baseline }) ?? '';
    const [chart] = charts(markdown);
    const [actual, flat, predicted] = chart?.series ?? [];
    const bins = candidate.predictionBins ?? [];
    // An axis of about 100 in steps of 10: values to a decimal.
    expect(actual).toEqual(bins.map((b) => Number(b.actual.toFixed(1))));
    expect(predicted).toEqual(bins.map((b) => Number(b.predicted.toFixed(1))));
    expect(flat).toEqual(Array(20).fill(30));
    expect(actual?.[0]).toBeLessThan(0);
    // The y axis holds every value, from a round number below the least.
    const [low, high] =
      /y-axis "mean predicted value" (\S+) --> (\S+)/
        .exec(chart?.source ?? '')
        ?.slice(1)
        .map(Number) ?? [];
    expect(low).toBeLessThanOrEqual(Math.min(...(actual ?? []), ...(predicted ?? [])));
    expect(high).toBeGreaterThanOrEqual(Math.max(...(actual ?? []), ...(predicted ?? [])));
    expect(markdown).toContain('⬛ actual (a perfect model) · 🟦 baseline v0.1.0 · 🟧 candidate.');
  });
});

describe('training curves', () => {
  const history = (epochs: number, valLoss = true): HistoryEpoch[] =>
    Array.from({ length: epochs }, (_, i) => ({
      epoch: i + 1,
      loss: 1 / (i + 1),
      ...(valLoss ? { valLoss: 1.2 / (i + 1) } : {}),
    }));

  test('training and validation loss per epoch on an epoch axis', () => {
    const [chart] = charts(renderTrainingChart(history(4)) ?? '');
    expect(chart?.source).toContain('x-axis "epoch" 1.000 --> 4.000');
    expect(chart?.series).toEqual([
      [1, 0.5, 0.333, 0.25],
      [1.2, 0.6, 0.4, 0.3],
    ]);
  });

  test('a long run is sampled at even steps, first and last epochs kept', () => {
    const [chart] = charts(renderTrainingChart(history(250)) ?? '');
    expect(chart?.series[0]).toHaveLength(EPOCH_POINTS);
    expect(chart?.source).toMatch(/x-axis "epoch" 1\.0+ --> 250\.0+/);
  });

  test('without a validation split only the training loss is drawn', () => {
    const markdown = renderTrainingChart(history(3, false)) ?? '';
    expect(charts(markdown)[0]?.series).toHaveLength(1);
    expect(markdown).toContain('🟩 training loss.');
  });

  test('a loss that went NaN ends the lines there, and says so', () => {
    const epochs = history(6);
    epochs[3] = { epoch: 4, loss: null, valLoss: null };
    const markdown = renderTrainingChart(epochs) ?? '';
    expect(charts(markdown)[0]?.series.map((s) => s.length)).toEqual([3, 3]);
    expect(markdown).toContain('The loss stopped being a number at epoch 4.');
  });

  test('one epoch makes no chart', () => {
    expect(renderTrainingChart(history(1))).toBeNull();
  });
});

describe('in the report', () => {
  const input = (history?: HistoryEpoch[]): ReportInput => ({
    name: 'churn',
    model: null,
    validation: null,
    training: {
      rows: { train: 8, validation: 2, test: 2 },
      backend: 'cpu',
      epochs: 3,
      ...(history ? { history } : {}),
    },
  });

  test('training curves show when the bundle had a history', () => {
    const history = [1, 2, 3].map((epoch) => ({ epoch, loss: 1 / epoch, valLoss: 1 / epoch }));
    expect(renderReport(input(history))).toContain('<details><summary>Training curves</summary>');
    expect(renderReport(input())).not.toContain('Training curves');
  });

  test('a forged history.json is refused with the field, before it reaches a chart', () => {
    const forged = [{ epoch: 1, loss: '0.5"]\n```' }];
    expect(() => checkHistory(forged, 'model/history.json', 'Run `mlops train`.')).toThrow(
      'model/history.json: [0].loss: expected a number, found a string. Run `mlops train`.',
    );
    expect(checkHistory([{ epoch: 2, loss: null }], 'h', '')).toEqual([{ epoch: 2, loss: null }]);
  });
});
