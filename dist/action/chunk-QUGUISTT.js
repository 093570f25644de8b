import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  computeStatistics
} from "./chunk-IDP7WWNR.js";
import {
  decimalCommaToPoint,
  formatSchema,
  inferSchema,
  kindParser,
  loadDataset,
  schemaKinds
} from "./chunk-HXJTHRAK.js";
import {
  VALIDATION_FORMAT,
  outputPaths,
  resolveInput,
  writeJson
} from "./chunk-RRK7RW54.js";
import {
  excerpt
} from "./chunk-TR5YPSUC.js";

// src/data/anomalies.ts
var DEFAULT_MIN_EXAMPLES = 10;
var ENUM_ERROR_SHARE = 0.01;
var EXAMPLES_SHOWN = 5;
var UPDATE_SCHEMA = "update the schema with `mlops validate --update-schema`";
var SET_DECIMAL_COMMA = 'set data.decimal: "," in mlops.yml';
function detectAnomalies(stats, schema, options = {}) {
  const minExamples = options.minExamples ?? DEFAULT_MIN_EXAMPLES;
  const anomalies = [];
  if (stats.rows < minExamples) {
    anomalies.push({
      column: null,
      type: "DATASET_LOW_NUM_EXAMPLES",
      severity: "ERROR",
      description: `The data has ${stats.rows} rows, fewer than the ${minExamples} required. Check that the whole file was read and that upstream filtering did not drop rows.`
    });
  }
  const columns = new Map(stats.columns.map((column) => [column.name, column]));
  for (const feature of schema.features) {
    const column = columns.get(feature.name);
    if (column) anomalies.push(...featureAnomalies(feature, column, stats.rows));
    else anomalies.push(missingColumn(feature, feature.name === schema.label));
  }
  const known = new Set(schema.features.map((feature) => feature.name));
  for (const column of stats.columns) {
    if (known.has(column.name)) continue;
    anomalies.push({
      column: column.name,
      type: "SCHEMA_NEW_COLUMN",
      severity: "WARNING",
      description: `Column ${quoted(column.name)} (${column.kind}) is in the data but not in the schema, so it is not validated. If it is expected, ${UPDATE_SCHEMA}.`
    });
  }
  return anomalies;
}
function missingColumn(feature, isLabel) {
  const required = isLabel || feature.minPresence > 0;
  const why = isLabel ? "it is the label" : `the schema requires a value in ${percent(feature.minPresence)} of rows`;
  return {
    column: feature.name,
    type: "SCHEMA_MISSING_COLUMN",
    severity: required ? "ERROR" : "WARNING",
    description: required ? `Column ${quoted(feature.name)} is missing from the data and ${why}. Restore the column, or remove it from the schema if it was dropped on purpose.` : `Column ${quoted(feature.name)} is missing from the data; it is optional in the schema. Remove it from the schema if it was dropped on purpose.`
  };
}
function featureAnomalies(feature, column, rows) {
  const anomalies = [];
  const anomaly = (type, severity, description) => anomalies.push({ column: feature.name, type, severity, description });
  const name = quoted(feature.name);
  if (rows > 0 && column.count / rows < feature.minPresence) {
    anomaly(
      "FEATURE_TYPE_LOW_FRACTION_PRESENT",
      "ERROR",
      `${name} has a value in ${percent(column.count / rows)} of rows (${column.count} of ${rows}), below the schema's minPresence of ${percent(feature.minPresence)}. Fix the missing values at the source, or lower minPresence for ${name} in the schema if they are now expected.`
    );
  }
  if (column.count === 0) return anomalies;
  if (!kindsCompatible(feature.kind, column.kind)) {
    const examples = (column.categorical?.top ?? []).map((entry) => entry.value).filter((value) => kindParser(feature.kind)?.(value) === null).slice(0, EXAMPLES_SHOWN);
    anomaly(
      "UNEXPECTED_DATA_TYPE",
      feature.kind === "empty" ? "WARNING" : "ERROR",
      `${name} is ${feature.kind} in the schema but its values read as ${column.kind}${examples.length > 0 ? ` (e.g. ${quoteAll(examples)})` : ""}. Fix the values, or ${UPDATE_SCHEMA} if the column changed on purpose.`
    );
    return anomalies;
  }
  const invalid = column.invalid;
  const invalidText = invalid ? describeInvalid(invalid, column.count, feature.kind) : "";
  const fixValues = `Fix the values at the source, or ${UPDATE_SCHEMA} if the column changed on purpose.`;
  const fixCells = `Fix those cells at the source, list their text in data.na_values if it means "missing", or set the column's kind to "categorical" in the schema if it holds text.`;
  const numeric = column.numeric;
  switch (feature.kind) {
    case "numeric": {
      if (feature.integer) {
        const fractional = numeric && !numeric.integer ? "some values have a fractional part" : "";
        const found = [invalidText, fractional].filter(Boolean).join("; ");
        if (found) {
          anomaly(
            "INT_TYPE_NOT_INT_STRING",
            "ERROR",
            `${name} must hold integers: ${found}. ${invalidText ? fixCells : fixValues}`
          );
        }
      } else if (invalid) {
        anomaly(
          "FLOAT_TYPE_STRING_NOT_FLOAT",
          "ERROR",
          `${name} must hold numbers: ${invalidText}. ${fixCells}`
        );
      }
      if (numeric && numeric.nonFinite > 0) {
        anomaly(
          "FLOAT_TYPE_HAS_INF",
          "ERROR",
          `${name} has ${numeric.nonFinite} infinite values, which break scaling and training. Replace them at the source with a finite value or leave the cell empty (missing).`
        );
      }
      if (numeric) anomalies.push(...boundAnomalies(feature, numeric.min, numeric.max));
      break;
    }
    case "boolean":
      if (invalid) {
        anomaly(
          "BOOL_TYPE_UNEXPECTED_STRING",
          "ERROR",
          `${name} must hold true/false, yes/no, t/f, y/n or 1/0: ${invalidText}. ${fixValues}`
        );
      }
      break;
    case "date":
      if (invalid) {
        anomaly(
          "DATE_TYPE_STRING_NOT_DATE",
          "ERROR",
          `${name} must hold ISO 8601 dates (2024-01-31, 2024-01-31T10:00:00Z) or YYYY/MM/DD: ${invalidText}. ${fixValues}`
        );
      }
      break;
    case "categorical": {
      const unexpected = unexpectedValues(feature, column);
      if (unexpected) anomalies.push(unexpected);
      break;
    }
    case "text":
    case "empty":
      break;
  }
  if (column.decimalComma) anomalies.push(decimalCommaNumbers(feature));
  return anomalies;
}
function describeInvalid(invalid, count, kind) {
  const noun = kind === "numeric" ? "numbers" : `${kind}s`;
  const lines = invalid.lines?.length ? ` (first on lines ${invalid.lines.join(", ")})` : "";
  const decimalComma = kind === "numeric" && invalid.examples.every((value) => decimalCommaToPoint(value) !== null) ? `; they look like numbers written with a decimal comma: ${SET_DECIMAL_COMMA}` : "";
  return `${invalid.count} of ${count} values (${percent(invalid.count / count)}) are not ${noun}${lines}, e.g. ${quoteAll(invalid.examples)}${decimalComma}`;
}
function decimalCommaNumbers(feature) {
  const name = quoted(feature.name);
  return {
    column: feature.name,
    type: "FLOAT_TYPE_DECIMAL_COMMA",
    severity: "WARNING",
    description: `${name} is ${feature.kind}, but its values are numbers written with a decimal comma (like "1,5"). If the comma is the decimal separator, ${SET_DECIMAL_COMMA} so they are read as numbers, and ${UPDATE_SCHEMA}; if it separates thousands, remove it at the source.`
  };
}
function kindsCompatible(expected, actual) {
  return expected === actual || expected === "text" || expected === "categorical" && actual === "text";
}
function boundAnomalies(feature, min, max) {
  const prefix = feature.integer ? "INT_TYPE" : "FLOAT_TYPE";
  const noun = feature.integer ? "INT" : "FLOAT";
  const name = quoted(feature.name);
  const fix = `Fix the values, or widen the bound for ${name} in the schema if they are valid.`;
  const anomalies = [];
  if (feature.max !== void 0 && max > feature.max) {
    anomalies.push({
      column: feature.name,
      type: `${prefix}_BIG_${noun}`,
      severity: "ERROR",
      description: `${name} has values up to ${max}, above the schema's max of ${feature.max}. ${fix}`
    });
  }
  if (feature.min !== void 0 && min < feature.min) {
    anomalies.push({
      column: feature.name,
      type: `${prefix}_SMALL_${noun}`,
      severity: "ERROR",
      description: `${name} has values down to ${min}, below the schema's min of ${feature.min}. ${fix}`
    });
  }
  return anomalies;
}
function unexpectedValues(feature, column) {
  const stats = column.categorical;
  if (!feature.values || !stats) return null;
  const domain = new Set(feature.values);
  const unexpected = stats.top.filter((entry) => !domain.has(entry.value));
  const truncated = stats.top.length < stats.unique;
  const unseen = truncated ? Math.max(0, stats.unique - domain.size - unexpected.length) : 0;
  if (unexpected.length === 0 && unseen === 0) return null;
  const count = unexpected.reduce((sum, entry) => sum + entry.count, unseen);
  const share = count / column.count;
  const severity = share < ENUM_ERROR_SHARE ? "WARNING" : "ERROR";
  const shown = unexpected.slice(0, EXAMPLES_SHOWN).map((entry) => `${JSON.stringify(entry.value)} (${entry.count})`).join(", ");
  const atLeast = truncated ? "at least " : "";
  return {
    column: feature.name,
    type: "ENUM_TYPE_UNEXPECTED_STRING_VALUES",
    severity,
    description: `${quoted(feature.name)} has ${atLeast}${count} values (${atLeast}${percent(share)} of values) outside the schema's ${domain.size} known values${shown ? `, e.g. ${shown}` : ""}; under ${percent(ENUM_ERROR_SHARE)} this is a warning, from ${percent(ENUM_ERROR_SHARE)} an error. If the new values are expected, ${UPDATE_SCHEMA}; otherwise fix them at the source.`
  };
}
function percent(share) {
  return `${Number((share * 100).toFixed(1))}%`;
}
function quoted(name) {
  return `"${excerpt(name)}"`;
}
function quoteAll(values) {
  return values.map((value) => JSON.stringify(value)).join(", ");
}

