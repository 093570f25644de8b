import { describe, expect, test } from '@jest/globals';
import { parseNumber } from '../src/data/kinds.js';
import { createRng } from '../src/util/random.js';

/** parseNumber as it reads every cell without its fast paths: trim, a regex, infinity tokens. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const INFINITIES = new Map([
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
]);
function generalParse(value: string): number | null {
  const text = value.trim();
  if (DECIMAL.test(text)) return Number(text);
  return INFINITIES.get(text.toLowerCase()) ?? null;
}

function expectSame(cells: Iterable<string>): void {
  const differ: string[] = [];
  for (const cell of cells) {
    if (!Object.is(parseNumber(cell), generalParse(cell))) differ.push(JSON.stringify(cell));
  }
  expect(differ).toEqual([]);
}

describe('parseNumber fast paths', () => {
  test('every one-character cell, and each followed by a digit, reads as the general path', () => {
    const cells: string[] = [''];
    for (let code = 0; code < 0x10000; code++) {
      cells.push(String.fromCharCode(code), String.fromCharCode(code) + '5');
    }
    expectSame(cells);
  });

  test('words, tokens and numbers with padding read as the general path', () => {
    const cores = [
      'red',
      'inf',
      'Inf',
      'INFINITY',
      '-inf',
      '+Infinity',
      'nan',
      'NaN',
      'e5',
      '.',
      '-',
    ];
    cores.push('1e5', '-2.5E-3', '.5', '5.', '0x10', '1_000', '1,5', '１２', 'ⅰnf', 'İnf');
    cores.push('12345678901234567', '-0', '+0.000', '00012', '3.14159265358979');
    const pads = ['', ' ', '\t', '\u00a0', '\u2003', '\ufeff', '\u3000', '\n'];
    const cells = cores.flatMap((core) => pads.flatMap((a) => pads.map((b) => a + core + b)));
    expectSame(cells);
  });

  test('random short strings over the characters numbers are made of read as the general path', () => {
    const rng = createRng(5);
    const alphabet = '0123456789+-.eEiInNfFtTyY ,_x\u00a0';
    const cells = Array.from({ length: 20000 }, () =>
      Array.from(
        { length: 1 + Math.floor(rng() * 8) },
        () => alphabet[Math.floor(rng() * alphabet.length)],
      ).join(''),
    );
    expectSame(cells);
  });
});
