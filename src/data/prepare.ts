/** From a raw table to what training needs: labelled rows, feature kinds and a seeded split. */
import { DataError } from '../errors.js';
import { hasIdentifierShape, IDENTIFIER_SAMPLE, inferKind, parseNumber } from './kinds.js';
import { isAbsent } from './missing.js';
import { splitRows, type SplitOptions } from './split.js';
import type { RawTable, RawValue, Schema, SplitIndices, ValueKind } from './types.js';

/**
 * Labels with at most this many distinct values are split stratified, so a rare class keeps its
 * share of every split instead of landing wholly in test; the same bound as classification's.
 */
const MAX_STRATA = 50;

export interface PrepareOptions {
  label: string;
  ignore: string[];
  split: { test: number; validation: number; seed: number; key?: string };
  /** data.slices: checked here so a misspelt column fails before training rather than after. */
  slices?: string[];
  /** The committed schema, whose kinds win over inference so training matches validation. */
  schema?: Schema | null;
  /**
   * data.features: when given, only these columns are features, in this order, each of its own
   * kind when one is set (else the schema's, else inferred), and none is dropped as an identifier.
   */
  features?: readonly FeatureChoice[];
}

/** One entry of data.features: a column, and the kind to read it as (text settings imply text). */
export interface FeatureChoice {
  column: string;
  kind?: Exclude<ValueKind, 'empty'>;
  text?: object;
}

export interface PreparedData {
  /** The input table without the rows that have no label. */
  table: RawTable;
  label: string;
  /** Rows dropped for a missing label, and the first few of their lines. */
  unlabeled: { count: number; lines: number[] };
  features: { column: string; kind: ValueKind }[];
  split: SplitIndices;
  /** Things the user should know but that do not stop the run. */
  warnings: string[];
}

/**
 * Checks the label and slice columns exist, drops unlabelled rows, picks feature kinds and splits
 * the rows: by key when data.split.key is set, else stratified by a label with few values.
 */
export function prepareData(table: RawTable, options: PrepareOptions): PreparedData {
  const labelIndex = requireColumn(table, options.label, 'data.label');
  for (const column of options.slices ?? []) requireColumn(table, column, 'data.slices');
  const kept: number[] = [];
  const unlabeledLines: number[] = [];
  table.rows.forEach((row, i) => {
    if (isAbsent(row[labelIndex])) unlabeledLines.push(table.lines[i] ?? 0);
    else kept.push(i);
  });
  if (kept.length === 0) {
    throw new DataError(`${table.source}: every row is missing the label "${options.label}".`);
  }
  const labelled: RawTable = {
    ...table,
    rows: kept.map((i) => table.rows[i] as RawTable['rows'][number]),
    lines: kept.map((i) => table.lines[i] ?? 0),
  };
  const warnings = options.ignore
    .filter((column) => !table.columns.includes(column))
    .map((column) => `data.ignore: column "${column}" is not in ${table.source}`);
  // A split key names the entity a row is about: an identifier, never a feature.
  const skip = new Set([
    options.label,
    ...options.ignore,
    ...(options.split.key ? [options.split.key] : []),
  ]);
  const schemaKinds = new Map(options.schema?.features.map((f) => [f.name, f.kind]));
  const features = options.features
    ? chosenFeatures(labelled, options.features, skip, schemaKinds)
    : inferredFeatures(labelled, skip, schemaKinds, warnings);
  const keyIndex = options.split.key
    ? requireColumn(labelled, options.split.key, 'data.split.key')
    : -1;
  const split = splitRows(labelled.rows.length, {
    test: options.split.test,
    validation: options.split.validation,
    seed: options.split.seed,
    ...splitGroups(labelled, keyIndex, labelIndex),
    // By content, so adding rows leaves earlier test rows in test (see SplitOptions.fingerprints).
    ...(keyIndex < 0 ? { fingerprints: labelled.rows.map(rowFingerprint) } : {}),
  });
  if (split.train.length === 0) {
    throw new DataError(
      `${table.source}: too few labelled rows (${kept.length}) to train on after the split.`,
    );
  }
  return {
    table: labelled,
    label: options.label,
    unlabeled: { count: unlabeledLines.length, lines: unlabeledLines.slice(0, 10) },
    features,
    split,
    warnings,
  };
}

/**
 * Every column not skipped, of the schema's kind or its inferred one, but identifiers, each left
 * out with a warning.
 */
