/**
 * Statistics of a table fed in record batches, never holding the table: one accumulator per
 * column keeps counts, parse outcomes per candidate kind, a compact store of its numbers and a
 * tally of its strings. The result equals `computeStatistics` on the whole table (the parity test
 * holds them side by side), with two stated departures past the memory budget:
 *
 * - numbers: a column keeps its finite values exactly (a Float64Array, 8 bytes a value) up to
 *   EXACT_NUMBERS of them; past that, quantiles, the 10-bucket histogram and a baseline's own
 *   drift edges come from a KLL sketch (rank error about 0.2 % of the count, see Kll), the mean
 *   and std from a streaming Welford pass (equal to the exact ones up to rounding); counts, min,
 *   max, zeros, the integer flag, drift counts on given edges and distinct values stay exact;
 * - strings: tallied exactly (a map of distinct values) up to DISTINCT_CAP distinct values (or,
 *   past MIN_CAPPED of them, DISTINCT_CHARS characters of distinct text); past that, the column's
 *   strings go to a StringSummary (heavy-hitters.ts): SpaceSaving with HEAVY_HITTERS counters for
 *   the top values (each count at most count/HEAVY_HITTERS above the true one) and HyperLogLog for
 *   `unique` (relative standard error 0.81 %), marked `categorical.approximate`. Count, missing,
 *   avgLength and invalid counts stay exact; so do the kind and schema decisions wherever the
 *   distinct values already tallied decide them (see StringSummary).
 *
 * A column's kind is inferred by the rules of `inferredColumnStats` (statistics.ts), counting
 * parse successes per candidate kind as values arrive. To keep numeric columns from tallying every
 * number as a string, the tally stops once a column has read as numbers for TALLY_GRACE values;
 * should such a column still end up categorical or text, `needsSecondPass` names it and a second
 * pass over the file fills it with its kind known.
 */
import { DataError } from '../errors.js';
import { sortNumbers } from '../util/float-sort.js';
import { compareText } from '../util/text.js';
import { excerpt } from './bounds.js';
import { HyperLogLog, SpaceSaving } from './heavy-hitters.js';
import {
  binValues,
  DISTINCT_LIMIT,
  DRIFT_BINS,
  edgesAtOrBelow,
  quantileEdges,
  sortedDriftSummary,
} from './drift.js';
import {
  allowedNonNumeric,
  decimalCommaToPoint,
  hasIdentifierShape,
  IDENTIFIER_SAMPLE,
  parseBoolean,
  parseDate,
  parseNumber,
  stringKind,
} from './kinds.js';
import { isAbsent } from './missing.js';
import {
  categoricalStats,
  domainKey,
  domainKeys,
  HISTOGRAM_BUCKETS,
  INVALID_EXAMPLES,
  finiteNumericStats,
  OUT_OF_DOMAIN_TALLY,
  TOP_CATEGORIES,
  TOP_TEXT,
  type StatisticsOptions,
  type ValueCount,
  type ValueCounts,
} from './statistics.js';
import type {
  ColumnState,
  InvalidState,
  KllState,
  NumberState,
  StringSummaryState,
  TableState,
} from './partial-statistics.js';
import type {
  CategoricalStats,
  ColumnStats,
  DatasetStats,
  DriftHistogram,
  Histogram,
  NumericStats,
  RawTable,
  RawValue,
  ValueKind,
} from './types.js';

/** Finite values a column keeps exactly (8 MB of them); past this, quantiles come from a sketch. */
export const EXACT_NUMBERS = 1 << 20;
/** Values read as numbers (with at most 1 % not) after which a column stops tallying strings. */
const TALLY_GRACE = 1000;
/** The length a column's array of exact numbers starts at (it then doubles up to the budget). */
const INITIAL_NUMBERS = 1024;
/** Lines of missing values kept per column. */
const MISSING_LINES = 10;
/**
 * Distinct values a column tallies exactly; past them it keeps a StringSummary. About 9 MB of
 * map entries for short values, so 15 columns at the cap stay well within a 300 MB process.
 */
export const DISTINCT_CAP = 100_000;
/** Characters of distinct values a column tallies exactly once it holds MIN_CAPPED values. */
export const DISTINCT_CHARS = 2_000_000;
/** Distinct values a column always tallies exactly: above a schema domain's 100 and kinds' 20. */
const MIN_CAPPED = 1000;
/** SpaceSaving counters past the cap: 100 times the 100 top values the statistics keep. */
export const HEAVY_HITTERS = 10_000;

/**
 * How a state holds a column's exact numbers: an array in a part file (JSON), a Float64Array when
 * a worker thread hands the state over (postMessage moves its buffer instead of copying values).
 */
export type ExactValues = number[] | Float64Array;
/** NumberState with its exact numbers held as V. */
export type NumberStateOf<V extends ExactValues> = Omit<NumberState, 'values'> & {
  values: V | null;
};
/** ColumnState with its exact numbers held as V. */
export type ColumnStateOf<V extends ExactValues> = Omit<ColumnState, 'numbers' | 'dates'> & {
  numbers: NumberStateOf<V> | null;
  dates: NumberStateOf<V> | null;
};
/** TableState with its exact numbers held as V. */
export type TableStateOf<V extends ExactValues> = Omit<TableState, 'columns'> & {
  columns: ColumnStateOf<V>[];
};

/** A column's exact numbers to finish on another thread: what finishNumbers needs. */
export interface NumbersJob {
  column: string;
  /** With the drift histogram and distinct values (numbers), or without (dates). */
  drift: boolean;
  /** The exact budget they were kept under. */
  limit: number;
  edges: readonly number[] | undefined;
  state: NumberStateOf<Float64Array>;
}

/**
 * A column's numeric statistics to compute before TableAccumulator.finish, which then returns
 * them: here (`run`), or on another thread from `job()` (a copy of the numbers it may take),
 * whose result `done` records.
 */
export interface NumbersTask {
  job(): NumbersJob;
  run(): void;
  done(stats: NumericStats): void;
}

/** The statistics of a NumbersJob, as its column's finish gives them, on any thread. */
export function finishNumbers(job: NumbersJob): NumericStats {
  const store = new NumberStore(job.limit, job.edges);
  store.load(job.state, job.column);
  return store.finish(job.column, job.drift);
}

/** A batch of rows as read, aligned to `columns`, with each row's 1-based line. */
export type TableBatch = Pick<RawTable, 'columns' | 'rows' | 'lines'>;

/** What a TableAccumulator counts with, besides kinds: see StatisticsOptions and below. */
export type AccumulatorOptions = StatisticsOptions & {
  /** Finite values a column keeps exactly (EXACT_NUMBERS); tests set fewer. */
  exactNumbers?: number;
  /**
   * For a part of a file read at once with other parts (steps/parallel-scan.ts): the exact values
   * all parts hold, two slots a column (numbers, dates) in an Int32Array on a SharedArrayBuffer,
   * added to with Atomics after each batch. A part's store turns into its sketch as soon as that
   * total is past the budget, as the one pass would (and none does while it is within), so the
   * parts together hold no more exact values than one pass.
   */
  sharedExact?: Int32Array;
};

/** Statistics of a whole table from its batches; see the module comment for what is exact. */
export class TableAccumulator {
  readonly columns: string[] = [];
  rows = 0;
  private readonly accumulators: ColumnAccumulator[] = [];

  constructor(
    private readonly kinds: Record<string, ValueKind> = {},
    private readonly options: AccumulatorOptions = {},
  ) {}

