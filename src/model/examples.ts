/** Turning table rows into encoded examples, and model outputs back into evaluable predictions. */
import type { RawTable } from '../data/types.js';
import type { Predictions } from '../evaluate/types.js';
import type { ModelOutputs } from './predict.js';
import { transformFeatures, type PreprocessingSpec } from './preprocess.js';
import { decodeRegression, encodeLabel } from './task.js';
import type { Examples } from './train.js';

export interface EncodedRows {
  examples: Examples;
  /** The table rows kept, in example order. */
  rows: number[];
  /** Rows dropped because their label is unknown to the model (a class unseen in training). */
  unknownLabels: number;
}

/** Encodes features and labels of `rows`, dropping rows whose label the spec cannot encode. */
export function encodeRows(spec: PreprocessingSpec, table: RawTable, rows: number[]): EncodedRows {
  const labelIndex = table.columns.indexOf(spec.label.column);
  const kept: number[] = [];
  const labels: number[] = [];
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
      count: kept.length,
    },
    rows: kept,
    unknownLabels: rows.length - kept.length,
  };
}

/** Pairs model outputs with the true labels, in the shape the evaluation core takes. */
export function toPredictions(
  spec: PreprocessingSpec,
  outputs: ModelOutputs,
  labels: Float32Array,
): Predictions {
  const label = spec.label;
  if (outputs.task === 'binary' && label.task === 'binary') {
    return { task: 'binary', labels, scores: outputs.scores, classes: label.classes };
  }
  if (outputs.task === 'multiclass' && label.task === 'multiclass') {
    const k = outputs.classCount;
    const probabilities = Array.from({ length: labels.length }, (_, i) =>
      outputs.probabilities.subarray(i * k, (i + 1) * k),
    );
    return { task: 'multiclass', labels, probabilities, classes: label.classes };
  }
  if (outputs.task === 'regression' && label.task === 'regression') {
    // Labels were standardised for training; metrics are in the label's own units.
    return { task: 'regression', labels: decodeRegression(label, labels), values: outputs.values };
  }
  throw new Error(
    `model outputs (${outputs.task}) do not match the label encoding (${label.task})`,
  );
}
