import { describe, expect, test } from '@jest/globals';
import { ConfigError } from '../src/errors.js';
import { inferTask } from '../src/model/task.js';
import {
  formatSchema,
  inferSchema,
  learnedRange,
  parseSchema,
  presenceTolerance,
  schemaChecks,
  schemaKinds,
} from '../src/data/schema.js';
import { computeStatistics } from '../src/data/statistics.js';
import type { RawTable, RawValue, Schema } from '../src/data/types.js';
import { createRng } from '../src/util/random.js';

function table(columns: Record<string, RawValue[]>): RawTable {
  const names = Object.keys(columns);
  const length = Math.max(0, ...names.map((name) => columns[name]?.length ?? 0));
  const rows = Array.from({ length }, (_, i) => names.map((name) => columns[name]?.[i] ?? null));
  return { source: 'test.csv', columns: names, rows, lines: rows.map((_, i) => i + 2) };
}

const people = table({
  age: ['31', '45', '27', '', '52'],
  income: ['1200.5', '980', '1500', '2100', '870.25'],
  sex: ['F', 'M', 'F', 'M', 'F'],
  member: ['yes', 'no', 'yes', 'yes', 'no'],
  joined: ['2024-01-01', '2023-05-10', '2022-12-31', '2024-02-29', '2021-07-04'],
  notes: ['', '', '', '', ''],
});

describe('inferSchema', () => {
  test('kinds, presence, integer and domains like TFDV', () => {
    const schema = inferSchema(computeStatistics(people), { label: 'member' });
    expect(schema).toEqual({
      version: 1,
      label: 'member',
      features: [
        // 4 of 5 present: 0.8 − 3·√(0.8·0.2/5) = 0.26; 27…52 widened by 2.5 each side.
        { name: 'age', kind: 'numeric', minPresence: 0.26, integer: true, min: 24, max: 55 },
        // 870.25…2100 widened by 123 each side, rounded out to hundreds.
        { name: 'income', kind: 'numeric', minPresence: 1, integer: false, min: 700, max: 2300 },
        { name: 'sex', kind: 'categorical', minPresence: 1, values: ['F', 'M'] },
        // The label: its classes.
        { name: 'member', kind: 'boolean', minPresence: 1, values: ['false', 'true'] },
        { name: 'joined', kind: 'date', minPresence: 1 },
        { name: 'notes', kind: 'empty', minPresence: 0 },
      ],
    });
  });

  test('no label, no label field', () => {
    expect(inferSchema(computeStatistics(people))).not.toHaveProperty('label');
  });

  test.each([
    [100, true],
    [101, false],
  ])('a categorical feature with %i values has a domain: %p', (unique, hasDomain) => {
    const values = Array.from({ length: unique }, (_, i) => `code-${String(i).padStart(3, '0')}`);
    const stats = computeStatistics(table({ code: values }), { code: 'categorical' });
    const feature = inferSchema(stats).features[0];
    expect(feature?.values?.length).toBe(hasDomain ? unique : undefined);
    if (hasDomain) expect(feature?.values?.[0]).toBe('code-000');
  });

  test('domain values are sorted by code unit, not locale', () => {
    const stats = computeStatistics(table({ c: ['b', 'B', 'a', 'A', 'b'] }));
    expect(inferSchema(stats).features[0]?.values).toEqual(['A', 'B', 'a', 'b']);
  });

  test('an unknown label is a ConfigError naming data.label and the columns', () => {
    expect(() => inferSchema(computeStatistics(people), { label: 'salary' })).toThrow(ConfigError);
    expect(() => inferSchema(computeStatistics(people), { label: 'salary' })).toThrow(
      /data\.label: column "salary" is not in the data \(columns: age, income/,
    );
  });
});

describe('presence with tolerance', () => {
  test.each([
    [1000, 1000, 1],
    [0, 1000, 0],
    // 3 standard errors are 0.016 here: the 2-point floor decides.
    [970, 1000, 0.95],
    [100, 200, 0.39],
    [4, 5, 0.26],
    [999_000, 1_000_000, 0.97],
    [1, 1000, 0],
  ])('%i of %i rows present → minPresence %p', (count, rows, expected) => {
    expect(presenceTolerance(count, rows)).toBe(expected);
  });

  test('a feature 97 % present is not required, and not optional either', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 100 < 3 ? '' : String(i % 7)));
    const [feature] = inferSchema(computeStatistics(table({ x: values }))).features;
    expect(feature?.minPresence).toBe(0.95);
  });
});

