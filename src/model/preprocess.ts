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
  const encodings = features.flatMap(({ column, kind }) => {
    const index = table.columns.indexOf(column);
    const values = trainRows.map((row) => table.rows[row]?.[index] ?? null);
    const encoding = fitFeature(column, kind, values, options.text.get(column));
    return encoding ? [encoding] : [];
  });
  return {
    version: PREPROCESSING_VERSION,
    input: options.input,
    label,
    features: encodings,
    width: encodings.reduce((w, e) => w + featureWidth(e), 0),
  };
}

function fitFeature(
  column: string,
  kind: ValueKind,
  values: RawValue[],
  text: TextSettings | undefined,
): FeatureEncoding | null {
  const indicator = values.some(isAbsent);
  switch (kind) {
    case 'numeric':
    case 'date': {
      const parse = kind === 'date' ? parseDate : parseNumber;
      const numbers = values
        .map(parse)
        .filter((n): n is number => n !== null && Number.isFinite(n));
      if (kind === 'date') {
        return { kind, ...moments(column, numbers, indicator), timeOfDay: hasTimeOfDay(numbers) };
      }
      const shape = fitNumericShape(numbers);
      const shaped = numbers.map((n) => shapeValue(n, shape));
      return { kind, ...moments(column, shaped, indicator), ...shape };
    }
    case 'boolean':
      return { kind, column, indicator };
    case 'categorical':
      return { kind, column, vocabulary: topValues(values, MAX_VOCABULARY) };
    case 'text':
      return fitTextEncoding(column, values, text);
    case 'empty':
      return null;
  }
}

function moments(column: string, numbers: number[], indicator: boolean) {
  const { mean, std } = meanAndStd(numbers, column);
  return { column, mean, std: std || 1, indicator };
}

function topValues(values: RawValue[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const value of values) {
    if (isAbsent(value)) continue;
    const key = String(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
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
  checkPreprocessingVersion(spec);
  const out = new Float32Array(rows.length * spec.width);
  const columnIndex = spec.features.map((f) => table.columns.indexOf(f.column));
  const widths = spec.features.map(featureWidth);
  for (let r = 0; r < rows.length; r++) {
    const cells = table.rows[rows[r] as number];
    let offset = r * spec.width;
    for (let f = 0; f < spec.features.length; f++) {
      const index = columnIndex[f] as number;
      const value = index < 0 ? null : (cells?.[index] ?? null);
      writeFeature(spec.features[f] as FeatureEncoding, value, out, offset);
      offset += widths[f] as number;
    }
  }
  return out;
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
