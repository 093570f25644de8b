import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  MAX_NGRAM,
  MAX_TEXT_FEATURES,
  TEXT_ANALYZERS,
  createRng
} from "./chunk-D54MHMCS.js";
import {
  tagMetadataSchema
} from "./chunk-N3QVR3LN.js";
import {
  DEFAULT_MIN_SLICE_SIZE,
  GATE_CRITERIA,
  gateSchema
} from "./chunk-MTWO572S.js";
import {
  parseJson
} from "./chunk-CMTZTKEX.js";
import {
  CONFUSION_MAX_CLASSES,
  DEFAULT_THRESHOLD,
  PREDICTION_BINS,
  calibrationBins,
  computeMetrics,
  confusionMatrix,
  decisionMetrics,
  isKnownMetric,
  metricDirection,
  metricNames,
  predictionBins,
  rankScores,
  rocCurve,
  sweep,
  unitWeights
} from "./chunk-A4DXW22P.js";
import {
  nameProblem
} from "./chunk-H7KIXIMF.js";
import {
  TRAINING_INFO_FORMAT
} from "./chunk-TE2M4OOS.js";
import {
  external_exports
} from "./chunk-QXT2EVHB.js";
import {
  DISTINCT_LIMIT,
  DRIFT_TESTS
} from "./chunk-DB6VBX4O.js";
import {
  DEFAULT_NA_VALUES
} from "./chunk-AIUCNH7N.js";
import {
  MAX_COLUMNS,
  excerpt
} from "./chunk-XU32KRXS.js";
import {
  compareText
} from "./chunk-NM5J5SUB.js";
import {
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";

// src/evaluate/threshold.ts
var THRESHOLD_METRICS = ["f1", "accuracy"];
var PREFERRED = 0.5;
function chooseThreshold(setting, task, validation) {
  if (task !== "binary") return void 0;
  if (typeof setting === "number") return { value: setting };
  if (validation?.task !== "binary" || validation.labels.length === 0) {
    throw new DataError(
      "evaluation.threshold: no validation rows to tune the threshold on; add data or set a number."
    );
  }
  const tuned = tuneThreshold(validation, setting.tune);
  return { value: tuned.threshold, tuning: { metric: setting.tune, validation: tuned.value } };
}
function tuneThreshold(p, metric) {
  const n = p.labels.length;
  const ranking = rankScores(p.scores);
  const scoreAt = (position) => p.scores[ranking.order[position]];
  const steps = [];
  const { positives, negatives } = sweep(
    p.labels,
    ranking,
    unitWeights(n),
    (tp, fp, position) => steps.push({ tp, fp, position })
  );
  const valueOf = (tp, fp) => decisionMetrics(tp, fp, positives - tp, negatives - fp)[metric] ?? 0;
  let best = { threshold: scoreAt(0), value: valueOf(0, 0) };
  for (const { tp, fp, position } of steps) {
    const score = scoreAt(position);
    const next = position + 1 < n ? scoreAt(position + 1) : 0;
    if (score === 0) continue;
    const candidate = { threshold: (score + next) / 2, value: valueOf(tp, fp) };
    if (isBetter(candidate, best)) best = candidate;
  }
  return best;
}
function isBetter(candidate, best) {
  if (candidate.value !== best.value) return candidate.value > best.value;
  return Math.abs(candidate.threshold - PREFERRED) < Math.abs(best.threshold - PREFERRED);
}

// src/monitor/window.ts
var UNIT_MS = { m: 6e4, h: 36e5, d: 864e5, w: 6048e5 };
var UNIT_NAMES = { m: "minute", h: "hour", d: "day", w: "week" };
var DURATION = /^(\d{1,6}(?:\.\d{1,3})?)(m|h|d|w)$/;
var DURATION_HINT = "a duration like 30m, 12h, 7d or 2w (minutes, hours, days, weeks)";
function parseDuration(text) {
  const match = DURATION.exec(text.trim());
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  return ms > 0 ? ms : null;
}
function describeDuration(ms) {
  const units = ["w", "d", "h", "m"].filter((unit2) => ms >= UNIT_MS[unit2]);
  const unit = units.find((u) => Number.isInteger(ms / UNIT_MS[u])) ?? units[0];
  if (!unit) return "less than a minute";
  const count2 = Math.floor(ms / UNIT_MS[unit]);
  return `${count2} ${UNIT_NAMES[unit]}${count2 === 1 ? "" : "s"}`;
}
var isoDate = external_exports.union([external_exports.iso.datetime({ offset: true }), external_exports.iso.date()]);
function monitorWindow(since, now) {
  const duration2 = parseDuration(since);
  const start = duration2 !== null ? new Date(now.getTime() - duration2) : isoDate.safeParse(since.trim()).success ? new Date(since.trim()) : null;
  if (!start || Number.isNaN(start.getTime())) {
    throw new UsageError(
      `--since "${since.slice(0, 60)}": expected ${DURATION_HINT}, or an ISO 8601 date or date-time like 2024-05-01 or 2024-05-01T12:00:00Z.`
    );
  }
  if (start.getTime() > now.getTime()) {
    throw new UsageError(
      `--since "${since}": ${start.toISOString()} is in the future; give a time before ${now.toISOString()}.`
    );
  }
  return { since, start, end: now };
}

// src/evaluate/bootstrap.ts
var DEFAULT_BOOTSTRAP = {
  resamples: 1e3,
  confidence: 0.95,
  seed: 42
};
var MAX_UNDEFINED_SHARE = 0.1;
var UNDEFINED = Number.NaN;
function bootstrapDraws(kernels, rows, settings = DEFAULT_BOOTSTRAP) {
  const { resamples } = settings;
  let state = Math.floor(createRng(settings.seed)() * 4294967295) || 1;
  const counts = new Uint32Array(rows);
  const draws = kernels.map(() => ({}));
  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    for (let k = 0; k < rows; k++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const row = (state >>> 0) % rows;
      counts[row] = counts[row] + 1;
    }
    kernels.forEach((kernel, m) => {
      const values = kernel(counts);
      const byMetric = draws[m];
      for (const metric in values) {
        const column = byMetric[metric] ??= new Float64Array(resamples).fill(UNDEFINED);
        column[r] = values[metric] ?? UNDEFINED;
      }
    });
  }
  return draws;
}
function compareByBootstrap(kernels, rows, settings = DEFAULT_BOOTSTRAP) {
  const draws = bootstrapDraws(kernels, rows, settings);
  const [first, ...others] = draws;
  return {
    intervals: draws.map((d) => percentileIntervals(d, settings.confidence)),
    differences: others.map((other) => differenceIntervals(first, other, settings.confidence))
  };
}
function percentileIntervals(draws, confidence) {
  return intervalsOf(Object.entries(draws), confidence);
}
function differenceIntervals(a, b, confidence) {
  const differences = Object.entries(a).flatMap(([metric, values]) => {
    const other = b[metric];
    if (!other) return [];
    return [[metric, values.map((value, r) => value - other[r])]];
  });
  return intervalsOf(differences, confidence);
}
function intervalsOf(entries, confidence) {
  return Object.fromEntries(
    entries.flatMap(([metric, values]) => {
      const interval2 = percentileInterval(values, confidence);
      return interval2 ? [[metric, interval2]] : [];
    })
  );
}
function percentileInterval(values, confidence) {
  const finite = values.filter(Number.isFinite).sort();
  if (finite.length === 0 || finite.length < values.length * (1 - MAX_UNDEFINED_SHARE)) {
    return void 0;
  }
  const tail = (1 - confidence) / 2;
  return { lower: quantile(finite, tail), upper: quantile(finite, 1 - tail) };
}
function quantile(sorted, q) {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below];
  const high = sorted[Math.min(below + 1, sorted.length - 1)];
  return low + (position - below) * (high - low);
}

