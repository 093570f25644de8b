import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  decodeRegression,
  encodeLabel,
  transformFeatures
} from "./chunk-46IB2XEP.js";

// src/model/examples.ts
function encodeRows(spec, table, rows) {
  const labelIndex = table.columns.indexOf(spec.label.column);
  const kept = [];
  const labels = [];
  for (const row of rows) {
    const encoded = encodeLabel(spec.label, table.rows[row]?.[labelIndex] ?? null);
    if (encoded === null) continue;
    kept.push(row);
    labels.push(encoded);
  }
  return {
    examples: {
      features: transformFeatures(spec, table, kept),
      labels: Float32Array.from(labels),
      count: kept.length
    },
    rows: kept,
    unknownLabels: rows.length - kept.length
  };
}
function toPredictions(spec, outputs, labels) {
  const label = spec.label;
  if (outputs.task === "binary" && label.task === "binary") {
    return { task: "binary", labels, scores: outputs.scores, classes: label.classes };
  }
  if (outputs.task === "multiclass" && label.task === "multiclass") {
    const k = outputs.classCount;
    const probabilities = Array.from(
      { length: labels.length },
      (_, i) => outputs.probabilities.subarray(i * k, (i + 1) * k)
    );
    return { task: "multiclass", labels, probabilities, classes: label.classes };
  }
  if (outputs.task === "regression" && label.task === "regression") {
    return { task: "regression", labels: decodeRegression(label, labels), values: outputs.values };
  }
  throw new Error(
    `model outputs (${outputs.task}) do not match the label encoding (${label.task})`
  );
}

export {
  encodeRows,
  toPredictions
};
