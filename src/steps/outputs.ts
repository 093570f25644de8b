/**
 * The formats of the files a step hands to later steps: `validation.json`, `evaluation.json`,
 * `registration.json` and the bundle's `training.json`. Steps may run in separate jobs that pass
 * these files as artifacts (a fork's pull request can make them), so a step never trusts one: it
 * reads it through `checkStepOutput`, which checks its `format` field, then every field's type.
 */
import { z } from 'zod';
import { taskSchema } from '../config/schema.js';
import { MAX_COLUMNS } from '../data/bounds.js';
import { DISTINCT_LIMIT } from '../data/drift.js';
import type { DatasetStats, Schema } from '../data/types.js';
import { DataError } from '../errors.js';
import {
  GATE_CRITERIA,
  gateSchema,
  type GateReport,
  type MetricComparison,
} from '../evaluate/gates.js';
import { CONFUSION_MAX_CLASSES, PREDICTION_BINS } from '../evaluate/metrics.js';
import { MAX_SLICE_VALUES } from '../evaluate/slices.js';
import type { EvaluationResult } from '../evaluate/types.js';
import { TRAINING_INFO_FORMAT, type TrainingInfo } from '../model/bundle.js';
import { tagMetadataSchema } from '../registry/metadata.js';
import { nameProblem } from '../registry/tags.js';
import type { EvaluationOutcome } from './evaluate.js';
import type { RegistrationOutcome } from './register.js';
import type { ValidationOutcome } from './validate.js';

/** `format` of validation.json, the first field of the file: its name and version. */
export const VALIDATION_FORMAT = 'mlops-actions/validation/v1';
/** `format` of evaluation.json, the first field of the file: its name and version. */
export const EVALUATION_FORMAT = 'mlops-actions/evaluation/v1';
/** `format` of registration.json, the first field of the file: its name and version. */
export const REGISTRATION_FORMAT = 'mlops-actions/registration/v1';

/** A step output file's format: the id its `format` field holds, and the schema of the whole file. */
export interface StepOutputFormat<T> {
  id: string;
  schema: z.ZodType<T>;
}

// z.number() refuses NaN and ±Infinity (JSON.parse reads 1e999 as Infinity).
const count = z.number().int().min(0);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex');
const modelName = z
  .string()
  .refine((name) => nameProblem(name) === null, 'expected a model name (see mlops.yml `name`)');
const metricSet = z.record(z.string(), z.number());
const columnKind = z.enum(['numeric', 'categorical', 'boolean', 'date', 'text', 'empty']);

// ---- validation.json ----

const numericStats = z.object({
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  std: z.number(),
  zeros: count,
  nonFinite: count,
  integer: z.boolean(),
  quantiles: z.object({
    p01: z.number(),
    p25: z.number(),
    p50: z.number(),
    p75: z.number(),
    p99: z.number(),
  }),
  histogram: z.object({ edges: z.array(z.number()), counts: z.array(count) }),
  // For data/drift.ts, which also checks that edges ascend and counts fit them.
  driftHistogram: z
    .object({
      edges: z.array(z.number()),
      counts: z.array(count),
      belowDistance: z.number().min(0),
      aboveDistance: z.number().min(0),
    })
    .optional(),
  distinct: z
    .array(z.object({ value: z.number(), count }))
    .max(DISTINCT_LIMIT)
    .optional(),
});

const columnStats = z.object({
  name: z.string(),
  kind: columnKind,
  count,
  missing: count,
  invalid: z
    .object({
      count,
      examples: z.array(z.string()),
      lines: z.array(count).optional(),
    })
    .optional(),
  numeric: numericStats.optional(),
  categorical: z
    .object({
      unique: count,
      top: z.array(z.object({ value: z.string(), count })),
      avgLength: z.number(),
      approximate: z.object({ countError: count }).optional(),
    })
    .optional(),
  decimalComma: z.boolean().optional(),
  outOfRange: z
    .object({
      min: z.number().optional(),
      max: z.number().optional(),
      below: count,
      above: count,
      lines: z.array(count).optional(),
    })
    .optional(),
  outOfDomain: z
    .object({
      count,
      top: z.array(z.object({ value: z.string(), count })),
      lines: z.array(count).optional(),
    })
    .optional(),
});

const datasetStats = z.object({ rows: count, columns: z.array(columnStats).max(MAX_COLUMNS) });

