import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  TUNE_OUTPUTS,
  tunePaths
} from "./chunk-N7IWREES.js";
import {
  modelName
} from "./chunk-XYKEPJ3A.js";
import {
  STEP_OUTPUTS,
  checkHistory,
  outputPaths,
  readStepOutput,
  readStepText
} from "./chunk-C2BMDOFT.js";
import {
  renderReport
} from "./chunk-DNKOUKO6.js";
import {
  parseJson
} from "./chunk-CMTZTKEX.js";
import {
  BUNDLE_FILES
} from "./chunk-TE2M4OOS.js";

// src/steps/report.ts
import path from "node:path";
async function runReport(ctx) {
  const paths = outputPaths(ctx.out);
  const optional = async (file, step, output) => await ctx.deps.fs.exists(file) ? readStepOutput(ctx, file, step, output) : null;
  const validated = await optional(paths.validation, "validate", STEP_OUTPUTS.validation);
  const evaluation = validated && !validated.passed ? await optional(paths.evaluation, "evaluate", STEP_OUTPUTS.evaluation) : await readStepOutput(ctx, paths.evaluation, "evaluate", STEP_OUTPUTS.evaluation);
  const validation = validated && evaluation && validated.dataHash !== evaluation.dataHash ? null : validated;
  if (validated && !validation) {
    ctx.deps.log.warn(
      `${paths.validation} is about other data than the model: left out of the report`
    );
  }
  const trained = evaluation && await optional(path.join(paths.model, BUNDLE_FILES.training), "train", STEP_OUTPUTS.training);
  const training = trained && trained.modelId === evaluation?.modelId ? trained : null;
  const history = training && await readHistory(ctx, path.join(paths.model, BUNDLE_FILES.history));
  const registration = await optional(paths.registration, "register", STEP_OUTPUTS.registration);
  const tuned = evaluation && await optional(tunePaths(ctx.out).leaderboard, "tune collect", TUNE_OUTPUTS.leaderboard);
  const tuning = tuned && tuned.modelId === evaluation?.modelId ? tuned : null;
  const markdown = renderReport(
    {
      name: evaluation?.name ?? modelName(ctx.config),
      model: evaluation && {
        task: evaluation.evaluation.task,
        evaluation: evaluation.evaluation,
        baseline: evaluation.baseline,
        comparison: evaluation.comparison,
        gates: evaluation.gates,
        unknownLabels: evaluation.unknownLabels,
        positiveClass: evaluation.positiveClass
      },
      validation: validation && {
        rows: validation.rows,
        unlabeled: validation.unlabeled.count,
        rejected: validation.rejected ?? null,
        anomalies: validation.anomalies,
        passed: validation.passed,
        schemaSource: validation.schemaSource,
        // The histograms' current side is this data's statistics.
        drift: validation.drift && { ...validation.drift, current: validation.statistics }
      },
      training: training && {
        rows: training.rows,
        backend: training.backend,
        epochs: training.epochs.run,
        features: training.features,
        warnings: training.warnings ?? [],
        ...history ? { history } : {}
      },
      links: {
        ...ctx.deps.runUrl ? { runUrl: ctx.deps.runUrl } : {},
        ...ctx.deps.commit ? { commit: ctx.deps.commit.sha, commitUrl: ctx.deps.commit.url } : {},
        ...releaseLink(ctx, registration, evaluation)
      },
      version: registration?.version ?? null,
      tuning
    },
    Infinity
  );
  await ctx.deps.fs.write(paths.report, markdown);
  ctx.deps.log.info(`report written to ${paths.report}`);
  return { path: paths.report, markdown };
}
async function readHistory(ctx, file) {
  if (!await ctx.deps.fs.exists(file)) return null;
  const remedy = "Run `mlops train` again to rewrite it.";
  return checkHistory(
    parseJson(await readStepText(ctx, file, "train"), file, remedy),
    file,
    remedy
  );
}
function releaseLink(ctx, registration, evaluation) {
  const [tag, label] = registration ? [registration.tag, `release ${registration.tag}`] : evaluation?.baseline ? [evaluation.baseline.tag, `baseline ${evaluation.baseline.tag}`] : [null, ""];
  const url = tag === null ? null : ctx.deps.releases.pageUrl(tag);
  return url?.startsWith("https://") ? { release: { url, label } } : {};
}

export {
  runReport
};
