/**
 * Structural checks of a Parquet file's pages, run before hyparquet decodes them. hyparquet trusts
 * the counts a file states: a run of a run-length encoding that claims two billion values makes it
 * fill an array until the process dies of memory, whatever the page holds; a page claiming more
 * values than its row group has rows makes it allocate for them. So every count it will act on is
 * checked here against what the file can hold: page sizes against the chunk and the decompression
 * budget, value counts against the row group's rows, and each run of the RLE/bit-packed hybrid
 * encoding (definition levels, dictionary indices, booleans) and each DELTA_BYTE_ARRAY prefix
 * against the values of its page. The walk mirrors hyparquet's reading of flat columns (nested
 * ones are refused before this). It runs on one row group at a time, as the file is read; first,
 * rowGroupSpans checks from the footer alone that the row groups' bytes lie in the file and do not
 * overlap, so each byte is read once.
 */
import type { ColumnMetaData, CompressionCodec, DataReader, FileMetaData } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { deltaBinaryUnpack } from 'hyparquet/src/delta.js';
import { readRleBitPackedHybrid } from 'hyparquet/src/encoding.js';
import { readVarInt } from 'hyparquet/src/thrift.js';
import { DataError } from '../errors.js';
import { excerpt } from './bounds.js';

/** Decompresses one page (or says why it may not): the budgeted codecs of parquet.ts. */
export type PageDecompressor = (
  codec: CompressionCodec,
  input: Uint8Array,
  size: number,
) => Uint8Array;

/** What the walk needs to know of a column: its physical type and whether it may be null. */
export interface FlatColumn {
  name: string;
  type: string;
  /** FIXED_LEN_BYTE_ARRAY: bytes per value. */
  typeLength?: number;
  /** 1 when values may be null (definition levels are stored), else 0. */
  maxDefinitionLevel: 0 | 1;
}

/**
 * A run that costs memory or time for every value it states (see checkRuns) may go past its
 * page's values by this much: a writer rounding a run up is harmless; what is refused are runs of
 * millions.
 */
const RUN_SLACK = 8;

/** Bytes [start, end) of a file. */
export interface ByteSpan {
  start: number;
  end: number;
}

/**
 * The bytes of each row group's column chunks, as hyparquet slices them, checked against the
 * file: every chunk lies within the data (before the footer, at `dataEnd`), and the groups
 * together span no more than the data, so no byte is read twice. A group of no rows is never read:
 * null.
 */
export function rowGroupSpans(
  metadata: FileMetaData,
  dataEnd: number,
  source: string,
): (ByteSpan | null)[] {
  let total = 0;
  const spans = metadata.row_groups.map((group, g) => {
    if (Number(group.num_rows) === 0) return null;
    let span: ByteSpan | null = null;
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      const range = meta ? chunkRange(meta) : null;
      if (!range || range.end > dataEnd) {
        const path: unknown = meta?.path_in_schema;
        const name = Array.isArray(path) ? path.join('.') : '';
        const why = range ? 'it reaches past the end of the file' : 'its byte range is invalid';
        throw corruptParquet(source, `row group ${g + 1}, column "${excerpt(name)}": ${why}`);
      }
      span = span
        ? { start: Math.min(span.start, range.start), end: Math.max(span.end, range.end) }
        : range;
    }
    if (!span) throw corruptParquet(source, `row group ${g + 1} holds no column chunks`);
    total += span.end - span.start;
    return span;
  });
  if (total > dataEnd) throw corruptParquet(source, 'its row groups overlap');
  return spans;
}

/** A column chunk's bytes, as hyparquet slices them; null when the footer states no valid range. */
function chunkRange(meta: ColumnMetaData): ByteSpan | null {
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  const end = start + Number(meta.total_compressed_size);
  const valid = Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0;
  return valid && end >= start ? { start, end } : null;
}