const dataSchema = z.object({
  version: z.literal(1),
  label: z.string().optional(),
  features: z
    .array(
      z.object({
        name: z.string(),
        kind: columnKind,
        minPresence: z.number(),
        values: z.array(z.string()).optional(),
        integer: z.boolean().optional(),
        min: z.number().optional(),
        max: z.number().optional(),
      }),
    )
    .max(MAX_COLUMNS),
});

const anomaly = z.object({
  column: z.string().nullable(),
  type: z.string(),
  severity: z.enum(['WARNING', 'ERROR']),
  description: z.string(),
});

const driftTest = z.enum(['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi', 'linf']);

const driftReport = z.object({
  features: z
    .array(
      z.object({
        feature: z.string(),
        kind: columnKind,
        test: driftTest,
        measure: z.enum(['p_value', 'distance']),
        value: z.number(),
        threshold: z.number(),
        drifted: z.boolean(),
        severity: z.enum(['WARNING', 'ERROR']),
        effect: z.number().optional(),
        statistic: z.number().optional(),
        valueRange: z.tuple([z.number(), z.number()]).optional(),
        basis: z.enum(['histogram', 'values', 'categories']),
        referenceCount: count,
        currentCount: count,
      }),
    )
    .max(MAX_COLUMNS),
  skipped: z.array(z.object({ feature: z.string(), reason: z.string() })).max(MAX_COLUMNS),
  dataset: z.object({
    features: count,
    driftedFeatures: count,
    share: z.number(),
    driftShare: z.number(),
    detected: z.boolean(),
  }),
  anomalies: z.array(anomaly),
});

const validationSchema = z.object({
  format: z.literal(VALIDATION_FORMAT),
  source: z.string(),
  dataHash: sha256,
  rows: count,
  unlabeled: z.object({ count, lines: z.array(count) }),
  rejected: z
    .object({ count, file: z.enum(['rejects.csv', 'rejects.jsonl']), lines: z.array(count) })
    .nullable()
    .optional(),
  statistics: datasetStats,
  schema: dataSchema,
  schemaSource: z.enum(['committed', 'inferred']),
  drift: z
    .object({
      baseline: z.object({ label: z.string(), source: z.enum(['registry', 'bundle', 'file']) }),
      reference: datasetStats,
      report: driftReport,
    })
    .nullable(),
  anomalies: z.array(anomaly),
  passed: z.boolean(),
});

// ---- evaluation.json ----

const interval = z.object({ lower: z.number(), upper: z.number() });
const thresholdTuning = z.object({ metric: z.string(), validation: z.number() });
const decisionThreshold = z.object({
  value: z.number().min(0).max(1),
  tuning: thresholdTuning.optional(),
});
const intervals = z.record(z.string(), interval);

// Added in mlops-actions/evaluation/v1 as optional fields: files written before them still read.
const honestyFields = {
  intervals: intervals.optional(),
  bootstrap: z
    .object({
      resamples: count,
      confidence: z.number().gt(0).lt(1),
      seed: z.number().int(),
    })
    .optional(),
  trivial: z
    .object({
      predictor: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('majority'), class: z.string(), share: z.number() }),
        z.object({ kind: z.literal('mean'), value: z.number() }),
      ]),
      overall: metricSet,
      difference: intervals,
    })
    .optional(),
};

const evaluationResult = z.object({
  task: taskSchema,
  count,
  overall: metricSet,
  slices: z
    .array(
      z.object({
        column: z.string(),
        values: z
          .array(
            z.object({
              value: z.string(),
              count,
              metrics: metricSet,
              small: z.boolean().optional(),
            }),
          )
          .max(MAX_SLICE_VALUES),
        omitted: z.object({ values: count, count }).optional(),
      }),
    )
    .max(MAX_COLUMNS),
  confusionMatrix: z
    .object({
      // The kept classes and, when some were left out, one more standing for them.
      classes: z.array(z.string()).max(CONFUSION_MAX_CLASSES + 1),
      matrix: z.array(z.array(count).max(CONFUSION_MAX_CLASSES + 1)).max(CONFUSION_MAX_CLASSES + 1),
      otherClasses: count.optional(),
    })
    .optional(),
  threshold: z.number().optional(),
  thresholdTuning: thresholdTuning.optional(),
  roc: z.array(z.object({ fpr: z.number(), tpr: z.number() })).optional(),
  calibration: z
    .array(
      z.object({
        lower: z.number(),
        upper: z.number(),
        count,
        meanScore: z.number(),
        observedRate: z.number(),
      }),
    )
    .optional(),
  predictionBins: z
    .array(z.object({ count, actual: z.number(), predicted: z.number() }))
    .max(PREDICTION_BINS)
    .optional(),
  ...honestyFields,
});

