import { describe, expect, test } from '@jest/globals';
import { detectAnomalies } from '../src/data/anomalies.js';
import { inferSchema, schemaKinds } from '../src/data/schema.js';
import { computeStatistics } from '../src/data/statistics.js';
import type { Anomaly, DatasetStats, RawTable, RawValue, Schema } from '../src/data/types.js';

function table(columns: Record<string, RawValue[]>): RawTable {
  const names = Object.keys(columns);
  const length = Math.max(0, ...names.map((name) => columns[name]?.length ?? 0));
  const rows = Array.from({ length }, (_, i) => names.map((name) => columns[name]?.[i] ?? null));
  return { source: 'test.csv', columns: names, rows, lines: rows.map((_, i) => i + 2) };
}

/** `count` values cycling through `values`. */
function cycle(values: RawValue[], count = 200): RawValue[] {
  return Array.from({ length: count }, (_, i) => values[i % values.length] ?? null);
}

const training = {
  age: cycle(['31', '45', '27', '52']),
  income: cycle(['1200.5', '980', '1500', '870.25']),
  color: cycle(['red', 'green', 'blue']),
  member: cycle(['yes', 'no']),
  joined: cycle(['2024-01-01', '2023-05-10']),
  nickname: cycle(['al', '', 'bo', '']),
  comment: cycle(Array.from({ length: 200 }, (_, i) => `free text comment number ${i}`)),
};
const schema = inferSchema(computeStatistics(table(training)), { label: 'member' });

/** Anomalies of new data, with its statistics computed the schema's way (as validation does). */
function check(
  columns: Record<string, RawValue[]>,
  against: Schema = schema,
  minExamples?: number,
) {
  const stats = computeStatistics(table(columns), schemaKinds(against));
  return detectAnomalies(stats, against, minExamples === undefined ? {} : { minExamples });
}

function types(anomalies: Anomaly[]): [string | null, string, string][] {
  return anomalies.map((a) => [a.column, a.type, a.severity]);
}

/** The training data with one column replaced (or removed, with `undefined`). */
function withColumn(name: string, values: RawValue[] | undefined): Record<string, RawValue[]> {
  const columns: Record<string, RawValue[]> = { ...training };
  if (values === undefined) delete columns[name];
  else columns[name] = values;
  return columns;
}

