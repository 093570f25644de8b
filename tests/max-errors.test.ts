/**
 * `--max-errors N` (data.max_errors): bad records are left out of the table into
 * `<out>/rejects.csv` or `rejects.jsonl` instead of stopping the run, up to N; one more is the
 * DataError of today, naming the count. Their text is hostile data: it reaches the rejects file,
 * never the log, the CLI's output or the report, which give a count and line numbers.
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DatasetStats } from '../src/data/types.js';
import { LABEL, mlops, read, readJson, tinyConfig } from './support/cli.js';
import { makeRepo } from './support/repo.js';

/** In every rejected record: it must never be printed or rendered. */
const MARKER = 'HOSTILE-7f3a';
const CITIES = ['Lisbon', 'Porto', 'Braga'];

interface GoodRow {
  x: number;
  city: string;
  label: string;
}

function goodRows(count: number): GoodRow[] {
  return Array.from({ length: count }, (_, i) => ({
    x: (i * 7) % 23,
    city: CITIES[i % CITIES.length] as string,
    label: i % 2 === 0 ? 'yes' : 'no',
  }));
}

const GOOD = goodRows(60);
const GOOD_MEAN = GOOD.reduce((sum, row) => sum + row.x, 0) / GOOD.length;

/** Bad CSV rows, by the data row they come after: a wrong number of fields, hostile text. */
const BAD_CSV: [after: number, text: string][] = [
  [4, `1000000,::error::${MARKER} <img src=x onerror=alert(1)> @everyone,yes,extra`],
  [20, `=cmd|' /C calc'!A0 ${MARKER}`],
  [41, `1000000,"${MARKER}, quoted",no,1,2`],
];

/** The CSV text and the lines its bad rows are on. */
function csvWithBadRows(bad = BAD_CSV): { text: string; badLines: number[] } {
  const lines = [`x,city,${LABEL}`];
  const badLines: number[] = [];
  GOOD.forEach((row, i) => {
    lines.push(`${row.x},${row.city},${row.label}`);
    for (const [after, text] of bad) {
      if (after !== i) continue;
      lines.push(text);
      badLines.push(lines.length);
    }
  });
  return { text: `${lines.join('\n')}\n`, badLines };
}

/** Bad JSON Lines: not valid JSON, an array, a string. */
const BAD_JSONL: [after: number, text: string][] = [
  [3, `{"x": 1000000, "city": "${MARKER}", "${LABEL}": "yes"`],
  [30, `[1000000, "::error::${MARKER}"]`],
  [50, `"${MARKER} <script>alert(1)</script>"`],
];

function jsonlWithBadRows(): { text: string; badLines: number[] } {
  const lines: string[] = [];
  const badLines: number[] = [];
  GOOD.forEach((row, i) => {
    lines.push(JSON.stringify({ x: row.x, city: row.city, [LABEL]: row.label }));
    for (const [after, text] of BAD_JSONL) {
      if (after !== i) continue;
      lines.push(text);
      badLines.push(lines.length);
    }
  });
  return { text: `${lines.join('\n')}\n`, badLines };
}

interface Validation {
  rows: number;
  rejected?: { count: number; file: string; lines: number[] } | null;
  statistics: DatasetStats;
  passed: boolean;
}

