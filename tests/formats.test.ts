/**
 * Input formats beyond CSV: the same table written as CSV, CSV.gz, JSONL, JSONL.gz and Parquet
 * validates to the same statistics; Parquet's types become the cells CSV would give; and hostile
 * files (decompression bombs, corrupt or truncated bytes, nested or binary columns, misnamed
 * files) are DataErrors naming the file, never a crash or a hang.
 */
import { describe, expect, test } from '@jest/globals';
import { parquetMetadata, snappyUncompress, type FileMetaData } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { ByteWriter, parquetWriteBuffer } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeMetadata } from 'hyparquet-writer/src/metadata.js';
import { snappyCompress } from 'hyparquet-writer/src/snappy.js';
import { brotliCompressSync, createGzip, gzipSync } from 'node:zlib';
import { EXPANSION_ALLOWANCE, MAX_EXPANSION_RATIO } from '../src/data/bounds.js';
import { JSONL_BATCH_ROWS, readTable, type ReadTableOptions } from '../src/data/read-table.js';
import { snappyDecompress } from '../src/data/snappy.js';
import type { DatasetStats } from '../src/data/types.js';
import { DataError } from '../src/errors.js';
import { createRng } from '../src/util/random.js';
import { mlops, readJson } from './support/cli.js';
import { makeRepo } from './support/repo.js';

const MIB = 1024 * 1024;

async function* chunksOf(...parts: Uint8Array[]): AsyncGenerator<Uint8Array> {
  yield* parts;
}

function read(bytes: Uint8Array, source: string, options: Partial<ReadTableOptions> = {}) {
  return readTable(chunksOf(bytes), { source, ...options });
}

const text = (value: string) => new TextEncoder().encode(value);

/** A table made in the test: ids, numbers with missing values, categories, booleans, a date, a label. */
interface Row {
  id: number;
  income: number | null;
  age: number | null;
  city: string | null;
  member: boolean | null;
  signup: string | null;
  churn: string;
}

const COLUMNS = ['customer id', 'income', 'age', 'city', 'member', 'signup', 'churn'] as const;
const CITIES = ['Lisbon', 'Porto', 'Braga', 'Faro', 'Coimbra'];

function makeRows(count: number, seed = 5): Row[] {
  const rng = createRng(seed);
  const maybe = <T>(value: T, share = 0.1): T | null => (rng() < share ? null : value);
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(rng() * 700) * 86_400_000);
    return {
      id: 1000 + i,
      income: maybe(Math.round((20_000 + rng() * 80_000) * 100) / 100),
      age: maybe(18 + Math.floor(rng() * 60)),
      city: maybe(CITIES[Math.floor(rng() * CITIES.length)] as string, 0.05),
      member: maybe(rng() < 0.4),
      signup: maybe(day.toISOString().slice(0, 10), 0.03),
      churn: rng() < 0.3 ? 'left' : 'stayed',
    };
  });
}

const values = (row: Row) => [
  row.id,
  row.income,
  row.age,
  row.city,
  row.member,
  row.signup,
  row.churn,
];

function toCsv(rows: Row[]): string {
  const cell = (value: unknown) => (value === null ? '' : String(value));
  const lines = rows.map((row) => values(row).map(cell).join(','));
  return `${COLUMNS.join(',')}\n${lines.join('\n')}\n`;
}

function toJsonl(rows: Row[]): string {
  const line = (row: Row) =>
    JSON.stringify(Object.fromEntries(COLUMNS.map((name, i) => [name, values(row)[i]])));
  return `${rows.map(line).join('\n')}\n`;
}

type Codec = 'SNAPPY' | 'GZIP' | 'BROTLI' | 'UNCOMPRESSED';

