import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  findBaseline
} from "./chunk-VWJNTXGM.js";
import {
  readTestRows,
  toPredictions
} from "./chunk-Z7P7JFT3.js";
import {
  selectBackend
} from "./chunk-YQDBKPXL.js";
import {
  encodeLabel,
  predictRows
} from "./chunk-KX5X2Y5F.js";
import {
  loadBundle
} from "./chunk-YQZQDQHW.js";
import {
  loadDataset
} from "./chunk-62WKEDIO.js";
import {
  EVALUATION_FORMAT,
  STEP_OUTPUTS,
  compareByBootstrap,
  evaluatePredictions,
  outputPaths,
  readStepOutput,
  writeJson
} from "./chunk-C2BMDOFT.js";
import {
  compareToBaseline,
  defaultGates,
  evaluateGates
} from "./chunk-MTWO572S.js";
import {
  computeMetrics,
  metricKernel
} from "./chunk-A4DXW22P.js";
import {
  BUNDLE_FILES
} from "./chunk-TE2M4OOS.js";
import {
  excerpt
} from "./chunk-XU32KRXS.js";
import {
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";

// src/steps/evaluate.ts
import path from "node:path";

// src/evaluate/trivial.ts
function trivialBaseline(p, training) {
  const n = p.labels.length;
  if (p.task === "regression" || training.task === "regression") {
    if (p.task !== "regression" || training.task !== "regression") {
      throw new Error(`trivial baseline fitted for ${training.task}, asked to predict ${p.task}`);
    }
    return {
      predictor: { kind: "mean", value: training.mean },
      predictions: { ...p, values: new Float64Array(n).fill(training.mean) }
    };
  }
  const priors = classPriors(training.classCounts);
  const majority = priors.indexOf(Math.max(...priors));
  const classes = p.task === "binary" ? p.classes ?? ["0", "1"] : p.classes;
  const predictor = {
    kind: "majority",
    class: excerpt(classes[majority] ?? String(majority)),
    share: priors[majority]
  };
  if (p.task === "binary") {
    return { predictor, predictions: { ...p, scores: new Float64Array(n).fill(priors[1] ?? 0) } };
  }
  const row = Float64Array.from(priors);
  return { predictor, predictions: { ...p, probabilities: new Array(n).fill(row) } };
}
function classPriors(counts) {
  const total = counts.reduce((sum, c) => sum + c, 0);
  if (!(total > 0)) throw new DataError("The trivial baseline needs labelled training rows.");
  return counts.map((c) => c / total);
}

// src/evaluate/noise.ts
function measureNoise(current, training, baseline, settings) {
  const trivial = trivialBaseline(current.predictions, training);
  const rows = current.predictions.labels.length;
  const paired = baseline?.sameRows === true;
  const kernels = [kernelOf(current), metricKernel(trivial.predictions)];
  if (baseline && paired) kernels.push(kernelOf(baseline));
  const { intervals, differences } = compareByBootstrap(kernels, rows, settings);
  current.result.intervals = intervals[0] ?? {};
  current.result.bootstrap = { ...settings };
  current.result.trivial = {
    predictor: trivial.predictor,
    overall: computeMetrics(trivial.predictions),
    difference: differences[0] ?? {}
  };
  if (!baseline) return void 0;
  if (paired) {
    baseline.result.intervals = intervals[2] ?? {};
    return differences[1];
  }
  const own = compareByBootstrap(
    [kernelOf(baseline)],
    baseline.predictions.labels.length,
    settings
  );
  baseline.result.intervals = own.intervals[0] ?? {};
  return void 0;
}
function kernelOf(scored) {
  return metricKernel(scored.predictions, { threshold: scored.result.threshold });
}

// src/steps/evaluate.ts
async function runEvaluate(ctx) {
  const { config, deps } = ctx;
  const dataset = await loadDataset(ctx);
  const backend = await selectBackend(config.model.backend, deps.backend);
  const modelDir = outputPaths(ctx.out).model;
  const candidate = await loadBundle(deps.fs, modelDir);
  const training = await readStepOutput(
    ctx,
    path.join(modelDir, BUNDLE_FILES.training),
    "train",
    STEP_OUTPUTS.training
  );
  checkSameData(training, dataset.dataHash, config.data.split);
  const testRows = dataset.prepared.split.test;
  if (testRows.length === 0) {
    throw new DataError("data.split.test: the test split is empty; set a test fraction above 0.");
  }
  const current = await evaluateModel(ctx, candidate, dataset);
  candidate.model.dispose();
  if (current.unknownLabels > 0) {
    deps.log.warn(
      `${current.unknownLabels} test rows have a class unseen in training and were not scored`
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
    config.evaluation.bootstrap
  );
  const gates = evaluateGates(
    [
      ...defaultGates(config.evaluation.beat_trivial, config.gates, current.result),
      ...config.gates
    ],
    current.result,
    baseline?.evaluation ?? null,
    { minSliceSize: config.evaluation.min_slice_size }
  );
  const label = candidate.preprocessing.label;
  const outcome = {
    format: EVALUATION_FORMAT,
    name,
    modelId: training.modelId,
    dataHash: dataset.dataHash,
    evaluation: current.result,
    positiveClass: label.task === "binary" ? label.classes[1] : null,
    unknownLabels: current.unknownLabels,
    baseline,
    comparison: compareToBaseline(current.result, baseline?.evaluation ?? null, paired),
    gates,
    blessed: gates.blessed
  };
  await writeJson(ctx, outputPaths(ctx.out).evaluation, outcome);
  for (const result of gates.results.filter((r) => r.criterion === "beat_trivial")) {
    deps.log.info(`${result.description}: ${result.status} (${result.reason ?? ""})`);
  }
  deps.log.info(
    `evaluation on ${current.result.count} test rows (${backend.name}): ${gates.verdict}`
  );
  return outcome;
}
function checkSameData(training, dataHash, split) {
  if (training.dataHash !== dataHash) {
    throw new UsageError(
      `the model in the output folder was trained on other data (sha256 ${training.dataHash.slice(0, 12)}\u2026, now ${dataHash.slice(0, 12)}\u2026), so its test split would not be held out. Run \`mlops train\` first.`
    );
  }
  if (JSON.stringify(training.split) !== JSON.stringify(split)) {
    throw new UsageError(
      `data.split differs from the one the model was trained with (${JSON.stringify(training.split)}), so test rows may have been seen in training. Run \`mlops train\` first.`
    );
  }
}
async function evaluateBaseline(ctx, name, dataset) {
  const found = await findBaseline(ctx, name);
  if (!found) return null;
  const { model, ...rest } = found;
  const baselineLabel = model?.preprocessing.label.column;
  const label = dataset.prepared.label;
  if (baselineLabel !== void 0 && baselineLabel !== label) {
    model?.model.dispose();
    ctx.deps.log.warn(
      `baseline v${found.version} predicts "${baselineLabel}", not "${label}": no baseline to compare with`
    );
    return null;
  }
  let evaluation = found.evaluation;
  let scored = null;
  let source = found.source;
  const sameSplit = model && JSON.stringify(model.training.split) === JSON.stringify(ctx.config.data.split);
  if (model && !sameSplit) {
    ctx.deps.log.warn(
      `baseline v${found.version} was trained on another split (${JSON.stringify(model.training.split)}); using its recorded metrics`
    );
    source = "tag-metadata";
  } else if (model) {
    try {
      scored = await evaluateModel(ctx, model, dataset);
      evaluation = scored.result;
    } catch (error) {
      ctx.deps.log.warn(
        `baseline v${found.version} cannot score this data (${errorMessage(error)}); using its recorded metrics`
      );
      source = "tag-metadata";
    }
  }
  model?.model.dispose();
  ctx.deps.log.info(`baseline: ${name} v${found.version} (${found.reason})`);
  return { baseline: { ...rest, source, evaluation, recorded: found.evaluation.overall }, scored };
}
function sameRows(a, b) {
  return a.length === b.length && a.every((row, i) => row === b[i]);
}
async function evaluateModel(ctx, loaded, dataset) {
  const { config } = ctx;
  const spec = loaded.preprocessing;
  const encoded = await readTestRows(ctx, dataset, spec, config);
  if (encoded.examples.count === 0) {
    throw new DataError(
      `no test row has a label the model knows (${encoded.unknownLabels} unknown).`
    );
  }
  const outputs = await predictRows(
    loaded.model,
    encoded.examples.features,
    encoded.examples.count,
    spec.width,
    spec.label
  );
  const predictions = toPredictions(spec, outputs, encoded.examples.labels);
  const decision = loaded.training.threshold;
  const result = evaluatePredictions(predictions, encoded.slices, {
    threshold: decision?.value,
    minSliceSize: config.evaluation.min_slice_size
  });
  if (decision?.tuning) result.thresholdTuning = decision.tuning;
  return { result, predictions, rows: encoded.rows, unknownLabels: encoded.unknownLabels };
}
function trainingLabels(spec, data) {
  const label = spec.label;
  if (label.task === "regression") return { task: "regression", mean: label.mean };
  const classCounts = new Array(label.classes.length).fill(0);
  for (const value of data.labels.values(data.split.train)) {
    const c = encodeLabel(label, value);
    if (c !== null) classCounts[c] = classCounts[c] + 1;
  }
  return { task: label.task, classCounts };
}

export {
  runEvaluate
};
