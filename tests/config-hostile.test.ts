/**
 * Hostile configs: files that are not configs at all (the environment, /etc/passwd, one long
 * string), long values, alias bombs and deep nesting. Each ends in a ConfigError that names the
 * position and the kind of value, and never echoes what the file holds.
 */
import { describe, expect, test } from '@jest/globals';
import { parseConfig } from '../src/config/load.js';
import { ConfigError } from '../src/errors.js';

const SECRET = 'hunter2-do-not-print';
const MINIMAL = 'data:\n  train: data.csv\n  label: y\n';

/** The ConfigError message parseConfig throws for `text`, failing the test when it does not throw. */
function configError(text: string): string {
  try {
    parseConfig(text, 'mlops.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected the config to be rejected');
}

/** The classic "billion laughs": each level repeats the previous one nine times. */
function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < levels; i++) {
    lines.push(`a${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a file that is not a YAML mapping is described, never quoted', () => {
  test.each([
    [
      'the process environment (mlops.yml → /proc/self/environ)',
      `PATH=/usr/bin\0TOKEN=${SECRET}\0`,
    ],
    [
      'a password file',
      `root:x:0:0:root:/root:/bin/bash\nci:x:1000:1000:${SECRET}:/home/ci:/bin/sh\n`,
    ],
    ['one short word', SECRET],
  ])('%s', (_name, text) => {
    const message = configError(text);
    expect(message).toMatch(
      /mlops\.yml:1:1: \(top level\): expected object, got a string of \d+ characters/,
    );
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain('PATH=');
  });

  test('a list at the top level says how long it is, not what it holds', () => {
    const message = configError(`- ${SECRET}\n- two\n`);
    expect(message).toContain('(top level): expected object, got a list of 2 items');
    expect(message).not.toContain(SECRET);
  });

  test('a file of 1234 characters is "a string of 1234 characters"', () => {
    expect(configError('x'.repeat(1234))).toContain(
      'expected object, got a string of 1234 characters',
    );
  });
});

describe('a field with a long or structured value names its position and kind', () => {
  test('a long string where a number belongs', () => {
    const message = configError(`${MINIMAL}model:\n  epochs: "${SECRET}${'x'.repeat(5000)}"\n`);
    expect(message).toMatch(
      /mlops\.yml:5:\d+: model\.epochs: expected number, got a string of 5020 characters/,
    );
    expect(message).not.toContain(SECRET);
  });

  test('a multi-line string is never quoted, however short', () => {
    const message = configError(`${MINIMAL}model:\n  epochs: "a\\n::error::${SECRET}"\n`);
    expect(message).toMatch(/model\.epochs: expected number, got a string of \d+ characters/);
    expect(message).not.toContain(SECRET);
  });

  test('a mapping where a number belongs says how many fields it has', () => {
    const message = configError(`${MINIMAL}model:\n  epochs: { a: ${SECRET}, b: 2 }\n`);
    expect(message).toContain('model.epochs: expected number, got a mapping of 2 fields');
    expect(message).not.toContain(SECRET);
  });

  test('a long value outside an allowed list is described, not quoted', () => {
    const message = configError(`${MINIMAL}model:\n  task: ${SECRET}${'y'.repeat(100)}\n`);
    expect(message).toMatch(/model\.task: expected one of .*, got a string of 120 characters/);
    expect(message).not.toContain(SECRET);
  });

  test('a long unknown key is cut in the field path', () => {
    const key = `${SECRET}${'k'.repeat(500)}`;
    const message = configError(`${MINIMAL}${key}: 1\n`);
    expect(message).toMatch(/mlops\.yml:4:1: ".{40}… \(520 characters\)": unknown field/);
    expect(message).not.toContain('k'.repeat(100));
  });

  test('short values are still quoted, to say what was wrong', () => {
    expect(configError(`${MINIMAL}model:\n  epochs: "thirty"\n`)).toContain(
      'expected number, got "thirty"',
    );
  });
});

describe('configs built to exhaust memory or the stack are refused as ConfigErrors', () => {
  test('a billion-laughs alias bomb', () => {
    const message = configError(`${MINIMAL}${aliasBomb(9)}`);
    expect(message).toMatch(/^mlops\.yml: YAML aliases \(\*name\) expand past 100 copies/);
  });

  test('an alias to an anchor that does not exist', () => {
    expect(configError(`${MINIMAL}model:\n  epochs: *nowhere\n`)).toMatch(
      /^mlops\.yml: invalid YAML: .*nowhere/,
    );
  });

  test('flow collections nested 100,000 deep', () => {
    const depth = 100_000;
    const message = configError(`${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    expect(message).toMatch(/^mlops\.yml:1:\d+: invalid YAML: nested too deeply to read/);
  });

  test('block mappings nested 100 deep, which the YAML parser reads, fail at level 33', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k${i}:`);
    const message = configError(`${lines.join('\n')} 1\n`);
    expect(message).toMatch(/^mlops\.yml:33:\d+: nested more than 32 levels deep/);
  });

  test('aliases used a few times, as people do, still work', () => {
    const text = `${MINIMAL}model:\n  epochs: &size 8\n  batch_size: *size\n`;
    expect(parseConfig(text, 'mlops.yml').model).toMatchObject({ epochs: 8, batch_size: 8 });
  });
});

describe('config size', () => {
  test('a config over 1 MiB is refused before it is parsed', () => {
    const text = `name: big\ndata: { train: d.csv, label: y, slices: [${'1,'.repeat(600_000)}1] }\n`;
    expect(() => parseConfig(text, 'mlops.yml')).toThrow(
      /mlops\.yml: 1,200,0\d\d characters; .* at most 1,048,576/,
    );
  });
});
