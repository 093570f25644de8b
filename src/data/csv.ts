/**
 * A streaming RFC 4180 CSV tokenizer. It takes text or bytes in chunks of any size and yields
 * records with the line each starts on, so later steps can point at `file:line`.
 *
 * Beyond RFC 4180 it accepts LF as well as CRLF, a UTF-8 BOM, a last line without a newline and
 * (like Python's csv module) text after a closing quote, which is appended to the field
 * (`"ab"c` ⇒ `abc`). A `"` inside an unquoted field is kept literally. A lone CR is data.
 *
 * Time is linear in the input however long its lines, and a field or record larger than the
 * limits (data.max_field_bytes, data.max_record_bytes) is a DataError naming its line.
 */
import { DataError, UsageError } from '../errors.js';
import {
  LONG_RECORD_PROGRESS_BYTES,
  fieldTooLong,
  mayExceed,
  recordTooLong,
  sizeLimits,
  utf8Length,
  type LongRecordListener,
  type SizeLimits,
} from './bounds.js';

/** One CSV record: its fields as text and the 1-based line where it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvOptions extends Partial<SizeLimits> {
  /** Where the text comes from (a path), used in error messages. */
  source: string;
  /** One character; when omitted it is detected from the header line (',' ';' or tab). */
  delimiter?: string;
  /** Called each time an unfinished record has grown by another LONG_RECORD_PROGRESS_BYTES. */
  onLongRecord?: LongRecordListener;
  /** Called once with the delimiter the records are read with (given or detected). */
  onDelimiter?: (delimiter: string) => void;
  /**
   * The chunks continue a file from a record boundary (see csv-split.ts): read without a file
   * start's checks (a UTF-8 BOM is data here, not a mark), with the file's delimiter, which must be
   * given, and lines counted from 1 at the first chunk.
   */
  continuation?: boolean;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const DETECTABLE_DELIMITERS = [',', ';', '\t'];
/** A header line longer than this detects its delimiter from this much of its start. */
const DETECTION_SAMPLE = 1024 * 1024;

// Tokenizer states: where `pos` stands relative to the field being read.
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const AFTER_QUOTE = 3;

/** Yields each CSV record (the header is the first) with the 1-based line where it starts. */
export async function* readCsvRecords(
  chunks: AsyncIterable<string | Uint8Array>,
  options: CsvOptions,
): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvRecordBatches(chunks, options)) {
    for (const record of batch) yield record;
  }
}

/**
 * Yields the records completed by each chunk, in order: the same records as `readCsvRecords`
 * with one await per chunk instead of one per record, for callers that read whole tables.
 */
export async function* readCsvRecordBatches(
  chunks: AsyncIterable<string | Uint8Array>,
  options: CsvOptions,
): AsyncGenerator<CsvRecord[]> {
  if (options.delimiter !== undefined) checkDelimiter(options.delimiter);
  if (options.continuation && options.delimiter === undefined) {
    throw new UsageError('a CSV read that continues a file needs the delimiter of its header.');
  }
  let tokenizer: CsvTokenizer | undefined;
  // Without a given delimiter, text is held back until the header line is complete (or long
  // enough to tell the delimiter from its start).
  const heldBack: string[] = [];
  let heldLength = 0;
  const decoding = { continuation: options.continuation ?? false };
  for await (const text of decodeUtf8Chunks(chunks, options.source, decoding)) {
    let records: CsvRecord[];
    if (tokenizer === undefined) {
      heldBack.push(text);
      heldLength += text.length;
      const headerKnown = text.includes('\n') || heldLength >= DETECTION_SAMPLE;
      if (options.delimiter === undefined && !headerKnown) continue;
      const held = heldBack.splice(0).join('');
      tokenizer = new CsvTokenizer(options.delimiter ?? detectDelimiter(held), options);
      records = tokenizer.push(held);
    } else {
      records = tokenizer.push(text);
    }
    if (records.length > 0) yield records;
  }
  const held = heldBack.join('');
  tokenizer ??= new CsvTokenizer(options.delimiter ?? detectDelimiter(held), options);
  const records = [...(held === '' ? [] : tokenizer.push(held)), ...tokenizer.finish()];
  if (records.length > 0) yield records;
}

/**
 * Decodes chunks as UTF-8 text (multi-byte characters may span chunks), dropping a BOM; chunks
 * that continue a file (`continuation`) are text from their first byte.
 */
