import { describe, expect, test } from '@jest/globals';
import { detectAnomalies, type AnomalyOptions } from '../src/data/anomalies.js';
import { inferSchema, schemaChecks, schemaKinds } from '../src/data/schema.js';
import { computeStatistics } from '../src/data/statistics.js';
import type { Anomaly, DatasetStats, RawTable, RawValue, Schema } from '../src/data/types.js';
import { createRng } from '../src/util/random.js';

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
  options: AnomalyOptions = {},
) {
  const stats = computeStatistics(table(columns), schemaKinds(against), schemaChecks(against));
  return detectAnomalies(stats, against, options);
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
      'missing column the model uses, though often empty',
      withColumn('nickname', undefined),
      [['nickname', 'SCHEMA_MISSING_COLUMN', 'ERROR']],
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
    // nickname was present in half of 200 rows: minPresence 0.39.
    ['half-present column as often present', withColumn('nickname', cycle(['bo', ''])), []],
    [
      // 3 standard errors of 200 rows at 0.39 are 0.10.
      'half-present column a little less present (35 %): chance',
      withColumn(
        'nickname',
        Array.from({ length: 200 }, (_, i) => (i < 70 ? 'al' : '')),
      ),
      [['nickname', 'FEATURE_TYPE_LOW_FRACTION_PRESENT', 'WARNING']],
    ],
    [
      'half-present column a quarter present',
      withColumn('nickname', cycle(['', '', '', 'al'])),
      [['nickname', 'FEATURE_TYPE_LOW_FRACTION_PRESENT', 'ERROR']],
    ],
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
    const found = check(data, schema, { minExamples }).filter((a) => a.column === null);
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
      const stats = computeStatistics(table(withColumn('color', many)), schemaKinds(schema));
      const [anomaly] = detectAnomalies(stats, schema);
      expect(anomaly?.type).toBe('ENUM_TYPE_UNEXPECTED_STRING_VALUES');
      expect(anomaly?.description).toMatch(/has at least 197 values/);
      // Counted against the domain, as validation does: exact, with the first lines.
      const [counted] = check(withColumn('color', many));
      expect(counted?.description).toMatch(/has 200 values \(100% of values\)/);
      expect(counted?.description).toContain('(on lines 2, 3, 4, 5, 6, …)');
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

  describe('a schema worth committing (learned presence, ranges, label classes)', () => {
    const rng = createRng(5);
    const rows = 1000;
    /** Houses: rooms (integer, 97 % present), price (float), label `y` (two classes). */
    const houses = {
      rooms: Array.from({ length: rows }, (_, i) =>
        i % 100 < 3 ? '' : String(1 + Math.floor(rng() * 8)),
      ),
      price: Array.from({ length: rows }, () => (50 + rng() * 450).toFixed(2)),
      y: Array.from({ length: rows }, () => (rng() < 0.3 ? '>50K' : '<=50K')),
    };
    const learned = inferSchema(computeStatistics(table(houses)), { label: 'y' });
    const feature = (name: string) => learned.features.find((f) => f.name === name);
    const replaced = (
      name: keyof typeof houses,
      map: (value: RawValue, i: number) => RawValue,
    ) => ({
      ...houses,
      [name]: houses[name].map(map),
    });

    test('the learned schema', () => {
      expect(feature('rooms')).toEqual({
        name: 'rooms',
        kind: 'numeric',
        minPresence: 0.95,
        integer: true,
        min: 0,
        max: 9,
      });
      // About 50…500: 45 each side, rounded out to tens, and never negative.
      expect(feature('price')).toMatchObject({ min: 0, max: 550, integer: false });
      expect(feature('y')).toEqual({
        name: 'y',
        kind: 'categorical',
        minPresence: 1,
        values: ['<=50K', '>50K'],
      });
      expect(check(houses, learned)).toEqual([]);
    });

    test('90 % of a 97 %-present feature blanked is an error', () => {
      const blanked = replaced('rooms', (value, i) => (i % 10 === 0 ? value : ''));
      expect(types(check(blanked, learned))).toEqual([
        ['rooms', 'FEATURE_TYPE_LOW_FRACTION_PRESENT', 'ERROR'],
      ]);
    });

    test('an integer feature multiplied by 10 is INT_TYPE_BIG_INT, an error', () => {
      const scaled = replaced('rooms', (value) => (value === '' ? '' : String(Number(value) * 10)));
      const found = check(scaled, learned);
      expect(types(found)).toEqual([['rooms', 'INT_TYPE_BIG_INT', 'ERROR']]);
      expect(found[0]?.description).toMatch(
        /up to 80, above the schema's max of 9: \d+ of 970 values/,
      );
      // Rows 0–2 (lines 2–4) have no rooms.
      expect(found[0]?.description).toContain('first on lines 5, 6, 7, 8, 9');
    });

    test.each<[string, (value: RawValue, i: number) => RawValue, [string, string][]]>([
      [
        '5 prices of 1000 above the max: a warning',
        (v, i) => (i < 5 ? '600' : v),
        [['FLOAT_TYPE_BIG_FLOAT', 'WARNING']],
      ],
      [
        '10 of 1000 (1 %): an error',
        (v, i) => (i < 10 ? '600' : v),
        [['FLOAT_TYPE_BIG_FLOAT', 'ERROR']],
      ],
      [
        'a few below the min: a warning',
        (v, i) => (i < 3 ? '-1' : v),
        [['FLOAT_TYPE_SMALL_FLOAT', 'WARNING']],
      ],
      [
        'prices in cents: an error',
        (v) => String(Number(v) * 100),
        [['FLOAT_TYPE_BIG_FLOAT', 'ERROR']],
      ],
      ['on the bounds themselves: fine', (v, i) => (i === 0 ? '0' : i === 1 ? '550' : v), []],
    ])('%s', (_, map, expected) => {
      const found = check(replaced('price', map), learned);
      expect(found.map((a) => [a.type, a.severity])).toEqual(expected);
    });

    test('without counts in the statistics, the percentiles grade out-of-range values', () => {
      const grade = (map: (value: RawValue, i: number) => RawValue) => {
        const stats = computeStatistics(table(replaced('rooms', map)), schemaKinds(learned));
        return types(detectAnomalies(stats, learned));
      };
      expect(grade((v, i) => (i === 5 ? '10' : v))).toEqual([
        ['rooms', 'INT_TYPE_BIG_INT', 'WARNING'],
      ]);
      expect(grade((v) => (v === '' ? '' : String(Number(v) * 10)))).toEqual([
        ['rooms', 'INT_TYPE_BIG_INT', 'ERROR'],
      ]);
    });

    test('a single junk label value is an error naming it and its line', () => {
      const junk = replaced('y', (value, i) => (i === 41 ? '.' : value));
      const found = check(junk, learned);
      expect(types(found)).toEqual([['y', 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', 'ERROR']]);
      expect(found[0]?.description).toContain(
        'The label "y" has 1 value outside its 2 known classes: "." (1) (on line 43)',
      );
      expect(found[0]?.description).toContain('silently change the task');
    });

    test('the same junk value in a feature under 1 % of values only warns', () => {
      const codes = { ...houses, code: houses.y };
      const withCode = inferSchema(computeStatistics(table(codes)), { label: 'y' });
      const junk = { ...codes, code: codes.code.map((v, i) => (i === 41 ? '.' : v)) };
      expect(types(check(junk, withCode))).toEqual([
        ['code', 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', 'WARNING'],
      ]);
    });

    test.each<[string, RawValue[], RawValue[], string[]]>([
      [
        '0/1 numbers, a 2 appears',
        cycle(['0', '1']),
        cycle(['0', '1', '2']),
        ['ENUM_TYPE_UNEXPECTED_STRING_VALUES'],
      ],
      ['0/1 numbers written 1.0 and 0.0', cycle(['0', '1']), cycle(['0.0', '1.0']), []],
      [
        'booleans, all true before',
        cycle(['yes']),
        cycle(['yes', 'no']),
        ['ENUM_TYPE_UNEXPECTED_STRING_VALUES'],
      ],
      [
        'classes 1–5, a 6 appears',
        cycle(['1', '2', '3', '4', '5']),
        cycle(['1', '2', '6']),
        ['ENUM_TYPE_UNEXPECTED_STRING_VALUES'],
      ],
      [
        'regression label ×10: out of range instead',
        cycle(['1.5', '2.25', '7.75', '10.5', '3.5', '4.25']),
        cycle(['15', '22.5', '77.5', '105', '35', '42.5']),
        ['FLOAT_TYPE_BIG_FLOAT'],
      ],
    ])('label: %s', (_, before, after, expected) => {
      const labelled = inferSchema(computeStatistics(table({ x: cycle(['1', '2']), y: before })), {
        label: 'y',
      });
      const found = check({ x: cycle(['1', '2']), y: after }, labelled);
      expect(found.map((a) => a.type)).toEqual(expected);
      expect(found.every((a) => a.severity === 'ERROR')).toBe(true);
    });

    test('a numeric label beyond the listed distinct values is still caught without counts', () => {
      const labelled = inferSchema(computeStatistics(table({ y: cycle(['0', '1']) })), {
        label: 'y',
      });
      const many = Array.from({ length: 200 }, (_, i) => String(i % 30));
      const stats = computeStatistics(table({ y: many }), schemaKinds(labelled));
      expect(types(detectAnomalies(stats, labelled))).toEqual([
        ['y', 'ENUM_TYPE_UNEXPECTED_STRING_VALUES', 'ERROR'],
      ]);
    });

    test('a dropped column is an error, unless data.ignore lists it', () => {
      const { price: _price, ...dropped } = houses;
      expect(types(check(dropped, learned))).toEqual([['price', 'SCHEMA_MISSING_COLUMN', 'ERROR']]);
      expect(types(check(dropped, learned, { ignore: ['price'] }))).toEqual([
        ['price', 'SCHEMA_MISSING_COLUMN', 'WARNING'],
      ]);
      const { y: _y, ...unlabelled } = houses;
      expect(types(check(unlabelled, learned, { ignore: ['y'] }))).toEqual([
        ['y', 'SCHEMA_MISSING_COLUMN', 'ERROR'],
      ]);
    });

    test('an older schema, without ranges or label classes, raises nothing new', () => {
      const older: Schema = {
        ...learned,
        features: learned.features.map(({ min: _min, max: _max, ...rest }) =>
          rest.name === 'y'
            ? { name: 'y', kind: 'categorical', minPresence: 1 }
            : { ...rest, minPresence: 0 },
        ),
      };
      const scaled = replaced('rooms', (value) => (value === '' ? '' : String(Number(value) * 10)));
      const junk = { ...scaled, y: houses.y.map((v, i) => (i === 41 ? '.' : v)) };
      expect(check(houses, older)).toEqual([]);
      expect(check(junk, older)).toEqual([]);
    });
  });
});
