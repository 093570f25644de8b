/**
 * Reads a whole CSV, JSONL or Parquet file (CSV and JSONL optionally gzip-compressed) into a
 * RawTable: column names, rows aligned to them, and the line each row came from. Missing values
 * (data.na_values, see missingMatcher) become null, so later steps only ever look for null.
 *
 * CSV: the first non-blank record is the header; names are trimmed, an empty name becomes
 * `column_N` (1-based position) and a repeated name is an error rather than being renamed, since
 * mlops.yml refers to columns by name. Blank lines are skipped, even in a one-column file (write
 * NA there for a missing value). Every other row must have exactly as many fields as the header.
 *
 * JSONL: columns are the union of keys in first-seen order; a key absent from a record is null;
 * numbers and booleans are kept; objects and arrays become their JSON text.
 *
 * Parquet (see parquet.ts for how its types become cells): the columns are the top-level ones,
 * their names checked like a CSV header's; a row's "line" is its row number, counting from 1.
 *
 * `.gz` (see gzip.ts): the text is inflated as it streams; limits and line numbers apply to it.
 *
 * All: a field over data.max_field_bytes, a record (a Parquet row: its text cells together) over
 * data.max_record_bytes and a column name over MAX_COLUMN_NAME_LENGTH characters are DataErrors
 * naming file:line.
 *
 * Bad records (data.max_errors): a CSV row with the wrong number of fields, and a JSON Lines line
 * that is not valid JSON, not an object, nested too deep or with a value over
 * data.max_field_bytes, can be left out of the table instead of stopping the read. Up to
 * `maxErrors` of them are passed to `onReject` (line, error, the record cut to
 * REJECTED_RECORD_CHARS); the next one is the DataError it would have been, naming the count.
 * What leaves the reader unable to go on always stops it: the header, a CSV field or record over
 * its limit (the tokenizer cannot resynchronise), an unclosed quote, bad UTF-8, a gzip bomb, any
 * Parquet error.
 */
import { DataError, UsageError } from '../errors.js';
import {
  MAX_COLUMNS,
  excerpt,
  fieldTooLong,
  mayExceed,
  sizeLimits,
  utf8Length,
  type LongRecordListener,
  type SizeLimits,
} from './bounds.js';
import { readCsvRecordBatches } from './csv.js';
import type { CsvOptions, CsvRecord } from './csv.js';
import { gunzipChunks, hasGzipMagic } from './gzip.js';
import { readJsonlRecords } from './jsonl.js';
import { decimalCommaToPoint } from './kinds.js';
import { DEFAULT_NA_VALUES, missingMatcher, type MissingMatcher } from './missing.js';
import type { ByteSource } from './parquet.js';
import type { RawTable, RawValue } from './types.js';

export type TableFormat = 'csv' | 'jsonl' | 'parquet';

/** The extensions read, and what each is. */
const EXTENSIONS: [RegExp, TableFormat][] = [
  [/\.(csv|tsv)(\.gz)?$/i, 'csv'],
  [/\.(jsonl|ndjson)(\.gz)?$/i, 'jsonl'],
  [/\.parquet$/i, 'parquet'],
];
const SUPPORTED =
  '.csv, .tsv, .jsonl, .ndjson, .parquet, or .csv.gz, .tsv.gz, .jsonl.gz, .ndjson.gz for gzip';

/**
 * The format a path's extension implies: .csv and .tsv are CSV, .jsonl and .ndjson JSON Lines,
 * .parquet Parquet; the text formats may end in .gz. Any other name is a DataError listing these.
 */
export function inferFormat(path: string): TableFormat {
  const match = EXTENSIONS.find(([pattern]) => pattern.test(path));
  if (match) return match[1];
  const hint = /\.parquet\.gz$/i.test(path)
    ? ' (Parquet compresses its own pages: give the .parquet file as written)'
    : '';
  throw new DataError(
    `${path}: the file name does not say its format${hint}; name it ${SUPPORTED}, or set ` +
      'data.format in mlops.yml (csv, jsonl or parquet).',
  );
}

