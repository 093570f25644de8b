/**
 * Raw rows (served instances, logged inputs) read the way the training file's cells were: the
 * bundle's missing-value tokens and decimal mark. No TensorFlow.js here, so `mlops monitor` reads
 * logged inputs with the same rules without loading it.
 */
import { decimalCommaToPoint } from '../data/kinds.js';
import { missingMatcher } from '../data/missing.js';
import type { RawTable, RawValue } from '../data/types.js';
import type { InputReading, PreprocessingSpec } from './preprocess.js';

/** Turns one raw row into the cells of the reader's columns, in order. */
export type RawRowReader = (row: Readonly<Record<string, unknown>>) => RawValue[];

/** Reads one raw value as a training cell. */
export type CellReader = (value: unknown) => RawValue;

/** A reader of `columns` from raw rows, each value read as a training cell under `reading`. */
export function rawRowReader(columns: readonly string[], reading: InputReading): RawRowReader {
  const read = cellReader(reading);
  // Own keys only: a row without a `toString` column must not read Object.prototype's.
  return (row) => columns.map((column) => read(Object.hasOwn(row, column) ? row[column] : null));
}

/** The columns the spec's features read, each once, in the order of the features. */
export function featureColumns(spec: PreprocessingSpec): string[] {
  return [...new Set(spec.features.map((feature) => feature.column))];
}

/** Raw rows as a table of the spec's feature columns, each cell read as the training file's were. */
export function rawRowsTable(
  spec: PreprocessingSpec,
  rows: readonly Readonly<Record<string, unknown>>[],
): RawTable {
  const columns = featureColumns(spec);
  const readRow = rawRowReader(columns, spec.input);
  return {
    source: 'raw rows',
    columns,
    rows: rows.map(readRow),
    lines: rows.map((_, i) => i + 1),
  };
}

/** A raw value as readTable reads a cell: missing tokens become null, a decimal comma a point. */
export function cellReader({ naValues, decimal }: InputReading): CellReader {
  const isMissing = missingMatcher(naValues);
  // A number or boolean is missing when a token spells it (`-999`, `false`): the few such values
  // are found once here, so the hot path does not turn every number into text.
  const candidates = [...naValues.map(Number), NaN, Infinity, -Infinity, true, false];
  const spelled = new Set<unknown>(candidates.filter((value) => isMissing(String(value))));
  return (value) => {
    if (typeof value === 'number' || typeof value === 'boolean') {
      return spelled.has(value) ? null : value;
    }
    if (typeof value === 'string') {
      if (isMissing(value)) return null;
      return decimal === ',' ? (decimalCommaToPoint(value) ?? value) : value;
    }
    return value === null || value === undefined ? null : JSON.stringify(value);
  };
}