function inferredFeatures(
  table: RawTable,
  skip: ReadonlySet<string>,
  schemaKinds: ReadonlyMap<string, ValueKind>,
  warnings: string[],
): { column: string; kind: ValueKind }[] {
  return table.columns
    .map((column, index) => ({ column, values: table.rows.map((row) => row[index] ?? null) }))
    .filter(({ column }) => !skip.has(column))
    .map(({ column, values }) => ({
      column,
      values,
      kind: schemaKinds.get(column) ?? inferKind(values),
    }))
    .filter(({ column, values, kind }) => {
      if (!looksLikeIdentifier(values, kind)) return true;
      warnings.push(identifierWarning(column));
      return false;
    })
    .map(({ column, kind }) => ({ column, kind }));
}

/**
 * data.features: each listed column, which must exist and be neither the label nor skipped, with
 * its kind: the one set, text when text settings are given, the schema's, or inferred.
 */
function chosenFeatures(
  table: RawTable,
  chosen: readonly FeatureChoice[],
  skip: ReadonlySet<string>,
  schemaKinds: ReadonlyMap<string, ValueKind>,
): { column: string; kind: ValueKind }[] {
  return chosen.map(({ column, kind, text }, i) => {
    const index = requireColumn(table, column, `data.features[${i}]`);
    if (skip.has(column)) {
      throw new DataError(
        `data.features[${i}]: column "${column}" is the label, the split key or in data.ignore, so it cannot be a feature; remove it from one of them.`,
      );
    }
    const given = kind ?? (text ? 'text' : undefined);
    return {
      column,
      kind:
        given ?? schemaKinds.get(column) ?? inferKind(table.rows.map((row) => row[index] ?? null)),
    };
  });
}

/** What validation and training say of a column left out as an identifier. */
export function identifierWarning(column: string): string {
  return (
    `column "${column}" looks like an identifier (every value differs and has the form of an id), ` +
    'so it is not used as a feature; list it in data.ignore to say so, or in data.features to use it'
  );
}

/** Fewer rows than this cannot tell an identifier from a column that merely has no repeats yet. */
const MIN_ROWS_FOR_IDENTIFIER = 20;

/**
 * An identifier column teaches a model nothing that generalises, and leaks the label when rows are
 * ordered by it: single words that never repeat and have the form of ids (`C1042`, UUIDs, digests:
 * see hasIdentifierShape), or whole numbers that rise row by row (`1, 2, 3…`). Unique words of
 * another form (first names, product codes) are short text, encoded by their character n-grams.
 */
function looksLikeIdentifier(values: RawValue[], kind: ValueKind): boolean {
  const present = values.filter((value) => !isAbsent(value));
  const strings = present.map(String);
  if (present.length < MIN_ROWS_FOR_IDENTIFIER || new Set(strings).size < present.length) {
    return false;
  }
  if (kind === 'text') {
    if (strings.some((value) => /\s/.test(value))) return false;
    return hasIdentifierShape(strings.slice(0, IDENTIFIER_SAMPLE));
  }
  if (kind !== 'numeric') return false;
  const numbers = present.map(parseNumber);
  return numbers.every(
    (n, i) => n !== null && Number.isInteger(n) && (i === 0 || n > (numbers[i - 1] as number)),
  );
}

/** A row's content as one string; a separator no CSV field contains keeps cells apart. */
export function rowFingerprint(row: RawValue[]): string {
  return row.map((cell) => (cell === null ? '\u0000' : String(cell))).join('\u0001');
}

/** Keys when there is a key column (index ≥ 0), else the labels to stratify by, when few. */
function splitGroups(
  table: RawTable,
  keyIndex: number,
  labelIndex: number,
): Pick<SplitOptions, 'keys' | 'stratify'> {
  const column = (index: number) =>
    table.rows.map((row) => (isAbsent(row[index]) ? null : String(row[index])));
  if (keyIndex >= 0) return { keys: column(keyIndex) };
  const labels = column(labelIndex);
  return new Set(labels).size <= MAX_STRATA ? { stratify: labels } : {};
}

/** The index of `column`, or a DataError naming the config field and the columns there are. */
export function requireColumn(table: RawTable, column: string, field: string): number {
  const index = table.columns.indexOf(column);
  if (index >= 0) return index;
  const near = table.columns.find((c) => c.trim().toLowerCase() === column.trim().toLowerCase());
  throw new DataError(
    `${field}: column "${column}" is not in ${table.source}` +
      (near ? ` (did you mean "${near}"?)` : '') +
      `. Its columns are: ${table.columns.map((c) => JSON.stringify(c)).join(', ')}.`,
  );
}