/** Whether a path names gzip-compressed data: it ends in .gz. */
export function isGzipPath(path: string): boolean {
  return /\.gz$/i.test(path);
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
  /**
   * data.max_errors: how many bad records (see the top of this file) are left out, each passed to
   * `onReject`, before the next one stops the read; 0 (the default) stops at the first.
   */
  maxErrors?: number;
  /** Called with each bad record left out of the table. */
  onReject?: (rejected: RejectedRecord) => void;
  /**
   * Opens the same file for reads at any offset, so a Parquet file is read a row group at a
   * time, from its footer; without it, a Parquet file is collected whole from the chunks.
   */
  open?: () => Promise<OpenFile>;
  /** CSV: the delimiter, when known; else a tab for .tsv (and .tsv.gz), or detected from the header. */
  delimiter?: string;
  /**
   * CSV: the chunks are a part of a file that starts at a record boundary past this header (as
   * `readCsvHeader` read it), for reading a file in parts (steps/parallel-scan.ts): no header is
   * read, nor the checks of a file's start (CsvOptions.continuation); lines count from 1 at the
   * first chunk; a part without rows is no error. Needs `delimiter`; not for gzip.
   */
  header?: CsvRecord;
}

/** A file opened for reads at any offset (the file-system adapter's), closed once read. */
export interface OpenFile extends ByteSource {
  close(): Promise<void>;
}

/** A bad record left out of the table under data.max_errors. Its text is data: never log it. */
export interface RejectedRecord {
  line: number;
  /** What was wrong, as the DataError said it (without the file:line it starts with). */
  error: string;
  /** The record's text (a CSV row: its fields joined as a CSV line), cut to REJECTED_RECORD_CHARS. */
  record: string;
}

/** Longest text of a rejected record (and of its error) kept: enough to find and fix the row. */
export const REJECTED_RECORD_CHARS = 1000;

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
  const { format, input, reader } = await openTable(chunks, options);
  const batches =
    format === 'parquet'
      ? parquetBatches(input, reader, options.open)
      : format === 'jsonl'
        ? jsonlBatches(input, reader)
        : csvBatches(input, reader);
  const table: RawTable = { source: options.source, columns: [], rows: [], lines: [] };
  for await (const batch of batches) {
    table.columns = batch.columns;
    for (const row of batch.rows) table.rows.push(row);
    for (const line of batch.lines) table.lines.push(line);
  }
  // A JSON Lines row read before a later key was first seen is shorter: null for that column.
  const width = table.columns.length;
  for (const row of table.rows) while (row.length < width) row.push(null);
  return table;
}

/**
 * The table of `readTable` in batches of rows, as read, with the same checks and errors: CSV and
 * JSON Lines are streamed (so the caller need not hold the file), Parquet is read a row group at
 * a time when `open` is given (see parquetBatches). A
 * JSON Lines batch carries every column seen so far, which may be more than an earlier batch's
 * (see jsonlBatches): a row of an earlier batch is null for the columns added since.
 */
export async function* readTableBatches(
  chunks: AsyncIterable<string | Uint8Array>,
  options: ReadTableOptions,
): AsyncGenerator<RawTable> {
  const { format, input, reader } = await openTable(chunks, options);
  if (format === 'parquet') yield* parquetBatches(input, reader, options.open);
  else if (format === 'jsonl') yield* jsonlBatches(input, reader);
  else yield* csvBatches(input, reader);
}

