import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  computeStatistics
} from "./chunk-4Y3A6PT4.js";
import {
  taskSchema
} from "./chunk-C2BMDOFT.js";
import {
  external_exports
} from "./chunk-QXT2EVHB.js";

// src/monitor/reference.ts
var OUTPUT_STATISTICS_FORMAT = "mlops-actions/output-statistics/v1";
var OUTPUT_COLUMNS = {
  binary: "score",
  multiclass: "predicted class",
  regression: "predicted value"
};
var OUTPUT_KINDS = {
  binary: "numeric",
  multiclass: "categorical",
  regression: "numeric"
};
var outputStatisticsSchema = external_exports.object({
  format: external_exports.literal(OUTPUT_STATISTICS_FORMAT),
  task: taskSchema,
  column: external_exports.string(),
  statistics: external_exports.unknown()
});
function outputStatistics(predictions) {
  const { task } = predictions;
  const column = OUTPUT_COLUMNS[task];
  const values = outputValues(predictions);
  const statistics = computeStatistics(
    {
      source: "validation outputs",
      columns: [column],
      rows: values.map((value) => [value]),
      lines: values.map((_, i) => i + 1)
    },
    { [column]: OUTPUT_KINDS[task] }
  );
  return { format: OUTPUT_STATISTICS_FORMAT, task, column, statistics };
}
function outputValues(predictions) {
  switch (predictions.task) {
    case "binary":
      return Array.from(predictions.scores);
    case "regression":
      return Array.from(predictions.values);
    case "multiclass":
      return predictions.probabilities.map((row) => {
        const probabilities = Array.from(row);
        return predictions.classes[probabilities.indexOf(Math.max(...probabilities))] ?? null;
      });
  }
}
function servedOutput(task, output) {
  if (output.task !== task) return null;
  switch (output.task) {
    case "binary":
      return output.score;
    case "multiclass":
      return output.label;
    case "regression":
      return output.value;
  }
}

export {
  OUTPUT_STATISTICS_FORMAT,
  outputStatisticsSchema,
  outputStatistics,
  servedOutput
};
