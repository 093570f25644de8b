/** prepareData: which split it asks for (stratified, by key, plain) and the columns it checks. */
import { describe, expect, test } from '@jest/globals';
import { prepareData, rowFingerprint, type PrepareOptions } from '../src/data/prepare.js';
import { TableAccumulator } from '../src/data/column-accumulator.js';
import { hasIdentifierShape } from '../src/data/kinds.js';
import { splitRows } from '../src/data/split.js';
import type { RawTable } from '../src/data/types.js';
import { DataError } from '../src/errors.js';
import { fitLabelEncoding } from '../src/model/task.js';
import { createRng } from '../src/util/random.js';
import { firstNames } from './support/names.js';

const SPLIT = { test: 0.2, validation: 0.1, seed: 9 };

/** `labels.length` rows of id, a feature and the label. */
function table(labels: string[]): RawTable {
  return {
    source: 'data.csv',
    columns: ['id', 'Sex', 'label'],
    rows: labels.map((label, i) => [`id-${i}`, i % 2 ? 'f' : 'm', label]),
    lines: labels.map((_, i) => i + 2),
  };
}

function prepare(data: RawTable, options: Partial<PrepareOptions> = {}) {
  return prepareData(data, { label: 'label', ignore: ['id'], split: SPLIT, ...options });
}

/** 50 labels, all A but one B at `at`. */
function oneRare(at: number): string[] {
  return Array.from({ length: 50 }, (_, i) => (i === at ? 'B' : 'A'));
}

describe('prepareData split', () => {
  test('a class with one row stays in training wherever it is, so binary training can start', () => {
    for (let at = 0; at < 50; at++) {
      const prepared = prepare(table(oneRare(at)));
      expect(prepared.split.train).toContain(at);
      const labels = prepared.split.train.map((row) => prepared.table.rows[row]?.[2] ?? null);
      expect(fitLabelEncoding('binary', labels, 'label').task).toBe('binary');
    }
  });

  test('without stratifying, the same data loses the rare class from training somewhere', () => {
    const lost = Array.from({ length: 50 }, (_, at) => at).filter(
      (at) => !splitRows(50, SPLIT).train.includes(at),
    );
    expect(lost.length).toBeGreaterThan(0);
    const at = lost[0] as number;
    expect(prepare(table(oneRare(at))).split.train).toContain(at);
  });

  test('with data.split.key the split goes by key, not by label', () => {
    const data = table(oneRare(3));
    const keys = data.rows.map((row) => String(row[0]));
    expect(prepare(data, { split: { ...SPLIT, key: 'id' } }).split).toEqual(
      splitRows(50, { ...SPLIT, keys }),
    );
  });

  test('a label with more than 50 distinct values (a quantity) is split plainly', () => {
    const data = table(Array.from({ length: 60 }, (_, i) => String(i * 1.5)));
    const fingerprints = data.rows.map(rowFingerprint);
    expect(prepare(data).split).toEqual(splitRows(60, { ...SPLIT, fingerprints }));
  });

  test('a label with up to 50 distinct values is stratified', () => {
    const labels = Array.from({ length: 100 }, (_, i) => `c${i % 50}`);
    const data = table(labels);
    const fingerprints = data.rows.map(rowFingerprint);
    expect(prepare(data).split).toEqual(
      splitRows(100, { ...SPLIT, stratify: labels, fingerprints }),
    );
  });

  test('rows keep their split when rows are added or reordered: earlier test rows stay unseen', () => {
    const labels = Array.from({ length: 400 }, (_, i) => (i % 3 ? 'a' : 'b'));
    const before = table(labels);
    const grown: RawTable = {
      ...before,
      rows: [
        ...before.rows.slice(200),
        ...before.rows.slice(0, 200),
        ['id-new-1', 'f', 'a'],
        ['id-new-2', 'm', 'b'],
      ],
      lines: [...before.lines, 999, 1000],
    };
    const key = (data: RawTable, rows: number[]) =>
      new Set(rows.map((i) => (data.rows[i] as string[])[0]));
    const oldTest = key(before, prepare(before).split.test);
    const newTrain = key(grown, prepare(grown).split.train);
    const leaked = [...oldTest].filter((id) => newTrain.has(id));
    // Only rows right at a cut may move; a reshuffle would move about 70% of them.
    expect(leaked.length).toBeLessThanOrEqual(2);
  });
});

describe('prepareData slices', () => {
  test('slice columns that exist pass', () => {
    expect(() => prepare(table(oneRare(0)), { slices: ['Sex', 'id'] })).not.toThrow();
  });

  test('a slice column not in the data fails before training, naming data.slices', () => {
    const attempt = () => prepare(table(oneRare(0)), { slices: ['sex '] });
    expect(attempt).toThrow(DataError);
    expect(attempt).toThrow(
      /^data\.slices: column "sex " is not in data\.csv \(did you mean "Sex"\?\)/,
    );
  });
});

