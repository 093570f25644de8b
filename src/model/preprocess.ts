/**
 * The preprocessing spec: learned on the training rows only, saved with the model, and applied
 * the same way at training, evaluation and serving time.
 */
import { isAbsent } from '../data/missing.js';
import { parseBoolean, parseDate, parseNumber } from '../data/kinds.js';
import type { RawTable, RawValue, ValueKind } from '../data/types.js';
import { meanAndStd, standardize } from '../util/moments.js';
import { hashString } from '../util/random.js';
import { compareText } from '../util/text.js';
import type { LabelEncoding } from './task.js';

/** Most categories kept per column; rarer ones share the out-of-vocabulary slot. */
const MAX_VOCABULARY = 50;
/** Hash buckets for the words of a free-text column. */
const TEXT_BUCKETS = 16;

export type FeatureEncoding =
  | { kind: 'numeric' | 'date'; column: string; mean: number; std: number; indicator: boolean }
  | { kind: 'boolean'; column: string; indicator: boolean }
  | { kind: 'categorical'; column: string; vocabulary: string[] }
  | { kind: 'text'; column: string; buckets: number };

export interface PreprocessingSpec {
  version: 1;
  label: { column: string } & LabelEncoding;
  features: FeatureEncoding[];
  /** Width of the encoded feature vector. */
  width: number;
}

/** Learns how to encode each feature column from the training rows. */
export function fitPreprocessing(
  table: RawTable,
  trainRows: number[],
  features: { column: string; kind: ValueKind }[],
  label: { column: string } & LabelEncoding,
): PreprocessingSpec {
  const encodings = features.flatMap(({ column, kind }) => {
    const index = table.columns.indexOf(column);
    const values = trainRows.map((row) => table.rows[row]?.[index] ?? null);
    const encoding = fitFeature(column, kind, values);
    return encoding ? [encoding] : [];
  });
  return {
    version: 1,
    label,
    features: encodings,
    width: encodings.reduce((w, e) => w + encodedWidth(e), 0),
  };
}

function fitFeature(column: string, kind: ValueKind, values: RawValue[]): FeatureEncoding | null {
  const indicator = values.some(isAbsent);
  switch (kind) {
    case 'numeric':
    case 'date': {
      const parse = kind === 'date' ? parseDate : parseNumber;
      const numbers = values
        .map(parse)
        .filter((n): n is number => n !== null && Number.isFinite(n));
      const { mean, std } = meanAndStd(numbers, column);
      return { kind, column, mean, std: std || 1, indicator };
    }
    case 'boolean':
      return { kind, column, indicator };
    case 'categorical':
      return { kind, column, vocabulary: topValues(values, MAX_VOCABULARY) };
    case 'text':
      return { kind, column, buckets: TEXT_BUCKETS };
    case 'empty':
      return null;
  }
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
function encodedWidth(encoding: FeatureEncoding): number {
  switch (encoding.kind) {
    case 'numeric':
    case 'date':
    case 'boolean':
      return encoding.indicator ? 2 : 1;
    case 'categorical':
      // One slot per known value, one for unknown values, one for missing.
      return encoding.vocabulary.length + 2;
    case 'text':
      return encoding.buckets;
  }
}

/** Encodes the given rows into a row-major matrix of `rows.length × spec.width` floats. */
export function transformFeatures(
  spec: PreprocessingSpec,
  table: RawTable,
  rows: number[],
): Float32Array {
  const out = new Float32Array(rows.length * spec.width);
  const columnIndex = spec.features.map((f) => table.columns.indexOf(f.column));
  rows.forEach((row, r) => {
    let offset = r * spec.width;
    spec.features.forEach((encoding, f) => {
      const index = columnIndex[f] as number;
      const value = index < 0 ? null : (table.rows[row]?.[index] ?? null);
      writeFeature(encoding, value, out, offset);
      offset += encodedWidth(encoding);
    });
  });
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
      // Missing and unparseable values are imputed with the mean, i.e. 0 after standardising.
      out[at] = usable ? standardize(parsed, encoding) : 0;
      if (encoding.indicator) out[at + 1] = usable ? 0 : 1;
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
    case 'text': {
      if (missing) return;
      const words =
        String(value)
          .toLowerCase()
          .match(/[\p{L}\p{N}]+/gu) ?? [];
      for (const word of words) {
        const slot = at + (hashString(word) % encoding.buckets);
        out[slot] = (out[slot] ?? 0) + 1 / words.length;
      }
      return;
    }
  }
}
