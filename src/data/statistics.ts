/**
 * Per-column statistics of a raw table: the input to schema inference, anomalies and drift. The
 * values they keep (top values, invalid examples) are excerpts of at most EXCERPT_LENGTH
 * characters, so a huge cell is not copied into every file made from them.
 */
import { meanAndStd } from '../util/moments.js';
import { compareText } from '../util/text.js';
import { excerpt } from './bounds.js';
import { driftSummary } from './drift.js';
import {
  allowedNonNumeric,
  kindParser,
  parseBoolean,
  parseDate,
  parseNumber,
  readsAsDecimalComma,
  stringKind,
} from './kinds.js';
import { isAbsent } from './missing.js';
import type {
  CategoricalStats,
  ColumnStats,
  DatasetStats,
  Histogram,
  NumericStats,
  RawTable,
  RawValue,
  ValueKind,
} from './types.js';

/** Enough top values to hold a whole schema domain (see inferSchema). */
export const TOP_CATEGORIES = 100;
export const TOP_TEXT = 10;
export const HISTOGRAM_BUCKETS = 10;
export const INVALID_EXAMPLES = 5;

export interface StatisticsOptions {
  /**
   * A baseline's drift histogram edges by column: a numeric column listed here is counted on them,
   * so drift compares it bucket by bucket; others get histograms on their own quantile edges.
   */
  driftEdges?: Record<string, readonly number[]>;
  /**
   * Bounds by column (a schema's numeric `min`/`max`): a numeric column with finite values
   * outside them gets `outOfRange`, their exact count on each side with the first lines.
   */
  ranges?: Record<string, ValueRange>;
  /**
   * Known values by column, as text (a schema's `values`): a column with values outside them gets
   * `outOfDomain`, their exact count, the most frequent and the first lines. Numbers compare as
   * numbers (`1.0` is `1`), booleans by their canonical `true`/`false`.
   */
  domains?: Record<string, readonly string[]>;
}

/** Inclusive bounds; an absent side is unbounded. */
export interface ValueRange {
  min?: number;
  max?: number;
}

/** Distinct out-of-domain values tallied by value; further ones are counted in the total only. */
export const OUT_OF_DOMAIN_TALLY = 1000;

/**
 * Statistics of every column of `table`. A column's kind comes from `kinds` when listed there
 * (validation passes the schema's kinds, so values that do not fit are counted as `invalid`),
 * else from the rule of `inferKind`.
 */
export function computeStatistics(
  table: RawTable,
  kinds: Record<string, ValueKind> = {},
  options: StatisticsOptions = {},
): DatasetStats {
  const present = presentValues(table);
  const columns = table.columns.map((name, index) => {
    const values = present[index] ?? [];
    const missing = table.rows.length - values.length;
    const kind = Object.hasOwn(kinds, name) ? kinds[name] : undefined;
    const edges =
      options.driftEdges && Object.hasOwn(options.driftEdges, name)
        ? options.driftEdges[name]
        : undefined;
    const stats =
      kind === undefined
        ? inferredColumnStats(name, values, missing, edges)
        : columnStats(name, kind, values, missing, edges);
    if (stats.invalid) stats.invalid.lines = invalidLines(table, index, stats.kind);
    const range = ownEntry(options.ranges, name);
    if (range && leavesRange(stats, range)) {
      stats.outOfRange = outOfRange(table, index, range);
    }
    const domain = ownEntry(options.domains, name);
    if (domain && mayLeaveDomain(stats, domain)) {
      const found = outOfDomain(table, index, stats.kind, domain);
      if (found.count > 0) stats.outOfDomain = found;
    }
    return stats;
  });
  return { rows: table.rows.length, columns };
}

/**
 * The first lines of `table` where column `index` holds a value that is not of `kind`; none when
 * the table does not have one line per row.
 */
function invalidLines(table: RawTable, index: number, kind: ValueKind): number[] {
  const parse = table.lines.length === table.rows.length ? kindParser(kind) : undefined;
  const lines: number[] = [];
  // Found again rather than tracked while parsing: only columns with invalid values pay for it.
  for (let row = 0; parse && row < table.rows.length && lines.length < INVALID_EXAMPLES; row++) {
    const value = table.rows[row]?.[index] ?? null;
    if (!isAbsent(value) && parse(value) === null) lines.push(table.lines[row] as number);
  }
  return lines;
}

