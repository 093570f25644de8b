/**
 * What a served model's outputs are compared with: the statistics of its outputs on the
 * validation split, recorded at train time in the bundle's `output-statistics.json` (bundles
 * trained before it was recorded lack the file, and the monitor says "no reference"). One column
 * per task — a binary model's score (P(positive class)), a multiclass model's predicted class (its
 * shares), a regression model's predicted value — computed as the training statistics are, so
 * served outputs are tested with the drift tests served inputs are (data/drift.ts).
 */
import { z } from 'zod';
import { taskSchema } from '../config/schema.js';
import { computeStatistics } from '../data/statistics.js';
import type { DatasetStats, RawValue, ValueKind } from '../data/types.js';
import type { Predictions, Task } from '../evaluate/types.js';
import type { PredictionOutput } from '../serve/log-format.js';

/** `format` of output-statistics.json, its first field: its name and version. */
export const OUTPUT_STATISTICS_FORMAT = 'mlops-actions/output-statistics/v1';

/** The output column of each task, as the statistics and the monitor report name it. */
const OUTPUT_COLUMNS = {
  binary: 'score',
  multiclass: 'predicted class',
  regression: 'predicted value',
} as const satisfies Record<Task, string>;

/** Scores and values are numbers; a predicted class is a category even when it reads as one. */
const OUTPUT_KINDS: Readonly<Record<Task, ValueKind>> = {
  binary: 'numeric',
  multiclass: 'categorical',
  regression: 'numeric',
};

/** `output-statistics.json`: the validation outputs' statistics, one column named for the task. */
export interface OutputStatistics {
  format: typeof OUTPUT_STATISTICS_FORMAT;
  task: Task;
  column: string;
  statistics: DatasetStats;
}

/**
 * The file's shape as the monitor reads it; `statistics` is then checked as a bundle's
 * statistics.json is (checkStatistics in src/steps/outputs.ts).
 */
export const outputStatisticsSchema = z.object({
  format: z.literal(OUTPUT_STATISTICS_FORMAT),
  task: taskSchema,
  column: z.string(),
  statistics: z.unknown(),
});

/** The statistics of a model's `predictions` on the validation split, for its bundle. */
export function outputStatistics(predictions: Predictions): OutputStatistics {
  const { task } = predictions;
  const column = OUTPUT_COLUMNS[task];
  const values = outputValues(predictions);
  const statistics = computeStatistics(
    {
      source: 'validation outputs',
      columns: [column],
      rows: values.map((value) => [value]),
      lines: values.map((_, i) => i + 1),
    },
    { [column]: OUTPUT_KINDS[task] },
  );
  return { format: OUTPUT_STATISTICS_FORMAT, task, column, statistics };
}

function outputValues(predictions: Predictions): RawValue[] {
  switch (predictions.task) {
    case 'binary':
      return Array.from(predictions.scores);
    case 'regression':
      return Array.from(predictions.values);
    case 'multiclass':
      // The class the server answers with: the first of the highest probabilities (model/score.ts).
      return predictions.probabilities.map((row) => {
        const probabilities = Array.from(row);
        return predictions.classes[probabilities.indexOf(Math.max(...probabilities))] ?? null;
      });
  }
}

/**
 * A served output as its task's output column reads it; missing (null) when the output is of
 * another task than the model's, which a forged or mixed-up log could hold.
 */
export function servedOutput(task: Task, output: PredictionOutput): RawValue {
  if (output.task !== task) return null;
  switch (output.task) {
    case 'binary':
      return output.score;
    case 'multiclass':
      return output.label;
    case 'regression':
      return output.value;
  }
}
