/**
 * Data that used to change a column's kind without a word: numbers with a decimal comma became
 * text, one NUL or garbage cell made a numeric column categorical, and a file with CR-only line
 * endings was reported as "a header but no data rows".
 */
import { describe, expect, test } from '@jest/globals';
import { configSchema } from '../src/config/schema.js';
import { detectAnomalies } from '../src/data/anomalies.js';
import { decimalCommaToPoint, inferKind } from '../src/data/kinds.js';
import { prepareData } from '../src/data/prepare.js';
import { readTable } from '../src/data/read-table.js';
import { inferSchema, schemaKinds } from '../src/data/schema.js';
import { computeStatistics } from '../src/data/statistics.js';
import type { RawTable, Schema } from '../src/data/types.js';
import { mlops } from './support/cli.js';
import { makeRepo } from './support/repo.js';

async function* chunksOf(...texts: string[]): AsyncGenerator<string> {
  yield* texts;
}

function csv(lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** A table of one column `x` (and a label `y`) with `values`, rows on lines 2, 3, … */
function table(values: (string | null)[]): RawTable {
  return {
    source: 'data.csv',
    columns: ['x', 'y'],
    rows: values.map((value, i) => [value, String(i % 2)]),
    lines: values.map((_, i) => i + 2),
  };
}

/** The anomalies of `t` checked against the schema inferred from it, as `mlops validate` does first. */
function firstValidation(t: RawTable) {
  const stats = computeStatistics(t);
  return { stats, anomalies: detectAnomalies(stats, inferSchema(stats), { minExamples: 1 }) };
}

describe('decimal commas', () => {
  const prices = ['1,5', '2,25', '1.234,5', '7', '-0,75', '12,0'];

  test.each([
    ['1,5', '1.5'],
    [' -0,25 ', '-0.25'],
    ['1.234,5', '1234.5'],
    ['1.234.567', '1234567'],
    ['12', '12'],
    ['1.5', null],
    ['1,2,3', null],
    ['1.23,4', null],
    ['abc', null],
  ])('decimalCommaToPoint(%j) is %j', (text, expected) => {
    expect(decimalCommaToPoint(text)).toBe(expected);
  });

  test('a column of decimal-comma numbers is a warning naming the column and data.decimal', () => {
    const { stats, anomalies } = firstValidation(table(prices));
    expect(stats.columns[0]).toMatchObject({ kind: 'categorical', decimalComma: true });
    const anomaly = anomalies.find((a) => a.column === 'x');
    expect(anomaly).toMatchObject({ type: 'FLOAT_TYPE_DECIMAL_COMMA', severity: 'WARNING' });
    expect(anomaly?.description).toMatch(
      /^"x" is categorical, .*decimal comma.*data\.decimal: ","/,
    );
  });

  test('a text column that merely holds commas raises nothing', () => {
    const { anomalies } = firstValidation(table(['a,b', '1,5', 'x']));
    expect(anomalies).toEqual([]);
  });

  test('with data.decimal: "," the column is read as numbers', async () => {
    const text = csv(['x;y', ...prices.map((price, i) => `${price};${i % 2}`)]);
    const read = await readTable(chunksOf(text), { source: 'data.csv', decimal: ',' });
    expect(read.rows.map((row) => row[0])).toEqual(['1.5', '2.25', '1234.5', '7', '-0.75', '12.0']);
    const stats = computeStatistics(read);
    expect(stats.columns[0]).toMatchObject({
      kind: 'numeric',
      numeric: { min: -0.75, max: 1234.5 },
    });
    expect(detectAnomalies(stats, inferSchema(stats), { minExamples: 1 })).toEqual([]);
  });

  test('against a numeric schema, decimal-comma values get the data.decimal hint', () => {
    const schema: Schema = {
      version: 1,
      features: [{ name: 'x', kind: 'numeric', minPresence: 1, integer: false }],
    };
    const anomalies = detectAnomalies(
      computeStatistics(table(prices), schemaKinds(schema)),
      schema,
    );
    const anomaly = anomalies.find((a) => a.type === 'FLOAT_TYPE_STRING_NOT_FLOAT');
    expect(anomaly?.description).toMatch(/decimal comma: set data\.decimal: ","/);
  });

  test('mlops.yml takes data.decimal "," or "." and read limits up to 256 MiB', () => {
    const data = { train: 'd.csv', label: 'y' };
    const parse = (extra: object) => configSchema.safeParse({ data: { ...data, ...extra } });
    expect(parse({ decimal: ',', max_field_bytes: 1024, max_record_bytes: 2048 }).success).toBe(
      true,
    );
    expect(parse({ decimal: ';' }).success).toBe(false);
    expect(parse({ max_record_bytes: 512 * 1024 * 1024 }).success).toBe(false);
    expect(parse({ max_field_bytes: 0 }).success).toBe(false);
  });
});

describe('a few bad cells in a numeric column', () => {
  const numbers = Array.from({ length: 199 }, (_, i) => String(i * 1.5));

  test('one NUL cell among 200 numbers keeps the column numeric and is an anomaly with its line', () => {
    const values = [...numbers.slice(0, 40), '\u0000', ...numbers.slice(40)];
    expect(inferKind(values)).toBe('numeric');
    const { stats, anomalies } = firstValidation(table(values));
    expect(stats.columns[0]).toMatchObject({
      kind: 'numeric',
      count: 200,
      invalid: { count: 1, examples: ['\u0000'], lines: [42] },
    });
    const anomaly = anomalies.find((a) => a.column === 'x');
    expect(anomaly).toMatchObject({ type: 'FLOAT_TYPE_STRING_NOT_FLOAT', severity: 'ERROR' });
    expect(anomaly?.description).toMatch(
      /1 of 200 values \(0\.5%\) are not numbers \(first on lines 42\)/,
    );
  });

  test('integers with two garbage cells in 300 report INT_TYPE_NOT_INT_STRING with both lines', () => {
    const values = Array.from({ length: 300 }, (_, i) =>
      i === 10 || i === 200 ? '#REF!' : String(i),
    );
    const { anomalies } = firstValidation(table(values));
    const anomaly = anomalies.find((a) => a.column === 'x');
    expect(anomaly?.type).toBe('INT_TYPE_NOT_INT_STRING');
    expect(anomaly?.description).toMatch(
      /2 of 300 values .* \(first on lines 12, 202\), e\.g\. "#REF!"/,
    );
    // Re-inferring the schema keeps the column numeric: the remedy must not send users there.
    expect(anomaly?.description).not.toContain('--update-schema');
    expect(anomaly?.description).toContain('data.na_values');
  });

  test('training uses the column as a number too', () => {
    const values = [...numbers, 'oops'];
    const prepared = prepareData(table(values), {
      label: 'y',
      ignore: [],
      split: { test: 0.2, validation: 0, seed: 1 },
    });
    expect(prepared.features).toEqual([{ column: 'x', kind: 'numeric' }]);
  });

  test.each([
    ['more than 1% of values bad', [...numbers.slice(0, 98), 'a', 'b']],
    ['one bad value in fewer than 100', [...numbers.slice(0, 50), 'a']],
  ])('%s: not numeric', (_, values) => {
    expect(inferKind(values)).not.toBe('numeric');
    expect(computeStatistics(table(values)).columns[0]?.kind).not.toBe('numeric');
  });

  test('a 0/1 column with a few yes/no words stays boolean', () => {
    const values = Array.from({ length: 300 }, (_, i) => (i === 7 ? 'yes' : String(i % 2)));
    expect(inferKind(values)).toBe('boolean');
    expect(computeStatistics(table(values)).columns[0]?.kind).toBe('boolean');
  });
});

describe('CR-only line endings (classic Mac OS)', () => {
  const crOnly = 'id,x\r1,2\r3,4\r';

  test('a CSV file says so instead of "a header but no data rows"', async () => {
    await expect(readTable(chunksOf(crOnly), { source: 'mac.csv' })).rejects.toThrow(
      /^mac\.csv:1: the header holds a carriage return .*CR only \(classic Mac OS\).*tr/,
    );
  });

  test('a large one says so when it reaches the record limit', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},${i}`).join('\r');
    const reading = readTable(chunksOf(`id,x\r${rows}`), {
      source: 'mac.csv',
      maxRecordBytes: 1000,
    });
    await expect(reading).rejects.toThrow(/^mac\.csv:1: a record .*CR only \(classic Mac OS\)/);
  });

  test('a JSON Lines file says so', async () => {
    const reading = readTable(chunksOf('{"a": 1}\r{"a": 2}\r'), { source: 'mac.jsonl' });
    await expect(reading).rejects.toThrow(
      /^mac\.jsonl:1: not valid JSON .*CR only \(classic Mac OS\)/,
    );
  });

  test('CRLF files are not mistaken for it', async () => {
    const read = await readTable(chunksOf('id,x\r\n1,2\r\n'), { source: 'pc.csv' });
    expect(read.rows).toEqual([['1', '2']]);
  });
});

describe('a NUL near the top of a UTF-8 file', () => {
  test('is an anomaly of its column, not a file misread as UTF-16', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i === 0 ? 'x\0y' : i},${i % 2}`);
    const dir = makeRepo({ 'data.csv': `a,y\n${rows.join('\n')}\n` });
    const result = await mlops(dir, ['validate', '--data', 'data.csv', '--label', 'y']);
    expect(result.stderr).not.toContain('UTF-16');
    expect([0, 1]).toContain(result.code);
  });
});
