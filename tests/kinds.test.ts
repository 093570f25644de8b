import { describe, expect, test } from '@jest/globals';
import { inferKind, parseBoolean, parseDate, parseNumber } from '../src/data/kinds.js';
import type { RawValue, ValueKind } from '../src/data/types.js';
import { createRng } from '../src/util/random.js';

describe('parseNumber', () => {
  test.each<[RawValue, number | null]>([
    ['42', 42],
    [' -3.5 ', -3.5],
    ['+.5', 0.5],
    ['1e3', 1000],
    ['2.5E-2', 0.025],
    ['7.', 7],
    [12, 12],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    [Infinity, Infinity],
    [NaN, null],
    ['nan', null],
    ['', null],
    ['   ', null],
    ['0x10', null],
    ['1,000', null],
    ['1_000', null],
    ['12abc', null],
    ['.', null],
    [true, null],
    [null, null],
    ['-0', -0],
    ['-0.0', -0],
    ['+0', 0],
    ['007', 7],
    ['-.25', -0.25],
    ['123456789012345', 123456789012345],
    ['0.123456789012345', 0.123456789012345],
    ['9007199254740993', 9007199254740992],
    ['1.2.3', null],
    ['+', null],
    ['٣', null],
  ])('%p → %p', (value, expected) => {
    expect(parseNumber(value)).toBe(expected);
  });

  test('plain decimals read exactly as Number() does, short or long', () => {
    const rng = createRng(11);
    for (let i = 0; i < 20_000; i++) {
      const digits = Array.from({ length: 1 + Math.floor(rng() * 20) }, () =>
        Math.floor(rng() * 10),
      ).join('');
      const point = Math.floor(rng() * (digits.length + 1));
      const sign = ['', '-', '+'][Math.floor(rng() * 3)] ?? '';
      const text = `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
      expect(parseNumber(text)).toBe(Number(text));
      expect(parseNumber(sign + digits)).toBe(Number(sign + digits));
    }
  });
});

describe('parseBoolean', () => {
  test.each<[RawValue, boolean | null]>([
    [true, true],
    [false, false],
    ['TRUE', true],
    [' no ', false],
    ['Yes', true],
    ['t', true],
    ['F', false],
    ['y', true],
    ['1', true],
    [0, false],
    [2, null],
    ['maybe', null],
    ['', null],
    [null, null],
  ])('%p → %p', (value, expected) => {
    expect(parseBoolean(value)).toBe(expected);
  });
});

describe('parseDate', () => {
  test.each<[RawValue, string | null]>([
    ['2024-01-31', '2024-01-31T00:00:00.000Z'],
    ['2024/01/31', '2024-01-31T00:00:00.000Z'],
    ['2024-01-31T10:00:00Z', '2024-01-31T10:00:00.000Z'],
    ['2024-01-31 10:00', '2024-01-31T10:00:00.000Z'],
    ['2024-01-31T10:00:00.25', '2024-01-31T10:00:00.250Z'],
    ['2024-01-31T10:00:00+02:00', '2024-01-31T08:00:00.000Z'],
    ['2024-01-31T10:00:00-0530', '2024-01-31T15:30:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2023-02-29', null],
    ['2024-13-01', null],
    ['2024-01-31T24:00', null],
    ['2024-01/31', null],
    ['01/31/2024', null],
    ['31.01.2024', null],
    ['20240131', null],
    [20240131, null],
    ['', null],
    [' 2024-01-31 ', '2024-01-31T00:00:00.000Z'],
    ['2000-02-29', '2000-02-29T00:00:00.000Z'],
    ['1900-02-29', null],
    ['2024-04-31', null],
    ['2024-00-10', null],
    ['2024-01-00', null],
    ['2024/02/30', null],
    ['2024/01-31', null],
    ['2024-0a-01', null],
    // Date.UTC reads years 0–99 as 1900–1999, so they have never been accepted.
    ['0099-12-31', null],
    ['0099-12-31T10:00', null],
    ['0100-01-01', '0100-01-01T00:00:00.000Z'],
  ])('%p → %p', (value, expected) => {
    const parsed = parseDate(value);
    expect(parsed === null ? null : new Date(parsed).toISOString()).toBe(expected);
  });
});

describe('inferKind', () => {
  const repeat = (values: RawValue[], times: number) =>
    Array.from({ length: times }, () => values).flat();
  const numbered = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => `${prefix}${i}`);

  test.each<[string, ValueKind, RawValue[]]>([
    ['no values', 'empty', []],
    ['only missing cells (null, empty, NaN)', 'empty', [null, '', NaN]],
    ['numeric strings with missing', 'numeric', ['1', '2.5', '', null, '-3']],
    ['JSON numbers', 'numeric', [1, 2, 3.5]],
    ['0/1 stays numeric', 'numeric', ['0', '1', '1', '0']],
    ['infinity tokens are numeric', 'numeric', ['1', 'inf', '-inf']],
    ['one non-number makes it not numeric', 'categorical', ['1', '2', 'x']],
    ['true/false words', 'boolean', ['true', 'false', 'TRUE']],
    ['yes/no mixed with 1/0', 'boolean', ['yes', 'no', '1', '0']],
    ['JSON booleans', 'boolean', [true, false, null]],
    ['ISO dates', 'date', ['2024-01-31', '2024-02-01T10:00:00Z', null]],
    ['slash dates', 'date', ['2024/01/31', '2024/02/01']],
    ['US dates are not dates', 'categorical', ['01/31/2024', '02/01/2024']],
    ['few labels', 'categorical', repeat(['red', 'green', 'blue'], 10)],
    ['20 distinct in few rows', 'categorical', numbered('c', 20)],
    ['id-like all unique', 'text', numbered('user-', 21)],
    ['5% distinct of many rows', 'categorical', repeat(numbered('city-', 50), 20)],
    ['more than 5% distinct', 'text', repeat(numbered('city-', 60), 2)],
    [
      'long strings with repeats',
      'text',
      repeat(numbered('this is a fairly long free text sentence number ', 30), 40),
    ],
    [
      'long strings but at most 20 distinct',
      'categorical',
      repeat(numbered('a long category label here to pass 30 ', 3), 5),
    ],
  ])('%s → %s', (_, expected, values) => {
    expect(inferKind(values)).toBe(expected);
  });
});
