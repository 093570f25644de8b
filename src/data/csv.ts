/**
 * A streaming RFC 4180 CSV tokenizer. It takes text or bytes in chunks of any size and yields
 * records with the line each starts on, so later steps can point at `file:line`.
 *
 * Beyond RFC 4180 it accepts LF as well as CRLF, a UTF-8 BOM, a last line without a newline and
 * (like Python's csv module) text after a closing quote, which is appended to the field
 * (`"ab"c` ⇒ `abc`). A `"` inside an unquoted field is kept literally. A lone CR is data.
 */
import { DataError, UsageError } from '../errors.js';

/** One CSV record: its fields as text and the 1-based line where it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvOptions {
  /** Where the text comes from (a path), used in error messages. */
  source: string;
  /** One character; when omitted it is detected from the header line (',' ';' or tab). */
  delimiter?: string;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const DETECTABLE_DELIMITERS = [',', ';', '\t'];

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
  let tokenizer: CsvTokenizer | undefined;
  // Without a given delimiter, text is held back until the header line is complete.
  let heldBack = '';
  for await (const text of decodeUtf8Chunks(chunks, options.source)) {
    let records: CsvRecord[];
    if (tokenizer === undefined) {
      heldBack += text;
      if (options.delimiter === undefined && !heldBack.includes('\n')) continue;
      tokenizer = new CsvTokenizer(options.delimiter ?? detectDelimiter(heldBack), options.source);
      records = tokenizer.push(heldBack);
      heldBack = '';
    } else {
      records = tokenizer.push(text);
    }
    if (records.length > 0) yield records;
  }
  tokenizer ??= new CsvTokenizer(options.delimiter ?? detectDelimiter(heldBack), options.source);
  const records = [...tokenizer.push(heldBack), ...tokenizer.finish()];
  if (records.length > 0) yield records;
}

/** Decodes chunks as UTF-8 text (multi-byte characters may span chunks), dropping a BOM. */
export async function* decodeUtf8Chunks(
  chunks: AsyncIterable<string | Uint8Array>,
  source: string,
): AsyncGenerator<string> {
  // fatal: a Latin-1 file should fail loudly, not turn accented values into U+FFFD categories.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  let bytesRead = 0;
  for await (const chunk of chunks) {
    let text: string;
    if (typeof chunk === 'string') {
      text = chunk;
    } else {
      if (bytesRead === 0) checkNotUtf16(chunk, source);
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

/** UTF-16 (Excel's "Unicode text") decodes as valid UTF-8 full of NULs, so it is caught by its start. */
function checkNotUtf16(first: Uint8Array, source: string): void {
  const bom = (first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff);
  if (bom || first.subarray(0, 64).includes(0)) {
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
 * The state machine. Text is appended with `push`; whatever cannot be finished yet (a partial
 * field, a CR that may start a CRLF) stays buffered. Completed fields of the current record and
 * the text of a quoted field read so far are kept aside, so a record or quoted field spanning
 * many chunks is scanned once, not again on every chunk.
 */
class CsvTokenizer {
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private readonly source: string;
  private buffer = '';
  private pos = 0;
  private state = FIELD_START;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  private fields: string[] = [];
  /** Text of the current field read before `pos` (quoted content, escapes resolved). */
  private value = '';
  // Next delimiter / LF at or after `pos`, or buffer.length when there is none; cached because
  // one indexOf per line for LF is much cheaper than one per field.
  private nextDelimiter = -1;
  private nextLf = -1;

  constructor(delimiter: string, source: string) {
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.source = source;
  }

  /** Appends text and returns the records it completes. */
  push(text: string): CsvRecord[] {
    this.buffer = this.pos < this.buffer.length ? this.buffer.slice(this.pos) + text : text;
    this.pos = 0;
    this.nextDelimiter = -1;
    this.nextLf = -1;
    const out: CsvRecord[] = [];
    this.scan(out, false);
    return out;
  }

  /** Ends the input and returns the last record, if any. */
  finish(): CsvRecord[] {
    const out: CsvRecord[] = [];
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
            if (atEnd && this.fields.length > 0) this.endRecord('', out);
            return;
          }
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
    let nextDelimiter = this.nextDelimiter;
    let nextLf = this.nextLf;
    for (;;) {
      if (nextDelimiter < pos) nextDelimiter = indexOrEnd(buffer, this.delimiter, pos);
      if (nextLf < pos) nextLf = indexOrEnd(buffer, '\n', pos);
      if (nextDelimiter < nextLf) {
        this.endField(buffer.slice(pos, nextDelimiter));
        pos = nextDelimiter + 1;
      } else if (nextLf < length || atEnd) {
        // A CR before the LF (or before the end of input) is part of the line break.
        const textEnd = nextLf > pos && buffer.charCodeAt(nextLf - 1) === CR ? nextLf - 1 : nextLf;
        this.endRecord(buffer.slice(pos, textEnd), out);
        pos = nextLf + 1;
        this.line++;
        this.recordLine = this.line;
      } else {
        break;
      }
      if (pos >= length || buffer.charCodeAt(pos) === QUOTE) break;
    }
    this.pos = Math.min(pos, length);
    this.nextDelimiter = nextDelimiter;
    this.nextLf = nextLf;
    return this.state === FIELD_START;
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
      if (atEnd) this.endRecord('', out);
      return false;
    }
    const code = buffer.charCodeAt(pos);
    if (code === QUOTE) {
      this.value += '"';
      this.pos = pos + 1;
      this.state = QUOTED;
    } else if (code === this.delimiterCode) {
      this.endField('');
      this.pos = pos + 1;
    } else if (code === LF || (code === CR && buffer.charCodeAt(pos + 1) === LF)) {
      this.pos = pos + (code === CR ? 2 : 1);
      this.endRecord('', out);
      this.line++;
      this.recordLine = this.line;
    } else if (code === CR && pos + 1 >= buffer.length && !atEnd) {
      return false; // the LF of a CRLF may come with the next chunk
    } else if (code === CR && pos + 1 >= buffer.length) {
      this.pos = pos + 1;
      this.endRecord('', out);
    } else {
      // Text after a closing quote: keep reading it as the rest of this field.
      this.state = UNQUOTED;
    }
    return true;
  }

  private endField(text: string): void {
    this.fields.push(this.value === '' ? text : this.value + text);
    this.value = '';
    this.state = FIELD_START;
  }

  private endRecord(text: string, out: CsvRecord[]): void {
    this.endField(text);
    out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
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
