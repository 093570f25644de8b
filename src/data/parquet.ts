/**
 * Parquet input, through hyparquet (pure JavaScript). A Parquet file keeps its index in a footer,
 * so it is read by byte ranges (a ByteSource: a file handle, or bytes in memory): the footer first,
 * then one row group at a time, each held only while its rows are passed on in batches. What the
 * footer declares is checked before any value is decoded: nested and binary columns are refused by
 * name, the cells it declares are bounded by expansionLimit of the file's size, and every row
 * group's chunks lie in the file without overlapping (parquet-pages.ts); then every page of a
 * row group is checked before hyparquet decodes it, and all decompression together is bounded by
 * expansionLimit, so a small hostile file cannot make us hold gigabytes. Whatever else is wrong
 * with the bytes is a DataError naming the file.
 *
 * Cells come out as the JSONL reader makes them:
 * - integers, floats and decimals → numbers; an INT64 beyond ±2^53 (where numbers are no longer
 *   exact) → its decimal text;
 * - strings, enums, UUIDs, JSON, and byte arrays without a type (read as UTF-8) → text;
 * - booleans → booleans; nulls → null;
 * - DATE → `YYYY-MM-DD`; timestamps → ISO 8601 to the millisecond, ending in `Z` when stored as
 *   an instant (UTC) and without it when stored as local time; TIME → `HH:MM:SS.sss`. A date out
 *   of JavaScript's range keeps its stored number, as text, so it counts as an invalid date.
 *
 * Codecs: none, Snappy (the usual default), gzip, Brotli, and zstd where Node.js has it (22.15 and
 * later; the action runs on Node.js 24).
 */
import {
  parquetMetadata,
  parquetSchema,
  type AsyncBuffer,
  type CompressionCodec,
  type Compressors,
  type DecodedArray,
  type FileMetaData,
  type ParquetParsers,
  type SchemaElement,
  type SchemaTree,
} from 'hyparquet';
import { parquetReadAsync } from 'hyparquet/src/read.js';
import * as zlib from 'node:zlib';
import { DataError, MlopsError } from '../errors.js';
import { errorMessage } from '../util/text.js';
import { excerpt, expandsTooFar, expansionLimit, MAX_EXPANSION_RATIO } from './bounds.js';
import { hasGzipMagic } from './gzip.js';
import { snappyDecompress } from './snappy.js';
import {
  checkRowGroup,
  corruptParquet as corrupt,
  rowGroupSpans,
  type ByteSpan,
  type FlatColumn,
  type PageDecompressor,
} from './parquet-pages.js';

/** A cell as decoded from Parquet, before the reader's missing-value and size checks. */
export type ParquetCell = string | number | boolean | null;

/** A file read by byte ranges: an open file handle, or bytes in memory (bytesSource). */
export interface ByteSource {
  /** The file's length in bytes. */
  readonly size: number;
  /** Bytes [start, end) of the file. */
  read(start: number, end: number): Promise<Uint8Array>;
}

/** Largest Parquet file read from a stream, which holds it whole (a ByteSource of a file does not). */
export const MAX_PARQUET_BYTES = 2 * 1024 ** 3;
/** Largest row group read: it is held whole while its rows are decoded. */
export const MAX_ROW_GROUP_BYTES = 2 * 1024 ** 3;
/** Largest footer read: writers keep it to kilobytes per row group and column. */
export const MAX_FOOTER_BYTES = 64 * 1024 ** 2;
/**
 * Fewest bytes a cell takes in a CSV file (one character and a delimiter): a Parquet file may
 * declare no more cells than a CSV file expansionLimit of its size could hold.
 */
const MIN_CELL_BYTES = 2;
/** Bytes read from the start of a file to tell what it holds when it is not Parquet. */
const SNIFF_BYTES = 512;

/** A Parquet file opened and checked: its columns are known, its rows not decoded yet. */
export interface ParquetFile {
  /** The top-level column names, as stored (the caller checks them like a CSV header). */
  names: string[];
  rows: number;
  /**
   * Decodes the rows, aligned to `names`, one row group at a time: each is read (its bytes only),
   * checked and decoded when the batches before it have been taken, and passed on in batches of
   * at most `batchRows` rows; `start` is the first row's index in the file, from 0.
   */
  batches(batchRows: number): AsyncGenerator<ParquetBatch>;
}