describe('numeric ranges learned with margin', () => {
  test.each<[number, number, boolean, { min: number; max: number } | null]>([
    [18, 77, true, { min: 12, max: 83 }],
    [20000.5, 99999.1, false, { min: 12000, max: 108000 }],
    // Never negative stays never negative.
    [0, 10, true, { min: 0, max: 11 }],
    [-5, 5, true, { min: -6, max: 6 }],
    [0.1, 0.9, false, { min: 0.02, max: 0.98 }],
    [0.001, 0.002, false, { min: 0.0009, max: 0.0021 }],
    // All values equal: 10 % of the value, or 1 around 0.
    [7, 7, true, { min: 6, max: 8 }],
    [0, 0, true, { min: 0, max: 1 }],
    [-3, -3, false, { min: -3.3, max: -2.7 }],
    // Bounds past the largest number are no bounds.
    [-1.7e308, 1.7e308, false, null],
  ])('%p…%p (integer %p) → %p', (min, max, integer, expected) => {
    expect(learnedRange(min, max, integer)).toEqual(expected);
  });

  test('bounds hold every value seen, with room; integer bounds are integers', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 500; trial++) {
      const scale = 10 ** Math.floor(rng() * 12 - 4);
      const integer = rng() < 0.5;
      const a = (rng() - 0.3) * scale;
      const b = a + rng() * scale;
      const [min, max] = integer ? [Math.floor(a), Math.ceil(b)] : [a, b];
      const range = learnedRange(min, max, integer);
      if (!range) throw new Error(`no range for ${min}…${max}`);
      // Room below too, unless the values start at 0 (never negative stays never negative).
      if (min !== 0) expect(range.min).toBeLessThan(min);
      else expect(range.min).toBe(0);
      expect(range.max).toBeGreaterThan(max);
      if (min >= 0) expect(range.min).toBeGreaterThanOrEqual(0);
      if (integer) expect([range.min, range.max].every(Number.isInteger)).toBe(true);
      // Readable: no floating-point residue like 0.30000000000000004.
      for (const bound of [range.min, range.max]) {
        expect(Number(bound.toPrecision(12))).toBe(bound);
      }
    }
  });

  test('ignored columns (identifiers) and dates get no range', () => {
    const stats = computeStatistics(
      table({ id: ['1', '2', '3'], when: ['2024-01-01', '2024-02-01', '2024-03-01'] }),
    );
    expect(inferSchema(stats, { ignore: ['id'] }).features).toEqual([
      { name: 'id', kind: 'numeric', minPresence: 1, integer: true },
      { name: 'when', kind: 'date', minPresence: 1 },
    ]);
  });
});

describe('the label domain', () => {
  const labelled = (labels: RawValue[]) =>
    computeStatistics(table({ x: labels.map((_, i) => String(i)), y: labels }));
  const labelFeature = (labels: RawValue[], task?: 'binary' | 'multiclass' | 'regression') =>
    inferSchema(labelled(labels), { label: 'y', ...(task ? { task } : {}) }).features[1];

  test.each<[string, RawValue[], Partial<Record<'values' | 'min' | 'max', unknown>>]>([
    ['categorical classes', ['>50K', '<=50K', '<=50K', ''], { values: ['<=50K', '>50K'] }],
    ['booleans', ['yes', 'no', 'no'], { values: ['false', 'true'] }],
    ['0/1 numbers', ['0', '1', '1', '0'], { values: ['0', '1'] }],
    ['two decimal values', ['0.5', '1.5'], { values: ['0.5', '1.5'] }],
    ['five integer classes', ['1', '2', '3', '4', '5', '3'], { values: ['1', '2', '3', '4', '5'] }],
    [
      'fifteen integers: a quantity, as the model takes it',
      Array.from({ length: 15 }, (_, i) => String(i * 3)),
      { min: 0, max: 47 },
    ],
    ['many decimals: regression', ['1.5', '2.25', '3.75', '10.5'], { min: 0.6, max: 11.4 }],
  ])('%s', (_, labels, expected) => {
    const feature = labelFeature(labels);
    expect({ values: feature?.values, min: feature?.min, max: feature?.max }).toEqual({
      values: undefined,
      min: undefined,
      max: undefined,
      ...expected,
    });
  });

  test('model.task decides when set', () => {
    expect(labelFeature(['0', '1'], 'regression')).toMatchObject({ min: 0, max: 2 });
    expect(labelFeature(['0', '1'], 'regression')?.values).toBeUndefined();
    const fifteen = Array.from({ length: 15 }, (_, i) => String(i));
    expect(labelFeature(fifteen, 'multiclass')?.values).toHaveLength(15);
  });

  test('a numeric label has classes exactly when the model infers classification', () => {
    const cases: RawValue[][] = [
      ['0', '1'],
      ['1', '2', '3'],
      Array.from({ length: 10 }, (_, i) => String(i)),
      Array.from({ length: 11 }, (_, i) => String(i)),
      ['0.5', '1.5'],
      ['0.5', '1.5', '2.5'],
      ['-1', '1', '-1'],
    ];
    for (const labels of cases) {
      const classification = inferTask(labels, 'y') !== 'regression';
      expect([labels, labelFeature(labels)?.values !== undefined]).toEqual([
        labels,
        classification,
      ]);
    }
  });

  test('features other than the label keep ranges, not domains', () => {
    const stats = labelled(['0', '1']);
    expect(inferSchema(stats, { label: 'x' }).features[1]).toMatchObject({ min: 0, max: 2 });
  });
});

