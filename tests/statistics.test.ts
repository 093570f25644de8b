import { describe, expect, test } from '@jest/globals';
import { inferKind } from '../src/data/kinds.js';
import { computeStatistics } from '../src/data/statistics.js';
import type { ColumnStats, RawTable, RawValue } from '../src/data/types.js';
import { createRng } from '../src/util/random.js';

/** A one-column-per-key table from column arrays of equal length. */
function table(columns: Record<string, RawValue[]>): RawTable {
  const names = Object.keys(columns);
  const length = Math.max(0, ...names.map((name) => columns[name]?.length ?? 0));
  const rows = Array.from({ length }, (_, i) => names.map((name) => columns[name]?.[i] ?? null));
  return { source: 'test.csv', columns: names, rows, lines: rows.map((_, i) => i + 2) };
}

function column(values: RawValue[], kind?: ColumnStats['kind']): ColumnStats {
  const stats = computeStatistics(table({ x: values }), kind ? { x: kind } : {});
  const only = stats.columns[0];
  if (!only) throw new Error('no column');
  return only;
}

describe('computeStatistics', () => {
  test('counts rows and keeps column order', () => {
    const stats = computeStatistics(table({ b: ['1', '2'], a: ['x', 'y'] }));
    expect(stats.rows).toBe(2);
    expect(stats.columns.map((c) => [c.name, c.kind])).toEqual([
      ['b', 'numeric'],
      ['a', 'categorical'],
    ]);
  });

  test('short rows count as missing cells', () => {
    const stats = computeStatistics({
      source: 't.csv',
      columns: ['a', 'b'],
      rows: [['1', '2'], ['3']],
      lines: [2, 3],
    });
    expect(stats.columns[1]).toMatchObject({ name: 'b', count: 1, missing: 1 });
  });

  test('numeric summary: moments, quantiles, zeros, integer', () => {
    const stats = column(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '', null]);
    expect(stats).toMatchObject({ kind: 'numeric', count: 11, missing: 2 });
    const numeric = stats.numeric;
    expect(numeric).toMatchObject({
      min: 0,
      max: 10,
      mean: 5,
      zeros: 1,
      nonFinite: 0,
      integer: true,
    });
    expect(numeric?.std).toBeCloseTo(Math.sqrt(10), 12);
    expect(numeric?.quantiles).toEqual({ p01: 0.1, p25: 2.5, p50: 5, p75: 7.5, p99: 9.9 });
    expect(stats.invalid).toBeUndefined();
    expect(stats.categorical).toBeUndefined();
  });

  test('Welford stays accurate for large offsets', () => {
    const numeric = column([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]).numeric;
    expect(numeric?.mean).toBe(1e9 + 10);
    expect(numeric?.std).toBeCloseTo(Math.sqrt(22.5), 9);
  });

  test('histogram has 10 equal-width buckets and the max falls in the last', () => {
    const values = Array.from({ length: 21 }, (_, i) => i / 2); // 0, 0.5, …, 10
    const histogram = column(values).numeric?.histogram;
    expect(histogram?.edges).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(histogram?.counts).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 3]);
  });

  test('a constant column gets one bucket', () => {
    const numeric = column([4, 4, 4]).numeric;
    expect(numeric?.histogram).toEqual({ edges: [4, 4], counts: [3] });
    expect(numeric?.std).toBe(0);
  });

  test('infinities count as non-finite and stay out of the moments', () => {
    const numeric = column(['1', 'inf', '3', '-inf', '2.5']).numeric;
    expect(numeric).toMatchObject({ min: 1, max: 3, nonFinite: 2, integer: false });
    expect(numeric?.mean).toBeCloseTo(6.5 / 3, 12);
  });

  test('only infinities: zeroed figures and no buckets', () => {
    const numeric = column(['inf', '-inf']).numeric;
    expect(numeric).toMatchObject({ min: 0, max: 0, mean: 0, std: 0, nonFinite: 2 });
    expect(numeric?.histogram).toEqual({ edges: [0], counts: [] });
  });

  test('a given numeric kind counts values that do not parse as invalid', () => {
    const stats = column(['1', 'abc', '2', 'abc', 'x', '3.5', ''], 'numeric');
    expect(stats).toMatchObject({ kind: 'numeric', count: 6, missing: 1 });
    expect(stats.invalid).toEqual({ count: 3, examples: ['abc', 'x'], lines: [3, 5, 6] });
    expect(stats.numeric).toMatchObject({ min: 1, max: 3.5, integer: false });
  });

  test('invalid examples stop at five distinct values', () => {
    const stats = column(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'numeric');
    expect(stats.invalid?.count).toBe(7);
    expect(stats.invalid?.examples).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(stats.numeric).toBeUndefined();
  });

  test('dates get numeric statistics in epoch milliseconds', () => {
    const stats = column(['2024-01-01', '2024-01-03', null]);
    const day = 86_400_000;
    const start = Date.UTC(2024, 0, 1);
    expect(stats).toMatchObject({ kind: 'date', count: 2, missing: 1 });
    expect(stats.numeric).toMatchObject({ min: start, max: start + 2 * day, mean: start + day });
  });

  test('a given date kind counts unparseable dates as invalid', () => {
    const stats = column(['2024-01-01', 'soon'], 'date');
    expect(stats.invalid).toEqual({ count: 1, examples: ['soon'], lines: [3] });
  });

  test('booleans are counted under canonical spellings', () => {
    const stats = column(['yes', 'no', 'Yes', 'TRUE', 'f', '']);
    expect(stats).toMatchObject({ kind: 'boolean', count: 5, missing: 1 });
    expect(stats.categorical?.top).toEqual([
      { value: 'true', count: 3 },
      { value: 'false', count: 2 },
    ]);
  });

  test('a given boolean kind counts other words as invalid', () => {
    const stats = column(['yes', 'maybe', 'no'], 'boolean');
    expect(stats.invalid).toEqual({ count: 1, examples: ['maybe'], lines: [3] });
  });

  test('categorical: unique, top ordered by count then value, average length', () => {
    const stats = column(['b', 'a', 'ccc', 'b', 'a', 'b', null]);
    expect(stats).toMatchObject({ kind: 'categorical', count: 6, missing: 1 });
    expect(stats.categorical).toEqual({
      unique: 3,
      top: [
        { value: 'b', count: 3 },
        { value: 'a', count: 2 },
        { value: 'ccc', count: 1 },
      ],
      avgLength: 8 / 6,
    });
  });

  test('categorical top holds up to 100 values', () => {
    const values = Array.from({ length: 150 }, (_, i) => `v${i}`);
    expect(column(values, 'categorical').categorical).toMatchObject({ unique: 150 });
    expect(column(values, 'categorical').categorical?.top).toHaveLength(100);
  });

  test('JSON numbers in a categorical column are counted as their text', () => {
    const stats = column([1, 1, 'x'], 'categorical');
    expect(stats.categorical?.top).toEqual([
      { value: '1', count: 2 },
      { value: 'x', count: 1 },
    ]);
  });

  test('text keeps the top 10', () => {
    const values = Array.from({ length: 40 }, (_, i) => `free text entry ${i}`);
    const stats = column(values);
    expect(stats.kind).toBe('text');
    expect(stats.categorical?.unique).toBe(40);
    expect(stats.categorical?.top).toHaveLength(10);
  });

  test('an all-missing column is empty', () => {
    expect(column(['', null, NaN])).toEqual({ name: 'x', kind: 'empty', count: 0, missing: 3 });
  });

  test('min and max keep the sign of zero, as a numeric sort orders -0 before 0', () => {
    expect(column(['0', '-0', '2']).numeric).toMatchObject({ min: -0, max: 2 });
    expect(column(['-0', '0', '-1']).numeric).toMatchObject({ min: -1, max: 0 });
    expect(column(['-0', '-0']).numeric).toMatchObject({ min: -0, max: -0 });
  });

  test('quantiles are those of the fully sorted values, whatever the order', () => {
    const n = 5000;
    const rng = createRng(3);
    const ascending = Array.from({ length: n }, (_, i) => i);
    const orders: Record<string, number[]> = {
      ascending,
      descending: [...ascending].reverse(),
      organPipe: [...ascending.slice(0, n / 2), ...ascending.slice(0, n / 2).reverse()],
      constant: ascending.map(() => 7),
      fewValues: ascending.map((i) => i % 3),
      signedZeros: ascending.map((i) => [0, -0, 1, -1][i % 4] ?? 0),
      random: ascending.map(() => (rng() - 0.5) * 1e6),
    };
    for (const [name, values] of Object.entries(orders)) {
      const sorted = Float64Array.from(values).sort();
      const reference = (q: number) => {
        const position = (n - 1) * q;
        const below = sorted[Math.floor(position)] ?? 0;
        const above = sorted[Math.ceil(position)] ?? 0;
        return below + (above - below) * (position - Math.floor(position));
      };
      const numeric = column(values).numeric;
      expect([name, numeric?.quantiles]).toEqual([
        name,
        {
          p01: reference(0.01),
          p25: reference(0.25),
          p50: reference(0.5),
          p75: reference(0.75),
          p99: reference(0.99),
        },
      ]);
      expect([name, numeric?.min, numeric?.max]).toEqual([name, sorted[0], sorted[n - 1]]);
    }
  });

  test('inferred kinds are those of inferKind', () => {
    const numbered = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => `${prefix}${i}`);
    const columns: RawValue[][] = [
      [],
      [null, 'NA', ''],
      ['1', '2.5', 'inf', null],
      [1, 2, 3.5],
      ['0', '1', '1'],
      ['true', 'false', 'TRUE'],
      ['yes', 'no', '1', '0'],
      [true, false, null],
      ['1', 'yes'],
      ['2024-01-31', '2024-02-01T10:00:00Z', null],
      ['2024-01-31', '2024-02-30'],
      ['1', '2', 'x'],
      numbered('c', 20),
      numbered('user-', 21),
      Array.from({ length: 20 }, () => numbered('city-', 50)).flat(),
      Array.from({ length: 2 }, () => numbered('city-', 60)).flat(),
      Array.from({ length: 40 }, () => numbered('a fairly long free text sentence, ', 30)).flat(),
    ];
    for (const values of columns) {
      expect([values, column(values).kind]).toEqual([values, inferKind(values)]);
    }
  });

  test('a column named like an Object.prototype key is still inferred', () => {
    const stats = computeStatistics(table({ constructor: ['1', '2'] }), {});
    expect(stats.columns[0]?.kind).toBe('numeric');
  });
});

