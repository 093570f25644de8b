/**
 * The preprocessing spec: learned on the training rows only, saved with the model, and applied
 * the same way at training, evaluation and serving time. It records everything a raw row needs to
 * be scored by the bundle alone: how cells were read (missing-value tokens, decimal mark), each
 * feature's kind and what was learned of it (moments, a numeric column's edge value and log
 * transform, categories, text vocabulary).
 */
import type { Config } from '../config/schema.js';
import { DEFAULT_NA_VALUES, isAbsent } from '../data/missing.js';
import { parseBoolean, parseDate, parseNumber } from '../data/kinds.js';
import type { RawTable, RawValue, ValueKind } from '../data/types.js';
import { DataError } from '../errors.js';
import { meanAndStd, standardize } from '../util/moments.js';
import { compareText } from '../util/text.js';
import { calendarWidth, hasTimeOfDay, writeCalendar } from './calendar.js';
import { fitNumericShape, shapeValue, type NumericShape } from './numeric-shape.js';
import type { LabelEncoding } from './task.js';
import {
  fitTextEncoding,
  writeTextFeature,
  type TextEncoding,
  type TextSettings,
} from './text-features.js';

/** Most categories kept per column; rarer ones share the out-of-vocabulary slot. */
const MAX_VOCABULARY = 50;

/**
 * The spec format this code writes and reads. Version 1 hashed text into 16 buckets, gave dates
 * no calendar features and did not record how cells were read; its bundles must be trained again.
 */
export const PREPROCESSING_VERSION = 2;

export type FeatureEncoding =
  | ({
      kind: 'numeric';
      column: string;
      /** Moments of the values after the log transform, when there is one. */
      mean: number;
      std: number;
      indicator: boolean;
    } & NumericShape)
  | {
      kind: 'date';
      column: string;
      mean: number;
      std: number;
      indicator: boolean;
      /** Whether the training values have times of day, which then get features of their own. */
      timeOfDay: boolean;
    }
  | { kind: 'boolean'; column: string; indicator: boolean }
  | { kind: 'categorical'; column: string; vocabulary: string[] }
  | TextEncoding;

/** How the training file's cells were read, so a raw row is read the same way when it is served. */
export interface InputReading {
  /** data.na_values: cells meaning "no value" (compared trimmed, in any case). */
  naValues: string[];
  /** data.decimal: the decimal mark of numbers written in text. */
  decimal: '.' | ',';
}

export interface PreprocessingSpec {
  version: typeof PREPROCESSING_VERSION;
  input: InputReading;
  label: { column: string } & LabelEncoding;
  features: FeatureEncoding[];
  /** Width of the encoded feature vector. */
  width: number;
}

/** What fitting takes besides the rows: how they were read, and text settings by column. */
export interface PreprocessingOptions {
  input: InputReading;
  text: ReadonlyMap<string, TextSettings>;
}

/** The preprocessing options of a config's data section (data.na_values, decimal, features). */
export function preprocessingOptions(
  data: Pick<Config['data'], 'na_values' | 'decimal' | 'features'>,
): PreprocessingOptions {
  return {
    input: { naValues: [...data.na_values], decimal: data.decimal ?? '.' },
    text: new Map(data.features?.flatMap(({ column, text }) => (text ? [[column, text]] : []))),
  };
}

/** Learns how to encode each feature column from the training rows. */
export function fitPreprocessing(
  table: RawTable,
  trainRows: number[],
  features: { column: string; kind: ValueKind }[],
  label: { column: string } & LabelEncoding,
  options: PreprocessingOptions = {
    input: { naValues: [...DEFAULT_NA_VALUES], decimal: '.' },
    text: new Map(),
  },
): PreprocessingSpec {
  const fitter = new PreprocessingFitter(features, label, options);
  const add = fitter.rowAdder(table.columns);
  for (const row of trainRows) add(table.rows[row] ?? []);
  return fitter.finish();
}

