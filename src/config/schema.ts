/** The mlops.yml schema: the single source of truth for fields, defaults and what each expects. */
import { z } from 'zod';
import { DRIFT_TESTS } from '../data/drift.js';
import { DEFAULT_NA_VALUES } from '../data/missing.js';
import { DEFAULT_BOOTSTRAP } from '../evaluate/bootstrap.js';
import { DEFAULT_MIN_SLICE_SIZE, gateSchema } from '../evaluate/gates.js';
import {
  DEFAULT_THRESHOLD,
  isKnownMetric,
  metricDirection,
  metricNames,
} from '../evaluate/metrics.js';
import { THRESHOLD_METRICS } from '../evaluate/threshold.js';
import type { Task } from '../evaluate/types.js';
import { MAX_NGRAM, MAX_TEXT_FEATURES, TEXT_ANALYZERS } from '../model/text-features.js';
import { DURATION_HINT, parseDuration } from '../monitor/window.js';
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

/** data.features[].text: how a text column is cut into terms (see src/model/text-features.ts). */
const ngramSize = positiveInt.max(MAX_NGRAM);
const textSettingsSchema = z
  .object({
    analyzer: z.enum(TEXT_ANALYZERS).optional(),
    ngram: z
      .tuple([ngramSize, ngramSize])
      .refine(([low, high]) => low <= high, 'write the shortest n-gram length first: [low, high]')
      .optional(),
    min_df: z
      .number()
      .positive()
      .refine(
        (rows) => rows < 1 || Number.isInteger(rows),
        'a whole number of rows (1 or more), or a share of the training rows below 1',
      )
      .optional(),
    max_features: positiveInt.max(MAX_TEXT_FEATURES).optional(),
  })
  .strict();

/** One of data.features: a column name alone, or a mapping with its kind and text settings. */
const featureSchema = z.preprocess(
  (value) => (typeof value === 'string' ? { column: value } : value),
  z
    .object({
      column: z.string().min(1),
      kind: z.enum(['numeric', 'categorical', 'boolean', 'date', 'text']).optional(),
      text: textSettingsSchema.optional(),
    })
    .strict()
    .refine((feature) => !feature.text || !feature.kind || feature.kind === 'text', {
      message: 'text settings apply to kind: text only',
      path: ['text'],
    }),
);

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
    /** The only columns used as features, each with its kind and text settings when given. */
    features: z.array(featureSchema).min(1).optional(),
  })
  .strict()
  .superRefine((data, ctx) => {
    // Said here rather than after reading the data: each is a contradiction in the file itself.
    const first = new Map<string, number>();
    data.features?.forEach(({ column }, index) => {
      const problem =
        column === data.label
          ? 'is the label (data.label), which is never a feature'
          : data.ignore.includes(column)
            ? 'is also in data.ignore; keep it in one of the two'
            : column === data.split.key
              ? 'is data.split.key, which names rows and is never a feature'
              : first.has(column)
                ? `is listed twice (also data.features[${first.get(column)}])`
                : undefined;
      if (problem) {
        ctx.addIssue({ code: 'custom', path: ['features', index, 'column'], message: problem });
      }
      if (!first.has(column)) first.set(column, index);
    });
  });

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

/** A number of epochs, or `auto`: scaled to the training rows (src/model/budget.ts, README). */
const epochsOrAuto = z.union([z.literal('auto'), positiveInt.max(10000)], {
  error: 'expected "auto" or a whole number of epochs from 1 to 10000',
});

const earlyStoppingSchema = z
  .object({
    patience: epochsOrAuto.default('auto'),
    /** An epoch improves on the best when its validation loss is lower by more than this. */
    min_delta: z.number().min(0).default(0.0001),
    /** Keras' restore_best_weights; `auto`: the last epoch's unless worse beyond the noise (src/model/train.ts). */
    restore_best_weights: z
      .union([z.literal('auto'), z.boolean()], { error: 'expected auto, true or false' })
      .default('auto'),
  })
  .strict();

/** Keras' ReduceLROnPlateau: the rate times `factor` after `patience` epochs without improvement. */
const reduceLrSchema = z
  .object({
    factor: z.number().gt(0).lt(1).default(0.5),
    patience: epochsOrAuto.default('auto'),
    min_lr: z.number().min(0).default(0.00001),
  })
  .strict();

const classWeightSchema = z.union(
  [z.enum(['none', 'balanced']), z.record(z.string(), z.number().positive().max(1e6))],
  { error: 'expected "none", "balanced", or a weight per class name, like { "yes": 5 }' },
);