describe('values outside given ranges and domains', () => {
  test('counts finite values below and above a range, with their first lines', () => {
    const values = ['5', '-1', '11', '12', 'inf', '', 'x', '10', '0'];
    const stats = computeStatistics(
      table({ n: values }),
      { n: 'numeric' },
      {
        ranges: { n: { min: 0, max: 10 } },
      },
    );
    expect(stats.columns[0]?.outOfRange).toEqual({
      min: 0,
      max: 10,
      below: 1,
      above: 2,
      lines: [3, 4, 5],
    });
  });

  test.each<[string, RawValue[], ColumnStats['kind'], string[], unknown]>([
    ['inside: nothing', ['a', 'b'], 'categorical', ['a', 'b'], undefined],
    [
      'text values',
      ['a', '.', 'b', '.', 'c'],
      'categorical',
      ['a', 'b'],
      {
        count: 3,
        top: [
          { value: '.', count: 2 },
          { value: 'c', count: 1 },
        ],
        lines: [3, 5, 6],
      },
    ],
    ['numbers compare as numbers', ['1.0', '0', '1e0'], 'numeric', ['0', '1'], undefined],
    [
      'a new number',
      ['1', '2', 'x'],
      'numeric',
      ['0', '1'],
      { count: 1, top: [{ value: '2', count: 1 }], lines: [3] },
    ],
    [
      'booleans by their canonical spelling',
      ['yes', 'False', 'maybe'],
      'boolean',
      ['false', 'true'],
      undefined,
    ],
    [
      'a boolean not seen before',
      ['yes', 'no'],
      'boolean',
      ['true'],
      { count: 1, top: [{ value: 'no', count: 1 }], lines: [3] },
    ],
  ])('domain: %s', (_, values, kind, domain, expected) => {
    const stats = computeStatistics(table({ c: values }), { c: kind }, { domains: { c: domain } });
    expect(stats.columns[0]?.outOfDomain).toEqual(expected);
  });

  test('nothing is counted without ranges or domains', () => {
    const stats = computeStatistics(table({ n: ['1', '100'] }));
    expect(stats.columns[0]).not.toHaveProperty('outOfRange');
    expect(stats.columns[0]).not.toHaveProperty('outOfDomain');
  });
});