  add(batch: TableBatch): void {
    if (this.columns.length === 0) {
      for (const name of batch.columns) {
        this.columns.push(name);
        this.accumulators.push(this.accumulatorFor(name, this.accumulators.length));
      }
    }
    const width = this.accumulators.length;
    const { rows, lines } = batch;
    for (let index = 0; index < width; index++) {
      const accumulator = this.accumulators[index] as ColumnAccumulator;
      for (let row = 0; row < rows.length; row++) {
        accumulator.add((rows[row] as RawValue[])[index] ?? null, lines[row] ?? row + 1);
      }
    }
    this.rows += rows.length;
    if (this.options.sharedExact) for (const accumulator of this.accumulators) accumulator.share();
  }

  /**
   * The numeric statistics finish() will compute from exact numbers (its slowest part: a sort a
   * column), as tasks to run ahead, some of them on other threads.
   */
  numbersTasks(): NumbersTask[] {
    return this.accumulators.flatMap((accumulator) => accumulator.numbersTask() ?? []);
  }

  /** The column accumulators, by column, for the callers that need more than statistics. */
  column(name: string): ColumnAccumulator | undefined {
    const index = this.columns.indexOf(name);
    return index < 0 ? undefined : this.accumulators[index];
  }

  /**
   * The accumulator that holds column `name`'s finished figures: the one of `secondPass` (see
   * finish) when that pass tallied it, else this one's.
   */
  finishedColumn(name: string, secondPass?: TableAccumulator): ColumnAccumulator | undefined {
    const again = secondPass?.onlyStrings?.has(name) ? secondPass.column(name) : undefined;
    return again ?? this.column(name);
  }

  /** Columns whose strings were not all tallied and turned out categorical or text. */
  needsSecondPass(): string[] {
    return this.accumulators.filter((a) => a.needsSecondPass()).map((a) => a.name);
  }

  /**
   * The statistics; `secondPass` holds the accumulators of a second pass over the same rows for
   * the columns `needsSecondPass` named (fed with `forSecondPass`).
   */
  finish(secondPass?: TableAccumulator): DatasetStats {
    const columns = this.accumulators.map((accumulator) =>
      (this.finishedColumn(accumulator.name, secondPass) ?? accumulator).finish(this.rows),
    );
    return { rows: this.rows, columns };
  }

  /** An accumulator for a second pass over the rows of the columns `needsSecondPass` named. */
  forSecondPass(): TableAccumulator {
    const names = new Set(this.needsSecondPass());
    const second = new TableAccumulator(this.kinds, this.options);
    second.onlyStrings = names;
    return second;
  }

  private onlyStrings: Set<string> | undefined;

  /** The accumulator of column `name`, the `index`-th (for sharedExact) when it is being read. */
  private accumulatorFor(name: string, index?: number): ColumnAccumulator {
    const own = <T>(record: Record<string, T> | undefined) =>
      record && Object.hasOwn(record, name) ? record[name] : undefined;
    const forced = this.onlyStrings?.has(name) ? 'string' : own(this.kinds);
    return new ColumnAccumulator(name, forced, {
      edges: own(this.options.driftEdges),
      range: forced === 'numeric' ? own(this.options.ranges) : undefined,
      domain: forced && forced !== 'string' ? own(this.options.domains) : undefined,
      exactNumbers: this.options.exactNumbers ?? EXACT_NUMBERS,
      skip: this.onlyStrings !== undefined && !this.onlyStrings.has(name),
      shared:
        this.options.sharedExact && index !== undefined
          ? { counts: this.options.sharedExact, slot: 2 * index }
          : undefined,
    });
  }

  // ---- Mergeable state (data/partial-statistics.ts): `mlops validate --shard`, `stats merge` ----

  /** The state of every column, for a statistics part file. */
  toState(): TableState {
    return { rows: this.rows, columns: this.accumulators.map((a) => a.toState()) };
  }

  /**
   * The state for a worker thread to post: exact numbers as Float64Arrays (see ExactValues) on
   * this accumulator's own buffers, so once they are handed over it is done with.
   */
  threadState(): TableStateOf<Float64Array> {
    return { rows: this.rows, columns: this.accumulators.map((a) => a.threadState()) };
  }

  /**
   * Loads a part's state into this new accumulator, made with the kinds and options the part was
   * computed with; `where` names the part in errors.
   */
  load(state: TableStateOf<ExactValues>, where: string): void {
    this.columns.length = 0;
    this.accumulators.length = 0;
    state.columns.forEach((column, index) => {
      const accumulator = this.accumulatorFor(column.name);
      accumulator.load(column, `${where}: columns[${index}]`);
      this.columns.push(column.name);
      this.accumulators.push(accumulator);
    });
    this.rows = state.rows;
  }

  /**
   * Adds `later`, the accumulator of the rows that follow these ones in the file: counts, missing
   * lines, tallies, first examples and exact numbers come out as one pass over both would give.
   */
  merge(later: TableAccumulator, where: string): void {
    if (later.columns.length > 0 && this.columns.length === 0) {
      this.columns.push(...later.columns);
      this.accumulators.push(...later.accumulators);
    } else if (later.columns.length > 0) {
      if (later.columns.join('\u0000') !== this.columns.join('\u0000')) {
        throw new DataError(
          `${where}: its columns differ from the other parts' (${later.columns.length} against ${this.columns.length}); every part must come from the same file.`,
        );
      }
      this.accumulators.forEach((accumulator, index) =>
        accumulator.merge(later.accumulators[index] as ColumnAccumulator),
      );
    }
    this.rows += later.rows;
  }
}

interface ColumnOptions {
  edges: readonly number[] | undefined;
  range: { min?: number; max?: number } | undefined;
  domain: readonly string[] | undefined;
  exactNumbers: number;
  /** A second pass does not need this column. */
  skip: boolean;
  /** Where its numbers' store adds up its exact values with other parts' (dates: the next slot). */
  shared: SharedCount | undefined;
}

/** A store's slot among the exact values that parts read at once add up (see sharedExact). */
interface SharedCount {
  counts: Int32Array;
  slot: number;
}

/** Values that do not parse as a kind: how many, the first few (excerpts) and their lines. */
class Invalid {
  count = 0;
  readonly examples = new Set<string>();
  readonly lines: number[] = [];

  add(value: RawValue, line: number): void {
    this.count++;
    if (this.examples.size < INVALID_EXAMPLES) this.examples.add(excerpt(String(value)));
    if (this.lines.length < INVALID_EXAMPLES) this.lines.push(line);
  }

  result(): NonNullable<ColumnStats['invalid']> | undefined {
    if (this.count === 0) return undefined;
    return { count: this.count, examples: [...this.examples], lines: this.lines };
  }

  toState(): InvalidState {
    return { count: this.count, examples: [...this.examples], lines: [...this.lines] };
  }

  load(state: InvalidState): void {
    this.count = state.count;
    state.examples.slice(0, INVALID_EXAMPLES).forEach((example) => this.examples.add(example));
    this.lines.push(...state.lines.slice(0, INVALID_EXAMPLES));
  }

  /** Adds the invalid values of the rows after these: the first examples and lines stay first. */
  merge(later: Invalid): void {
    this.count += later.count;
    for (const example of later.examples) {
      if (this.examples.size >= INVALID_EXAMPLES) break;
      this.examples.add(example);
    }
    this.lines.push(...later.lines.slice(0, INVALID_EXAMPLES - this.lines.length));
  }
}