/** What fitting keeps of one feature's training values: as little as its encoding needs. */
type FeatureValues =
  | { kind: 'numeric' | 'date'; column: string; numbers: number[]; indicator: boolean }
  | { kind: 'boolean'; column: string; indicator: boolean }
  | { kind: 'categorical'; column: string; counts: Map<string, number> }
  | { kind: 'text'; column: string; documents: RawValue[] }
  | { kind: 'empty'; column: string };

/**
 * fitPreprocessing over training rows given one at a time, in row order (a file read in batches):
 * numbers are kept parsed (8 bytes a value), categories as counts, text as its documents.
 */
export class PreprocessingFitter {
  private readonly values: FeatureValues[];

  constructor(
    features: readonly { column: string; kind: ValueKind }[],
    private readonly label: { column: string } & LabelEncoding,
    private readonly options: PreprocessingOptions,
  ) {
    this.values = features.map(({ column, kind }): FeatureValues => {
      switch (kind) {
        case 'numeric':
        case 'date':
          return { kind, column, numbers: [], indicator: false };
        case 'boolean':
          return { kind, column, indicator: false };
        case 'categorical':
          return { kind, column, counts: new Map() };
        case 'text':
          return { kind, column, documents: [] };
        case 'empty':
          return { kind, column };
      }
    });
  }

  /** A function adding a row whose cells follow `columns` (a missing column reads as missing). */
  rowAdder(columns: readonly string[]): (cells: readonly RawValue[]) => void {
    const indices = this.values.map((v) => columns.indexOf(v.column));
    return (cells) => {
      for (let f = 0; f < this.values.length; f++) {
        const index = indices[f] as number;
        addValue(this.values[f] as FeatureValues, index < 0 ? null : (cells[index] ?? null));
      }
    };
  }

  finish(): PreprocessingSpec {
    const encodings = this.values.flatMap((values) => {
      const encoding = fitFeature(values, this.options.text.get(values.column));
      return encoding ? [encoding] : [];
    });
    return {
      version: PREPROCESSING_VERSION,
      input: this.options.input,
      label: this.label,
      features: encodings,
      width: encodings.reduce((w, e) => w + featureWidth(e), 0),
    };
  }
}

function addValue(values: FeatureValues, value: RawValue): void {
  switch (values.kind) {
    case 'numeric':
    case 'date': {
      if (isAbsent(value)) {
        values.indicator = true;
        return;
      }
      const n = (values.kind === 'date' ? parseDate : parseNumber)(value);
      if (n !== null && Number.isFinite(n)) values.numbers.push(n);
      return;
    }
    case 'boolean':
      if (isAbsent(value)) values.indicator = true;
      return;
    case 'categorical': {
      if (isAbsent(value)) return;
      const key = String(value);
      values.counts.set(key, (values.counts.get(key) ?? 0) + 1);
      return;
    }
    case 'text':
      values.documents.push(value);
      return;
    case 'empty':
      return;
  }
}

function fitFeature(values: FeatureValues, text: TextSettings | undefined): FeatureEncoding | null {
  switch (values.kind) {
    case 'numeric': {
      const { column, numbers, indicator } = values;
      const shape = fitNumericShape(numbers);
      const shaped = numbers.map((n) => shapeValue(n, shape));
      return { kind: 'numeric', ...moments(column, shaped, indicator), ...shape };
    }
    case 'date': {
      const { column, numbers, indicator } = values;
      return {
        kind: 'date',
        ...moments(column, numbers, indicator),
        timeOfDay: hasTimeOfDay(numbers),
      };
    }
    case 'boolean':
      return { kind: 'boolean', column: values.column, indicator: values.indicator };
    case 'categorical':
      return {
        kind: 'categorical',
        column: values.column,
        vocabulary: topValues(values.counts, MAX_VOCABULARY),
      };
    case 'text':
      return fitTextEncoding(values.column, values.documents, text);
    case 'empty':
      return null;
  }
}

function moments(column: string, numbers: number[], indicator: boolean) {
  const { mean, std } = meanAndStd(numbers, column);
  return { column, mean, std: std || 1, indicator };
}

function topValues(counts: ReadonlyMap<string, number>, limit: number): string[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .slice(0, limit)
    .map(([value]) => value);
}

