/**
 * Scoring raw rows with a model bundle alone, as a server does with the rows a client sends: each
 * cell is read the way the training file's cells were (the spec's missing-value tokens and decimal
 * mark), then encoded and predicted exactly as evaluation does, so the scores are the pipeline's.
 */
import type * as tfl from '@tensorflow/tfjs-layers';
import type { RawTable } from '../data/types.js';
import { DEFAULT_THRESHOLD } from '../evaluate/metrics.js';
import { predictRows, type ModelOutputs } from './predict.js';
import { transformFeatures, type PreprocessingSpec } from './preprocess.js';
import { rawRowsTable } from './raw-rows.js';
import type { TrainingInfo } from './bundle.js';
import type { LabelEncoding } from './task.js';

/** What scoring needs of a loaded bundle (steps/bundle-io.ts's LoadedModel has it). */
export interface ScoringModel {
  model: tfl.LayersModel;
  preprocessing: PreprocessingSpec;
  /** training.json: a binary model's decision threshold, when one was set or tuned. */
  training?: Pick<TrainingInfo, 'threshold'>;
}

/** One row's prediction: the class and its score or probabilities, or the predicted value. */
export type RowPrediction =
  | { task: 'binary'; label: string; score: number }
  | { task: 'multiclass'; label: string; probabilities: Record<string, number> }
  | { task: 'regression'; value: number };

/**
 * Scores rows of raw values by column name (strings as in a CSV file, or JSON numbers, booleans and
 * nulls); a column the model does not use is ignored, one it uses but the row lacks is missing.
 * A binary row's label is the positive class when its score is above the model's decision
 * threshold (0.5 unless training set one), as evaluation counts it.
 */
export function scoreRawRows(
  bundle: ScoringModel,
  rows: readonly Readonly<Record<string, unknown>>[],
): Promise<RowPrediction[]> {
  return scoreCells(bundle, rawRowsTable(bundle.preprocessing, rows));
}

/** Scores a table of cells already read as training cells (rawRowsTable's, or a server's). */
export async function scoreCells(bundle: ScoringModel, cells: RawTable): Promise<RowPrediction[]> {
  const spec = bundle.preprocessing;
  const count = cells.rows.length;
  const features = transformFeatures(
    spec,
    cells,
    cells.rows.map((_, i) => i),
  );
  const outputs = await predictRows(bundle.model, features, count, spec.width, spec.label);
  const threshold = bundle.training?.threshold?.value ?? DEFAULT_THRESHOLD;
  return rowPredictions(spec.label, outputs, count, threshold);
}

function rowPredictions(
  label: LabelEncoding,
  outputs: ModelOutputs,
  count: number,
  threshold: number,
): RowPrediction[] {
  const rows = Array.from({ length: count }, (_, i) => i);
  if (outputs.task === 'regression') {
    return rows.map((i) => ({ task: 'regression', value: outputs.values[i] as number }));
  }
  if (outputs.task === 'binary' && label.task === 'binary') {
    return rows.map((i) => {
      const score = outputs.scores[i] as number;
      return { task: 'binary', label: label.classes[score > threshold ? 1 : 0], score };
    });
  }
  if (outputs.task === 'multiclass' && label.task === 'multiclass') {
    const k = outputs.classCount;
    return rows.map((i) => {
      const row = Array.from(outputs.probabilities.subarray(i * k, (i + 1) * k));
      return {
        task: 'multiclass',
        label: label.classes[row.indexOf(Math.max(...row))] as string,
        probabilities: Object.fromEntries(label.classes.map((c, j) => [c, row[j] as number])),
      };
    });
  }
  throw new Error(
    `model outputs (${outputs.task}) do not match the label encoding (${label.task})`,
  );
}
