/**
 * The validate step's data path end to end — readTable, computeStatistics, inferSchema — in
 * rows/s on a generated table, read against the bare CSV tokenizer on the same bytes.
 */
import { readCsvRecordBatches } from '../src/data/csv.js';
import { readTable } from '../src/data/read-table.js';
import { inferSchema } from '../src/data/schema.js';
import { computeStatistics } from '../src/data/statistics.js';
import { byteChunks, chunksOf, generateCsv } from './data.js';
import type { BenchRow } from './types.js';

const ROWS = 100_000;
const CHUNK_BYTES = 64 * 1024;
const RUNS = 3;
const SOURCE = 'pipeline.csv';

interface Timings {
  read: number;
  statistics: number;
  tokenizer: number;
}

/** Best-of-3 rows/s for the whole path and its two stages, with the tokenizer as reference. */
export async function benchPipeline(): Promise<BenchRow[]> {
  const chunks = byteChunks(new TextEncoder().encode(generateCsv(ROWS, 1)), CHUNK_BYTES);
  await runOnce(chunks); // warm-up: lets the JIT compile the hot loops before timing
  let best: Timings = { read: Infinity, statistics: Infinity, tokenizer: Infinity };
  for (let run = 0; run < RUNS; run++) {
    const timings = await runOnce(chunks);
    if (timings.read + timings.statistics < best.read + best.statistics) {
      best = { ...timings, tokenizer: best.tokenizer };
    }
    best.tokenizer = Math.min(best.tokenizer, timings.tokenizer);
  }
  const rate = (seconds: number) => Math.round(ROWS / seconds);
  const reference = `tokenizer ${formatRate(rate(best.tokenizer))} rows/s`;
  return [
    {
      name: 'pipeline: readTable + computeStatistics + inferSchema (100k rows)',
      value: rate(best.read + best.statistics),
      unit: 'rows/s',
      reference,
    },
    { name: 'pipeline:   of which readTable', value: rate(best.read), unit: 'rows/s', reference },
    {
      name: 'pipeline:   of which computeStatistics + inferSchema',
      value: rate(best.statistics),
      unit: 'rows/s',
      reference,
    },
  ];
}

/** One timed pass of the path, then of the bare tokenizer (alternated so drift hits both). */
async function runOnce(chunks: Uint8Array[]): Promise<Timings> {
  let start = process.hrtime.bigint();
  const table = await readTable(chunksOf(chunks), { source: SOURCE });
  const read = secondsSince(start);
  start = process.hrtime.bigint();
  const schema = inferSchema(computeStatistics(table), { label: 'churned' });
  const statistics = secondsSince(start);
  if (table.rows.length !== ROWS || schema.features.length !== table.columns.length) {
    throw new Error(`pipeline bench read ${table.rows.length} rows, expected ${ROWS}`);
  }
  start = process.hrtime.bigint();
  let records = 0;
  for await (const batch of readCsvRecordBatches(chunksOf(chunks), { source: SOURCE })) {
    records += batch.length;
  }
  const tokenizer = secondsSince(start);
  if (records !== ROWS + 1) throw new Error(`tokenizer read ${records} records`);
  return { read, statistics, tokenizer };
}

function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function formatRate(rowsPerSecond: number): string {
  return rowsPerSecond >= 1e6
    ? `${(rowsPerSecond / 1e6).toFixed(2)}M`
    : `${Math.round(rowsPerSecond / 1e3)}k`;
}