function column(stats: DatasetStats, name: string) {
  const found = stats.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

function expectNoMarker(...texts: string[]): void {
  for (const text of texts) expect(text).not.toContain(MARKER);
}

/** Parses rejects.csv: `line,error,record`, the text cells always quoted. */
function parseRejectsCsv(text: string): { line: number; error: string; record: string }[] {
  const [header, ...rows] = text.trimEnd().split('\n');
  expect(header).toBe('line,error,record');
  return rows.map((row) => {
    const match = /^(\d+),"((?:[^"]|"")*)","((?:[^"]|"")*)"$/.exec(row);
    if (!match) throw new Error(`not a rejects row: ${row}`);
    const unquote = (cell: string) => cell.replaceAll('""', '"');
    return {
      line: Number(match[1]),
      error: unquote(match[2] as string),
      record: unquote(match[3] as string),
    };
  });
}

describe('CSV rows with the wrong number of fields', () => {
  const { text, badLines } = csvWithBadRows();
  const validate = (dir: string, ...flags: string[]) =>
    mlops(dir, ['validate', '--data', 'data.csv', '--label', LABEL, ...flags]);

  test('without --max-errors the first one stops the run, as before', async () => {
    const dir = makeRepo({ 'data.csv': text });
    const result = await validate(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`data.csv:${badLines[0]}: expected 3 fields, found 4`);
    expect(result.stderr).not.toContain('bad record');
    expectNoMarker(result.stdout, result.stderr);
    expect(existsSync(path.join(dir, '.mlops', 'rejects.csv'))).toBe(false);
  });

  test('with enough, they go to rejects.csv and the statistics leave them out', async () => {
    const dir = makeRepo({ 'data.csv': text });
    const result = await validate(dir, '--max-errors', '3');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `3 rows rejected as bad records (data.max_errors 3), on lines ${badLines.join(', ')}`,
    );
    expect(result.stderr).toContain(path.join(dir, '.mlops', 'rejects.csv'));
    expectNoMarker(result.stdout, result.stderr);

    const rejects = parseRejectsCsv(read(dir, '.mlops/rejects.csv'));
    expect(rejects).toEqual([
      {
        line: badLines[0],
        error: expect.stringMatching(/^expected 3 fields, found 4; /),
        record: BAD_CSV[0]?.[1],
      },
      {
        line: badLines[1],
        error: expect.stringMatching(/^expected 3 fields, found 1; /),
        // The fields as a CSV line, made inert for a spreadsheet by a leading quote.
        record: `'=cmd|' /C calc'!A0 ${MARKER}`,
      },
      {
        line: badLines[2],
        error: expect.stringMatching(/^expected 3 fields, found 5; /),
        record: `1000000,"${MARKER}, quoted",no,1,2`,
      },
    ]);

    const validation = readJson<Validation>(dir, '.mlops/validation.json');
    expect(validation.rejected).toEqual({ count: 3, file: 'rejects.csv', lines: badLines });
    expect(validation.rows).toBe(GOOD.length);
    expect(validation.statistics.rows).toBe(GOOD.length);
    const x = column(validation.statistics, 'x');
    expect(x.count).toBe(GOOD.length);
    expect(x.numeric?.max).toBe(22);
    expect(x.numeric?.mean).toBeCloseTo(GOOD_MEAN, 10);
    expect(JSON.stringify(validation)).not.toContain(MARKER);
    expect(validation.passed).toBe(true);
  });

  test('data.max_errors in the config does the same; a clean run removes the stale file', async () => {
    const config = tinyConfig('').replace('  label:', '  max_errors: 5\n  label:');
    const dir = makeRepo({ 'data.csv': text, 'mlops.yml': config });
    const result = await mlops(dir, ['validate']);
    expect(result.code).toBe(0);
    expect(readJson<Validation>(dir, '.mlops/validation.json').rejected?.count).toBe(3);

    // A later run that rejects nothing removes the earlier run's file.
    writeFileSync(path.join(dir, 'data.csv'), csvWithBadRows([]).text);
    const clean = await mlops(dir, ['validate']);
    expect(clean.code).toBe(0);
    expect(clean.stderr).not.toContain('rejected');
    expect(readJson<Validation>(dir, '.mlops/validation.json').rejected).toBeNull();
    expect(existsSync(path.join(dir, '.mlops', 'rejects.csv'))).toBe(false);
  });

  test('one more than --max-errors allows is the DataError of today, naming the count', async () => {
    const dir = makeRepo({ 'data.csv': text });
    const result = await validate(dir, '--max-errors', '2');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`data.csv:${badLines[2]}: expected 3 fields, found 5`);
    expect(result.stderr).toContain('bad record 3, more than the 2 data.max_errors');
    expectNoMarker(result.stdout, result.stderr);
  });

  test('a file whose rows are all bad is an error, not an empty table', async () => {
    const dir = makeRepo({ 'data.csv': `a,b,${LABEL}\n1,2\n3\n` });
    const result = await validate(dir, '--max-errors', '10');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('every data row (2) was rejected as a bad record');
  });

  test('what leaves the reader lost still stops: an unclosed quote, bad UTF-8', async () => {
    const unclosed = `${text}1,"${MARKER},yes\n2,Porto,no\n`;
    const latin1 = Buffer.concat([Buffer.from(text), Buffer.from([0x31, 0x2c, 0xe9, 0x2c, 0x0a])]);
    for (const data of [unclosed, latin1]) {
      const dir = makeRepo({ 'data.csv': data });
      const result = await validate(dir, '--max-errors', '100');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/never closed|not valid UTF-8/);
    }
  });

  test('--max-errors takes a whole number', async () => {
    const dir = makeRepo({ 'data.csv': text });
    for (const value of ['-1', '1.5', 'many']) {
      const result = await validate(dir, '--max-errors', value);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('--max-errors: expected a whole number');
    }
  });

  test('mlops run trains without them and the report counts them, never quoting them', async () => {
    const dir = makeRepo({ 'data.csv': text, 'mlops.yml': tinyConfig() });
    const result = await mlops(dir, ['run', '--no-register', '--max-errors', '3']);
    expect(result.code).toBeLessThan(2);
    expectNoMarker(result.stdout, result.stderr);
    const report = read(dir, '.mlops/report.md');
    expect(report).toContain('3 rows rejected (see rejects file <code>rejects.csv</code>)');
    expectNoMarker(report);
    const training = readJson<{ rows: { train: number; validation: number; test: number } }>(
      dir,
      '.mlops/model/training.json',
    );
    const { train, validation, test: testRows } = training.rows;
    expect(train + validation + testRows).toBe(GOOD.length);
  });
});