function ownEntry<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Whether a numeric column's finite values reach outside `range` (its min and max say so). */
function leavesRange(stats: ColumnStats, range: ValueRange): boolean {
  const numeric = stats.kind === 'numeric' ? stats.numeric : undefined;
  if (!numeric || numeric.nonFinite === stats.count - (stats.invalid?.count ?? 0)) return false;
  return (
    (range.max !== undefined && numeric.max > range.max) ||
    (range.min !== undefined && numeric.min < range.min)
  );
}

/**
 * The finite values of column `index` outside `range`, counted on a second pass over the rows:
 * only columns whose min or max is outside pay for it (like `invalidLines`).
 */
function outOfRange(
  table: RawTable,
  index: number,
  range: ValueRange,
): NonNullable<ColumnStats['outOfRange']> {
  const withLines = table.lines.length === table.rows.length;
  const lines: number[] = [];
  let below = 0;
  let above = 0;
  for (let row = 0; row < table.rows.length; row++) {
    const value = table.rows[row]?.[index] ?? null;
    if (isAbsent(value)) continue;
    const number = parseNumber(value);
    if (number === null || !Number.isFinite(number)) continue;
    const isBelow = range.min !== undefined && number < range.min;
    const isAbove = range.max !== undefined && number > range.max;
    if (!isBelow && !isAbove) continue;
    if (isBelow) below++;
    else above++;
    if (withLines && lines.length < INVALID_EXAMPLES) lines.push(table.lines[row] as number);
  }
  return { ...range, below, above, ...(withLines ? { lines } : {}) };
}

/** A value's text as a domain holds it, for the column's kind; null when it does not parse. */
export function domainKey(kind: ValueKind): (value: RawValue) => string | null {
  switch (kind) {
    case 'numeric':
      return (value) => {
        const number = parseNumber(value);
        return number === null ? null : String(number);
      };
    case 'boolean':
      return (value) => {
        const flag = parseBoolean(value);
        return flag === null ? null : String(flag);
      };
    case 'date':
    case 'empty':
      return () => null;
    case 'categorical':
    case 'text':
      return (value) => excerpt(String(value));
  }
}

/** A domain's values in the form `domainKey` gives (numbers as `String(Number(text))`). */
export function domainKeys(kind: ValueKind, domain: readonly string[]): Set<string> {
  if (kind !== 'numeric') return new Set(domain);
  return new Set(
    domain.flatMap((value) => {
      const number = parseNumber(value);
      return number === null ? [] : [String(number)];
    }),
  );
}

/** Whether the statistics leave room for a value outside `domain`, so that a pass is worth it. */
function mayLeaveDomain(stats: ColumnStats, domain: readonly string[]): boolean {
  const keys = domainKeys(stats.kind, domain);
  if (stats.kind === 'numeric') {
    const distinct = stats.numeric?.distinct;
    // Without the distinct values (more than a few), any value might be outside.
    return !distinct || distinct.some((entry) => !keys.has(String(entry.value)));
  }
  const categories = stats.categorical;
  if (!categories) return false;
  return (
    categories.top.length < categories.unique ||
    categories.top.some((entry) => !keys.has(entry.value))
  );
}

/** The values of column `index` outside `domain`, counted on a pass over the rows. */
function outOfDomain(
  table: RawTable,
  index: number,
  kind: ValueKind,
  domain: readonly string[],
): NonNullable<ColumnStats['outOfDomain']> {
  const key = domainKey(kind);
  const keys = domainKeys(kind, domain);
  const withLines = table.lines.length === table.rows.length;
  const tally = new Map<string, ValueCount>();
  const lines: number[] = [];
  let count = 0;
  for (let row = 0; row < table.rows.length; row++) {
    const value = table.rows[row]?.[index] ?? null;
    if (isAbsent(value)) continue;
    const known = key(value);
    if (known === null || keys.has(known)) continue;
    count++;
    if (withLines && lines.length < INVALID_EXAMPLES) lines.push(table.lines[row] as number);
    const text = excerpt(String(value));
    const entry = tally.get(text);
    if (entry) entry.count++;
    else if (tally.size < OUT_OF_DOMAIN_TALLY) tally.set(text, { value: text, count: 1 });
  }
  const top = [...tally.values()]
    .sort((a, b) => b.count - a.count || compareText(a.value, b.value))
    .slice(0, INVALID_EXAMPLES);
  return { count, top, ...(withLines ? { lines } : {}) };
}

