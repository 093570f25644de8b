/** Turning table rows into encoded examples, and model outputs back into evaluable predictions. */
import type { RawTable, RawValue } from '../data/types.js';
import type { Predictions } from '../evaluate/types.js';
import type { ModelOutputs } from './predict.js';
import { rowEncoder, type PreprocessingSpec } from './preprocess.js';
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
  const writer = new ExampleWriter(spec, table.columns, rows.length);
  for (const row of rows) writer.add(table.rows[row] ?? [], row);
  return writer.finish();
}

/**
 * Encodes rows one at a time (as a file is read in batches) into arrays sized for `capacity` rows
 * up front, so a split of a large file is never held as text.
 */
export class ExampleWriter {
  private readonly features: Float32Array;
  private readonly labels: Float32Array;
  private readonly rows: number[] = [];
  private readonly labelIndex: number;
  private readonly encode: ReturnType<typeof rowEncoder>;
  private count = 0;
  private unknownLabels = 0;

  constructor(
    private readonly spec: PreprocessingSpec,
    columns: readonly string[],
    capacity: number,
  ) {
    this.encode = rowEncoder(spec, columns);
    this.labelIndex = columns.indexOf(spec.label.column);
    this.features = new Float32Array(capacity * spec.width);
    this.labels = new Float32Array(capacity);
  }

  /** Encodes a row (`row` names it in EncodedRows.rows); false when its label is unknown. */
  add(cells: readonly RawValue[], row: number): boolean {
    const encoded = encodeLabel(this.spec.label, cells[this.labelIndex] ?? null);
    if (encoded === null) {
      this.unknownLabels++;
      return false;
    }
    this.encode(cells, this.features, this.count * this.spec.width);
    this.labels[this.count++] = encoded;
    this.rows.push(row);
    return true;
  }

  finish(): EncodedRows {
    const { count } = this;
    return {
      examples: {
        features: this.features.subarray(0, count * this.spec.width),
        labels: this.labels.subarray(0, count),
        count,
      },
      rows: this.rows,
      unknownLabels: this.unknownLabels,
    };
  }
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
