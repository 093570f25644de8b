import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  decimalCommaToPoint
} from "./chunk-HLR62EQG.js";
import {
  external_exports
} from "./chunk-QXT2EVHB.js";
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
var PREDICTION_LINE_START = `{"format":${JSON.stringify(PREDICTION_LOG_FORMAT)},"id":`;
function predictionLines(records) {
  let lines = "";
  let request;
  let requestFields = "";
  for (const record of records) {
    if (!request || !sameRequest(record, request)) {
      request = record;
      requestFields = requestFieldsJson(record);
    }
    lines += `${PREDICTION_LINE_START}${JSON.stringify(record.id)}${requestFields}${JSON.stringify(record.inputs)},"output":${JSON.stringify(record.output)}}
`;
  }
  return lines;
}
function requestFieldsJson({ requestId, time, model, version, route }) {
  return `,${JSON.stringify({ requestId, time, model, version, route }).slice(1, -1)},"inputs":`;
}
function sameRequest(a, b) {
  return a.requestId === b.requestId && a.time === b.time && a.model === b.model && a.version === b.version && a.route === b.route;
}

// src/model/raw-rows.ts
function rawRowReader(columns, reading) {
  const read = cellReader(reading);
  return (row) => columns.map((column) => read(Object.hasOwn(row, column) ? row[column] : null));
}
function featureColumns(spec) {
  return [...new Set(spec.features.map((feature) => feature.column))];
}
function cellReader({ naValues, decimal }) {
  const isMissing = missingMatcher(naValues);
  const candidates = [...naValues.map(Number), NaN, Infinity, -Infinity, true, false];
  const spelled = new Set(candidates.filter((value) => isMissing(String(value))));
  return (value) => {
    if (typeof value === "number" || typeof value === "boolean") {
      return spelled.has(value) ? null : value;
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
  featureColumns,
  cellReader,
  SERVING_LOGS_DIR,
  PREDICTION_LOG_FORMAT,
  FEEDBACK_LOG_FORMAT,
  predictionRecordSchema,
  feedbackRecordSchema,
  predictionLines
};