// src/config/schema.ts
var tagNamePart = external_exports.string().superRefine((text, ctx) => {
  const problem = nameProblem(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
var fraction = external_exports.number().min(0).max(0.9);
var positiveInt = external_exports.number().int().positive();
var readLimit = positiveInt.max(256 * 1024 * 1024, "at most 268435456 (256 MiB)");
var taskSchema = external_exports.enum(["binary", "multiclass", "regression"]);
var backendSchema = external_exports.enum(["auto", "tensorflow", "wasm", "cpu"]);
var splitSchema = external_exports.object({
  test: fraction.default(0.2),
  validation: fraction.default(0.1),
  seed: external_exports.number().int().default(42),
  key: external_exports.string().min(1).optional()
}).strict().refine((s) => s.test + s.validation < 1, {
  message: "test + validation must leave rows for training (sum below 1)",
  path: ["test"]
});
var ngramSize = positiveInt.max(MAX_NGRAM);
var textSettingsSchema = external_exports.object({
  analyzer: external_exports.enum(TEXT_ANALYZERS).optional(),
  ngram: external_exports.tuple([ngramSize, ngramSize]).refine(([low, high]) => low <= high, "write the shortest n-gram length first: [low, high]").optional(),
  min_df: external_exports.number().positive().refine(
    (rows) => rows < 1 || Number.isInteger(rows),
    "a whole number of rows (1 or more), or a share of the training rows below 1"
  ).optional(),
  max_features: positiveInt.max(MAX_TEXT_FEATURES).optional()
}).strict();
var featureSchema = external_exports.preprocess(
  (value) => typeof value === "string" ? { column: value } : value,
  external_exports.object({
    column: external_exports.string().min(1),
    kind: external_exports.enum(["numeric", "categorical", "boolean", "date", "text"]).optional(),
    text: textSettingsSchema.optional()
  }).strict().refine((feature) => !feature.text || !feature.kind || feature.kind === "text", {
    message: "text settings apply to kind: text only",
    path: ["text"]
  })
);
var dataSchema = external_exports.object({
  train: external_exports.string().min(1),
  label: external_exports.string().min(1),
  /** The file's format when its extension does not say (see inferFormat in data/read-table.ts). */
  format: external_exports.enum(["csv", "jsonl", "parquet"]).optional(),
  ignore: external_exports.array(external_exports.string()).default([]),
  /** Cells meaning "no value", compared trimmed and in any case; an empty cell always is. */
  na_values: external_exports.array(
    external_exports.union([external_exports.string(), external_exports.number(), external_exports.nan(), external_exports.boolean(), external_exports.null()]).transform((value) => value === null ? "null" : String(value))
  ).default(() => [...DEFAULT_NA_VALUES]),
  split: splitSchema.default({ test: 0.2, validation: 0.1, seed: 42 }),
  slices: external_exports.array(external_exports.string()).default([]),
  /** Largest field and record (line) read, in UTF-8 bytes; 16 MiB and 64 MiB when absent. */
  max_field_bytes: readLimit.optional(),
  max_record_bytes: readLimit.optional(),
  /** The decimal separator of numbers in text cells: "," reads `1,5` as 1.5, `1.234,5` as 1234.5. */
  decimal: external_exports.enum([".", ","]).optional(),
  /**
   * How many bad records (a CSV row with the wrong number of fields, a JSON Lines line that is
   * not a JSON object) are left out, into <out>/rejects.csv or .jsonl, before one stops the run.
   */
  max_errors: external_exports.number().int().min(0).default(0),
  /** The only columns used as features, each with its kind and text settings when given. */
  features: external_exports.array(featureSchema).min(1).optional()
}).strict().superRefine((data, ctx) => {
  const first = /* @__PURE__ */ new Map();
  data.features?.forEach(({ column }, index) => {
    const problem = column === data.label ? "is the label (data.label), which is never a feature" : data.ignore.includes(column) ? "is also in data.ignore; keep it in one of the two" : column === data.split.key ? "is data.split.key, which names rows and is never a feature" : first.has(column) ? `is listed twice (also data.features[${first.get(column)}])` : void 0;
    if (problem) {
      ctx.addIssue({ code: "custom", path: ["features", index, "column"], message: problem });
    }
    if (!first.has(column)) first.set(column, index);
  });
});
var driftTestSchema = external_exports.enum(["auto", ...DRIFT_TESTS]);
var severitySchema = external_exports.enum(["ERROR", "WARNING"]);
var featureDriftSchema = external_exports.object({
  test: driftTestSchema.optional(),
  threshold: external_exports.number().positive().optional(),
  severity: severitySchema.optional()
}).strict();
var driftSchema = external_exports.object({
  baseline: external_exports.string().min(1).default("auto"),
  test: driftTestSchema.default("auto"),
  threshold: external_exports.number().positive().optional(),
  share: external_exports.number().min(0).max(1).default(0.5),
  severity: severitySchema.default("ERROR"),
  features: external_exports.record(external_exports.string(), featureDriftSchema).default({})
}).strict();
var validationSchema = external_exports.object({
  min_examples: positiveInt.default(10),
  fail_on: external_exports.enum(["error", "warning", "never"]).default("error"),
  drift: driftSchema.default(() => driftSchema.parse({}))
}).strict();
var epochsOrAuto = external_exports.union([external_exports.literal("auto"), positiveInt.max(1e4)], {
  error: 'expected "auto" or a whole number of epochs from 1 to 10000'
});
var earlyStoppingSchema = external_exports.object({
  patience: epochsOrAuto.default("auto"),
  /** An epoch improves on the best when its validation loss is lower by more than this. */
  min_delta: external_exports.number().min(0).default(1e-4),
  /** Keras' restore_best_weights; `auto`: the last epoch's unless worse beyond the noise (src/model/train.ts). */
  restore_best_weights: external_exports.union([external_exports.literal("auto"), external_exports.boolean()], { error: "expected auto, true or false" }).default("auto")
}).strict();
var reduceLrSchema = external_exports.object({
  factor: external_exports.number().gt(0).lt(1).default(0.5),
  patience: epochsOrAuto.default("auto"),
  min_lr: external_exports.number().min(0).default(1e-5)
}).strict();
var classWeightSchema = external_exports.union(
  [external_exports.enum(["none", "balanced"]), external_exports.record(external_exports.string(), external_exports.number().positive().max(1e6))],
  { error: 'expected "none", "balanced", or a weight per class name, like { "yes": 5 }' }
);
var modelSchema = external_exports.object({
  task: taskSchema.optional(),
  /** `auto`: sized to the training rows (src/model/auto-hidden.ts). */
  hidden: external_exports.union([external_exports.literal("auto"), external_exports.array(positiveInt).max(8)], {
    error: "expected auto or a list of up to 8 layer widths, like [64, 32]"
  }).default("auto"),
  dropout: external_exports.number().min(0).max(0.9).default(0.1),
  learning_rate: external_exports.number().positive().max(1).default(1e-3),
  /** A cap: early stopping ends training when the validation loss stops improving. */
  epochs: positiveInt.max(1e4).default(1e3),
  /** `auto`: 64 rows, more for a large table (src/model/fit-settings.ts, README). */
  batch_size: external_exports.union([external_exports.literal("auto"), positiveInt], {
    error: 'expected "auto" or a whole number of rows per batch, like 64'
  }).default("auto"),
  early_stopping: earlyStoppingSchema.default(() => earlyStoppingSchema.parse({})),
  reduce_lr_on_plateau: external_exports.union([external_exports.literal(false), reduceLrSchema], {
    error: "expected false (a constant rate) or a mapping of factor, patience and min_lr"
  }).default(() => reduceLrSchema.parse({})),
  class_weight: classWeightSchema.default("none"),
  /** Weight of the L2 penalty on every kernel (Keras' kernel_regularizer l2); `auto`: 1 / (2 · rows). */
  l2: external_exports.union([external_exports.literal("auto"), external_exports.number().min(0).max(1)], {
    error: "expected auto or a number from 0 to 1"
  }).default("auto"),
  batch_norm: external_exports.boolean().default(false),
  seed: external_exports.number().int().default(42),
  backend: backendSchema.default("auto")
}).strict().superRefine((model, ctx) => {
  const plateau = model.reduce_lr_on_plateau;
  if (plateau && plateau.min_lr >= model.learning_rate) {
    ctx.addIssue({
      code: "custom",
      path: ["reduce_lr_on_plateau", "min_lr"],
      message: `must be below model.learning_rate (${model.learning_rate}), or the rate never falls`
    });
  }
  if (model.task === "regression" && model.class_weight !== "none") {
    ctx.addIssue({
      code: "custom",
      path: ["class_weight"],
      message: "class weights apply to binary and multiclass models, not regression"
    });
  }
});
var NOT_TUNABLE = /* @__PURE__ */ new Set(["task", "backend"]);
function hyperParameterSchema(key) {
  let schema = modelSchema;
  for (const part of key.split(".")) {
    const object = unwrapField(schema);
    if (!(object instanceof external_exports.ZodObject) || !Object.hasOwn(object.shape, part)) return null;
    if (schema === modelSchema && NOT_TUNABLE.has(part)) return null;
    schema = object.shape[part];
  }
  return schema;
}
function hyperParameterNames(schema = modelSchema, prefix = "") {
  const object = unwrapField(schema);
  if (!(object instanceof external_exports.ZodObject)) return [prefix];
  return Object.entries(object.shape).filter(([key]) => prefix || !NOT_TUNABLE.has(key)).flatMap(([key, field]) => hyperParameterNames(field, prefix ? `${prefix}.${key}` : key));
}
function unwrapField(schema) {
  let inner = schema;
  while (inner instanceof external_exports.ZodDefault || inner instanceof external_exports.ZodOptional) {
    inner = inner.unwrap();
  }
  return inner;
}
var rangeSchema = external_exports.object({
  min: external_exports.number(),
  max: external_exports.number(),
  log: external_exports.boolean().default(false),
  integer: external_exports.boolean().default(false)
}).strict().refine((range) => range.min < range.max, { message: "min must be below max", path: ["max"] }).refine((range) => !range.log || range.min > 0, {
  message: "a log range needs min above 0",
  path: ["min"]
});
var dimensionSchema = external_exports.union([external_exports.array(external_exports.unknown()).min(1).max(1e3), rangeSchema], {
  error: "expected a list of values, like [0.001, 0.01], or a range { min: 0.001, max: 0.1 }"
});
var tuningSchema = external_exports.object({
  search: external_exports.enum(["random", "grid"]).default("random"),
  /** Trials a random search draws (a grid tries every combination). */
  trials: positiveInt.max(1e4).default(8),
  /** The validation metric trials are ranked by. */
  metric: external_exports.string().min(1),
  space: external_exports.record(external_exports.string(), dimensionSchema).refine((space) => Object.keys(space).length > 0, {
    message: "name at least one model setting to vary, like learning_rate: [0.001, 0.01]"
  })
}).strict().superRefine((tuning, ctx) => {
  for (const [key, dimension] of Object.entries(tuning.space)) {
    const field = hyperParameterSchema(key);
    const at = (...path2) => ["space", key, ...path2];
    if (!field) {
      ctx.addIssue({
        code: "custom",
        path: at(),
        message: `"${key}" is not a model setting that can be tuned; expected one of: ${hyperParameterNames().join(", ")}`
      });
      continue;
    }
    const check = (value, ...path2) => {
      const parsed = field.safeParse(value);
      for (const issue of parsed.error?.issues ?? []) {
        ctx.addIssue({ ...issue, path: at(...path2, ...issue.path) });
      }
      return parsed.success;
    };
    if (Array.isArray(dimension)) {
      dimension.forEach((value, index) => check(value, index));
    } else if (tuning.search === "grid") {
      ctx.addIssue({
        code: "custom",
        path: at(),
        message: "a range { min, max } needs search: random; list the values to try for a grid"
      });
    } else if (check(dimension.min, "min") && check(dimension.max, "max")) {
      const between = dimension.min + (dimension.max - dimension.min) * 0.371;
      if (!dimension.integer && !field.safeParse(between).success) {
        ctx.addIssue({
          code: "custom",
          path: at(),
          message: `"${key}" takes whole numbers: add integer: true to the range`
        });
      }
    }
  }
});
var evaluationSchema = external_exports.object({
  /** true: on the task's headline metric; { metric }: on that one; false: no such gate. */
  beat_trivial: external_exports.union([external_exports.boolean(), external_exports.object({ metric: external_exports.string().min(1) }).strict()], {
    error: "expected true, false or { metric: NAME }"
  }).default(true),
  /** Slice values with fewer test rows are marked small and left out of slice_gap gates. */
  min_slice_size: positiveInt.default(DEFAULT_MIN_SLICE_SIZE),
  /** A score above it predicts the positive class; { tune: f1 } picks it on the validation split. */
  threshold: external_exports.union([external_exports.number().gt(0).lt(1), external_exports.object({ tune: external_exports.enum(THRESHOLD_METRICS) }).strict()], {
    error: `expected a number between 0 and 1, or { tune: METRIC } with one of: ${THRESHOLD_METRICS.join(", ")}`
  }).default(DEFAULT_THRESHOLD),
  bootstrap: external_exports.object({
    resamples: positiveInt.min(100).max(1e5).default(DEFAULT_BOOTSTRAP.resamples),
    confidence: external_exports.number().gt(0.5).lt(1).default(DEFAULT_BOOTSTRAP.confidence),
    seed: external_exports.number().int().default(DEFAULT_BOOTSTRAP.seed)
  }).strict().default(() => ({ ...DEFAULT_BOOTSTRAP }))
}).strict();
var registrySchema = external_exports.object({
  stages: external_exports.array(tagNamePart).min(1).default(["staging", "production"]),
  ordered: external_exports.boolean().optional(),
  bump: external_exports.enum(["major", "minor", "patch"]).default("minor"),
  releases: external_exports.string().min(1).default(".mlops/releases")
}).strict();
var duration = external_exports.string().refine((text) => parseDuration(text) !== null, `expected ${DURATION_HINT}`);
var columnDriftSchema = external_exports.object({
  retrain: external_exports.boolean().default(true),
  test: driftTestSchema.default("auto"),
  threshold: external_exports.number().positive().optional()
}).strict();
var monitorSchema = external_exports.object({
  /** The logs looked at: this far back (the default of --since). */
  window: duration.default("7d"),
  /** Predictions of a version before its inputs are tested for drift. */
  min_inputs: positiveInt.default(100),
  /** Labelled predictions of a version before its live metrics are held to the gates. */
  min_labels: positiveInt.default(30),
  /** Retrain when an input drift is an ERROR, as validation would fail it. */
  drift: external_exports.boolean().default(true),
  /** Test the served outputs against the validation outputs recorded at train time. */
  prediction_drift: columnDriftSchema.default(() => columnDriftSchema.parse({})),
  /** Test the labels sent back against the training labels. */
  label_drift: columnDriftSchema.default(() => columnDriftSchema.parse({})),
  /** Retrain when a gate fails on the live metrics. */
  decay: external_exports.boolean().default(true),
  /** Retrain once the window holds this many labelled predictions (new training data). */
  new_data: positiveInt.optional(),
  /** Retrain when the latest registered version is older than this. */
  max_age: duration.optional(),
  /** With no predictions in the window: ignore (retrain=false), retrain, or fail the step. */
  no_logs: external_exports.enum(["ignore", "retrain", "fail"]).default("ignore")
}).strict();
var modelNameSchema = tagNamePart;
var configSchema = external_exports.object({
  name: modelNameSchema.optional(),
  data: dataSchema,
  schema: external_exports.string().min(1).default("mlops/schema.json"),
  // Function defaults: zod only shallow-copies a default value, so nested arrays and objects
  // (model.hidden, registry.stages, validation.drift) would be shared by every parsed config.
  validation: validationSchema.default(() => validationSchema.parse({})),
  model: modelSchema.default(() => modelSchema.parse({})),
  tuning: tuningSchema.optional(),
  gates: external_exports.array(gateSchema).default([]),
  evaluation: evaluationSchema.default(() => evaluationSchema.parse({})),
  registry: registrySchema.default(() => registrySchema.parse({})),
  // Optional, not defaulted: the config hash (a model's identity) of a config without it is
  // unchanged, and monitorSettings fills the defaults where it is read.
  monitor: monitorSchema.optional()
}).strict().superRefine((config, ctx) => {
  const tasks = config.model.task ? [config.model.task] : ["binary", "multiclass", "regression"];
  config.gates.forEach((gate, index) => {
    if (tasks.some((task) => isKnownMetric(gate.metric, task))) return;
    const known = [...new Set(tasks.flatMap(metricNames))].join(", ");
    const forTask = config.model.task ? ` for a ${config.model.task} model` : "";
    ctx.addIssue({
      code: "custom",
      path: ["gates", index, "metric"],
      message: `unknown metric "${gate.metric}"${forTask}; expected one of: ${known}`
    });
  });
  checkTuning(config, tasks, ctx);
  checkEvaluation(config, tasks, ctx);
  config.gates.forEach((gate, index) => {
    const by = gate.slice_gap?.by;
    if (by === void 0 || config.data.slices.includes(by)) return;
    ctx.addIssue({
      code: "custom",
      path: ["gates", index, "slice_gap", "by"],
      message: `"${by}" is not in data.slices; add it there so its slices are evaluated`
    });
  });
});
function checkTuning(config, tasks, ctx) {
  if (!config.tuning) return;
  const { metric } = config.tuning;
  if (!tasks.some((task) => isKnownMetric(metric, task)) || metricDirection(metric) === null) {
    const known = [...new Set(tasks.flatMap(metricNames))].filter((name) => metricDirection(name));
    ctx.addIssue({
      code: "custom",
      path: ["tuning", "metric"],
      message: `"${metric}" cannot rank trials; expected one of: ${known.join(", ")}`
    });
  }
  if (config.data.split.validation === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["data", "split", "validation"],
      message: "tuning ranks trials on the validation split: set a fraction above 0"
    });
  }
}
function checkEvaluation(config, tasks, ctx) {
  const { beat_trivial: beat, threshold } = config.evaluation;
  if (typeof beat === "object") {
    const { metric } = beat;
    if (!tasks.some((task) => isKnownMetric(metric, task)) || metricDirection(metric) === null) {
      const known = [...new Set(tasks.flatMap(metricNames))].filter(
        (name) => metricDirection(name)
      );
      ctx.addIssue({
        code: "custom",
        path: ["evaluation", "beat_trivial", "metric"],
        message: `"${metric}" cannot be compared with the trivial baseline; expected one of: ${known.join(", ")}`
      });
    }
  }
  if (typeof threshold === "number") return;
  if (config.model.task !== void 0 && config.model.task !== "binary") {
    ctx.addIssue({
      code: "custom",
      path: ["evaluation", "threshold"],
      message: `a ${config.model.task} model has no decision threshold to tune; remove it`
    });
  }
  if (config.data.split.validation === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["evaluation", "threshold"],
      message: "the threshold is tuned on the validation split: set data.split.validation above 0"
    });
  }
}
function monitorSettings(config) {
  return config.monitor ?? monitorSchema.parse({});
}

