import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  DataError
} from "./chunk-N5O7Y2C6.js";

// src/data/bounds.ts
var MIB = 1024 * 1024;
var DEFAULT_MAX_FIELD_BYTES = 16 * MIB;
var DEFAULT_MAX_RECORD_BYTES = 64 * MIB;
var LONG_RECORD_PROGRESS_BYTES = 64 * MIB;
var EXCERPT_LENGTH = 200;
function sizeLimits(given = {}) {
  return {
    maxFieldBytes: given.maxFieldBytes ?? DEFAULT_MAX_FIELD_BYTES,
    maxRecordBytes: given.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES
  };
}
function mayExceed(carried, chars, limit) {
  return carried + 3 * chars > limit;
}
function utf8Length(text, from = 0, to = text.length) {
  let bytes = to - from;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) bytes += code >= 2048 && (code < 55296 || code > 57343) ? 2 : 1;
  }
  return bytes;
}
function fieldTooLong(source, line, bytes, limit) {
  return new DataError(
    `${source}:${line}: a field holds more than ${formatBytes(limit)} (${formatBytes(bytes)} read so far); check that the file is CSV with matching quotes, or raise data.max_field_bytes in mlops.yml if values this long are expected.`
  );
}
function recordTooLong(source, line, bytes, limit, sample = "") {
  const hint = hasLoneCarriageReturn(sample) ? "its lines seem to end with CR only (classic Mac OS), which is not supported: convert the line endings to LF (for example `tr '\\r' '\\n' < old.csv > new.csv`)" : "check that the file has line breaks and matching quotes, or raise data.max_record_bytes in mlops.yml if records this long are expected";
  return new DataError(
    `${source}:${line}: a record (line) holds more than ${formatBytes(limit)} (${formatBytes(bytes)} read so far); ${hint}.`
  );
}
function hasLoneCarriageReturn(text) {
  return /\r(?!\n)/.test(text.slice(0, -1));
}
function excerpt(text, length = EXCERPT_LENGTH) {
  if (text.length <= length) return text;
  const cut = isHighSurrogate(text.charCodeAt(length - 1)) ? length - 1 : length;
  return `${text.slice(0, cut)}\u2026 [${text.length.toLocaleString("en-US")} characters]`;
}
function isHighSurrogate(code) {
  return code >= 55296 && code <= 56319;
}
function formatBytes(bytes) {
  if (bytes < MIB) return `${bytes.toLocaleString("en-US")} bytes`;
  return `${Number((bytes / MIB).toFixed(1)).toLocaleString("en-US")} MiB`;
}
var MAX_COLUMNS = 1e4;
var MAX_EXPANSION_RATIO = 100;
var EXPANSION_ALLOWANCE = 64 * MIB;
function expansionLimit(compressedBytes) {
  return EXPANSION_ALLOWANCE + MAX_EXPANSION_RATIO * compressedBytes;
}
function expandsTooFar(source, expanded, compressed, what) {
  return new DataError(
    `${source}: ${what} more than ${formatBytes(expanded)} from ${formatBytes(compressed)} of compressed data, past the ${MAX_EXPANSION_RATIO}:1 (plus ${formatBytes(EXPANSION_ALLOWANCE)}) a compressed file may expand to; this looks like a decompression bomb. If the data is real, give it uncompressed.`
  );
}

export {
  LONG_RECORD_PROGRESS_BYTES,
  sizeLimits,
  mayExceed,
  utf8Length,
  fieldTooLong,
  recordTooLong,
  hasLoneCarriageReturn,
  excerpt,
  MAX_COLUMNS,
  MAX_EXPANSION_RATIO,
  expansionLimit,
  expandsTooFar
};