export async function* decodeUtf8Chunks(
  chunks: AsyncIterable<string | Uint8Array>,
  source: string,
  { continuation } = { continuation: false },
): AsyncGenerator<string> {
  // fatal: a Latin-1 file should fail loudly, not turn accented values into U+FFFD categories.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: continuation });
  let first = !continuation;
  let bytesRead = 0;
  for await (const chunk of chunks) {
    let text: string;
    if (typeof chunk === 'string') {
      text = chunk;
    } else {
      if (bytesRead === 0 && !continuation) checkNotUtf16(chunk, source);
      text = decodeBytes(decoder, chunk, true, source, bytesRead);
      bytesRead += chunk.byteLength;
    }
    // TextDecoder drops a leading BOM itself; text handed over as strings may still carry one.
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text === '') continue;
    first = false;
    yield text;
  }
  const rest = decodeBytes(decoder, undefined, false, source, bytesRead);
  if (rest !== '') yield rest;
}

/**
 * UTF-16 without a BOM: text in Latin script has a NUL in every other byte. One stray NUL cell in
 * UTF-8 data is not that; it becomes an anomaly of its column instead.
 */
function looksLikeUtf16(head: Uint8Array): boolean {
  let even = 0;
  let odd = 0;
  head.forEach((byte, i) => {
    if (byte === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  });
  return Math.max(even, odd) * 4 >= head.length && head.length >= 4;
}

/** UTF-16 (Excel's "Unicode text") decodes as valid UTF-8 full of NULs, so it is caught by its start. */
function checkNotUtf16(first: Uint8Array, source: string): void {
  const bom = (first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff);
  if (bom || looksLikeUtf16(first.subarray(0, 64))) {
    throw new DataError(
      `${source}: looks like UTF-16 (or binary), not UTF-8 text; re-save it as UTF-8 ` +
        '(for example `iconv -f utf-16 -t utf-8`).',
    );
  }
}

function decodeBytes(
  decoder: InstanceType<typeof TextDecoder>,
  bytes: Uint8Array | undefined,
  stream: boolean,
  source: string,
  bytesRead: number,
): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new DataError(
      `${source}: not valid UTF-8 (in the bytes after offset ${bytesRead}); ` +
        're-save the file as UTF-8 (for example `iconv -f latin1 -t utf-8`).',
    );
  }
}

function checkDelimiter(delimiter: string): void {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new UsageError(
      `CSV delimiter ${JSON.stringify(delimiter)} is not usable; ` +
        'give one character other than a quote or a line break (for example "," ";" or "\\t").',
    );
  }
}

/** Picks the most frequent of ',' ';' and tab outside quotes on the first line; ',' on a tie. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(DETECTABLE_DELIMITERS.map((d) => [d, 0]));
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === '"') inQuotes = !inQuotes;
    else if (char === '\n' && !inQuotes) break;
    else if (!inQuotes && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

/**
 * The state machine. Text is appended with `push`; nothing read is scanned twice. A field that
 * spans chunks is kept as a list of its parts and joined once when it ends (re-slicing it on
 * every chunk made long lines quadratic), and only a CR that may start a CRLF is carried over as
 * text. Sizes are checked with a bound that needs no pass over the text (see mayExceed), and
 * exactly, in UTF-8 bytes, for the part of a record carried over from earlier chunks.
 */
class CsvTokenizer {
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private readonly source: string;
  private readonly limits: SizeLimits;
  private readonly onLongRecord: LongRecordListener | undefined;
  private buffer = '';
  private pos = 0;
  private state = FIELD_START;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private fields: string[] = [];
  // Text of the current field read before `pos` (quoted content with escapes resolved): `parts`
  // from earlier chunks, joined once when the field ends, and `value` from this one.
  private parts: string[] = [];
  private value = '';
  // Where the current record and field start in `buffer` (0 when they started in earlier
  // chunks), and the UTF-8 bytes they took in those chunks.
  private recordStart = 0;
  private fieldStart = 0;
  private carriedRecordBytes = 0;
  private carriedFieldBytes = 0;
  /** False when nothing in this buffer can reach a limit, so fields and records go unmeasured. */
  private mayReachLimit = false;
  // Next delimiter / LF at or after `pos`, or buffer.length when there is none; cached because
  // one indexOf per line for LF is much cheaper than one per field.
  private nextDelimiter = -1;
  private nextLf = -1;

  constructor(delimiter: string, options: CsvOptions) {
    options.onDelimiter?.(delimiter);
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.source = options.source;
    this.limits = sizeLimits(options);
    this.onLongRecord = options.onLongRecord;
  }

