import { describe, expect, test } from '@jest/globals';
import { ConfigError } from '../src/errors.js';
import { formatSchema, inferSchema, parseSchema, schemaKinds } from '../src/data/schema.js';
import { computeStatistics } from '../src/data/statistics.js';
import type { RawTable, RawValue, Schema } from '../src/data/types.js';

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
        { name: 'age', kind: 'numeric', minPresence: 0, integer: true },
        { name: 'income', kind: 'numeric', minPresence: 1, integer: false },
        { name: 'sex', kind: 'categorical', minPresence: 1, values: ['F', 'M'] },
        { name: 'member', kind: 'boolean', minPresence: 1 },
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
