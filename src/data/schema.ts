/** The committed data schema: inferred once from statistics, reviewed in PRs, parsed strictly. */
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { compareText } from '../util/text.js';
import { MAX_COLUMNS } from './bounds.js';
import type { StatisticsOptions, ValueRange } from './statistics.js';
import type { ColumnStats, DatasetStats, FeatureSchema, Schema, ValueKind } from './types.js';

/** TFDV's default limit (`max_string_domain_size`) for inferring a categorical domain. */
const MAX_DOMAIN_SIZE = 100;

const KINDS = ['numeric', 'categorical', 'boolean', 'date', 'text', 'empty'] as const;

const featureSchema = z
  .strictObject({
    name: z.string().min(1),
    kind: z.enum(KINDS),
    minPresence: z.number().min(0).max(1),
    integer: z.boolean().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    values: z.array(z.string()).optional(),
  })
  .refine(
    (feature) =>
      !(feature.min !== undefined && feature.max !== undefined && feature.min > feature.max),
    {
      message: 'min must not be greater than max',
      path: ['min'],
    },
  );

const schemaSchema = z
  .strictObject({
    version: z.literal(1),
    label: z.string().min(1).optional(),
    // A schema names the data's columns, of which a table has at most MAX_COLUMNS.
    features: z.array(featureSchema).max(MAX_COLUMNS),
  })
  .superRefine((schema, context) => {
    const seen = new Set<string>();
    schema.features.forEach((feature, index) => {
      if (seen.has(feature.name)) {
        context.addIssue({
          code: 'custom',
          message: `duplicate feature "${feature.name}"`,
          path: ['features', index, 'name'],
        });
      }
      seen.add(feature.name);
    });
    if (schema.label !== undefined && !seen.has(schema.label)) {
      context.addIssue({
        code: 'custom',
        message: `label "${schema.label}" is not one of the features`,
        path: ['label'],
      });
    }
  });

/** Learning task a schema's label serves, when the config names it (model.task). */
export type LabelTask = 'binary' | 'multiclass' | 'regression';

export interface InferOptions {
  /** data.label: the label column. */
  label?: string;
  /**
   * Columns the model does not use (data.ignore, the split key, identifiers): no range is
   * inferred for them, as identifiers grow past any range seen.
   */
  ignore?: readonly string[];
  /** model.task when set: a classification label gets its classes, a regression label a range. */
  task?: LabelTask;
}

/**
 * The least the presence tolerance takes off the observed presence: without it, a feature 99.9 %
 * present in a million rows would get a minPresence its next, smaller batch misses by chance.
 */
const PRESENCE_SLACK = 0.02;
/** Standard errors of the observed presence the tolerance allows for. */
const PRESENCE_SIGMAS = 3;
/** Each side of a learned numeric range extends past the observed values by this share of it. */
const RANGE_MARGIN = 0.1;
/**
 * A numeric label with at most this many distinct integers is a class label, as model/task.ts
 * decides (MAX_INTEGER_CLASSES); two distinct values of any kind make a binary label.
 */
const MAX_INTEGER_CLASSES = 10;

/**
 * A schema from statistics, like TFDV's `infer_schema` with tolerances that make it worth
 * committing:
 * - **presence**: a feature with no missing value is required (minPresence 1) and one with no
 *   value at all optional (0); a feature present in a share p of n rows (0 < p < 1) gets
 *   p − max(0.02, 3·√(p(1−p)/n)) rounded down to 2 decimals and at least 0: three standard
 *   errors of p below it, and at least two points, so the next batch's chance misses pass while
 *   a feature blanked on a large share of rows does not (see `presenceTolerance`);
 * - **ranges**: numeric features (not in `ignore`) get `min`/`max` from the observed range
 *   widened by 10 % of its width on each side (10 % of the value, or 1 for 0, when all values
 *   are equal), then rounded outward to a multiple of the power of ten at or below that margin,
 *   at least 1 for integer features so their bounds stay integers; a feature never negative keeps
 *   a min of at least 0 (see `learnedRange`);
 * - **domains**: categorical features with at most 100 distinct values get them all, sorted, as
 *   their domain (values longer than 200 characters as the excerpts the statistics keep, so the
 *   schema stays small);
 * - **the label**: a classification label gets its classes as the domain, as text, instead of a
 *   range: a categorical or text label with at most 100 values, a boolean one, or a numeric one
 *   with two distinct values or at most 10 distinct integers (the rule model/task.ts infers the
 *   task by; model.task, when set, decides instead). A regression label keeps the range.
 * Integral numerics are `integer`.
 */