  /** Appends text and returns the records it completes. */
  push(text: string): CsvRecord[] {
    // At most one character is left over: a CR whose LF may come with this text.
    this.buffer = this.pos < this.buffer.length ? this.buffer.slice(this.pos) + text : text;
    this.pos = 0;
    this.recordStart = 0;
    this.fieldStart = 0;
    this.nextDelimiter = -1;
    this.nextLf = -1;
    // What the open record carried over bounds the open field's part of it.
    const smallerLimit = Math.min(this.limits.maxFieldBytes, this.limits.maxRecordBytes);
    this.mayReachLimit = mayExceed(this.carriedRecordBytes, this.buffer.length, smallerLimit);
    const out: CsvRecord[] = [];
    this.scan(out, false);
    this.carryOpenRecord();
    return out;
  }

  /** Ends the input and returns the last record, if any. */
  finish(): CsvRecord[] {
    const out: CsvRecord[] = [];
    // carryOpenRecord already counted the open record up to `pos`: count only what follows.
    this.recordStart = this.pos;
    this.fieldStart = this.pos;
    this.scan(out, true);
    return out;
  }

  private scan(out: CsvRecord[], atEnd: boolean): void {
    const buffer = this.buffer;
    const length = buffer.length;
    for (;;) {
      switch (this.state) {
        case FIELD_START:
          if (this.pos >= length) {
            // A trailing delimiter at the very end still opens one last (empty) field.
            if (atEnd && this.fields.length > 0) this.endRecord('', this.pos, this.pos, out);
            return;
          }
          this.fieldStart = this.pos;
          if (buffer.charCodeAt(this.pos) === QUOTE) {
            this.state = QUOTED;
            this.quoteLine = this.line;
            this.pos++;
          } else {
            this.state = UNQUOTED;
          }
          break;
        case UNQUOTED:
          if (!this.readUnquoted(out, atEnd)) return;
          break;
        case QUOTED:
          if (!this.readQuoted(atEnd)) return;
          break;
        case AFTER_QUOTE:
          if (!this.readAfterQuote(out, atEnd)) return;
          break;
      }
    }
  }

  /**
   * Reads unquoted fields up to the next quoted one or the end of the buffer; false when the
   * buffer ran out mid-field. It loops over fields itself, with the scan position in locals,
   * because this is where nearly all the time goes on typical data.
   */
  private readUnquoted(out: CsvRecord[], atEnd: boolean): boolean {
    const buffer = this.buffer;
    const length = buffer.length;
    let pos = this.pos;
    let fieldStart = this.fieldStart;
    let nextDelimiter = this.nextDelimiter;
    let nextLf = this.nextLf;
    for (;;) {
      if (nextDelimiter < pos) nextDelimiter = indexOrEnd(buffer, this.delimiter, pos);
      if (nextLf < pos) nextLf = indexOrEnd(buffer, '\n', pos);
      if (nextDelimiter < nextLf) {
        this.endField(buffer.slice(pos, nextDelimiter), fieldStart, nextDelimiter);
        pos = nextDelimiter + 1;
      } else if (nextLf < length || atEnd) {
        // A CR before the LF (or before the end of input) is part of the line break.
        const textEnd = nextLf > pos && buffer.charCodeAt(nextLf - 1) === CR ? nextLf - 1 : nextLf;
        this.endRecord(buffer.slice(pos, textEnd), fieldStart, textEnd, out);
        pos = nextLf + 1;
        this.line++;
        this.recordLine = this.line;
        this.recordStart = pos;
      } else {
        pos = this.keepPartOfField(pos);
        this.state = UNQUOTED; // endField may have left FIELD_START behind
        break;
      }
      fieldStart = pos;
      if (pos >= length || buffer.charCodeAt(pos) === QUOTE) break;
    }
    this.pos = Math.min(pos, length);
    this.fieldStart = fieldStart;
    this.nextDelimiter = nextDelimiter;
    this.nextLf = nextLf;
    return this.state === FIELD_START;
  }

  /**
   * Sets aside the unquoted text from `pos` to the end of the buffer as part of the current
   * field, but a final CR, which may be the start of a CRLF; returns where reading stopped.
   */
  private keepPartOfField(pos: number): number {
    const buffer = this.buffer;
    const end = buffer.charCodeAt(buffer.length - 1) === CR ? buffer.length - 1 : buffer.length;
    this.value += buffer.slice(pos, end);
    return end;
  }

  /** Reads quoted text up to the next quote; false when the buffer ran out first. */
  private readQuoted(atEnd: boolean): boolean {
    const buffer = this.buffer;
    const quote = buffer.indexOf('"', this.pos);
    const end = quote < 0 ? buffer.length : quote;
    this.value += buffer.slice(this.pos, end);
    // The cached next LF usually shows at once that the quoted text spans no line break.
    if (this.nextLf < this.pos) this.nextLf = indexOrEnd(buffer, '\n', this.pos);
    if (this.nextLf < end) this.line += countLineFeeds(buffer, this.nextLf, end);
    if (quote < 0) {
      this.pos = buffer.length;
      if (atEnd) throw this.unterminatedQuote();
      return false;
    }
    this.pos = quote + 1;
    this.state = AFTER_QUOTE;
    return true;
  }

