/**
 * Bounds on what hostile input can make us hold or write: the size of a field and of a record
 * (a CSV line, or lines joined by a quoted line break; a JSONL line), and short excerpts of long
 * values wherever values are copied into statistics, schemas, messages and reports.
 */
import { DataError } from '../errors.js';

const MIB = 1024 * 1024;

/** Largest field a reader accepts (data.max_field_bytes), in UTF-8 bytes. */
export const DEFAULT_MAX_FIELD_BYTES = 16 * MIB;
/** Largest record a reader accepts (data.max_record_bytes), in UTF-8 bytes. */
export const DEFAULT_MAX_RECORD_BYTES = 64 * MIB;
/** A record still open after another this many bytes is reported, so a long read shows progress. */
export const LONG_RECORD_PROGRESS_BYTES = 64 * MIB;
/** Longest value kept whole in statistics, schemas, anomalies and evaluation output. */
export const EXCERPT_LENGTH = 200;

/** The size limits of one read, both in UTF-8 bytes. */
export interface SizeLimits {
  maxFieldBytes: number;
  maxRecordBytes: number;
}

/** Called when an unfinished record has grown past another LONG_RECORD_PROGRESS_BYTES. */
export type LongRecordListener = (line: number, bytes: number) => void;

/** The limits given, with the defaults for those left out. */
export function sizeLimits(given: Partial<SizeLimits> = {}): SizeLimits {
  return {
    maxFieldBytes: given.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES,
    maxRecordBytes: given.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
  };
}

/**
 * Whether `chars` UTF-16 code units on top of `carried` bytes may exceed `limit` bytes: a bound
 * that costs no pass over the text (a code unit takes at most 3 bytes in UTF-8), so the exact
 * count is only taken for values near the limit.
 */
export function mayExceed(carried: number, chars: number, limit: number): boolean {
  return carried + 3 * chars > limit;
}

/** The UTF-8 size of `text[from, to)`, without encoding it. */
export function utf8Length(text: string, from = 0, to = text.length): number {
  let bytes = to - from;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is 2 code units and 4 bytes: each half adds 1.
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/** A field over `limit` bytes, found on `line` of `source`. */
export function fieldTooLong(
  source: string,
  line: number,
  bytes: number,
  limit: number,
): DataError {
  return new DataError(
    `${source}:${line}: a field holds more than ${formatBytes(limit)} (${formatBytes(bytes)} read so far); ` +
      'check that the file is CSV with matching quotes, or raise data.max_field_bytes in mlops.yml ' +
      'if values this long are expected.',
  );
}

/**
 * A record over `limit` bytes starting on `line` of `source`; `sample` (text of the record) adds
 * a hint when it holds a CR that ends no line, the sign of classic Mac OS line endings.
 */
export function recordTooLong(
  source: string,
  line: number,
  bytes: number,
  limit: number,
  sample = '',
): DataError {
  const hint = hasLoneCarriageReturn(sample)
    ? 'its lines seem to end with CR only (classic Mac OS), which is not supported: ' +
      "convert the line endings to LF (for example `tr '\\r' '\\n' < old.csv > new.csv`)"
    : 'check that the file has line breaks and matching quotes, or raise data.max_record_bytes ' +
      'in mlops.yml if records this long are expected';
  return new DataError(
    `${source}:${line}: a record (line) holds more than ${formatBytes(limit)} ` +
      `(${formatBytes(bytes)} read so far); ${hint}.`,
  );
}

/** Whether `text` has a CR not followed by LF; a CR at its very end does not count (its LF may follow). */
export function hasLoneCarriageReturn(text: string): boolean {
  return /\r(?!\n)/.test(text.slice(0, -1));
}

/**
 * `text` whole when short, else its first EXCERPT_LENGTH characters and a marker saying how long
 * it was: a 50 MB cell must not be copied into every file and message that names it.
 */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  if (text.length <= length) return text;
  // Never split a surrogate pair: half an emoji is not valid text in JSON or markdown.
  const cut = isHighSurrogate(text.charCodeAt(length - 1)) ? length - 1 : length;
  return `${text.slice(0, cut)}… [${text.length.toLocaleString('en-US')} characters]`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Bytes for people: whole MiB when at least one, else bytes. */
function formatBytes(bytes: number): string {
  if (bytes < MIB) return `${bytes.toLocaleString('en-US')} bytes`;
  return `${Number((bytes / MIB).toFixed(1)).toLocaleString('en-US')} MiB`;
}

/**
 * Most columns a table may have: every row holds every column, so a file that names a new key on
 * each JSON line (or a header of a million commas) would otherwise grow as rows × columns.
 */
export const MAX_COLUMNS = 10_000;

/**
 * Most a compressed input (a `.gz` file, a Parquet file's pages and cells) may expand to: this
 * many times its size on disk, plus EXPANSION_ALLOWANCE. So a compressed file costs at most what a
 * plain file 100 times its size would, and a few kilobytes that inflate to gigabytes (a "zip bomb";
 * deflate reaches about 1000:1) are refused early. Typical tables compress 3 to 10 times with
 * gzip (bench/data.ts: 4); a table of 0/1 flags, 2 % of them set, about 40.
 */
export const MAX_EXPANSION_RATIO = 100;
/** Expansion up to this many bytes is accepted whatever the ratio, so small files never trip it. */
export const EXPANSION_ALLOWANCE = 64 * MIB;

/** How many bytes `compressedBytes` of compressed input may expand to. */
export function expansionLimit(compressedBytes: number): number {
  return EXPANSION_ALLOWANCE + MAX_EXPANSION_RATIO * compressedBytes;
}

/**
 * A compressed input that expands past expansionLimit: `expanded` bytes so far (or announced)
 * from `compressed` bytes of `source`.
 */
export function expandsTooFar(
  source: string,
  expanded: number,
  compressed: number,
  what: string,
): DataError {
  return new DataError(
    `${source}: ${what} more than ${formatBytes(expanded)} from ${formatBytes(compressed)} of ` +
      `compressed data, past the ${MAX_EXPANSION_RATIO}:1 (plus ${formatBytes(EXPANSION_ALLOWANCE)}) ` +
      'a compressed file may expand to; this looks like a decompression bomb. If the data is real, ' +
      'give it uncompressed.',
  );
}
