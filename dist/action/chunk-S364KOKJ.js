import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  findBaseline
} from "./chunk-ONUP63ZO.js";
import {
  encodeRows,
  predictRows,
  selectBackend,
  toPredictions
} from "./chunk-Q44Z43RM.js";
import {
  loadDataset,
  requireColumn
} from "./chunk-ENFULHTQ.js";
import {
  loadBundle
} from "./chunk-FVBUSK2P.js";
import {
  EVALUATION_FORMAT,
  STEP_OUTPUTS,
  evaluatePredictions,
  isAbsent,
  outputPaths,
  readStepOutput,
  writeJson
} from "./chunk-IRARDZYB.js";
import {
  compareToBaseline,
  evaluateGates
} from "./chunk-F5OT2ZOW.js";
import {
  BUNDLE_FILES
} from "./chunk-RYC64SMY.js";
import {
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";
import {
  errorMessage
} from "./chunk-NM5J5SUB.js";

// src/steps/evaluate.ts
import path from "node:path";
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
  const current = await evaluateModel(candidate, dataset.prepared, testRows, config.data.slices);
  candidate.model.dispose();
  if (current.unknownLabels > 0) {
    deps.log.warn(
      `${current.unknownLabels} test rows have a class unseen in training and were not scored`
    );
  }
  const name = training.name;
  const baseline = await evaluateBaseline(ctx, name, dataset.prepared, testRows);
  const gates = evaluateGates(config.gates, current.result, baseline?.evaluation ?? null);
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
    comparison: compareToBaseline(current.result, baseline?.evaluation ?? null),
    gates,
    blessed: gates.blessed
  };
  await writeJson(ctx, outputPaths(ctx.out).evaluation, outcome);
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
async function evaluateBaseline(ctx, name, data, rows) {
  const found = await findBaseline(ctx, name);
  if (!found) return null;
  const { model, ...rest } = found;
  const baselineLabel = model?.preprocessing.label.column;
  if (baselineLabel !== void 0 && baselineLabel !== data.label) {
    model?.model.dispose();
    ctx.deps.log.warn(
      `baseline v${found.version} predicts "${baselineLabel}", not "${data.label}": no baseline to compare with`
    );
    return null;
  }
  let evaluation = found.evaluation;
  let source = found.source;
  const sameSplit = model && JSON.stringify(model.training.split) === JSON.stringify(ctx.config.data.split);
  if (model && !sameSplit) {
    ctx.deps.log.warn(
      `baseline v${found.version} was trained on another split (${JSON.stringify(model.training.split)}); using its recorded metrics`
    );
    source = "tag-metadata";
  } else if (model) {
    try {
      evaluation = (await evaluateModel(model, data, rows, ctx.config.data.slices)).result;
    } catch (error) {
      ctx.deps.log.warn(
        `baseline v${found.version} cannot score this data (${errorMessage(error)}); using its recorded metrics`
      );
      source = "tag-metadata";
    }
  }
  model?.model.dispose();
  ctx.deps.log.info(`baseline: ${name} v${found.version} (${found.reason})`);
  return { ...rest, source, evaluation, recorded: found.evaluation.overall };
}
async function evaluateModel(loaded, data, rows, sliceColumns) {
  const spec = loaded.preprocessing;
  const encoded = encodeRows(spec, data.table, rows);
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
  const slices = sliceColumns.map((column) => {
    const index = requireColumn(data.table, column, "data.slices");
    return {
      name: column,
      values: encoded.rows.map((row) => {
        const value = data.table.rows[row]?.[index] ?? null;
        return isAbsent(value) ? null : String(value);
      })
    };
  });
  return {
    result: evaluatePredictions(toPredictions(spec, outputs, encoded.examples.labels), slices),
    unknownLabels: encoded.unknownLabels
  };
}

export {
  runEvaluate
};
