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
 *
 * Both: a field over data.max_field_bytes, a record over data.max_record_bytes and a column name
 * over MAX_COLUMN_NAME_LENGTH characters are DataErrors naming file:line.
 */
import { DataError } from '../errors.js';
import {
  MAX_COLUMNS,
  fieldTooLong,
  mayExceed,
  sizeLimits,
  utf8Length,
  type LongRecordListener,
  type SizeLimits,
} from './bounds.js';
import { readCsvRecordBatches } from './csv.js';
import type { CsvRecord } from './csv.js';
import { readJsonlRecords } from './jsonl.js';
import { decimalCommaToPoint } from './kinds.js';
import { DEFAULT_NA_VALUES, missingMatcher, type MissingMatcher } from './missing.js';
import type { RawTable, RawValue } from './types.js';

export type TableFormat = 'csv' | 'jsonl';

/** The format a path's extension implies: .jsonl and .ndjson are JSON Lines, the rest CSV. */
export function inferFormat(path: string): TableFormat {
  return /\.(jsonl|ndjson)$/i.test(path) ? 'jsonl' : 'csv';
}

export interface ReadTableOptions extends Partial<SizeLimits> {
  /** Where the chunks come from (a path): names the format and appears in errors. */
  source: string;
  format?: TableFormat;
  /** Cells that mean "no value" (data.na_values); DEFAULT_NA_VALUES when absent. */
  naValues?: readonly string[];
  /** data.decimal: with ',' a text cell like `1,5` or `1.234,5` is read as `1.5` or `1234.5`. */
  decimal?: '.' | ',';
  /** Called each time another PROGRESS_ROWS rows have been read, for progress logs. */
  onProgress?: (rows: number) => void;
  /** Called while one record is still unfinished after every LONG_RECORD_PROGRESS_BYTES. */
  onLongRecord?: LongRecordListener;
}

/** How often a long read reports progress. */
const PROGRESS_ROWS = 100_000;
/** Longest column name accepted: names are copied into every statistic, anomaly and report. */
export const MAX_COLUMN_NAME_LENGTH = 1000;

function tooManyColumns(where: string, count: number): DataError {
  return new DataError(
    `${where}: ${count.toLocaleString('en-US')} columns, more than the ${MAX_COLUMNS.toLocaleString('en-US')} ` +
      'a table may have; check the header (or, in JSON Lines, that rows share their keys).',
  );
}

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
    textCell: textCellReader(options.decimal ?? '.'),
    limits: sizeLimits(options),
    ...(options.onLongRecord ? { onLongRecord: options.onLongRecord } : {}),
  };
  return format === 'jsonl' ? readJsonlTable(chunks, reader) : readCsvTable(chunks, reader);
}

/**
 * What both formats read with: where from, how to report progress, what counts as missing, how
 * a present text cell is read, and the size limits.
 */
interface Reader {
  source: string;
  progress: (rows: number) => void;
  isMissing: MissingMatcher;
  textCell: (text: string) => string;
  limits: SizeLimits;
  onLongRecord?: LongRecordListener;
}

/** With a decimal comma, numbers are rewritten the way every later step parses them. */
function textCellReader(decimal: '.' | ','): (text: string) => string {
  if (decimal === '.') return (text) => text;
  return (text) => decimalCommaToPoint(text) ?? text;
}

/** Reports every PROGRESS_ROWS rows; cheap enough to call once per row. */
function progressReporter(onProgress: ReadTableOptions['onProgress']): (rows: number) => void {
  return (rows) => {
    if (onProgress && rows % PROGRESS_ROWS === 0) onProgress(rows);
  };
}