/**
 * Each column's non-missing cells in row order (a short row's absent cell is missing). One pass
 * over the rows fills all columns: a pass per column took twice as long, fetching every row from
 * memory again. The arrays start at full length and are cut to size, as growing them by push
 * took half as long again.
 */
function presentValues(table: RawTable): RawValue[][] {
  const width = table.columns.length;
  const present = Array.from({ length: width }, () => new Array<RawValue>(table.rows.length));
  const counts = new Array<number>(width).fill(0);
  for (const row of table.rows) {
    for (let index = 0; index < width; index++) {
      const value = row[index] ?? null;
      if (isAbsent(value)) continue;
      const column = present[index] as RawValue[];
      column[(counts[index] as number)++] = value;
    }
  }
  present.forEach((column, index) => (column.length = counts[index] as number));
  return present;
}

/**
 * Statistics under the kind `inferKind(present)` would give, decided while computing them so
 * that each value is parsed once rather than once to infer and again to summarise. A kind is
 * tried by parsing every value, giving up as soon as too many do not fit.
 */
function inferredColumnStats(
  name: string,
  present: RawValue[],
  missing: number,
  edges: readonly number[] | undefined,
): ColumnStats {
  const count = present.length;
  if (count === 0) return { name, kind: 'empty', count, missing };
  const numbers = parseAll(present, parseNumber, allowedNonNumeric(count));
  if (numbers && !numbers.invalid) {
    const numeric = withDrift(numericStats(numbers.parsed, name), numbers.parsed, edges);
    return { name, kind: 'numeric', count, missing, numeric };
  }
  // Some value is not a number now, which inferKind also requires of a boolean column.
  const booleans = parseEvery(present, parseBoolean);
  if (booleans) {
    return { name, kind: 'boolean', count, missing, categorical: booleanStats(booleans) };
  }
  const dates = parseEvery(present, parseDate);
  if (dates) return { name, kind: 'date', count, missing, numeric: numericStats(dates, name) };
  if (numbers) {
    const { parsed, invalid } = numbers;
    const stats: ColumnStats = {
      name,
      kind: 'numeric',
      count,
      missing,
      ...(invalid && { invalid }),
    };
    if (parsed.length > 0) stats.numeric = withDrift(numericStats(parsed, name), parsed, edges);
    return stats;
  }
  const counts = countValues(present);
  const kind = stringKind(counts.byValue.size, count, counts.totalLength / count);
  return stringColumnStats({ name, kind, count, missing }, present, counts);
}

/** Statistics of a categorical or text column; they note values written with a decimal comma. */
function stringColumnStats(
  stats: ColumnStats,
  present: RawValue[],
  counts: ValueCounts,
): ColumnStats {
  const topSize = stats.kind === 'text' ? TOP_TEXT : TOP_CATEGORIES;
  stats.categorical = categoricalStats(counts, present.length, topSize);
  if (readsAsDecimalComma(present)) stats.decimalComma = true;
  return stats;
}

/** Statistics under a given kind: values that do not parse as it are counted as invalid. */
function columnStats(
  name: string,
  kind: ValueKind,
  present: RawValue[],
  missing: number,
  edges: readonly number[] | undefined,
): ColumnStats {
  const stats: ColumnStats = { name, kind, count: present.length, missing };
  switch (kind) {
    case 'numeric':
    case 'date': {
      const { parsed, invalid } = parseAll(present, kind === 'numeric' ? parseNumber : parseDate);
      if (invalid) stats.invalid = invalid;
      if (parsed.length > 0) {
        const numeric = numericStats(parsed, name);
        // Drift compares numbers; dates are skipped by the drift tests.
        stats.numeric = kind === 'numeric' ? withDrift(numeric, parsed, edges) : numeric;
      }
      break;
    }
    case 'boolean': {
      const { parsed, invalid } = parseAll(present, parseBoolean);
      if (invalid) stats.invalid = invalid;
      if (parsed.length > 0) stats.categorical = booleanStats(parsed);
      break;
    }
    case 'categorical':
    case 'text':
      stringColumnStats(stats, present, countValues(present));
      break;
    case 'empty':
      break;
  }
  return stats;
}