describe('schemaChecks', () => {
  test('the ranges and domains validation counts values outside of', () => {
    const schema: Schema = {
      version: 1,
      label: 'y',
      features: [
        { name: 'a', kind: 'numeric', minPresence: 1, integer: true, min: 0, max: 10 },
        { name: 'b', kind: 'numeric', minPresence: 1, max: 1.5 },
        { name: 'c', kind: 'numeric', minPresence: 1 },
        { name: 'y', kind: 'categorical', minPresence: 1, values: ['n', 'y'] },
      ],
    };
    expect(schemaChecks(schema)).toEqual({
      ranges: { a: { min: 0, max: 10 }, b: { max: 1.5 } },
      domains: { y: ['n', 'y'] },
    });
  });
});

describe('parseSchema', () => {
  const valid: Schema = {
    version: 1,
    label: 'y',
    features: [
      { name: 'y', kind: 'boolean', minPresence: 1 },
      { name: 'n', kind: 'numeric', minPresence: 0.5, integer: true, min: 0, max: 10 },
      { name: 'c', kind: 'categorical', minPresence: 0, values: ['a'] },
    ],
  };

  test('accepts a valid schema and round-trips through formatSchema', () => {
    expect(parseSchema(valid)).toEqual(valid);
    expect(parseSchema(JSON.parse(formatSchema(valid)))).toEqual(valid);
  });

  test.each<[string, unknown, RegExp]>([
    ['not an object', 'nope', /\(root\)/],
    ['wrong version', { ...valid, version: 2 }, /version: /],
    ['missing features', { version: 1 }, /features: /],
    [
      'bad kind',
      { version: 1, features: [{ name: 'a', kind: 'float', minPresence: 1 }] },
      /features\[0\]\.kind: /,
    ],
    [
      'presence above 1',
      { version: 1, features: [{ name: 'a', kind: 'text', minPresence: 1.5 }] },
      /features\[0\]\.minPresence: /,
    ],
    [
      'misspelt field',
      { version: 1, features: [{ name: 'a', kind: 'text', minPresense: 1 }] },
      /features\[0\]/,
    ],
    [
      'min above max',
      { version: 1, features: [{ name: 'a', kind: 'numeric', minPresence: 1, min: 5, max: 1 }] },
      /features\[0\]\.min: min must not be greater than max/,
    ],
    [
      'duplicate names',
      {
        version: 1,
        features: [
          { name: 'a', kind: 'text', minPresence: 1 },
          { name: 'a', kind: 'text', minPresence: 1 },
        ],
      },
      /features\[1\]\.name: duplicate feature "a"/,
    ],
    [
      'label not a feature',
      { version: 1, label: 'z', features: [{ name: 'a', kind: 'text', minPresence: 1 }] },
      /label: label "z" is not one of the features/,
    ],
  ])('%s is a ConfigError naming the field', (_, json, message) => {
    expect(() => parseSchema(json, 'mlops/schema.json')).toThrow(ConfigError);
    expect(() => parseSchema(json, 'mlops/schema.json')).toThrow(message);
    expect(() => parseSchema(json, 'mlops/schema.json')).toThrow(/^mlops\/schema\.json: /);
  });
});

describe('formatSchema', () => {
  test('fixed key order, two-space indent, final newline', () => {
    const text = formatSchema({
      features: [{ values: ['x'], minPresence: 1, kind: 'categorical', name: 'c' }],
      version: 1,
    });
    expect(text).toBe(
      [
        '{',
        '  "version": 1,',
        '  "features": [',
        '    {',
        '      "name": "c",',
        '      "kind": "categorical",',
        '      "minPresence": 1,',
        '      "values": [',
        '        "x"',
        '      ]',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });

  test('the same schema always formats the same', () => {
    const schema = inferSchema(computeStatistics(people), { label: 'member' });
    expect(formatSchema(schema)).toBe(formatSchema(parseSchema(JSON.parse(formatSchema(schema)))));
  });
});

describe('schemaKinds', () => {
  test('maps features to kinds, leaving empty ones to inference', () => {
    const schema = inferSchema(computeStatistics(people));
    expect(schemaKinds(schema)).toEqual({
      age: 'numeric',
      income: 'numeric',
      sex: 'categorical',
      member: 'boolean',
      joined: 'date',
    });
  });
});