const gateReport = z.object({
  blessed: z.boolean(),
  verdict: z.enum(['BLESSED', 'NOT_BLESSED']),
  results: z.array(
    z.object({
      gate: gateSchema,
      criterion: z.enum(GATE_CRITERIA),
      description: z.string(),
      status: z.enum(['pass', 'fail', 'skipped']),
      actual: z.number().optional(),
      expected: z.string().optional(),
      baseline: z.number().optional(),
      reason: z.string().optional(),
    }),
  ),
});

const metricComparison = z.object({
  metric: z.string(),
  current: z.number(),
  baseline: z.number().nullable(),
  delta: z.number().nullable(),
  relativeDelta: z.number().nullable(),
  better: z.boolean().nullable(),
  noise: z
    .object({
      test: z.enum(['paired', 'overlap']),
      withinNoise: z.boolean(),
      difference: interval.optional(),
    })
    .optional(),
});

const evaluationSchema = z.object({
  format: z.literal(EVALUATION_FORMAT),
  name: modelName,
  modelId: sha256,
  dataHash: sha256,
  evaluation: evaluationResult,
  positiveClass: z.string().nullable(),
  unknownLabels: count,
  baseline: z
    .object({
      version: z.string(),
      tag: z.string(),
      reason: z.string(),
      source: z.enum(['reevaluated', 'tag-metadata']),
      evaluation: evaluationResult,
      recorded: metricSet.optional(),
    })
    .nullable(),
  comparison: z.array(metricComparison),
  gates: gateReport,
  blessed: z.boolean(),
});

// ---- registration.json ----

const registrationSchema = z.object({
  format: z.literal(REGISTRATION_FORMAT),
  name: modelName,
  version: z.string().min(1),
  tag: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{40,64}$/, 'expected a commit SHA'),
  releaseUrl: z.string().nullable(),
  existing: z.boolean(),
  forced: tagMetadataSchema.shape.forced.unwrap().nullable(),
});

// ---- the bundle's training.json ----

const trainingSchema = z.object({
  format: z.literal(TRAINING_INFO_FORMAT),
  name: modelName,
  modelId: sha256,
  task: taskSchema,
  label: z.string(),
  features: z.array(z.object({ column: z.string(), kind: z.string() })).max(MAX_COLUMNS),
  rows: z.object({ train: count, validation: count, test: count, unlabeled: count }),
  backend: z.string(),
  seed: z.number().int(),
  epochs: z.object({
    run: count,
    best: count,
    stoppedEarly: z.boolean(),
    limit: count.optional(),
    patience: count.optional(),
  }),
  warnings: z.array(z.string().max(1000)).max(20).optional(),
  dataHash: sha256,
  split: z.object({
    test: z.number(),
    validation: z.number(),
    seed: z.number().int(),
    key: z.string().optional(),
  }),
  configHash: sha256,
  schemaHash: sha256.optional(),
  toolVersion: z.string().optional(),
  threshold: decisionThreshold.optional(),
});

/** The step output files by what they hold, each with its format id and schema. */
export const STEP_OUTPUTS = {
  validation: { id: VALIDATION_FORMAT, schema: validationSchema },
  evaluation: { id: EVALUATION_FORMAT, schema: evaluationSchema },
  registration: { id: REGISTRATION_FORMAT, schema: registrationSchema },
  training: { id: TRAINING_INFO_FORMAT, schema: trainingSchema },
} satisfies {
  validation: StepOutputFormat<ValidationOutcome>;
  evaluation: StepOutputFormat<EvaluationOutcome>;
  registration: StepOutputFormat<RegistrationOutcome>;
  training: StepOutputFormat<TrainingInfo>;
};

// The schemas and the types the steps write cannot drift apart: tsc fails unless each schema
// reads exactly the type (every field, optional or not) of what is written.
type Plain<T> = T extends (infer U)[]
  ? Plain<U>[]
  : T extends object
    ? { [K in keyof T]: Plain<T[K]> }
    : T;