/** Rows of a Parquet file: `rows[i]` is row `start + i` of the file (from 0). */
export interface ParquetBatch {
  start: number;
  rows: ParquetCell[][];
}

/** A column of the file, with how its values become cells. */
interface Column extends FlatColumn {
  cell: (value: unknown) => ParquetCell | undefined;
}

/** `bytes` as a ByteSource. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (start, end) => Promise.resolve(bytes.subarray(start, end)) };
}

/** The bytes of `chunks`, refused past MAX_PARQUET_BYTES. */
export async function collectBytes(
  chunks: AsyncIterable<string | Uint8Array>,
  source: string,
): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    total += bytes.length;
    if (total > MAX_PARQUET_BYTES) {
      throw new DataError(
        `${source}: is larger than the ${MAX_PARQUET_BYTES / 1024 ** 3} GiB a Parquet file read ` +
          'from a stream may be (it is held whole); read it from a file, or give the data as CSV ' +
          'or JSON Lines.',
      );
    }
    parts.push(bytes);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all;
}

/** Reads the footer and schema of a Parquet file and checks what it declares. */
export async function openParquet(file: ByteSource, source: string): Promise<ParquetFile> {
  const { size } = file;
  const head = await file.read(0, Math.min(size, SNIFF_BYTES));
  const tail = await file.read(Math.max(size - 8, 0), size);
  checkMagic(head, tail, size, source);
  const footerLength = new DataView(tail.buffer, tail.byteOffset, 4).getUint32(0, true);
  // The data starts after the leading PAR1; the footer ends with its length and PAR1.
  const dataEnd = size - 8 - footerLength;
  if (dataEnd < 4) throw corrupt(source, 'its footer states more bytes than the file holds');
  if (footerLength > MAX_FOOTER_BYTES) {
    throw new DataError(
      `${source}: its footer states ${footerLength.toLocaleString('en-US')} bytes, more than the ` +
        `${MAX_FOOTER_BYTES / 1024 ** 2} MiB read; write the file with fewer row groups or columns.`,
    );
  }
  const footer = await file.read(dataEnd, size);
  const metadata = attempt(() => parquetMetadata(footer, { geoparquet: false }), source);
  const tree = attempt(() => parquetSchema(metadata), source);
  if (tree.element.repetition_type === 'REPEATED') throw nested(source, tree.element.name);
  const columns = tree.children.map((child) => flatColumn(child, source));
  const rows = rowCount(metadata, source);
  const cells = rows * columns.length;
  if (cells * MIN_CELL_BYTES > expansionLimit(size)) {
    throw new DataError(
      `${source}: declares ${rows.toLocaleString('en-US')} rows of ${columns.length} columns in ` +
        `${size.toLocaleString('en-US')} bytes: more cells than a CSV file ${MAX_EXPANSION_RATIO} ` +
        'times its size could hold, so it looks corrupt or like a decompression bomb; if the data is ' +
        'real, give it as CSV or JSON Lines.',
    );
  }
  const spans = rowGroupSpans(metadata, dataEnd, source);
  for (const [g, span] of spans.entries()) {
    if (span && span.end - span.start > MAX_ROW_GROUP_BYTES) {
      throw new DataError(
        `${source}: row group ${g + 1} takes ${(span.end - span.start).toLocaleString('en-US')} ` +
          `bytes, more than the ${MAX_ROW_GROUP_BYTES / 1024 ** 3} GiB a row group may (it is held ` +
          "whole while decoded); write the file with smaller row groups (pyarrow's row_group_size).",
      );
    }
  }
  return {
    names: columns.map((column) => column.name),
    rows,
    batches: (batchRows) => readBatches(file, metadata, spans, columns, batchRows, source),
  };
}

