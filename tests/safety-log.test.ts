/**
 * What the runner reads from a step: data in log lines never acts as a workflow command, outputs
 * cannot add outputs, and the job summary stays under GitHub's 1 MiB.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import * as core from '@actions/core';
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runnerLogger, writeJobSummary } from '../src/adapters/runner.js';
import { fitSummary, SUMMARY_LIMIT } from '../src/report/render.js';
import { inertLines, printData, withStoppedCommands } from '../src/safety/log.js';
import { tempDir } from './support/repo.js';

/** The commands the runner knows (actions/runner ActionCommandManager and its extensions). */
const RUNNER_COMMANDS = [
  'add-mask',
  'add-matcher',
  'add-path',
  'debug',
  'echo',
  'endgroup',
  'error',
  'group',
  'internal-set-repo-path',
  'notice',
  'remove-matcher',
  'save-state',
  'set-env',
  'set-output',
  'stop-commands',
  'warning',
];

interface Command {
  name: string;
  data: string;
}

/**
 * The commands a runner acts on in `stdout`, read as actions/runner does: line by line, the
 * `::name::data` form after leading whitespace, else the legacy `##[name]data` form anywhere;
 * between `::stop-commands::TOKEN` and `::TOKEN::` none but the resuming one.
 */
function runnerCommands(stdout: string): Command[] {
  const acted: Command[] = [];
  let stopToken: string | null = null;
  for (const line of stdout.split(/\r\n|[\r\n]/)) {
    const known = new Set(stopToken === null ? RUNNER_COMMANDS : [...RUNNER_COMMANDS, stopToken]);
    const command = commandOf(line, known);
    if (!command || (stopToken !== null && command.name !== stopToken)) continue;
    stopToken = stopToken === null && command.name === 'stop-commands' ? command.data : null;
    acted.push(command);
  }
  return acted;
}

function commandOf(line: string, known: Set<string>): Command | null {
  return modernCommand(line, known) ?? legacyCommand(line, known);
}

/** `::name props::data` once leading whitespace is trimmed, as .NET's TrimStart does (NEL too). */
function modernCommand(line: string, known: Set<string>): Command | null {
  const message = line.replace(/^[\s\u0085]+/, '');
  const end = message.indexOf('::', 2);
  if (!message.startsWith('::') || end < 0) return null;
  const name = (message.slice(2, end).split(' ')[0] as string).toLowerCase();
  return known.has(name) ? { name, data: unescapeData(message.slice(end + 2)) } : null;
}

/** `##[name props]data` at the first `##[` of the line, wherever it is. */
function legacyCommand(line: string, known: Set<string>): Command | null {
  const start = line.indexOf('##[');
  const end = line.indexOf(']', start);
  if (start < 0 || end < 0) return null;
  const name = (line.slice(start + 3, end).split(' ')[0] as string).toLowerCase();
  return known.has(name) ? { name, data: line.slice(end + 1) } : null;
}

function unescapeData(data: string): string {
  return data.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

/** The commands left once every stop-commands block is checked to be closed by its own token. */
function withoutStopBlocks(commands: Command[]): Command[] {
  const rest: Command[] = [];
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i] as Command;
    if (command.name !== 'stop-commands') {
      rest.push(command);
      continue;
    }
    expect(commands[i + 1]?.name).toBe(command.data);
    i++;
  }
  return rest;
}

/** What `fn` writes to stdout, with process.stdout.write captured while it runs. */
async function stdoutOf(fn: () => unknown): Promise<string> {
  const chunks: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('');
}

/** Pieces of workflow-command attacks, mixed with random text by `hostile`. */
const ATTACKS = [
  '\n',
  '\r',
  '\r\n',
  '::',
  '::error::owned',
  '::add-mask::x',
  '::stop-commands::y',
  '::set-output name=blessed::true',
  '::warning file=a.ts,line=1::x',
  '##[error]owned',
  '##[add-mask]x',
  ' ',
  '\t',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u3000',
  '%',
  '%0A',
  '%25',
  '%0D::error::x',
];

const hostile = fc
  .array(fc.oneof(fc.constantFrom(...ATTACKS), fc.string({ unit: 'binary', maxLength: 6 })), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));

