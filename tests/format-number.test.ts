/** One number format for the report, gate descriptions, tag messages and the CLI. */
import { expect, test } from '@jest/globals';
import { formatDelta } from '../src/report/format.js';
import { formatNumber } from '../src/util/text.js';

test.each<[number | null | undefined, number | undefined, string]>([
  [0.87351234, undefined, '0.8735'],
  [0.95, undefined, '0.95'],
  [0.1 + 0.2, undefined, '0.3'],
  [-0.0123, undefined, '-0.0123'],
  [0.000123456, undefined, '0.0001235'],
  [1.5e-7, undefined, '1.5e-7'],
  [1234.5678, undefined, '1235'],
  [1234.5678, 6, '1234.57'],
  [0.794999, 6, '0.794999'],
  [1234567890.5, undefined, '1.235e+9'],
  [1e300, undefined, '1e+300'],
  [123456789, undefined, '123456789'],
  [0, undefined, '0'],
  [Infinity, undefined, '∞'],
  [-Infinity, undefined, '-∞'],
  [NaN, undefined, '—'],
  [null, undefined, '—'],
  [undefined, undefined, '—'],
])('formatNumber(%p, %p) is %p', (value, digits, text) => {
  expect(formatNumber(value, digits)).toBe(text);
});

test.each<[number | null, string]>([
  [0.0123, '+0.0123'],
  [-0.004, '-0.004'],
  [0, '+0'],
  [null, '—'],
])('formatDelta(%p) is %p', (value, text) => {
  expect(formatDelta(value)).toBe(text);
});