// src/evaluate/slices.ts
var MISSING_SLICE_VALUE = "(missing)";
var MAX_SLICE_VALUES = 100;
function evaluateSlices(p, columns, options = {}) {
  const minCount = options.minCount ?? 1;
  const minSliceSize = options.minSliceSize ?? DEFAULT_MIN_SLICE_SIZE;
  return columns.map((column) => {
    if (column.values.length !== p.labels.length) {
      throw new DataError(
        `Slice column "${excerpt(column.name)}" has ${column.values.length} values but there are ${p.labels.length} examples; slice columns must come from the evaluated rows.`
      );
    }
    const groups = [...groupIndices(column.values)].filter(([, indices]) => indices.length >= minCount).sort(([a, x], [b, y]) => y.length - x.length || compareText(a, b));
    const values = groups.slice(0, MAX_SLICE_VALUES).map(([value, indices]) => ({
      value: excerpt(value),
      count: indices.length,
      metrics: computeMetrics(selectExamples(p, indices), options),
      ...indices.length < minSliceSize ? { small: true } : {}
    }));
    const left = groups.slice(MAX_SLICE_VALUES);
    if (left.length === 0) return { column: column.name, values };
    const count2 = left.reduce((total, [, indices]) => total + indices.length, 0);
    return { column: column.name, values, omitted: { values: left.length, count: count2 } };
  });
}
function groupIndices(values) {
  const groups = /* @__PURE__ */ new Map();
  values.forEach((value, index) => {
    const key = value ?? MISSING_SLICE_VALUE;
    const group = groups.get(key);
    if (group) group.push(index);
    else groups.set(key, [index]);
  });
  return groups;
}
function evaluatePredictions(p, columns = [], options = {}) {
  const result = {
    task: p.task,
    count: p.labels.length,
    overall: computeMetrics(p, options),
    slices: evaluateSlices(p, columns, options)
  };
  if (p.task === "regression") {
    const bins = predictionBins(p);
    if (bins) result.predictionBins = bins;
    return result;
  }
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  result.confusionMatrix = confusionMatrix(p, threshold);
  if (p.task === "multiclass") return result;
  result.threshold = threshold;
  const roc = rocCurve(p);
  if (roc) result.roc = roc;
  result.calibration = calibrationBins(p);
  return result;
}
function selectExamples(p, indices) {
  const labels = indices.map((i) => p.labels[i]);
  switch (p.task) {
    case "binary":
      return { ...p, labels, scores: indices.map((i) => p.scores[i]) };
    case "multiclass":
      return { ...p, labels, probabilities: indices.map((i) => p.probabilities[i]) };
    case "regression":
      return { ...p, labels, values: indices.map((i) => p.values[i]) };
  }
}

