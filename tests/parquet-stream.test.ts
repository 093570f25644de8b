/**
 * Parquet in bounded memory: a file is read from its footer, then one row group at a time, each
 * only once the rows before it have been taken, and passed on in batches; the statistics of the
 * batches equal CSV's, and `mlops validate` reads the file through the file-system adapter's
 * random access while still hashing every byte.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, test } from '@jest/globals';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nodeFileSystem } from '../src/adapters/fs.js';
import { TableAccumulator } from '../src/data/column-accumulator.js';
import {
  PARQUET_BATCH_ROWS,
  readTable,
  readTableBatches,
  type OpenFile,
  type ReadTableOptions,
} from '../src/data/read-table.js';
import type { DatasetStats } from '../src/data/types.js';
import { DataError } from '../src/errors.js';
import { createRng } from '../src/util/random.js';
import { mlops, readJson } from './support/cli.js';
import { makeRepo, tempDir } from './support/repo.js';

const ROWS = 21_500;
/** Over a batch, so a group comes in two batches: 10,500 + 10,500 + 500 rows. */
const GROUP_ROWS = 10_500;
const CITIES = ['Lisbon', 'Porto', 'Braga'];

interface Table {
  id: number[];
  price: (number | null)[];
  city: (string | null)[];
  label: string[];
}

function makeTable(rows: number): Table {
  const rng = createRng(8);
  const table: Table = { id: [], price: [], city: [], label: [] };
  for (let i = 0; i < rows; i++) {
    table.id.push(i);
    table.price.push(rng() < 0.1 ? null : Math.round(rng() * 100_000) / 100);
    table.city.push(rng() < 0.05 ? null : (CITIES[Math.floor(rng() * 3)] as string));
    table.label.push(rng() < 0.3 ? 'yes' : 'no');
  }
  return table;
}

function toCsv(table: Table): string {
  const lines = table.id.map(
    (id, i) => `${id},${table.price[i] ?? ''},${table.city[i] ?? ''},${table.label[i]}`,
  );
  return `id,price,city,label\n${lines.join('\n')}\n`;
}

function toParquet(table: Table): Uint8Array {
  const buffer = parquetWriteBuffer({
    rowGroupSize: GROUP_ROWS,
    columnData: [
      { name: 'id', data: Int32Array.from(table.id), type: 'INT32', nullable: false },
      { name: 'price', data: table.price, type: 'DOUBLE' },
      { name: 'city', data: table.city, type: 'STRING' },
      { name: 'label', data: table.label, type: 'STRING', nullable: false },
    ],
  });
  return new Uint8Array(buffer);
}

const table = makeTable(ROWS);
const csv = toCsv(table);
const parquet = toParquet(table);

/** Each row group's first row and the bytes of its column chunks, from the footer. */
function rowGroups(bytes: Uint8Array) {
  let first = 0;
  return parquetMetadata(bytes).row_groups.map((group) => {
    const ranges = group.columns.map((chunk) => {
      const meta = chunk.meta_data as NonNullable<typeof chunk.meta_data>;
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      return { start, end: start + Number(meta.total_compressed_size) };
    });
    const rows = Number(group.num_rows);
    const span = {
      first,
      rows,
      start: Math.min(...ranges.map((r) => r.start)),
      end: Math.max(...ranges.map((r) => r.end)),
    };
    first += rows;
    return span;
  });
}

/** `bytes` opened as a file that records each read and how many rows had been taken by then. */
function recordingFile(bytes: Uint8Array) {
  const log = {
    reads: [] as { start: number; end: number; taken: number }[],
    taken: 0,
    closed: false,
  };
  const file: OpenFile = {
    size: bytes.length,
    read: (start, end) => {
      log.reads.push({ start, end, taken: log.taken });
      return Promise.resolve(bytes.slice(start, end));
    },
    close: () => {
      log.closed = true;
      return Promise.resolve();
    },
  };
  return { file, log };
}

