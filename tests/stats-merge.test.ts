/**
 * Statistics in parts (`mlops validate --shard i/n`, `mlops stats merge`): merging the parts of a
 * file equals one pass over it exactly while the numbers fit the exact budget, and stays within
 * the KLL sketch's stated error past it; forged parts and parts of other files, configs or shard
 * counts are refused.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TableAccumulator } from '../src/data/column-accumulator.js';
import {
  shardRange,
  STATISTICS_PART_FORMAT,
  statisticsPartSchema,
  type StatisticsPart,
  type TableState,
} from '../src/data/partial-statistics.js';
import { computeStatistics, type StatisticsOptions } from '../src/data/statistics.js';
import type { DatasetStats, RawTable, RawValue, ValueKind } from '../src/data/types.js';
import { createRng } from '../src/util/random.js';
import { mlops, read, readJson } from './support/cli.js';
import { makeRepo } from './support/repo.js';

function generated(rows: number, seed: number): RawTable {
  const rng = createRng(seed);
  const columns = ['int', 'float', 'cat', 'flag', 'when', 'mixed', 'id', 'text', 'empty', 'comma'];
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
      String(1000 + i),
      `word ${Math.floor(rng() * rows)} more words`,
      null,
      pick(['1,5', '2', '3,25']),
    ];
    table.rows.push(row);
    table.lines.push(i + 2);
  }
  return table;
}

type Options = StatisticsOptions & { exactNumbers?: number };

function accumulate(table: RawTable, start: number, end: number, kinds = {}, options = {}) {
  const accumulator = new TableAccumulator(kinds, options);
  for (let from = start; from < end || from === start; from += 97) {
    const to = Math.min(end, from + 97);
    accumulator.add({
      columns: table.columns,
      rows: table.rows.slice(from, to),
      lines: table.lines.slice(from, to),
    });
    if (to >= end) break;
  }
  return accumulator;
}

/** Statistics of `table` as n parts, each through JSON as a part file carries it, then merged. */
function merged(
  table: RawTable,
  n: number,
  kinds: Record<string, ValueKind> = {},
  options: Options = {},
) {
  const whole = new TableAccumulator(kinds, options);
  for (let index = 1; index <= n; index++) {
    const { start, end } = shardRange(index, n, table.rows.length);
    const part = accumulate(table, start, end, kinds, options);
    const state = JSON.parse(JSON.stringify(part.toState())) as TableState;
    const loaded = new TableAccumulator(kinds, options);
    loaded.load(state, `part ${index}`);
    whole.merge(loaded, `part ${index}`);
  }
  expect(whole.needsSecondPass()).toEqual([]);
  return whole.finish();
}

const single = (table: RawTable, kinds = {}, options: Options = {}) =>
  accumulate(table, 0, table.rows.length, kinds, options).finish();

describe('merge(shards) under the exact budget', () => {
  it.each([
    [50, 1],
    [50, 3],
    [3000, 2],
    [3000, 7],
    [10, 16],
  ])('equals one pass on %i rows in %i parts, deep equality', (rows, n) => {
    const table = generated(rows, rows + n);
    expect(merged(table, n)).toEqual(single(table));
    // ... which is computeStatistics on the whole table.
    expect(merged(table, n)).toEqual(computeStatistics(table));
  });

  it('equals one pass with kinds, drift edges, ranges and domains given', () => {
    const table = generated(2000, 5);
    const kinds: Record<string, ValueKind> = { int: 'numeric', cat: 'categorical', when: 'date' };
    const options: StatisticsOptions = {
      driftEdges: { int: [0, 10, 20, 30], float: [-25, 0, 25] },
      ranges: { int: { min: 0, max: 30 } },
      domains: { cat: ['a', 'b'] },
    };
    const result = merged(table, 5, kinds, options);
    expect(result).toEqual(single(table, kinds, options));
    const int = result.columns.find((c) => c.name === 'int');
    expect(int?.outOfRange?.below).toBeGreaterThan(0);
    expect(result.columns.find((c) => c.name === 'cat')?.outOfDomain?.count).toBeGreaterThan(0);
  });

  it('keeps the first invalid examples, missing lines and identifier detection across parts', () => {
    const table = generated(900, 9);
    const parts = merged(table, 4);
    const mixed = parts.columns.find((c) => c.name === 'mixed');
    expect(mixed?.invalid).toEqual(single(table).columns.find((c) => c.name === 'mixed')?.invalid);
    // `id` rises across every part boundary: still an identifier after merging.
    const whole = new TableAccumulator();
    for (let index = 1; index <= 4; index++) {
      const { start, end } = shardRange(index, 4, 900);
      whole.merge(accumulate(table, start, end), `part ${index}`);
    }
    expect(whole.column('id')?.looksLikeIdentifier()).toBe(true);
  });
});

