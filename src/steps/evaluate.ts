/** `mlops evaluate`: metrics of the trained model on the test split, against the baseline, and gates. */
import path from 'node:path';
import { DataError, UsageError } from '../errors.js';
import type { Preparation } from '../data/prepare.js';
import {
  compareToBaseline,
  defaultGates,
  evaluateGates,
  type GateReport,
  type MetricComparison,
} from '../evaluate/gates.js';
import { measureNoise, type ScoredModel } from '../evaluate/noise.js';
import { evaluatePredictions } from '../evaluate/slices.js';
import type { TrainingLabels } from '../evaluate/trivial.js';
import type { EvaluationResult, MetricSet } from '../evaluate/types.js';
import { selectBackend } from '../model/backend.js';
import { toPredictions } from '../model/examples.js';
import { BUNDLE_FILES, type TrainingInfo } from '../model/bundle.js';
import { predictRows } from '../model/predict.js';
import type { PreprocessingSpec } from '../model/preprocess.js';
import { encodeLabel } from '../model/task.js';
import { errorMessage } from '../util/text.js';
import { loadBundle, type LoadedModel } from './bundle-io.js';
import { findBaseline, type Baseline } from './baseline.js';
import { outputPaths, readStepOutput, writeJson, type StepContext } from './context.js';
import { loadDataset, type Dataset } from './dataset.js';
import { readTestRows } from './encoded-data.js';
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
  const current = await evaluateModel(ctx, candidate, dataset);
  candidate.model.dispose();
  if (current.unknownLabels > 0) {
    deps.log.warn(
      `${current.unknownLabels} test rows have a class unseen in training and were not scored`,
    );
  }
  const name = training.name;
  const found = await evaluateBaseline(ctx, name, dataset);
  const baseline = found?.baseline ?? null;
  const scored = found?.scored;
  const paired = measureNoise(
    current,
    trainingLabels(candidate.preprocessing, dataset.prepared),
    scored ? { ...scored, sameRows: sameRows(scored.rows, current.rows) } : null,
    config.evaluation.bootstrap,
  );
  const gates = evaluateGates(
    [
      ...defaultGates(config.evaluation.beat_trivial, config.gates, current.result),
      ...config.gates,
    ],
    current.result,
    baseline?.evaluation ?? null,
    { minSliceSize: config.evaluation.min_slice_size },
  );
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
    comparison: compareToBaseline(current.result, baseline?.evaluation ?? null, paired),
    gates,
    blessed: gates.blessed,
  };
  await writeJson(ctx, outputPaths(ctx.out).evaluation, outcome);
  // What a model that learned nothing would score says most about the verdict: log it first.
  for (const result of gates.results.filter((r) => r.criterion === 'beat_trivial')) {
    deps.log.info(`${result.description}: ${result.status} (${result.reason ?? ''})`);
  }
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

/**
 * The baseline's metrics on the same test rows, with its predictions for the paired bootstrap;
 * its recorded metrics when its model cannot be run.
 */
async function evaluateBaseline(
  ctx: StepContext,
  name: string,
  dataset: Dataset,
): Promise<{
  baseline: NonNullable<EvaluationOutcome['baseline']>;
  scored: ScoredRows | null;
} | null> {
  const found = await findBaseline(ctx, name);
  if (!found) return null;
  const { model, ...rest } = found;
  const baselineLabel = model?.preprocessing.label.column;
  const label = dataset.prepared.label;
  if (baselineLabel !== undefined && baselineLabel !== label) {
    // Metrics of a model predicting another column say nothing about this one.
    model?.model.dispose();
    ctx.deps.log.warn(
      `baseline v${found.version} predicts "${baselineLabel}", not "${label}": no baseline to compare with`,
    );
    return null;
  }
  let evaluation = found.evaluation;
  let scored: ScoredRows | null = null;
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
      scored = await evaluateModel(ctx, model, dataset);
      evaluation = scored.result;
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
  return { baseline: { ...rest, source, evaluation, recorded: found.evaluation.overall }, scored };
}

/** A model's predictions on test rows, and what they score. */
interface ScoredRows extends ScoredModel {
  /** The table rows scored, in prediction order. */
  rows: number[];
  unknownLabels: number;
}

/** Whether two models scored the same rows in the same order: rows of unseen labels drop out. */
function sameRows(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((row, i) => row === b[i]);
}

/** Predicts the test rows with a loaded model and computes overall and per-slice metrics. */
async function evaluateModel(
  ctx: StepContext,
  loaded: LoadedModel,
  dataset: Dataset,
): Promise<ScoredRows> {
  const { config } = ctx;
  const spec = loaded.preprocessing;
  const encoded = await readTestRows(ctx, dataset, spec, config);
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
  const predictions = toPredictions(spec, outputs, encoded.examples.labels);
  // Each model decides with the threshold it was trained (and maybe tuned) with.
  const decision = loaded.training.threshold;
  const result = evaluatePredictions(predictions, encoded.slices, {
    threshold: decision?.value,
    minSliceSize: config.evaluation.min_slice_size,
  });
  if (decision?.tuning) result.thresholdTuning = decision.tuning;
  return { result, predictions, rows: encoded.rows, unknownLabels: encoded.unknownLabels };
}

/** What the trivial baseline learns from the training split: class counts, or the mean label. */
function trainingLabels(spec: PreprocessingSpec, data: Preparation): TrainingLabels {
  const label = spec.label;
  // The regression label's standardisation mean is the training split's mean label.
  if (label.task === 'regression') return { task: 'regression', mean: label.mean };
  const classCounts = new Array<number>(label.classes.length).fill(0);
  for (const value of data.labels.values(data.split.train)) {
    const c = encodeLabel(label, value);
    if (c !== null) classCounts[c] = (classCounts[c] as number) + 1;
  }
  return { task: label.task, classCounts };
}