/** One column: `forced` is a kind given by the schema, `string` for a second pass's tally. */
export class ColumnAccumulator {
  present = 0;
  /** The first lines where the column has no value (the label's are the unlabelled rows). */
  readonly missingLines: number[] = [];
  private readonly numbers: NumberStore | undefined;
  private readonly numberInvalid = new Invalid();
  private dates: NumberStore | undefined;
  private readonly dateInvalid = new Invalid();
  private datesAlive: boolean;
  private booleansAlive: boolean;
  private trues = 0;
  private falses = 0;
  private readonly booleanInvalid = new Invalid();
  private tally: ValueCounts | undefined = { byValue: new Map(), totalLength: 0 };
  private tallyComplete = true;
  /** Characters of the tally's distinct values (for DISTINCT_CHARS). */
  private tallyChars = 0;
  /** Past the cap, the tally's map is empty and this summarises its strings. */
  private summary: StringSummary | undefined;
  /** The first distinct strings, kept when the tally becomes a summary (see looksLikeIdentifier). */
  private firstDistinct: string[] = [];
  /** Every value a number, or a number written with a decimal comma; `commas` of the latter. */
  private decimalCommaAlive = true;
  private commas = 0;
  /** Identifier-like: every value distinct and without whitespace (text), or rising integers. */
  private whitespace = false;
  private rising = true;
  private last = -Infinity;
  private readonly outOfRange = { below: 0, above: 0, lines: [] as number[] };
  private readonly outOfDomain:
    | {
        key: (value: RawValue) => string | null;
        keys: Set<string>;
        count: number;
        tally: Map<string, ValueCount>;
        lines: number[];
      }
    | undefined;

  constructor(
    readonly name: string,
    private readonly forced: ValueKind | 'string' | undefined,
    private readonly options: ColumnOptions,
  ) {
    const numeric = forced === undefined || forced === 'numeric';
    const { exactNumbers, shared } = options;
    this.numbers = numeric ? new NumberStore(exactNumbers, options.edges, shared) : undefined;
    this.datesAlive = forced === undefined || forced === 'date';
    if (forced === 'date') this.dates = this.dateStore();
    this.booleansAlive = forced === undefined || forced === 'boolean';
    const tallies = forced === undefined || forced === 'categorical' || forced === 'text';
    if (!tallies && forced !== 'string') this.tally = undefined;
    if (options.domain && forced && forced !== 'string') {
      this.outOfDomain = {
        key: domainKey(forced),
        keys: domainKeys(forced, options.domain),
        count: 0,
        tally: new Map(),
        lines: [],
      };
    }
  }

  add(value: RawValue, line: number): void {
    if (this.options.skip) return;
    if (isAbsent(value)) {
      if (this.missingLines.length < MISSING_LINES) this.missingLines.push(line);
      return;
    }
    this.present++;
    const forced = this.forced;
    let number: number | null = null;
    if (this.numbers) {
      number = parseNumber(value);
      if (number === null) this.numberInvalid.add(value, line);
      else {
        this.numbers.add(number);
        if (this.options.range) this.checkRange(number, line);
        if (this.rising) {
          if (Number.isInteger(number) && number > this.last) this.last = number;
          else this.rising = false;
        }
      }
    }
    if (this.datesAlive) {
      const date = parseDate(value);
      if (date !== null) (this.dates ??= this.dateStore()).add(date);
      else if (forced === 'date') this.dateInvalid.add(value, line);
      else this.dropDates();
    }
    if (this.booleansAlive) {
      const flag = parseBoolean(value);
      if (flag === true) this.trues++;
      else if (flag === false) this.falses++;
      else if (forced === 'boolean') this.booleanInvalid.add(value, line);
      else this.booleansAlive = false;
    }
    if (this.tally) {
      this.count(value);
      if (forced === undefined && this.present >= TALLY_GRACE && this.looksNumeric()) {
        this.tally = undefined;
        this.tallyComplete = false;
      }
    }
    if (
      this.decimalCommaAlive &&
      number === null &&
      (forced === undefined || forced === 'categorical' || forced === 'text' || forced === 'string')
    ) {
      this.checkDecimalComma(value, number);
    }
    if (this.outOfDomain) this.checkDomain(value, line);
  }

  private looksNumeric(): boolean {
    return this.numberInvalid.count <= allowedNonNumeric(this.present);
  }

  private dateStore(): NumberStore {
    const shared = this.options.shared;
    const slot = shared && { counts: shared.counts, slot: shared.slot + 1 };
    return new NumberStore(this.options.exactNumbers, undefined, slot);
  }

  /** Adds this batch's exact values to the other parts' (see TableAccumulator's sharedExact). */
  share(): void {
    this.numbers?.share();
    this.dates?.share();
  }

  private dropDates(): void {
    this.datesAlive = false;
    this.dates = undefined;
  }

  private count(raw: RawValue): void {
    const tally = this.tally as ValueCounts;
    const value = String(raw);
    tally.totalLength += value.length;
    if (this.summary) {
      this.summary.add(value, 1);
      if (!this.whitespace && /\s/.test(value)) this.whitespace = true;
      return;
    }
    const entry = tally.byValue.get(value);
    if (entry) entry.count++;
    else {
      tally.byValue.set(value, { value, count: 1 });
      if (!this.whitespace && /\s/.test(value)) this.whitespace = true;
      this.tallyChars += value.length;
      if (this.overCap()) this.toSummary();
    }
  }

  private overCap(): boolean {
    const size = (this.tally as ValueCounts).byValue.size;
    return size > DISTINCT_CAP || (size >= MIN_CAPPED && this.tallyChars > DISTINCT_CHARS);
  }

  /** Moves the exact tally (of `present` values) into a StringSummary and empties it. */
  private toSummary(present = this.present): void {
    const tally = this.tally as ValueCounts;
    this.summary = StringSummary.fromTally(tally.byValue, present);
    this.firstDistinct = [...tally.byValue.keys()].slice(0, IDENTIFIER_SAMPLE);
    tally.byValue = new Map();
    this.tallyChars = 0;
  }

  /** Entries the column holds for its strings: the tally's, or the summary's counters. */
  tallySize(): number {
    return this.summary ? this.summary.size() : (this.tally?.byValue.size ?? 0);
  }

  /** Distinct values: exact in the tally, else the summary's estimate. */
  private distinct(): number {
    const tally = this.tally as ValueCounts;
    return this.summary ? this.summary.unique(this.present) : tally.byValue.size;
  }

  /** For a value not read as a number yet (`number` null: not a number, or not parsed). */
  private checkDecimalComma(value: RawValue, number: number | null): void {
    if ((number ?? parseNumber(value)) !== null) return;
    if (typeof value !== 'string' || !value.includes(',') || decimalCommaToPoint(value) === null) {
      this.decimalCommaAlive = false;
      return;
    }
    this.commas++;
  }

  private checkRange(number: number, line: number): void {
    const range = this.options.range as { min?: number; max?: number };
    if (!Number.isFinite(number)) return;
    const isBelow = range.min !== undefined && number < range.min;
    const isAbove = range.max !== undefined && number > range.max;
    if (!isBelow && !isAbove) return;
    if (isBelow) this.outOfRange.below++;
    else this.outOfRange.above++;
    if (this.outOfRange.lines.length < INVALID_EXAMPLES) this.outOfRange.lines.push(line);
  }

  private checkDomain(value: RawValue, line: number): void {
    const domain = this.outOfDomain as NonNullable<ColumnAccumulator['outOfDomain']>;
    const known = domain.key(value);
    if (known === null || domain.keys.has(known)) return;
    domain.count++;
    if (domain.lines.length < INVALID_EXAMPLES) domain.lines.push(line);
    const text = excerpt(String(value));
    const entry = domain.tally.get(text);
    if (entry) entry.count++;
    else if (domain.tally.size < OUT_OF_DOMAIN_TALLY)
      domain.tally.set(text, { value: text, count: 1 });
  }

  /** The kind the statistics give this column (see inferredColumnStats). */
  kind(): ValueKind | 'string' {
    if (this.forced !== undefined) return this.forced;
    if (this.present === 0) return 'empty';
    if (this.numberInvalid.count === 0) return 'numeric';
    if (this.booleansAlive) return 'boolean';
    if (this.datesAlive) return 'date';
    if (this.looksNumeric()) return 'numeric';
    return 'string';
  }

