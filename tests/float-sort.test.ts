import { describe, expect, test } from '@jest/globals';
import { driftSummary, sortedDriftSummary } from '../src/data/drift.js';
import { finiteNumericStats, numericStats } from '../src/data/statistics.js';
import { sortNumbers } from '../src/util/float-sort.js';
import { createRng } from '../src/util/random.js';

/** Columns that reach the radix sort (≥ 2048 values), with the values that order hardest. */
function hostileColumns(): Record<string, number[]> {
  const rng = createRng(11);
  const n = 5000;
  const tiny = Number.MIN_VALUE;
  const max = Number.MAX_VALUE;
  const specials = [0, -0, tiny, -tiny, max, -max, 1, -1, 2 ** 53, -(2 ** 53), 0.1, -0.1];
  return {
    decimals: Array.from({ length: n }, () => Math.round((rng() * 1e4 - 5e3) * 1000) / 1000),
    integers: Array.from({ length: n }, () => Math.floor(rng() * 1000) - 200),
    specials: Array.from({ length: n }, (_, i) => specials[i % specials.length] as number),
    magnitudes: Array.from({ length: n }, () => (rng() - 0.5) * 10 ** (rng() * 600 - 300)),
    constant: Array.from({ length: n }, () => 7),
    zeros: Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0 : -0)),
    atMax: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? max : rng())),
    small: [3, -0, 0, -1],
  };
}

describe('sortNumbers', () => {
  test.each(Object.entries(hostileColumns()))(
    'puts %s in the order of Float64Array.prototype.sort',
    (_, values) => {
      const expected = Float64Array.from(values).sort();
      const sorted = sortNumbers(Float64Array.from(values));
      // Object.is tells -0 from 0.
      expect(Array.from(sorted).every((value, i) => Object.is(value, expected[i]))).toBe(true);
    },
  );

  test('sorts a view in place, leaving the rest of its buffer alone', () => {
    const rng = createRng(3);
    const buffer = Float64Array.from({ length: 6000 }, () => rng() - 0.5);
    const before = buffer.slice();
    const view = buffer.subarray(500, 5500);
    const expected = view.slice().sort();
    sortNumbers(view);
    expect(Array.from(view)).toEqual(Array.from(expected));
    expect(buffer[499]).toBe(before[499]);
    expect(buffer[5500]).toBe(before[5500]);
  });

  test('leaves NaN to the built-in sort, which puts it last', () => {
    const values = Float64Array.from({ length: 4000 }, (_, i) => (i === 1234 ? NaN : 4000 - i));
    const sorted = sortNumbers(values);
    expect(sorted[3999]).toBeNaN();
    expect(Array.from(sorted.subarray(0, 3999))).toEqual(
      Array.from({ length: 4000 }, (_, i) => i + 1).filter((v) => v !== 4000 - 1234),
    );
  });
});

describe('statistics from one shared sort', () => {
  test.each(Object.entries(hostileColumns()))(
    'equal numericStats and driftSummary on %s',
    (_, values) => {
      const finite = Float64Array.from(values);
      const sorted = sortNumbers(finite.slice());
      const expected = numericStats(values, 'x');
      const figures = {
        min: expected.min,
        max: expected.max,
        zeros: expected.zeros,
        nonFinite: expected.nonFinite,
        integer: expected.integer,
      };
      expect(finiteNumericStats(figures, finite, sorted, 'x')).toEqual(expected);
      expect(sortedDriftSummary(finite, sorted)).toEqual(driftSummary(values));
      const edges = [-1, 0, 0.5, 1e300];
      expect(sortedDriftSummary(finite, sorted, edges)).toEqual(driftSummary(values, edges));
    },
  );
});
