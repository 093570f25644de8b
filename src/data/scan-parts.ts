/**
 * A CSV file's statistics read in parts: byte ranges cut at record starts (csv-split.ts), each
 * read on its own thread (by a worker, scan-worker.ts, or the main thread) into the mergeable
 * state of `mlops validate --shard` (partial-statistics.ts), and merged here in file order, which
 * equals one pass over the file (see TableAccumulator.merge). This module holds what the threads
 * agree on: the job and the messages, the read of a part, and the merge, which turns each part's
 * line numbers (counted from its own first line) into the file's.
 */
import {
  TableAccumulator,
  type AccumulatorOptions,
  type ColumnStateOf,
  type ExactValues,
  type NumbersJob,
  type TableStateOf,
} from './column-accumulator.js';
import type { CsvRecord } from './csv.js';
import type { InvalidState } from './partial-statistics.js';
import { readTableBatches, type ReadTableOptions, type RejectedRecord } from './read-table.js';
import type { NumericStats, ValueKind } from './types.js';

/** How a part is read: the options of readTableBatches that a message can carry (no callbacks). */
export type PartReadOptions = Pick<
  ReadTableOptions,
  'source' | 'format' | 'naValues' | 'decimal' | 'maxErrors' | 'maxFieldBytes' | 'maxRecordBytes'
>;

/** What a worker is asked to do: read the chunks it is sent, one part of the file. */
export interface PartJob {
  read: PartReadOptions;
  /** The file's delimiter, as reading its header found it. */
  delimiter: string;
  /** The file's header, for every part but the first (which starts at the file's start). */
  header?: CsvRecord;
  kinds: Record<string, ValueKind>;
  /** With `sharedExact`, over one SharedArrayBuffer for all parts. */
  statistics: AccumulatorOptions;
  /** False for the last part, whose line feeds no later part needs. */
  countLineFeeds: boolean;
}

/** A part, read: its statistics' state, its line feeds and its bad records, lines its own. */
export interface ScannedPart {
  /** Its exact numbers as Float64Arrays, whose buffers the message hands over. */
  state: TableStateOf<Float64Array>;
  /** Line feeds in the part's bytes: the next part's first line is the file's line 1 + these. */
  lineFeeds: number;
  rejects: RejectedRecord[];
}

/**
 * Messages to a worker: its job, then the part's bytes in order, then their end; or, to a worker
 * that helps finish the statistics, a column's numbers.
 */
export type ToWorker =
  | { type: 'job'; job: PartJob }
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' }
  | { type: 'numbers'; job: NumbersJob };

/**
 * Messages from a worker: `more` asks for the next chunk, `rows` tells how many rows it has read,
 * then `done` with the part (or `numbers` with a column's statistics) or `failed` (`data`: the
 * bytes were not readable as this part, as for a bad record or a cut inside a quoted field, rather
 * than the worker breaking).
 */
export type FromWorker =
  | { type: 'more' }
  | { type: 'rows'; rows: number }
  | { type: 'done'; part: ScannedPart }
  | { type: 'numbers'; stats: NumericStats }
  | { type: 'failed'; data: boolean; message: string };

/**
 * Bytes read at a time, as the file-system adapter streams them to one thread: the rows of one
 * such piece are alive together, and many more (as in a whole chunk) made garbage collection
 * copy them out of the young generation, several times slower.
 */
const PIECE_BYTES = 64 * 1024;
const LF = 0x0a;

/** Reads one part's chunks into its state, keeping its bad records; `onRows` hears of progress. */
export async function readPart(
  job: PartJob,
  chunks: AsyncIterable<Uint8Array>,
  onRows: (rows: number) => void,
): Promise<ScannedPart> {
  const accumulator = new TableAccumulator(job.kinds, job.statistics);
  const rejects: RejectedRecord[] = [];
  let lineFeeds = 0;
  async function* pieces(): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      if (job.countLineFeeds) {
        // Buffer's indexOf is a memchr, a few times faster than Uint8Array's.
        const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
        for (let at = bytes.indexOf(LF); at >= 0; at = bytes.indexOf(LF, at + 1)) lineFeeds++;
      }
      for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
        yield chunk.subarray(at, at + PIECE_BYTES);
      }
    }
  }
  const batches = readTableBatches(pieces(), {
    ...job.read,
    delimiter: job.delimiter,
    ...(job.header ? { header: job.header } : {}),
    onReject: (rejected) => rejects.push(rejected),
    onProgress: onRows,
  });
  for await (const batch of batches) accumulator.add(batch);
  return { state: accumulator.threadState(), lineFeeds, rejects };
}

/**
 * The accumulator of the whole file from its parts, in file order, and their bad records, with
 * every line number the file's own.
 */
export function mergeScannedParts(
  parts: readonly ScannedPart[],
  kinds: Record<string, ValueKind>,
  statistics: PartJob['statistics'],
): { accumulator: TableAccumulator; rejects: RejectedRecord[] } {
  const accumulator = new TableAccumulator(kinds, statistics);
  const rejects: RejectedRecord[] = [];
  let linesBefore = 0;
  parts.forEach((part, index) => {
    const where = `part ${index + 1} of ${parts.length}`;
    const loaded = new TableAccumulator(kinds, statistics);
    loaded.load(shiftLines(part.state, linesBefore), where);
    accumulator.merge(loaded, where);
    for (const reject of part.rejects) rejects.push({ ...reject, line: reject.line + linesBefore });
    linesBefore += part.lineFeeds;
  });
  return { accumulator, rejects };
}

/** `state` with every line number it holds moved down by `by` lines. */
export function shiftLines<V extends ExactValues>(
  state: TableStateOf<V>,
  by: number,
): TableStateOf<V> {
  if (by === 0) return state;
  const lines = (list: readonly number[]) => list.map((line) => line + by);
  const invalid = (part: InvalidState): InvalidState => ({ ...part, lines: lines(part.lines) });
  const column = (c: ColumnStateOf<V>): ColumnStateOf<V> => ({
    ...c,
    missingLines: lines(c.missingLines),
    numberInvalid: invalid(c.numberInvalid),
    dateInvalid: invalid(c.dateInvalid),
    booleanInvalid: invalid(c.booleanInvalid),
    outOfRange: { ...c.outOfRange, lines: lines(c.outOfRange.lines) },
    outOfDomain: c.outOfDomain && { ...c.outOfDomain, lines: lines(c.outOfDomain.lines) },
  });
  return { ...state, columns: state.columns.map(column) };
}
