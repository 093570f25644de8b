/** Per-column statistics of a raw table: the input to schema inference, anomalies and drift. */
import { meanAndStd } from '../util/moments.js';
import { compareText } from '../util/text.js';
import { inferKind, parseBoolean, parseDate, parseNumber } from './kinds.js';
import { isMissing } from './missing.js';
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
const TOP_CATEGORIES = 100;
const TOP_TEXT = 10;
const HISTOGRAM_BUCKETS = 10;
const INVALID_EXAMPLES = 5;

/**
 * Statistics of every column of `table`. A column's kind comes from `kinds` when listed there
 * (validation passes the schema's kinds, so values that do not fit are counted as `invalid`),
 * else from `inferKind`.
 */
export function computeStatistics(
  table: RawTable,
  kinds: Record<string, ValueKind> = {},
): DatasetStats {
  const columns = table.columns.map((name, index) => {
    const values = table.rows.map((row) => row[index] ?? null);
    const kind = Object.hasOwn(kinds, name) ? kinds[name] : undefined;
    return columnStats(name, kind ?? inferKind(values), values);
  });
  return { rows: table.rows.length, columns };
}

function columnStats(name: string, kind: ValueKind, values: RawValue[]): ColumnStats {
  const present = values.filter((value) => !isMissing(value));
  const stats: ColumnStats = {
    name,
    kind,
    count: present.length,
    missing: values.length - present.length,
  };
  switch (kind) {
    case 'numeric':
    case 'date': {
      const parse = kind === 'numeric' ? parseNumber : parseDate;
      const { parsed, invalid } = parseAll(present, parse);
      if (invalid) stats.invalid = invalid;
      if (parsed.length > 0) stats.numeric = numericStats(parsed, name);
      break;
    }
    case 'boolean': {
      // Canonical spellings, so yes/no and true/false data compare as the same distribution.
      const { parsed, invalid } = parseAll(present, parseBoolean);
      if (invalid) stats.invalid = invalid;
      if (parsed.length > 0)
        stats.categorical = categoricalStats(parsed.map(String), TOP_CATEGORIES);
      break;
    }
    case 'categorical':
      stats.categorical = categoricalStats(present.map(String), TOP_CATEGORIES);
      break;
    case 'text':
      stats.categorical = categoricalStats(present.map(String), TOP_TEXT);
      break;
    case 'empty':
      break;
  }
  return stats;
}

function parseAll<T>(
  values: RawValue[],
  parse: (value: RawValue) => T | null,
): { parsed: T[]; invalid?: { count: number; examples: string[] } } {
  const parsed: T[] = [];
  let count = 0;
  const examples = new Set<string>();
  for (const value of values) {
    const result = parse(value);
    if (result !== null) {
      parsed.push(result);
      continue;
    }
    count++;
    if (examples.size < INVALID_EXAMPLES) examples.add(String(value));
  }
  return count > 0 ? { parsed, invalid: { count, examples: [...examples] } } : { parsed };
}

function numericStats(values: number[], column: string): NumericStats {
  const finite = values.filter(Number.isFinite);
  const sorted = Float64Array.from(finite).sort();
  const min = sorted[0] ?? 0;
  const max = sorted[sorted.length - 1] ?? 0;
  return {
    min,
    max,
    ...meanAndStd(finite, column),
    zeros: finite.filter((value) => value === 0).length,
    nonFinite: values.length - finite.length,
    integer: finite.every(Number.isInteger),
    quantiles: {
      p01: quantile(sorted, 0.01),
      p25: quantile(sorted, 0.25),
      p50: quantile(sorted, 0.5),
      p75: quantile(sorted, 0.75),
      p99: quantile(sorted, 0.99),
    },
    histogram: histogram(sorted, min, max),
  };
}

/** Linear interpolation between closest ranks (numpy's default); 0 for no values. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const below = sorted[lower] ?? 0;
  const above = sorted[Math.ceil(position)] ?? below;
  return below + (above - below) * (position - lower);
}

function histogram(values: Float64Array, min: number, max: number): Histogram {
  if (values.length === 0) return { edges: [0], counts: [] };
  if (min === max) return { edges: [min, max], counts: [values.length] };
  const width = (max - min) / HISTOGRAM_BUCKETS;
  const edges = Array.from({ length: HISTOGRAM_BUCKETS + 1 }, (_, i) => min + i * width);
  edges[HISTOGRAM_BUCKETS] = max;
  const counts = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
  for (const value of values) {
    const bucket = Math.min(Math.floor((value - min) / width), HISTOGRAM_BUCKETS - 1);
    counts[bucket] = (counts[bucket] ?? 0) + 1;
  }
  return { edges, counts };
}

function categoricalStats(values: string[], topSize: number): CategoricalStats {
  const counts = new Map<string, number>();
  let totalLength = 0;
  for (const value of values) {
    counts.set(value, (counts.get(value) ?? 0) + 1);
    totalLength += value.length;
  }
  const top = [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || compareText(a.value, b.value))
    .slice(0, topSize);
  return {
    unique: counts.size,
    top,
    avgLength: values.length > 0 ? totalLength / values.length : 0,
  };
}
