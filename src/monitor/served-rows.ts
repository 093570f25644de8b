/**
 * Logged inputs as rows for the statistics accumulators: each value read the way the training
 * file's cells were (the bundle's missing-value tokens and decimal mark), so a client's "NA" is
 * missing here as it was in training, not a new category that looks like drift.
 */
import { decimalCommaToPoint } from '../data/kinds.js';
import { missingMatcher } from '../data/missing.js';
import type { RawValue } from '../data/types.js';
import type { InputReading } from '../model/preprocess.js';

/** Turns logged `inputs` into a row of `columns`, each value read as a training cell. */
export type RowReader = (inputs: Readonly<Record<string, unknown>>) => RawValue[];

/** A row reader for `columns` under the bundle's `reading`. */
export function servedRowReader(columns: readonly string[], reading: InputReading): RowReader {
  const isMissing = missingMatcher(reading.naValues);
  const cell = (value: unknown): RawValue => {
    if (typeof value === 'number' || typeof value === 'boolean') {
      return isMissing(String(value)) ? null : value;
    }
    if (typeof value !== 'string' || isMissing(value)) return null;
    return reading.decimal === ',' ? (decimalCommaToPoint(value) ?? value) : value;
  };
  // Own keys only: an input without a `toString` column must not read Object.prototype's.
  return (inputs) =>
    columns.map((column) => cell(Object.hasOwn(inputs, column) ? inputs[column] : null));
}
