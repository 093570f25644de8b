/**
 * A streaming JSON Lines reader: one JSON object per line, blank lines allowed. Time is linear in
 * the input however long its lines; a line over data.max_record_bytes, or a value nested deeper
 * than MAX_NESTING, is a DataError naming its line.
 */
import { DataError } from '../errors.js';
import { errorMessage } from '../util/text.js';
import {
  LONG_RECORD_PROGRESS_BYTES,
  hasLoneCarriageReturn,
  mayExceed,
  recordTooLong,
  sizeLimits,
  utf8Length,
  type LongRecordListener,
  type SizeLimits,
} from './bounds.js';
import { decodeUtf8Chunks } from './csv.js';

/** One JSONL record: the parsed object and the 1-based line it was on. */
export interface JsonlRecord {
  line: number;
  record: Record<string, unknown>;
}

export interface JsonlOptions extends Partial<Pick<SizeLimits, 'maxRecordBytes'>> {
  /** Where the text comes from (a path), used in error messages. */
  source: string;
  /** Called each time an unfinished line has grown by another LONG_RECORD_PROGRESS_BYTES. */
  onLongRecord?: LongRecordListener;
  /**
   * Given, it is called with a line that is not valid JSON, not an object or nested too deep,
   * with the line's text and the DataError it would be, and the line is skipped; without it, the
   * error is thrown. A line over the record limit is always thrown.
   */
  onBadLine?: (line: number, text: string, error: DataError) => void;
}

/**
 * Deepest nesting of arrays and objects accepted in a value: far beyond tabular data, and far
 * below what overflows the stack when a nested value is turned back into JSON text.
 */
export const MAX_NESTING = 100;

/** Yields each non-blank line of JSON Lines text parsed as an object, with its line number. */
export async function* readJsonlRecords(
  chunks: AsyncIterable<string | Uint8Array>,
  options: JsonlOptions,
): AsyncGenerator<JsonlRecord> {
  const lines = new LineSplitter(options);
  const parse = lineParser(options);
  for await (const text of decodeUtf8Chunks(chunks, options.source)) {
    for (const { line, text: lineText } of lines.push(text)) {
      const record = parse(lineText, line);
      if (record !== undefined) yield { line, record };
    }
  }
  const last = lines.finish();
  const record = parse(last.text, last.line);
  if (record !== undefined) yield { line: last.line, record };
}

/** parseLine, with a bad line handed to `onBadLine` (and read as blank) when one is given. */
function lineParser(
  options: JsonlOptions,
): (text: string, line: number) => Record<string, unknown> | undefined {
  const { source, onBadLine } = options;
  if (!onBadLine) return (text, line) => parseLine(text, source, line);
  return (text, line) => {
    try {
      return parseLine(text, source, line);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      onBadLine(line, text, error);
      return undefined;
    }
  };
}

/**
 * Cuts text arriving in chunks into lines. A line spanning chunks is kept as a list of parts and
 * joined once (appending to one string and slicing it again made long lines quadratic), and its
 * size is checked as it grows, so a file without line breaks fails at the limit.
 */
class LineSplitter {
  private readonly source: string;
  private readonly maxRecordBytes: number;
  private readonly onLongRecord: LongRecordListener | undefined;
  private line = 1;
  private parts: string[] = [];
  private carriedBytes = 0;

  constructor(options: JsonlOptions) {
    this.source = options.source;
    this.maxRecordBytes = sizeLimits(options).maxRecordBytes;
    this.onLongRecord = options.onLongRecord;
  }

  /** The lines `text` completes, with their numbers. */
  push(text: string): { line: number; text: string }[] {
    const out: { line: number; text: string }[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      out.push({ line: this.line, text: this.take(text, start, end) });
      this.line++;
      start = end + 1;
    }
    if (start < text.length) this.carry(text, start);
    return out;
  }

  /** The last line (empty when the text ended with a line break). */
  finish(): { line: number; text: string } {
    return { line: this.line, text: this.parts.splice(0).join('') };
  }

  /** The line made of the parts carried over and text[start, end). */
  private take(text: string, start: number, end: number): string {
    if (mayExceed(this.carriedBytes, end - start, this.maxRecordBytes)) {
      this.check(this.carriedBytes + utf8Length(text, start, end), text);
    }
    this.carriedBytes = 0;
    if (this.parts.length === 0) return text.slice(start, end);
    this.parts.push(text.slice(start, end));
    return this.parts.splice(0).join('');
  }

  /** Sets aside text[start..] as the beginning of the next line. */
  private carry(text: string, start: number): void {
    const before = this.carriedBytes;
    this.parts.push(text.slice(start));
    this.carriedBytes += utf8Length(text, start);
    this.check(this.carriedBytes, text);
    const step = LONG_RECORD_PROGRESS_BYTES;
    if (Math.floor(this.carriedBytes / step) > Math.floor(before / step)) {
      this.onLongRecord?.(this.line, this.carriedBytes);
    }
  }

  private check(bytes: number, sample: string): void {
    if (bytes > this.maxRecordBytes) {
      throw recordTooLong(this.source, this.line, bytes, this.maxRecordBytes, sample);
    }
  }
}

/** Parses one line; undefined for a blank line. */
function parseLine(
  text: string,
  source: string,
  line: number,
): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataError(
      `${source}:${line}: not valid JSON (${errorMessage(error)}); ` +
        (hasLoneCarriageReturn(text.trimEnd())
          ? "the line holds a CR that ends no line: the file's lines seem to end with CR only " +
            "(classic Mac OS), which is not supported; convert them to LF (for example `tr '\\r' '\\n'`)."
          : 'each line of a JSON Lines file must hold one complete JSON object.'),
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DataError(
      `${source}:${line}: expected a JSON object, found ${describeJson(value)}; ` +
        'write each row as an object of column names to values, like {"age": 42}.',
    );
  }
  checkNesting(value, source, line);
  return value as Record<string, unknown>;
}

/**
 * Throws DataError when `record` nests arrays and objects more than MAX_NESTING deep. The walk
 * keeps its own stack: recursion is what overflowed on a value nested 200,000 deep.
 */
function checkNesting(record: object, source: string, line: number): void {
  const pending: [value: object, depth: number][] = [[record, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, depth] = next;
    if (depth > MAX_NESTING) {
      throw new DataError(
        `${source}:${line}: a value nests arrays or objects more than ${MAX_NESTING} deep; ` +
          'flatten it into columns, or store it as a JSON string.',
      );
    }
    for (const child of Object.values(value)) {
      if (typeof child === 'object' && child !== null) pending.push([child, depth + 1]);
    }
  }
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
