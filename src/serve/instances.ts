/**
 * Checking the instances of a predict request against the model that will score them, and reading
 * their feature cells in the same pass: the body's shape, each value's JSON type, each feature's
 * kind (a number for a numeric feature, a date for a date one) and the schema's required features.
 * A bad instance is refused with the index and the field, before anything is scored; the body is
 * hostile, so nothing here trusts its shape. The rules are compiled once per loaded version, so a
 * request pays for one walk over its fields and one read of each feature cell.
 */
import { parseBoolean, parseDate, parseNumber } from '../data/kinds.js';
import type { RawTable, RawValue, Schema } from '../data/types.js';
import { cellReader, featureColumns, type CellReader } from '../model/raw-rows.js';
import type { FeatureEncoding, PreprocessingSpec } from '../model/preprocess.js';
import { InvalidRequest } from './errors.js';

/** One raw instance as a client sent it, checked: own keys only, JSON scalars only. */
export type Instance = Record<string, RawValue>;

/** What a model accepts, derived once per loaded version. */
export interface InstanceRules {
  spec: PreprocessingSpec;
  /** Feature columns a request must give a value for (the schema's min presence is 1). */
  required: ReadonlySet<string>;
  /** Columns a request may send: the features, the label, and any column of the schema. */
  known: ReadonlySet<string>;
  /** The feature columns in the order scoring reads them, each with its check. */
  columns: readonly ColumnRule[];
  /** Reads a value as the training file's cells were read (missing tokens, decimal mark). */
  readCell: CellReader;
}

/** One feature column: whether it must have a value, and what is wrong with a cell for its kind. */
interface ColumnRule {
  name: string;
  required: boolean;
  problem: (cell: RawValue) => string | null;
}

export interface CheckOptions {
  /** Most instances accepted in one request. */
  maxInstances: number;
  /** `reject` (a request): a field the model does not know is a typo; `ignore` (a file's columns). */
  unknownFields: 'reject' | 'ignore';
}

/** Instances checked, with their feature cells read once for scoring. */
export interface ReadInstances {
  /** The instances as checked: what the prediction log keeps. */
  instances: Instance[];
  /** Their feature cells, read as the training file's were: what the preprocessing encodes. */
  cells: RawTable;
}

/** Longest field name or value quoted in an error: the rest is hostile bulk. */
const MAX_QUOTED = 60;
/** Most features listed when an unknown field is refused. */
const LISTED_FEATURES = 12;

/** The rules of a model: its preprocessing spec, and its schema when the bundle has one. */
export function instanceRules(spec: PreprocessingSpec, schema: Schema | null): InstanceRules {
  const names = featureColumns(spec);
  const features = new Set(names);
  const required = new Set(
    (schema?.features ?? [])
      .filter((f) => f.minPresence >= 1 && features.has(f.name))
      .map((f) => f.name),
  );
  const known = new Set([
    ...features,
    spec.label.column,
    ...(schema?.features.map((f) => f.name) ?? []),
  ]);
  const encodings = new Map(spec.features.map((f) => [f.column, f]));
  const columns = names.map((name) => ({
    name,
    required: required.has(name),
    problem: kindCheck(encodings.get(name)),
  }));
  return { spec, required, known, columns, readCell: cellReader(spec.input) };
}

/**
 * The instances of `body.instances`, checked against `rules`, with their feature cells; an
 * InvalidRequest names the first problem as `instances[i].field: what is wrong`.
 */
export function readInstances(
  instances: unknown,
  rules: InstanceRules,
  options: CheckOptions,
): ReadInstances {
  if (!Array.isArray(instances)) {
    throw new InvalidRequest('instances', 'expected a list of objects, one per row to score');
  }
  if (instances.length === 0) throw new InvalidRequest('instances', 'the list is empty');
  if (instances.length > options.maxInstances) {
    throw new InvalidRequest(
      'instances',
      `${instances.length} instances, more than the ${options.maxInstances} a request may have; split the request`,
    );
  }
  const checked: Instance[] = [];
  const rows: RawValue[][] = [];
  const lines: number[] = [];
  for (let index = 0; index < instances.length; index++) {
    const instance = checkFields(instances[index], index, rules, options);
    checked.push(instance);
    rows.push(readCells(instance, index, rules));
    lines.push(index + 1);
  }
  const columns = rules.columns.map((column) => column.name);
  return { instances: checked, cells: { source: 'instances', columns, rows, lines } };
}