// src/steps/validate.ts
async function runValidate(ctx, options = {}) {
  const { config, deps } = ctx;
  const dataset = await loadDataset(ctx);
  const committed = options.updateSchema ? null : dataset.schema;
  const kinds = committed ? schemaKinds(committed) : {};
  const statistics = computeStatistics(dataset.raw, kinds);
  const schema = committed ?? inferSchema(statistics, { label: config.data.label });
  const anomalies = detectAnomalies(statistics, schema, {
    minExamples: config.validation.min_examples
  });
  const failOn = config.validation.fail_on;
  const passed = anomalies.every(
    (a) => failOn === "never" || failOn === "error" && a.severity !== "ERROR"
  );
  const outcome = {
    format: VALIDATION_FORMAT,
    source: config.data.train,
    dataHash: dataset.dataHash,
    rows: dataset.raw.rows.length,
    unlabeled: dataset.prepared.unlabeled,
    statistics,
    schema,
    schemaSource: committed ? "committed" : "inferred",
    anomalies,
    passed
  };
  const paths = outputPaths(ctx.out);
  await writeJson(ctx, paths.validation, outcome);
  await deps.fs.write(paths.schema, formatSchema(schema));
  if (options.updateSchema) {
    await deps.fs.write(dataset.schemaPath, formatSchema(schema));
    deps.log.info(`schema written to ${dataset.schemaPath}: review and commit it`);
  }
  for (const anomaly of anomalies) {
    deps.log.annotate({
      severity: anomaly.severity === "ERROR" ? "error" : "warning",
      title: `${anomaly.type}${anomaly.column ? ` (${anomaly.column})` : ""}`,
      message: anomaly.description,
      file: resolveInput(ctx, config.data.train)
    });
  }
  deps.log.info(`validation ${passed ? "passed" : "failed"}: ${anomalies.length} anomalies`);
  return outcome;
}

export {
  runValidate
};