  needsSecondPass(): boolean {
    return !this.tallyComplete && this.kind() === 'string';
  }

  /**
   * Whether the column looks like an identifier, as data preparation judges one (prepare.ts):
   * at least 20 values, all distinct, either text without whitespace whose first distinct values
   * have the form of ids (hasIdentifierShape), or rising integers.
   */
  looksLikeIdentifier(): boolean {
    if (this.present < 20) return false;
    const kind = this.inferredKind();
    if (kind === 'numeric') return this.numberInvalid.count === 0 && this.rising;
    if (kind !== 'text' || !this.tally) return false;
    if (this.whitespace) return false;
    if (this.summary) {
      return this.summary.allDistinct(this.present) && hasIdentifierShape(this.firstDistinct);
    }
    if (this.tally.byValue.size !== this.present) return false;
    return hasIdentifierShape([...this.tally.byValue.keys()].slice(0, IDENTIFIER_SAMPLE));
  }

  /** The column's kind, as inferKind (data/kinds.ts) gives it on the values added. */
  inferredKind(): ValueKind {
    const kind = this.kind();
    if (kind !== 'string') return kind;
    const tally = this.tally as ValueCounts;
    return stringKind(this.distinct(), this.present, tally.totalLength / this.present);
  }

  /** The task of finishing the numbers that finish() will need, if any (see NumbersTask). */
  numbersTask(): NumbersTask | undefined {
    const kind = this.inferredKind();
    if (kind === 'numeric') return this.numbers?.task(this.name, true);
    return kind === 'date' ? this.dates?.task(this.name, false) : undefined;
  }

  finish(rows: number): ColumnStats {
    const kind = this.inferredKind();
    const stats: ColumnStats = {
      name: this.name,
      kind,
      count: this.present,
      missing: rows - this.present,
    };
    switch (kind) {
      case 'numeric': {
        const invalid = this.numberInvalid.result();
        if (invalid) stats.invalid = invalid;
        const numbers = this.numbers as NumberStore;
        if (numbers.count > 0) stats.numeric = numbers.finish(this.name, true);
        if (this.options.range && (this.outOfRange.below > 0 || this.outOfRange.above > 0)) {
          stats.outOfRange = { ...this.options.range, ...this.outOfRange };
        }
        break;
      }
      case 'date': {
        const invalid = this.dateInvalid.result();
        if (invalid) stats.invalid = invalid;
        if (this.dates && this.dates.count > 0) stats.numeric = this.dates.finish(this.name, false);
        break;
      }
      case 'boolean': {
        const invalid = this.booleanInvalid.result();
        if (invalid) stats.invalid = invalid;
        const count = this.trues + this.falses;
        if (count > 0) {
          const byValue = new Map<string, ValueCount>();
          if (this.trues > 0) byValue.set('true', { value: 'true', count: this.trues });
          if (this.falses > 0) byValue.set('false', { value: 'false', count: this.falses });
          const totalLength = 4 * this.trues + 5 * this.falses;
          stats.categorical = categoricalStats({ byValue, totalLength }, count, TOP_CATEGORIES);
        }
        break;
      }
      case 'categorical':
      case 'text': {
        const tally = this.tally as ValueCounts;
        const topSize = kind === 'text' ? TOP_TEXT : TOP_CATEGORIES;
        stats.categorical = this.summary
          ? this.summary.stats(tally.totalLength, this.present, topSize)
          : categoricalStats(tally, this.present, topSize);
        if (this.decimalCommaAlive && this.commas > 0) stats.decimalComma = true;
        break;
      }
      case 'empty':
        break;
    }
    const domain = this.outOfDomain;
    if (domain && domain.count > 0) {
      const top = [...domain.tally.values()]
        .sort((a, b) => b.count - a.count || compareText(a.value, b.value))
        .slice(0, INVALID_EXAMPLES);
      stats.outOfDomain = { count: domain.count, top, lines: domain.lines };
    }
    return stats;
  }

  // ---- Mergeable state (data/partial-statistics.ts) ----

  toState(): ColumnState {
    return this.stateOf((values) => Array.from(values));
  }

  /** The state for a worker thread to post (see TableAccumulator.threadState). */
  threadState(): ColumnStateOf<Float64Array> {
    return this.stateOf((values) => values);
  }

  /** The state, with the exact numbers held as `exact` makes them. */
  private stateOf<V extends ExactValues>(exact: (values: Float64Array) => V): ColumnStateOf<V> {
    const tally = this.tally;
    const domain = this.outOfDomain;
    return {
      name: this.name,
      forced: this.forced ?? null,
      present: this.present,
      missingLines: [...this.missingLines],
      numbers: this.numbers ? this.numbers.toState(exact) : null,
      numberInvalid: this.numberInvalid.toState(),
      dates: this.dates ? this.dates.toState(exact) : null,
      dateInvalid: this.dateInvalid.toState(),
      datesAlive: this.datesAlive,
      booleansAlive: this.booleansAlive,
      trues: this.trues,
      falses: this.falses,
      booleanInvalid: this.booleanInvalid.toState(),
      tally: tally
        ? {
            values: [...tally.byValue.values()].map(({ value, count }) => [value, count]),
            totalLength: tally.totalLength,
          }
        : null,
      summary: this.summary
        ? { ...this.summary.toState(), firstDistinct: [...this.firstDistinct] }
        : null,
      tallyComplete: this.tallyComplete,
      decimalCommaAlive: this.decimalCommaAlive,
      commas: this.commas,
      whitespace: this.whitespace,
      rising: this.rising,
      last: Number.isFinite(this.last) ? this.last : null,
      outOfRange: { ...this.outOfRange, lines: [...this.outOfRange.lines] },
      outOfDomain: domain
        ? {
            count: domain.count,
            tally: [...domain.tally.values()].map(({ value, count }) => [value, count]),
            lines: [...domain.lines],
          }
        : null,
    };
  }

