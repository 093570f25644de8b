import { describe, expect, test } from '@jest/globals';
import { DataError } from '../src/errors.js';
import { computeMetrics } from '../src/evaluate/metrics.js';
import { evaluatePredictions, evaluateSlices } from '../src/evaluate/slices.js';
import type { BinaryPredictions } from '../src/evaluate/types.js';

const predictions: BinaryPredictions = {
  task: 'binary',
  labels: [1, 0, 1, 0, 1, 1, 0],
  scores: [0.9, 0.2, 0.4, 0.6, 0.8, 0.7, 0.1],
};
const sex = { name: 'sex', values: ['F', 'M', 'F', 'M', null, 'M', 'F'] };

describe('evaluateSlices', () => {
  test('groups by value, missing as "(missing)", most examples first then by value', () => {
    const [slices] = evaluateSlices(predictions, [sex]);
    expect(slices?.column).toBe('sex');
    expect(slices?.values.map(({ value, count }) => [value, count])).toEqual([
      ['F', 3],
      ['M', 3],
      ['(missing)', 1],
    ]);
  });

  test('each slice has the metrics of its own examples', () => {
    const [slices] = evaluateSlices(predictions, [sex]);
    const female = computeMetrics({
      task: 'binary',
      labels: [1, 1, 0],
      scores: [0.9, 0.4, 0.1],
    });
    expect(slices?.values[0]?.metrics).toEqual(female);
    // F: tp 1 (0.9), fn 1 (0.4), tn 1 → recall ½; both classes → auc 1.
    expect(female).toMatchObject({ recall: 0.5, auc: 1 });
  });

  test('a one-class slice leaves out auc instead of reporting NaN', () => {
    const [slices] = evaluateSlices(predictions, [sex]);
    const missing = slices?.values.find((v) => v.value === '(missing)');
    expect(missing?.metrics).not.toHaveProperty('auc');
    expect(missing?.metrics).toMatchObject({ accuracy: 1, recall: 1 });
  });

  test('minCount drops small slice values', () => {
    const [slices] = evaluateSlices(predictions, [sex], { minCount: 2 });
    expect(slices?.values.map((v) => v.value)).toEqual(['F', 'M']);
  });

  test('several columns, including multiclass and regression predictions', () => {
    const group = { name: 'group', values: ['x', 'x', 'y'] };
    const multiclass = evaluateSlices(
      {
        task: 'multiclass',
        labels: [0, 1, 2],
        probabilities: [
          [0.8, 0.1, 0.1],
          [0.1, 0.8, 0.1],
          [0.6, 0.2, 0.2],
        ],
        classes: ['a', 'b', 'c'],
      },
      [group, { name: 'all', values: ['one', 'one', 'one'] }],
    );
    expect(multiclass.map((s) => s.column)).toEqual(['group', 'all']);
    expect(multiclass[0]?.values.map((v) => [v.value, v.metrics.accuracy])).toEqual([
      ['x', 1],
      ['y', 0],
    ]);
    const regression = evaluateSlices(
      { task: 'regression', labels: [1, 2, 3], values: [1, 2, 5] },
      [group],
    );
    expect(regression[0]?.values.map((v) => [v.value, v.metrics.max_error])).toEqual([
      ['x', 0],
      ['y', 2],
    ]);
  });

  test('a column of the wrong length throws DataError naming it', () => {
    expect(() => evaluateSlices(predictions, [{ name: 'race', values: ['a'] }])).toThrow(DataError);
    expect(() => evaluateSlices(predictions, [{ name: 'race', values: ['a'] }])).toThrow(
      /Slice column "race" has 1 values but there are 7 examples/,
    );
  });
});

describe('evaluatePredictions', () => {
  test('binary: overall, slices, confusion matrix, threshold, ROC and calibration', () => {
    const result = evaluatePredictions(predictions, [sex], { threshold: 0.5 });
    expect(result.task).toBe('binary');
    expect(result.count).toBe(7);
    expect(result.overall).toEqual(computeMetrics(predictions));
    expect(result.slices).toHaveLength(1);
    // tp 3 (0.9, 0.8, 0.7), fn 1 (0.4), fp 1 (0.6), tn 2.
    expect(result.confusionMatrix?.matrix).toEqual([
      [2, 1],
      [1, 3],
    ]);
    expect(result.threshold).toBe(0.5);
    expect(result.roc?.[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(result.calibration?.reduce((n, bin) => n + bin.count, 0)).toBe(7);
  });

  test('regression has no classification extras', () => {
    const result = evaluatePredictions({ task: 'regression', labels: [1, 2], values: [1, 3] });
    // Only the groups of rows by actual value that predicted-against-actual charts draw.
    expect(Object.keys(result).sort()).toEqual([
      'count',
      'overall',
      'predictionBins',
      'slices',
      'task',
    ]);
  });
});
