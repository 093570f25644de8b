/**
 * The streaming statistics of `mlops validate` (TableAccumulator) against computeStatistics on
 * the whole table: equal while a column's numbers fit the exact budget, and within the KLL
 * sketch's stated error past it.
 */
import { describe, expect, it } from '@jest/globals';
import { TableAccumulator } from '../src/data/column-accumulator.js';
import { computeStatistics, type StatisticsOptions } from '../src/data/statistics.js';
import type { RawTable, RawValue, ValueKind } from '../src/data/types.js';
import { createRng } from '../src/util/random.js';

function generated(rows: number, seed: number): RawTable {
  const rng = createRng(seed);
  const columns = [
    'int',
    'float',
    'cat',
    'flag',
    'when',
    'mixed',
    'id',
    'text',
    'empty',
    'comma',
    'late',
  ];
  const table: RawTable = { source: 't.csv', columns, rows: [], lines: [] };
  for (let i = 0; i < rows; i++) {
    const pick = <T>(items: T[]) => items[Math.floor(rng() * items.length)] as T;
    const row: RawValue[] = [
      rng() < 0.1 ? null : String(Math.floor(rng() * 50) - 10),
      rng() < 0.05 ? null : rng() < 0.01 ? 'inf' : (rng() * 100 - 50).toFixed(3),
      rng() < 0.1 ? null : pick(['a', 'b', 'c', 'd']),
      pick(['yes', 'no', 'Y', '0']),
      `20${10 + Math.floor(rng() * 10)}-0${1 + Math.floor(rng() * 9)}-1${Math.floor(rng() * 9)}`,
      rng() < 0.005 ? 'oops' : String(Math.floor(rng() * 10)),
      `u${i}`,
      `word ${Math.floor(rng() * rows)} more words`,
      null,
      pick(['1,5', '2', '3,25']),
      // Numbers first, then mostly strings: ends up categorical after the tally stopped.
      i < rows / 3 ? String(i % 7) : pick(['x', 'y']),
    ];
    table.rows.push(row);
    table.lines.push(i + 2);
  }
  return table;
}

function streamed(
  table: RawTable,
  kinds: Record<string, ValueKind> = {},
  options: StatisticsOptions & { exactNumbers?: number } = {},
  batch = 97,
) {
  const feed = (accumulator: TableAccumulator) => {
    for (let start = 0; start < table.rows.length; start += batch) {
      accumulator.add({
        columns: table.columns,
        rows: table.rows.slice(start, start + batch),
        lines: table.lines.slice(start, start + batch),
      });
    }
  };
  const first = new TableAccumulator(kinds, options);
  feed(first);
  if (first.needsSecondPass().length === 0) return first.finish();
  const second = first.forSecondPass();
  feed(second);
  return first.finish(second);
}

describe('streaming statistics', () => {
  it.each([50, 3000])('equal computeStatistics on %i generated rows', (rows) => {
    const table = generated(rows, rows);
    expect(streamed(table)).toEqual(computeStatistics(table));
  });

  it('equal computeStatistics with kinds, drift edges, ranges and domains given', () => {
    const table = generated(2000, 7);
    const kinds: Record<string, ValueKind> = {
      int: 'numeric',
      cat: 'categorical',
      flag: 'boolean',
      when: 'date',
      mixed: 'numeric',
      comma: 'numeric',
    };
    const options: StatisticsOptions = {
      driftEdges: { int: [0, 10, 20], float: [-10, 0, 10] },
      ranges: { int: { min: 0, max: 30 }, mixed: { max: 5 } },
      domains: { cat: ['a', 'b'], flag: ['true'], mixed: ['1', '2', '3'] },
    };
    expect(streamed(table, kinds, options)).toEqual(computeStatistics(table, kinds, options));
  });

  it('past the exact budget: counts exact, quantiles within the sketch error', () => {
    const rows = 60_000;
    const table = generated(rows, 3);
    const exact = computeStatistics(table);
    const sketched = streamed(table, {}, { exactNumbers: 1000 });
    for (const [index, column] of exact.columns.entries()) {
      const other = sketched.columns[index]!;
      expect(other.kind).toBe(column.kind);
      expect(other.count).toBe(column.count);
      expect(other.missing).toBe(column.missing);
      expect(other.categorical).toEqual(column.categorical);
      if (!column.numeric) continue;
      const a = column.numeric;
      const b = other.numeric!;
      expect([b.min, b.max, b.zeros, b.nonFinite, b.integer]).toEqual([
        a.min,
        a.max,
        a.zeros,
        a.nonFinite,
        a.integer,
      ]);
      expect(b.mean).toBeCloseTo(a.mean, 9);
      expect(b.std).toBeCloseTo(a.std, 9);
      expect(b.distinct).toEqual(a.distinct);
      // Rank error ≤ 0.2 % of the values: each sketched quantile lies between the exact ones
      // 0.2 % of ranks on either side.
      const values = table.rows
        .map((row) => (row[index] === null ? NaN : Number(row[index])))
        .filter((value) => Number.isFinite(value))
        .sort((x, y) => x - y);
      const slack = Math.ceil(0.002 * values.length) + 1;
      for (const [level, q] of [
        ['p01', 0.01],
        ['p25', 0.25],
        ['p50', 0.5],
        ['p75', 0.75],
        ['p99', 0.99],
      ] as const) {
        if (column.kind !== 'numeric') continue;
        const rank = Math.round(q * (values.length - 1));
        const low = values[Math.max(0, rank - slack)]!;
        const high = values[Math.min(values.length - 1, rank + slack)]!;
        expect(b.quantiles[level]).toBeGreaterThanOrEqual(low);
        expect(b.quantiles[level]).toBeLessThanOrEqual(high);
      }
      const total = (h: { counts: number[] }) => h.counts.reduce((s, c) => s + c, 0);
      expect(total(b.histogram)).toBe(total(a.histogram));
    }
  });
});