async function* chunksOf(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

function statisticsOf(batches: { columns: string[]; rows: unknown[][]; lines: number[] }[]) {
  const accumulator = new TableAccumulator();
  for (const batch of batches) accumulator.add(batch as Parameters<TableAccumulator['add']>[0]);
  return accumulator.finish();
}

async function collect(chunks: AsyncIterable<Uint8Array>, options: ReadTableOptions) {
  const batches = [];
  for await (const batch of readTableBatches(chunks, options)) batches.push(batch);
  return batches;
}

describe('a Parquet file of several row groups', () => {
  const groups = rowGroups(parquet);

  test('the fixture has the row groups the test needs', () => {
    expect(groups.map((group) => group.rows)).toEqual([GROUP_ROWS, GROUP_ROWS, 500]);
    expect(GROUP_ROWS).toBeGreaterThan(PARQUET_BATCH_ROWS);
  });

  test('is read in batches, each within a row group, whose statistics and lines equal CSV’s', async () => {
    const { file } = recordingFile(parquet);
    const batches = await collect(chunksOf(new Uint8Array(0)), {
      source: 'data.parquet',
      open: () => Promise.resolve(file),
    });
    // Batches of at most PARQUET_BATCH_ROWS, never across a row group.
    expect(batches.map((batch) => batch.rows.length)).toEqual([10_000, 500, 10_000, 500, 500]);
    expect(batches.flatMap((batch) => batch.lines)).toEqual(
      Array.from({ length: ROWS }, (_, i) => i + 1),
    );
    const reference = await collect(chunksOf(new TextEncoder().encode(csv)), {
      source: 'data.csv',
    });
    const parquetStats = statisticsOf(batches);
    expect(parquetStats.rows).toBe(ROWS);
    expect(parquetStats).toEqual(statisticsOf(reference));
  });

  test('reads the footer, then each row group’s bytes once, only when the rows before it are taken', async () => {
    const { file, log } = recordingFile(parquet);
    const footerStart = Math.max(...groups.map((group) => group.end));
    for await (const batch of readTableBatches(chunksOf(new Uint8Array(0)), {
      source: 'data.parquet',
      open: () => Promise.resolve(file),
    })) {
      log.taken += batch.rows.length;
    }
    const [head, ...rest] = log.reads;
    // The first bytes (to tell what the file is), then the end: length, magic and footer.
    expect(head).toEqual({ start: 0, end: 512, taken: 0 });
    const footer = rest.filter((read) => read.start >= footerStart);
    expect(footer.every((read) => read.end === parquet.length && read.taken === 0)).toBe(true);
    // Then one read per row group, of exactly its chunks' bytes, made when every row before the
    // group had been taken and none of its own: one row group held at a time.
    const data = rest.filter((read) => read.start < footerStart);
    expect(data).toEqual(
      groups.map((group) => ({ start: group.start, end: group.end, taken: group.first })),
    );
    const largest = Math.max(...groups.map((group) => group.end - group.start));
    expect(Math.max(...data.map((read) => read.end - read.start))).toBe(largest);
    expect(largest).toBeLessThan(parquet.length / 2);
    expect(log.closed).toBe(true);
  });

  test('a reader that stops early reads no further row group, and the file is closed', async () => {
    const { file, log } = recordingFile(parquet);
    for await (const batch of readTableBatches(chunksOf(new Uint8Array(0)), {
      source: 'data.parquet',
      open: () => Promise.resolve(file),
    })) {
      expect(batch.rows).toHaveLength(PARQUET_BATCH_ROWS);
      break;
    }
    const first = groups[0] as (typeof groups)[number];
    const footerStart = Math.max(...groups.map((group) => group.end));
    // Past the first 512 bytes (to tell what the file is) and the footer: the first group only.
    const data = log.reads.slice(1).filter((read) => read.start < footerStart);
    expect(data).toEqual([{ start: first.start, end: first.end, taken: 0 }]);
    expect(log.closed).toBe(true);
  });

  test('mlops validate reads it through the file system, hashing every byte', async () => {
    const dir = makeRepo({ 'data.parquet': parquet });
    const result = await mlops(dir, ['validate', '--data', 'data.parquet', '--label', 'label']);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/error/i);
    const outcome = readJson<{ dataHash: string; statistics: DatasetStats }>(
      dir,
      '.mlops/validation.json',
    );
    expect(outcome.dataHash).toBe(createHash('sha256').update(parquet).digest('hex'));
    expect(outcome.statistics.rows).toBe(ROWS);
  });
});

describe('Parquet as other writers write it', () => {
  test('DuckDB’s, whose last bit-packed run of definition levels is padded to 256 values', async () => {
    const file = path.join(tempDir(), 'duck.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT i AS id, CASE WHEN i % 17 = 3 THEN NULL ELSE i * 0.5 END AS x FROM range(3000) t(i)) ` +
        `TO '${file}' (FORMAT parquet)`,
    );
    connection.closeSync();
    const table = await readTable(chunksOf(readFileSync(file)), { source: 'duck.parquet' });
    expect(table.rows).toHaveLength(3000);
    expect(table.rows.filter((row) => row[1] === null)).toHaveLength(Math.ceil((3000 - 3) / 17));
    expect(table.rows[4]).toEqual([4, 2]);
  });
});

describe('the file system opens a file for reads at any offset', () => {
  test('ranges read back as written; a file cut short while read is a DataError', async () => {
    const file = path.join(tempDir(), 'data.bin');
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => i % 251);
    writeFileSync(file, bytes);
    const opened = await nodeFileSystem.open(file);
    try {
      expect(opened.size).toBe(bytes.length);
      expect(await opened.read(99_990, 100_000)).toEqual(bytes.slice(99_990));
      expect(await opened.read(70_000, 70_000)).toEqual(new Uint8Array(0));
      writeFileSync(file, bytes.subarray(0, 10));
      await expect(opened.read(0, 1000)).rejects.toThrow(DataError);
      await expect(opened.read(0, 1000)).rejects.toThrow(/got shorter while it was read/);
    } finally {
      await opened.close();
    }
  });

  test('a missing file is a DataError naming it', async () => {
    const file = path.join(tempDir(), 'nothing.parquet');
    await expect(nodeFileSystem.open(file)).rejects.toThrow(/nothing\.parquet: file not found/);
  });
});