async function readCsvTable(
  chunks: AsyncIterable<string | Uint8Array>,
  reader: Reader,
): Promise<RawTable> {
  const { source, progress, limits, onLongRecord } = reader;
  // A .tsv file may have a single column, where detection from the header would guess ','.
  const delimiter = /\.tsv$/i.test(source) ? '\t' : undefined;
  const table: RawTable = { source, columns: [], rows: [], lines: [] };
  let header: CsvRecord | undefined;
  const options = { source, delimiter, ...limits, ...(onLongRecord ? { onLongRecord } : {}) };
  for await (const batch of readCsvRecordBatches(chunks, options)) {
    for (const record of batch) {
      if (isBlankRecord(record)) continue;
      if (header === undefined) {
        header = record;
        table.columns = columnNames(record, source);
        continue;
      }
      table.rows.push(csvRow(record, header, reader));
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
  checkLineEndings(header, source);
  if (header.fields.length > MAX_COLUMNS) {
    throw tooManyColumns(`${source}:${header.line}`, header.fields.length);
  }
  const names = header.fields.map((field, i) => field.trim() || `column_${i + 1}`);
  const long = names.findIndex(isTooLongName);
  if (long >= 0)
    throw nameTooLong(names[long] as string, `${source}:${header.line}`, `column ${long + 1}`);
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

/**
 * A CR inside a header name means the file's lines end with CR alone (classic Mac OS): the
 * whole file then reads as one line, which would be reported as a header without data rows.
 */
function checkLineEndings(header: CsvRecord, source: string): void {
  if (!header.fields.some((field) => field.includes('\r'))) return;
  throw new DataError(
    `${source}:${header.line}: the header holds a carriage return (CR) that ends no line: the file's ` +
      'lines seem to end with CR only (classic Mac OS), which is not supported; convert the line ' +
      "endings to LF (for example `tr '\\r' '\\n' < old.csv > new.csv`).",
  );
}

function isTooLongName(name: string): boolean {
  return name.length > MAX_COLUMN_NAME_LENGTH;
}

function nameTooLong(name: string, where: string, what: string): DataError {
  return new DataError(
    `${where}: the name of ${what} is ${name.length.toLocaleString('en-US')} characters long, ` +
      `more than the ${MAX_COLUMN_NAME_LENGTH} allowed; check the header line, or shorten the name.`,
  );
}

function csvRow(record: CsvRecord, header: CsvRecord, reader: Reader): RawValue[] {
  const { fields } = record;
  if (fields.length !== header.fields.length) {
    throw new DataError(
      `${reader.source}:${record.line}: expected ${header.fields.length} fields, found ${fields.length}; ` +
        'quote values that contain the delimiter, and check the row for a missing or extra one.',
    );
  }
  return fields.map((field) => (reader.isMissing(field) ? null : reader.textCell(field)));
}

async function readJsonlTable(
  chunks: AsyncIterable<string | Uint8Array>,
  reader: Reader,
): Promise<RawTable> {
  const { source, progress, limits, onLongRecord } = reader;
  const records: Record<string, unknown>[] = [];
  const lines: number[] = [];
  const columns = new Map<string, number>();
  const options = { source, ...limits, ...(onLongRecord ? { onLongRecord } : {}) };
  for await (const { line, record } of readJsonlRecords(chunks, options)) {
    for (const key of Object.keys(record)) {
      if (columns.has(key)) continue;
      if (isTooLongName(key))
        throw nameTooLong(key, `${source}:${line}`, `key ${columns.size + 1}`);
      if (columns.size >= MAX_COLUMNS) throw tooManyColumns(`${source}:${line}`, columns.size + 1);
      columns.set(key, columns.size);
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
  const rows = records.map((record, i) =>
    names.map((name) => jsonCell(record[name], reader, lines[i] as number)),
  );
  return { source, columns: names, rows, lines };
}

function jsonCell(value: unknown, reader: Reader, line: number): RawValue {
  // A sentinel such as -999 in na_values means the same in JSONL as in CSV.
  if (typeof value === 'number' || typeof value === 'boolean') {
    return reader.isMissing(String(value)) ? null : value;
  }
  if (typeof value === 'string') {
    checkFieldSize(value, reader, line);
    return reader.isMissing(value) ? null : reader.textCell(value);
  }
  if (value === null || value === undefined) return null;
  const json = JSON.stringify(value);
  checkFieldSize(json, reader, line);
  return json;
}

/** The CSV reader's field limit, for a JSON value: the line may hold one long string alone. */
function checkFieldSize(text: string, reader: Reader, line: number): void {
  const limit = reader.limits.maxFieldBytes;
  if (!mayExceed(0, text.length, limit)) return;
  const bytes = utf8Length(text);
  if (bytes > limit) throw fieldTooLong(reader.source, line, bytes, limit);
}

function emptyFile(source: string, expected: string): DataError {
  return new DataError(`${source}: is empty; give a file with ${expected}.`);
}