/** Counted under canonical spellings, so yes/no and true/false data compare as the same. */
function booleanStats(values: boolean[]): CategoricalStats {
  return categoricalStats(countValues(values), values.length, TOP_CATEGORIES);
}

/** Every value parsed, or null as soon as one does not parse. */
function parseEvery<T>(values: RawValue[], parse: (value: RawValue) => T | null): T[] | null {
  return parseAll(values, parse, 0)?.parsed ?? null;
}

interface Parsed<T> {
  parsed: T[];
  invalid?: { count: number; examples: string[] };
}

/**
 * The values that parse, and the count and first few (excerpts) of those that do not; null as
 * soon as more than `maxInvalid` do not.
 */
function parseAll<T>(values: RawValue[], parse: (value: RawValue) => T | null): Parsed<T>;
function parseAll<T>(
  values: RawValue[],
  parse: (value: RawValue) => T | null,
  maxInvalid: number,
): Parsed<T> | null;
function parseAll<T>(
  values: RawValue[],
  parse: (value: RawValue) => T | null,
  maxInvalid = Infinity,
): Parsed<T> | null {
  const parsed: T[] = [];
  let count = 0;
  const examples = new Set<string>();
  for (const value of values) {
    const result = parse(value);
    if (result !== null) {
      parsed.push(result);
      continue;
    }
    if (++count > maxInvalid) return null;
    if (examples.size < INVALID_EXAMPLES) examples.add(excerpt(String(value)));
  }
  return count > 0 ? { parsed, invalid: { count, examples: [...examples] } } : { parsed };
}

/** A numeric column's statistics with what the drift tests need (see driftSummary). */
export function withDrift(
  stats: NumericStats,
  values: number[],
  edges: readonly number[] | undefined,
): NumericStats {
  return { ...stats, ...driftSummary(values, edges) };
}

export function numericStats(values: number[], column: string): NumericStats {
  // One pass for the figures that need no order, or the values' own order (the moments).
  let nonFinite = 0;
  let zeros = 0;
  let integer = true;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) {
      nonFinite++;
      continue;
    }
    if (value === 0) zeros++;
    if (integer && !Number.isInteger(value)) integer = false;
    // Like a numeric sort, Math.min and Math.max put -0 below 0.
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (nonFinite === values.length) min = max = 0;
  const finite = nonFinite > 0 ? values.filter(Number.isFinite) : values;
  const ranked = Float64Array.from(finite);
  placeRanks(
    ranked,
    QUANTILE_LEVELS.flatMap((q) => quantileRanks(ranked.length, q)),
  );
  return finiteNumericStats({ min, max, zeros, nonFinite, integer }, finite, ranked, column);
}

/** The figures of NumericStats that need no order, as numericStats counts them. */
export type OrderFreeFigures = Pick<
  NumericStats,
  'min' | 'max' | 'zeros' | 'nonFinite' | 'integer'
>;

/**
 * numericStats from its order-free figures, the finite values in their order (for the moments)
 * and `ranked`: the same values sorted, or at least with the quantiles' ranks in their sorted
 * places. For callers that keep their values in a Float64Array and sort them anyway.
 */
export function finiteNumericStats(
  figures: OrderFreeFigures,
  finite: ArrayLike<number>,
  ranked: Float64Array,
  column: string,
): NumericStats {
  const { min, max, zeros, nonFinite, integer } = figures;
  return {
    min,
    max,
    ...meanAndStd(finite, column),
    zeros,
    nonFinite,
    integer,
    quantiles: {
      p01: quantile(ranked, 0.01),
      p25: quantile(ranked, 0.25),
      p50: quantile(ranked, 0.5),
      p75: quantile(ranked, 0.75),
      p99: quantile(ranked, 0.99),
    },
    histogram: histogram(finite, min, max),
  };
}

/** The levels of `NumericStats.quantiles`. */
const QUANTILE_LEVELS = [0.01, 0.25, 0.5, 0.75, 0.99];

/** Where `quantile` reads a sorted array of `length` values. */
function quantileRanks(length: number, q: number): number[] {
  const position = (length - 1) * q;
  return [Math.floor(position), Math.ceil(position)];
}