/**
 * Throws a DataError naming `source` when row group `g` of `metadata`, whose chunks' bytes are
 * `bytes` (the span rowGroupSpans gave it), does not hold each column once, with the schema's
 * type, or a page states counts it cannot hold. (A column chunk hyparquet reads but no column
 * claims is never awaited: its failure would be an unhandled rejection.)
 */
export function checkRowGroup(
  bytes: Uint8Array,
  span: ByteSpan,
  g: number,
  metadata: FileMetaData,
  columns: ReadonlyMap<string, FlatColumn>,
  decompress: PageDecompressor,
  source: string,
): void {
  const group = metadata.row_groups[g];
  if (!group) throw corruptParquet(source, `row group ${g + 1} is missing`);
  const rows = Number(group.num_rows);
  const seen = new Set<string>();
  for (const chunk of group.columns) {
    const meta = chunk.meta_data;
    const path: unknown = meta?.path_in_schema;
    const name = Array.isArray(path) && path.length === 1 ? path[0] : undefined;
    const column = typeof name === 'string' ? columns.get(name) : undefined;
    if (!meta || !column || seen.has(column.name) || meta.type !== column.type) {
      throw corruptParquet(
        source,
        `row group ${g + 1} holds a column chunk that does not match a column of its schema`,
      );
    }
    seen.add(column.name);
    const where = `row group ${g + 1}, column "${excerpt(column.name)}"`;
    // rowGroupSpans checked the range, and the span covers it.
    const range = chunkRange(meta) as ByteSpan;
    checkChunk(
      bytes.subarray(range.start - span.start, range.end - span.start),
      meta.codec,
      column,
      rows,
      decompress,
      (why) => corruptParquet(source, `${where}: ${why}`),
    );
  }
  if (seen.size !== columns.size) {
    throw corruptParquet(source, `row group ${g + 1} lacks a column of its schema`);
  }
}

/** Walks the pages of one column chunk of a row group of `rows` rows. */
function checkChunk(
  bytes: Uint8Array,
  codec: CompressionCodec,
  column: FlatColumn,
  rows: number,
  decompress: PageDecompressor,
  fail: (why: string) => DataError,
): void {
  const reader: DataReader = {
    view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    offset: 0,
  };
  // Every page, to the chunk's end: hyparquet stops once it has the group's rows, but counts them
  // its own way, so a page it reads is never one this walk did not.
  while (reader.offset < bytes.length - 1) {
    const header = attempt(() => parquetHeader(reader), fail);
    const compressedSize = header.compressed_page_size;
    const size = header.uncompressed_page_size;
    if (!isCount(compressedSize) || !isCount(size)) throw fail('a page states an invalid size');
    if (reader.offset + compressedSize > bytes.length) throw fail('a page reaches past its chunk');
    const page = bytes.subarray(reader.offset, reader.offset + compressedSize);
    reader.offset += compressedSize;
    const unpack = () => attempt(() => decompress(codec, page, size), fail);
    if (header.type === 'DICTIONARY_PAGE') {
      const entries = header.dictionary_page_header?.num_values;
      if (!isCount(entries) || entries * minValueBytes(column) > size + 1) {
        throw fail('its dictionary states more entries than its page holds');
      }
    } else if (header.type === 'DATA_PAGE') {
      const values = header.data_page_header?.num_values;
      if (!isCount(values) || values > rows) {
        throw fail(`a page states more values than the row group's ${rows} rows`);
      }
      const encoding = header.data_page_header?.encoding;
      if (column.maxDefinitionLevel > 0 || checksValues(encoding, column)) {
        attempt(() => checkPageV1(unpack(), encoding, column, values, fail), fail);
      }
    } else if (header.type === 'DATA_PAGE_V2') {
      const v2 = header.data_page_header_v2;
      if (!v2) throw fail('a page has no header');
      const { num_values: values, num_nulls: nulls, num_rows: pageRows } = v2;
      const repetitionBytes = v2.repetition_levels_byte_length;
      const counts = [values, nulls, pageRows, repetitionBytes, v2.definition_levels_byte_length];
      if (!counts.every(isCount)) throw fail('a page states an invalid count');
      if (values > rows || pageRows > rows) {
        throw fail(`a page states more values than the row group's ${rows} rows`);
      }
      const levels = repetitionBytes + v2.definition_levels_byte_length;
      if (nulls > values || levels > compressedSize || levels > size) {
        throw fail('a page states inconsistent counts');
      }
      if (column.maxDefinitionLevel > 0) {
        attempt(() => checkRuns(page, repetitionBytes, 1, values, fail), fail);
      }
      const encoding = v2.encoding;
      if (checksValues(encoding, column)) {
        const valueSize = size - levels;
        const stored = page.subarray(levels);
        const data =
          v2.is_compressed !== false && valueSize > 0
            ? attempt(() => decompress(codec, stored, valueSize), fail)
            : stored;
        attempt(() => checkValues(data, 0, encoding, column, values - nulls, fail), fail);
      }
    }
    // Other page types: hyparquet refuses them itself.
  }
}