/** The instances of `body.instances`, checked against `rules` (readInstances without the cells). */
export function checkInstances(
  instances: unknown,
  rules: InstanceRules,
  options: CheckOptions,
): Instance[] {
  return readInstances(instances, rules, options).instances;
}

/** Quotes a hostile name or value for an error message: JSON, cut short. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text);
}

/**
 * An instance whose fields are all known JSON scalars. A request's instance is kept as it came (its
 * fields are read as own keys only, so a `constructor` field is only a field); a file's row keeps
 * its known columns in a null-prototype copy.
 */
function checkFields(
  instance: unknown,
  index: number,
  rules: InstanceRules,
  options: CheckOptions,
): Instance {
  if (instance === null || typeof instance !== 'object' || Array.isArray(instance)) {
    throw invalid(index, undefined, 'expected an object of feature values');
  }
  const fields = instance as Record<string, unknown>;
  const copy = options.unknownFields === 'ignore' ? (Object.create(null) as Instance) : null;
  // Object.keys, not Object.entries: allocating a [key, value] pair per field was this check's
  // largest cost under load (bench/serve-load.ts).
  for (const field of Object.keys(fields)) {
    if (!rules.known.has(field)) {
      if (copy) continue;
      throw invalid(index, field, `unknown field; the model reads ${featureList(rules)}`);
    }
    const value = scalar(fields[field], index, field);
    if (copy) copy[field] = value;
  }
  return copy ?? (fields as Instance);
}

/** The instance's feature cells, each read as serving reads it and checked against its kind. */
function readCells(instance: Instance, index: number, rules: InstanceRules): RawValue[] {
  const cells: RawValue[] = [];
  for (const column of rules.columns) {
    const present = Object.hasOwn(instance, column.name);
    const cell = present ? rules.readCell(instance[column.name]) : null;
    if (cell === null) {
      if (column.required) {
        const problem = present ? 'has no value' : 'missing';
        throw invalid(
          index,
          column.name,
          `${problem}; the model was trained with it always present`,
        );
      }
    } else {
      const problem = column.problem(cell);
      if (problem) throw invalid(index, column.name, problem);
    }
    cells.push(cell);
  }
  return cells;
}

function scalar(value: unknown, index: number, field: string): RawValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    // JSON.parse reads 1e999 as Infinity: no feature was trained on that.
    if (!Number.isFinite(value)) throw invalid(index, field, 'the number is out of range');
    return value;
  }
  const got = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
  throw invalid(index, field, `expected a string, number, boolean or null, got ${got}`);
}

/** The error for instance `index` (and its `field`): `instances[3]."age": problem`. */
function invalid(index: number, field: string | undefined, problem: string): InvalidRequest {
  const where = `instances[${index}]${field === undefined ? '' : `.${quoted(field)}`}`;
  return new InvalidRequest(where, problem, index, field);
}

/** The check of a present cell for a feature of `encoding`'s kind, chosen once per column. */
function kindCheck(encoding: FeatureEncoding | undefined): (cell: RawValue) => string | null {
  switch (encoding?.kind) {
    case 'numeric':
      return (cell) => {
        const number = parseNumber(cell);
        return number !== null && Number.isFinite(number)
          ? null
          : `expected a number, got ${shownValue(cell)}`;
      };
    case 'date':
      return (cell) =>
        parseDate(cell) === null
          ? `expected an ISO 8601 date like "2024-03-01", got ${shownValue(cell)}`
          : null;
    case 'boolean':
      return (cell) =>
        parseBoolean(cell) === null ? `expected true or false, got ${shownValue(cell)}` : null;
    default:
      return () => null;
  }
}

/** A bad value as an error shows it; made only for an error, since most values are fine. */
function shownValue(value: RawValue): string {
  return typeof value === 'string' ? quoted(value) : JSON.stringify(value);
}

function featureList(rules: InstanceRules): string {
  const columns = rules.spec.features.map((f) => quoted(f.column));
  const shown = columns.slice(0, LISTED_FEATURES).join(', ');
  return columns.length > LISTED_FEATURES ? `${shown}, … (${columns.length} features)` : shown;
}
