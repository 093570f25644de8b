/** `mlops evaluate`: metrics of the trained model on the test split, against the baseline, and gates. */
import path from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { isAbsent } from '../data/missing.js';
import { requireColumn, type PreparedData } from '../data/prepare.js';
import {
  compareToBaseline,
  evaluateGates,
  type GateReport,
  type MetricComparison,
} from '../evaluate/gates.js';
import { evaluatePredictions } from '../evaluate/slices.js';
import type { EvaluationResult, MetricSet } from '../evaluate/types.js';
import { selectBackend } from '../model/backend.js';
import { encodeRows, toPredictions } from '../model/examples.js';
import { BUNDLE_FILES, type TrainingInfo } from '../model/bundle.js';
import { predictRows } from '../model/predict.js';
import { errorMessage } from '../util/text.js';
import { loadBundle, type LoadedModel } from './bundle-io.js';
import { findBaseline, type Baseline } from './baseline.js';
import { outputPaths, readStepOutput, writeJson, type StepContext } from './context.js';
import { loadDataset } from './dataset.js';
import { EVALUATION_FORMAT, STEP_OUTPUTS } from './outputs.js';

export interface EvaluationOutcome {
  format: typeof EVALUATION_FORMAT;
  name: string;
  /** The model evaluated (`training.json`'s modelId), so `register` tags the model that was judged. */
  modelId: string;
  dataHash: string;
  evaluation: EvaluationResult;
  /** Binary models: the class whose probability the model outputs. */
  positiveClass: string | null;
  /** Test rows left out because their label was not seen in training. */
  unknownLabels: number;
  baseline:
    (Omit<Baseline, 'model'> & { evaluation: EvaluationResult; recorded?: MetricSet }) | null;
  comparison: MetricComparison[];
  gates: GateReport;
  blessed: boolean;
}

/** Evaluates `<out>/model` on the test split and writes `evaluation.json`. */
export async function runEvaluate(ctx: StepContext): Promise<EvaluationOutcome> {
  const { config, deps } = ctx;
  const dataset = await loadDataset(ctx);
  const backend = await selectBackend(config.model.backend, deps.backend);
  const modelDir = outputPaths(ctx.out).model;
  const candidate = await loadBundle(deps.fs, modelDir);
  // The bundle may come from another job: its training.json is checked like any step output.
  const training = await readStepOutput(
    ctx,
    path.join(modelDir, BUNDLE_FILES.training),
    'train',
    STEP_OUTPUTS.training,
  );
  checkSameData(training, dataset.dataHash, config.data.split);
  const testRows = dataset.prepared.split.test;
  if (testRows.length === 0) {
    throw new DataError('data.split.test: the test split is empty; set a test fraction above 0.');
  }
  const current = await evaluateModel(candidate, dataset.prepared, testRows, config.data.slices);
  candidate.model.dispose();
  if (current.unknownLabels > 0) {
    deps.log.warn(
      `${current.unknownLabels} test rows have a class unseen in training and were not scored`,
    );
  }
  const name = training.name;
  const baseline = await evaluateBaseline(ctx, name, dataset.prepared, testRows);
  const gates = evaluateGates(config.gates, current.result, baseline?.evaluation ?? null);
  const label = candidate.preprocessing.label;
  const outcome: EvaluationOutcome = {
    format: EVALUATION_FORMAT,
    name,
    modelId: training.modelId,
    dataHash: dataset.dataHash,
    evaluation: current.result,
    positiveClass: label.task === 'binary' ? label.classes[1] : null,
    unknownLabels: current.unknownLabels,
    baseline,
    comparison: compareToBaseline(current.result, baseline?.evaluation ?? null),
    gates,
    blessed: gates.blessed,
  };
  await writeJson(ctx, outputPaths(ctx.out).evaluation, outcome);
  deps.log.info(
    `evaluation on ${current.result.count} test rows (${backend.name}): ${gates.verdict}`,
  );
  return outcome;
}