/** A version 1 data page: definition levels (length-prefixed), then the values. */
function checkPageV1(
  page: Uint8Array,
  encoding: string | undefined,
  column: FlatColumn,
  values: number,
  fail: (why: string) => DataError,
): void {
  const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
  let offset = 0;
  let present = values;
  if (column.maxDefinitionLevel > 0) {
    const length = view.getUint32(0, true);
    checkRuns(page, 4, 1, values, fail);
    // DELTA_BYTE_ARRAY is decoded for exactly the values present, as hyparquet counts them.
    if (encoding === 'DELTA_BYTE_ARRAY') present = presentValues(view, values);
    offset = 4 + length;
  }
  checkValues(page, offset, encoding, column, present, fail);
}

/** How many of a page's `values` are not null, from its definition levels (runs checked). */
function presentValues(view: DataView, values: number): number {
  const levels: number[] = new Array(values);
  readRleBitPackedHybrid({ view, offset: 0 }, 1, levels);
  let nulls = values;
  for (const level of levels) if (level === 1) nulls--;
  return values - nulls;
}

/** The values section of a data page, from `offset`, holding at most `values` values. */
function checkValues(
  page: Uint8Array,
  offset: number,
  encoding: string | undefined,
  column: FlatColumn,
  values: number,
  fail: (why: string) => DataError,
): void {
  if (encoding === 'DELTA_BYTE_ARRAY') {
    checkDeltaPrefixes(page, offset, values, fail);
  } else if (encoding === 'DELTA_BINARY_PACKED') {
    checkDeltaBlocks(page, offset, fail);
  } else if (hasRuns(encoding)) {
    if (column.type === 'BOOLEAN') {
      // Booleans: bit width 1; a 4-byte length comes first (hyparquet reads one in both versions).
      checkRuns(page, offset + 4, 1, values, fail);
    } else if (offset < page.length) {
      // Dictionary indices: a byte of bit width, then runs to the end of the page.
      const width = page[offset] as number;
      if (width > 32) throw fail('a page states an invalid bit width');
      checkRuns(page, offset + 1, width, values, fail);
    }
  }
}

/** Encodings whose values are RLE/bit-packed hybrid runs. */
function hasRuns(encoding: string | undefined): boolean {
  return encoding === 'RLE' || encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY';
}

/** Whether the values of a page in `encoding` hold counts to check (see checkValues). */
function checksValues(encoding: string | undefined, column: FlatColumn): boolean {
  if (encoding === 'DELTA_BINARY_PACKED') return column.type === 'INT64';
  return hasRuns(encoding) || encoding === 'DELTA_BYTE_ARRAY';
}

/**
 * Most miniblocks a DELTA_BINARY_PACKED block may state: writers use 4, and hyparquet allocates
 * a byte per miniblock (for INT64) before reading any, so two billion would cost 2 GiB.
 */
const MAX_MINIBLOCKS = 1 << 16;