describe('merge(shards) past the exact budget', () => {
  // Rank error stated in partial-statistics.ts and Kll: about 0.2 % of the count.
  const RANK_ERROR = 0.002;

  it('is exact for counts and within the KLL error for quantiles', () => {
    const rows = 40_000;
    const table = generated(rows, 11);
    const options: Options = { exactNumbers: 2048, driftEdges: { float: [-25, 0, 25] } };
    const exact = computeStatistics(table, {}, options);
    const result = merged(table, 5, {}, options);
    for (const column of result.columns) {
      const truth = exact.columns.find((c) => c.name === column.name);
      expect(column.kind).toBe(truth?.kind);
      expect(column.count).toBe(truth?.count);
      expect(column.missing).toBe(truth?.missing);
      expect(column.invalid).toEqual(truth?.invalid);
      expect(column.categorical).toEqual(truth?.categorical);
      if (!column.numeric || !truth?.numeric) continue;
      const { numeric } = column;
      const want = truth.numeric;
      for (const key of ['min', 'max', 'zeros', 'nonFinite', 'integer', 'distinct'] as const) {
        expect([column.name, key, numeric[key]]).toEqual([column.name, key, want[key]]);
      }
      // Moments: parallel Welford equals the exact sums up to rounding.
      const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
      expect([column.name, close(numeric.mean, want.mean), close(numeric.std, want.std)]).toEqual([
        column.name,
        true,
        true,
      ]);
      // Quantiles: the merged value's rank in the sorted values is within the stated error.
      const index = table.columns.indexOf(column.name);
      const sorted = table.rows
        .filter((row) => row[index] !== null)
        .map((row) => Number(row[index]))
        .filter((v) => Number.isFinite(v))
        .sort((a, b) => a - b);
      if (column.kind === 'date') continue;
      for (const [q, value] of [
        [0.01, numeric.quantiles.p01],
        [0.25, numeric.quantiles.p25],
        [0.5, numeric.quantiles.p50],
        [0.75, numeric.quantiles.p75],
        [0.99, numeric.quantiles.p99],
      ] as const) {
        const below = sorted.filter((v) => v < value).length;
        const atOrBelow = sorted.filter((v) => v <= value).length;
        const target = q * (sorted.length - 1);
        const off = Math.max(0, below - target, target - atOrBelow);
        expect([column.name, q, off / sorted.length <= RANK_ERROR]).toEqual([column.name, q, true]);
      }
      if (column.name === 'float') {
        expect(numeric.driftHistogram?.counts).toEqual(want.driftHistogram?.counts);
        expect(numeric.driftHistogram?.belowDistance).toBeCloseTo(
          want.driftHistogram?.belowDistance as number,
          6,
        );
      }
    }
  });
});

/**
 * A text column past the distinct-value cap (2,000,000 characters of distinct values reach it
 * after 1,000 of them): 30 frequent short values, and long ones each seen once, except in rows
 * [plainFrom, plainTo), which hold only frequent ones, so that a part of them stays an exact tally.
 */
function wordy(rows: number, plainFrom: number, plainTo: number, seed: number): RawTable {
  const rng = createRng(seed);
  const table: RawTable = { source: 't.csv', columns: ['word', 'n'], rows: [], lines: [] };
  for (let i = 0; i < rows; i++) {
    const plain = i >= plainFrom && i < plainTo;
    const word =
      !plain && rng() < 0.6
        ? `${i.toString(36)}-${'x'.repeat(1000)}`
        : `h${Math.floor(rng() * 30)}`;
    table.rows.push([rng() < 0.02 ? null : word, String(i % 7)]);
    table.lines.push(i + 2);
  }
  return table;
}