/**
 * Linear interpolation between closest ranks (numpy's default); 0 for no values. `ranked` need
 * only hold the values of `quantileRanks(q)` in their sorted places.
 */
function quantile(ranked: Float64Array, q: number): number {
  if (ranked.length === 0) return 0;
  const position = (ranked.length - 1) * q;
  const lower = Math.floor(position);
  const below = ranked[lower] ?? 0;
  const above = ranked[Math.ceil(position)] ?? below;
  return below + (above - below) * (position - lower);
}

/**
 * Reorders `values` so that each index in `ranks` holds the value a full sort would put there:
 * quickselect (Hoare's partition, median-of-three pivot) going only into parts that hold a
 * wanted rank. The quantiles need ten order statistics, and sorting whole columns for them was
 * most of the time of numeric statistics. Equal values may swap places, which for -0 and 0
 * changes no quantile: their difference and sum are the same either way round.
 */
function placeRanks(values: Float64Array, ranks: readonly number[]): void {
  // Partitions in a row on one range before its pivots count as failing (as on adversarial
  // orders), and the range is sorted instead: about twice what halving it each time would take.
  const limit = 2 * Math.ceil(Math.log2(values.length + 1)) + 4;
  const select = (from: number, to: number, partitionsLeft: number): void => {
    while (from < to && ranks.some((rank) => rank >= from && rank <= to)) {
      if (partitionsLeft-- === 0) {
        values.subarray(from, to + 1).sort();
        return;
      }
      const [left, right] = partition(values, from, to);
      select(from, left, partitionsLeft);
      from = right;
    }
  };
  select(0, values.length - 1, limit);
}

/**
 * Hoare's partition of `values[from..to]` around the median of its first, middle and last
 * values: afterwards `[from..left]` ≤ pivot ≤ `[right..to]`, and anything between equals the
 * pivot and is in its sorted place.
 */
function partition(values: Float64Array, from: number, to: number): [number, number] {
  const pivot = medianOfThree(
    values[from] as number,
    values[(from + to) >>> 1] as number,
    values[to] as number,
  );
  let i = from;
  let j = to;
  while (i <= j) {
    while ((values[i] as number) < pivot) i++;
    while ((values[j] as number) > pivot) j--;
    if (i <= j) {
      const swap = values[i] as number;
      values[i++] = values[j] as number;
      values[j--] = swap;
    }
  }
  return [j, i];
}

function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

function histogram(values: ArrayLike<number>, min: number, max: number): Histogram {
  if (values.length === 0) return { edges: [0], counts: [] };
  if (min === max) return { edges: [min, max], counts: [values.length] };
  const width = (max - min) / HISTOGRAM_BUCKETS;
  const edges = Array.from({ length: HISTOGRAM_BUCKETS + 1 }, (_, i) => min + i * width);
  edges[HISTOGRAM_BUCKETS] = max;
  const counts = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
  for (let i = 0; i < values.length; i++) {
    const bucket = Math.min(
      Math.floor(((values[i] as number) - min) / width),
      HISTOGRAM_BUCKETS - 1,
    );
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return { edges, counts };
}

export interface ValueCount {
  value: string;
  count: number;
}

/** Occurrences of each value's text, plus the total text length (for the average). */
export interface ValueCounts {
  /** Entries are updated in place, so a repeated value costs one map lookup. */
  byValue: Map<string, ValueCount>;
  totalLength: number;
}

function countValues(values: readonly RawValue[]): ValueCounts {
  const byValue = new Map<string, ValueCount>();
  let totalLength = 0;
  for (const raw of values) {
    const value = String(raw);
    totalLength += value.length;
    const entry = byValue.get(value);
    if (entry) entry.count++;
    else byValue.set(value, { value, count: 1 });
  }
  return { byValue, totalLength };
}

export function categoricalStats(
  counts: ValueCounts,
  total: number,
  topSize: number,
): CategoricalStats {
  const top = [...counts.byValue.values()]
    .sort((a, b) => b.count - a.count || compareText(a.value, b.value))
    .slice(0, topSize)
    .map(({ value, count }) => ({ value: excerpt(value), count }));
  return {
    unique: counts.byValue.size,
    top,
    avgLength: total > 0 ? counts.totalLength / total : 0,
  };
}