/** The issue's attack: a column name that puts commands at line start. */
const EVIL_COLUMN = 'evil\n::error title=pwned::owned\n::add-mask::x\n::stop-commands::y';

describe('inertLines', () => {
  test.each([
    ['keeps the lines, each made inert', 'a%b\r\n::c', 'a%b\n%3A:c'],
    ['breaks a leading ::', '::error::x', '%3A:error::x'],
    [
      'breaks a :: after whitespace the runner trims',
      ' \t\u00a0\u0085::error::x',
      ' \t\u00a0\u0085%3A:error::x',
    ],
    ['leaves a :: inside the line', 'time 12::30', 'time 12::30'],
    ['breaks the legacy ##[ anywhere', 'col ##[error]x', 'col ##%5Berror]x'],
    [
      'leaves plain text alone',
      'rows read: 1,200 (see schema.json)',
      'rows read: 1,200 (see schema.json)',
    ],
  ])('%s', (_, text, line) => {
    expect(inertLines(text)).toBe(line);
  });

  test('never lets a line act as a command', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(runnerCommands(inertLines(text))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('printData and withStoppedCommands', () => {
  test('a one-line text prints as one inert line, its % kept as typed (plain lines are not decoded)', () => {
    const lines: string[] = [];
    printData((line) => lines.push(line), '::error::y at 100%');
    expect(lines).toEqual(['%3A:error::y at 100%']);
  });

  test('a multi-line text prints line by line inside a stop-commands block with a random token', () => {
    const lines: string[] = [];
    printData((line) => lines.push(line), EVIL_COLUMN);
    const [stop, ...rest] = lines;
    const token = stop?.replace('::stop-commands::', '') as string;
    expect(token).toMatch(/^mlops-[\da-f-]{36}$/);
    expect(rest).toEqual([
      'evil',
      '%3A:error title=pwned::owned',
      '%3A:add-mask::x',
      '%3A:stop-commands::y',
      `::${token}::`,
    ]);
  });

  test('the block is closed even when its function throws, and each block has its own token', () => {
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);
    expect(() =>
      withStoppedCommands(print, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    withStoppedCommands(print, () => print('x'));
    expect(lines[1]).toBe(`::${lines[0]?.replace('::stop-commands::', '')}::`);
    expect(lines[2]).not.toBe(lines[0]);
  });
});

describe('runnerLogger', () => {
  test("the issue's column name logged as information sets no command", async () => {
    const stdout = await stdoutOf(() =>
      runnerLogger.info(`WARNING ENUM_TYPE_UNEXPECTED_STRING_VALUES (${EVIL_COLUMN}): odd values`),
    );
    expect(withoutStopBlocks(runnerCommands(stdout))).toEqual([]);
    expect(stdout).toContain('%3A:add-mask::x');
  });

  test('a warning is one annotation whose message reads back whole, line ends included', async () => {
    const message = `ERROR SCHEMA_MISSING_COLUMN (${EVIL_COLUMN}): gone 100%`;
    const stdout = await stdoutOf(() => runnerLogger.warn(message));
    expect(runnerCommands(stdout)).toEqual([{ name: 'warning', data: message }]);
  });

  test('for any hostile text, only our own commands reach the runner', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, hostile, hostile, async (info, warning, group) => {
        const stdout = await stdoutOf(async () => {
          runnerLogger.info(info);
          runnerLogger.warn(warning);
          await runnerLogger.group(group, async () => runnerLogger.info(info));
        });
        const lines = stdout.split(/\r\n|[\r\n]/).filter((line) => /^[\s\u0085]*::/.test(line));
        expect(
          lines.every((line) => /^::(warning|group|endgroup|stop-commands|mlops-)/.test(line)),
        ).toBe(true);
        expect(withoutStopBlocks(runnerCommands(stdout))).toEqual([
          { name: 'warning', data: warning },
          { name: 'group', data: group },
          { name: 'endgroup', data: '' },
        ]);
      }),
      { numRuns: 300 },
    );
  });
});

/** Sets `name` to `value` in the environment for each test of the block, restoring it after. */
function useEnv(name: string, value: () => string): void {
  const before = process.env[name];
  beforeEach(() => {
    process.env[name] = value();
  });
  afterEach(() => {
    if (before === undefined) delete process.env[name];
    else process.env[name] = before;
  });
}

describe('outputs', () => {
  let file = '';
  useEnv('GITHUB_OUTPUT', () => {
    file = path.join(tempDir(), 'output');
    writeFileSync(file, '');
    return file;
  });

  /** The outputs in a GITHUB_OUTPUT file, read as the runner does: `k=v` or `k<<DELIMITER` blocks. */
  function readOutputs(text: string): Record<string, string> {
    const outputs: Record<string, string> = {};
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const [equals, heredoc] = [line.indexOf('='), line.indexOf('<<')];
      if (line === '') continue;
      if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
        outputs[line.slice(0, equals)] = line.slice(equals + 1);
        continue;
      }
      const delimiter = line.slice(heredoc + 2);
      const end = lines.indexOf(delimiter, i + 1);
      if (heredoc < 0 || end < 0) throw new Error(`invalid output line ${i + 1}`);
      outputs[line.slice(0, heredoc)] = lines.slice(i + 1, end).join('\n');
      i = end;
    }
    return outputs;
  }

  test('a value with line ends and delimiter-like text stays one output', () => {
    const value = `{"a":1}\nblessed=true\nghadelimiter_00000000-0000-0000-0000-000000000000\nversion<<EOF\n9.9.9\nEOF`;
    core.setOutput('evaluation', value);
    expect(readOutputs(readFileSync(file, 'utf8'))).toEqual({ evaluation: value });
  });

  test('any value, written by @actions/core, reads back as itself and nothing else', () => {
    const piece = fc.constantFrom('\n', '=', '<<', 'ghadelimiter_', 'EOF', 'x=1', 'y<<EOF');
    const value = fc
      .array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 10 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(value, (text) => {
        writeFileSync(file, '');
        core.setOutput('evaluation', text);
        expect(readOutputs(readFileSync(file, 'utf8'))).toEqual({ evaluation: text });
      }),
    );
  });
});

