/**
 * Reads a whole CSV or JSONL file into a RawTable: column names, rows aligned to them, and the
 * line each row came from. Missing values (data.na_values, see missingMatcher) become null, so later
 * steps only ever look for null.
 *
 * CSV: the first non-blank record is the header; names are trimmed, an empty name becomes
 * `column_N` (1-based position) and a repeated name is an error rather than being renamed, since
 * mlops.yml refers to columns by name. Blank lines are skipped, even in a one-column file (write
 * NA there for a missing value). Every other row must have exactly as many fields as the header.
 *
 * JSONL: columns are the union of keys in first-seen order; a key absent from a record is null;
 * numbers and booleans are kept; objects and arrays become their JSON text.
 */
import { DataError } from '../errors.js';
import { readCsvRecordBatches } from './csv.js';
import type { CsvRecord } from './csv.js';
import { readJsonlRecords } from './jsonl.js';
import { DEFAULT_NA_VALUES, missingMatcher, type MissingMatcher } from './missing.js';
import type { RawTable, RawValue } from './types.js';

export type TableFormat = 'csv' | 'jsonl';

/** The format a path's extension implies: .jsonl and .ndjson are JSON Lines, the rest CSV. */
export function inferFormat(path: string): TableFormat {
  return /\.(jsonl|ndjson)$/i.test(path) ? 'jsonl' : 'csv';
}

export interface ReadTableOptions {
  /** Where the chunks come from (a path): names the format and appears in errors. */
  source: string;
  format?: TableFormat;
  /** Cells that mean "no value" (data.na_values); DEFAULT_NA_VALUES when absent. */
  naValues?: readonly string[];
  /** Called each time another PROGRESS_ROWS rows have been read, for progress logs. */
  onProgress?: (rows: number) => void;
}

/** How often a long read reports progress. */
const PROGRESS_ROWS = 100_000;

/** Reads a CSV or JSONL file, given as chunks, into a table; the format defaults from `source`. */
export async function readTable(
  chunks: AsyncIterable<string | Uint8Array>,
  options: ReadTableOptions,
): Promise<RawTable> {
  const format = options.format ?? inferFormat(options.source);
  const reader: Reader = {
    source: options.source,
    progress: progressReporter(options.onProgress),
    isMissing: missingMatcher(options.naValues ?? DEFAULT_NA_VALUES),
  };
  return format === 'jsonl' ? readJsonlTable(chunks, reader) : readCsvTable(chunks, reader);
}

/** What both formats read with: where from, how to report progress, what counts as missing. */
interface Reader {
  source: string;
  progress: (rows: number) => void;
  isMissing: MissingMatcher;
}

/** Reports every PROGRESS_ROWS rows; cheap enough to call once per row. */
function progressReporter(onProgress: ReadTableOptions['onProgress']): (rows: number) => void {
  return (rows) => {
    if (onProgress && rows % PROGRESS_ROWS === 0) onProgress(rows);
  };
}

async function readCsvTable(
  chunks: AsyncIterable<string | Uint8Array>,
  { source, progress, isMissing }: Reader,
): Promise<RawTable> {
  // A .tsv file may have a single column, where detection from the header would guess ','.
  const delimiter = /\.tsv$/i.test(source) ? '\t' : undefined;
  const table: RawTable = { source, columns: [], rows: [], lines: [] };
  let header: CsvRecord | undefined;
  for await (const batch of readCsvRecordBatches(chunks, { source, delimiter })) {
    for (const record of batch) {
      if (isBlankRecord(record)) continue;
      if (header === undefined) {
        header = record;
        table.columns = columnNames(record, source);
        continue;
      }
      table.rows.push(csvRow(record, header, source, isMissing));
      table.lines.push(record.line);
      progress(table.rows.length);
    }
  }
  if (header === undefined) throw emptyFile(source, 'a header line and data rows');
  if (table.rows.length === 0) {
    throw new DataError(
      `${source}:${header.line}: has a header but no data rows; add rows below the header.`,
    );
  }
  return table;
}

function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.length === 1 && (record.fields[0] as string).trim() === '';
}

function columnNames(header: CsvRecord, source: string): string[] {
  const names = header.fields.map((field, i) => field.trim() || `column_${i + 1}`);
  const firstPosition = new Map<string, number>();
  names.forEach((name, i) => {
    const earlier = firstPosition.get(name);
    if (earlier !== undefined) {
      throw new DataError(
        `${source}:${header.line}: column name "${name}" appears twice (columns ${earlier + 1} ` +
          `and ${i + 1}); rename one of them so each column can be referred to by name.`,
      );
    }
    firstPosition.set(name, i);
  });
  return names;
}

function csvRow(
  record: CsvRecord,
  header: CsvRecord,
  source: string,
  isMissing: MissingMatcher,
): RawValue[] {
  const { fields } = record;
  if (fields.length !== header.fields.length) {
    throw new DataError(
      `${source}:${record.line}: expected ${header.fields.length} fields, found ${fields.length}; ` +
        'quote values that contain the delimiter, and check the row for a missing or extra one.',
    );
  }
  return fields.map((field) => (isMissing(field) ? null : field));
}

async function readJsonlTable(
  chunks: AsyncIterable<string | Uint8Array>,
  { source, progress, isMissing }: Reader,
): Promise<RawTable> {
  const records: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const columns = new Map<string, number>();
  for await (const { line, record } of readJsonlRecords(chunks, { source })) {
    for (const key of Object.keys(record)) {
      if (!columns.has(key)) columns.set(key, columns.size);
    }
    records.push(record);
    lines.push(line);
    progress(records.length);
  }
  if (records.length === 0) throw emptyFile(source, 'one JSON object per line');
  if (columns.size === 0) {
    throw new DataError(
      `${source}: no record has any key; write each row as an object of column names to values.`,
    );
  }
  const names = [...columns.keys()];
  const rows = records.map((record) => names.map((name) => jsonCell(record[name], isMissing)));
  return { source, columns: names, rows, lines };
}

function jsonCell(value: unknown, isMissing: MissingMatcher): RawValue {
  // A sentinel such as -999 in na_values means the same in JSONL as in CSV.
  if (typeof value === 'number' || typeof value === 'boolean') {
    return isMissing(String(value)) ? null : value;
  }
  if (typeof value === 'string') return isMissing(value) ? null : value;
  if (value === null || value === undefined) return null;
  return JSON.stringify(value);
}

function emptyFile(source: string, expected: string): DataError {
  return new DataError(`${source}: is empty; give a file with ${expected}.`);
}
