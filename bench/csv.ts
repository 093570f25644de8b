/**
 * CSV parsing throughput: our streaming tokenizer against udsv, papaparse and csv-parse on the
 * same in-memory file (ours fed 64 KiB byte chunks, so its figure includes UTF-8 decoding; the
 * others get the whole string), plus a check that all of them read the same records.
 */
import { parse as csvParse } from 'csv-parse/sync';
import Papa from 'papaparse';
import { inferSchema, initParser } from 'udsv';
import { readCsvRecordBatches, readCsvRecords } from '../src/data/csv.js';
import { readTable } from '../src/data/read-table.js';
import { byteChunks, chunksOf, generateCsv } from './data.js';
import type { BenchRow } from './types.js';

const ROWS = 200_000;
const CHUNK_BYTES = 64 * 1024;
const RUNS = 3;
const COMPARED_RECORDS = 100;

interface Candidate {
  name: string;
  /** Reads the data records (header excluded), so candidates can be compared. */
  read: () => Promise<string[][]>;
}

interface CandidateResult {
  name: string;
  rowsPerSecond: number;
  count: number;
  first: string[][];
}

const SOURCE = 'bench.csv';
const REFERENCE = 'udsv stringArrs';

/** Measures rows/s for each CSV parser (best of 3 after a warm-up) and checks they agree. */
export async function benchCsv(): Promise<BenchRow[]> {
  const text = generateCsv(ROWS, 42);
  const chunks = byteChunks(new TextEncoder().encode(text), CHUNK_BYTES);
  const candidates: Candidate[] = [
    { name: 'readCsvRecords (64 KiB byte chunks)', read: () => readOurs(chunks) },
    { name: 'readCsvRecordBatches (64 KiB byte chunks)', read: () => readOursInBatches(chunks) },
    { name: REFERENCE, read: async () => readUdsv(text) },
    { name: 'papaparse', read: async () => readPapa(text) },
    { name: 'csv-parse/sync', read: async () => readCsvParse(text) },
  ];
  const results: CandidateResult[] = [];
  for (const candidate of candidates) results.push(await measure(candidate));
  const table = await bestOf(RUNS, () => readTable(chunksOf(chunks), { source: SOURCE }));

  const udsv = results.find((result) => result.name === REFERENCE);
  const reference = udsv && `udsv ${formatRate(udsv.rowsPerSecond)} rows/s`;
  const ours = (name: string) => name.startsWith('read');
  return [
    ...results.map(({ name, rowsPerSecond }) => ({
      name: `csv: ${name}`,
      value: Math.round(rowsPerSecond),
      unit: 'rows/s',
      ...(ours(name) && reference ? { reference } : {}),
    })),
    {
      name: 'csv: readTable (64 KiB byte chunks to RawTable, missing ⇒ null)',
      value: Math.round(table.result.rows.length / table.seconds),
      unit: 'rows/s',
      ...(reference ? { reference } : {}),
    },
    ...disagreements(results),
  ];
}

async function measure(candidate: Candidate): Promise<CandidateResult> {
  const { seconds, result: records } = await bestOf(RUNS, candidate.read);
  // Only what the agreement check needs is kept, so later candidates run on a similar heap.
  return {
    name: candidate.name,
    rowsPerSecond: records.length / seconds,
    count: records.length,
    first: records.slice(0, COMPARED_RECORDS),
  };
}

async function readOurs(chunks: Uint8Array[]): Promise<string[][]> {
  const records: string[][] = [];
  for await (const { fields } of readCsvRecords(chunksOf(chunks), { source: SOURCE })) {
    records.push(fields);
  }
  return records.slice(1);
}

async function readOursInBatches(chunks: Uint8Array[]): Promise<string[][]> {
  const records: string[][] = [];
  for await (const batch of readCsvRecordBatches(chunksOf(chunks), { source: SOURCE })) {
    for (const { fields } of batch) records.push(fields);
  }
  return records.slice(1);
}

function readUdsv(text: string): string[][] {
  return initParser(inferSchema(text)).stringArrs(text);
}

function readPapa(text: string): string[][] {
  const records = Papa.parse<string[]>(text, { dynamicTyping: false }).data.slice(1);
  // Papa reads the newline ending the last line as the start of one more (empty) record.
  const last = records.at(-1);
  return last?.length === 1 && last[0] === '' ? records.slice(0, -1) : records;
}

function readCsvParse(text: string): string[][] {
  return (csvParse(text) as string[][]).slice(1);
}

async function bestOf<T>(
  runs: number,
  work: () => Promise<T>,
): Promise<{ seconds: number; result: T }> {
  await work(); // warm-up: lets the JIT compile the hot loop before timing
  let seconds = Infinity;
  let result: T | undefined;
  for (let run = 0; run < runs; run++) {
    result = undefined; // so the previous run's records can be collected during this one
    const start = process.hrtime.bigint();
    result = await work();
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
  }
  if (result === undefined) throw new Error('bestOf needs at least one run');
  return { seconds, result };
}

/** Warning rows when a parser read a different number of records or different first fields. */
function disagreements(results: CandidateResult[]): BenchRow[] {
  const [ours, ...others] = results;
  if (ours === undefined) return [];
  const expected = JSON.stringify(ours.first);
  return others
    .filter((other) => other.count !== ours.count || JSON.stringify(other.first) !== expected)
    .map((other) => ({
      name: `csv: WARNING ${other.name} disagrees with readCsvRecords`,
      value: other.count,
      unit: 'records',
      reference: `readCsvRecords ${ours.count} records`,
    }));
}

function formatRate(rowsPerSecond: number): string {
  return rowsPerSecond >= 1e6
    ? `${(rowsPerSecond / 1e6).toFixed(2)}M`
    : `${Math.round(rowsPerSecond / 1e3)}k`;
}
