import { describe, expect, test } from '@jest/globals';
import { DEFAULT_NA_VALUES, missingMatcher } from '../src/data/missing.js';

const isMissing = missingMatcher(DEFAULT_NA_VALUES);

const TOKENS = ['', 'na', 'n/a', 'nan', 'null', 'none', '?'];

/** The definition isMissing's fast path must agree with: trim, lower-case, look up. */
function reference(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'string') return TOKENS.includes(value.trim().toLowerCase());
  return false;
}

/** Every way of writing each token in upper and lower case, e.g. nUlL. */
function caseVariants(token: string): string[] {
  let variants = [''];
  for (const char of token) {
    const spellings = new Set([char.toLowerCase(), char.toUpperCase()]);
    variants = variants.flatMap((prefix) => [...spellings].map((spelling) => prefix + spelling));
  }
  return variants;
}

describe('isMissing', () => {
  test.each(TOKENS.flatMap(caseVariants))('"%s" is missing', (token) => {
    expect(isMissing(token)).toBe(true);
  });

  test.each([
    ' ',
    '   ',
    '\t',
    '\n',
    '\r\n',
    ' NA',
    'na ',
    '\tN/A\t',
    ' nan\n',
    '\u00a0Null',
    'none\ufeff',
    '\u3000?\u2028',
  ])('%j (a token with surrounding white space) is missing', (text) => {
    expect(isMissing(text)).toBe(true);
  });

  test.each([null, undefined, NaN, Number.NaN])('%p is missing', (value) => {
    expect(isMissing(value)).toBe(true);
  });

  test.each([
    0,
    -1,
    1.5,
    Infinity,
    -Infinity,
    true,
    false,
    {},
    [],
    '0',
    'false',
    'n',
    'a',
    'n a',
    'na/',
    'nann',
    'nulls',
    'nones',
    'nil',
    '??',
    '-',
    'n\u0000a',
    'NaN1',
    ' x ',
    'Lisbon',
    'São Paulo',
    'Chloé',
    'a long string that is clearly a value',
    'none of the above',
  ])('%p is a value', (value) => {
    expect(isMissing(value)).toBe(false);
  });

  test('agrees with trim + toLowerCase for every UTF-16 code unit around and inside tokens', () => {
    const templates = [
      (c: string) => c,
      (c: string) => `${c}na`,
      (c: string) => `na${c}`,
      (c: string) => `n${c}a`,
      (c: string) => `${c}null`,
      (c: string) => `nul${c}`,
      (c: string) => `${c}none${c}`,
      (c: string) => `${c}abcdef`,
      (c: string) => `abcdef${c}`,
    ];
    const disagreements: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      for (const template of templates) {
        const text = template(char);
        if (isMissing(text) !== reference(text)) disagreements.push(JSON.stringify(text));
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('user tokens', () => {
  test('the Kelvin sign lower-cases to k, so it matches a token with k on the fast path too', () => {
    const unknown = missingMatcher(['unknown']);
    expect(unknown('UN\u212ANOWN')).toBe(true);
    expect(unknown(' UN\u212ANOWN')).toBe(true);
    expect(unknown('UNKNOWN')).toBe(true);
    expect(unknown('known')).toBe(false);
  });
});