/** The rows of each row group in turn (see ParquetFile.batches). */
async function* readBatches(
  file: ByteSource,
  metadata: FileMetaData,
  spans: readonly (ByteSpan | null)[],
  columns: readonly Column[],
  batchRows: number,
  source: string,
): AsyncGenerator<ParquetBatch> {
  const byName = new Map(columns.map((column) => [column.name, column]));
  // One budget for the checks and one for decoding, each over the whole file.
  const checking = budgetedDecompressor(file.size, source);
  const decompress = budgetedDecompressor(file.size, source);
  const compressors = Object.fromEntries(
    CODECS.map((codec) => [
      codec,
      (input: Uint8Array, size: number) => decompress(codec, input, size),
    ]),
  ) as Compressors;
  let groupStart = 0;
  for (const [g, span] of spans.entries()) {
    const start = groupStart;
    const rows = Number(metadata.row_groups[g]?.num_rows);
    groupStart += rows;
    if (!span) continue;
    const bytes = await file.read(span.start, span.end);
    checkRowGroup(bytes, span, g, metadata, byName, checking, source);
    const group = { index: g, start, rows, bytes, span };
    const data = await decodeRowGroup(group, file.size, metadata, columns, compressors, source);
    for (let from = 0; from < rows; from += batchRows) {
      const to = Math.min(rows, from + batchRows);
      yield {
        start: start + from,
        rows: attempt(() => toCells(data, columns, start, from, to, source), source),
      };
    }
  }
}

/** A row group read: its index, first row (from 0), rows, and the bytes of its chunks. */
interface RowGroupBytes {
  index: number;
  start: number;
  rows: number;
  bytes: Uint8Array;
  span: ByteSpan;
}

/** The values of each column of a row group, in the order of `columns`, each one per row. */
async function decodeRowGroup(
  group: RowGroupBytes,
  fileSize: number,
  metadata: FileMetaData,
  columns: readonly Column[],
  compressors: Compressors,
  source: string,
): Promise<DecodedArray[]> {
  const { bytes, span } = group;
  // hyparquet slices the file for each chunk (or run of chunks): served from the group's bytes,
  // and nothing outside them.
  const groupFile: AsyncBuffer = {
    byteLength: fileSize,
    slice(start, end = fileSize) {
      if (start < span.start || end > span.end || end < start) {
        throw new Error('a read outside its row group');
      }
      const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      if (whole && start === span.start && end === span.end) return bytes.buffer as ArrayBuffer;
      return bytes.slice(start - span.start, end - span.start).buffer as ArrayBuffer;
    },
  };
  const decoded = new Map<string, { data: DecodedArray[]; skipped: number }>();
  try {
    const groups = parquetReadAsync({
      file: groupFile,
      metadata,
      rowStart: group.start,
      rowEnd: group.start + group.rows,
      compressors,
      parsers: PARSERS,
      utf8: true,
    });
    const asyncColumns = groups.flatMap((read) => read.asyncColumns);
    // Every column awaited, so none fails unobserved; the first failure is the file's error.
    const settled = await Promise.allSettled(asyncColumns.map((column) => column.data));
    settled.forEach((outcome, i) => {
      if (outcome.status === 'rejected') throw outcome.reason;
      decoded.set(String(asyncColumns[i]?.pathInSchema[0]), outcome.value);
    });
  } catch (error) {
    throw unreadable(error, source);
  }
  return columns.map((column) => {
    const read = decoded.get(column.name);
    const values = read ? flatValues(read.data) : [];
    if (values.length !== group.rows || read?.skipped) {
      throw corrupt(
        source,
        `row group ${group.index + 1}, column "${excerpt(column.name)}": it holds ` +
          `${values.length.toLocaleString('en-US')} values for ${group.rows.toLocaleString('en-US')} rows`,
      );
    }
    return values;
  });
}

/** A column's pages as one array (the single page of most chunks as it is). */
function flatValues(pages: DecodedArray[]): DecodedArray {
  if (pages.length === 1) return pages[0] as DecodedArray;
  const values: unknown[] = [];
  for (const page of pages) for (const value of page) values.push(value);
  return values;
}