async function openTable(
  chunks: AsyncIterable<string | Uint8Array>,
  options: ReadTableOptions,
): Promise<{ format: TableFormat; input: AsyncIterable<string | Uint8Array>; reader: Reader }> {
  const { source } = options;
  const format = options.format ?? (await formatOf(chunks, source));
  const gzip = isGzipPath(source);
  if (gzip && format === 'parquet') {
    throw new DataError(
      `${source}: a Parquet file compresses its own pages; give the .parquet file as written, not gzip-compressed.`,
    );
  }
  if (options.header && (gzip || format !== 'csv')) {
    throw new UsageError(`${source}: only a plain CSV file is read in parts.`);
  }
  const input = gzip
    ? gunzipChunks(chunks, source)
    : options.header
      ? chunks
      : refuseMisnamed(chunks, source, format);
  const reader: Reader = {
    source: options.source,
    progress: progressReporter(options.onProgress),
    isMissing: missingMatcher(options.naValues ?? DEFAULT_NA_VALUES),
    textCell: textCellReader(options.decimal ?? '.'),
    limits: sizeLimits(options),
    rejects: new Rejects(options),
    ...(options.onLongRecord ? { onLongRecord: options.onLongRecord } : {}),
    // A .tsv file may have a single column, where detection from the header would guess ','.
    ...(options.delimiter || /\.tsv(\.gz)?$/i.test(source)
      ? { delimiter: options.delimiter ?? '\t' }
      : {}),
    ...(options.header ? { header: options.header } : {}),
  };
  return { format, input, reader };
}

/**
 * The format `source`'s name says. A name that says none is refused only once the file has been
 * opened, so a missing file or a folder is reported as such rather than by its extension.
 */
async function formatOf(
  chunks: AsyncIterable<string | Uint8Array>,
  source: string,
): Promise<TableFormat> {
  try {
    return inferFormat(source);
  } catch (error) {
    const iterator = chunks[Symbol.asyncIterator]();
    try {
      await iterator.next();
    } finally {
      await iterator.return?.();
    }
    throw error;
  }
}

/**
 * `chunks`, refused with a DataError when their first bytes show gzip or Parquet data named as
 * plain text (a `.csv` that is really `.csv.gz`), which the text readers would report as garbled.
 */
async function* refuseMisnamed(
  chunks: AsyncIterable<string | Uint8Array>,
  source: string,
  format: TableFormat,
): AsyncGenerator<string | Uint8Array> {
  let first = true;
  for await (const chunk of chunks) {
    if (first && chunk.length > 0) {
      first = false;
      if (typeof chunk !== 'string' && format !== 'parquet') refuseBinary(chunk, source);
    }
    yield chunk;
  }
}

function refuseBinary(start: Uint8Array, source: string): void {
  if (hasGzipMagic(start)) {
    throw new DataError(
      `${source}: holds gzip-compressed data; name it ${source}.gz, or decompress it.`,
    );
  }
  // "PAR1", then the first page header (a thrift struct whose first field is an i32).
  const parquet = [0x50, 0x41, 0x52, 0x31, 0x15].every((byte, i) => start[i] === byte);
  if (parquet) {
    throw new DataError(
      `${source}: holds Parquet data; name it with the .parquet extension (or set data.format: parquet).`,
    );
  }
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
  rejects: Rejects;
  onLongRecord?: LongRecordListener;
  /** CSV: the delimiter when known before the header is read. */
  delimiter?: string;
  /** CSV: the header of the file the chunks are a part of (ReadTableOptions.header). */
  header?: CsvRecord;
}

/**
 * Counts bad records: each is passed on while the count stays within `maxErrors`, and the one
 * past it (the first, by default) is thrown, as the DataError it is when nothing is collected.
 */
class Rejects {
  count = 0;
  private readonly source: string;
  private readonly maxErrors: number;
  private readonly onReject: ((rejected: RejectedRecord) => void) | undefined;

  constructor(options: ReadTableOptions) {
    this.source = options.source;
    this.maxErrors = options.maxErrors ?? 0;
    this.onReject = options.onReject;
  }

  /** Leaves out the record on `line`, whose text `record` gives, or throws `error`. */
  reject(error: DataError, line: number, record: () => string): void {
    this.count++;
    if (this.count > this.maxErrors) {
      if (this.maxErrors === 0) throw error;
      throw new DataError(
        `${error.message} That is bad record ${this.count.toLocaleString('en-US')}, more than the ` +
          `${this.maxErrors.toLocaleString('en-US')} data.max_errors (--max-errors) allows; fix the ` +
          'rows, or raise the limit.',
      );
    }
    const place = `${this.source}:${line}: `;
    const message = error.message.startsWith(place)
      ? error.message.slice(place.length)
      : error.message;
    this.onReject?.({
      line,
      error: excerpt(message, REJECTED_RECORD_CHARS),
      record: excerpt(record(), REJECTED_RECORD_CHARS),
    });
  }