/** The `model:` section; tuning checks each trial's settings against it as a whole. */
export const modelSchema = z
  .object({
    task: taskSchema.optional(),
    /** `auto`: sized to the training rows (src/model/auto-hidden.ts). */
    hidden: z
      .union([z.literal('auto'), z.array(positiveInt).max(8)], {
        error: 'expected auto or a list of up to 8 layer widths, like [64, 32]',
      })
      .default('auto'),
    dropout: z.number().min(0).max(0.9).default(0.1),
    learning_rate: z.number().positive().max(1).default(0.001),
    /** A cap: early stopping ends training when the validation loss stops improving. */
    epochs: positiveInt.max(10000).default(1000),
    /** `auto`: 64 rows, more for a large table (src/model/fit-settings.ts, README). */
    batch_size: z
      .union([z.literal('auto'), positiveInt], {
        error: 'expected "auto" or a whole number of rows per batch, like 64',
      })
      .default('auto'),
    early_stopping: earlyStoppingSchema.default(() => earlyStoppingSchema.parse({})),
    reduce_lr_on_plateau: z
      .union([z.literal(false), reduceLrSchema], {
        error: 'expected false (a constant rate) or a mapping of factor, patience and min_lr',
      })
      .default(() => reduceLrSchema.parse({})),
    class_weight: classWeightSchema.default('none'),
    /** Weight of the L2 penalty on every kernel (Keras' kernel_regularizer l2); `auto`: 1 / (2 · rows). */
    l2: z
      .union([z.literal('auto'), z.number().min(0).max(1)], {
        error: 'expected auto or a number from 0 to 1',
      })
      .default('auto'),
    batch_norm: z.boolean().default(false),
    seed: z.number().int().default(42),
    backend: backendSchema.default('auto'),
  })
  .strict()
  .superRefine((model, ctx) => {
    const plateau = model.reduce_lr_on_plateau;
    if (plateau && plateau.min_lr >= model.learning_rate) {
      ctx.addIssue({
        code: 'custom',
        path: ['reduce_lr_on_plateau', 'min_lr'],
        message: `must be below model.learning_rate (${model.learning_rate}), or the rate never falls`,
      });
    }
    if (model.task === 'regression' && model.class_weight !== 'none') {
      ctx.addIssue({
        code: 'custom',
        path: ['class_weight'],
        message: 'class weights apply to binary and multiclass models, not regression',
      });
    }
  });

/** Model settings a search space may not vary: they define the problem, not the model. */
const NOT_TUNABLE = new Set(['task', 'backend']);

/** The model setting a tuning key names (`learning_rate`, `early_stopping.patience`), or null. */
export function hyperParameterSchema(key: string): z.ZodType | null {
  let schema: z.ZodType = modelSchema;
  for (const part of key.split('.')) {
    const object = unwrapField(schema);
    // Own keys only: `__proto__` or `constructor` must not reach Object.prototype.
    if (!(object instanceof z.ZodObject) || !Object.hasOwn(object.shape, part)) return null;
    if (schema === modelSchema && NOT_TUNABLE.has(part)) return null;
    schema = object.shape[part] as z.ZodType;
  }
  return schema;
}

/** Every key a search space may vary, nested ones dotted. */
function hyperParameterNames(schema: z.ZodType = modelSchema, prefix = ''): string[] {
  const object = unwrapField(schema);
  if (!(object instanceof z.ZodObject)) return [prefix];
  return Object.entries(object.shape as Record<string, z.ZodType>)
    .filter(([key]) => prefix || !NOT_TUNABLE.has(key))
    .flatMap(([key, field]) => hyperParameterNames(field, prefix ? `${prefix}.${key}` : key));
}

function unwrapField(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) {
    inner = inner.unwrap() as z.ZodType;
  }
  return inner;
}

/** A span a random search draws numbers from: log-uniform with `log`, whole numbers with `integer`. */
const rangeSchema = z
  .object({
    min: z.number(),
    max: z.number(),
    log: z.boolean().default(false),
    integer: z.boolean().default(false),
  })
  .strict()
  .refine((range) => range.min < range.max, { message: 'min must be below max', path: ['max'] })
  .refine((range) => !range.log || range.min > 0, {
    message: 'a log range needs min above 0',
    path: ['min'],
  });

/** One hyper-parameter's values: a list to choose from, or a range for a random search. */
const dimensionSchema = z.union([z.array(z.unknown()).min(1).max(1000), rangeSchema], {
  error: 'expected a list of values, like [0.001, 0.01], or a range { min: 0.001, max: 0.1 }',
});
export type Dimension = z.infer<typeof dimensionSchema>;
export type NumberRange = z.infer<typeof rangeSchema>;