/** Refuses to evaluate on other data or another split than training used: test rows must be unseen. */
function checkSameData(
  training: TrainingInfo,
  dataHash: string,
  split: TrainingInfo['split'],
): void {
  if (training.dataHash !== dataHash) {
    throw new UsageError(
      `the model in the output folder was trained on other data (sha256 ${training.dataHash.slice(0, 12)}…, ` +
        `now ${dataHash.slice(0, 12)}…), so its test split would not be held out. Run \`mlops train\` first.`,
    );
  }
  if (JSON.stringify(training.split) !== JSON.stringify(split)) {
    throw new UsageError(
      `data.split differs from the one the model was trained with (${JSON.stringify(training.split)}), ` +
        'so test rows may have been seen in training. Run `mlops train` first.',
    );
  }
}

/** The baseline's metrics on the same test rows; recorded metrics when its model cannot be run. */
async function evaluateBaseline(
  ctx: StepContext,
  name: string,
  data: PreparedData,
  rows: number[],
): Promise<EvaluationOutcome['baseline']> {
  const found = await findBaseline(ctx, name);
  if (!found) return null;
  const { model, ...rest } = found;
  const baselineLabel = model?.preprocessing.label.column;
  if (baselineLabel !== undefined && baselineLabel !== data.label) {
    // Metrics of a model predicting another column say nothing about this one.
    model?.model.dispose();
    ctx.deps.log.warn(
      `baseline v${found.version} predicts "${baselineLabel}", not "${data.label}": no baseline to compare with`,
    );
    return null;
  }
  let evaluation = found.evaluation;
  let source = found.source;
  // Another split (seed, shares, key) puts some of the baseline's training rows in this test set,
  // where it would look better than it is; its recorded held-out metrics are the fair comparison.
  const sameSplit =
    model && JSON.stringify(model.training.split) === JSON.stringify(ctx.config.data.split);
  if (model && !sameSplit) {
    ctx.deps.log.warn(
      `baseline v${found.version} was trained on another split (${JSON.stringify(model.training.split)}); using its recorded metrics`,
    );
    source = 'tag-metadata';
  } else if (model) {
    try {
      evaluation = (await evaluateModel(model, data, rows, ctx.config.data.slices)).result;
    } catch (error) {
      // A baseline trained on another label or schema cannot score this data; its numbers still can.
      ctx.deps.log.warn(
        `baseline v${found.version} cannot score this data (${errorMessage(error)}); using its recorded metrics`,
      );
      source = 'tag-metadata';
    }
  }
  model?.model.dispose();
  ctx.deps.log.info(`baseline: ${name} v${found.version} (${found.reason})`);
  // The metrics recorded at registration: a collapse on this data says the data broke.
  return { ...rest, source, evaluation, recorded: found.evaluation.overall };
}

/** Predicts the given rows with a loaded model and computes overall and per-slice metrics. */
async function evaluateModel(
  loaded: LoadedModel,
  data: PreparedData,
  rows: number[],
  sliceColumns: string[],
): Promise<{ result: EvaluationResult; unknownLabels: number }> {
  const spec = loaded.preprocessing;
  const encoded = encodeRows(spec, data.table, rows);
  if (encoded.examples.count === 0) {
    throw new DataError(
      `no test row has a label the model knows (${encoded.unknownLabels} unknown).`,
    );
  }
  const outputs = await predictRows(
    loaded.model,
    encoded.examples.features,
    encoded.examples.count,
    spec.width,
    spec.label,
  );
  const slices = sliceColumns.map((column) => {
    const index = requireColumn(data.table, column, 'data.slices');
    return {
      name: column,
      values: encoded.rows.map((row) => {
        const value = data.table.rows[row]?.[index] ?? null;
        return isAbsent(value) ? null : String(value);
      }),
    };
  });
  return {
    result: evaluatePredictions(toPredictions(spec, outputs, encoded.examples.labels), slices),
    unknownLabels: encoded.unknownLabels,
  };
}
