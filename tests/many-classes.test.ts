/**
 * A label with thousands of classes: refused before training beyond a sane number, and nothing in
 * training or evaluation grows with classes² or rows × classes (10,000 classes took 5.4 GB and
 * then failed writing a pretty-printed 10⁸-cell confusion matrix).
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import * as tf from '@tensorflow/tfjs-core';
import { DataError } from '../src/errors.js';
import { evaluateGates } from '../src/evaluate/gates.js';
import {
  computeMetrics,
  confusionMatrix,
  CONFUSION_MAX_CLASSES,
  OTHER_CLASSES,
} from '../src/evaluate/metrics.js';
import { evaluatePredictions, evaluateSlices, MAX_SLICE_VALUES } from '../src/evaluate/slices.js';
import type { MulticlassPredictions } from '../src/evaluate/types.js';
import { selectBackend } from '../src/model/backend.js';
import { fitLabelEncoding } from '../src/model/task.js';
import { fitNetwork } from '../src/model/train.js';

/**
 * `count` examples over `classes` classes, labels skewed towards low class indices; each example
 * predicts its own label or, one time in three, the next class. Rows are shared, one per class
 * predicted, so 10,000 classes cost 10,000 rows of probabilities whatever the count.
 */
function predictions(classes: number, count: number): MulticlassPredictions & { labels: number[] } {
  const rows = new Map<number, Float32Array>();
  const rowPeakingAt = (c: number) => {
    let row = rows.get(c);
    if (!row) {
      row = new Float32Array(classes).fill(0.5 / classes);
      row[c] = 0.5;
      rows.set(c, row);
    }
    return row;
  };
  const labels = Array.from({ length: count }, (_, i) => (i * i) % Math.min(classes, 97 + i));
  return {
    task: 'multiclass',
    labels,
    probabilities: labels.map((label, i) =>
      rowPeakingAt(i % 3 === 0 ? (label + 1) % classes : label),
    ),
    classes: Array.from({ length: classes }, (_, c) => `class ${c}`),
  };
}

describe('evaluation output with many classes', () => {
  test('a confusion matrix keeps the 50 most frequent labels and one (other) row and column', () => {
    const p = predictions(2000, 3000);
    const cm = confusionMatrix(p);
    expect(cm.classes).toHaveLength(CONFUSION_MAX_CLASSES + 1);
    expect(cm.classes.at(-1)).toBe(OTHER_CLASSES);
    expect(cm.otherClasses).toBe(2000 - CONFUSION_MAX_CLASSES);
    expect(cm.matrix).toHaveLength(CONFUSION_MAX_CLASSES + 1);
    expect(cm.matrix.every((row) => row.length === CONFUSION_MAX_CLASSES + 1)).toBe(true);
    expect(cm.matrix.flat().reduce((a, b) => a + b, 0)).toBe(3000);
    // The kept classes are the most frequent labels, in class order.
    const support = new Map<number, number>();
    for (const label of p.labels) support.set(label, (support.get(label) ?? 0) + 1);
    const kept = cm.classes.slice(0, -1).map((name) => Number(name.replace('class ', '')));
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    const smallestKept = Math.min(...kept.map((c) => support.get(c) ?? 0));
    const largestLeft = Math.max(
      ...[...support].filter(([c]) => !kept.includes(c)).map(([, n]) => n),
    );
    expect(smallestKept).toBeGreaterThanOrEqual(largestLeft);
    // Row sums are each kept class's support.
    kept.forEach((c, i) => expect(cm.matrix[i]?.reduce((a, b) => a + b, 0)).toBe(support.get(c)));
  });

  test('up to 50 classes the matrix is whole, with no (other)', () => {
    const cm = confusionMatrix(predictions(50, 500));
    expect(cm.classes).toHaveLength(50);
    expect(cm.otherClasses).toBeUndefined();
  });

  test('10,000 classes give an evaluation of a few kilobytes, pretty-printed', () => {
    const p = predictions(10_000, 2000);
    const slices = [{ name: 'group', values: p.labels.map((_, i) => `g${i % 5}`) }];
    const json = JSON.stringify(evaluatePredictions(p, slices), null, 2);
    expect(json.length).toBeLessThan(100_000);
    expect(computeMetrics(p).accuracy).toBeCloseTo(2 / 3, 2);
  });

  test('an id-like slice column keeps the 100 values with most rows and counts the rest', () => {
    const p = predictions(10, 1000);
    const values = p.labels.map((_, i) => (i < 300 ? `common ${i % 3}` : `id ${i}`));
    const [slice] = evaluateSlices(p, [{ name: 'id', values }]);
    expect(slice?.values).toHaveLength(MAX_SLICE_VALUES);
    expect(slice?.values.slice(0, 3).map((v) => [v.value, v.count])).toEqual([
      ['common 0', 100],
      ['common 1', 100],
      ['common 2', 100],
    ]);
    expect(slice?.omitted).toEqual({ values: 700 - (MAX_SLICE_VALUES - 3), count: 603 });
  });

  test('a slice_gap gate says how many values were not evaluated', () => {
    const p = predictions(10, 1000);
    const values = p.labels.map((_, i) => (i < 600 ? `common ${i % 3}` : `id ${i}`));
    const current = evaluatePredictions(p, [{ name: 'id', values }]);
    const [gate] = evaluateGates(
      [{ metric: 'accuracy', slice_gap: { by: 'id', max: 1 } }],
      current,
      null,
    ).results;
    expect(gate?.reason).toMatch(
      /; 97 value\(s\) left out .*; 303 value\(s\) with the fewest examples not evaluated$/,
    );
  });

  test('a long slice value or class name is an excerpt', () => {
    const p = predictions(3, 30);
    p.classes[0] = 'c'.repeat(100_000);
    const values = p.labels.map(() => 'v'.repeat(100_000));
    const result = evaluatePredictions(p, [{ name: 'long', values }]);
    expect(JSON.stringify(result).length).toBeLessThan(5_000);
  });
});

