/** The mlops.yml schema: the single source of truth for fields, defaults and what each expects. */
import { z } from 'zod';
import { DRIFT_TESTS } from '../data/drift.js';
import { DEFAULT_NA_VALUES } from '../data/missing.js';
import { gateSchema } from '../evaluate/gates.js';
import { isKnownMetric, metricNames } from '../evaluate/metrics.js';
import type { Task } from '../evaluate/types.js';
import { nameProblem } from '../registry/tags.js';

/**
 * A model or stage name: it becomes part of git tags (`NAME@v1.0.0`, `NAME#STAGE#3`), so it follows
 * GTO's grammar and git's ref-name rules, checked here rather than by `git tag` after training.
 */
const tagNamePart = z.string().superRefine((text, ctx) => {
  const problem = nameProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const fraction = z.number().min(0).max(0.9);
const positiveInt = z.number().int().positive();
/** A size limit for the readers, well within the longest string V8 holds (2^29 − 24 characters). */
const readLimit = positiveInt.max(256 * 1024 * 1024, 'at most 268435456 (256 MiB)');

export const taskSchema = z.enum(['binary', 'multiclass', 'regression']);
export const backendSchema = z.enum(['auto', 'tensorflow', 'wasm', 'cpu']);

const splitSchema = z
  .object({
    test: fraction.default(0.2),
    validation: fraction.default(0.1),
    seed: z.number().int().default(42),
    key: z.string().min(1).optional(),
  })
  .strict()
  .refine((s) => s.test + s.validation < 1, {
    message: 'test + validation must leave rows for training (sum below 1)',
    path: ['test'],
  });

const dataSchema = z
  .object({
    train: z.string().min(1),
    label: z.string().min(1),
    /** The file's format when its extension does not say (see inferFormat in data/read-table.ts). */
    format: z.enum(['csv', 'jsonl', 'parquet']).optional(),
    ignore: z.array(z.string()).default([]),
    /** Cells meaning "no value", compared trimmed and in any case; an empty cell always is. */
    na_values: z
      // Unquoted YAML like [NA, -999, null] reads as numbers and nulls: each means its text.
      .array(
        z
          .union([z.string(), z.number(), z.nan(), z.boolean(), z.null()])
          .transform((value) => (value === null ? 'null' : String(value))),
      )
      .default(() => [...DEFAULT_NA_VALUES]),
    split: splitSchema.default({ test: 0.2, validation: 0.1, seed: 42 }),
    slices: z.array(z.string()).default([]),
    /** Largest field and record (line) read, in UTF-8 bytes; 16 MiB and 64 MiB when absent. */
    max_field_bytes: readLimit.optional(),
    max_record_bytes: readLimit.optional(),
    /** The decimal separator of numbers in text cells: "," reads `1,5` as 1.5, `1.234,5` as 1234.5. */
    decimal: z.enum(['.', ',']).optional(),
    /**
     * How many bad records (a CSV row with the wrong number of fields, a JSON Lines line that is
     * not a JSON object) are left out, into <out>/rejects.csv or .jsonl, before one stops the run.
     */
    max_errors: z.number().int().min(0).default(0),
  })
  .strict();

const driftTestSchema = z.enum(['auto', ...DRIFT_TESTS]);
const severitySchema = z.enum(['ERROR', 'WARNING']);

const featureDriftSchema = z
  .object({
    test: driftTestSchema.optional(),
    threshold: z.number().positive().optional(),
    severity: severitySchema.optional(),
  })
  .strict();

/**
 * Drift of the data against a baseline's statistics. `baseline`: `auto` (the training statistics
 * of the model in the last stage, else of its latest version), `none`, a registry ref
 * (`NAME#production`, `NAME@v1.2.0`), a bundle folder, or a statistics.json / validation.json.
 * `threshold` with `test: auto` replaces both auto thresholds, as in Evidently.
 */
const driftSchema = z
  .object({
    baseline: z.string().min(1).default('auto'),
    test: driftTestSchema.default('auto'),
    threshold: z.number().positive().optional(),
    share: z.number().min(0).max(1).default(0.5),
    severity: severitySchema.default('ERROR'),
    features: z.record(z.string(), featureDriftSchema).default({}),
  })
  .strict();

const validationSchema = z
  .object({
    min_examples: positiveInt.default(10),
    fail_on: z.enum(['error', 'warning', 'never']).default('error'),
    drift: driftSchema.default(() => driftSchema.parse({})),
  })
  .strict();

const modelSchema = z
  .object({
    task: taskSchema.optional(),
    hidden: z.array(positiveInt).max(8).default([64, 32]),
    dropout: z.number().min(0).max(0.9).default(0.1),
    learning_rate: z.number().positive().max(1).default(0.001),
    epochs: positiveInt.max(10000).default(30),
    batch_size: positiveInt.default(64),
    early_stopping: z
      .object({ patience: positiveInt.default(3), min_delta: z.number().min(0).default(0) })
      .strict()
      .default({ patience: 3, min_delta: 0 }),
    seed: z.number().int().default(42),
    backend: backendSchema.default('auto'),
  })
  .strict();

const tuningSchema = z
  .object({
    search: z.enum(['random', 'grid']).default('random'),
    trials: positiveInt.default(8),
    metric: z.string().min(1),
    space: z.record(z.string(), z.array(z.union([z.number(), z.string()])).min(1)),
  })
  .strict();

const registrySchema = z
  .object({
    stages: z.array(tagNamePart).min(1).default(['staging', 'production']),
    ordered: z.boolean().optional(),
    bump: z.enum(['major', 'minor', 'patch']).default('minor'),
    releases: z.string().min(1).default('.mlops/releases'),
  })
  .strict();

/** A registry name: it becomes the tag prefix (`NAME@v1.0.0`). */
export const modelNameSchema = tagNamePart;

export const configSchema = z
  .object({
    name: modelNameSchema.optional(),
    data: dataSchema,
    schema: z.string().min(1).default('mlops/schema.json'),
    // Function defaults: zod only shallow-copies a default value, so nested arrays and objects
    // (model.hidden, registry.stages, validation.drift) would be shared by every parsed config.
    validation: validationSchema.default(() => validationSchema.parse({})),
    model: modelSchema.default(() => modelSchema.parse({})),
    tuning: tuningSchema.optional(),
    gates: z.array(gateSchema).default([]),
    registry: registrySchema.default(() => registrySchema.parse({})),
  })
  .strict()
  .superRefine((config, ctx) => {
    // A typo in a gate's metric would otherwise only show up as a failed gate after training.
    const tasks: Task[] = config.model.task
      ? [config.model.task]
      : ['binary', 'multiclass', 'regression'];
    config.gates.forEach((gate, index) => {
      if (tasks.some((task) => isKnownMetric(gate.metric, task))) return;
      const known = [...new Set(tasks.flatMap(metricNames))].join(', ');
      const forTask = config.model.task ? ` for a ${config.model.task} model` : '';
      ctx.addIssue({
        code: 'custom',
        path: ['gates', index, 'metric'],
        message: `unknown metric "${gate.metric}"${forTask}; expected one of: ${known}`,
      });
    });
    // A fairness gate needs per-slice metrics, which are computed only for data.slices.
    config.gates.forEach((gate, index) => {
      const by = gate.slice_gap?.by;
      if (by === undefined || config.data.slices.includes(by)) return;
      ctx.addIssue({
        code: 'custom',
        path: ['gates', index, 'slice_gap', 'by'],
        message: `"${by}" is not in data.slices; add it there so its slices are evaluated`,
      });
    });
  });

/** A validated config with every default filled in. */
export type Config = z.infer<typeof configSchema>;
/** What a user may write in mlops.yml before defaults. */
export type ConfigInput = z.input<typeof configSchema>;
export type BackendName = z.infer<typeof backendSchema>;