/** Rows [from, to) of a row group whose first row is `start` in the file, as cells. */
function toCells(
  data: readonly DecodedArray[],
  columns: readonly Column[],
  start: number,
  from: number,
  to: number,
  source: string,
): ParquetCell[][] {
  const rows: ParquetCell[][] = new Array(to - from);
  for (let r = from; r < to; r++) {
    const row: ParquetCell[] = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const value: unknown = (data[c] as DecodedArray)[r];
      const cell = (columns[c] as Column).cell(value);
      if (cell === undefined) {
        throw unsupportedValue(source, start + r + 1, (columns[c] as Column).name, value);
      }
      row[c] = cell;
    }
    rows[r - from] = row;
  }
  return rows;
}

/**
 * "PAR1" at both ends of a file of `size` bytes that starts with `head` and ends with `tail` (its
 * last 8 bytes); anything else is named for what it seems to be.
 */
function checkMagic(head: Uint8Array, tail: Uint8Array, size: number, source: string): void {
  const word = (bytes: Uint8Array, from: number) =>
    String.fromCharCode(...bytes.subarray(from, from + 4));
  const start = word(head, 0);
  const end = size >= 12 ? word(tail, 4) : '';
  if (hasGzipMagic(head)) {
    throw new DataError(
      `${source}: holds gzip-compressed data, not Parquet. Parquet compresses its own pages: give ` +
        'the .parquet file as written (a gzip-compressed CSV or JSON Lines file is named .csv.gz or .jsonl.gz).',
    );
  }
  if (start === 'PAR1' && end === 'PARE') {
    throw new DataError(
      `${source}: is an encrypted Parquet file, which is not supported; give it unencrypted.`,
    );
  }
  if (start === 'PAR1' && end === 'PAR1') return;
  const why =
    start === 'PAR1'
      ? 'it does not end with the Parquet footer: was it cut short while copying?'
      : looksLikeText(head)
        ? 'it holds text: name a CSV file .csv and a JSON Lines file .jsonl'
        : 'it does not start and end with PAR1, as Parquet files do';
  throw new DataError(`${source}: is not a Parquet file (${why}).`);
}

/** Whether the start of `bytes` reads as text: no control bytes but tab, CR and LF. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  return bytes
    .subarray(0, SNIFF_BYTES)
    .every((b) => b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d);
}

/** The sum of the row groups' rows, which must be the file's. */
function rowCount(metadata: FileMetaData, source: string): number {
  let rows = 0;
  for (const group of metadata.row_groups) {
    const n = Number(group.num_rows);
    if (!Number.isSafeInteger(n) || n < 0) {
      throw corrupt(source, 'a row group states an invalid row count');
    }
    rows += n;
  }
  if (rows !== Number(metadata.num_rows)) {
    throw corrupt(source, "its row count is not the sum of its row groups'");
  }
  return rows;
}

/** A top-level column that holds one plain value per row, or a DataError naming it. */
function flatColumn(child: SchemaTree, source: string): Column {
  const element = child.element;
  const name = String(element.name);
  if (child.children.length > 0 || element.repetition_type === 'REPEATED') {
    throw nested(source, name);
  }
  const unsupported = unsupportedType(element);
  if (unsupported) {
    throw new DataError(
      `${source}: column "${excerpt(name)}" holds ${unsupported}, which is not supported; convert ` +
        'it to numbers or text, or leave it out of the file.',
    );
  }
  if (element.type === undefined) throw corrupt(source, `column "${excerpt(name)}" has no type`);
  return {
    name,
    type: element.type,
    ...(element.type_length !== undefined ? { typeLength: element.type_length } : {}),
    maxDefinitionLevel: element.repetition_type === 'REQUIRED' ? 0 : 1,
    cell: cellReader(element),
  };
}

/** Longest fixed-length value read: hyparquet allocates rows × this for some encodings. */
const MAX_FIXED_LENGTH = 1024;