describe('class count limits', () => {
  const labels = (classes: number, rows: number) =>
    Array.from({ length: rows }, (_, i) => `c${i % classes}`);

  test('more than 1,000 classes is a DataError that suggests regression or grouping', () => {
    expect(() => fitLabelEncoding('multiclass', labels(1001, 20_000), 'y')).toThrow(DataError);
    expect(() => fitLabelEncoding('multiclass', labels(10_000, 50_000), 'y')).toThrow(
      /label "y" has 10,000 classes in 50,000 training rows: too many .*model\.task: regression.*group/,
    );
    expect(fitLabelEncoding('multiclass', labels(1000, 20_000), 'y')).toMatchObject({
      task: 'multiclass',
    });
  });

  test('beyond 50 classes, fewer than 10 training rows per class is a DataError', () => {
    expect(() => fitLabelEncoding('multiclass', labels(60, 599), 'y')).toThrow(
      /60 classes in 599 training rows/,
    );
    expect(fitLabelEncoding('multiclass', labels(60, 600), 'y').task).toBe('multiclass');
    expect(fitLabelEncoding('multiclass', labels(50, 60), 'y').task).toBe('multiclass');
  });
});

describe('training with many classes', () => {
  beforeAll(async () => {
    await selectBackend('cpu', {});
  });

  test('holds no rows × classes label tensor', async () => {
    const classes = 100;
    const count = 1000;
    const train = {
      features: Float32Array.from({ length: count * 2 }, (_, i) => (i % 7) / 7),
      labels: Float32Array.from({ length: count }, (_, i) => i % classes),
      count,
    };
    const tensorBytes: number[] = [];
    await fitNetwork(train, null, {
      inputWidth: 2,
      task: 'multiclass',
      classes,
      hidden: [4],
      dropout: 0,
      learningRate: 0.01,
      seed: 1,
      epochs: 1,
      batchSize: 1000,
      patience: 1,
      minDelta: 0,
      onEpoch: () => tensorBytes.push(tf.memory().numBytes),
    });
    // One-hot labels alone took count × classes × 4 bytes (400 KB here; 1.4 GB for 10,000
    // classes), and each epoch's shuffled copy as much again.
    const oneHotBytes = count * classes * 4;
    expect(tensorBytes[0]).toBeLessThan(oneHotBytes / 4);
  });
});