describe('job summary', () => {
  const encoder = new TextEncoder();
  const bytes = (text: string) => encoder.encode(text).length;
  // A 2.2 MB report of multi-byte rows, as the issue saw, inside a <details>.
  const row = (i: number) => `| ${i} | ${'é😀'.repeat(20)} |`;
  const big = `# report\n\n<details><summary>rows</summary>\n\n${Array.from({ length: 17_000 }, (_, i) => row(i)).join('\n')}\n\n</details>\n`;

  test('fitSummary leaves a summary that fits as it is', () => {
    expect(fitSummary('# small\n')).toBe('# small\n');
  });

  test('fitSummary cuts at a line end under the byte limit, closes the details and says so', () => {
    expect(bytes(big)).toBeGreaterThan(2 * SUMMARY_LIMIT);
    const fitted = fitSummary(big);
    expect(bytes(fitted)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(fitted).not.toContain('\uFFFD');
    expect(fitted).toMatch(
      /\|\n\n<\/details>\n\n> ⚠️ Job summary cut to fit GitHub's 1048576-byte limit/,
    );
    const kept = fitted.slice(0, fitted.indexOf('\n\n</details>'));
    expect(big.startsWith(`${kept}\n`)).toBe(true);
  });

  test('fitSummary never splits a character at the cut, whatever the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 3000 }), (limit) => {
        const fitted = fitSummary(big.slice(0, 5000), limit);
        expect(bytes(fitted)).toBeLessThanOrEqual(limit);
        expect(fitted).not.toContain('\uFFFD');
      }),
    );
  });

  describe('writeJobSummary', () => {
    let file = '';
    useEnv('GITHUB_STEP_SUMMARY', () => {
      // @actions/core keeps the first path it reads: one file for every test, emptied before each.
      file ||= path.join(tempDir(), 'summary');
      writeFileSync(file, '');
      return file;
    });

    test('writes a 2.2 MB report cut under 1 MiB, which GitHub accepts', async () => {
      await writeJobSummary(big);
      const written = readFileSync(file);
      expect(written.length).toBeLessThanOrEqual(SUMMARY_LIMIT);
      expect(written.toString('utf8')).toContain('Job summary cut to fit');
    });

    test('writes a report that fits whole', async () => {
      await writeJobSummary('# report\n\nall of it\n');
      expect(readFileSync(file, 'utf8')).toBe('# report\n\nall of it\n');
    });
  });
});