function unsupportedType(element: SchemaElement): string | undefined {
  const logical = element.logical_type?.type;
  const converted = element.converted_type;
  if (logical === 'GEOMETRY' || logical === 'GEOGRAPHY') return 'geometries';
  if (logical === 'BSON' || converted === 'BSON') return 'BSON documents';
  if (logical === 'INTERVAL' || converted === 'INTERVAL') return 'intervals';
  if (element.type === 'FIXED_LEN_BYTE_ARRAY') {
    const known =
      converted === 'DECIMAL' ||
      logical === 'DECIMAL' ||
      logical === 'UUID' ||
      logical === 'FLOAT16';
    if (!known) return 'binary values (fixed-length byte arrays)';
    const length = Number(element.type_length);
    // DECIMAL takes at most 32 bytes in practice, UUID 16, FLOAT16 2.
    if (!(length >= 1 && length <= MAX_FIXED_LENGTH)) {
      return `fixed-length values of ${length} bytes`;
    }
  }
  return undefined;
}

function nested(source: string, name: string): DataError {
  return new DataError(
    `${source}: column "${excerpt(name)}" is nested (a list, map or struct: several values per row), ` +
      'which is not supported; flatten it into plain columns, one value per row (for example with ' +
      "pandas' json_normalize or Polars' unnest), before reading it here.",
  );
}

/** How a column's decoded values become cells; undefined for a value that cannot be one. */
function cellReader(element: SchemaElement): (value: unknown) => ParquetCell | undefined {
  const logical = element.logical_type;
  const converted = element.converted_type;
  if (converted === 'DATE' || logical?.type === 'DATE') {
    return (value) => (typeof value === 'number' ? isoDate(daysToDate(value)) : isoDate(value));
  }
  if (logical?.type === 'TIMESTAMP') {
    const utc = logical.isAdjustedToUTC;
    return (value) => isoTimestamp(value, utc);
  }
  if (
    converted === 'TIMESTAMP_MILLIS' ||
    converted === 'TIMESTAMP_MICROS' ||
    element.type === 'INT96'
  ) {
    return (value) => isoTimestamp(value, true);
  }
  if (logical?.type === 'TIME' || converted === 'TIME_MILLIS' || converted === 'TIME_MICROS') {
    const unit =
      logical?.type === 'TIME' ? logical.unit : converted === 'TIME_MILLIS' ? 'MILLIS' : 'MICROS';
    return (value) => timeOfDay(value, unit);
  }
  return plainCell;
}

function plainCell(value: unknown): ParquetCell | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint': {
      const number = Number(value);
      return Number.isSafeInteger(number) ? number : value.toString();
    }
    case 'object':
      if (value === null) return null;
      if (value instanceof Date) return isoTimestamp(value, true);
      return undefined;
    default:
      return undefined;
  }
}

/** A date's `YYYY-MM-DD`; other values (a number kept as text, null) as plainCell has them. */
function isoDate(value: unknown): ParquetCell | undefined {
  if (!(value instanceof Date)) return plainCell(value);
  const text = value.toISOString();
  return text.slice(0, text.indexOf('T'));
}

function isoTimestamp(value: unknown, utc: boolean): ParquetCell | undefined {
  if (!(value instanceof Date)) return plainCell(value);
  const text = value.toISOString();
  return utc ? text : text.slice(0, -1);
}

/** A time of day as `HH:MM:SS.sss`; a value outside one day keeps its number, as text. */
function timeOfDay(value: unknown, unit: 'MILLIS' | 'MICROS' | 'NANOS'): ParquetCell | undefined {
  if (typeof value !== 'number' && typeof value !== 'bigint') return plainCell(value);
  const divisor = { MILLIS: 1, MICROS: 1_000, NANOS: 1_000_000 }[unit] ?? 1;
  const ms = typeof value === 'bigint' ? Number(value / BigInt(divisor)) : value / divisor;
  if (!(ms >= 0 && ms < DAY_MS)) return String(value);
  return new Date(ms).toISOString().slice(11, 23);
}

const DAY_MS = 86_400_000;
/** Largest distance from 1970 a JavaScript Date holds, in milliseconds. */
const MAX_DATE_MS = 8.64e15;

