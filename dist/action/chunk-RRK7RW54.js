import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  CONFUSION_MAX_CLASSES,
  DEFAULT_THRESHOLD,
  MAX_COLUMNS,
  calibrationBins,
  computeMetrics,
  confusionMatrix,
  excerpt,
  gateSchema,
  isKnownMetric,
  metricNames,
  parseJson,
  rocCurve
} from "./chunk-TR5YPSUC.js";
import {
  TRAINING_INFO_FORMAT
} from "./chunk-RFZDLVJK.js";
import {
  tagMetadataSchema
} from "./chunk-4FCZWPGO.js";
import {
  DataError,
  UsageError,
  nameProblem
} from "./chunk-U75PPFJS.js";
import {
  compareText
} from "./chunk-NM5J5SUB.js";
import {
  external_exports
} from "./chunk-ZA3UR7Y6.js";

// src/data/missing.ts
var DEFAULT_NA_VALUES = ["", "NA", "N/A", "NaN", "null", "None", "?"];
function missingMatcher(tokens) {
  const normalized = /* @__PURE__ */ new Set(["", ...tokens.map((token) => token.trim().toLowerCase())]);
  const ascii = [...normalized].every((token) => /^[\x20-\x7e]*$/.test(token));
  const byLength = [];
  for (const token of normalized) (byLength[token.length] ??= []).push(token);
  const exact = (text) => normalized.has(text.trim().toLowerCase());
  const isMissingText = (text) => {
    const length = text.length;
    if (length === 0) return true;
    if (!ascii || mayBeTrimmed(text.charCodeAt(0)) || mayBeTrimmed(text.charCodeAt(length - 1))) {
      return exact(text);
    }
    if (length >= byLength.length) return false;
    const candidates = byLength[length];
    if (candidates === void 0) return false;
    for (const token of candidates) if (equalsLowerCaseToken(text, token)) return true;
    return false;
  };
  return (value) => {
    if (typeof value === "string") return isMissingText(value);
    return isAbsent(value);
  };
}
function isAbsent(value) {
  return value === null || value === void 0 || value === "" || typeof value === "number" && Number.isNaN(value);
}
function mayBeTrimmed(code) {
  if (code < 128) return code <= 32;
  return code === 160 || code === 5760 || code >= 8192 && code <= 8202 || code === 8232 || code === 8233 || code === 8239 || code === 8287 || code === 12288 || code === 65279;
}
function equalsLowerCaseToken(text, token) {
  for (let i = 0; i < token.length; i++) {
    const code = text.charCodeAt(i);
    const expected = token.charCodeAt(i);
    if (code === expected) continue;
    const isLetter = expected >= 97 && expected <= 122;
    const folds = code === expected - 32 || expected === 107 && code === 8490;
    if (!isLetter || !folds) return false;
  }
  return true;
}