  /** Decides what a closing quote meant from the character after it. */
  private readAfterQuote(out: CsvRecord[], atEnd: boolean): boolean {
    const buffer = this.buffer;
    const pos = this.pos;
    if (pos >= buffer.length) {
      if (atEnd) this.endRecord('', this.fieldStart, pos, out);
      return false;
    }
    const code = buffer.charCodeAt(pos);
    if (code === QUOTE) {
      this.value += '"';
      this.pos = pos + 1;
      this.state = QUOTED;
    } else if (code === this.delimiterCode) {
      this.endField('', this.fieldStart, pos);
      this.pos = pos + 1;
    } else if (code === LF || (code === CR && buffer.charCodeAt(pos + 1) === LF)) {
      this.endRecord('', this.fieldStart, pos, out);
      this.pos = pos + (code === CR ? 2 : 1);
      this.line++;
      this.recordLine = this.line;
      this.recordStart = this.pos;
    } else if (code === CR && pos + 1 >= buffer.length && !atEnd) {
      return false; // the LF of a CRLF may come with the next chunk
    } else if (code === CR && pos + 1 >= buffer.length) {
      this.endRecord('', this.fieldStart, pos, out);
      this.pos = pos + 1;
    } else {
      // Text after a closing quote: keep reading it as the rest of this field.
      this.state = UNQUOTED;
    }
    return true;
  }

  /** Ends the current field, whose last text is `text` and which spans buffer[start, end). */
  private endField(text: string, start: number, end: number): void {
    if (
      this.mayReachLimit &&
      mayExceed(this.carriedFieldBytes, end - start, this.limits.maxFieldBytes)
    ) {
      this.checkFieldSize(this.carriedFieldBytes + utf8Length(this.buffer, start, end));
    }
    const value = this.value === '' ? text : this.value + text;
    if (this.parts.length === 0) {
      this.fields.push(value);
    } else {
      this.parts.push(value);
      this.fields.push(this.parts.join(''));
      this.parts = [];
    }
    this.value = '';
    this.carriedFieldBytes = 0;
    this.state = FIELD_START;
  }

  /** Ends the current field and record; the record's text ends at buffer[end]. */
  private endRecord(text: string, fieldStart: number, end: number, out: CsvRecord[]): void {
    this.endField(text, fieldStart, end);
    const recordChars = end - this.recordStart;
    if (
      this.mayReachLimit &&
      mayExceed(this.carriedRecordBytes, recordChars, this.limits.maxRecordBytes)
    ) {
      this.checkRecordSize(
        this.carriedRecordBytes + utf8Length(this.buffer, this.recordStart, end),
      );
    }
    out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.carriedRecordBytes = 0;
  }

  /**
   * Counts the open record's text in this buffer (read up to `pos`) as carried over, checks the
   * limits on it, so a file without line breaks fails at the limit rather than at the end, and
   * reports progress on a long record.
   */
  private carryOpenRecord(): void {
    if (this.value !== '') this.parts.push(this.value);
    this.value = '';
    const before = this.carriedRecordBytes;
    if (this.state === FIELD_START) {
      this.carriedRecordBytes += utf8Length(this.buffer, this.recordStart, this.pos);
    } else {
      const field = utf8Length(this.buffer, this.fieldStart, this.pos);
      this.carriedFieldBytes += field;
      this.carriedRecordBytes += utf8Length(this.buffer, this.recordStart, this.fieldStart) + field;
      this.checkFieldSize(this.carriedFieldBytes);
    }
    this.checkRecordSize(this.carriedRecordBytes);
    const step = LONG_RECORD_PROGRESS_BYTES;
    if (Math.floor(this.carriedRecordBytes / step) > Math.floor(before / step)) {
      this.onLongRecord?.(this.recordLine, this.carriedRecordBytes);
    }
  }

  private checkFieldSize(bytes: number): void {
    const limit = this.limits.maxFieldBytes;
    if (bytes > limit) throw fieldTooLong(this.source, this.recordLine, bytes, limit);
  }

  private checkRecordSize(bytes: number): void {
    const limit = this.limits.maxRecordBytes;
    if (bytes > limit) {
      throw recordTooLong(this.source, this.recordLine, bytes, limit, this.buffer);
    }
  }

  private unterminatedQuote(): DataError {
    return new DataError(
      `${this.source}:${this.quoteLine}: a quoted field opened here is never closed; ` +
        'add the closing " or, if the quote is part of the value, double it ("") inside a quoted field.',
    );
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index < 0 ? text.length : index;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