function daysToDate(days: number): Date | string {
  return msToDate(days * DAY_MS, days);
}

/** A Date for `ms`, or the stored value `raw` as text when no Date reaches it. */
function msToDate(ms: number, raw: number | bigint): Date | string {
  return Math.abs(ms) <= MAX_DATE_MS ? new Date(ms) : String(raw);
}

/** Floor division of a bigint, so times before 1970 round down like the others. */
function floorDiv(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  return value % divisor < 0n ? quotient - 1n : quotient;
}

/** Dates and timestamps as Date objects (or their number as text when out of range); JSON as text. */
const decoder = new TextDecoder();
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (ms) => msToDate(Number(ms), ms),
  timestampFromMicroseconds: (us) => msToDate(Number(floorDiv(us, 1_000n)), us),
  timestampFromNanoseconds: (ns) => msToDate(Number(floorDiv(ns, 1_000_000n)), ns),
  dateFromDays: daysToDate,
  jsonFromBytes: (bytes) => bytes && decoder.decode(bytes),
};

const CODECS: CompressionCodec[] = ['SNAPPY', 'GZIP', 'BROTLI', 'ZSTD', 'LZ4', 'LZ4_RAW', 'LZO'];

/** zstd in node:zlib, from Node.js 22.15 (absent from @types/node 20). */
const zstdDecompressSync = (
  zlib as unknown as {
    zstdDecompressSync?: (input: Uint8Array, options: { maxOutputLength: number }) => Uint8Array;
  }
).zstdDecompressSync;

/**
 * Page decompression for one pass over a file of `fileBytes`: all pages together may not expand
 * past expansionLimit, and each page no further than its header says.
 */
function budgetedDecompressor(fileBytes: number, source: string): PageDecompressor {
  const limit = expansionLimit(fileBytes);
  let used = 0;
  return (codec, input, size) => {
    if (codec === 'UNCOMPRESSED') return input;
    if (!Number.isSafeInteger(size) || size < 0) throw new Error('invalid page size');
    used += size;
    if (used > limit) throw expandsTooFar(source, used, fileBytes, 'decompresses to');
    const options = { maxOutputLength: Math.max(size, 1) };
    switch (codec) {
      case 'SNAPPY':
        return snappyDecompress(input, size);
      case 'GZIP':
        return zlib.gunzipSync(input, options);
      case 'BROTLI':
        return zlib.brotliDecompressSync(input, options);
      case 'ZSTD':
        if (zstdDecompressSync) return zstdDecompressSync(input, options);
        throw new DataError(
          `${source}: its pages are compressed with zstd, which needs Node.js 22.15 or later ` +
            `(this is ${process.version}; the action runs on Node.js 24); run mlops on a newer ` +
            'Node.js, or write the file with Snappy compression.',
        );
      default:
        throw new DataError(
          `${source}: its pages are compressed with ${codec}, which is not supported; write it with ` +
            'Snappy (the usual default), gzip, Brotli or zstd compression.',
        );
    }
  };
}

/** Runs a step of hyparquet's, turning its errors into a DataError naming the file. */
function attempt<T>(step: () => T, source: string): T {
  try {
    return step();
  } catch (error) {
    throw unreadable(error, source);
  }
}

function unreadable(error: unknown, source: string): unknown {
  if (error instanceof MlopsError) return error;
  // hyparquet's own words, which may quote a column name: kept short, without control characters.
  const reason = excerpt(errorMessage(error).replace(/[\x00-\x1f\x7f]/g, ' '), 160);
  return new DataError(
    `${source}: is not a readable Parquet file (${reason}); check that it is complete, or write it again.`,
  );
}

function unsupportedValue(source: string, row: number, name: string, value: unknown): DataError {
  const what =
    value === undefined
      ? 'no value where the file should hold one (it looks corrupt)'
      : value instanceof Uint8Array
        ? 'binary data'
        : 'a value that is neither a number, text, a boolean nor a date';
  return new DataError(
    `${source}:${row}: column "${excerpt(name)}" holds ${what}; only plain columns are supported ` +
      '(row numbers count from 1).',
  );
}