  /** Loads a part's state into this new accumulator; `where` names the column in errors. */
  load(state: ColumnStateOf<ExactValues>, where: string): void {
    const mismatch = (field: string, found: string, expected: string) =>
      new DataError(
        `${where}.${field}: the part was computed with ${found}, this run with ${expected}; compute every part with the same schema, baseline and config.`,
      );
    if (state.forced !== (this.forced ?? null)) {
      throw mismatch(
        'forced',
        `kind ${state.forced ?? 'inferred'}`,
        `${this.forced ?? 'inferred'}`,
      );
    }
    if ((state.numbers === null) !== (this.numbers === undefined)) {
      throw mismatch(
        'numbers',
        state.numbers ? 'numbers' : 'none',
        this.numbers ? 'numbers' : 'none',
      );
    }
    if ((state.outOfDomain === null) !== (this.outOfDomain === undefined)) {
      throw mismatch('outOfDomain', 'another domain', 'this one');
    }
    if ((state.tally === null) === (this.tally !== undefined) && state.tallyComplete) {
      throw mismatch('tally', state.tally ? 'a tally' : 'none', this.tally ? 'a tally' : 'none');
    }
    if (state.summary && (!state.tally || state.tally.values.length > 0)) {
      throw new DataError(
        `${where}.summary: a column's strings are tallied or summarised, not both; the part is damaged or forged.`,
      );
    }
    this.present = state.present;
    this.missingLines.push(...state.missingLines.slice(0, MISSING_LINES));
    this.numbers?.load(state.numbers as NumberStateOf<ExactValues>, `${where}.numbers`);
    this.numberInvalid.load(state.numberInvalid);
    if (state.dates) {
      this.dates = new NumberStore(this.options.exactNumbers);
      this.dates.load(state.dates, `${where}.dates`);
    }
    this.dateInvalid.load(state.dateInvalid);
    this.datesAlive = state.datesAlive;
    this.booleansAlive = state.booleansAlive;
    this.trues = state.trues;
    this.falses = state.falses;
    this.booleanInvalid.load(state.booleanInvalid);
    this.tally = state.tally
      ? {
          byValue: new Map(state.tally.values.map(([value, count]) => [value, { value, count }])),
          totalLength: state.tally.totalLength,
        }
      : undefined;
    this.tallyComplete = state.tallyComplete;
    this.tallyChars = 0;
    for (const value of this.tally?.byValue.keys() ?? []) this.tallyChars += value.length;
    if (state.summary) {
      this.summary = StringSummary.fromState(state.summary, `${where}.summary`);
      this.firstDistinct = state.summary.firstDistinct.slice(0, IDENTIFIER_SAMPLE);
    } else if (this.tally && this.overCap()) this.toSummary();
    this.decimalCommaAlive = state.decimalCommaAlive;
    this.commas = state.commas;
    this.whitespace = state.whitespace;
    this.rising = state.rising;
    this.last = state.last ?? -Infinity;
    this.outOfRange.below = state.outOfRange.below;
    this.outOfRange.above = state.outOfRange.above;
    this.outOfRange.lines.push(...state.outOfRange.lines.slice(0, INVALID_EXAMPLES));
    const domain = this.outOfDomain;
    if (domain && state.outOfDomain) {
      domain.count = state.outOfDomain.count;
      for (const [value, count] of state.outOfDomain.tally.slice(0, OUT_OF_DOMAIN_TALLY)) {
        domain.tally.set(value, { value, count });
      }
      domain.lines.push(...state.outOfDomain.lines.slice(0, INVALID_EXAMPLES));
    }
  }

  /** Adds `later`, this column in the rows that follow these (see TableAccumulator.merge). */
  merge(later: ColumnAccumulator): void {
    // Rising integers throughout: each part rose, and the later one starts (at its minimum) above.
    if (this.rising && later.rising && this.numbers?.hasFinite() && later.numbers?.hasFinite()) {
      this.rising = later.numbers.lowest() > this.last;
    } else this.rising &&= later.rising;
    this.last = Math.max(this.last, later.last);
    this.present += later.present;
    const missing = [...this.missingLines, ...later.missingLines].slice(0, MISSING_LINES);
    this.missingLines.splice(0, this.missingLines.length, ...missing);
    if (this.numbers && later.numbers) this.numbers.merge(later.numbers);
    this.numberInvalid.merge(later.numberInvalid);
    if (this.datesAlive && later.datesAlive) {
      if (this.dates && later.dates) this.dates.merge(later.dates);
      else this.dates ??= later.dates;
    } else this.dropDates();
    this.dateInvalid.merge(later.dateInvalid);
    this.booleansAlive &&= later.booleansAlive;
    this.trues += later.trues;
    this.falses += later.falses;
    this.booleanInvalid.merge(later.booleanInvalid);
    if (this.tally && later.tally) {
      if (later.summary) {
        // Its strings are summarised: so become these (of the values before it).
        if (!this.summary) this.toSummary(this.present - later.present);
        (this.summary as StringSummary).absorb(later.summary);
        const first = new Set(this.firstDistinct);
        for (const value of later.firstDistinct) {
          if (first.size >= IDENTIFIER_SAMPLE) break;
          first.add(value);
        }
        this.firstDistinct = [...first];
      } else if (this.summary) this.summary.merge(later.tally.byValue, later.present);
      else {
        for (const { value, count } of later.tally.byValue.values()) {
          const entry = this.tally.byValue.get(value);
          if (entry) entry.count += count;
          else {
            this.tally.byValue.set(value, { value, count });
            this.tallyChars += value.length;
          }
        }
      }
      this.tally.totalLength += later.tally.totalLength;
      if (!this.summary && this.overCap()) this.toSummary();
    } else this.tally = undefined;
    this.tallyComplete &&= later.tallyComplete;
    this.whitespace ||= later.whitespace;
    this.decimalCommaAlive &&= later.decimalCommaAlive;
    this.commas += later.commas;
    this.outOfRange.below += later.outOfRange.below;
    this.outOfRange.above += later.outOfRange.above;
    const lines = later.outOfRange.lines.slice(0, INVALID_EXAMPLES - this.outOfRange.lines.length);
    this.outOfRange.lines.push(...lines);
    const domain = this.outOfDomain;
    const other = later.outOfDomain;
    if (domain && other) {
      domain.count += other.count;
      domain.lines.push(...other.lines.slice(0, INVALID_EXAMPLES - domain.lines.length));
      for (const { value, count } of other.tally.values()) {
        const entry = domain.tally.get(value);
        if (entry) entry.count += count;
        else if (domain.tally.size < OUT_OF_DOMAIN_TALLY) domain.tally.set(value, { value, count });
      }
    }
  }
}

/**
 * A column's strings past DISTINCT_CAP: the top values by SpaceSaving, seeded with the
 * HEAVY_HITTERS most frequent values of the exact tally (exact counts, and every value left out
 * counted at most as often as the least of them, as SpaceSaving requires), and the distinct count
 * by HyperLogLog, seeded with every tallied value. Values are kept as excerpts (bounds.ts), so a
 * counter holds at most about 200 characters.
 *
 * Decisions taken from `unique` stay those of the exact count wherever the cap decides them:
 * `unique` is never below the `capped` values tallied exactly (over 100, so never a schema
 * domain; over 20, so the kind is text whenever capped > 5 % of the count or the average length
 * is over 30, as the exact rule says). Only a column of over 20 × capped values, short on
 * average, is classed from the estimate (its distinct share against 5 %, within HLL's error).
 * Identifier ("every value differs"): exact until the cap (no repeat among the tallied values);
 * past it, a column is one when no value repeated before the cap, no SpaceSaving counter
 * certainly counted a value twice, and the estimate is within 3 standard errors (2.4 %) of the
 * count; so a column with fewer than about 2.4 % repeats, all past the cap and each value rare,
 * may be called an identifier.
 */
class StringSummary {
  private constructor(
    /** Distinct values tallied exactly: a floor for `unique`. */
    private capped: number,
    /** Whether a value repeated among them. */
    private repeated: boolean,
    private readonly heavy: SpaceSaving,
    private readonly hll: HyperLogLog,
  ) {}

  /** The summary of an exact tally of `present` values. */
  static fromTally(byValue: Map<string, ValueCount>, present: number): StringSummary {
    const summary = new StringSummary(
      byValue.size,
      byValue.size < present,
      new SpaceSaving(HEAVY_HITTERS),
      new HyperLogLog(),
    );
    const entries = [...byValue.values()];
    for (const { value } of entries) summary.hll.add(value);
    entries
      .sort((a, b) => b.count - a.count || compareText(a.value, b.value))
      .slice(0, HEAVY_HITTERS)
      .forEach(({ value, count }) => summary.heavy.add(excerpt(value), count));
    return summary;
  }

  /** The summary a statistics part carries; a DataError names `where` when it cannot be one. */
  static fromState(state: StringSummaryState, where: string): StringSummary {
    const part = <T>(field: string, read: () => T): T => {
      try {
        return read();
      } catch (error) {
        throw new DataError(
          `${where}.${field}: ${(error as Error).message}; the part is damaged or forged.`,
        );
      }
    };
    return new StringSummary(
      state.capped,
      state.repeated,
      part('heavy', () => SpaceSaving.fromState(HEAVY_HITTERS, state.heavy)),
      part('hll', () => HyperLogLog.fromState(state.hll)),
    );
  }

