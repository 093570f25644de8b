/**
 * Checking the instances of a predict request against the model that will score them: the body's
 * shape, each value's JSON type, each feature's kind (a number for a numeric feature, a date for a
 * date one) and the schema's required features. A bad instance is refused with the index and the
 * field, before anything is scored; the body is hostile, so nothing here trusts its shape.
 */
import { parseBoolean, parseDate, parseNumber } from '../data/kinds.js';
import type { RawValue, Schema } from '../data/types.js';
import { rawRowsTable } from '../model/raw-rows.js';
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
}

export interface CheckOptions {
  /** Most instances accepted in one request. */
  maxInstances: number;
  /** `reject` (a request): a field the model does not know is a typo; `ignore` (a file's columns). */
  unknownFields: 'reject' | 'ignore';
}

/** Longest field name or value quoted in an error: the rest is hostile bulk. */
const MAX_QUOTED = 60;
/** Most features listed when an unknown field is refused. */
const LISTED_FEATURES = 12;

/** The rules of a model: its preprocessing spec, and its schema when the bundle has one. */
export function instanceRules(spec: PreprocessingSpec, schema: Schema | null): InstanceRules {
  const features = new Set(spec.features.map((f) => f.column));
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
  return { spec, required, known };
}

/**
 * The instances of `body.instances`, checked against `rules`; an InvalidRequest names the first
 * problem as `instances[i].field: what is wrong`.
 */
export function checkInstances(
  instances: unknown,
  rules: InstanceRules,
  options: CheckOptions,
): Instance[] {
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
  const checked = instances.map((instance, index) => checkShape(instance, index, rules, options));
  checkKinds(checked, rules);
  return checked;
}

/** Quotes a hostile name or value for an error message: JSON, cut short. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text);
}

function checkShape(
  instance: unknown,
  index: number,
  rules: InstanceRules,
  options: CheckOptions,
): Instance {
  if (instance === null || typeof instance !== 'object' || Array.isArray(instance)) {
    throw invalid(index, undefined, 'expected an object of feature values');
  }
  // A null-prototype copy: a `__proto__` or `constructor` key is then only a key.
  const checked: Instance = Object.create(null) as Instance;
  // Object.keys, not Object.entries: allocating a [key, value] pair per field was this check's
  // largest cost under load (bench/serve-load.ts).
  for (const field of Object.keys(instance)) {
    if (!rules.known.has(field)) {
      if (options.unknownFields === 'ignore') continue;
      throw invalid(index, field, `unknown field; the model reads ${featureList(rules)}`);
    }
    checked[field] = scalar((instance as Record<string, unknown>)[field], index, field);
  }
  for (const field of rules.required) {
    if (!Object.hasOwn(checked, field)) {
      throw invalid(index, field, 'missing; the model was trained with it always present');
    }
  }
  return checked;
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

/** Each feature's cell, read as serving reads it (missing tokens, decimal mark), fits its kind. */
function checkKinds(instances: readonly Instance[], rules: InstanceRules): void {
  const table = rawRowsTable(rules.spec, instances);
  const encodings = new Map(rules.spec.features.map((f) => [f.column, f]));
  table.rows.forEach((cells, index) => {
    table.columns.forEach((column, c) => {
      const value = cells[c] ?? null;
      if (value === null) {
        if (rules.required.has(column)) {
          throw invalid(
            index,
            column,
            'has no value; the model was trained with it always present',
          );
        }
        return;
      }
      const problem = kindProblem(encodings.get(column), value);
      if (problem) throw invalid(index, column, problem);
    });
  });
}

function kindProblem(encoding: FeatureEncoding | undefined, value: RawValue): string | null {
  switch (encoding?.kind) {
    case 'numeric': {
      const number = parseNumber(value);
      return number !== null && Number.isFinite(number)
        ? null
        : `expected a number, got ${shownValue(value)}`;
    }
    case 'date':
      return parseDate(value) === null
        ? `expected an ISO 8601 date like "2024-03-01", got ${shownValue(value)}`
        : null;
    case 'boolean':
      return parseBoolean(value) === null
        ? `expected true or false, got ${shownValue(value)}`
        : null;
    default:
      return null;
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