describe('JSON Lines lines that are not JSON objects', () => {
  const { text, badLines } = jsonlWithBadRows();
  const validate = (dir: string, ...flags: string[]) =>
    mlops(dir, ['validate', '--data', 'data.jsonl', '--label', LABEL, ...flags]);

  test('without --max-errors the first one stops the run, as before', async () => {
    const dir = makeRepo({ 'data.jsonl': text });
    const result = await validate(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`data.jsonl:${badLines[0]}: not valid JSON`);
  });

  test('with enough, they go to rejects.jsonl and the statistics leave them out', async () => {
    const dir = makeRepo({ 'data.jsonl': text });
    const result = await validate(dir, '--max-errors', '3');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`3 rows rejected as bad records`);
    expect(result.stderr).toContain(path.join(dir, '.mlops', 'rejects.jsonl'));
    expectNoMarker(result.stdout, result.stderr);

    const rejects = read(dir, '.mlops/rejects.jsonl')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { line: number; error: string; record: string });
    expect(rejects).toEqual([
      {
        line: badLines[0],
        error: expect.stringMatching(/^not valid JSON \(/),
        record: BAD_JSONL[0]?.[1],
      },
      {
        line: badLines[1],
        error: expect.stringMatching(/^expected a JSON object, found an array; /),
        record: BAD_JSONL[1]?.[1],
      },
      {
        line: badLines[2],
        error: expect.stringMatching(/^expected a JSON object, found a string; /),
        record: BAD_JSONL[2]?.[1],
      },
    ]);

    const validation = readJson<Validation>(dir, '.mlops/validation.json');
    expect(validation.rejected).toEqual({ count: 3, file: 'rejects.jsonl', lines: badLines });
    expect(validation.statistics.rows).toBe(GOOD.length);
    const x = column(validation.statistics, 'x');
    expect(x.numeric?.max).toBe(22);
    expect(x.numeric?.mean).toBeCloseTo(GOOD_MEAN, 10);
    expect(JSON.stringify(validation)).not.toContain(MARKER);
  });

  test('a value over data.max_field_bytes is a bad record too, its key no column', async () => {
    const long = `{"x": 1, "notes": "${MARKER}${'z'.repeat(5000)}", "${LABEL}": "yes"}`;
    const lines = GOOD.map((row) =>
      JSON.stringify({ x: row.x, city: row.city, [LABEL]: row.label }),
    );
    lines.splice(10, 0, long);
    const config = tinyConfig('').replace(
      '  train: data.csv',
      '  train: data.jsonl\n  max_field_bytes: 1000',
    );
    const dir = makeRepo({ 'data.jsonl': `${lines.join('\n')}\n`, 'mlops.yml': config });
    const result = await mlops(dir, ['validate', '--max-errors', '1']);
    expect(result.code).toBe(0);
    expectNoMarker(result.stdout, result.stderr);
    const validation = readJson<Validation>(dir, '.mlops/validation.json');
    expect(validation.rejected).toEqual({ count: 1, file: 'rejects.jsonl', lines: [11] });
    expect(validation.statistics.columns.map((c) => c.name)).toEqual(['x', 'city', LABEL]);
    const [reject] = read(dir, '.mlops/rejects.jsonl')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { line: number; error: string; record: string });
    expect(reject?.error).toMatch(/more than 1,000 bytes/);
    // Cut to a bounded length, with a marker saying how long it was.
    expect(reject?.record.length).toBeLessThan(1100);
    expect(reject?.record).toMatch(/… \[5,\d{3} characters\]$/);
  });

  test('one more than --max-errors allows is the DataError of today, naming the count', async () => {
    const dir = makeRepo({ 'data.jsonl': text });
    const result = await validate(dir, '--max-errors', '2');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `data.jsonl:${badLines[2]}: expected a JSON object, found a string`,
    );
    expect(result.stderr).toContain('bad record 3, more than the 2');
    expectNoMarker(result.stdout, result.stderr);
  });
});
