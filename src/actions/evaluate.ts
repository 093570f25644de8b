/** `mlops evaluate`: metrics of the trained model on the test split, against the baseline, and gates. */
import { DataError } from '../errors.js';
import { isMissing } from '../data/missing.js';
import type { PreparedData } from '../data/prepare.js';
import {
  compareToBaseline,
  evaluateGates,
  type GateReport,
  type MetricComparison,
} from '../evaluate/gates.js';
import { evaluatePredictions } from '../evaluate/slices.js';
import type { EvaluationResult } from '../evaluate/types.js';
import { selectBackend } from '../model/backend.js';
import { encodeRows, toPredictions } from '../model/examples.js';
import { predictRows } from '../model/predict.js';
import { loadBundle, type LoadedModel } from './bundle-io.js';
import { findBaseline, type Baseline } from './baseline.js';
import { outputPaths, writeJson, type StepContext } from './context.js';
import { loadDataset } from './dataset.js';

export interface EvaluationOutcome {
  name: string;
  evaluation: EvaluationResult;
  /** Test rows left out because their label was not seen in training. */
  unknownLabels: number;
  baseline: (Omit<Baseline, 'model'> & { evaluation: EvaluationResult }) | null;
  comparison: MetricComparison[];
  gates: GateReport;
  blessed: boolean;
}

/** Evaluates `<out>/model` on the test split and writes `evaluation.json`. */
export async function runEvaluate(ctx: StepContext): Promise<EvaluationOutcome> {
  const { config, deps } = ctx;
  const dataset = await loadDataset(ctx);
  const backend = await selectBackend(config.model.backend, deps.backend);
  const candidate = await loadBundle(deps.fs, outputPaths(ctx.out).model);
  const testRows = dataset.prepared.split.test;
  if (testRows.length === 0) {
    throw new DataError('data.split.test: the test split is empty; set a test fraction above 0.');
  }
  const current = await evaluateModel(candidate, dataset.prepared, testRows, config.data.slices);
  candidate.model.dispose();
  const name = candidate.training.name;
  const found = await findBaseline(ctx, name);
  let baseline: EvaluationOutcome['baseline'] = null;
  if (found) {
    const evaluation = found.model
      ? (await evaluateModel(found.model, dataset.prepared, testRows, config.data.slices)).result
      : found.evaluation;
    found.model?.model.dispose();
    const { model: _model, ...rest } = found;
    baseline = { ...rest, evaluation };
    deps.log.info(`baseline: ${name} v${found.version} (${found.reason})`);
  }
  const gates = evaluateGates(config.gates, current.result, baseline?.evaluation ?? null);
  const outcome: EvaluationOutcome = {
    name,
    evaluation: current.result,
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
    const index = data.table.columns.indexOf(column);
    if (index < 0)
      throw new DataError(`data.slices: column "${column}" is not in ${data.table.source}.`);
    return {
      name: column,
      values: encoded.rows.map((row) => {
        const value = data.table.rows[row]?.[index] ?? null;
        return isMissing(value) ? null : String(value);
      }),
    };
  });
  return {
    result: evaluatePredictions(toPredictions(spec, outputs, encoded.examples.labels), slices),
    unknownLabels: encoded.unknownLabels,
  };
}