type Same<A, B> =
  (<V>() => V extends Plain<A> ? 1 : 2) extends <V>() => V extends Plain<B> ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type _SchemasMatchTypes = [
  Assert<Same<z.infer<typeof validationSchema>, ValidationOutcome>>,
  Assert<Same<z.infer<typeof datasetStats>, DatasetStats>>,
  Assert<Same<z.infer<typeof dataSchema>, Schema>>,
  Assert<Same<z.infer<typeof evaluationSchema>, EvaluationOutcome>>,
  Assert<Same<z.infer<typeof evaluationResult>, EvaluationResult>>,
  Assert<Same<z.infer<typeof gateReport>, GateReport>>,
  Assert<Same<z.infer<typeof metricComparison>, MetricComparison>>,
  Assert<Same<z.infer<typeof registrationSchema>, RegistrationOutcome>>,
  Assert<Same<z.infer<typeof trainingSchema>, TrainingInfo>>,
];

/**
 * `value`, read from `file`, as the step output `output` describes, or a DataError naming the file,
 * the field and what is wrong with it, and ending with `remedy`. The `format` field is checked
 * first, so a file of another version of mlops-actions says so rather than listing fields.
 */
export function checkStepOutput<T>(
  value: unknown,
  file: string,
  output: StepOutputFormat<T>,
  remedy: string,
): T {
  if (!isPlainObject(value)) {
    throw new DataError(`${file}: expected a JSON object, found ${describe(value)}. ${remedy}`);
  }
  const found = value.format;
  if (found === undefined) {
    throw new DataError(
      `${file} has no "format" field, so it was written by an older mlops-actions (or by hand); ` +
        `this one reads format "${output.id}". ${remedy}`,
    );
  }
  if (found !== output.id) {
    throw new DataError(
      `${file} is in format ${shown(found)}, but this mlops-actions reads "${output.id}": it was ` +
        `written by another version of mlops-actions, or is another file. ${remedy}`,
    );
  }
  return checkShape(value, file, output.schema, remedy);
}

/**
 * A bundle's `statistics.json` (the training statistics drift is measured against), checked like a
 * step output; it has no format field of its own, being the `statistics` of validation.json.
 */
export function checkStatistics(value: unknown, file: string, remedy: string): DatasetStats {
  return checkShape(value, file, datasetStats, remedy);
}

/** One epoch of a bundle's history.json; JSON writes a loss that went NaN as null. */
const historySchema = z.array(
  z.object({
    epoch: count,
    loss: z.number().nullable(),
    valLoss: z.number().nullable().optional(),
  }),
);

/** A bundle's `history.json` (loss per epoch, for the report's training curves), checked like a step output. */
export function checkHistory(
  value: unknown,
  file: string,
  remedy: string,
): z.infer<typeof historySchema> {
  return checkShape(value, file, historySchema, remedy);
}

function checkShape<T>(value: unknown, file: string, schema: z.ZodType<T>, remedy: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [first, ...others] = result.error.issues;
  const more =
    others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? 's' : ''})` : '';
  throw new DataError(`${file}: ${first ? issueText(first, value) : 'invalid'}${more}. ${remedy}`);
}

/** `overall.auc: expected a number, found a string`, with the value itself never repeated. */
function issueText(issue: z.core.$ZodIssue, root: unknown): string {
  const where = issue.path.length > 0 ? `${fieldPath(issue.path)}: ` : '';
  if (issue.code === 'invalid_type') {
    const at = valueAt(root, issue.path);
    return `${where}expected ${withArticle(issue.expected)}, found ${at.found ? describe(at.value) : 'nothing (the field is missing)'}`;
  }
  // A refinement's message may quote the file (a gate's metric name): one line, cut short.
  const inert = issue.message
    .replace(/^Invalid (input|option): /, '')
    .replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return `${where}${inert.length > 200 ? `${inert.slice(0, 200)}…` : inert}`;
}

/** `evaluation.overall.auc`, `anomalies[3].severity`; a key that is no plain name is quoted. */
function fieldPath(parts: readonly PropertyKey[]): string {
  return parts
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      const name = String(part);
      if (/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return index === 0 ? name : `.${name}`;
      return `[${shown(name)}]`;
    })
    .join('');
}

function valueAt(
  root: unknown,
  parts: readonly PropertyKey[],
): { found: boolean; value?: unknown } {
  let current: unknown = root;
  for (const part of parts) {
    if (typeof current !== 'object' || current === null) return { found: false };
    if (!Object.hasOwn(current, part)) return { found: false };
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return { found: true, value: current };
}

function withArticle(expected: string): string {
  return `${/^[aeiou]/.test(expected) ? 'an' : 'a'} ${expected}`;
}

/** What kind of JSON value `value` is, in words, without its content (it may be anything). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  // JSON.parse reads a number beyond the double range (1e999) as Infinity.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return withArticle(typeof value);
}

/** `value` as JSON, cut to 80 characters: a file from a fork may hold anything. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