export function inferSchema(stats: DatasetStats, options: InferOptions = {}): Schema {
  const { label } = options;
  if (label !== undefined && !stats.columns.some((column) => column.name === label)) {
    const columns = stats.columns.map((column) => column.name).join(', ');
    throw new ConfigError(
      `data.label: column "${label}" is not in the data (columns: ${columns}); set data.label to one of them`,
    );
  }
  const ignored = new Set(options.ignore ?? []);
  const features = stats.columns.map((column): FeatureSchema => {
    const feature: FeatureSchema = {
      name: column.name,
      kind: column.kind,
      minPresence: presenceTolerance(column.count, stats.rows),
    };
    const numeric = column.kind === 'numeric' ? column.numeric : undefined;
    if (numeric) feature.integer = numeric.integer;
    const classes = column.name === label ? labelClasses(column, options.task) : undefined;
    if (classes) {
      feature.values = classes;
    } else if (numeric && !ignored.has(column.name)) {
      const finite = column.count - (column.invalid?.count ?? 0) - numeric.nonFinite;
      const range = finite > 0 ? learnedRange(numeric.min, numeric.max, numeric.integer) : null;
      if (range) Object.assign(feature, range);
    } else if (column.kind === 'categorical') {
      const domain = completeDomain(column);
      if (domain) feature.values = domain;
    }
    return feature;
  });
  return label === undefined ? { version: 1, features } : { version: 1, label, features };
}

/**
 * minPresence for a feature with a value in `count` of `rows` rows: 1 when always present, 0 when
 * never, else p − max(0.02, 3·√(p(1−p)/n)) rounded down to 2 decimals, at least 0.
 */
export function presenceTolerance(count: number, rows: number): number {
  if (rows === 0 || count === 0) return 0;
  if (count >= rows) return 1;
  const p = count / rows;
  const tolerance = Math.max(PRESENCE_SLACK, PRESENCE_SIGMAS * Math.sqrt((p * (1 - p)) / rows));
  // The small nudge keeps 0.95 from flooring to 0.94 through 94.99999999999999.
  return Math.max(0, Math.floor((p - tolerance) * 100 + 1e-9) / 100);
}

/**
 * The range a numeric feature is checked against: [min, max] widened by 10 % of its width on
 * each side (10 % of |value|, or 1 for 0, when min = max) and rounded outward to a multiple of
 * the power of ten at or below that margin (at least 1 for integers); never below 0 when min ≥ 0.
 * Null when the bounds would not be finite numbers.
 */
export function learnedRange(
  min: number,
  max: number,
  integer: boolean,
): { min: number; max: number } | null {
  const width = max - min;
  const margin = width > 0 ? RANGE_MARGIN * width : max !== 0 ? RANGE_MARGIN * Math.abs(max) : 1;
  if (!Number.isFinite(margin) || margin <= 0) return null;
  const exponent = Math.floor(Math.log10(margin));
  const step = integer ? Math.max(1, 10 ** exponent) : 10 ** exponent;
  // Printed with the step's decimals, so 0.1 steps give 0.3 rather than 0.30000000000000004.
  const decimals = integer ? 0 : Math.min(100, Math.max(0, -exponent));
  const round = (value: number) => Number(value.toFixed(decimals));
  // Steps counted to 12 digits, so 1.9999999999999998 steps (0.02 / 0.01) count as 2.
  const steps = (value: number) => Number((value / step).toPrecision(12));
  let low = round(Math.floor(steps(min - margin)) * step);
  let high = round(Math.ceil(steps(max + margin)) * step);
  if (min >= 0) low = Math.max(0, low);
  // Rounding can never bring a bound inside the values seen.
  low = Math.min(low, min);
  high = Math.max(high, max);
  if (!Number.isFinite(low) || !Number.isFinite(high)) return null;
  // -0 would print as 0 but compare as its own value in JSON round trips: keep plain 0.
  return { min: low === 0 ? 0 : low, max: high === 0 ? 0 : high };
}

