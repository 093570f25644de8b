/**
 * Hostile inputs, as a fork's pull request could commit them: a fixed corpus of data files and
 * configs that once broke (or could break) a reader, and a seeded generator of more for the fuzz
 * script. Every case is a set of files for a fresh repository plus the CLI arguments to run.
 */
import { createRng } from '../../src/util/random.js';

export interface HostileCase {
  name: string;
  files: Record<string, string | Uint8Array>;
  argv: string[];
}

const LABEL = 'y';
const CONFIG = `name: hostile\ndata: { train: data.csv, label: ${LABEL} }\nmodel: { epochs: 1, hidden: [2] }\n`;

/** A CSV case validated with the small config above. */
function csv(name: string, data: string | Uint8Array, command = 'validate'): HostileCase {
  return { name, files: { 'data.csv': data, 'mlops.yml': CONFIG }, argv: [command] };
}

/** A JSON Lines case validated with the small config. */
function jsonl(name: string, data: string): HostileCase {
  return {
    name,
    files: { 'data.jsonl': data, 'mlops.yml': CONFIG.replace('data.csv', 'data.jsonl') },
    argv: ['validate'],
  };
}

/** A config case: the file is `mlops.yml`, beside a small valid data file. */
function config(name: string, text: string): HostileCase {
  const data = `a,b,${LABEL}\n${Array.from({ length: 40 }, (_, i) => `${i},${i % 3},${i % 2}`).join('\n')}\n`;
  return { name, files: { 'data.csv': data, 'mlops.yml': text }, argv: ['validate'] };
}

const rows = (n: number, row: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => row(i)).join('\n');

/** The fixed corpus `npm test` runs: each must end in exit 0, 1 or 2 without an internal error. */
export function hostileCorpus(): HostileCase[] {
  const good = (i: number) => `${i},${(i * 7) % 13},${i % 2}`;
  return [
    csv('empty file', ''),
    csv('header only', `a,b,${LABEL}\n`),
    csv('only newlines', '\n\n\n\n'),
    csv('CR-only line endings', `a,b,${LABEL}\r${rows(30, good).replace(/\n/g, '\r')}\r`),
    csv('a BOM and nothing else', '\uFEFF'),
    csv('NUL bytes in cells', `a,b,${LABEL}\n${rows(30, (i) => `${i},x\0y,${i % 2}`)}\n`),
    csv('invalid UTF-8', new Uint8Array([0x61, 0x2c, 0x79, 0x0a, 0xff, 0xfe, 0x2c, 0x31, 0x0a])),
    csv('UTF-16 with BOM', new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00, 0x79, 0x00])),
    csv('an unclosed quote at the end', `a,b,${LABEL}\n1,"open,0\n`),
    csv(
      'a quote inside an unquoted field',
      `a,b,${LABEL}\n${rows(30, (i) => `${i},x"y,${i % 2}`)}\n`,
    ),
    csv('a 1 MB cell', `a,b,${LABEL}\n1,${'x'.repeat(1 << 20)},0\n${rows(30, good)}\n`),
    csv(
      '2,000 columns',
      `${Array.from({ length: 2000 }, (_, i) => `c${i}`).join(',')},${LABEL}\n${rows(5, (i) => `${Array.from({ length: 2000 }, () => i).join(',')},${i % 2}`)}\n`,
    ),
    csv('duplicate column names', `a,a,${LABEL}\n${rows(30, good)}\n`),
    csv('an empty column name', `,b,${LABEL}\n${rows(30, good)}\n`),
    csv('prototype-polluting column names', `__proto__,constructor,${LABEL}\n${rows(30, good)}\n`),
    csv('the label column is missing', `a,b,c\n${rows(30, good)}\n`),
    csv('every label missing', `a,b,${LABEL}\n${rows(30, (i) => `${i},1,`)}\n`),
    csv('one label value only', `a,b,${LABEL}\n${rows(30, (i) => `${i},1,1`)}\n`, 'run'),
    csv(
      'numbers out of range',
      `a,b,${LABEL}\n${rows(30, (i) => `1e400,-0,${i % 2}`)}\n1e-400,NaN,0\nInfinity,-Infinity,1\n`,
    ),
    csv(
      'workflow commands and markdown in values and names',
      `"::error::x\n::add-mask::y",b,${LABEL}\n${rows(30, (i) => `"@user #1 https://x.y <!-- ~~~",${i},${i % 2}`)}\n`,
      'run',
    ),
    csv('ragged rows', `a,b,${LABEL}\n1,2\n3,4,5,6\n`),
    jsonl('JSON Lines nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    jsonl('JSON Lines that are not objects', ['[1,2,3]', '"text"', 'null'].join('\n')),
    jsonl(
      'JSON Lines with __proto__ keys',
      `{"__proto__": {"polluted": 1}, "a": 1, "${LABEL}": 1}`,
    ),
    config('a config that is a list', '- a\n- b\n'),
    config('a config that is a long string', `${'x'.repeat(100_000)}\n`),
    config(
      'a YAML alias bomb',
      `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n`,
    ),
    config(
      'a config nested 10,000 deep',
      `${'a: '.repeat(1)}${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    ),
    config('a model name git rejects', CONFIG.replace('name: hostile', 'name: a//b..c.lock')),
    config(
      'a 300-character model name',
      CONFIG.replace('name: hostile', `name: ${'a'.repeat(300)}`),
    ),
    config('unknown fields everywhere', `${CONFIG}extra: 1\nmodel2: {}\n`),
  ];
}

/** A random hostile CSV case for the fuzz script, reproducible from `seed`. */
export function randomHostileCase(seed: number): HostileCase {
  const rng = createRng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
  const pieces = [
    '',
    ',',
    '"',
    '""',
    '\r',
    '\n',
    '\r\n',
    '\u2028',
    '\0',
    '\uFEFF',
    '\uFFFD',
    'NaN',
    '1e999',
    '-0',
    '1,5',
    '@user',
    '#1',
    '::error::',
    '%0A',
    '<!--',
    '|',
    '`',
    '~~~',
    '[x](y)',
    'x'.repeat(1000),
    '1',
    '0',
    'yes',
    '2024-01-01',
    '\u202E',
    '𝟘',
    '\\',
  ];
  const cell = () => Array.from({ length: 1 + Math.floor(rng() * 3) }, () => pick(pieces)).join('');
  const columns = 1 + Math.floor(rng() * 6);
  const header = [...Array.from({ length: columns }, () => cell()), LABEL].join(',');
  const body = rows(5 + Math.floor(rng() * 60), () =>
    [...Array.from({ length: columns }, () => cell()), pick(['0', '1', '', cell()])].join(','),
  );
  return csv(`random case ${seed}`, `${header}\n${body}\n`, pick(['validate', 'validate', 'run']));
}