describe('merge(shards) of a string column past the distinct-value cap', () => {
  // Parts of summaries and exact tallies, in either order; SpaceSaving's and HyperLogLog's merges
  // are checked against their stated error in string-cap.test.ts. Here the counters never fill,
  // so the merged column equals the one pass's, approximate figures included.
  it.each([
    ['an exact tally, then a summary', 2, 0, 6000],
    ['an exact tally, then summaries', 3, 0, 4000],
    ['a summary, then an exact tally', 2, 6000, 12_000],
  ])('%s (%i parts) merge to the one pass’s statistics', (_, n, plainFrom, plainTo) => {
    const table = wordy(12_000, plainFrom, plainTo, 4);
    const one = single(table);
    expect(one.columns[0]?.categorical?.approximate).toEqual({ countError: 0 });
    const parts = Array.from({ length: n }, (_, i) => {
      const { start, end } = shardRange(i + 1, n, table.rows.length);
      return accumulate(table, start, end).toState().columns[0]?.summary !== null;
    });
    expect(parts).toContain(true);
    expect(parts).toContain(false);
    expect(merged(table, n)).toEqual(one);
  });

  it('refuses a forged summary, naming the field', () => {
    const table = wordy(4000, 0, 0, 5);
    const state = JSON.parse(JSON.stringify(accumulate(table, 0, 4000).toState())) as TableState;
    const summary = state.columns[0]?.summary;
    expect(summary?.heavy.length).toBeGreaterThan(3);
    const counter = summary?.heavy[3] as [string, number, number];
    counter[2] = counter[1] + 1;
    expect(() => new TableAccumulator().load(state, 'part 2: state')).toThrow(
      /part 2: state: columns\[0\]\.summary\.heavy: \[3\] is not a counter/,
    );
    const forged = {
      format: STATISTICS_PART_FORMAT,
      source: 't.csv',
      dataHash: 'a'.repeat(64),
      settings: 'b'.repeat(64),
      shard: { index: 1, count: 1 },
      range: { start: 0, end: 4000, total: 4000 },
      exactNumbers: 1000,
      state: { ...state, columns: [{ ...state.columns[0], summary: { ...summary, hll: 'AAAA' } }] },
      rejected: [],
    };
    const result = statisticsPartSchema.safeParse(forged);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe('state.columns.0.summary.hll');
  });
});

const CONFIG = ['name: houses', 'data:', '  train: data.csv', '  label: income'].join('\n');