/** The classes of a classification label, as text; undefined for a regression label. */
function labelClasses(column: ColumnStats, task: LabelTask | undefined): string[] | undefined {
  if (task === 'regression') return undefined;
  switch (column.kind) {
    case 'categorical':
    case 'text':
    case 'boolean':
      return completeDomain(column);
    case 'numeric': {
      const distinct = column.numeric?.distinct;
      if (!distinct) return undefined;
      const classes =
        task !== undefined ||
        distinct.length <= 2 ||
        (column.numeric?.integer === true && distinct.length <= MAX_INTEGER_CLASSES);
      return classes ? distinct.map((entry) => String(entry.value)) : undefined;
    }
    case 'date':
    case 'empty':
      return undefined;
  }
}

/**
 * Every value of a categorical, text or boolean column, sorted, when the statistics hold them all
 * and there are at most 100.
 */
function completeDomain(column: ColumnStats): string[] | undefined {
  const categories = column.categorical;
  if (
    !categories ||
    categories.unique > MAX_DOMAIN_SIZE ||
    categories.top.length !== categories.unique
  ) {
    return undefined;
  }
  // Top values are excerpts, and two long values may share one: the domain lists it once.
  return [...new Set(categories.top.map((entry) => entry.value))].sort(compareText);
}

/**
 * What the statistics of new data must count for the schema's checks to be exact: the ranges of
 * numeric features and the domains of features that have one (see computeStatistics).
 */
export function schemaChecks(schema: Schema): Pick<StatisticsOptions, 'ranges' | 'domains'> {
  const ranges: Record<string, ValueRange> = {};
  const domains: Record<string, readonly string[]> = {};
  for (const feature of schema.features) {
    if (feature.kind === 'numeric' && (feature.min !== undefined || feature.max !== undefined)) {
      ranges[feature.name] = {
        ...(feature.min === undefined ? {} : { min: feature.min }),
        ...(feature.max === undefined ? {} : { max: feature.max }),
      };
    }
    if (feature.values) domains[feature.name] = feature.values;
  }
  return { ranges, domains };
}

/** A schema from parsed JSON, or a ConfigError naming the first bad field's path. */
export function parseSchema(json: unknown, source = 'schema'): Schema {
  const result = schemaSchema.safeParse(json);
  if (result.success) return result.data;
  // A forged schema could fail on every one of thousands of entries: the first few say enough.
  const problems = result.error.issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    .join('; ');
  throw new ConfigError(
    `${source}: invalid schema: ${problems}. Fix the file, or delete it and run \`mlops validate --update-schema\` to infer it again`,
  );
}

/** Pretty JSON with a fixed key order and a final newline, so schema diffs review cleanly. */
export function formatSchema(schema: Schema): string {
  const ordered = {
    version: schema.version,
    ...(schema.label === undefined ? {} : { label: schema.label }),
    features: schema.features.map((feature) => ({
      name: feature.name,
      kind: feature.kind,
      minPresence: feature.minPresence,
      ...(feature.integer === undefined ? {} : { integer: feature.integer }),
      ...(feature.min === undefined ? {} : { min: feature.min }),
      ...(feature.max === undefined ? {} : { max: feature.max }),
      ...(feature.values === undefined ? {} : { values: feature.values }),
    })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/**
 * The kind of each schema feature, to compute statistics of new data the schema's way. Features
 * that were empty are left out, so values that appear since are inferred and reported.
 */
export function schemaKinds(schema: Schema): Record<string, ValueKind> {
  const typed = schema.features.filter((feature) => feature.kind !== 'empty');
  return Object.fromEntries(typed.map((feature) => [feature.name, feature.kind]));
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${String(part)}`,
    )
    .join('');
}