describe('prepareData features', () => {
  const rows = (count: number, cells: (i: number) => (string | null)[]) => ({
    source: 'data.csv',
    columns: ['customer', 'seq', 'comment', 'income', 'label'],
    rows: Array.from({ length: count }, (_, i) => [...cells(i), i % 2 ? 'yes' : 'no']),
    lines: Array.from({ length: count }, (_, i) => i + 2),
  });
  const data = rows(40, (i) => [
    `C${1000 + i}`,
    String(i + 1),
    `nice visit number ${i}`,
    String(30000 + ((i * 7919) % 500)),
  ]);

  test('identifier-like columns are left out with a warning: unique single words, rising whole numbers', () => {
    const prepared = prepareData(data, { label: 'label', ignore: [], split: SPLIT });
    expect(prepared.features.map((f) => f.column)).toEqual(['comment', 'income']);
    expect(prepared.warnings).toEqual([
      expect.stringContaining('column "customer" looks like an identifier'),
      expect.stringContaining('column "seq" looks like an identifier'),
    ]);
  });

  test('a small table keeps such columns: too few rows to tell an identifier', () => {
    const small = rows(10, (i) => [`C${i}`, String(i + 1), 'x', '1']);
    expect(prepareData(small, { label: 'label', ignore: [], split: SPLIT }).warnings).toEqual([]);
  });

  test('the split key is never a feature', () => {
    const prepared = prepareData(data, {
      label: 'label',
      ignore: [],
      split: { ...SPLIT, key: 'income' },
    });
    expect(prepared.features.map((f) => f.column)).toEqual(['comment']);
  });
});

describe('identifiers and short text', () => {
  const rng = createRng(3);
  const hex = (length: number) =>
    Array.from({ length }, () => '0123456789abcdef'[Math.floor(rng() * 16)]).join('');
  const base64 = () =>
    Array.from(
      { length: 22 },
      () =>
        'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[Math.floor(rng() * 64)],
    ).join('');
  const columns: Record<string, (i: number) => string> = {
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
    sha1: () => hex(40),
    token: base64,
    invoice: (i) => `INV-2024-${String(i).padStart(5, '0')}`,
    customer: (i) => `C${1000 + i * 7}`,
    seq: (i) => String(i + 1),
    name: (i) => firstNames(60)[i]?.name ?? '',
    product: (i) =>
      `${['XJ', 'TX', 'LM', 'QR', 'ZB'][i % 5]}${100 + i}-${['BLK', 'RED', 'WHT', 'GRN'][i % 4]}`,
  };
  const names = Object.keys(columns);
  const data: RawTable = {
    source: 'data.csv',
    columns: [...names, 'label'],
    rows: Array.from({ length: 60 }, (_, i) => [
      ...names.map((column) => (columns[column] as (i: number) => string)(i)),
      i % 2 ? 'yes' : 'no',
    ]),
    lines: Array.from({ length: 60 }, (_, i) => i + 2),
  };

  test('UUIDs, digests, tokens, numbered codes and rising numbers are left out; names and varied codes are text', () => {
    const prepared = prepareData(data, { label: 'label', ignore: [], split: SPLIT });
    expect(prepared.features).toEqual([
      { column: 'name', kind: 'text' },
      { column: 'product', kind: 'text' },
    ]);
    expect(prepared.warnings).toEqual(
      ['uuid', 'sha1', 'token', 'invoice', 'customer', 'seq'].map((column) =>
        expect.stringContaining(`column "${column}" looks like an identifier`),
      ),
    );
  });

  test('validation leaves out the same columns as training (the streaming accumulator agrees)', () => {
    const accumulator = new TableAccumulator();
    accumulator.add(data);
    expect(names.filter((column) => accumulator.column(column)?.looksLikeIdentifier())).toEqual([
      'uuid',
      'sha1',
      'token',
      'invoice',
      'customer',
      'seq',
    ]);
  });

  test.each<[string, string[], boolean]>([
    ['no value has a digit', ['Maria', 'Jonas', 'Ana'], false],
    ['hex digests', ['9f86d081884c7d65', '2c26b46b68ffc68f'], true],
    ['one numbering scheme', ['A-1', 'A-22', 'A-333'], true],
    ['codes whose letters vary', ['XJ220-BLK', 'TX5-RED', 'LM3-WHT'], false],
  ])('hasIdentifierShape: %s → %s', (_, values, expected) => {
    expect(hasIdentifierShape(values)).toBe(expected);
  });
});

describe('data.features', () => {
  const data: RawTable = {
    source: 'data.csv',
    columns: ['id', 'age', 'zip', 'note', 'label'],
    rows: Array.from({ length: 40 }, (_, i) => [
      `C${1000 + i}`,
      String(20 + (i % 30)),
      String(1000 + (i % 7)),
      `visit ${i % 3}`,
      i % 2 ? 'yes' : 'no',
    ]),
    lines: Array.from({ length: 40 }, (_, i) => i + 2),
  };
  const prepare = (features: PrepareOptions['features']) =>
    prepareData(data, { label: 'label', ignore: [], split: SPLIT, features });

  test('only the listed columns are features, in their order, of the kind given or inferred', () => {
    const prepared = prepare([
      { column: 'zip', kind: 'categorical' },
      { column: 'id', text: { analyzer: 'char' } },
      { column: 'age' },
    ]);
    expect(prepared.features).toEqual([
      { column: 'zip', kind: 'categorical' },
      { column: 'id', kind: 'text' },
      { column: 'age', kind: 'numeric' },
    ]);
    // Listed, so used, although it looks like an identifier.
    expect(prepared.warnings).toEqual([]);
  });

  test('a listed column not in the data fails before training, naming its entry', () => {
    expect(() => prepare([{ column: 'age' }, { column: 'Note' }])).toThrow(
      /^data\.features\[1\]: column "Note" is not in data\.csv \(did you mean "note"\?\)/,
    );
  });

  test('the label cannot be a feature', () => {
    expect(() => prepare([{ column: 'label' }])).toThrow(
      /data\.features\[0\]: column "label" is the label/,
    );
  });
});