const tuningSchema = z
  .object({
    search: z.enum(['random', 'grid']).default('random'),
    /** Trials a random search draws (a grid tries every combination). */
    trials: positiveInt.max(10000).default(8),
    /** The validation metric trials are ranked by. */
    metric: z.string().min(1),
    space: z.record(z.string(), dimensionSchema).refine((space) => Object.keys(space).length > 0, {
      message: 'name at least one model setting to vary, like learning_rate: [0.001, 0.01]',
    }),
  })
  .strict()
  .superRefine((tuning, ctx) => {
    for (const [key, dimension] of Object.entries(tuning.space)) {
      const field = hyperParameterSchema(key);
      const at = (...path: PropertyKey[]) => ['space', key, ...path];
      if (!field) {
        ctx.addIssue({
          code: 'custom',
          path: at(),
          message: `"${key}" is not a model setting that can be tuned; expected one of: ${hyperParameterNames().join(', ')}`,
        });
        continue;
      }
      // Each value is checked as the model section checks it, so a trial never fails on its config.
      const check = (value: unknown, ...path: PropertyKey[]) => {
        const parsed = field.safeParse(value);
        for (const issue of parsed.error?.issues ?? []) {
          ctx.addIssue({ ...issue, path: at(...path, ...issue.path) } as z.core.$ZodRawIssue);
        }
        return parsed.success;
      };
      if (Array.isArray(dimension)) {
        dimension.forEach((value, index) => check(value, index));
      } else if (tuning.search === 'grid') {
        ctx.addIssue({
          code: 'custom',
          path: at(),
          message: 'a range { min, max } needs search: random; list the values to try for a grid',
        });
      } else if (check(dimension.min, 'min') && check(dimension.max, 'max')) {
        // A setting of whole numbers (epochs) would refuse most draws of a continuous range.
        const between = dimension.min + (dimension.max - dimension.min) * 0.371;
        if (!dimension.integer && !field.safeParse(between).success) {
          ctx.addIssue({
            code: 'custom',
            path: at(),
            message: `"${key}" takes whole numbers: add integer: true to the range`,
          });
        }
      }
    }
  });

/**
 * How a model is judged besides `gates`: a default gate that it beats the trivial baseline beyond
 * noise, the bootstrap behind every interval, small slices, and a binary model's threshold.
 */
