/** Shapes shared by the data steps: raw tables as read, statistics, schema and anomalies. */

/** A cell as read: text from CSV, a JSON scalar from JSONL; `null` when missing. */
export type RawValue = string | number | boolean | null;

/** A whole table as read from one file, rows aligned to `columns`. */
export interface RawTable {
  /** Where the rows came from (a path), used in error messages. */
  source: string;
  columns: string[];
  rows: RawValue[][];
  /** 1-based line in `source` where each row starts, for error messages. */
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
  /** For categorical features: the known values (the domain). */
  values?: string[];
  /** For numeric features: whether values must be integers. */
  integer?: boolean;
  /** For numeric features: bounds set by hand (never inferred), checked like TFDV's domains. */
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
