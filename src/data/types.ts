/** Shapes shared by the data steps: raw tables as read, statistics, schema and anomalies. */

/** A cell as read: text from CSV, a JSON scalar from JSONL; `null` when missing. */
export type RawValue = string | number | boolean | null;

/** A whole table as read from one file, rows aligned to `columns`. */
export interface RawTable {
  /** Where the rows came from (a path), used in error messages. */
  source: string;
  columns: string[];
  rows: RawValue[][];
  /** 1-based line in `source` where each row starts (for Parquet, its row number), for errors. */
  lines: number[];
}

/** How a column's values are understood. */
export type ValueKind = 'numeric' | 'categorical' | 'boolean' | 'date' | 'text' | 'empty';

export interface Histogram {
  /** Bucket edges, `counts.length + 1` of them, ascending. */
  edges: number[];
  counts: number[];
}

/**
 * Counts of a column's finite values on fixed edges, for the drift tests (data/drift.ts): a
 * baseline's on its own quantiles, a current column's on the baseline's edges, so the two compare
 * bucket by bucket and the current counts are a sum over rows (or shards). Unlike `Histogram`,
 * the outer buckets reach ±Infinity, so no value falls outside.
 */
export interface DriftHistogram {
  /** Ascending, distinct and finite; empty when there were no values. */
  edges: number[];
  /**
   * `edges.length + 1` counts: below `edges[0]`; then `[edges[i - 1], edges[i])`; the last at or
   * above the last edge.
   */
  counts: number[];
  /** Σ (edges[0] − x) over the values below the first edge (0 when none). */
  belowDistance: number;
  /** Σ (x − last edge) over the values at or above the last edge (0 when none). */
  aboveDistance: number;
}

/**
 * Summary of a column's finite values (epoch ms for dates); `std` is the population standard
 * deviation. When every value is infinite, the figures are 0 and the histogram has no buckets.
 */
export interface NumericStats {
  min: number;
  max: number;
  mean: number;
  std: number;
  zeros: number;
  /** Values that are ±Infinity (NaN counts as missing, like the NA tokens). */
  nonFinite: number;
  /** True when every finite value is an integer. */
  integer: boolean;
  quantiles: { p01: number; p25: number; p50: number; p75: number; p99: number };
  histogram: Histogram;
  /** For the drift tests (see DriftHistogram); absent in statistics written before them. */
  driftHistogram?: DriftHistogram;
  /**
   * Every distinct value with its count, ascending, when there are at most DISTINCT_LIMIT (20,
   * data/drift.ts): drift compares such columns value by value.
   */
  distinct?: { value: number; count: number }[];
}

export interface CategoricalStats {
  unique: number;
  /**
   * Most frequent values, most frequent first, ties by value: at most 100 for categorical and
   * boolean columns (so a schema domain of up to 100 values can be read from it), 10 for text.
   * A value longer than 200 characters is kept as an excerpt (see bounds.ts).
   */
  top: { value: string; count: number }[];
  avgLength: number;
  /**
   * Set when the column had more distinct values than the streaming statistics tally exactly:
   * `unique` is then an estimate (HyperLogLog, within about 2.4 %) and each top count may exceed
   * the true one by at most `countError` (≤ count / 10,000); count and avgLength stay exact.
   */
  approximate?: { countError: number };
}

export interface ColumnStats {
  name: string;
  kind: ValueKind;
  /** Non-missing values. */
  count: number;
  missing: number;
  /**
   * Non-missing values that do not parse as `kind` (numeric, boolean, date): their count, the
   * first few distinct ones (excerpts) and the first few lines holding one.
   */
  invalid?: { count: number; examples: string[]; lines?: number[] };
  numeric?: NumericStats;
  categorical?: CategoricalStats;
  /**
   * Finite values outside the bounds the statistics were asked to check (a schema's numeric
   * `min`/`max`, see StatisticsOptions.ranges): the bounds, how many values fell below and above,
   * and the first few lines holding one. Absent when none did or no bounds were given.
   */
  outOfRange?: { min?: number; max?: number; below: number; above: number; lines?: number[] };
  /**
   * Values outside the domain the statistics were asked to check (a schema's `values`, see
   * StatisticsOptions.domains): how many, the most frequent (excerpts, most frequent first) and
   * the first few lines holding one. Values that do not parse as the column's kind are `invalid`,
   * not counted here. Absent when none did or no domain was given.
   */
  outOfDomain?: { count: number; top: { value: string; count: number }[]; lines?: number[] };
  /**
   * Categorical or text columns: every value is a number once a decimal comma is read as a
   * point (`1,5`), so the file probably needs data.decimal: ",".
   */
  decimalComma?: boolean;
}

export interface DatasetStats {
  rows: number;
  columns: ColumnStats[];
}

export interface FeatureSchema {
  name: string;
  kind: ValueKind;
  /** Smallest fraction of rows that must have a value (1 = required). */
  minPresence: number;
  /**
   * The known values (the domain), as text: for categorical features, and for a classification
   * label of any kind (its classes: booleans as `true`/`false`, numbers as written by `String`).
   */
  values?: string[];
  /** For numeric features: whether values must be integers. */
  integer?: boolean;
  /**
   * For numeric features: the accepted range, inferred with a margin (see inferSchema) or set by
   * hand; values outside are INT_TYPE_BIG_INT / FLOAT_TYPE_SMALL_FLOAT and the like.
   */
  min?: number;
  max?: number;
}

export interface Schema {
  version: 1;
  /** The label column: it must be present for training whatever its `minPresence`. */
  label?: string;
  features: FeatureSchema[];
}

export type Severity = 'WARNING' | 'ERROR';

/** A data problem, named like TFDV's anomaly types (SCHEMA_MISSING_COLUMN, FLOAT_TYPE_HAS_NAN, …). */
export interface Anomaly {
  /** The column concerned, or null for the whole dataset. */
  column: string | null;
  type: string;
  severity: Severity;
  description: string;
}

/** Row indices of each split of a table. */
export interface SplitIndices {
  train: number[];
  validation: number[];
  test: number[];
}
