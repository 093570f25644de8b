/** One mean and standard deviation for statistics, preprocessing and labels; finite at ±1e308. */
import { describe, expect, test } from '@jest/globals';
import { computeStatistics } from '../src/data/statistics.js';
import type { RawTable } from '../src/data/types.js';
import { DataError } from '../src/errors.js';
import { fitPreprocessing, transformFeatures } from '../src/model/preprocess.js';
import { encodeLabel, fitLabelEncoding } from '../src/model/task.js';
import { meanAndStd } from '../src/util/moments.js';

const MAX = Number.MAX_VALUE;

function table(column: string, values: string[]): RawTable {
  return {
    source: 'data.csv',
    columns: [column],
    rows: values.map((value) => [value]),
    lines: values.map((_, i) => i + 2),
  };
}

/** The mean and standard deviation each of the three users computes for `values`. */
function threeWays(values: string[]) {
  const data = table('x', values);
  const rows = values.map((_, i) => i);
  const stats = computeStatistics(data).columns[0]?.numeric;
  const spec = fitPreprocessing(data, rows, [{ column: 'x', kind: 'numeric' }], {
    column: 'y',
    task: 'regression',
    mean: 0,
    std: 1,
  });
  const feature = spec.features[0];
  const label = fitLabelEncoding('regression', values, 'x');
  return {
    statistics: { mean: stats?.mean, std: stats?.std },
    preprocessing: feature?.kind === 'numeric' ? { mean: feature.mean, std: feature.std } : null,
    label: label.task === 'regression' ? { mean: label.mean, std: label.std } : null,
    spec,
    data,
  };
}

describe('meanAndStd', () => {
  test.each([
    { values: [], mean: 0, std: 0 },
    { values: [0, 0], mean: 0, std: 0 },
    { values: [1, 2, 3, 4], mean: 2.5, std: Math.sqrt(1.25) },
    { values: [-3], mean: -3, std: 0 },
    { values: [MAX, MAX, MAX], mean: MAX, std: 0 },
    { values: [MAX, -MAX], mean: 0, std: MAX },
    { values: [1e308, -1e308, 1e308, -1e308], mean: 0, std: 1e308 },
  ])('$values → mean $mean, std $std', ({ values, mean, std }) => {
    const result = meanAndStd(values, 'x');
    expect(result.mean).toBeCloseTo(mean, 12);
    expect(result.std / (std || 1)).toBeCloseTo(std === 0 ? 0 : 1, 12);
  });

  test('gives the same digits as plain Welford on ordinary data (scaling by 2^k is exact)', () => {
    const values = [0.1, 0.2, 0.3, 1234.5678, -17.25, 3e-5];
    let mean = 0;
    let sumSquares = 0;
    values.forEach((value, i) => {
      const delta = value - mean;
      mean += delta / (i + 1);
      sumSquares += delta * (value - mean);
    });
    expect(meanAndStd(values, 'x')).toEqual({
      mean,
      std: Math.sqrt(sumSquares / values.length),
    });
  });

  test('a result that is still not finite is a DataError naming the column', () => {
    expect(() => meanAndStd([Infinity, 1], 'income')).toThrow(DataError);
    expect(() => meanAndStd([Infinity, 1], 'income')).toThrow(
      /column "income": values are too large/,
    );
  });
});

describe('huge values', () => {
  const huge = ['1e308', '-1e308', '1.5e308', '1.7e308', '-1.7e308'];

  test('give a finite preprocessing spec that survives JSON (no "mean": null)', () => {
    const { spec, data } = threeWays(huge);
    const feature = spec.features[0];
    expect(feature?.kind === 'numeric' && [feature.mean, feature.std].every(Number.isFinite)).toBe(
      true,
    );
    // No number turned null (the missing-value token "null" is a string, and allowed).
    expect(JSON.stringify(spec)).not.toMatch(/:null\b/);
    const encoded = transformFeatures(spec, data, [0, 1, 2, 3, 4]);
    expect(Array.from(encoded).every(Number.isFinite)).toBe(true);
  });

  test('give a finite regression label encoding, and finite encoded labels', () => {
    const encoding = fitLabelEncoding('regression', huge, 'x');
    expect(JSON.stringify(encoding)).not.toContain('null');
    expect(huge.map((value) => encodeLabel(encoding, value)).every(Number.isFinite)).toBe(true);
  });

  test.each([
    ['huge', huge],
    ['ordinary', ['12.5', '7', '-3.25', '100', '0.001']],
  ])('%s: statistics, preprocessing and the label encoding agree', (_, values) => {
    const { statistics, preprocessing, label } = threeWays(values);
    expect(preprocessing).toEqual(statistics);
    expect(label).toEqual(statistics);
  });
});

test('an infinite regression label is a DataError that quotes it', () => {
  expect(() => fitLabelEncoding('regression', ['1', 'inf'], 'price')).toThrow(
    'label "price": regression needs finite numbers, found "inf".',
  );
});