  /** The error for a file whose data rows were all rejected. */
  allRejected(): DataError {
    return new DataError(
      `${this.source}: every data row (${this.count.toLocaleString('en-US')}) was rejected as a ` +
        'bad record; check the file is the one meant, and its format.',
    );
  }
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

/**
 * A CSV file's header (its first non-blank record, its names checked) and the delimiter its
 * records are read with, from the start of `chunks`: what reading the rest of the file in parts
 * needs (ReadTableOptions.header). Errors are those of readTableBatches on the same chunks.
 */
export async function readCsvHeader(
  chunks: AsyncIterable<string | Uint8Array>,
  options: ReadTableOptions,
): Promise<{ header: CsvRecord; delimiter: string }> {
  const { input, reader } = await openTable(chunks, { ...options, format: 'csv' });
  let delimiter = reader.delimiter ?? ',';
  const csvOptions = { ...csvRecordOptions(reader), onDelimiter: (d: string) => (delimiter = d) };
  for await (const batch of readCsvRecordBatches(input, csvOptions)) {
    const header = batch.find((record) => !isBlankRecord(record));
    if (header === undefined) continue;
    csvColumns(header, reader.source);
    return { header, delimiter };
  }
  throw emptyFile(reader.source, 'a header line and data rows');
}

/** How a reader's CSV records are tokenized. */
function csvRecordOptions(reader: Reader): CsvOptions {
  const { source, limits, onLongRecord, delimiter } = reader;
  return {
    source,
    ...limits,
    ...(onLongRecord ? { onLongRecord } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(reader.header ? { continuation: true } : {}),
  };
}

/** A CSV file's rows, a batch per chunk read (each batch its own RawTable of the same columns). */
async function* csvBatches(
  chunks: AsyncIterable<string | Uint8Array>,
  reader: Reader,
): AsyncGenerator<RawTable> {
  const { source, progress } = reader;
  let header = reader.header;
  let columns = header ? csvColumns(header, source) : [];
  let rowCount = 0;
  for await (const batch of readCsvRecordBatches(chunks, csvRecordOptions(reader))) {
    const table: RawTable = { source, columns, rows: [], lines: [] };
    for (const record of batch) {
      if (isBlankRecord(record)) continue;
      if (header === undefined) {
        header = record;
        table.columns = columns = csvColumns(record, source);
        continue;
      }
      const row = csvRow(record, header, reader);
      if (row === undefined) continue;
      table.rows.push(row);
      table.lines.push(record.line);
      progress(++rowCount);
    }
    if (table.rows.length > 0) yield table;
  }
  // A part of a file may hold no rows: the whole file is checked by its first part.
  if (reader.header) return;
  if (header === undefined) throw emptyFile(source, 'a header line and data rows');
  if (rowCount === 0 && reader.rejects.count > 0) throw reader.rejects.allRejected();
  if (rowCount === 0) {
    throw new DataError(
      `${source}:${header.line}: has a header but no data rows; add rows below the header.`,
    );
  }
}

/** The column names of a CSV header record; its line endings and names are checked. */
function csvColumns(header: CsvRecord, source: string): string[] {
  checkLineEndings(header, source);
  return columnNames(header.fields, `${source}:${header.line}`);
}

function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.length === 1 && (record.fields[0] as string).trim() === '';
}

/**
 * The column names of a header (a CSV header line, a Parquet schema) found at `where`: trimmed,
 * `column_N` for an empty one; too many, too long or repeated names are DataErrors.
 */
function columnNames(fields: readonly string[], where: string): string[] {
  if (fields.length > MAX_COLUMNS) throw tooManyColumns(where, fields.length);
  const names = fields.map((field, i) => field.trim() || `column_${i + 1}`);
  const long = names.findIndex(isTooLongName);
  if (long >= 0) throw nameTooLong(names[long] as string, where, `column ${long + 1}`);
  const firstPosition = new Map<string, number>();
  names.forEach((name, i) => {
    const earlier = firstPosition.get(name);
    if (earlier !== undefined) {
      throw new DataError(
        `${where}: column name "${name}" appears twice (columns ${earlier + 1} ` +
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

/** A row's cells; undefined when it has the wrong number of fields and was rejected. */
function csvRow(record: CsvRecord, header: CsvRecord, reader: Reader): RawValue[] | undefined {
  const { fields } = record;
  if (fields.length !== header.fields.length) {
    const error = new DataError(
      `${reader.source}:${record.line}: expected ${header.fields.length} fields, found ${fields.length}; ` +
        'quote values that contain the delimiter, and check the row for a missing or extra one.',
    );
    reader.rejects.reject(error, record.line, () => csvLine(fields));
    return undefined;
  }
  // The record's own array becomes the row: one array less to make (and collect) per row.
  const row: RawValue[] = fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as string;
    row[i] = reader.isMissing(field) ? null : reader.textCell(field);
  }
  return row;
}

/**
 * Fields as a CSV line (comma-separated, quoted where needed), built only a little past
 * REJECTED_RECORD_CHARS, since only that much of a rejected record is kept.
 */
function csvLine(fields: readonly string[]): string {
  let line = '';
  for (const [i, field] of fields.entries()) {
    if (line.length > REJECTED_RECORD_CHARS) return `${line}… [${fields.length} fields]`;
    const cell = /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
    line += i === 0 ? cell : `,${cell}`;
  }
  return line;
}

/**
 * Most rows in one batch of a JSON Lines file: the caller holds one batch at a time, so memory
 * stays flat however long the file (each row is itself bounded by data.max_record_bytes).
 */
export const JSONL_BATCH_ROWS = 10_000;

/**
 * A JSON Lines file's rows, in batches of at most JSONL_BATCH_ROWS. Columns are the union of keys
 * in first-seen order, so they may grow as the file is read: each batch carries every column seen
 * so far (its own copy), the earlier ones first, and its rows are aligned to that list; a row of
 * an earlier batch, shorter, is null for the columns added since. Rows are held back until a
 * record has a key, so a batch never has rows without columns.
 */
async function* jsonlBatches(
  chunks: AsyncIterable<string | Uint8Array>,
  reader: Reader,
): AsyncGenerator<RawTable> {
  const { source, progress, limits, onLongRecord } = reader;
  let records: Record<string, unknown>[] = [];
  let lines: number[] = [];
  let rowCount = 0;
  const columns = new Map<string, number>();
  const options = {
    source,
    ...limits,
    ...(onLongRecord ? { onLongRecord } : {}),
    onBadLine: (line: number, text: string, error: DataError) =>
      reader.rejects.reject(error, line, () => text),
  };
  // The rows held, in batches of at most JSONL_BATCH_ROWS (more are held only while no record
  // has had a key).
  function* flush(): Generator<RawTable> {
    const names = [...columns.keys()];
    for (let start = 0; start < records.length; start += JSONL_BATCH_ROWS) {
      const end = start + JSONL_BATCH_ROWS;
      // Own keys only: a record without a `toString` key must not read Object.prototype's.
      const rows = records
        .slice(start, end)
        .map((record) =>
          names.map((name) => (Object.hasOwn(record, name) ? (record[name] as RawValue) : null)),
        );
      yield { source, columns: [...names], rows, lines: lines.slice(start, end) };
    }
    records = [];
    lines = [];
  }
  for await (const { line, record } of readJsonlRecords(chunks, options)) {
    if (!readJsonCells(record, reader, line)) continue;
    for (const key of Object.keys(record)) {
      if (columns.has(key)) continue;
      if (isTooLongName(key))
        throw nameTooLong(key, `${source}:${line}`, `key ${columns.size + 1}`);
      if (columns.size >= MAX_COLUMNS) throw tooManyColumns(`${source}:${line}`, columns.size + 1);
      columns.set(key, columns.size);
    }
    records.push(record);
    lines.push(line);
    progress(++rowCount);
    if (records.length >= JSONL_BATCH_ROWS && columns.size > 0) yield* flush();
  }
  if (rowCount === 0 && reader.rejects.count > 0) throw reader.rejects.allRejected();
  if (rowCount === 0) throw emptyFile(source, 'one JSON object per line');
  if (columns.size === 0) {
    throw new DataError(
      `${source}: no record has any key; write each row as an object of column names to values.`,
    );
  }
  yield* flush();
}

/**
 * Turns a JSON record's values into cells, in place; false when a value is over the field limit
 * and the record was rejected (its keys then never become columns).
 */
function readJsonCells(record: Record<string, unknown>, reader: Reader, line: number): boolean {
  try {
    for (const key of Object.keys(record)) record[key] = jsonCell(record[key], reader, line);
    return true;
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    reader.rejects.reject(error, line, () => JSON.stringify(record));
    return false;
  }
}

/** Most rows in one batch of a Parquet file, as of a JSON Lines one. */
export const PARQUET_BATCH_ROWS = 10_000;

/**
 * A Parquet file's rows, a row group at a time in batches of at most PARQUET_BATCH_ROWS (see
 * parquet.ts), read from `open` when given, else from the chunks held whole. Its schema's column
 * names are checked as a CSV header's, its cells read as JSONL values are (missing tokens, decimal
 * comma, field size) and a row's text cells together held to the record limit. Row numbers stand
 * in for lines. Read from `open`, the chunks are still read through once the rows are, so a
 * caller hashing them sees every byte.
 */
async function* parquetBatches(
  chunks: AsyncIterable<string | Uint8Array>,
  reader: Reader,
  open: ReadTableOptions['open'],
): AsyncGenerator<RawTable> {
  const { source, progress } = reader;
  // Loaded on first use: hyparquet stays off the startup path of every other read.
  const { bytesSource, collectBytes, openParquet } = await import('./parquet.js');
  const handle = open ? await open() : undefined;
  try {
    const file = await openParquet(
      handle ?? bytesSource(await collectBytes(chunks, source)),
      source,
    );
    const columns = columnNames(file.names, source);
    if (columns.length === 0) {
      throw new DataError(`${source}: has no columns; give a Parquet file with at least one.`);
    }
    if (file.rows === 0) {
      throw new DataError(`${source}: has columns but no rows; give a file with data rows.`);
    }
    for await (const batch of file.batches(PARQUET_BATCH_ROWS)) {
      const rows: RawValue[][] = batch.rows;
      const lines = rows.map((row, i) => {
        const line = batch.start + i + 1;
        checkRowSize(row, reader, line);
        row.forEach((value, c) => {
          row[c] = jsonCell(value, reader, line);
        });
        progress(line);
        return line;
      });
      yield { source, columns, rows, lines };
    }
  } finally {
    await handle?.close();
  }
  if (handle) for await (const _ of chunks);
}

/** The record limit, for a Parquet row: its text cells together, in UTF-8 bytes. */
function checkRowSize(row: readonly RawValue[], reader: Reader, line: number): void {
  const limit = reader.limits.maxRecordBytes;
  let chars = 0;
  for (const value of row) if (typeof value === 'string') chars += value.length;
  if (!mayExceed(0, chars, limit)) return;
  let bytes = 0;
  for (const value of row) if (typeof value === 'string') bytes += utf8Length(value);
  if (bytes <= limit) return;
  throw new DataError(
    `${reader.source}:${line}: row ${line} holds ${bytes.toLocaleString('en-US')} bytes of text, more ` +
      `than the ${limit.toLocaleString('en-US')} a record may; raise data.max_record_bytes in mlops.yml ` +
      'if rows this long are expected.',
  );
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
