/**
 * Statistics in parts: `mlops validate --shard i/n` writes the state of its column accumulators
 * (column-accumulator.ts) for one contiguous range of rows, and `mlops stats merge` adds the parts
 * up in row order and finishes them as one pass over the whole file would.
 *
 * What the merge keeps exact: rows, counts, missing values and their first lines, parse outcomes
 * per candidate kind (so the kind is decided after merging, from the whole file's counts), min, max,
 * zeros, the integer flag, value tallies, invalid values with their first examples and lines,
 * out-of-range and out-of-domain counts with their first lines, drift counts on given edges and
 * distinct numbers. While a column's finite numbers, all parts together, stay within the exact
 * budget, the parts' values are concatenated in row order and finished by the same code as one
 * pass, so its statistics are identical. Past the budget, each part's values go into its KLL sketch
 * and the sketches merge: the mean and std merge as parallel Welford (Chan et al.), equal to one
 * pass up to rounding; quantiles and the 10-bucket histogram stay within KLL's rank error, about
 * 0.2 % of the column's count (see Kll), as in one pass past the budget. A string column past the
 * distinct-value cap (in a part, or once the parts' tallies are added up) keeps its summary
 * (heavy-hitters.ts): the HyperLogLog sketches merge exactly (the registers' maximum), so `unique`
 * is the one pass's estimate; the SpaceSaving counters merge within their stated bound, each top
 * count at most count/HEAVY_HITTERS above the true one (shown as `approximate.countError`). One
 * departure: values outside a schema's domain are tallied, for the top five shown, among the first
 * OUT_OF_DOMAIN_TALLY distinct ones of each part (their total count stays exact).
 *
 * Parts come from other jobs as artifacts, so they are untrusted: each is checked against the
 * schema below (with bounded arrays), then for consistency as it is loaded.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DataError } from '../errors.js';
import { MAX_COLUMNS } from './bounds.js';
import { EXACT_NUMBERS, HEAVY_HITTERS, Kll, TableAccumulator } from './column-accumulator.js';
import { DISTINCT_LIMIT } from './drift.js';
import { HyperLogLog, type Counter } from './heavy-hitters.js';
import { IDENTIFIER_SAMPLE } from './kinds.js';
import { REJECTED_RECORD_CHARS, type RejectedRecord } from './read-table.js';
import { INVALID_EXAMPLES, OUT_OF_DOMAIN_TALLY, type StatisticsOptions } from './statistics.js';
import type { DriftHistogram, ValueKind } from './types.js';

/** `format` of a statistics part, the first field of the file: its name and version. */
export const STATISTICS_PART_FORMAT = 'mlops-actions/statistics-part/v2';

/** The most parts a file may be split into. */
export const MAX_SHARDS = 1000;
/** The most distinct values a part's tally of one column may hold. */
export const MAX_TALLY = 5_000_000;
/** The most bad records (data.max_errors) a part may carry. */
export const MAX_PART_REJECTS = 100_000;

export interface InvalidState {
  count: number;
  examples: string[];
  lines: number[];
}

export interface KllState {
  levels: number[][];
  flip: boolean;
}

export interface NumberState {
  count: number;
  nonFinite: number;
  zeros: number;
  integer: boolean;
  /** null when there are no finite values. */
  min: number | null;
  max: number | null;
  finite: number;
  /** The finite values in row order, while within the exact budget; else null. */
  values: number[] | null;
  /** Past the budget: Welford moments, the sketch, and the counts that need no order. */
  sketch: {
    mean: number;
    m2: number;
    kll: KllState;
    drift: DriftHistogram | null;
    distinct: [number, number][] | null;
  } | null;
}

