import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  external_exports
} from "./chunk-QXT2EVHB.js";
import {
  MAX_COLUMNS
} from "./chunk-XU32KRXS.js";
import {
  compareText
} from "./chunk-NM5J5SUB.js";
import {
  ConfigError
} from "./chunk-N5O7Y2C6.js";

// src/data/schema.ts
var MAX_DOMAIN_SIZE = 100;
var KINDS = ["numeric", "categorical", "boolean", "date", "text", "empty"];
var featureSchema = external_exports.strictObject({
  name: external_exports.string().min(1),
  kind: external_exports.enum(KINDS),
  minPresence: external_exports.number().min(0).max(1),
  integer: external_exports.boolean().optional(),
  min: external_exports.number().optional(),
  max: external_exports.number().optional(),
  values: external_exports.array(external_exports.string()).optional()
}).refine(
  (feature) => !(feature.min !== void 0 && feature.max !== void 0 && feature.min > feature.max),
  {
    message: "min must not be greater than max",
    path: ["min"]
  }
);
var schemaSchema = external_exports.strictObject({
  version: external_exports.literal(1),
  label: external_exports.string().min(1).optional(),
  // A schema names the data's columns, of which a table has at most MAX_COLUMNS.
  features: external_exports.array(featureSchema).max(MAX_COLUMNS)
}).superRefine((schema, context) => {
  const seen = /* @__PURE__ */ new Set();
  schema.features.forEach((feature, index) => {
    if (seen.has(feature.name)) {
      context.addIssue({
        code: "custom",
        message: `duplicate feature "${feature.name}"`,
        path: ["features", index, "name"]
      });
    }
    seen.add(feature.name);
  });
  if (schema.label !== void 0 && !seen.has(schema.label)) {
    context.addIssue({
      code: "custom",
      message: `label "${schema.label}" is not one of the features`,
      path: ["label"]
    });
  }
});
var PRESENCE_SLACK = 0.02;
var PRESENCE_SIGMAS = 3;
var RANGE_MARGIN = 0.1;
var MAX_INTEGER_CLASSES = 10;
function inferSchema(stats, options = {}) {
  const { label } = options;
  if (label !== void 0 && !stats.columns.some((column) => column.name === label)) {
    const columns = stats.columns.map((column) => column.name).join(", ");
    throw new ConfigError(
      `data.label: column "${label}" is not in the data (columns: ${columns}); set data.label to one of them`
    );
  }
  const ignored = new Set(options.ignore ?? []);
  const features = stats.columns.map((column) => {
    const feature = {
      name: column.name,
      kind: column.kind,
      minPresence: presenceTolerance(column.count, stats.rows)
    };
    const numeric = column.kind === "numeric" ? column.numeric : void 0;
    if (numeric) feature.integer = numeric.integer;
    const classes = column.name === label ? labelClasses(column, options.task) : void 0;
    if (classes) {
      feature.values = classes;
    } else if (numeric && !ignored.has(column.name)) {
      const finite = column.count - (column.invalid?.count ?? 0) - numeric.nonFinite;
      const range = finite > 0 ? learnedRange(numeric.min, numeric.max, numeric.integer) : null;
      if (range) Object.assign(feature, range);
    } else if (column.kind === "categorical") {
      const domain = completeDomain(column);
      if (domain) feature.values = domain;
    }
    return feature;
  });
  return label === void 0 ? { version: 1, features } : { version: 1, label, features };
}
function presenceTolerance(count, rows) {
  if (rows === 0 || count === 0) return 0;
  if (count >= rows) return 1;
  const p = count / rows;
  const tolerance = Math.max(PRESENCE_SLACK, PRESENCE_SIGMAS * Math.sqrt(p * (1 - p) / rows));
  return Math.max(0, Math.floor((p - tolerance) * 100 + 1e-9) / 100);
}
function learnedRange(min, max, integer) {
  const width = max - min;
  const margin = width > 0 ? RANGE_MARGIN * width : max !== 0 ? RANGE_MARGIN * Math.abs(max) : 1;
  if (!Number.isFinite(margin) || margin <= 0) return null;
  const exponent = Math.floor(Math.log10(margin));
  const step = integer ? Math.max(1, 10 ** exponent) : 10 ** exponent;
  const decimals = integer ? 0 : Math.min(100, Math.max(0, -exponent));
  const round = (value) => Number(value.toFixed(decimals));
  const steps = (value) => Number((value / step).toPrecision(12));
  let low = round(Math.floor(steps(min - margin)) * step);
  let high = round(Math.ceil(steps(max + margin)) * step);
  if (min >= 0) low = Math.max(0, low);
  low = Math.min(low, min);
  high = Math.max(high, max);
  if (!Number.isFinite(low) || !Number.isFinite(high)) return null;
  return { min: low === 0 ? 0 : low, max: high === 0 ? 0 : high };
}
function labelClasses(column, task) {
  if (task === "regression") return void 0;
  switch (column.kind) {
    case "categorical":
    case "text":
    case "boolean":
      return completeDomain(column);
    case "numeric": {
      const distinct = column.numeric?.distinct;
      if (!distinct) return void 0;
      const classes = task !== void 0 || distinct.length <= 2 || column.numeric?.integer === true && distinct.length <= MAX_INTEGER_CLASSES;
      return classes ? distinct.map((entry) => String(entry.value)) : void 0;
    }
    case "date":
    case "empty":
      return void 0;
  }
}
function completeDomain(column) {
  const categories = column.categorical;
  if (!categories || categories.unique > MAX_DOMAIN_SIZE || categories.top.length !== categories.unique) {
    return void 0;
  }
  return [...new Set(categories.top.map((entry) => entry.value))].sort(compareText);
}
function schemaChecks(schema) {
  const ranges = {};
  const domains = {};
  for (const feature of schema.features) {
    if (feature.kind === "numeric" && (feature.min !== void 0 || feature.max !== void 0)) {
      ranges[feature.name] = {
        ...feature.min === void 0 ? {} : { min: feature.min },
        ...feature.max === void 0 ? {} : { max: feature.max }
      };
    }
    if (feature.values) domains[feature.name] = feature.values;
  }
  return { ranges, domains };
}
function parseSchema(json, source = "schema") {
  const result = schemaSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join("; ");
  throw new ConfigError(
    `${source}: invalid schema: ${problems}. Fix the file, or delete it and run \`mlops validate --update-schema\` to infer it again`
  );
}
function formatSchema(schema) {
  const ordered = {
    version: schema.version,
    ...schema.label === void 0 ? {} : { label: schema.label },
    features: schema.features.map((feature) => ({
      name: feature.name,
      kind: feature.kind,
      minPresence: feature.minPresence,
      ...feature.integer === void 0 ? {} : { integer: feature.integer },
      ...feature.min === void 0 ? {} : { min: feature.min },
      ...feature.max === void 0 ? {} : { max: feature.max },
      ...feature.values === void 0 ? {} : { values: feature.values }
    }))
  };
  return `${JSON.stringify(ordered, null, 2)}
`;
}
function schemaKinds(schema) {
  const typed = schema.features.filter((feature) => feature.kind !== "empty");
  return Object.fromEntries(typed.map((feature) => [feature.name, feature.kind]));
}
function formatPath(path) {
  if (path.length === 0) return "(root)";
  return path.map(
    (part, index) => typeof part === "number" ? `[${part}]` : `${index > 0 ? "." : ""}${String(part)}`
  ).join("");
}

export {
  inferSchema,
  schemaChecks,
  parseSchema,
  formatSchema,
  schemaKinds
};