// src/steps/outputs.ts
var VALIDATION_FORMAT = "mlops-actions/validation/v1";
var EVALUATION_FORMAT = "mlops-actions/evaluation/v1";
var REGISTRATION_FORMAT = "mlops-actions/registration/v1";
var count = external_exports.number().int().min(0);
var sha256 = external_exports.string().regex(/^[0-9a-f]{64}$/, "expected a sha256 in hex");
var modelName = external_exports.string().refine((name) => nameProblem(name) === null, "expected a model name (see mlops.yml `name`)");
var metricSet = external_exports.record(external_exports.string(), external_exports.number());
var columnKind = external_exports.enum(["numeric", "categorical", "boolean", "date", "text", "empty"]);
var numericStats = external_exports.object({
  min: external_exports.number(),
  max: external_exports.number(),
  mean: external_exports.number(),
  std: external_exports.number(),
  zeros: count,
  nonFinite: count,
  integer: external_exports.boolean(),
  quantiles: external_exports.object({
    p01: external_exports.number(),
    p25: external_exports.number(),
    p50: external_exports.number(),
    p75: external_exports.number(),
    p99: external_exports.number()
  }),
  histogram: external_exports.object({ edges: external_exports.array(external_exports.number()), counts: external_exports.array(count) }),
  // For data/drift.ts, which also checks that edges ascend and counts fit them.
  driftHistogram: external_exports.object({
    edges: external_exports.array(external_exports.number()),
    counts: external_exports.array(count),
    belowDistance: external_exports.number().min(0),
    aboveDistance: external_exports.number().min(0)
  }).optional(),
  distinct: external_exports.array(external_exports.object({ value: external_exports.number(), count })).max(DISTINCT_LIMIT).optional()
});
var columnStats = external_exports.object({
  name: external_exports.string(),
  kind: columnKind,
  count,
  missing: count,
  invalid: external_exports.object({
    count,
    examples: external_exports.array(external_exports.string()),
    lines: external_exports.array(count).optional()
  }).optional(),
  numeric: numericStats.optional(),
  categorical: external_exports.object({
    unique: count,
    top: external_exports.array(external_exports.object({ value: external_exports.string(), count })),
    avgLength: external_exports.number(),
    approximate: external_exports.object({ countError: count }).optional()
  }).optional(),
  decimalComma: external_exports.boolean().optional(),
  outOfRange: external_exports.object({
    min: external_exports.number().optional(),
    max: external_exports.number().optional(),
    below: count,
    above: count,
    lines: external_exports.array(count).optional()
  }).optional(),
  outOfDomain: external_exports.object({
    count,
    top: external_exports.array(external_exports.object({ value: external_exports.string(), count })),
    lines: external_exports.array(count).optional()
  }).optional()
});
var datasetStats = external_exports.object({ rows: count, columns: external_exports.array(columnStats).max(MAX_COLUMNS) });
var dataSchema2 = external_exports.object({
  version: external_exports.literal(1),
  label: external_exports.string().optional(),
  features: external_exports.array(
    external_exports.object({
      name: external_exports.string(),
      kind: columnKind,
      minPresence: external_exports.number(),
      values: external_exports.array(external_exports.string()).optional(),
      integer: external_exports.boolean().optional(),
      min: external_exports.number().optional(),
      max: external_exports.number().optional()
    })
  ).max(MAX_COLUMNS)
});
var anomaly = external_exports.object({
  column: external_exports.string().nullable(),
  type: external_exports.string(),
  severity: external_exports.enum(["WARNING", "ERROR"]),
  description: external_exports.string()
});
var driftTest = external_exports.enum(["ks", "chisquare", "z", "wasserstein", "jensenshannon", "psi", "linf"]);
var driftReport = external_exports.object({
  features: external_exports.array(
    external_exports.object({
      feature: external_exports.string(),
      kind: columnKind,
      test: driftTest,
      measure: external_exports.enum(["p_value", "distance"]),
      value: external_exports.number(),
      threshold: external_exports.number(),
      drifted: external_exports.boolean(),
      severity: external_exports.enum(["WARNING", "ERROR"]),
      effect: external_exports.number().optional(),
      statistic: external_exports.number().optional(),
      valueRange: external_exports.tuple([external_exports.number(), external_exports.number()]).optional(),
      basis: external_exports.enum(["histogram", "values", "categories"]),
      referenceCount: count,
      currentCount: count
    })
  ).max(MAX_COLUMNS),
  skipped: external_exports.array(external_exports.object({ feature: external_exports.string(), reason: external_exports.string() })).max(MAX_COLUMNS),
  dataset: external_exports.object({
    features: count,
    driftedFeatures: count,
    share: external_exports.number(),
    driftShare: external_exports.number(),
    detected: external_exports.boolean()
  }),
  anomalies: external_exports.array(anomaly)
});
var validationSchema2 = external_exports.object({
  format: external_exports.literal(VALIDATION_FORMAT),
  source: external_exports.string(),
  dataHash: sha256,
  rows: count,
  unlabeled: external_exports.object({ count, lines: external_exports.array(count) }),
  rejected: external_exports.object({ count, file: external_exports.enum(["rejects.csv", "rejects.jsonl"]), lines: external_exports.array(count) }).nullable().optional(),
  statistics: datasetStats,
  schema: dataSchema2,
  schemaSource: external_exports.enum(["committed", "inferred"]),
  drift: external_exports.object({
    baseline: external_exports.object({ label: external_exports.string(), source: external_exports.enum(["registry", "bundle", "file"]) }),
    reference: datasetStats,
    report: driftReport
  }).nullable(),
  anomalies: external_exports.array(anomaly),
  passed: external_exports.boolean()
});
var interval = external_exports.object({ lower: external_exports.number(), upper: external_exports.number() });
var thresholdTuning = external_exports.object({ metric: external_exports.string(), validation: external_exports.number() });
var decisionThreshold = external_exports.object({
  value: external_exports.number().min(0).max(1),
  tuning: thresholdTuning.optional()
});
var intervals = external_exports.record(external_exports.string(), interval);
var honestyFields = {
  intervals: intervals.optional(),
  bootstrap: external_exports.object({
    resamples: count,
    confidence: external_exports.number().gt(0).lt(1),
    seed: external_exports.number().int()
  }).optional(),
  trivial: external_exports.object({
    predictor: external_exports.discriminatedUnion("kind", [
      external_exports.object({ kind: external_exports.literal("majority"), class: external_exports.string(), share: external_exports.number() }),
      external_exports.object({ kind: external_exports.literal("mean"), value: external_exports.number() })
    ]),
    overall: metricSet,
    difference: intervals
  }).optional()
};
var evaluationResult = external_exports.object({
  task: taskSchema,
  count,
  overall: metricSet,
  slices: external_exports.array(
    external_exports.object({
      column: external_exports.string(),
      values: external_exports.array(
        external_exports.object({
          value: external_exports.string(),
          count,
          metrics: metricSet,
          small: external_exports.boolean().optional()
        })
      ).max(MAX_SLICE_VALUES),
      omitted: external_exports.object({ values: count, count }).optional()
    })
  ).max(MAX_COLUMNS),
  confusionMatrix: external_exports.object({
    // The kept classes and, when some were left out, one more standing for them.
    classes: external_exports.array(external_exports.string()).max(CONFUSION_MAX_CLASSES + 1),
    matrix: external_exports.array(external_exports.array(count).max(CONFUSION_MAX_CLASSES + 1)).max(CONFUSION_MAX_CLASSES + 1),
    otherClasses: count.optional()
  }).optional(),
  threshold: external_exports.number().optional(),
  thresholdTuning: thresholdTuning.optional(),
  roc: external_exports.array(external_exports.object({ fpr: external_exports.number(), tpr: external_exports.number() })).optional(),
  calibration: external_exports.array(
    external_exports.object({
      lower: external_exports.number(),
      upper: external_exports.number(),
      count,
      meanScore: external_exports.number(),
      observedRate: external_exports.number()
    })
  ).optional(),
  predictionBins: external_exports.array(external_exports.object({ count, actual: external_exports.number(), predicted: external_exports.number() })).max(PREDICTION_BINS).optional(),
  ...honestyFields
});
var gateReport = external_exports.object({
  blessed: external_exports.boolean(),
  verdict: external_exports.enum(["BLESSED", "NOT_BLESSED"]),
  results: external_exports.array(
    external_exports.object({
      gate: gateSchema,
      criterion: external_exports.enum(GATE_CRITERIA),
      description: external_exports.string(),
      status: external_exports.enum(["pass", "fail", "skipped"]),
      actual: external_exports.number().optional(),
      expected: external_exports.string().optional(),
      baseline: external_exports.number().optional(),
      reason: external_exports.string().optional()
    })
  )
});
var metricComparison = external_exports.object({
  metric: external_exports.string(),
  current: external_exports.number(),
  baseline: external_exports.number().nullable(),
  delta: external_exports.number().nullable(),
  relativeDelta: external_exports.number().nullable(),
  better: external_exports.boolean().nullable(),
  noise: external_exports.object({
    test: external_exports.enum(["paired", "overlap"]),
    withinNoise: external_exports.boolean(),
    difference: interval.optional()
  }).optional()
});
var evaluationSchema2 = external_exports.object({
  format: external_exports.literal(EVALUATION_FORMAT),
  name: modelName,
  modelId: sha256,
  dataHash: sha256,
  evaluation: evaluationResult,
  positiveClass: external_exports.string().nullable(),
  unknownLabels: count,
  baseline: external_exports.object({
    version: external_exports.string(),
    tag: external_exports.string(),
    reason: external_exports.string(),
    source: external_exports.enum(["reevaluated", "tag-metadata"]),
    evaluation: evaluationResult,
    recorded: metricSet.optional()
  }).nullable(),
  comparison: external_exports.array(metricComparison),
  gates: gateReport,
  blessed: external_exports.boolean()
});
var registrationSchema = external_exports.object({
  format: external_exports.literal(REGISTRATION_FORMAT),
  name: modelName,
  version: external_exports.string().min(1),
  tag: external_exports.string().min(1),
  commit: external_exports.string().regex(/^[0-9a-f]{40,64}$/, "expected a commit SHA"),
  releaseUrl: external_exports.string().nullable(),
  existing: external_exports.boolean(),
  forced: tagMetadataSchema.shape.forced.unwrap().nullable()
});
var trainingSchema = external_exports.object({
  format: external_exports.literal(TRAINING_INFO_FORMAT),
  name: modelName,
  modelId: sha256,
  task: taskSchema,
  label: external_exports.string(),
  features: external_exports.array(external_exports.object({ column: external_exports.string(), kind: external_exports.string() })).max(MAX_COLUMNS),
  rows: external_exports.object({ train: count, validation: count, test: count, unlabeled: count }),
  backend: external_exports.string(),
  seed: external_exports.number().int(),
  epochs: external_exports.object({
    run: count,
    best: count,
    stoppedEarly: external_exports.boolean(),
    limit: count.optional(),
    patience: count.optional()
  }),
  warnings: external_exports.array(external_exports.string().max(1e3)).max(20).optional(),
  dataHash: sha256,
  split: external_exports.object({
    test: external_exports.number(),
    validation: external_exports.number(),
    seed: external_exports.number().int(),
    key: external_exports.string().optional()
  }),
  configHash: sha256,
  schemaHash: sha256.optional(),
  toolVersion: external_exports.string().optional(),
  threshold: decisionThreshold.optional()
});
var STEP_OUTPUTS = {
  validation: { id: VALIDATION_FORMAT, schema: validationSchema2 },
  evaluation: { id: EVALUATION_FORMAT, schema: evaluationSchema2 },
  registration: { id: REGISTRATION_FORMAT, schema: registrationSchema },
  training: { id: TRAINING_INFO_FORMAT, schema: trainingSchema }
};
function checkStepOutput(value, file, output, remedy) {
  if (!isPlainObject(value)) {
    throw new DataError(`${file}: expected a JSON object, found ${describe(value)}. ${remedy}`);
  }
  const found = value.format;
  if (found === void 0) {
    throw new DataError(
      `${file} has no "format" field, so it was written by an older mlops-actions (or by hand); this one reads format "${output.id}". ${remedy}`
    );
  }
  if (found !== output.id) {
    throw new DataError(
      `${file} is in format ${shown(found)}, but this mlops-actions reads "${output.id}": it was written by another version of mlops-actions, or is another file. ${remedy}`
    );
  }
  return checkShape(value, file, output.schema, remedy);
}
function checkStatistics(value, file, remedy) {
  return checkShape(value, file, datasetStats, remedy);
}
var historySchema = external_exports.array(
  external_exports.object({
    epoch: count,
    loss: external_exports.number().nullable(),
    valLoss: external_exports.number().nullable().optional()
  })
);
function checkHistory(value, file, remedy) {
  return checkShape(value, file, historySchema, remedy);
}
function checkShape(value, file, schema, remedy) {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const [first, ...others] = result.error.issues;
  const more = others.length > 0 ? ` (and ${others.length} more problem${others.length > 1 ? "s" : ""})` : "";
  throw new DataError(`${file}: ${first ? issueText(first, value) : "invalid"}${more}. ${remedy}`);
}
function issueText(issue, root) {
  const where = issue.path.length > 0 ? `${fieldPath(issue.path)}: ` : "";
  if (issue.code === "invalid_type") {
    const at = valueAt(root, issue.path);
    return `${where}expected ${withArticle(issue.expected)}, found ${at.found ? describe(at.value) : "nothing (the field is missing)"}`;
  }
  const inert = issue.message.replace(/^Invalid (input|option): /, "").replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
  return `${where}${inert.length > 200 ? `${inert.slice(0, 200)}\u2026` : inert}`;
}
function fieldPath(parts) {
  return parts.map((part, index) => {
    if (typeof part === "number") return `[${part}]`;
    const name = String(part);
    if (/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return index === 0 ? name : `.${name}`;
    return `[${shown(name)}]`;
  }).join("");
}
function valueAt(root, parts) {
  let current = root;
  for (const part of parts) {
    if (typeof current !== "object" || current === null) return { found: false };
    if (!Object.hasOwn(current, part)) return { found: false };
    current = current[part];
  }
  return { found: true, value: current };
}
function withArticle(expected) {
  return `${/^[aeiou]/.test(expected) ? "an" : "a"} ${expected}`;
}
function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return withArticle(typeof value);
}
function shown(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}\u2026` : text;
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/steps/context.ts
import path from "node:path";
function outputPaths(out) {
  return {
    validation: path.join(out, "validation.json"),
    schema: path.join(out, "schema.json"),
    model: path.join(out, "model"),
    evaluation: path.join(out, "evaluation.json"),
    report: path.join(out, "report.md"),
    registration: path.join(out, "registration.json"),
    /** A comment this run could not post, for a trusted workflow_run job to post. */
    pendingComment: path.join(out, "comment.json")
  };
}
async function removeStaleOutputs(ctx) {
  const paths = outputPaths(ctx.out);
  for (const file of [paths.evaluation, paths.registration, paths.report, paths.pendingComment]) {
    await ctx.deps.fs.remove(file);
  }
}
function resolveInput(ctx, file) {
  return path.resolve(ctx.baseDir, file);
}
async function readStepText(ctx, file, step) {
  if (!await ctx.deps.fs.exists(file)) {
    throw new UsageError(
      `${file} not found: run \`mlops ${step}\` first (or \`mlops run\` for the whole pipeline).`
    );
  }
  return ctx.deps.fs.readText(file);
}
async function readStepOutput(ctx, file, step, output) {
  const text = await readStepText(ctx, file, step);
  const remedy = `Run \`mlops ${step}\` again to rewrite it.`;
  return checkStepOutput(parseJson(text, file, remedy), file, output, remedy);
}
function writeJson(ctx, file, value) {
  return ctx.deps.fs.write(file, `${JSON.stringify(value, null, 2)}
`);
}

export {
  compareByBootstrap,
  chooseThreshold,
  parseDuration,
  describeDuration,
  monitorWindow,
  taskSchema,
  backendSchema,
  modelSchema,
  hyperParameterSchema,
  modelNameSchema,
  configSchema,
  monitorSettings,
  evaluatePredictions,
  VALIDATION_FORMAT,
  EVALUATION_FORMAT,
  REGISTRATION_FORMAT,
  STEP_OUTPUTS,
  checkStepOutput,
  checkStatistics,
  checkHistory,
  outputPaths,
  removeStaleOutputs,
  resolveInput,
  readStepText,
  readStepOutput,
  writeJson
};