export interface ColumnState {
  name: string;
  forced: ValueKind | 'string' | null;
  present: number;
  missingLines: number[];
  numbers: NumberState | null;
  numberInvalid: InvalidState;
  dates: NumberState | null;
  dateInvalid: InvalidState;
  datesAlive: boolean;
  booleansAlive: boolean;
  trues: number;
  falses: number;
  booleanInvalid: InvalidState;
  /** Empty `values` when the strings are summarised (`summary`). */
  tally: { values: [string, number][]; totalLength: number } | null;
  /** Past the distinct-value cap: the summary of the strings (column-accumulator.ts). */
  summary: StringSummaryState | null;
  tallyComplete: boolean;
  decimalCommaAlive: boolean;
  commas: number;
  whitespace: boolean;
  rising: boolean;
  last: number | null;
  outOfRange: { below: number; above: number; lines: number[] };
  outOfDomain: { count: number; tally: [string, number][]; lines: number[] } | null;
}

export interface StringSummaryState {
  /** Distinct values tallied exactly before the cap. */
  capped: number;
  /** Whether a value repeated among them. */
  repeated: boolean;
  /** SpaceSaving's counters: value, count, overestimate. */
  heavy: Counter[];
  /** HyperLogLog's registers, in base64. */
  hll: string;
  /** The first distinct values (for identifier detection). */
  firstDistinct: string[];
}

export interface TableState {
  rows: number;
  columns: ColumnState[];
}

/** One part file: the state of rows [start, end) of the file with hash `dataHash`. */
export interface StatisticsPart {
  format: typeof STATISTICS_PART_FORMAT;
  source: string;
  dataHash: string;
  /** sha256 of everything that shapes the statistics besides the data (see settingsHash). */
  settings: string;
  shard: { index: number; count: number };
  range: { start: number; end: number; total: number };
  exactNumbers: number;
  state: TableState;
  /**
   * The bad records left out under data.max_errors that this part owns: those after the rows of
   * the parts before it and before the first row of the parts after it (see rejectsOwned).
   */
  rejected: RejectedRecord[];
}

// ---- the schema parts are checked against (arrays bounded: parts are untrusted) ----

/** Longest text of a rejected record or its error: REJECTED_RECORD_CHARS and the excerpt's note. */
const REJECTED_TEXT = REJECTED_RECORD_CHARS + 100;