  /** What a statistics part carries of the summary. */
  toState(): Omit<StringSummaryState, 'firstDistinct'> {
    return {
      capped: this.capped,
      repeated: this.repeated,
      heavy: this.heavy.toState(compareText),
      hll: this.hll.toState(),
    };
  }

  /**
   * Adds `other`, the summary of the values of other rows: top counts merge within SpaceSaving's
   * bound of (both counts)/HEAVY_HITTERS (see SpaceSaving.merge), the distinct count's sketch
   * exactly; the floor is the larger part's tallied values (each part's are distinct in the whole).
   */
  absorb(other: StringSummary): void {
    this.capped = Math.max(this.capped, other.capped);
    this.repeated ||= other.repeated;
    this.heavy.merge(other.heavy, compareText);
    this.hll.merge(other.hll);
  }

  add(value: string, weight: number): void {
    this.heavy.add(excerpt(value), weight);
    this.hll.add(value);
  }

  /** Adds the exact tally of `present` values of the rows after these. */
  merge(byValue: Map<string, ValueCount>, present: number): void {
    if (byValue.size < present) this.repeated = true;
    for (const { value, count } of byValue.values()) this.add(value, count);
  }

  size(): number {
    return this.heavy.size;
  }

  unique(present: number): number {
    return Math.min(present, Math.max(this.capped, Math.round(this.hll.estimate())));
  }

  allDistinct(present: number): boolean {
    if (this.repeated || this.heavy.someRepeated()) return false;
    return this.hll.estimate() >= present * (1 - 3 * HyperLogLog.ERROR);
  }

  stats(totalLength: number, present: number, topSize: number): CategoricalStats {
    const top = this.heavy.top(compareText).slice(0, topSize);
    return {
      unique: this.unique(present),
      top: top.map(({ value, count }) => ({ value, count })),
      avgLength: present > 0 ? totalLength / present : 0,
      approximate: { countError: top.reduce((most, { error }) => Math.max(most, error), 0) },
    };
  }
}

/** The `values` of a store whose exact values are runs merged from parts (NumberStore.runs). */
const MERGED = new Float64Array(0);

/**
 * NumberStore.finish's working space, reused column after column (one is finished at a time, and
 * nothing it returns holds on to them): a million values a column made 16 MB of garbage each.
 */
const finishScratch = { joined: new Float64Array(0), sorted: new Float64Array(0) };

/** `runs` one after another in finishScratch[`which`] (grown as needed), as a view of n values. */
function intoScratch(
  which: keyof typeof finishScratch,
  runs: readonly Float64Array[],
  n: number,
): Float64Array {
  if (finishScratch[which].length < n) finishScratch[which] = new Float64Array(n);
  const scratch = finishScratch[which];
  let at = 0;
  for (const run of runs) {
    scratch.set(run, at);
    at += run.length;
  }
  return scratch.subarray(0, n);
}

/**
 * A column's numbers: exact figures as they arrive, and the finite values themselves up to
 * `limit`, then a KLL sketch of them.
 */
class NumberStore {
  count = 0;
  private nonFinite = 0;
  private zeros = 0;
  private integer = true;
  private min = Infinity;
  private max = -Infinity;
  private values: Float64Array | undefined = new Float64Array(1024);
  /**
   * Exact values merged from parts (see merge), in row order, kept as they came rather than
   * copied into one array (`values` is then MERGED): joined only if more values are added.
   */
  private runs: Float64Array[] | undefined;
  private finite = 0;
  // Past the limit: Welford moments, a sketch, and the exact counts that need no order.
  private sketched = 0;
  private mean = 0;
  private m2 = 0;
  private sketch: Kll | undefined;
  private drift: DriftHistogram | undefined;
  private distinct: Map<number, number> | undefined;

  /** Of `finite`, how many the shared count has (see share). */
  private published = 0;
  /** The statistics, computed ahead (see NumbersTask): finish returns them. */
  private finished: NumericStats | undefined;

  constructor(
    private readonly limit: number,
    private readonly edges?: readonly number[],
    private readonly shared?: SharedCount,
  ) {}