// src/evaluate/slices.ts
var MISSING_SLICE_VALUE = "(missing)";
var MAX_SLICE_VALUES = 100;
function evaluateSlices(p, columns, options = {}) {
  const minCount = options.minCount ?? 1;
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
      metrics: computeMetrics(selectExamples(p, indices), options)
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
  if (p.task === "regression") return result;
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
var dataSchema = external_exports.object({
  train: external_exports.string().min(1),
  label: external_exports.string().min(1),
  format: external_exports.enum(["csv", "jsonl"]).optional(),
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
  decimal: external_exports.enum([".", ","]).optional()
}).strict();
var driftSchema = external_exports.object({
  test: external_exports.enum(["auto", "ks", "chisquare", "wasserstein", "jensenshannon", "psi"]).default("auto"),
  threshold: external_exports.number().positive().default(0.1),
  share: external_exports.number().min(0).max(1).default(0.5)
}).strict();
var validationSchema = external_exports.object({
  min_examples: positiveInt.default(10),
  fail_on: external_exports.enum(["error", "warning", "never"]).default("error"),
  drift: driftSchema.optional()
}).strict();
var modelSchema = external_exports.object({
  task: taskSchema.optional(),
  hidden: external_exports.array(positiveInt).max(8).default([64, 32]),
  dropout: external_exports.number().min(0).max(0.9).default(0.1),
  learning_rate: external_exports.number().positive().max(1).default(1e-3),
  epochs: positiveInt.max(1e4).default(30),
  batch_size: positiveInt.default(64),
  early_stopping: external_exports.object({ patience: positiveInt.default(3), min_delta: external_exports.number().min(0).default(0) }).strict().default({ patience: 3, min_delta: 0 }),
  seed: external_exports.number().int().default(42),
  backend: backendSchema.default("auto")
}).strict();
var tuningSchema = external_exports.object({
  search: external_exports.enum(["random", "grid"]).default("random"),
  trials: positiveInt.default(8),
  metric: external_exports.string().min(1),
  space: external_exports.record(external_exports.string(), external_exports.array(external_exports.union([external_exports.number(), external_exports.string()])).min(1))
}).strict();
var registrySchema = external_exports.object({
  stages: external_exports.array(tagNamePart).min(1).default(["staging", "production"]),
  ordered: external_exports.boolean().optional(),
  bump: external_exports.enum(["major", "minor", "patch"]).default("minor"),
  releases: external_exports.string().min(1).default(".mlops/releases")
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
  registry: registrySchema.default(() => registrySchema.parse({}))
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
  histogram: external_exports.object({ edges: external_exports.array(external_exports.number()), counts: external_exports.array(count) })
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
    avgLength: external_exports.number()
  }).optional(),
  decimalComma: external_exports.boolean().optional()
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
var validationSchema2 = external_exports.object({
  format: external_exports.literal(VALIDATION_FORMAT),
  source: external_exports.string(),
  dataHash: sha256,
  rows: count,
  unlabeled: external_exports.object({ count, lines: external_exports.array(count) }),
  statistics: datasetStats,
  schema: dataSchema2,
  schemaSource: external_exports.enum(["committed", "inferred"]),
  anomalies: external_exports.array(
    external_exports.object({
      column: external_exports.string().nullable(),
      type: external_exports.string(),
      severity: external_exports.enum(["WARNING", "ERROR"]),
      description: external_exports.string()
    })
  ),
  passed: external_exports.boolean()
});
var evaluationResult = external_exports.object({
  task: taskSchema,
  count,
  overall: metricSet,
  slices: external_exports.array(
    external_exports.object({
      column: external_exports.string(),
      values: external_exports.array(external_exports.object({ value: external_exports.string(), count, metrics: metricSet })).max(MAX_SLICE_VALUES),
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
  roc: external_exports.array(external_exports.object({ fpr: external_exports.number(), tpr: external_exports.number() })).optional(),
  calibration: external_exports.array(
    external_exports.object({
      lower: external_exports.number(),
      upper: external_exports.number(),
      count,
      meanScore: external_exports.number(),
      observedRate: external_exports.number()
    })
  ).optional()
});
var gateReport = external_exports.object({
  blessed: external_exports.boolean(),
  verdict: external_exports.enum(["BLESSED", "NOT_BLESSED"]),
  results: external_exports.array(
    external_exports.object({
      gate: gateSchema,
      criterion: external_exports.enum(["bounds", "change", "slice_gap"]),
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
  better: external_exports.boolean().nullable()
});
var evaluationSchema = external_exports.object({
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
    evaluation: evaluationResult
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
  epochs: external_exports.object({ run: count, best: count, stoppedEarly: external_exports.boolean() }),
  dataHash: sha256,
  split: external_exports.object({
    test: external_exports.number(),
    validation: external_exports.number(),
    seed: external_exports.number().int(),
    key: external_exports.string().optional()
  }),
  configHash: sha256,
  schemaHash: sha256.optional(),
  toolVersion: external_exports.string().optional()
});
var STEP_OUTPUTS = {
  validation: { id: VALIDATION_FORMAT, schema: validationSchema2 },
  evaluation: { id: EVALUATION_FORMAT, schema: evaluationSchema },
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
  const result = output.schema.safeParse(value);
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
  DEFAULT_NA_VALUES,
  missingMatcher,
  isAbsent,
  backendSchema,
  modelNameSchema,
  configSchema,
  evaluatePredictions,
  VALIDATION_FORMAT,
  EVALUATION_FORMAT,
  REGISTRATION_FORMAT,
  STEP_OUTPUTS,
  outputPaths,
  removeStaleOutputs,
  resolveInput,
  readStepText,
  readStepOutput,
  writeJson
};