function toParquet(rows: Row[], codec: Codec = 'SNAPPY'): Uint8Array {
  const column = (i: number) => rows.map((row) => values(row)[i] ?? null);
  const days = (date: string | null) => (date === null ? null : Date.parse(date) / 86_400_000);
  const buffer = parquetWriteBuffer({
    codec,
    compressors: { GZIP: (b) => gzipSync(b), BROTLI: (b) => brotliCompressSync(b) },
    rowGroupSize: 150, // several row groups
    columnData: [
      { name: 'customer id', data: rows.map((row) => BigInt(row.id)) },
      { name: 'income', data: column(1) },
      { name: 'age', data: column(2) },
      { name: 'city', data: column(3) },
      { name: 'member', data: column(4) },
      { name: 'signup', data: rows.map((row) => days(row.signup)) },
      { name: 'churn', data: column(6) },
    ],
    schema: [
      { name: 'root', num_children: 7 },
      { name: 'customer id', type: 'INT64', repetition_type: 'REQUIRED' },
      { name: 'income', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'age', type: 'INT32', repetition_type: 'OPTIONAL' },
      { name: 'city', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'member', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
      { name: 'signup', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
      { name: 'churn', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    ],
  });
  return new Uint8Array(buffer);
}

/** A Parquet file of `columns` (writer's ColumnSource) with the writer's own schema. */
function parquet(columns: Parameters<typeof parquetWriteBuffer>[0]['columnData'], extra = {}) {
  return new Uint8Array(parquetWriteBuffer({ columnData: columns, ...extra }));
}

/**
 * `bytes` with a footer that says what `edit` makes it say: the pages stay as they are, so the
 * file lies about them (how hostile files are made without writing gigabytes).
 */
function withFooter(bytes: Uint8Array, edit: (metadata: FileMetaData) => void): Uint8Array {
  const metadata = parquetMetadata(bytes.buffer as ArrayBuffer);
  const pagesEnd = bytes.length - 8 - metadata.metadata_length;
  edit(metadata);
  const writer = new ByteWriter();
  writer.appendBytes(bytes.subarray(0, pagesEnd));
  // The writer bundles its own hyparquet, whose types differ in name only.
  writeMetadata(writer, metadata as Parameters<typeof writeMetadata>[1]);
  writer.appendUint32(0x31524150); // PAR1
  return new Uint8Array(writer.getBuffer());
}

/**
 * A Snappy-compressed file of version 2 data pages (all hyparquet-writer writes) rewritten with
 * version 1 pages, as pyarrow writes by default: the definition levels move inside the compressed
 * page, behind a 4-byte length.
 */
type WriterPageHeader = Parameters<typeof writePageHeader>[1];

function withPagesV1(bytes: Uint8Array): Uint8Array {
  const metadata = parquetMetadata(bytes.buffer as ArrayBuffer);
  const writer = new ByteWriter();
  writer.appendBytes(text('PAR1'));
  for (const group of metadata.row_groups) {
    for (const chunk of group.columns) {
      const meta = chunk.meta_data as NonNullable<typeof chunk.meta_data>;
      expect(meta.codec).toBe('SNAPPY');
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      const reader = { view: new DataView(bytes.buffer), offset: start };
      const chunkStart = writer.offset;
      while (reader.offset < end) {
        const header = parquetHeader(reader);
        const body = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size);
        reader.offset += header.compressed_page_size;
        const v2 = header.data_page_header_v2;
        if (header.type === 'DICTIONARY_PAGE') {
          if (meta.dictionary_page_offset) meta.dictionary_page_offset = BigInt(writer.offset);
          writePageHeader(writer, header as WriterPageHeader);
          writer.appendBytes(body);
          continue;
        }
        if (!v2) throw new Error('expected a version 2 data page');
        const levels = v2.definition_levels_byte_length;
        const values = new Uint8Array(header.uncompressed_page_size - levels);
        snappyUncompress(body.subarray(levels), values);
        const page = new ByteWriter();
        if (levels > 0) {
          page.appendUint32(levels);
          page.appendBytes(body.subarray(0, levels));
        }
        page.appendBytes(values);
        const compressed = snappyCompress(page.getBytes());
        if (!meta.dictionary_page_offset || meta.data_page_offset > BigInt(chunkStart)) {
          meta.data_page_offset = BigInt(writer.offset);
        }
        writePageHeader(writer, {
          type: 'DATA_PAGE' as const,
          uncompressed_page_size: page.offset,
          compressed_page_size: compressed.length,
          data_page_header: {
            num_values: v2.num_values,
            encoding: v2.encoding,
            definition_level_encoding: 'RLE',
            repetition_level_encoding: 'RLE',
          },
        } as WriterPageHeader);
        writer.appendBytes(compressed);
      }
      meta.total_compressed_size = BigInt(writer.offset - chunkStart);
      meta.total_uncompressed_size = meta.total_compressed_size;
      chunk.file_offset = BigInt(chunkStart);
    }
  }
  writeMetadata(writer, metadata as Parameters<typeof writeMetadata>[1]);
  writer.appendUint32(0x31524150); // PAR1
  return new Uint8Array(writer.getBuffer());
}

/** Sets the rows a one-row-group file declares, in the file and its row group. */
function declareRows(rows: bigint) {
  return (metadata: FileMetaData) => {
    metadata.num_rows = rows;
    const group = metadata.row_groups[0];
    if (group) group.num_rows = rows;
  };
}

describe('the same table in every format validates to the same statistics', () => {
  const rows = makeRows(400);
  const csv = toCsv(rows);
  const jsonl = toJsonl(rows);
  const files: Record<string, string | Uint8Array> = {
    'data.csv': csv,
    'data.csv.gz': gzipSync(csv),
    'data.jsonl': jsonl,
    'data.jsonl.gz': gzipSync(jsonl),
    'data.parquet': toParquet(rows),
    'gzip.parquet': toParquet(rows, 'GZIP'),
    'brotli.parquet': toParquet(rows, 'BROTLI'),
    'plain.parquet': toParquet(rows, 'UNCOMPRESSED'),
    'pages-v1.parquet': withPagesV1(toParquet(rows)),
  };
  const dir = makeRepo(files);

  async function validate(file: string) {
    const result = await mlops(dir, ['validate', '--data', file, '--label', 'churn']);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    return readJson<{
      rows: number;
      statistics: DatasetStats;
      schema: unknown;
      anomalies: unknown;
    }>(dir, '.mlops/validation.json');
  }

  let reference: Awaited<ReturnType<typeof validate>>;
  test('CSV, the reference, has the kinds the table was made with', async () => {
    reference = await validate('data.csv');
    expect(reference.rows).toBe(400);
    const kinds = Object.fromEntries(reference.statistics.columns.map((c) => [c.name, c.kind]));
    expect(kinds).toEqual({
      'customer id': 'numeric',
      income: 'numeric',
      age: 'numeric',
      city: 'categorical',
      member: 'boolean',
      signup: 'date',
      churn: 'categorical',
    });
    const missing = (name: string) => reference.statistics.columns.find((c) => c.name === name);
    expect(missing('income')?.missing).toBe(rows.filter((row) => row.income === null).length);
    expect(missing('member')?.missing).toBe(rows.filter((row) => row.member === null).length);
    expect(missing('income')?.numeric?.mean).toBeCloseTo(
      mean(rows.flatMap((row) => (row.income === null ? [] : [row.income]))),
      6,
    );
  });

  test.each(Object.keys(files).filter((file) => file !== 'data.csv'))(
    '%s: kinds, counts, missing values, means, quantiles and top values equal CSV’s',
    async (file) => {
      const outcome = await validate(file);
      expect(outcome.rows).toBe(reference.rows);
      // Every figure, column by column (the test above reads the CSV first).
      expect(outcome.statistics).toEqual(reference.statistics);
      expect(outcome.schema).toEqual(reference.schema);
      expect(outcome.anomalies).toEqual(reference.anomalies);
    },
  );
});

describe('JSON Lines streamed in batches validate as CSV does', () => {
  // `signup` is absent from every record of the first batch: a column first seen mid-stream.
  const cutoff = JSONL_BATCH_ROWS + 2;
  const rows = makeRows(JSONL_BATCH_ROWS * 2 + 1).map((row, i) =>
    i < cutoff ? { ...row, signup: null } : row,
  );
  const order = [...COLUMNS.filter((name) => name !== 'signup'), 'signup'];
  const cell = (value: unknown) => (value === null ? '' : String(value));
  const fields = (row: Row) => {
    const byName = new Map<string, unknown>(COLUMNS.map((name, i) => [name, values(row)[i]]));
    return order.map((name) => [name, byName.get(name)] as const);
  };
  const csv = `${order.join(',')}\n${rows
    .map((row) =>
      fields(row)
        .map(([, v]) => cell(v))
        .join(','),
    )
    .join('\n')}\n`;
  const jsonl = `${rows
    .map((row, i) =>
      JSON.stringify(
        Object.fromEntries(fields(row).filter(([name]) => i >= cutoff || name !== 'signup')),
      ),
    )
    .join('\n')}\n`;
  const dir = makeRepo({ 'late.csv': csv, 'late.jsonl': jsonl });

  async function validate(file: string) {
    const result = await mlops(dir, ['validate', '--data', file, '--label', 'churn']);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    return readJson<{ statistics: DatasetStats; schema: unknown; anomalies: unknown }>(
      dir,
      '.mlops/validation.json',
    );
  }

  test('a key first seen after the first batch is a column, missing in the rows before', async () => {
    const reference = await validate('late.csv');
    const outcome = await validate('late.jsonl');
    expect(outcome.statistics.columns.map((column) => column.name)).toEqual(order);
    const signup = outcome.statistics.columns.find((column) => column.name === 'signup');
    expect(signup?.missing).toBeGreaterThanOrEqual(cutoff);
    expect(outcome.statistics).toEqual(reference.statistics);
    expect(outcome.schema).toEqual(reference.schema);
    expect(outcome.anomalies).toEqual(reference.anomalies);
  }, 60_000);
});

function mean(numbers: number[]): number {
  return numbers.reduce((sum, x) => sum + x, 0) / numbers.length;
}

describe('gzip', () => {
  test('a .csv.gz and a .jsonl.gz read like the text they hold, in chunks of any size', async () => {
    const csv = 'a,b\n1,x\n2,y\n';
    const gz = gzipSync(csv);
    const oneByteAtATime = readTable(
      (async function* () {
        for (const byte of gz) yield Uint8Array.of(byte);
      })(),
      { source: 'd.csv.gz' },
    );
    const expected = {
      source: 'd.csv.gz',
      columns: ['a', 'b'],
      rows: [
        ['1', 'x'],
        ['2', 'y'],
      ],
      lines: [2, 3],
    };
    await expect(oneByteAtATime).resolves.toEqual(expected);
    const jsonl = await read(gzipSync('{"a":1}\n{"a":null,"b":true}\n'), 'd.ndjson.gz');
    expect(jsonl.rows).toEqual([
      [1, null],
      [null, true],
    ]);
  });

  test('gzip members one after another (cat a.gz b.gz) are read in turn', async () => {
    const joined = Buffer.concat([gzipSync('a,b\n1,2\n'), gzipSync('3,4\n')]);
    expect((await read(joined, 'd.csv.gz')).rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  test('a .tsv.gz is read with tabs', async () => {
    expect((await read(gzipSync('name\ttitle\nSmith, Ana\tDr\n'), 'd.tsv.gz')).rows).toEqual([
      ['Smith, Ana', 'Dr'],
    ]);
  });

  test('the field and record limits hold for the inflated text, naming its line', async () => {
    const long = gzipSync(`a,b\n1,2\n3,${'x'.repeat(5000)}\n`);
    await expect(read(long, 'd.csv.gz', { maxFieldBytes: 1000 })).rejects.toThrow(
      /^d\.csv\.gz:3: a field holds more than 1,000 bytes/,
    );
    const line = gzipSync(`{"a":1}\n{"a":"${'y'.repeat(5000)}"}\n`);
    await expect(read(line, 'd.jsonl.gz', { maxRecordBytes: 1000 })).rejects.toThrow(
      /^d\.jsonl\.gz:2: a record \(line\) holds more than 1,000 bytes/,
    );
  });

  /** gzip of `size` bytes made of `unit` repeated, compressed as it is made (never held whole). */
  async function bomb(unit: string, size: number): Promise<Buffer> {
    const gzip = createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on('data', (part: Buffer) => parts.push(part));
    const block = Buffer.from(unit.repeat(Math.ceil(MIB / unit.length)).slice(0, MIB));
    for (let written = 0; written < size; written += MIB) {
      if (!gzip.write(block)) await new Promise((resolve) => gzip.once('drain', resolve));
    }
    await new Promise((resolve) => gzip.end(resolve));
    return Buffer.concat(parts);
  }

  /** `bytes` in 64 KiB chunks (as the file system gives them), counting how many were taken. */
  function counted(bytes: Uint8Array) {
    const taken = { bytes: 0 };
    async function* chunks() {
      for (let at = 0; at < bytes.length; at += 64 * 1024) {
        const chunk = bytes.subarray(at, at + 64 * 1024);
        taken.bytes += chunk.length;
        yield chunk;
      }
    }
    return { chunks: chunks(), taken };
  }

  test('a gzip bomb of short rows is refused once it passes 100:1, long before it is all inflated', async () => {
    // 512 MiB of rows in about 1 MiB: the expansion limit (64 MiB + 100 × the compressed size)
    // stops it near 170 MiB; rows are wide enough that what was read stays small in memory.
    const line = `${'7'.repeat(999)}\n`;
    const gz = await bomb(line, 512 * MIB);
    expect(gz.length).toBeLessThan(2 * MIB);
    const { chunks, taken } = counted(gz);
    const before = process.memoryUsage().rss;
    const reading = readTable(chunks, { source: 'bomb.csv.gz' });
    await expect(reading).rejects.toThrow(DataError);
    await expect(reading).rejects.toThrow(
      /^bomb\.csv\.gz: inflates to more than \d+(\.\d)? MiB from [\d.,]+ (MiB|bytes) of compressed data, past the 100:1 .*decompression bomb/,
    );
    // Stopped before the end of the compressed bytes, having inflated at most its limit (and a chunk).
    expect(taken.bytes).toBeLessThan(gz.length);
    const limit = EXPANSION_ALLOWANCE + MAX_EXPANSION_RATIO * taken.bytes;
    expect(limit).toBeLessThan(512 * MIB);
    expect(process.memoryUsage().rss - before).toBeLessThan(limit * 4);
  });

  test('a gzip bomb of one endless line stops at the field limit', async () => {
    const gz = await bomb('0', 128 * MIB);
    await expect(readTable(counted(gz).chunks, { source: 'zeros.csv.gz' })).rejects.toThrow(
      /^zeros\.csv\.gz:1: a field holds more than 16 MiB/,
    );
  });

  const cutShort = (bytes: Uint8Array) => bytes.subarray(0, Math.floor(bytes.length / 2));
  test.each([
    ['cut short', cutShort(gzipSync(toCsv(makeRows(200)))), /it ends in the middle/],
    ['not gzip at all', text('a,b\n1,2\n'), /it is not valid gzip data.*drop the \.gz/],
    ['empty', new Uint8Array(0), /d\.csv\.gz: (is empty|cannot be decompressed)/],
  ])('a .csv.gz that is %s is a DataError naming the file', async (_, bytes, message) => {
    const reading = read(bytes, 'd.csv.gz');
    await expect(reading).rejects.toThrow(DataError);
    await expect(reading).rejects.toThrow(message);
  });
});

describe('file names and contents that do not match', () => {
  test.each([
    [
      'gzip data named .csv',
      'data.csv',
      gzipSync('a\n1\n'),
      /holds gzip-compressed data; name it data\.csv\.gz/,
    ],
    ['gzip data named .jsonl', 'data.jsonl', gzipSync('{}\n'), /name it data\.jsonl\.gz/],
    [
      'Parquet named .csv',
      'data.csv',
      parquet([{ name: 'a', data: [1] }]),
      /holds Parquet data; name it with the \.parquet extension/,
    ],
    [
      'CSV named .parquet',
      'data.parquet',
      text('a,b\n1,2\n'),
      /is not a Parquet file \(it holds text/,
    ],
    [
      'gzip named .parquet',
      'data.parquet',
      gzipSync('a\n1\n'),
      /holds gzip-compressed data, not Parquet/,
    ],
    [
      'a gzipped Parquet file',
      'data.parquet.gz',
      gzipSync(parquet([{ name: 'a', data: [1] }])),
      /Parquet compresses its own pages/,
    ],
    [
      'an unknown extension',
      'data.xlsx',
      text('a\n1\n'),
      /data\.xlsx: the file name does not say its format; name it \.csv, .*\.parquet/,
    ],
  ])('%s is a DataError saying what to do', async (_, source, bytes, message) => {
    const reading = read(bytes, source);
    await expect(reading).rejects.toThrow(DataError);
    await expect(reading).rejects.toThrow(message);
  });

  test('data.format says the format when the name does not', async () => {
    const bytes = parquet([{ name: 'a', data: [1, 2] }]);
    await expect(read(bytes, 'export.bin', { format: 'parquet' })).resolves.toMatchObject({
      columns: ['a'],
      rows: [[1], [2]],
    });
  });

  test('mlops validate names the supported extensions, exit code 2', async () => {
    const dir = makeRepo({ 'data.xls': 'a,b\n1,2\n' });
    const result = await mlops(dir, ['validate', '--data', 'data.xls', '--label', 'b']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /data\.xls: the file name does not say its format; name it \.csv/,
    );
    expect(result.stderr).not.toContain('internal error');
  });
});

describe('Parquet types become the cells CSV would give', () => {
  test('numbers, text, booleans, dates, times and nulls', async () => {
    const day = Date.UTC(2024, 1, 29);
    const bytes = parquet(
      [
        { name: 'int64', data: [1n, -(2n ** 53n) + 1n, 2n ** 53n + 1n] },
        { name: 'double', data: [0.1, Number.NaN, null] },
        { name: 'decimal', data: [12.34, -0.5, null] },
        { name: 'text', data: ['a', 'NA', null] },
        { name: 'flag', data: [true, false, null] },
        { name: 'date', data: [day / 86_400_000, -1, null] },
        { name: 'instant', data: [new Date(day + 1234), new Date(0), null] },
        { name: 'local', data: [new Date(day + 3_600_000), new Date(0), null] },
        { name: 'time', data: [45_296_789, 0, null] },
        { name: 'json', data: [{ k: [1] }, 'x', null] },
      ],
      {
        schema: [
          { name: 'root', num_children: 10 },
          { name: 'int64', type: 'INT64', repetition_type: 'REQUIRED' },
          { name: 'double', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
          {
            name: 'decimal',
            type: 'INT32',
            converted_type: 'DECIMAL',
            scale: 2,
            precision: 9,
            repetition_type: 'OPTIONAL',
          },
          { name: 'text', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
          { name: 'flag', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
          { name: 'date', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
          {
            name: 'instant',
            type: 'INT64',
            converted_type: 'TIMESTAMP_MILLIS',
            repetition_type: 'OPTIONAL',
          },
          {
            name: 'local',
            type: 'INT64',
            logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' },
            repetition_type: 'OPTIONAL',
          },
          {
            name: 'time',
            type: 'INT32',
            converted_type: 'TIME_MILLIS',
            repetition_type: 'OPTIONAL',
          },
          { name: 'json', type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type: 'OPTIONAL' },
        ],
      },
    );
    const table = await read(bytes, 'types.parquet');
    expect(table.columns).toEqual([
      'int64',
      'double',
      'decimal',
      'text',
      'flag',
      'date',
      'instant',
      'local',
      'time',
      'json',
    ]);
    expect(table.rows).toEqual([
      [
        1,
        0.1,
        12.34,
        'a',
        true,
        '2024-02-29',
        '2024-02-29T00:00:01.234Z',
        '2024-02-29T01:00:00.000',
        '12:34:56.789',
        '{"k":[1]}',
      ],
      // NaN and the NA token are missing, as in CSV.
      [
        -(2 ** 53) + 1,
        null,
        -0.5,
        null,
        false,
        '1969-12-31',
        '1970-01-01T00:00:00.000Z',
        '1970-01-01T00:00:00.000',
        '00:00:00.000',
        '"x"',
      ],
      // Past 2^53 an INT64 is not exact as a number: it is kept as its digits.
      ['9007199254740993', null, null, null, null, null, null, null, null, null],
    ]);
    // A Parquet "line" is the row number, from 1.
    expect(table.lines).toEqual([1, 2, 3]);
  });

  test.each([
    ['version 2', (bytes: Uint8Array) => bytes],
    ['version 1', withPagesV1],
  ])('every encoding the writer has reads back, with nulls (%s pages)', async (_, pages) => {
    const rows = 300;
    const gap = <T>(value: T, i: number): T | null => (i % 7 === 3 ? null : value);
    const words = ['apple', 'apricot', 'banana', 'band', 'bandana'];
    const columns = {
      plain: Array.from({ length: rows }, (_, i) => gap(i * 3 - 100, i)),
      deltaInt: Array.from({ length: rows }, (_, i) => gap(1000 - i * i, i)),
      deltaLong: Array.from({ length: rows }, (_, i) => gap(BigInt(i) * 10_000_000_000n, i)),
      split: Array.from({ length: rows }, (_, i) => gap(i / 8, i)),
      dictionary: Array.from({ length: rows }, (_, i) => gap(words[i % 3] as string, i)),
      deltaLength: Array.from({ length: rows }, (_, i) => gap(`${words[i % 5]}-${i}`, i)),
      deltaText: Array.from({ length: rows }, (_, i) => gap(`${words[i % 5]}${i % 11}`, i)),
      flag: Array.from({ length: rows }, (_, i) => gap(i % 3 === 0, i)),
    };
    const bytes = parquet(
      [
        { name: 'plain', data: columns.plain, type: 'INT32', encoding: 'PLAIN' },
        {
          name: 'deltaInt',
          data: columns.deltaInt,
          type: 'INT32',
          encoding: 'DELTA_BINARY_PACKED',
        },
        {
          name: 'deltaLong',
          data: columns.deltaLong,
          type: 'INT64',
          encoding: 'DELTA_BINARY_PACKED',
        },
        { name: 'split', data: columns.split, type: 'DOUBLE', encoding: 'BYTE_STREAM_SPLIT' },
        { name: 'dictionary', data: columns.dictionary, type: 'STRING' },
        {
          name: 'deltaLength',
          data: columns.deltaLength,
          type: 'STRING',
          encoding: 'DELTA_LENGTH_BYTE_ARRAY',
        },
        {
          name: 'deltaText',
          data: columns.deltaText,
          type: 'STRING',
          encoding: 'DELTA_BYTE_ARRAY',
        },
        { name: 'flag', data: columns.flag, type: 'BOOLEAN', encoding: 'RLE' },
      ],
      { rowGroupSize: 100 },
    );
    const table = await read(pages(bytes), 'encodings.parquet');
    expect(table.columns).toEqual(Object.keys(columns));
    const expected = Array.from({ length: rows }, (_, i) =>
      Object.values(columns).map((column) => {
        const value = column[i];
        return typeof value === 'bigint' ? Number(value) : (value ?? null);
      }),
    );
    expect(table.rows).toEqual(expected);
  });

  test('column names are checked like a CSV header: trimmed, column_N when empty, no repeats', async () => {
    const table = await read(
      parquet([
        { name: ' id ', data: [1] },
        { name: '', data: [2] },
      ]),
      'names.parquet',
    );
    expect(table.columns).toEqual(['id', 'column_2']);
    const twice = parquet([
      { name: 'a', data: [1] },
      { name: 'b', data: [2] },
      { name: ' a', data: [3] },
    ]);
    await expect(read(twice, 'twice.parquet')).rejects.toThrow(
      /^twice\.parquet: column name "a" appears twice \(columns 1 and 3\); rename/,
    );
    const long = parquet([{ name: 'n'.repeat(1001), data: [1] }]);
    await expect(read(long, 'long.parquet')).rejects.toThrow(
      /^long\.parquet: the name of column 1 is 1,001 characters long, more than the 1000 allowed/,
    );
  });

  test('more columns than a table may have is a DataError', async () => {
    const columns = Array.from({ length: 10_001 }, (_, i) => ({
      name: `c${i}`,
      data: [] as number[],
      type: 'INT32' as const,
    }));
    await expect(read(parquet(columns), 'wide.parquet')).rejects.toThrow(
      /^wide\.parquet: 10,001 columns, more than the 10,000 a table may have/,
    );
  });

  test('the field limit holds for Parquet text, naming the row', async () => {
    const bytes = parquet([{ name: 'note', data: ['short', 'x'.repeat(3000)] }]);
    await expect(read(bytes, 'notes.parquet', { maxFieldBytes: 1000 })).rejects.toThrow(
      /^notes\.parquet:2: a field holds more than 1,000 bytes/,
    );
    await expect(read(bytes, 'notes.parquet', { maxRecordBytes: 1000 })).rejects.toThrow(
      /^notes\.parquet:2: row 2 holds 3,000 bytes of text, more than the 1,000 a record may/,
    );
  });

  test.each([
    [
      'a list',
      [
        { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
        { name: 'tags', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
      ],
      [
        [1, 2],
        [[1, 2], [3]],
      ],
    ],
    [
      'a struct',
      [
        { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
        { name: 'tags', repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'x', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'y', type: 'INT32', repetition_type: 'OPTIONAL' },
      ],
      [
        [1, 2],
        [
          { x: 1, y: 2 },
          { x: 3, y: 4 },
        ],
      ],
    ],
  ] as const)('%s column is refused by name', async (_, elements, data) => {
    const bytes = parquet(
      [
        { name: 'id', data: [...data[0]] },
        { name: 'tags', data: [...data[1]] as unknown as number[] },
      ],
      { schema: [{ name: 'root', num_children: 2 }, ...elements] },
    );
    const reading = read(bytes, 'nested.parquet');
    await expect(reading).rejects.toThrow(DataError);
    await expect(reading).rejects.toThrow(
      /^nested\.parquet: column "tags" is nested \(a list, map or struct: several values per row\), which is not supported; flatten it/,
    );
  });

  test('a binary column is refused by name', async () => {
    const bytes = parquet([{ name: 'blob', data: [Uint8Array.of(1, 2)] }], {
      schema: [
        { name: 'root', num_children: 1 },
        { name: 'blob', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 2, repetition_type: 'REQUIRED' },
      ],
    });
    await expect(read(bytes, 'blob.parquet')).rejects.toThrow(
      /^blob\.parquet: column "blob" holds binary values \(fixed-length byte arrays\), which is not supported/,
    );
  });

  test('mlops validate on a nested column exits 2 naming it', async () => {
    const nested = parquet(
      [
        { name: 'y', data: [1, 0] },
        { name: 'tags', data: [[1], [2]] as unknown as number[] },
      ],
      {
        schema: [
          { name: 'root', num_children: 2 },
          { name: 'y', type: 'INT32', repetition_type: 'REQUIRED' },
          { name: 'tags', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
          { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
          { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
        ],
      },
    );
    const dir = makeRepo({ 'data.parquet': nested });
    const result = await mlops(dir, ['validate', '--data', 'data.parquet', '--label', 'y']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/data\.parquet: column "tags" is nested/);
    expect(result.stderr).not.toContain('internal error');
  });

  test('data.format: parquet in mlops.yml reads a file whatever its name', async () => {
    const rows = makeRows(60);
    const dir = makeRepo({
      'export.bin': toParquet(rows),
      'mlops.yml': 'name: churn\ndata:\n  train: export.bin\n  label: churn\n  format: parquet\n',
    });
    const result = await mlops(dir, ['validate']);
    expect(result.code).toBe(0);
    expect(readJson<{ rows: number }>(dir, '.mlops/validation.json').rows).toBe(60);
  });
});

describe('hostile Parquet files', () => {
  const bases = {
    'version 2 pages': toParquet(makeRows(60, 9)),
    'version 1 pages': withPagesV1(toParquet(makeRows(60, 9))),
  };

  /** Reads `bytes`, expecting a table or a DataError, and how long that took. */
  async function outcome(bytes: Uint8Array): Promise<{ error?: unknown; ms: number }> {
    const start = performance.now();
    try {
      await read(bytes, 'bad.parquet');
      return { ms: performance.now() - start };
    } catch (error) {
      return { error, ms: performance.now() - start };
    }
  }

  test.each(Object.entries(bases))(
    'every truncation (%s) is a DataError naming the file',
    async (_, base) => {
      for (let length = 0; length < base.length; length += 1) {
        const { error, ms } = await outcome(base.subarray(0, length));
        expect(error).toBeInstanceOf(DataError);
        expect((error as Error).message).toMatch(/^bad\.parquet: /);
        expect(ms).toBeLessThan(1000);
      }
    },
  );

  test.each(Object.entries(bases))(
    'random byte changes (%s) give a table or a DataError, never a crash or a hang',
    async (_, base) => {
      const rng = createRng(42);
      for (let trial = 0; trial < 1500; trial++) {
        const bytes = Uint8Array.from(base);
        const changes = 1 + Math.floor(rng() * 4);
        for (let i = 0; i < changes; i++) {
          bytes[Math.floor(rng() * bytes.length)] = Math.floor(rng() * 256);
        }
        const { error, ms } = await outcome(bytes);
        if (error !== undefined) {
          expect(error).toBeInstanceOf(DataError);
          expect((error as Error).message).toMatch(/^bad\.parquet[:\s]/);
        }
        expect(ms).toBeLessThan(1000);
      }
    },
  );

  test.each([
    ['version 2', (bytes: Uint8Array) => bytes],
    ['version 1', withPagesV1],
  ])(
    'a run claiming a billion values (which makes hyparquet fill memory until the process dies) is refused (%s pages)',
    async (_, pages) => {
      const bytes = parquet([
        {
          name: 'x',
          data: Array.from({ length: 1000 }, (_, i) => (i % 2 ? null : i)),
          type: 'INT32',
        },
      ]);
      // The definition levels of the first data page start right after its header.
      const meta = parquetMetadata(bytes.buffer as ArrayBuffer).row_groups[0]?.columns[0]
        ?.meta_data;
      const reader = { view: new DataView(bytes.buffer), offset: Number(meta?.data_page_offset) };
      const header = parquetHeader(reader);
      expect(header.data_page_header_v2?.definition_levels_byte_length).toBeGreaterThan(6);
      // An RLE run (even header) of 2^30 values: the varint of 2^31, then the value.
      bytes.set([0x80, 0x80, 0x80, 0x80, 0x08, 0x01], reader.offset);
      await expect(read(pages(bytes), 'runs.parquet')).rejects.toThrow(
        /^runs\.parquet: is a corrupt Parquet file \(row group 1, column "x": a run states 1,073,741,824 values where its page has 1,000\)/,
      );
    },
  );

  test('Snappy pages decode as written, and a hostile one fails at once', () => {
    const rng = createRng(3);
    const samples = [
      new Uint8Array(0),
      text('abc'.repeat(1000)),
      Uint8Array.from({ length: 70_000 }, () => Math.floor(rng() * 4)),
      Uint8Array.from({ length: 5000 }, () => Math.floor(rng() * 256)),
    ];
    for (const sample of samples) {
      expect(snappyDecompress(snappyCompress(sample), sample.length)).toEqual(sample);
    }
    // A literal whose 4-byte length reads as negative in 32-bit arithmetic: hyparquet's own
    // decoder steps back two billion bytes and walks forward from there (seconds per page).
    const hostile = Uint8Array.of(0x90, 0x03, 0xfc, 0x00, 0x00, 0x00, 0x80, 1, 2, 3);
    const start = performance.now();
    expect(() => snappyDecompress(hostile, 400)).toThrow('snappy literal past the input');
    expect(() => snappyDecompress(snappyCompress(text('abc')), 4)).toThrow(/does not match/);
    expect(performance.now() - start).toBeLessThan(100);
  });

  test('a page that inflates past 100:1 is refused as a decompression bomb', async () => {
    // 100 MB of text in about 100 KB of gzip-compressed pages, where 64 MiB + 100 × that is allowed.
    const note = 'x'.repeat(1000);
    const bytes = parquet(
      [
        {
          name: 'note',
          data: Array.from({ length: 100_000 }, () => note),
          type: 'STRING',
          encoding: 'PLAIN',
          nullable: false,
        },
      ],
      { codec: 'GZIP', compressors: { GZIP: (b: Uint8Array) => gzipSync(b, { level: 9 }) } },
    );
    expect(bytes.length).toBeLessThan(MIB);
    await expect(read(bytes, 'pages.parquet')).rejects.toThrow(
      /^pages\.parquet: decompresses to more than \d+(\.\d)? MiB from [\d.,]+ (MiB|bytes) of compressed data, past the 100:1/,
    );
  });

  const small = parquet([{ name: 'x', data: new Int32Array(1000).fill(7) }]);

  test('more cells than the file could hold (a bomb of declared rows) are refused before decoding', async () => {
    const bytes = withFooter(small, declareRows(40_000_000n));
    await expect(read(bytes, 'cells.parquet')).rejects.toThrow(
      /^cells\.parquet: declares 40,000,000 rows of 1 columns in [\d,]+ bytes: more cells than a CSV file 100 times its size could hold/,
    );
  });

  test('a page holding more values than its row group has rows is refused before decoding', async () => {
    await expect(read(withFooter(small, declareRows(10n)), 'pages.parquet')).rejects.toThrow(
      /^pages\.parquet: is a corrupt Parquet file \(row group 1, column "x": a page states more values than the row group's 10 rows\)/,
    );
  });

  test('row groups that claim the same bytes (a small file read over and over) are refused', async () => {
    const twice = withFooter(small, (metadata) => {
      const group = metadata.row_groups[0] as FileMetaData['row_groups'][number];
      metadata.row_groups = Array.from({ length: 50 }, () => group);
      metadata.num_rows = 50n * group.num_rows;
    });
    await expect(read(twice, 'groups.parquet')).rejects.toThrow(
      /^groups\.parquet: is a corrupt Parquet file \(its row groups overlap\)/,
    );
  });

  test('a column holding fewer values than the rows declared is refused, not padded with nulls', async () => {
    await expect(read(withFooter(small, declareRows(2000n)), 'short.parquet')).rejects.toThrow(
      /^short\.parquet: is a corrupt Parquet file \(row group 1, column "x": it holds 1,000 values for 2,000 rows\)/,
    );
  });

  test('a file without rows or columns says so', async () => {
    await expect(
      read(parquet([{ name: 'a', data: [] as number[], type: 'INT32' }]), 'e.parquet'),
    ).rejects.toThrow(/^e\.parquet: has columns but no rows/);
  });
});
