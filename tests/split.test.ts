import { describe, expect, test } from '@jest/globals';
import { splitRows } from '../src/data/split.js';
import type { SplitIndices } from '../src/data/types.js';
import { ConfigError } from '../src/errors.js';

const sizes = (split: SplitIndices) => [
  split.train.length,
  split.validation.length,
  split.test.length,
];

/** Every row in exactly one split, each split ascending. */
function expectPartition(split: SplitIndices, count: number): void {
  const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: count }, (_, i) => i));
  for (const part of [split.train, split.validation, split.test]) {
    expect(part).toEqual([...part].sort((a, b) => a - b));
  }
}

describe('splitRows without keys', () => {
  test.each<[number, number, number, [number, number, number]]>([
    [100, 0.2, 0.1, [70, 10, 20]],
    [10, 0.25, 0, [7, 0, 3]], // 2.5 rounds half up
    [10, 0.04, 0.04, [8, 1, 1]], // at least 1 test and validation row
    [2, 0.1, 0, [1, 0, 1]],
    [2, 0.1, 0.1, [1, 0, 1]], // train keeps a row
    [3, 0.1, 0.1, [1, 1, 1]],
    [1, 0.2, 0.1, [1, 0, 0]],
    [0, 0.2, 0.1, [0, 0, 0]],
    [50, 0, 0, [50, 0, 0]],
  ])(
    '%i rows, test %p, validation %p → train/validation/test %p',
    (count, test, validation, expected) => {
      const split = splitRows(count, { test, validation, seed: 1 });
      expect(sizes(split)).toEqual(expected);
      expectPartition(split, count);
    },
  );

  test('the same seed gives the same split, another seed another', () => {
    const options = { test: 0.2, validation: 0.1 };
    const a = splitRows(200, { ...options, seed: 42 });
    expect(splitRows(200, { ...options, seed: 42 })).toEqual(a);
    expect(splitRows(200, { ...options, seed: 43 }).test).not.toEqual(a.test);
  });

  test('the test rows are shuffled, not the first rows', () => {
    const { test } = splitRows(100, { test: 0.2, validation: 0, seed: 7 });
    expect(test).not.toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});

describe('splitRows stratified', () => {
  const labels = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 'yes' : 'no'));
  const share = (rows: number[]) => rows.filter((i) => labels[i] === 'yes').length / rows.length;

  test('each split gets the minority class in its overall share', () => {
    const split = splitRows(1000, { test: 0.2, validation: 0.1, seed: 3, stratify: labels });
    expect(sizes(split)).toEqual([700, 100, 200]);
    expectPartition(split, 1000);
    expect(share(split.test)).toBe(0.1);
    expect(share(split.validation)).toBe(0.1);
    expect(share(split.train)).toBe(0.1);
  });

  test('a rare class of 3 in 30 rows reaches the test split', () => {
    const rare = Array.from({ length: 30 }, (_, i) => (i < 3 ? 'fraud' : null));
    for (const seed of [1, 2, 3, 4, 5]) {
      const { test } = splitRows(30, { test: 0.2, validation: 0, seed, stratify: rare });
      expect(test.filter((i) => rare[i] === 'fraud')).toHaveLength(1);
    }
  });

  test('deterministic for a seed', () => {
    const options = { test: 0.2, validation: 0.1, seed: 9, stratify: labels };
    expect(splitRows(1000, options)).toEqual(splitRows(1000, options));
  });
});

describe('splitRows with keys', () => {
  const ids = Array.from({ length: 5000 }, (_, i) => `id-${1000 + i}`);
  const splitOf = (split: SplitIndices, keys: (string | null)[]) => {
    const where = new Map<string | null, string>();
    for (const part of ['train', 'validation', 'test'] as const) {
      for (const index of split[part]) where.set(keys[index] ?? null, part);
    }
    return where;
  };

  test('shares are close to the requested fractions even for sequential ids', () => {
    const split = splitRows(ids.length, { test: 0.2, validation: 0.1, seed: 42, keys: ids });
    expectPartition(split, ids.length);
    // Within ~3.5 binomial standard deviations (0.006 for 5000 rows at 0.2).
    expect(Math.abs(split.test.length / ids.length - 0.2)).toBeLessThan(0.02);
    expect(Math.abs(split.validation.length / ids.length - 0.1)).toBeLessThan(0.02);
  });

  test('a key stays in its split when rows are added and reordered', () => {
    const options = { test: 0.2, validation: 0.1, seed: 42 };
    const before = splitOf(splitRows(ids.length, { ...options, keys: ids }), ids);
    const more = [...ids.slice(0, 4000).reverse(), 'id-new-1', ...ids.slice(4000), 'id-new-2'];
    const after = splitOf(splitRows(more.length, { ...options, keys: more }), more);
    for (const id of ids) expect(after.get(id)).toBe(before.get(id));
  });

  test('rows with the same key share a split', () => {
    const keys = ['a', 'b', 'a', 'c', 'a', 'b'];
    const split = splitRows(keys.length, { test: 0.4, validation: 0.2, seed: 5, keys });
    const where = new Map<number, string>();
    for (const part of ['train', 'validation', 'test'] as const) {
      for (const index of split[part]) where.set(index, part);
    }
    expect(where.get(0)).toBe(where.get(2));
    expect(where.get(0)).toBe(where.get(4));
    expect(where.get(1)).toBe(where.get(5));
  });

  test('the seed changes the assignment', () => {
    const options = { test: 0.2, validation: 0.1, keys: ids };
    const a = splitRows(ids.length, { ...options, seed: 1 });
    const b = splitRows(ids.length, { ...options, seed: 2 });
    expect(a).toEqual(splitRows(ids.length, { ...options, seed: 1 }));
    expect(b.test).not.toEqual(a.test);
  });

  test('rows without a key are still split deterministically', () => {
    const keys = Array.from({ length: 200 }, () => null);
    const options = { test: 0.3, validation: 0, seed: 1, keys };
    const split = splitRows(200, options);
    expectPartition(split, 200);
    expect(split.test.length).toBeGreaterThan(20);
    expect(splitRows(200, options)).toEqual(split);
  });

  test('keys win over stratify', () => {
    const options = { test: 0.2, validation: 0.1, seed: 42, keys: ids };
    const stratify = ids.map((_, i) => String(i % 2));
    expect(splitRows(ids.length, { ...options, stratify })).toEqual(splitRows(ids.length, options));
  });
});

describe('splitRows options', () => {
  test.each<[number, number, RegExp]>([
    [-0.1, 0.1, /^data\.split\.test must be a share of rows from 0 up to/],
    [1, 0, /^data\.split\.test must be/],
    [Number.NaN, 0, /^data\.split\.test must be/],
    [0.2, 1.5, /^data\.split\.validation must be/],
    [0.6, 0.4, /^data\.split\.test \+ data\.split\.validation must be below 1.*got 0\.6 \+ 0\.4/],
  ])('test %p, validation %p is a ConfigError', (test, validation, message) => {
    expect(() => splitRows(10, { test, validation, seed: 1 })).toThrow(ConfigError);
    expect(() => splitRows(10, { test, validation, seed: 1 })).toThrow(message);
  });

  test('keys must match the row count', () => {
    expect(() => splitRows(3, { test: 0.2, validation: 0, seed: 1, keys: ['a'] })).toThrow(
      /1 keys for 3 rows/,
    );
  });
});