describe('detectAnomalies', () => {
  test('the training data has none against its own schema', () => {
    expect(check(training)).toEqual([]);
  });

  test.each<[string, Record<string, RawValue[]>, [string | null, string, string][]]>([
    [
      'missing required column',
      withColumn('age', undefined),
      [['age', 'SCHEMA_MISSING_COLUMN', 'ERROR']],
    ],
    [
      'missing optional column',
      withColumn('nickname', undefined),
      [['nickname', 'SCHEMA_MISSING_COLUMN', 'WARNING']],
    ],
    [
      'new column',
      { ...training, extra: cycle(['1']) },
      [['extra', 'SCHEMA_NEW_COLUMN', 'WARNING']],
    ],
    [
      'required column with gaps',
      withColumn('income', cycle(['1200', ''])),
      [['income', 'FEATURE_TYPE_LOW_FRACTION_PRESENT', 'ERROR']],
    ],
    ['optional column with gaps', withColumn('nickname', cycle(['', '', '', 'al'])), []],
    [
      'a number in a float column fails to parse',
      withColumn('income', cycle(['1200', '980', 'n.a.'])),
      [['income', 'FLOAT_TYPE_STRING_NOT_FLOAT', 'ERROR']],
    ],
    [
      'a fraction in an integer column',
      withColumn('age', cycle(['31', '45.5'])),
      [['age', 'INT_TYPE_NOT_INT_STRING', 'ERROR']],
    ],
    [
      'a word in an integer column',
      withColumn('age', cycle(['31', 'thirty'])),
      [['age', 'INT_TYPE_NOT_INT_STRING', 'ERROR']],
    ],
    [
      'infinity in a numeric column',
      withColumn('income', cycle(['1200', 'inf'])),
      [['income', 'FLOAT_TYPE_HAS_INF', 'ERROR']],
    ],
    [
      'a new category in many rows',
      withColumn('color', cycle(['red', 'green', 'purple'])),
      [['color', 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', 'ERROR']],
    ],
    [
      'a new category in under 1% of rows',
      withColumn('color', [...cycle(['red', 'green', 'blue'], 199), 'purple']),
      [['color', 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', 'WARNING']],
    ],
    [
      'a word that is not a boolean',
      withColumn('member', cycle(['yes', 'no', 'maybe'])),
      [['member', 'BOOL_TYPE_UNEXPECTED_STRING', 'ERROR']],
    ],
    [
      'booleans spelt differently are fine',
      withColumn('member', cycle(['TRUE', 'false', '1', '0'])),
      [],
    ],
    [
      'an unreadable date',
      withColumn('joined', cycle(['2024-01-01', '31/01/2024'])),
      [['joined', 'DATE_TYPE_STRING_NOT_DATE', 'ERROR']],
    ],
    ['text accepts anything', withColumn('comment', cycle(['1', 'x', '2024-01-01'])), []],
  ])('%s', (_, data, expected) => {
    expect(types(check(data))).toEqual(expected);
  });

  test('a missing label column is an error even when optional', () => {
    const optionalLabel: Schema = {
      ...schema,
      features: schema.features.map((f) => (f.name === 'member' ? { ...f, minPresence: 0 } : f)),
    };
    expect(types(check(withColumn('member', undefined), optionalLabel))).toEqual([
      ['member', 'SCHEMA_MISSING_COLUMN', 'ERROR'],
    ]);
  });

  test.each([
    [5, 10, true],
    [10, 10, false],
    [3, 2, false],
  ])('%i rows with minExamples %i: DATASET_LOW_NUM_EXAMPLES %p', (rows, minExamples, expected) => {
    const data = Object.fromEntries(
      Object.entries(training).map(([name, values]) => [name, values.slice(0, rows)]),
    );
    const found = check(data, schema, minExamples).filter((a) => a.column === null);
    expect(types(found)).toEqual(expected ? [[null, 'DATASET_LOW_NUM_EXAMPLES', 'ERROR']] : []);
  });

  test('the default minimum is 10 examples', () => {
    const data = Object.fromEntries(
      Object.entries(training).map(([name, values]) => [name, values.slice(0, 9)]),
    );
    expect(check(data).some((a) => a.type === 'DATASET_LOW_NUM_EXAMPLES')).toBe(true);
  });

  describe('hand-set numeric bounds', () => {
    const bounded = (integer: boolean): Schema => ({
      version: 1,
      features: [{ name: 'n', kind: 'numeric', minPresence: 1, integer, min: 0, max: 100 }],
    });
    test.each<[boolean, RawValue[], string[]]>([
      [true, ['0', '100'], []],
      [true, ['101', '5'], ['INT_TYPE_BIG_INT']],
      [true, ['-1', '5'], ['INT_TYPE_SMALL_INT']],
      [false, ['-0.5', '100.5'], ['FLOAT_TYPE_BIG_FLOAT', 'FLOAT_TYPE_SMALL_FLOAT']],
    ])('integer %p, values %p → %p', (integer, values, expected) => {
      const found = check({ n: cycle(values, 20) }, bounded(integer));
      expect(found.map((a) => a.type)).toEqual(expected);
    });
  });

  describe('statistics computed without the schema kinds', () => {
    const inferred = (columns: Record<string, RawValue[]>): DatasetStats =>
      computeStatistics(table(columns));

    test('a numeric feature whose values read as text is UNEXPECTED_DATA_TYPE with examples', () => {
      const found = detectAnomalies(
        inferred(withColumn('age', cycle(['31', 'unknown', 'n/k']))),
        schema,
      );
      expect(types(found)).toEqual([['age', 'UNEXPECTED_DATA_TYPE', 'ERROR']]);
      expect(found[0]?.description).toContain('"unknown"');
    });

    test('a categorical feature whose values now look numeric is checked as text', () => {
      const codes: Schema = {
        version: 1,
        features: [{ name: 'zip', kind: 'categorical', minPresence: 1, values: ['01234'] }],
      };
      const found = detectAnomalies(inferred({ zip: cycle(['01234', '99999'], 20) }), codes);
      expect(types(found)).toEqual([['zip', 'UNEXPECTED_DATA_TYPE', 'ERROR']]);
    });

    test('a feature that was empty and now has values is a warning', () => {
      const emptyBefore: Schema = {
        version: 1,
        features: [{ name: 'later', kind: 'empty', minPresence: 0 }],
      };
      const found = detectAnomalies(inferred({ later: cycle(['1', '2'], 20) }), emptyBefore);
      expect(types(found)).toEqual([['later', 'UNEXPECTED_DATA_TYPE', 'WARNING']]);
    });
  });

  describe('descriptions say what was found and what to do', () => {
    test('unexpected categories list examples with counts and the share', () => {
      const [anomaly] = check(withColumn('color', cycle(['red', 'purple', 'teal', 'teal'])));
      expect(anomaly?.description).toContain('"teal" (100), "purple" (50)');
      expect(anomaly?.description).toContain('75% of values');
      expect(anomaly?.description).toContain('mlops validate --update-schema');
    });

    test('values beyond the stored top make the count a lower bound', () => {
      const many = Array.from({ length: 200 }, (_, i) => `c${i}`);
      const [anomaly] = check(withColumn('color', many));
      expect(anomaly?.type).toBe('ENUM_TYPE_UNEXPECTED_STRING_VALUES');
      expect(anomaly?.description).toMatch(/has at least 197 values/);
    });

    test('type problems show examples of the bad values', () => {
      const [anomaly] = check(withColumn('income', cycle(['1200', 'n.a.', '1,5'])));
      expect(anomaly?.description).toContain('133 of 200 values');
      expect(anomaly?.description).toContain('"n.a.", "1,5"');
    });

    test('presence shows the observed share', () => {
      const [anomaly] = check(withColumn('income', cycle(['1200', '', '', ''])));
      expect(anomaly?.description).toContain('25% of rows (50 of 200)');
    });
  });
});
