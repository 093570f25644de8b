/** A streaming JSON Lines reader: one JSON object per line, blank lines allowed. */
import { DataError } from '../errors.js';
import { errorMessage } from '../util/text.js';
import { decodeUtf8Chunks } from './csv.js';

/** One JSONL record: the parsed object and the 1-based line it was on. */
export interface JsonlRecord {
  line: number;
  record: Record<string, unknown>;
}

/** Yields each non-blank line of JSON Lines text parsed as an object, with its line number. */
export async function* readJsonlRecords(
  chunks: AsyncIterable<string | Uint8Array>,
  options: { source: string },
): AsyncGenerator<JsonlRecord> {
  let line = 1;
  let pending = '';
  for await (const text of decodeUtf8Chunks(chunks, options.source)) {
    pending += text;
    let start = 0;
    // Only the new text can hold the next line end; a long line is not rescanned per chunk.
    let end = pending.indexOf('\n', pending.length - text.length);
    while (end >= 0) {
      const record = parseLine(pending.slice(start, end), options.source, line);
      if (record !== undefined) yield { line, record };
      line++;
      start = end + 1;
      end = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  }
  const record = parseLine(pending, options.source, line);
  if (record !== undefined) yield { line, record };
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
        'each line of a JSON Lines file must hold one complete JSON object.',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DataError(
      `${source}:${line}: expected a JSON object, found ${describeJson(value)}; ` +
        'write each row as an object of column names to values, like {"age": 42}.',
    );
  }
  return value as Record<string, unknown>;
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