/** How many numbers one feature encodes to. */
export function featureWidth(encoding: FeatureEncoding): number {
  switch (encoding.kind) {
    case 'numeric':
      return (encoding.indicator ? 2 : 1) + (encoding.edge === undefined ? 0 : 1);
    case 'boolean':
      return encoding.indicator ? 2 : 1;
    case 'date':
      return (encoding.indicator ? 2 : 1) + calendarWidth(encoding.timeOfDay);
    case 'categorical':
      // One slot per known value, one for unknown values, one for missing.
      return encoding.vocabulary.length + 2;
    case 'text':
      return encoding.idf.length;
  }
}

/** Refuses a spec of another format version, as a bundle trained by an older mlops-actions has. */
export function checkPreprocessingVersion(spec: { version: unknown }): void {
  if (spec.version === PREPROCESSING_VERSION) return;
  throw new DataError(
    `the model's preprocessing.json is version ${JSON.stringify(spec.version)}, and this mlops-actions ` +
      `applies version ${PREPROCESSING_VERSION} (text as a learned TF-IDF vocabulary, dates with ` +
      'calendar features); train the model again with `mlops train`.',
  );
}

/** Encodes the given rows into a row-major matrix of `rows.length × spec.width` floats. */
export function transformFeatures(
  spec: PreprocessingSpec,
  table: RawTable,
  rows: number[],
): Float32Array {
  const out = new Float32Array(rows.length * spec.width);
  const write = rowEncoder(spec, table.columns);
  for (let r = 0; r < rows.length; r++)
    write(table.rows[rows[r] as number] ?? [], out, r * spec.width);
  return out;
}

/**
 * A function writing the features of a row whose cells follow `columns` into `out` from `at`,
 * whose `spec.width` slots must be zero (a new or cleared array).
 */
export function rowEncoder(
  spec: PreprocessingSpec,
  columns: readonly string[],
): (cells: readonly RawValue[], out: Float32Array, at: number) => void {
  checkPreprocessingVersion(spec);
  const columnIndex = spec.features.map((f) => columns.indexOf(f.column));
  const widths = spec.features.map(featureWidth);
  return (cells, out, at) => {
    let offset = at;
    for (let f = 0; f < spec.features.length; f++) {
      const index = columnIndex[f] as number;
      const value = index < 0 ? null : (cells[index] ?? null);
      writeFeature(spec.features[f] as FeatureEncoding, value, out, offset);
      offset += widths[f] as number;
    }
  };
}

function writeFeature(
  encoding: FeatureEncoding,
  value: RawValue,
  out: Float32Array,
  at: number,
): void {
  const missing = isAbsent(value);
  switch (encoding.kind) {
    case 'numeric':
    case 'date': {
      const parsed = missing ? null : (encoding.kind === 'date' ? parseDate : parseNumber)(value);
      const usable = parsed !== null && Number.isFinite(parsed);
      const shaped = usable && encoding.kind === 'numeric' ? shapeValue(parsed, encoding) : parsed;
      // Missing and unparseable values are imputed with the mean, i.e. 0 after standardising.
      out[at] = usable ? standardize(shaped as number, encoding) : 0;
      if (encoding.indicator) out[at + 1] = usable ? 0 : 1;
      const next = at + (encoding.indicator ? 2 : 1);
      if (encoding.kind === 'date') {
        if (usable) writeCalendar(parsed, encoding.timeOfDay, out, next);
      } else if (encoding.edge !== undefined) {
        out[next] = usable && parsed === encoding.edge ? 1 : 0;
      }
      return;
    }
    case 'boolean':
      out[at] = parseBoolean(value) ? 1 : 0;
      if (encoding.indicator) out[at + 1] = missing ? 1 : 0;
      return;
    case 'categorical': {
      const slot = missing
        ? encoding.vocabulary.length + 1
        : encoding.vocabulary.indexOf(String(value));
      out[at + (slot < 0 ? encoding.vocabulary.length : slot)] = 1;
      return;
    }
    case 'text':
      writeTextFeature(encoding, value, out, at);
      return;
  }
}
