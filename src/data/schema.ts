/** The committed data schema: inferred once from statistics, reviewed in PRs, parsed strictly. */
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { compareText } from '../util/text.js';
import { MAX_COLUMNS } from './bounds.js';
import type { DatasetStats, FeatureSchema, Schema, ValueKind } from './types.js';

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

/**
 * A schema from statistics, like TFDV's `infer_schema`: a feature is required (minPresence 1)
 * when no value was missing, else optional (0); integral numerics are `integer`; categorical
 * features with at most 100 distinct values get them all, sorted, as their domain (values longer
 * than 200 characters as the excerpts the statistics keep, so the schema stays small).
 */
export function inferSchema(stats: DatasetStats, options: { label?: string } = {}): Schema {
  const { label } = options;
  if (label !== undefined && !stats.columns.some((column) => column.name === label)) {
    const columns = stats.columns.map((column) => column.name).join(', ');
    throw new ConfigError(
      `data.label: column "${label}" is not in the data (columns: ${columns}); set data.label to one of them`,
    );
  }
  const features = stats.columns.map((column): FeatureSchema => {
    const feature: FeatureSchema = {
      name: column.name,
      kind: column.kind,
      minPresence: column.missing === 0 && column.count > 0 ? 1 : 0,
    };
    if (column.kind === 'numeric' && column.numeric) feature.integer = column.numeric.integer;
    const categories = column.categorical;
    if (
      column.kind === 'categorical' &&
      categories &&
      categories.unique <= MAX_DOMAIN_SIZE &&
      categories.top.length === categories.unique
    ) {
      // Top values are excerpts, and two long values may share one: the domain lists it once.
      feature.values = [...new Set(categories.top.map((entry) => entry.value))].sort(compareText);
    }
    return feature;
  });
  return label === undefined ? { version: 1, features } : { version: 1, label, features };
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