  add(value: number): void {
    this.count++;
    if (!Number.isFinite(value)) {
      this.nonFinite++;
      return;
    }
    if (value === 0) this.zeros++;
    if (this.integer && !Number.isInteger(value)) this.integer = false;
    // Like a numeric sort, Math.min and Math.max put -0 below 0 (as numericStats does).
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);
    const index = this.finite++;
    let values = this.values;
    if (values) {
      if (index < values.length) {
        values[index] = value;
        return;
      }
      if (this.runs) values = this.join(index);
      const room = this.room();
      if (index < room) {
        const grown = new Float64Array(Math.min(room, values.length * 2));
        grown.set(values);
        grown[index] = value;
        this.values = grown;
        return;
      }
      this.toSketch([values.subarray(0, index)]);
    }
    this.addToSketch(value);
  }

  /** The exact values in row order: runs merged from parts, or the one array of `values`. */
  private exactRuns(): Float64Array[] {
    return this.runs ?? [(this.values as Float64Array).subarray(0, this.finite)];
  }

  /** The exact values in one array: a view of `values`, or the runs copied into a new one. */
  private inOneArray(): Float64Array {
    if (!this.runs) return (this.values as Float64Array).subarray(0, this.finite);
    const values = new Float64Array(this.finite);
    let at = 0;
    for (const run of this.runs) {
      values.set(run, at);
      at += run.length;
    }
    return values;
  }

  /**
   * The task of finishing these numbers (see NumbersTask), when they are exact: past the budget,
   * finishing the sketch is quick.
   */
  task(column: string, drift: boolean): NumbersTask | undefined {
    if (!this.values || this.count === 0) return undefined;
    return {
      job: () => ({
        column,
        drift,
        limit: this.limit,
        edges: this.edges,
        // A copy the other thread can take: never this store's own buffer.
        state: this.toState((values) =>
          values.buffer === this.values?.buffer ? values.slice() : values,
        ),
      }),
      run: () => {
        try {
          this.finished = this.finish(column, drift);
        } catch {
          // Thrown again where finish() is called, as it would be without running ahead.
        }
      },
      done: (stats) => {
        this.finished = stats;
      },
    };
  }

  /** Joins the runs into `values` (room for at least INITIAL_NUMBERS), the first `kept` values. */
  private join(kept: number): Float64Array {
    const values = new Float64Array(Math.max(INITIAL_NUMBERS, kept));
    let at = 0;
    for (const run of this.runs ?? []) {
      values.set(run, at);
      at += run.length;
    }
    this.runs = undefined;
    this.values = values;
    return values;
  }

  /**
   * How many exact values this store may hold: the budget, less what other parts read at once
   * hold (as they last said), since past the budget together one pass would have a sketch.
   */
  private room(): number {
    const shared = this.shared;
    if (!shared) return this.limit;
    return this.limit - (Atomics.load(shared.counts, shared.slot) - this.published);
  }

  /** Adds the values kept since the last call to the shared count; past the budget, sketches. */
  share(): void {
    const { shared, values } = this;
    if (!shared || !values) return;
    const added = this.finite - this.published;
    const total = Atomics.add(shared.counts, shared.slot, added) + added;
    this.published = this.finite;
    if (total > this.limit) this.toSketch(this.exactRuns());
  }

  /** Moves the exact values (`runs`, in row order) into the sketch and the order-free counts. */
  private toSketch(runs: readonly Float64Array[]): void {
    this.values = undefined;
    this.runs = undefined;
    this.sketch = new Kll();
    this.drift = this.edges ? binValues([], this.edges) : undefined;
    this.distinct = new Map();
    for (const run of runs) for (let i = 0; i < run.length; i++) this.addToSketch(run[i] as number);
  }

  private addToSketch(value: number): void {
    const n = ++this.sketched;
    const delta = value - this.mean;
    this.mean += delta / n;
    this.m2 += delta * (value - this.mean);
    (this.sketch as Kll).add(value);
    if (this.drift) addWeighted(this.drift, value, 1);
    const distinct = this.distinct;
    if (distinct) {
      const key = value === 0 ? 0 : value;
      const seen = distinct.get(key);
      if (seen !== undefined) distinct.set(key, seen + 1);
      else if (distinct.size === DISTINCT_LIMIT) this.distinct = undefined;
      else distinct.set(key, 1);
    }
  }

  finish(column: string, drift: boolean): NumericStats {
    if (this.finished) return this.finished;
    if (this.values) {
      // Exact: the figures of computeStatistics (numericStats, withDrift), the moments on the
      // same values in the same order, the order statistics from one sort shared by both.
      const runs = this.exactRuns();
      const finite =
        runs.length === 1 ? (runs[0] as Float64Array) : intoScratch('joined', runs, this.finite);
      const sorted = sortNumbers(intoScratch('sorted', [finite], this.finite));
      const some = this.finite > 0;
      const figures = {
        min: some ? this.min : 0,
        max: some ? this.max : 0,
        zeros: this.zeros,
        nonFinite: this.nonFinite,
        integer: this.integer,
      };
      const stats = finiteNumericStats(figures, finite, sorted, column);
      return drift ? { ...stats, ...sortedDriftSummary(finite, sorted, this.edges) } : stats;
    }
    const sketch = this.sketch as Kll;
    const n = this.finite;
    const moments = { mean: this.mean, std: Math.sqrt(this.m2 / n) };
    if (!Number.isFinite(moments.mean) || !Number.isFinite(moments.std)) {
      throw new DataError(
        `column "${column}": values are too large to standardise (up to ${Math.max(-this.min, this.max)}); ` +
          'rescale the column (e.g. to other units) before training.',
      );
    }
    const stats: NumericStats = {
      min: this.min,
      max: this.max,
      ...moments,
      zeros: this.zeros,
      nonFinite: this.nonFinite,
      integer: this.integer,
      quantiles: {
        p01: sketch.quantile(0.01),
        p25: sketch.quantile(0.25),
        p50: sketch.quantile(0.5),
        p75: sketch.quantile(0.75),
        p99: sketch.quantile(0.99),
      },
      histogram: sketchHistogram(sketch, this.min, this.max, n),
    };
    if (!drift) return stats;
    const driftHistogram = this.drift ?? sketch.driftHistogram();
    const distinct = this.distinct
      ? [...this.distinct]
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => a.value - b.value)
      : undefined;
    return { ...stats, driftHistogram, ...(distinct ? { distinct } : {}) };
  }

  // ---- Mergeable state (data/partial-statistics.ts) ----

  hasFinite(): boolean {
    return this.finite > 0;
  }

  /** The smallest finite value (the first, in a column of rising integers). */
  lowest(): number {
    return this.min;
  }

  toState<V extends ExactValues>(exact: (values: Float64Array) => V): NumberStateOf<V> {
    const sketch = this.sketch;
    return {
      count: this.count,
      nonFinite: this.nonFinite,
      zeros: this.zeros,
      integer: this.integer,
      min: this.finite > 0 ? this.min : null,
      max: this.finite > 0 ? this.max : null,
      finite: this.finite,
      values: this.values ? exact(this.inOneArray()) : null,
      sketch: sketch
        ? {
            mean: this.mean,
            m2: this.m2,
            kll: sketch.toState(),
            drift: this.drift ?? null,
            distinct: this.distinct ? [...this.distinct] : null,
          }
        : null,
    };
  }

  load(state: NumberStateOf<ExactValues>, where: string): void {
    const wrong = (field: string, what: string) =>
      new DataError(`${where}.${field}: ${what}; the part is damaged or forged.`);
    if (state.count !== state.finite + state.nonFinite) {
      throw wrong('count', 'it is not finite + nonFinite');
    }
    if (state.finite > 0 && (state.min === null || state.max === null || state.min > state.max)) {
      throw wrong('min', 'missing or above max');
    }
    this.count = state.count;
    this.nonFinite = state.nonFinite;
    this.zeros = state.zeros;
    this.integer = state.integer;
    this.min = state.min ?? Infinity;
    this.max = state.max ?? -Infinity;
    this.finite = state.finite;
    if (state.values) {
      if (state.values.length !== state.finite) {
        throw wrong('values', `${state.values.length} values, but finite says ${state.finite}`);
      }
      if (state.finite > this.exactBudget()) {
        throw wrong('values', `more values than the exact budget of ${this.exactBudget()}`);
      }
      // A worker thread's values are this thread's now: taken as they are, not copied.
      const given = state.values;
      const own = given instanceof Float64Array && given.length >= INITIAL_NUMBERS;
      const values = own ? given : new Float64Array(Math.max(INITIAL_NUMBERS, state.finite));
      if (!own) values.set(given);
      this.values = values;
      return;
    }
    const sketch = state.sketch;
    if (!sketch) throw wrong('sketch', 'neither values nor a sketch');
    const kll = Kll.fromState(sketch.kll);
    if (kll.weight() !== state.finite) {
      throw wrong('sketch.kll', `its weights add up to ${kll.weight()}, not ${state.finite}`);
    }
    if (this.edges) {
      const counts = sketch.drift?.counts;
      if (counts?.length !== this.edges.length + 1) {
        throw wrong(
          'sketch.drift',
          `expected ${this.edges.length + 1} counts on the baseline's edges`,
        );
      }
    } else if (sketch.drift) throw wrong('sketch.drift', 'there are no drift edges');
    this.values = undefined;
    this.sketch = kll;
    this.sketched = state.finite;
    this.mean = sketch.mean;
    this.m2 = sketch.m2;
    this.drift =
      this.edges && sketch.drift ? { ...sketch.drift, edges: [...this.edges] } : undefined;
    this.distinct = sketch.distinct ? new Map(sketch.distinct) : undefined;
  }

  /** How many finite values are kept exactly: the array starts at INITIAL_NUMBERS, see add. */
  private exactBudget(): number {
    return Math.max(this.limit, INITIAL_NUMBERS);
  }

  /**
   * Adds `later`, the numbers of the rows after these: exact when both are exact and together
   * within the budget (the values concatenated in row order), else both go to the sketch, whose
   * moments merge as Chan et al.'s parallel Welford and whose quantiles merge within KLL's error.
   */
  merge(later: NumberStore): void {
    this.count += later.count;
    this.nonFinite += later.nonFinite;
    this.zeros += later.zeros;
    this.integer &&= later.integer;
    this.min = Math.min(this.min, later.min);
    this.max = Math.max(this.max, later.max);
    const finite = this.finite + later.finite;
    if (this.values && later.values && finite <= this.exactBudget()) {
      // Kept as runs, not copied into one array: the parts' values are held once, not twice.
      this.runs = [...this.exactRuns(), ...later.exactRuns()];
      this.values = MERGED;
      this.finite = finite;
      return;
    }
    if (this.values) this.toSketch(this.exactRuns());
    if (later.values) later.toSketch(later.exactRuns());
    const n = this.sketched + later.sketched;
    if (later.sketched > 0) {
      const delta = later.mean - this.mean;
      this.m2 += later.m2 + ((delta * delta * this.sketched) / n) * later.sketched;
      this.mean += (delta * later.sketched) / n;
    }
    this.sketched = n;
    this.finite = finite;
    (this.sketch as Kll).merge(later.sketch as Kll);
    const drift = this.drift;
    if (drift && later.drift) {
      later.drift.counts.forEach((count, i) => {
        drift.counts[i] = (drift.counts[i] as number) + count;
      });
      drift.belowDistance += later.drift.belowDistance;
      drift.aboveDistance += later.drift.aboveDistance;
    }
    const distinct = this.distinct;
    if (distinct && later.distinct) {
      for (const [value, count] of later.distinct)
        distinct.set(value, (distinct.get(value) ?? 0) + count);
      if (distinct.size > DISTINCT_LIMIT) this.distinct = undefined;
    } else this.distinct = undefined;
  }
}

