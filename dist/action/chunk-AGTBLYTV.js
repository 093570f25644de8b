import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  trainWithCache
} from "./chunk-Y2P4MJ3X.js";
import {
  copyVerifiedBundle
} from "./chunk-YQZQDQHW.js";
import {
  LEADERBOARD_FORMAT,
  TRIAL_FORMAT,
  readTrialResult,
  tunePaths
} from "./chunk-N7IWREES.js";
import {
  MATRIX_LIMIT,
  describeParams,
  planTrials,
  rankTrials,
  trialConfig,
  winningConfigText
} from "./chunk-5CCA7GT4.js";
import {
  configHash
} from "./chunk-XYKEPJ3A.js";
import {
  outputPaths,
  removeStaleOutputs,
  writeJson
} from "./chunk-C2BMDOFT.js";
import {
  renderLeaderboard
} from "./chunk-QAX5UHBS.js";
import {
  formatNumber
} from "./chunk-NM5J5SUB.js";
import {
  ConfigError,
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";

// src/steps/tune.ts
import path from "node:path";
function tuningOf(ctx) {
  if (ctx.config.tuning) return ctx.config.tuning;
  throw new UsageError(
    `${ctx.configFile ?? "the config"} has no tuning block: add one, like
tuning: { search: grid, metric: auc, space: { learning_rate: [0.0003, 0.001, 0.003] } }`
  );
}
function plannedTrials(ctx) {
  return planTrials(tuningOf(ctx), ctx.config.model.seed);
}
function checkPlan(ctx, trials) {
  for (const trial of trials) trialConfig(ctx.config, trial.params);
  const tuning = tuningOf(ctx);
  ctx.deps.log.info(`${tuning.search} search: ${trials.length} trials`);
  if (tuning.search === "random" && trials.length < tuning.trials) {
    ctx.deps.log.info(
      `the space holds ${trials.length} distinct combinations, fewer than tuning.trials (${tuning.trials}): each is tried once`
    );
  }
}
function planHash(ctx) {
  const { config } = ctx;
  return configHash({ ...config, model: { ...config.model, backend: "auto" } });
}
function runTunePlan(ctx) {
  const tuning = tuningOf(ctx);
  const trials = plannedTrials(ctx);
  if (trials.length > MATRIX_LIMIT) {
    throw new ConfigError(
      `${ctx.configFile ?? "the config"}: tuning makes ${trials.length} trials, more than the ${MATRIX_LIMIT} jobs GitHub runs from one matrix. Lower tuning.trials or list fewer values, or run them on one machine with \`mlops tune run\`.`
    );
  }
  checkPlan(ctx, trials);
  return {
    search: tuning.search,
    metric: tuning.metric,
    trials,
    matrix: { include: trials.map((trial) => ({ trial: trial.id, params: trial.params })) }
  };
}
async function runTuneTrial(ctx, id, options) {
  const trials = plannedTrials(ctx);
  const trial = trials.find((t) => t.id === id);
  if (!trial) {
    const range = `${trials[0]?.id}\u2026${trials.at(-1)?.id}`;
    throw new UsageError(
      `trial ${JSON.stringify(id.slice(0, 40))} is not in the plan: expected one of ${range} (see \`mlops tune plan\`).`
    );
  }
  const paths = tunePaths(ctx.out);
  await ctx.deps.fs.remove(paths.result(id));
  ctx.deps.log.info(`trial ${id}: ${describeParams(trial.params)}`);
  const trained = await trainWithCache(
    { ...ctx, config: trialConfig(ctx.config, trial.params), out: paths.trial(id) },
    options
  );
  const result = {
    format: TRIAL_FORMAT,
    plan: planHash(ctx),
    trial: id,
    params: trial.params,
    // JSON has no NaN: a metric without a value (auc of one class) is left out.
    metrics: Object.fromEntries(
      Object.entries(trained.metrics).filter(([, value2]) => Number.isFinite(value2))
    ),
    bundle: path.basename(trained.bundleDir),
    modelId: trained.training.modelId,
    dataHash: trained.training.dataHash,
    epochs: { run: trained.training.epochs.run, best: trained.training.epochs.best }
  };
  const file = paths.result(id);
  await writeJson(ctx, file, result);
  const { metric } = tuningOf(ctx);
  const value = result.metrics[metric] ?? null;
  ctx.deps.log.info(`trial ${id}: validation ${metric} ${formatNumber(value)}; result in ${file}`);
  return { result, file, metric, value, cached: trained.cache.hit };
}
async function runTuneCollect(ctx, files) {
  const tuning = tuningOf(ctx);
  const trials = plannedTrials(ctx);
  const paths = tunePaths(ctx.out);
  const found = await readResults(ctx, files, trials);
  if (found.length === 0) {
    throw new UsageError(
      `no trial results in ${paths.dir}: run \`mlops tune trial ID\` for each planned trial (or \`mlops tune run\`) first.`
    );
  }
  const order = trials.map((trial) => trial.id);
  const ranked = rankTrials(
    found.map(({ result }) => result),
    tuning.metric,
    order
  );
  const best = ranked[0];
  if (best.metrics[tuning.metric] === void 0) {
    throw new DataError(
      `no trial has a validation ${tuning.metric} (is it a metric of this task?): nothing to rank them by. Change tuning.metric.`
    );
  }
  const seen = new Set(ranked.map((result) => result.trial));
  const missing = order.filter((id) => !seen.has(id));
  if (missing.length > 0) {
    ctx.deps.log.warn(
      `${missing.length} of ${trials.length} trials have no result (${missing.join(", ")}): ranked without them`
    );
  }
  const leaderboard = {
    format: LEADERBOARD_FORMAT,
    plan: planHash(ctx),
    search: tuning.search,
    metric: tuning.metric,
    best: best.trial,
    modelId: best.modelId,
    trials: ranked.map((result, index) => ({
      rank: index + 1,
      trial: result.trial,
      params: result.params,
      value: result.metrics[tuning.metric] ?? null,
      metrics: result.metrics,
      epochs: result.epochs,
      modelId: result.modelId
    })),
    missing
  };
  await removeStaleOutputs(ctx);
  const bundleDir = outputPaths(ctx.out).model;
  const from = found.find(({ result }) => result === best)?.file;
  const training = await copyVerifiedBundle(
    ctx.deps.fs,
    path.join(path.dirname(from), best.bundle),
    bundleDir
  );
  if (training.modelId !== best.modelId) {
    throw new DataError(
      `${from}: trial ${best.trial}'s bundle holds another model than its result names. Run the trial again.`
    );
  }
  await writeJson(ctx, paths.leaderboard, leaderboard);
  await ctx.deps.fs.write(paths.markdown, `${renderLeaderboard(leaderboard, Infinity)}
`);
  const config = ctx.configFile ? paths.config : null;
  if (ctx.configFile && config) {
    const note = `mlops tune collect: trial ${best.trial} of ${trials.length}, validation ${tuning.metric} ${formatNumber(leaderboard.trials[0]?.value)}`;
    const text = await ctx.deps.fs.readText(ctx.configFile);
    await ctx.deps.fs.write(config, winningConfigText(text, best.params, note));
  }
  ctx.deps.log.info(
    `best: trial ${best.trial} (${describeParams(best.params)}), validation ${tuning.metric} ${formatNumber(leaderboard.trials[0]?.value)}; its bundle is in ${bundleDir}`
  );
  return {
    leaderboard,
    bundleDir,
    files: { leaderboard: paths.leaderboard, markdown: paths.markdown, config }
  };
}
async function readResults(ctx, files, trials) {
  const paths = tunePaths(ctx.out);
  const candidates = files.length > 0 ? [...files] : trials.map((trial) => paths.result(trial.id));
  const plan = planHash(ctx);
  const planned = new Map(trials.map((trial) => [trial.id, trial]));
  const found = [];
  for (const file of candidates) {
    if (files.length === 0 && !await ctx.deps.fs.exists(file)) continue;
    const result = await readTrialResult(ctx, file);
    const refuse = (why) => {
      throw new DataError(`${file}: ${why}. Run \`mlops tune trial ${result.trial}\` again.`);
    };
    if (result.plan !== plan) refuse("the trial was trained with another config");
    const trial = planned.get(result.trial);
    if (!trial || JSON.stringify(trial.params) !== JSON.stringify(result.params)) {
      refuse(`trial ${result.trial} is not in the plan with these values`);
    }
    if (found.some((other) => other.result.trial === result.trial)) {
      refuse(`trial ${result.trial} is given twice`);
    }
    if (found[0] && found[0].result.dataHash !== result.dataHash) {
      refuse(`trial ${result.trial} was trained on other data than ${found[0].result.trial}`);
    }
    found.push({ file, result });
  }
  return found;
}

export {
  tuningOf,
  plannedTrials,
  checkPlan,
  runTunePlan,
  runTuneTrial,
  runTuneCollect
};