const count = z.number().int().min(0);
const line = count;
const lines = z.array(line).max(Math.max(INVALID_EXAMPLES, 10));
const text = z.string().max(1 << 20);
const invalid = z.object({
  count,
  examples: z.array(text).max(INVALID_EXAMPLES),
  lines,
});
const kind = z.enum(['numeric', 'categorical', 'boolean', 'date', 'text', 'empty', 'string']);
const numbers = z.object({
  count,
  nonFinite: count,
  zeros: count,
  integer: z.boolean(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  finite: count,
  values: z.array(z.number()).max(EXACT_NUMBERS).nullable(),
  sketch: z
    .object({
      mean: z.number(),
      m2: z.number().min(0),
      kll: z.object({
        levels: z.array(z.array(z.number()).max(Kll.K)).max(64),
        flip: z.boolean(),
      }),
      drift: z
        .object({
          edges: z.array(z.number()).max(1000),
          counts: z.array(count).max(1001),
          belowDistance: z.number().min(0),
          aboveDistance: z.number().min(0),
        })
        .nullable(),
      distinct: z
        .array(z.tuple([z.number(), count]))
        .max(DISTINCT_LIMIT)
        .nullable(),
    })
    .nullable(),
});
const column = z.object({
  name: text,
  forced: kind.nullable(),
  present: count,
  missingLines: lines,
  numbers: numbers.nullable(),
  numberInvalid: invalid,
  dates: numbers.nullable(),
  dateInvalid: invalid,
  datesAlive: z.boolean(),
  booleansAlive: z.boolean(),
  trues: count,
  falses: count,
  booleanInvalid: invalid,
  tally: z
    .object({ values: z.array(z.tuple([text, count])).max(MAX_TALLY), totalLength: count })
    .nullable(),
  summary: z
    .object({
      capped: count,
      repeated: z.boolean(),
      heavy: z.array(z.tuple([text, count, count])).max(HEAVY_HITTERS),
      hll: z.string().length(HyperLogLog.STATE_LENGTH),
      firstDistinct: z.array(text).max(IDENTIFIER_SAMPLE),
    })
    .nullable(),
  tallyComplete: z.boolean(),
  decimalCommaAlive: z.boolean(),
  commas: count,
  whitespace: z.boolean(),
  rising: z.boolean(),
  last: z.number().nullable(),
  outOfRange: z.object({ below: count, above: count, lines }),
  outOfDomain: z
    .object({
      count,
      tally: z.array(z.tuple([text, count])).max(OUT_OF_DOMAIN_TALLY),
      lines,
    })
    .nullable(),
});

export const statisticsPartSchema = z.object({
  format: z.literal(STATISTICS_PART_FORMAT),
  source: z.string(),
  dataHash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex'),
  settings: z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex'),
  shard: z.object({
    index: z.number().int().min(1).max(MAX_SHARDS),
    count: z.number().int().min(1).max(MAX_SHARDS),
  }),
  range: z.object({ start: count, end: count, total: count }),
  exactNumbers: z.number().int().min(1).max(EXACT_NUMBERS),
  state: z.object({ rows: count, columns: z.array(column).max(MAX_COLUMNS) }),
  rejected: z
    .array(
      z.object({
        line: z.number().int().min(1),
        error: z.string().max(REJECTED_TEXT),
        record: z.string().max(REJECTED_TEXT),
      }),
    )
    .max(MAX_PART_REJECTS),
});

// The schema reads exactly the type written: tsc fails otherwise.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _PartSchemaMatchesType = Assert<
  Same<z.infer<typeof statisticsPartSchema>, StatisticsPart>
>;

/** What shapes the statistics besides the data: parts merge only when this is the same. */
export interface PartSettings {
  kinds: Record<string, ValueKind>;
  options: StatisticsOptions;
  exactNumbers: number;
  /** How the file is read (format, NA values, decimal mark, size limits). */
  read: unknown;
}

/** sha256 of `settings` as canonical JSON (keys sorted). */
export function settingsHash(settings: PartSettings): string {
  return createHash('sha256').update(canonical(settings)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && typeof v !== 'function')
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Rows [start, end) of `total` that part `index` of `count` covers: contiguous, in order. */
export function shardRange(index: number, count: number, total: number) {
  return {
    start: Math.floor(((index - 1) * total) / count),
    end: Math.floor((index * total) / count),
    total,
  };
}

/**
 * Where the bad records of a read fall among its rows, so that each belongs to one part: the part
 * whose rows [start, end) hold the row that follows it, or the last part for one after every row.
 * The reader reports a record while it reads the batch the record's line falls in, before that
 * batch comes out: so a record waits for the first batch whose last line is past its own, and
 * follows the rows of that batch with smaller lines.
 */
export class RejectPlacement {
  private pending: RejectedRecord[] = [];
  private readonly placed: { rowsBefore: number; record: RejectedRecord }[] = [];
  private rows = 0;

  /** A bad record, as the reader reports it. */
  reject(record: RejectedRecord): void {
    this.pending.push(record);
  }

  /** A batch of rows, by their lines, as it comes out of the reader. */
  batch(lines: readonly number[]): void {
    const last = lines[lines.length - 1] ?? 0;
    const waiting: RejectedRecord[] = [];
    for (const record of this.pending) {
      if (record.line > last) waiting.push(record);
      else {
        const before = lines.findIndex((line) => line > record.line);
        this.placed.push({ rowsBefore: this.rows + (before < 0 ? lines.length : before), record });
      }
    }
    this.pending = waiting;
    this.rows += lines.length;
  }

  /** The records part `range` owns, once the read is done; `last` when it is the last part. */
  owned(range: { start: number; end: number }, last: boolean): RejectedRecord[] {
    const all = [
      ...this.placed,
      ...this.pending.map((record) => ({ rowsBefore: this.rows, record })),
    ];
    return all
      .filter(({ rowsBefore }) => rowsBefore >= range.start && (rowsBefore < range.end || last))
      .map(({ record }) => record);
  }
}

/** A part read from `file`, checked by the schema above. */
export interface ReadPart {
  file: string;
  part: StatisticsPart;
}

/**
 * The accumulator of the whole file from its parts: they must be of the same file (`dataHash`),
 * computed with `settings` (the merging run's own), each of the n parts exactly once, with row
 * ranges that join up. The errors name the file and the field.
 */
export function mergeParts(
  parts: readonly ReadPart[],
  settings: { hash: string; kinds: Record<string, ValueKind>; options: StatisticsOptions },
): {
  accumulator: TableAccumulator;
  dataHash: string;
  source: string;
  rejected: RejectedRecord[];
} {
  const [first] = parts;
  if (!first) throw new DataError('no statistics parts were given.');
  const count = first.part.shard.count;
  for (const { file, part } of parts) {
    if (part.dataHash !== first.part.dataHash) {
      throw new DataError(
        `${file}: dataHash differs from ${first.file}'s: the parts are of different files (or versions of one); compute every part from the same commit.`,
      );
    }
    if (part.settings !== settings.hash) {
      throw new DataError(
        `${file}: settings differ from this run's (schema, baseline, config or exact budget): compute the parts and merge them with the same config, schema and baseline.`,
      );
    }
    if (part.shard.count !== count) {
      throw new DataError(
        `${file}: shard.count is ${part.shard.count}, but ${first.file} is a part of ${count}; merge the parts of one run.`,
      );
    }
  }
  const byIndex = new Map<number, ReadPart>();
  for (const read of parts) {
    const same = byIndex.get(read.part.shard.index);
    if (same) {
      throw new DataError(
        `${read.file}: shard.index ${read.part.shard.index} is also ${same.file}'s; give each part once.`,
      );
    }
    byIndex.set(read.part.shard.index, read);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    throw new DataError(
      `parts ${missing.slice(0, 10).join(', ')} of ${count} are missing: merge every part of the run.`,
    );
  }
  const total = first.part.range.total;
  const accumulator = new TableAccumulator(settings.kinds, {
    ...settings.options,
    exactNumbers: first.part.exactNumbers,
  });
  let next = 0;
  const rejected: RejectedRecord[] = [];
  for (let index = 1; index <= count; index++) {
    const { file, part } = byIndex.get(index) as ReadPart;
    const expected = shardRange(index, count, total);
    if (
      part.range.start !== expected.start ||
      part.range.end !== expected.end ||
      part.range.total !== total ||
      part.range.start !== next
    ) {
      throw new DataError(
        `${file}: range is rows ${part.range.start}–${part.range.end} of ${part.range.total}, but part ${index} of ${count} covers rows ${expected.start}–${expected.end} of ${total}; the part is damaged or forged.`,
      );
    }
    if (part.state.rows !== part.range.end - part.range.start) {
      throw new DataError(
        `${file}: state.rows is ${part.state.rows}, but its range holds ${part.range.end - part.range.start} rows; the part is damaged or forged.`,
      );
    }
    for (const [i, column] of part.state.columns.entries()) {
      if (column.present > part.state.rows) {
        throw new DataError(
          `${file}: state.columns[${i}].present is more than the part's rows; the part is damaged or forged.`,
        );
      }
    }
    for (const record of part.rejected) {
      if (record.line <= (rejected[rejected.length - 1]?.line ?? 0)) {
        throw new DataError(
          `${file}: rejected holds line ${record.line} out of order (after the bad records before it in the file); the part is damaged or forged.`,
        );
      }
      rejected.push(record);
    }
    next = part.range.end;
    const loaded = new TableAccumulator(settings.kinds, {
      ...settings.options,
      exactNumbers: part.exactNumbers,
    });
    loaded.load(part.state, `${file}: state`);
    accumulator.merge(loaded, file);
  }
  return { accumulator, dataHash: first.part.dataHash, source: first.part.source, rejected };
}