/** Counts `value` `weight` times in `histogram` (see binValues). */
function addWeighted(histogram: DriftHistogram, value: number, weight: number): void {
  const { edges, counts } = histogram;
  const bucket = edgesAtOrBelow(edges, value);
  counts[bucket] = (counts[bucket] as number) + weight;
  if (edges.length === 0) return;
  if (bucket === 0) histogram.belowDistance += weight * ((edges[0] as number) - value);
  else if (bucket === edges.length) {
    histogram.aboveDistance += weight * (value - (edges[edges.length - 1] as number));
  }
}

/** The 10-bucket histogram between min and max, counted on the sketch's weighted items. */
function sketchHistogram(sketch: Kll, min: number, max: number, n: number): Histogram {
  if (n === 0) return { edges: [0], counts: [] };
  if (min === max) return { edges: [min, max], counts: [n] };
  const width = (max - min) / HISTOGRAM_BUCKETS;
  const edges = Array.from({ length: HISTOGRAM_BUCKETS + 1 }, (_, i) => min + i * width);
  edges[HISTOGRAM_BUCKETS] = max;
  const counts = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
  for (const [value, weight] of sketch.items()) {
    const bucket = Math.min(Math.floor((value - min) / width), HISTOGRAM_BUCKETS - 1);
    counts[bucket] = (counts[bucket] as number) + weight;
  }
  return { edges, counts };
}

/**
 * A KLL quantile sketch (Karnin, Lang and Liberty 2016) with K = 4096 at the top level and
 * capacities shrinking by 2/3 per level below: a value's estimated rank is within about 0.2 % of
 * the count of its true rank (DataSketches' bound for K = 4096 is 1.7/K^0.97 ≈ 0.05 % at one
 * standard deviation; 0.2 % covers four). Compaction alternates which half it keeps, so the
 * result is deterministic. Mergeable: `merge` appends levels and compacts.
 */
/** Kll's capacity of a level by its depth below the top (see Kll.capacity). */
const KLL_CAPACITIES: number[] = [];

/**
 * Sorts a sketch level ascending, in place, as `level.sort((a, b) => a - b)` does, 2 to 6 times
 * faster through a Float64Array. The two orders differ only where -0 and 0 meet (the comparison
 * keeps their order, the typed sort puts -0 first), so a level holding a -0 takes the comparison.
 */
function sortLevel(level: number[]): number[] {
  const n = level.length;
  if (levelScratch.length < n)
    levelScratch = new Float64Array(Math.max(n, 2 * levelScratch.length));
  const typed = levelScratch.subarray(0, n);
  for (let i = 0; i < n; i++) {
    const value = level[i] as number;
    if (value === 0 && 1 / value < 0) return level.sort((a, b) => a - b);
    typed[i] = value;
  }
  typed.sort();
  for (let i = 0; i < n; i++) level[i] = typed[i] as number;
  return level;
}

/**
 * The ascending merge of ascending `a` and `b`; on a tie (as of -0 and 0) `a`'s comes first, as
 * a stable sort of `a` then `b` would put them.
 */
function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
  const merged = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    merged[k++] = (a[i] as number) <= (b[j] as number) ? (a[i++] as number) : (b[j++] as number);
  }
  while (i < a.length) merged[k++] = a[i++] as number;
  while (j < b.length) merged[k++] = b[j++] as number;
  return merged;
}

/** sortLevel's working space, reused (one level is sorted at a time). */
let levelScratch = new Float64Array(4096);

export class Kll {
  static readonly K = 4096;
  levels: number[][] = [[]];
  private flip = false;

  add(value: number): void {
    const base = this.levels[0] as number[];
    base.push(value);
    if (base.length >= this.capacity(0)) this.compress();
  }

  merge(other: Kll): void {
    other.levels.forEach((level, h) => {
      while (this.levels.length <= h) this.levels.push([]);
      const mine = this.levels[h] as number[];
      this.levels[h] = h === 0 ? mine.concat(level) : mergeSorted(mine, level);
    });
    this.compress();
  }

  private capacity(level: number): number {
    const depth = this.levels.length - 1 - level;
    // Read from a table: a power per value added was a tenth of the time past the exact budget.
    for (let d = KLL_CAPACITIES.length; d <= depth; d++) {
      KLL_CAPACITIES.push(Math.max(8, Math.ceil(Kll.K * (2 / 3) ** d)));
    }
    return KLL_CAPACITIES[depth] as number;
  }

  /**
   * Compacts each full level into the one above. Level 0 takes values as they come and is sorted
   * when full; the levels above are kept sorted, each half that comes up merged in (sorting them
   * at every compaction was a quarter of the time past the exact budget). Same items either way.
   */
  private compress(): void {
    for (let h = 0; h < this.levels.length; h++) {
      const level = this.levels[h] as number[];
      if (level.length < this.capacity(h)) continue;
      if (h + 1 === this.levels.length) this.levels.push([]);
      if (h === 0) sortLevel(level);
      const keepOdd = level.length % 2 === 1 ? level.pop() : undefined;
      this.flip = !this.flip;
      const half: number[] = [];
      for (let i = this.flip ? 1 : 0; i < level.length; i += 2) half.push(level[i] as number);
      this.levels[h + 1] = mergeSorted(this.levels[h + 1] as number[], half);
      this.levels[h] = keepOdd === undefined ? [] : [keepOdd];
    }
  }

  /** Each kept value with its weight (2^level), ascending. */
  items(): [number, number][] {
    const items: [number, number][] = [];
    this.levels.forEach((level, h) => level.forEach((value) => items.push([value, 2 ** h])));
    return items.sort((a, b) => a[0] - b[0]);
  }

  /** The value at rank q·(n − 1), read from the weighted items. */
  quantile(q: number): number {
    const items = this.items();
    if (items.length === 0) return 0;
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    const target = q * (total - 1);
    let seen = 0;
    for (const [value, weight] of items) {
      seen += weight;
      if (seen > target) return value;
    }
    return (items[items.length - 1] as [number, number])[0];
  }

  /**
   * A baseline's drift histogram (see quantileEdges): edges at the sketch's quantiles i/DRIFT_BINS,
   * counts of its weighted items.
   */
  driftHistogram(): DriftHistogram {
    const ranked = Array.from({ length: DRIFT_BINS + 1 }, (_, i) => this.quantile(i / DRIFT_BINS));
    const histogram = binValues([], quantileEdges(ranked, DRIFT_BINS));
    for (const [value, weight] of this.items()) addWeighted(histogram, value, weight);
    return histogram;
  }

  // ---- Mergeable state (data/partial-statistics.ts) ----

  toState(): KllState {
    return { levels: this.levels.map((level) => [...level]), flip: this.flip };
  }

  static fromState(state: KllState): Kll {
    const kll = new Kll();
    // Levels above 0 are kept sorted (see compress); a part file's, untrusted, are sorted here.
    const level = (values: number[], h: number) => (h > 0 ? sortLevel([...values]) : [...values]);
    kll.levels = state.levels.length > 0 ? state.levels.map(level) : [[]];
    kll.flip = state.flip;
    return kll;
  }

  /** The count the sketch stands for: its items' weights added up. */
  weight(): number {
    return this.levels.reduce((sum, level, h) => sum + level.length * 2 ** h, 0);
  }
}
