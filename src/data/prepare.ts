/** From a raw table to what training needs: labelled rows, feature kinds and a seeded split. */
import { DataError } from '../errors.js';
import { excerpt } from './bounds.js';
import { TableAccumulator, type ColumnAccumulator, type TableBatch } from './column-accumulator.js';
import { parseNumber } from './kinds.js';
import { isAbsent } from './missing.js';
import { contentHash, keyHash, splitRows } from './split.js';
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

/** What preparing the data found, without the rows: enough to read them again, split by split. */
export interface Preparation {
  /** The file's columns, in order. */
  columns: string[];
  label: string;
  /** The labelled rows' labels, in row order. */
  labels: LabelColumn;
  /** Rows dropped for a missing label, and the first few of their lines. */
  unlabeled: { count: number; lines: number[] };
  features: { column: string; kind: ValueKind }[];
  /** Indices among the labelled rows (unlabelled rows are not counted). */
  split: SplitIndices;
  /** Things the user should know but that do not stop the run. */
  warnings: string[];
}

export interface PreparedData extends Preparation {
  /** The input table without the rows that have no label. */
  table: RawTable;
}

/**
 * Checks the label and slice columns exist, drops unlabelled rows, picks feature kinds and splits
 * the rows: by key when data.split.key is set, else stratified by a label with few values. The
 * same code as for a file read in batches (PreparationScan), given the table as one batch.
 */
export function prepareData(table: RawTable, options: PrepareOptions): PreparedData {
  const scan = new PreparationScan(options);
  scan.add(table);
  if (scan.needsSecondPass()) scan.forSecondPass().add(table);
  const prepared = scan.finish(table.source);
  const labelIndex = table.columns.indexOf(options.label);
  const kept = table.rows.flatMap((row, i) => (isAbsent(row[labelIndex] ?? null) ? [] : [i]));
  const labelled: RawTable = {
    ...table,
    rows: kept.map((i) => table.rows[i] as RawTable['rows'][number]),
    lines: kept.map((i) => table.lines[i] ?? 0),
  };
  return { ...prepared, table: labelled };
}

/**
 * Exact values a column keeps in the pass that decides kinds: none past the first batch's start,
 * since a kind needs no quantiles (past the budget a column keeps a small sketch instead).
 */
const KIND_EXACT_NUMBERS = 0;
/** Lines of unlabelled rows kept for the log and validation.json. */
const UNLABELED_LINES = 10;

/**
 * Data preparation over a file read in record batches, holding a few bytes a row rather than the
 * rows: each labelled row's label (see LabelColumn) and its split hash (of its key, or of its
 * content), and the labelled rows' statistics that decide feature kinds and identifiers (a
 * TableAccumulator, as validation uses). A JSON Lines file whose columns grow must be fed again
 * with all its columns from the start (the caller's job, as for validation's scan).
 */
export class PreparationScan {
  columns: string[] = [];
  /** Rows added, labelled or not. */
  rows = 0;
  readonly labels = new LabelColumn();
  private readonly kinds: TableAccumulator;
  private second: TableAccumulator | undefined;
  private hashes = new Uint32Array(1024);
  private unlabeledCount = 0;
  private readonly unlabeledLines: number[] = [];

  constructor(private readonly options: PrepareOptions) {
    const schemaKinds = Object.fromEntries(
      options.schema?.features.map((f) => [f.name, f.kind]) ?? [],
    );
    this.kinds = new TableAccumulator(schemaKinds, { exactNumbers: KIND_EXACT_NUMBERS });
  }

  add(batch: TableBatch): void {
    if (this.columns.length === 0) this.columns = [...batch.columns];
    this.rows += batch.rows.length;
    const { label, split } = this.options;
    const labelAt = batch.columns.indexOf(label);
    const keyAt = split.key === undefined ? -1 : batch.columns.indexOf(split.key);
    const width = this.columns.length;
    const rows: RawValue[][] = [];
    const lines: number[] = [];
    batch.rows.forEach((row, i) => {
      const line = batch.lines[i] ?? 0;
      const value = labelAt < 0 ? null : (row[labelAt] ?? null);
      if (isAbsent(value)) {
        this.unlabeledCount++;
        if (this.unlabeledLines.length < UNLABELED_LINES) this.unlabeledLines.push(line);
        return;
      }
      const index = this.labels.count;
      this.labels.add(value, label);
      if (index === this.hashes.length) this.hashes = grown(this.hashes);
      if (split.key === undefined) {
        // By content, so adding rows leaves earlier test rows in test (see SplitOptions.fingerprints).
        this.hashes[index] = contentHash(paddedFingerprint(row, width), split.seed);
      } else {
        const key = keyAt < 0 ? null : (row[keyAt] ?? null);
        this.hashes[index] = keyHash(isAbsent(key) ? null : String(key), index, split.seed);
      }
      rows.push(row);
      lines.push(line);
    });
    this.kinds.add({ columns: batch.columns, rows, lines });
  }