function housesCsv(rows: number, seed: number): string {
  const rng = createRng(seed);
  const lines = ['rooms,price,city,income'];
  for (let i = 0; i < rows; i++) {
    const rooms = 1 + Math.floor(rng() * 8);
    const price = 50 + rng() * 450;
    const city = ['Lisbon', 'Porto', 'Braga'][Math.floor(rng() * 3)] as string;
    lines.push(
      `${i % 50 === 7 ? '' : rooms},${price.toFixed(2)},${city},${rooms + price / 100 > 6 ? 'high' : 'low'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function shards(dir: string, n: number, out = 'parts', extra: string[] = []) {
  for (let i = 1; i <= n; i++) {
    const result = await mlops(dir, ['validate', '--shard', `${i}/${n}`, '--out', out, ...extra]);
    expect([i, result.code, result.stderr]).toEqual([i, 0, expect.any(String)]);
    expect(result.stdout).toContain(`statistics part ${i} of ${n}`);
  }
  return Array.from({ length: n }, (_, i) =>
    path.join(out, `statistics.part-${i + 1}-of-${n}.json`),
  );
}

describe('mlops validate --shard and mlops stats merge', () => {
  it('writes validation.json equal to one validate run (statistics, schema, anomalies)', async () => {
    const dir = makeRepo({ 'mlops.yml': CONFIG, 'data.csv': housesCsv(1500, 3) });
    const whole = await mlops(dir, ['validate', '--out', 'whole']);
    expect(whole.code).toBe(0);
    const parts = await shards(dir, 3);
    // The shard checks nothing: no validation.json of its own.
    expect(readdirSync(path.join(dir, 'parts')).sort()).toEqual([
      'statistics.part-1-of-3.json',
      'statistics.part-2-of-3.json',
      'statistics.part-3-of-3.json',
    ]);
    const result = await mlops(dir, ['stats', 'merge', ...parts, '--out', 'merged']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('validation passed');
    expect(readJson(dir, 'merged/validation.json')).toEqual(readJson(dir, 'whole/validation.json'));
    expect(read(dir, 'merged/schema.json')).toBe(read(dir, 'whole/schema.json'));
  });

  it('runs the schema checks on the merged statistics, with the exit code of validate', async () => {
    const dir = makeRepo({ 'mlops.yml': CONFIG, 'data.csv': housesCsv(600, 4) });
    expect((await mlops(dir, ['validate', '--update-schema'])).code).toBe(0);
    // A new label value in the last part only: an ERROR once the parts are merged.
    writeFileSync(path.join(dir, 'data.csv'), `${housesCsv(600, 4)}3,100.00,Porto,medium\n`);
    const whole = await mlops(dir, ['validate', '--out', 'whole']);
    const parts = await shards(dir, 2);
    const result = await mlops(dir, ['stats', 'merge', ...parts, '--out', 'merged']);
    expect(whole.code).toBe(1);
    expect(result.code).toBe(1);
    expect(readJson(dir, 'merged/validation.json')).toEqual(readJson(dir, 'whole/validation.json'));
  });

  it('carries the bad records left out under --max-errors into the rejects file and validation.json, as one run does', async () => {
    const rows = housesCsv(600, 9).trimEnd().split('\n');
    // Data rows 1…600 at indexes 1…600: bad records right after the header, inside each of the
    // three parts, at the boundaries between them (after data rows 200 and 400), and at the end.
    const bad = (n: number) => `${n},1,2,3,4,5`;
    for (const at of [601, 500, 401, 300, 201, 100, 1]) rows.splice(at, 0, bad(at));
    const dir = makeRepo({ 'mlops.yml': CONFIG, 'data.csv': `${rows.join('\n')}\n` });
    const errors = ['--max-errors', '10'];
    const whole = await mlops(dir, ['validate', '--out', 'whole', ...errors]);
    expect(whole.code).toBe(0);
    const parts = await shards(dir, 3, 'parts', errors);
    const result = await mlops(dir, ['stats', 'merge', ...parts, '--out', 'merged', ...errors]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('7 rows rejected as bad records');
    const merged = readJson<{ rejected: unknown }>(dir, 'merged/validation.json');
    expect(merged.rejected).toEqual({
      count: 7,
      file: 'rejects.csv',
      lines: [2, 102, 204, 304, 406, 506, 608],
    });
    expect(merged).toEqual(readJson(dir, 'whole/validation.json'));
    expect(read(dir, 'merged/rejects.csv')).toBe(read(dir, 'whole/rejects.csv'));
    // Each bad record is carried by one part: the one holding the row after it, or the last.
    const carried = parts.map((part) => readJson<{ rejected: { line: number }[] }>(dir, part));
    expect(carried.map((part) => part.rejected.map((r) => r.line))).toEqual([
      [2, 102],
      [204, 304],
      [406, 506, 608],
    ]);
  });

  it('merges parts whose string column is past the distinct-value cap, as one validate run', async () => {
    const table = wordy(8000, 0, 0, 6);
    const csv = table.rows.map(([word, n]) => `${word ?? ''},${n}`).join('\n');
    const config = ['name: words', 'data:', '  train: data.csv', '  label: n'].join('\n');
    const dir = makeRepo({ 'mlops.yml': config, 'data.csv': `word,n\n${csv}\n` });
    expect((await mlops(dir, ['validate', '--out', 'whole'])).code).toBe(0);
    const parts = await shards(dir, 2);
    expect(
      parts.map((part) => readJson<Pick<StatisticsPart, 'state'>>(dir, part).state.columns[0]),
    ).toEqual([
      expect.objectContaining({ summary: expect.objectContaining({ capped: expect.any(Number) }) }),
      expect.objectContaining({ summary: expect.objectContaining({ capped: expect.any(Number) }) }),
    ]);
    const result = await mlops(dir, ['stats', 'merge', ...parts, '--out', 'merged']);
    expect(result.code).toBe(0);
    const merged = readJson<{ statistics: DatasetStats }>(dir, 'merged/validation.json');
    expect(merged.statistics.columns[0]?.categorical?.approximate).toEqual({ countError: 0 });
    expect(merged).toEqual(readJson(dir, 'whole/validation.json'));
  });

  it('takes a folder for its parts, by default the output folder (where the action downloads them)', async () => {
    const dir = makeRepo({ 'mlops.yml': CONFIG, 'data.csv': housesCsv(300, 5) });
    expect((await mlops(dir, ['validate', '--out', 'whole'])).code).toBe(0);
    await shards(dir, 3);
    const folder = await mlops(dir, ['stats', 'merge', 'parts', '--out', 'merged']);
    expect(folder.code).toBe(0);
    expect(readJson(dir, 'merged/validation.json')).toEqual(readJson(dir, 'whole/validation.json'));
    const inPlace = await mlops(dir, ['stats', 'merge', '--out', 'parts']);
    expect(inPlace.code).toBe(0);
    expect(readJson(dir, 'parts/validation.json')).toEqual(readJson(dir, 'whole/validation.json'));
    const none = await mlops(dir, ['stats', 'merge', '--out', 'whole']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no statistics parts in');
  });

  it('refuses --shard values that are not i/n', async () => {
    const dir = makeRepo({ 'mlops.yml': CONFIG, 'data.csv': housesCsv(20, 1) });
    for (const shard of ['0/2', '3/2', '1', 'a/b', '1/0']) {
      const result = await mlops(dir, ['validate', '--shard', shard]);
      expect([shard, result.code]).toEqual([shard, 2]);
      expect(result.stderr).toContain('--shard: expected i/n');
    }
  });
});

/** The fields of a part file the forgeries below change. */
interface Part {
  format: string;
  dataHash: string;
  rejected: { line: number; error: string; record: string }[];
  range: { start: number };
  state: {
    columns: {
      present: unknown;
      trues: number;
      numberInvalid: { examples: string[] };
      numbers: { values: number[] };
    }[];
  };
}

const column = (part: Part, index: number) =>
  part.state.columns[index] as Part['state']['columns'][0];

describe('stats merge refuses', () => {
  async function setup() {
    const dir = makeRepo({ 'mlops.yml': CONFIG, 'data.csv': housesCsv(300, 6) });
    return { dir, parts: await shards(dir, 2) };
  }

  const forge = (dir: string, file: string, change: (part: Part) => unknown) => {
    const part = readJson<Part>(dir, file);
    change(part);
    writeFileSync(path.join(dir, file), JSON.stringify(part));
  };

  it.each([
    ['a wrong type', (p: Part) => (column(p, 1).present = 'many'), 'state.columns[1].present'],
    ['a negative count', (p: Part) => (column(p, 0).trues = -1), 'state.columns[0].trues'],
    ['another format', (p: Part) => (p.format = 'mlops-actions/statistics-part/v9'), 'format'],
    [
      'too many examples',
      (p: Part) => (column(p, 2).numberInvalid.examples = Array(50).fill('x')),
      'state.columns[2].numberInvalid.examples',
    ],
    [
      'values that do not add up',
      (p: Part) => column(p, 1).numbers.values.push(1),
      'state: columns[1].numbers.values',
    ],
    ['a row range that does not join', (p: Part) => (p.range.start += 1), 'range'],
    ['a damaged hash', (p: Part) => (p.dataHash = 'abc'), 'dataHash'],
    [
      'bad records out of order',
      (p: Part) =>
        (p.rejected = [5, 3].map((line) => ({ line, error: 'wrong fields', record: 'x' }))),
      'rejected holds line 3 out of order',
    ],
  ])('a forged part (%s), naming the file and the field', async (_what, change, field) => {
    const { dir, parts } = await setup();
    forge(dir, parts[1] as string, change);
    const result = await mlops(dir, ['stats', 'merge', ...parts, '--out', 'merged']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(path.join(dir, parts[1] as string));
    expect(result.stderr).toContain(field);
  });

  it('parts of different files', async () => {
    const { dir, parts } = await setup();
    writeFileSync(path.join(dir, 'data.csv'), housesCsv(300, 7));
    const [other] = await shards(dir, 2, 'other');
    const result = await mlops(dir, ['stats', 'merge', parts[0] as string, other as string]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/dataHash differs/);
  });

  it('parts of different shard counts, a missing part and a part given twice', async () => {
    const { dir, parts } = await setup();
    const three = await shards(dir, 3, 'three');
    const mixed = await mlops(dir, ['stats', 'merge', parts[0] as string, three[1] as string]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('shard.count is 3');
    const missing = await mlops(dir, ['stats', 'merge', parts[0] as string]);
    expect(missing.stderr).toContain('parts 2 of 2 are missing');
    const twice = await mlops(dir, ['stats', 'merge', ...parts, parts[1] as string]);
    expect(twice.stderr).toContain('shard.index 2 is also');
  });

  it('parts computed with another config or schema', async () => {
    const { dir, parts } = await setup();
    writeFileSync(path.join(dir, 'mlops.yml'), `${CONFIG}\n  na_values: ['?']\n`);
    const result = await mlops(dir, ['stats', 'merge', ...parts]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('settings differ');
    // A committed schema changes the kinds and checks the parts were counted with.
    writeFileSync(path.join(dir, 'mlops.yml'), CONFIG);
    expect((await mlops(dir, ['validate', '--update-schema', '--out', 'x'])).code).toBe(0);
    const after = await mlops(dir, ['stats', 'merge', ...parts]);
    expect(after.stderr).toContain('settings differ');
  });
});