/** The header of a DELTA_BINARY_PACKED stream: block size, then miniblocks per block. */
function checkDeltaBlocks(page: Uint8Array, offset: number, fail: (why: string) => DataError) {
  const reader: DataReader = {
    view: new DataView(page.buffer, page.byteOffset, page.byteLength),
    offset,
  };
  readVarInt(reader); // block size
  const miniblocks = readVarInt(reader);
  if (miniblocks < 0 || miniblocks > MAX_MINIBLOCKS) {
    throw fail('a DELTA_BINARY_PACKED page states an invalid number of miniblocks');
  }
}

/**
 * The runs of an RLE/bit-packed hybrid stream at `offset`, read as hyparquet reads them (until
 * `expected` values, whatever length the stream states): a run that hyparquet would write out, or
 * loop over without reading a byte, past them by more than RUN_SLACK is refused.
 */
function checkRuns(
  page: Uint8Array,
  offset: number,
  width: number,
  expected: number,
  fail: (why: string) => DataError,
): void {
  const reader: DataReader = {
    view: new DataView(page.buffer, page.byteOffset, page.byteLength),
    offset,
  };
  let seen = 0;
  while (seen < expected && reader.offset < page.length) {
    const header = readVarInt(reader);
    // Bit-packed (odd header): header >> 1 groups of 8 values, each group `width` bytes;
    // hyparquet writes no value past the expected ones and stops at the end of the page, so only
    // with width 0 (no byte read) does a long run cost time. DuckDB pads its last bit-packed run
    // to 256 values. RLE (even header): header >>> 1 copies of one value, all written.
    const bitPacked = (header & 1) === 1;
    const count = bitPacked ? (header >>> 1) * 8 : header >>> 1;
    const costly = !bitPacked || width === 0;
    if (costly && count > expected - seen + RUN_SLACK) {
      throw fail(
        `a run states ${count.toLocaleString('en-US')} values where its page has ` +
          expected.toLocaleString('en-US'),
      );
    }
    reader.offset += bitPacked ? (header >>> 1) * width : (width + 7) >> 3;
    seen += count;
  }
}

/**
 * DELTA_BYTE_ARRAY: each value is a prefix of the previous one plus a suffix. A prefix longer
 * than the previous value would make hyparquet allocate its stated length (up to 2 GiB each).
 */
function checkDeltaPrefixes(
  page: Uint8Array,
  offset: number,
  count: number,
  fail: (why: string) => DataError,
): void {
  if (count === 0) return;
  const reader: DataReader = {
    view: new DataView(page.buffer, page.byteOffset, page.byteLength),
    offset,
  };
  const prefixes = new Int32Array(count);
  deltaBinaryUnpack(reader, count, prefixes);
  const suffixes = new Int32Array(count);
  deltaBinaryUnpack(reader, count, suffixes);
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const prefix = prefixes[i] as number;
    const suffix = suffixes[i] as number;
    if (prefix < 0 || suffix < 0 || prefix > previous) {
      throw fail('a DELTA_BYTE_ARRAY value states a prefix longer than the value before it');
    }
    previous = prefix + suffix;
  }
}

/** The fewest bytes one value of `column` takes in a PLAIN dictionary page. */
function minValueBytes(column: FlatColumn): number {
  switch (column.type) {
    case 'BOOLEAN':
      return 1 / 8;
    case 'INT32':
    case 'FLOAT':
    case 'BYTE_ARRAY': // a 4-byte length, then the bytes
      return 4;
    case 'INT64':
    case 'DOUBLE':
      return 8;
    case 'INT96':
      return 12;
    default:
      return Math.max(column.typeLength ?? 1, 1);
  }
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** Runs a step of the walk; any error but ours means the bytes are not what they claim. */
function attempt<T>(step: () => T, fail: (why: string) => DataError): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw fail('its pages cannot be decoded');
  }
}

/** A Parquet file whose bytes contradict what they state: `why` says where and how. */
export function corruptParquet(source: string, why: string): DataError {
  return new DataError(
    `${source}: is a corrupt Parquet file (${why}); write it again from the original data.`,
  );
}
