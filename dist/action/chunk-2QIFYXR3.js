import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  decimalCommaToPoint
} from "./chunk-DIFF2PC7.js";
import {
  external_exports
} from "./chunk-4IF2AV7F.js";
import {
  missingMatcher
} from "./chunk-AIUCNH7N.js";

// src/serve/log-format.ts
var SERVING_LOGS_DIR = "serving/logs";
var PREDICTION_LOG_FORMAT = "mlops-actions/prediction/v1";
var FEEDBACK_LOG_FORMAT = "mlops-actions/feedback/v1";
var rawValue = external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean(), external_exports.null()]);
var predictionOutputSchema = external_exports.union([
  external_exports.object({ task: external_exports.literal("binary"), label: external_exports.string(), score: external_exports.number() }),
  external_exports.object({
    task: external_exports.literal("multiclass"),
    label: external_exports.string(),
    probabilities: external_exports.record(external_exports.string(), external_exports.number())
  }),
  external_exports.object({ task: external_exports.literal("regression"), value: external_exports.number() })
]);
var predictionRecordSchema = external_exports.object({
  format: external_exports.literal(PREDICTION_LOG_FORMAT),
  id: external_exports.string().min(1),
  requestId: external_exports.string().min(1),
  time: external_exports.iso.datetime(),
  model: external_exports.string().min(1),
  version: external_exports.string().min(1),
  /** The stage or A/B arm the request was routed by, when not a pinned version. */
  route: external_exports.string().optional(),
  inputs: external_exports.record(external_exports.string(), rawValue),
  output: predictionOutputSchema
});
var feedbackRecordSchema = external_exports.object({
  format: external_exports.literal(FEEDBACK_LOG_FORMAT),
  /** The instance id (`<request id>/<index>`), or a request id for a one-instance request. */
  id: external_exports.string().min(1),
  time: external_exports.iso.datetime(),
  label: external_exports.union([external_exports.string(), external_exports.number(), external_exports.boolean()])
});

// src/model/raw-rows.ts
function rawRowReader(columns, reading) {
  const read = cellReader(reading);
  return (row) => columns.map((column) => read(Object.hasOwn(row, column) ? row[column] : null));
}
function rawRowsTable(spec, rows) {
  const columns = [...new Set(spec.features.map((feature) => feature.column))];
  const readRow = rawRowReader(columns, spec.input);
  return {
    source: "raw rows",
    columns,
    rows: rows.map(readRow),
    lines: rows.map((_, i) => i + 1)
  };
}
function cellReader({ naValues, decimal }) {
  const isMissing = missingMatcher(naValues);
  return (value) => {
    if (typeof value === "number" || typeof value === "boolean") {
      return isMissing(String(value)) ? null : value;
    }
    if (typeof value === "string") {
      if (isMissing(value)) return null;
      return decimal === "," ? decimalCommaToPoint(value) ?? value : value;
    }
    return value === null || value === void 0 ? null : JSON.stringify(value);
  };
}

export {
  rawRowReader,
  rawRowsTable,
  SERVING_LOGS_DIR,
  PREDICTION_LOG_FORMAT,
  FEEDBACK_LOG_FORMAT,
  predictionRecordSchema,
  feedbackRecordSchema
};
