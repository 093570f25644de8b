/**
 * Hostile data can't make the readers, statistics or schema take unbounded time or memory:
 * long lines read in linear time, fields and records past their limits are DataErrors naming
 * file:line and the setting, long reads show progress, and long values are stored as excerpts.
 */
import { describe, expect, test } from '@jest/globals';
import { detectAnomalies } from '../src/data/anomalies.js';
import { excerpt, LONG_RECORD_PROGRESS_BYTES, utf8Length } from '../src/data/bounds.js';
import { readCsvRecordBatches, type CsvRecord } from '../src/data/csv.js';
import { readJsonlRecords } from '../src/data/jsonl.js';
import { readTable, type ReadTableOptions } from '../src/data/read-table.js';
import { formatSchema, inferSchema } from '../src/data/schema.js';
import { computeStatistics } from '../src/data/statistics.js';
import type { RawTable, Schema } from '../src/data/types.js';
import { DataError } from '../src/errors.js';
import { mlops } from './support/cli.js';
import { makeRepo } from './support/repo.js';

const MIB = 1024 * 1024;

/** `text` in pieces of `size` characters. */
async function* pieces(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** `head`, then the same 64 KiB of `fill` for ever: a file with no end and no line break. */
async function* endless(head: string, fill = 'x'): AsyncGenerator<string> {
  yield head;
  const chunk = fill.repeat(64 * 1024);
  for (;;) yield chunk;
}

async function csvRecords(
  chunks: AsyncIterable<string>,
  limits: { maxFieldBytes?: number; maxRecordBytes?: number } = {},
): Promise<CsvRecord[]> {
  const records: CsvRecord[] = [];
  for await (const batch of readCsvRecordBatches(chunks, { source: 'data.csv', ...limits })) {
    records.push(...batch);
  }
  return records;
}

function read(chunks: AsyncIterable<string>, options: Partial<ReadTableOptions> = {}) {
  return readTable(chunks, { source: 'data.csv', ...options });
}

describe('CSV lines of any length', () => {
  // Each of these took minutes on the tokenizer that re-sliced the unfinished field (or the held
  // back header line) on every chunk: 4 MiB in 1 KiB chunks took 6–9 s, and the time grows with
  // size² / chunk size. Read in linear time, they take a fraction of a second.
  const cell = 'x'.repeat(8 * MIB);
  const header = Array.from({ length: MIB }, (_, i) => `c${i}`).join(',');
  test.each([
    [
      'an unquoted 8 MiB cell',
      `a,b\n${cell},1\n`,
      [
        ['a', 'b'],
        [cell, '1'],
      ],
    ],
    [
      'a quoted 8 MiB cell',
      `a,b\n"${cell}",1\n`,
      [
        ['a', 'b'],
        [cell, '1'],
      ],
    ],
    ['a header of a million columns', `${header}\n`, [header.split(',')]],
  ])('%s in 128-character chunks', async (_, text, expected) => {
    const limits = { maxFieldBytes: 16 * MIB, maxRecordBytes: 16 * MIB };
    const records = await csvRecords(pieces(text, 128), limits);
    // Joined, as comparing a million fields one by one takes longer than reading them.
    const joined = (rows: string[][]) => rows.map((fields) => fields.join('|'));
    expect(joined(records.map((record) => record.fields))).toEqual(joined(expected));
  });

  test('a line that never ends fails at data.max_record_bytes instead of reading for ever', async () => {
    const reading = csvRecords(endless('a,b,'), { maxRecordBytes: MIB });
    await expect(reading).rejects.toThrow(DataError);
    await expect(csvRecords(endless('a,b,'), { maxRecordBytes: MIB })).rejects.toThrow(
      /^data\.csv:1: a record \(line\) holds more than 1 MiB .*data\.max_record_bytes/,
    );
  });

  test('a field that never ends fails at data.max_field_bytes, naming its line', async () => {
    const reading = csvRecords(endless('a,b\n1,2\n3,'), { maxFieldBytes: 256 * 1024 });
    await expect(reading).rejects.toThrow(
      /^data\.csv:3: a field holds more than 262,144 bytes .*data\.max_field_bytes/,
    );
  });

  test('the default limits stop an 80 MB cell at 16 MiB', async () => {
    await expect(read(endless('a,b\n1,'))).rejects.toThrow(
      /^data\.csv:2: a field holds more than 16 MiB/,
    );
  });

  test('limits count UTF-8 bytes, in one chunk or many', async () => {
    const text = `a\n${'é'.repeat(5)}\n`; // 10 bytes in 5 characters
    for (const size of [text.length, 1]) {
      await expect(csvRecords(pieces(text, size), { maxFieldBytes: 10 })).resolves.toHaveLength(2);
      await expect(csvRecords(pieces(text, size), { maxFieldBytes: 9 })).rejects.toThrow(
        /^data\.csv:2: a field holds more than 9 bytes \(10 bytes/,
      );
    }
  });

  test('a long record of short fields fails at the record limit', async () => {
    const line = Array.from({ length: 1000 }, () => 'abcdefghi').join(',');
    await expect(csvRecords(pieces(`${line}\n`, 100), { maxRecordBytes: 9000 })).rejects.toThrow(
      /^data\.csv:1: a record \(line\) holds more than 9,000 bytes/,
    );
  });

  test('a record still open is reported every 64 MiB, with the line it starts on', async () => {
    const progress: [number, number][] = [];
    const reading = read(endless('a\n1\n'), {
      maxFieldBytes: 256 * MIB,
      maxRecordBytes: LONG_RECORD_PROGRESS_BYTES + MIB,
      onLongRecord: (line, bytes) => progress.push([line, bytes]),
    });
    await expect(reading).rejects.toThrow(/^data\.csv:3: a record/);
    expect(progress).toHaveLength(1);
    expect(progress[0]?.[0]).toBe(3);
    expect(progress[0]?.[1]).toBeGreaterThanOrEqual(LONG_RECORD_PROGRESS_BYTES);
  });
});

describe('a field exactly at the limit', () => {
  async function* chunks(text: string, size: number): AsyncGenerator<string> {
    for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
  }

  test.each([1, 3, 7, 64])(
    'is accepted as the last field with or without a final newline (chunks of %i)',
    async (size) => {
      for (const ending of ['', '\n']) {
        const text = `a,b\n1,${'x'.repeat(10)}${ending}`;
        const records = await csvRecords(chunks(text, size), { maxFieldBytes: 10 });
        expect(records.at(-1)?.fields).toEqual(['1', 'x'.repeat(10)]);
      }
    },
  );
});

describe('JSON Lines of any length and depth', () => {
  async function jsonl(chunks: AsyncIterable<string>, maxRecordBytes?: number) {
    const records = [];
    const options = { source: 'data.jsonl', ...(maxRecordBytes ? { maxRecordBytes } : {}) };
    for await (const record of readJsonlRecords(chunks, options)) records.push(record);
    return records;
  }

  test('a value nested 200,000 deep is a DataError naming its line, not a stack overflow', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const text = `{"a": 1}\n{"a": ${deep}}\n`;
    await expect(jsonl(pieces(text, 4096))).rejects.toThrow(
      /^data\.jsonl:2: a value nests arrays or objects more than 100 deep/,
    );
    await expect(readTable(pieces(text, 4096), { source: 'data.jsonl' })).rejects.toThrow(
      DataError,
    );
  });

  test('a line of 8 MiB in 128-character chunks is read whole', async () => {
    const value = 'x'.repeat(8 * MIB);
    const records = await jsonl(pieces(`{"a": "${value}"}\n{"a": 2}`, 128), 16 * MIB);
    expect(records.map((record) => record.line)).toEqual([1, 2]);
    expect(records[0]?.record.a).toBe(value);
  });

  test('a line that never ends fails at data.max_record_bytes', async () => {
    await expect(jsonl(endless('{"a": 1}\n{"a": "'), MIB)).rejects.toThrow(
      /^data\.jsonl:2: a record \(line\) holds more than 1 MiB/,
    );
  });

  test('a string value over data.max_field_bytes is a DataError naming its line', async () => {
    const text = `{"a": 1}\n{"a": "${'x'.repeat(2000)}"}\n`;
    await expect(
      readTable(pieces(text, 100), { source: 'data.jsonl', maxFieldBytes: 1000 }),
    ).rejects.toThrow(/^data\.jsonl:2: a field holds more than 1,000 bytes/);
  });
});

describe('column names', () => {
  test('a header name over 1,000 characters is a DataError', async () => {
    await expect(read(pieces(`id,${'n'.repeat(1001)}\n1,2\n`, 64))).rejects.toThrow(
      /^data\.csv:1: the name of column 2 is 1,001 characters long/,
    );
  });

  test('a JSONL key over 1,000 characters is a DataError', async () => {
    const text = `{"a": 1}\n{"${'k'.repeat(1001)}": 2}\n`;
    await expect(readTable(pieces(text, 64), { source: 'data.jsonl' })).rejects.toThrow(
      /^data\.jsonl:2: the name of key 2 is 1,001 characters long/,
    );
  });
});

describe('long values are stored as excerpts', () => {
  // A 1 MB cell stands for the 50 MB one that became a 50 MB schema.json and 100 MB validation.json.
  const huge = 'v'.repeat(MIB);
  const table: RawTable = {
    source: 'data.csv',
    columns: ['colour', 'note', 'size'],
    rows: Array.from({ length: 30 }, (_, i) => [
      i === 7 ? huge : (['red', 'blue'][i % 2] as string),
      i === 3 ? huge : `note ${i}`,
      i === 5 ? huge : String(i),
    ]),
    lines: Array.from({ length: 30 }, (_, i) => i + 2),
  };

  test('statistics keep excerpts of top values and invalid examples', () => {
    const stats = computeStatistics(table, { size: 'numeric' });
    expect(JSON.stringify(stats).length).toBeLessThan(10_000);
    const colour = stats.columns[0]?.categorical?.top.map((entry) => entry.value);
    expect(colour).toContain(excerpt(huge));
    expect(excerpt(huge)).toMatch(/^v{200}… \[1,048,576 characters\]$/);
    expect(stats.columns[2]?.invalid).toMatchObject({ count: 1, lines: [7] });
  });

  test('an inferred schema holds the excerpt in its domain, so the same data validates', () => {
    const schema = inferSchema(computeStatistics(table));
    expect(formatSchema(schema).length).toBeLessThan(5_000);
    expect(schema.features[0]?.values).toEqual(['blue', 'red', excerpt(huge)].sort());
    const kinds = Object.fromEntries(schema.features.map((f) => [f.name, f.kind]));
    expect(detectAnomalies(computeStatistics(table, kinds), schema)).toEqual([]);
  });

  test('anomaly descriptions carry excerpts of values and names', () => {
    const schema: Schema = {
      version: 1,
      features: [
        { name: 'colour', kind: 'categorical', minPresence: 1, values: ['red', 'blue'] },
        { name: 'size', kind: 'numeric', minPresence: 1, integer: true },
        { name: huge, kind: 'numeric', minPresence: 1 },
      ],
    };
    const anomalies = detectAnomalies(computeStatistics(table, { size: 'numeric' }), schema);
    expect(anomalies.map((a) => a.type)).toEqual([
      'ENUM_TYPE_UNEXPECTED_STRING_VALUES',
      'INT_TYPE_NOT_INT_STRING',
      'SCHEMA_MISSING_COLUMN',
      'SCHEMA_NEW_COLUMN',
    ]);
    for (const anomaly of anomalies) expect(anomaly.description.length).toBeLessThan(1_000);
  });
});

describe('utf8Length', () => {
  test.each(['', 'abc', 'é', '€', '😀', 'aé€😀'])('%j', (text) => {
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});

describe('the size limits are settings of mlops.yml', () => {
  test('data.max_field_bytes reaches the reader, and the error names the setting', async () => {
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${i},${'x'.repeat(i === 7 ? 5000 : 3)},${i % 2}`,
    );
    const config = 'name: capped\ndata: { train: data.csv, label: y, max_field_bytes: 4096 }\n';
    const dir = makeRepo({ 'data.csv': `a,b,y\n${rows.join('\n')}\n`, 'mlops.yml': config });
    const capped = await mlops(dir, ['validate']);
    expect(capped.code).toBe(2);
    expect(capped.stderr).toMatch(/data\.csv:9:.*max_field_bytes/);
    const raised = config.replace('4096', '8192');
    const dir2 = makeRepo({ 'data.csv': `a,b,y\n${rows.join('\n')}\n`, 'mlops.yml': raised });
    expect((await mlops(dir2, ['validate'])).stderr).not.toContain('max_field_bytes');
  });
});

describe('column count', () => {
  async function* once(text: string): AsyncGenerator<string> {
    yield text;
  }

  test('a header of more than 10,000 columns is a clear error', async () => {
    const header = Array.from({ length: 10_001 }, (_, i) => `c${i}`).join(',');
    await expect(read(once(`${header}\n`))).rejects.toThrow(
      /data\.csv:1: 10,001 columns, more than the 10,000/,
    );
  });

  test('JSON Lines naming new keys line after line stop at 10,000 columns', async () => {
    // 9,998 keys on the first line, then one new key per line: the limit is checked as keys
    // arrive, so the line that brings the 10,001st key is the one named.
    const first = JSON.stringify(
      Object.fromEntries(Array.from({ length: 9_998 }, (_, i) => [`k${i}`, 1])),
    );
    const lines = [first, ...[9_998, 9_999, 10_000].map((i) => `{"k${i}":1}`)].join('\n');
    await expect(read(once(lines), { source: 'data.jsonl' })).rejects.toThrow(
      /data\.jsonl:4: 10,001 columns/,
    );
  });
});