const evaluationSchema = z
  .object({
    /** true: on the task's headline metric; { metric }: on that one; false: no such gate. */
    beat_trivial: z
      .union([z.boolean(), z.object({ metric: z.string().min(1) }).strict()], {
        error: 'expected true, false or { metric: NAME }',
      })
      .default(true),
    /** Slice values with fewer test rows are marked small and left out of slice_gap gates. */
    min_slice_size: positiveInt.default(DEFAULT_MIN_SLICE_SIZE),
    /** A score above it predicts the positive class; { tune: f1 } picks it on the validation split. */
    threshold: z
      .union([z.number().gt(0).lt(1), z.object({ tune: z.enum(THRESHOLD_METRICS) }).strict()], {
        error: `expected a number between 0 and 1, or { tune: METRIC } with one of: ${THRESHOLD_METRICS.join(', ')}`,
      })
      .default(DEFAULT_THRESHOLD),
    bootstrap: z
      .object({
        resamples: positiveInt.min(100).max(100000).default(DEFAULT_BOOTSTRAP.resamples),
        confidence: z.number().gt(0.5).lt(1).default(DEFAULT_BOOTSTRAP.confidence),
        seed: z.number().int().default(DEFAULT_BOOTSTRAP.seed),
      })
      .strict()
      .default(() => ({ ...DEFAULT_BOOTSTRAP })),
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

const duration = z
  .string()
  .refine((text) => parseDuration(text) !== null, `expected ${DURATION_HINT}`);

/**
 * `mlops monitor`'s test of one column's drift (the served outputs, the labels sent back): any
 * test of validation.drift (`auto` picks as it does), its threshold (default: the test's own),
 * and whether a drift of severity ERROR calls for retraining.
 */
const columnDriftSchema = z
  .object({
    retrain: z.boolean().default(true),
    test: driftTestSchema.default('auto'),
    threshold: z.number().positive().optional(),
  })
  .strict();

/**
 * `mlops monitor`: what in the serving logs calls for retraining. Drift uses validation.drift's
 * tests and severities, decay the `gates` (their bounds and changes) on the live metrics.
 */
export const monitorSchema = z
  .object({
    /** The logs looked at: this far back (the default of --since). */
    window: duration.default('7d'),
    /** Predictions of a version before its inputs are tested for drift. */
    min_inputs: positiveInt.default(100),
    /** Labelled predictions of a version before its live metrics are held to the gates. */
    min_labels: positiveInt.default(30),
    /** Retrain when an input drift is an ERROR, as validation would fail it. */
    drift: z.boolean().default(true),
    /** Test the served outputs against the validation outputs recorded at train time. */
    prediction_drift: columnDriftSchema.default(() => columnDriftSchema.parse({})),
    /** Test the labels sent back against the training labels. */
    label_drift: columnDriftSchema.default(() => columnDriftSchema.parse({})),
    /** Retrain when a gate fails on the live metrics. */
    decay: z.boolean().default(true),
    /** Retrain once the window holds this many labelled predictions (new training data). */
    new_data: positiveInt.optional(),
    /** Retrain when the latest registered version is older than this. */
    max_age: duration.optional(),
    /** With no predictions in the window: ignore (retrain=false), retrain, or fail the step. */
    no_logs: z.enum(['ignore', 'retrain', 'fail']).default('ignore'),
  })
  .strict();
export type MonitorSettings = z.infer<typeof monitorSchema>;

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
    evaluation: evaluationSchema.default(() => evaluationSchema.parse({})),
    registry: registrySchema.default(() => registrySchema.parse({})),
    // Optional, not defaulted: the config hash (a model's identity) of a config without it is
    // unchanged, and monitorSettings fills the defaults where it is read.
    monitor: monitorSchema.optional(),
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
    checkTuning(config, tasks, ctx);
    checkEvaluation(config, tasks, ctx);
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

/** Trials are ranked by a metric with a better direction, on a validation split that exists. */
function checkTuning(
  config: { tuning?: { metric: string }; data: { split: { validation: number } } },
  tasks: Task[],
  ctx: z.RefinementCtx,
): void {
  if (!config.tuning) return;
  const { metric } = config.tuning;
  if (!tasks.some((task) => isKnownMetric(metric, task)) || metricDirection(metric) === null) {
    const known = [...new Set(tasks.flatMap(metricNames))].filter((name) => metricDirection(name));
    ctx.addIssue({
      code: 'custom',
      path: ['tuning', 'metric'],
      message: `"${metric}" cannot rank trials; expected one of: ${known.join(', ')}`,
    });
  }
  if (config.data.split.validation === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['data', 'split', 'validation'],
      message: 'tuning ranks trials on the validation split: set a fraction above 0',
    });
  }
}

/** The default gate's metric can be beaten; a tuned threshold has a binary model and rows to tune on. */
function checkEvaluation(
  config: {
    evaluation: z.infer<typeof evaluationSchema>;
    model: { task?: Task | undefined };
    data: { split: { validation: number } };
  },
  tasks: Task[],
  ctx: z.RefinementCtx,
): void {
  const { beat_trivial: beat, threshold } = config.evaluation;
  if (typeof beat === 'object') {
    const { metric } = beat;
    if (!tasks.some((task) => isKnownMetric(metric, task)) || metricDirection(metric) === null) {
      const known = [...new Set(tasks.flatMap(metricNames))].filter((name) =>
        metricDirection(name),
      );
      ctx.addIssue({
        code: 'custom',
        path: ['evaluation', 'beat_trivial', 'metric'],
        message: `"${metric}" cannot be compared with the trivial baseline; expected one of: ${known.join(', ')}`,
      });
    }
  }
  if (typeof threshold === 'number') return;
  if (config.model.task !== undefined && config.model.task !== 'binary') {
    ctx.addIssue({
      code: 'custom',
      path: ['evaluation', 'threshold'],
      message: `a ${config.model.task} model has no decision threshold to tune; remove it`,
    });
  }
  if (config.data.split.validation === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['evaluation', 'threshold'],
      message: 'the threshold is tuned on the validation split: set data.split.validation above 0',
    });
  }
}

/** A validated config with every default filled in. */
export type Config = z.infer<typeof configSchema>;

/** The config's monitor block with its defaults, also when mlops.yml has none. */
export function monitorSettings(config: Pick<Config, 'monitor'>): MonitorSettings {
  return config.monitor ?? monitorSchema.parse({});
}
/** What a user may write in mlops.yml before defaults. */
export type ConfigInput = z.input<typeof configSchema>;
export type BackendName = z.infer<typeof backendSchema>;