  /** Whether kinds need the labelled rows again, for a column whose strings were not all tallied. */
  needsSecondPass(): boolean {
    return this.kinds.needsSecondPass().length > 0;
  }

  /** Takes the batches of a second pass over the same rows (see needsSecondPass). */
  forSecondPass(): { add(batch: TableBatch): void } {
    const second = this.kinds.forSecondPass();
    this.second = second;
    const { label } = this.options;
    return {
      add: (batch) => {
        const at = batch.columns.indexOf(label);
        const kept = batch.rows.flatMap((row, i) => (isAbsent(row[at] ?? null) ? [] : [i]));
        second.add({
          columns: this.columns,
          rows: kept.map((i) => batch.rows[i] as RawValue[]),
          lines: kept.map((i) => batch.lines[i] ?? 0),
        });
      },
    };
  }

  /** The preparation of the rows added; `source` names the file in errors. */
  finish(source: string): Preparation {
    const { options } = this;
    const table: RawTable = { source, columns: this.columns, rows: [], lines: [] };
    requireColumn(table, options.label, 'data.label');
    for (const column of options.slices ?? []) requireColumn(table, column, 'data.slices');
    const count = this.labels.count;
    if (count === 0) {
      throw new DataError(`${source}: every row is missing the label "${options.label}".`);
    }
    const warnings = options.ignore
      .filter((column) => !table.columns.includes(column))
      .map((column) => `data.ignore: column "${column}" is not in ${source}`);
    // A split key names the entity a row is about: an identifier, never a feature.
    const skip = new Set([
      options.label,
      ...options.ignore,
      ...(options.split.key ? [options.split.key] : []),
    ]);
    const facts = (name: string) => this.kinds.finishedColumn(name, this.second);
    const features = options.features
      ? chosenFeatures(table, options.features, skip, facts)
      : inferredFeatures(table, skip, facts, warnings);
    if (options.split.key) requireColumn(table, options.split.key, 'data.split.key');
    const hashes = this.hashes.subarray(0, count);
    const stratify = this.labels.strata(MAX_STRATA);
    const split = splitRows(count, {
      test: options.split.test,
      validation: options.split.validation,
      seed: options.split.seed,
      ...(options.split.key
        ? { keyHashes: hashes }
        : { fingerprintHashes: hashes, ...(stratify ? { stratify } : {}) }),
    });
    if (split.train.length === 0) {
      throw new DataError(
        `${source}: too few labelled rows (${count}) to train on after the split.`,
      );
    }
    return {
      columns: this.columns,
      label: options.label,
      labels: this.labels,
      unlabeled: { count: this.unlabeledCount, lines: this.unlabeledLines },
      features,
      split,
      warnings,
    };
  }
}

/** A copy of `array` twice as long. */
function grown<T extends Uint32Array | Int32Array | Float64Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Most distinct labels coded by value: more than a classifier may have (MAX_MULTICLASS_CLASSES in
 * model/task.ts), so every label a classifier learns is coded; past it a label is a quantity.
 */
export const LABEL_CODES = 1001;

/**
 * The labelled rows' labels in row order, a few bytes each: a code per row into the distinct
 * labels (as text) while there are at most LABEL_CODES of them, and always the label read as a
 * number (NaN when it is none), for a quantity.
 */
export class LabelColumn {
  count = 0;
  /** The distinct labels as text, in first-seen order: all of them while `coded`. */
  private readonly names: string[] = [];
  private coded = true;
  private readonly codeOf = new Map<string, number>();
  private codes = new Int32Array(1024);
  private numbers = new Float64Array(1024);

  /** Adds the next row's label; `label` (the column) names it in errors. */
  add(value: RawValue, label: string): void {
    const index = this.count++;
    if (index === this.numbers.length) {
      this.numbers = grown(this.numbers);
      if (this.coded) this.codes = grown(this.codes);
    }
    const number = parseNumber(value);
    this.numbers[index] = number ?? NaN;
    if (!this.coded) {
      if (number === null) throw tooManyLabels(label, value);
      return;
    }
    const text = String(value);
    let code = this.codeOf.get(text);
    if (code === undefined) {
      code = this.names.length;
      this.names.push(text);
      this.codeOf.set(text, code);
      if (code === LABEL_CODES) {
        // Past any classifier's classes: a quantity, whose labels must all be numbers.
        const word = this.names.find((name) => parseNumber(name) === null);
        if (word !== undefined) throw tooManyLabels(label, word);
        this.coded = false;
        this.codeOf.clear();
        return;
      }
    }
    this.codes[index] = code;
  }

  /**
   * The distinct labels as text: all of them, or (past LABEL_CODES) the first LABEL_CODES + 1,
   * every one a number; what inferTask needs to tell the task.
   */
  distinct(): string[] {
    return this.names;
  }

  /** The labels of rows `indices` (every row when absent), as fitLabelEncoding takes them. */
  values(indices?: readonly number[]): RawValue[] {
    const { names, codes, numbers, coded } = this;
    const at = (i: number): RawValue =>
      coded ? (names[codes[i] as number] as string) : (numbers[i] as number);
    return indices ? indices.map(at) : Array.from({ length: this.count }, (_, i) => at(i));
  }

  /** Each row's label as text, to stratify by, when there are at most `limit` distinct ones. */
  strata(limit: number): string[] | undefined {
    if (!this.coded || this.names.length > limit) return undefined;
    return this.values() as string[];
  }
}

function tooManyLabels(label: string, value: RawValue): DataError {
  return new DataError(
    `label "${label}" has more than ${(LABEL_CODES - 1).toLocaleString('en-US')} distinct values, ` +
      `and ${JSON.stringify(excerpt(String(value)))} is not a number: too many classes for a ` +
      'classifier, and not a quantity to regress. Choose another label.',
  );
}

/** A column's statistics over the labelled rows: its kind and whether it looks like an identifier. */
type ColumnFacts = (name: string) => ColumnAccumulator | undefined;

/**
 * Every column not skipped, of the schema's kind or its inferred one, but identifiers, each left
 * out with a warning.
 */
function inferredFeatures(
  table: RawTable,
  skip: ReadonlySet<string>,
  facts: ColumnFacts,
  warnings: string[],
): { column: string; kind: ValueKind }[] {
  return table.columns
    .filter((column) => !skip.has(column))
    .filter((column) => {
      if (!facts(column)?.looksLikeIdentifier()) return true;
      warnings.push(identifierWarning(column));
      return false;
    })
    .map((column) => ({ column, kind: facts(column)?.inferredKind() ?? 'empty' }));
}

/**
 * data.features: each listed column, which must exist and be neither the label nor skipped, with
 * its kind: the one set, text when text settings are given, the schema's, or inferred.
 */
function chosenFeatures(
  table: RawTable,
  chosen: readonly FeatureChoice[],
  skip: ReadonlySet<string>,
  facts: ColumnFacts,
): { column: string; kind: ValueKind }[] {
  return chosen.map(({ column, kind, text }, i) => {
    requireColumn(table, column, `data.features[${i}]`);
    if (skip.has(column)) {
      throw new DataError(
        `data.features[${i}]: column "${column}" is the label, the split key or in data.ignore, so it cannot be a feature; remove it from one of them.`,
      );
    }
    const given = kind ?? (text ? 'text' : undefined);
    return { column, kind: given ?? facts(column)?.inferredKind() ?? 'empty' };
  });
}

/** What validation and training say of a column left out as an identifier. */
export function identifierWarning(column: string): string {
  return (
    `column "${column}" looks like an identifier (every value differs and has the form of an id), ` +
    'so it is not used as a feature; list it in data.ignore to say so, or in data.features to use it'
  );
}

/** A row's content as one string; a separator no CSV field contains keeps cells apart. */
export function rowFingerprint(row: RawValue[]): string {
  return paddedFingerprint(row, row.length);
}

/**
 * rowFingerprint of a row padded to `width` with missing cells, as a table pads a JSON Lines row
 * read before later columns were seen.
 */
function paddedFingerprint(row: RawValue[], width: number): string {
  let text = '';
  for (let i = 0; i < width; i++) {
    const cell = row[i] ?? null;
    text += (i === 0 ? '' : '\u0001') + (cell === null ? '\u0000' : String(cell));
  }
  return text;
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
