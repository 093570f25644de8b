/**
 * Tuning over the Actions matrix. `mlops tune plan` turns the config's search space into matrix
 * JSON; each matrix job runs `mlops tune trial ID`, which trains that trial's config into
 * `<out>/tune/ID/` (its bundle and trial.json, uploaded as an artifact); `mlops tune collect` ranks
 * the results by the validation metric, writes the leaderboard and the winning config, and copies
 * the winner's bundle to `<out>/model`, where evaluate, report and register take it.
 */
import path from 'node:path';
import { ConfigError, DataError, UsageError } from '../errors.js';
import {
  describeParams,
  MATRIX_LIMIT,
  planTrials,
  rankTrials,
  trialConfig,
  winningConfigText,
  type Trial,
  type TrialParams,
  type Tuning,
} from '../model/tuning.js';
import { renderLeaderboard } from '../report/leaderboard.js';
import { formatNumber } from '../util/text.js';
import { copyVerifiedBundle } from './bundle-io.js';
import { outputPaths, removeStaleOutputs, writeJson, type StepContext } from './context.js';
import { configHash } from './identity.js';
import { trainWithCache } from './train-cache.js';
import {
  LEADERBOARD_FORMAT,
  readTrialResult,
  TRIAL_FORMAT,
  tunePaths,
  type Leaderboard,
  type TrialResult,
} from './tune-files.js';

export interface TunePlanOutcome {
  search: Tuning['search'];
  metric: string;
  trials: Trial[];
  /** For `strategy.matrix: ${{ fromJSON(…) }}`: one job per trial. */
  matrix: { include: { trial: string; params: TrialParams }[] };
}

export interface TrialOutcome {
  result: TrialResult;
  /** The trial's result file. */
  file: string;
  /** The ranking metric, and its value on the validation split (null when it has none). */
  metric: string;
  value: number | null;
  /** True when its bundle came from the training cache. */
  cached: boolean;
}

export interface CollectOutcome {
  leaderboard: Leaderboard;
  /** `<out>/model`: the winner's bundle, for evaluate, report and register. */
  bundleDir: string;
  files: { leaderboard: string; markdown: string; config: string | null };
}

/** The config's tuning block; a config without one is a usage error saying what to add. */
export function tuningOf(ctx: StepContext): Tuning {
  if (ctx.config.tuning) return ctx.config.tuning;
  throw new UsageError(
    `${ctx.configFile ?? 'the config'} has no tuning block: add one, like\n` +
      'tuning: { search: grid, metric: auc, space: { learning_rate: [0.0003, 0.001, 0.003] } }',
  );
}

/** The trials of the config's tuning block, drawn with model.seed. */
export function plannedTrials(ctx: StepContext): Trial[] {
  return planTrials(tuningOf(ctx), ctx.config.model.seed);
}

/**
 * Checks every trial's config before any trains (a clash of values is a config error now, not a
 * failed job later) and logs the plan's size, saying so when a random search found fewer trials.
 */
export function checkPlan(ctx: StepContext, trials: Trial[]): void {
  for (const trial of trials) trialConfig(ctx.config, trial.params);
  const tuning = tuningOf(ctx);
  ctx.deps.log.info(`${tuning.search} search: ${trials.length} trials`);
  if (tuning.search === 'random' && trials.length < tuning.trials) {
    ctx.deps.log.info(
      `the space holds ${trials.length} distinct combinations, fewer than tuning.trials (${tuning.trials}): each is tried once`,
    );
  }
}

/**
 * What a trial's result must match to be ranked with the others: the whole config but the
 * backend, which each machine picks (MLOPS_BACKEND).
 */
function planHash(ctx: StepContext): string {
  const { config } = ctx;
  return configHash({ ...config, model: { ...config.model, backend: 'auto' } });
}

/** `mlops tune plan`: the trials as matrix JSON; past GitHub's 256 jobs a matrix cannot run them. */
export function runTunePlan(ctx: StepContext): TunePlanOutcome {
  const tuning = tuningOf(ctx);
  const trials = plannedTrials(ctx);
  if (trials.length > MATRIX_LIMIT) {
    throw new ConfigError(
      `${ctx.configFile ?? 'the config'}: tuning makes ${trials.length} trials, more than the ${MATRIX_LIMIT} jobs GitHub runs from one matrix. ` +
        'Lower tuning.trials or list fewer values, or run them on one machine with `mlops tune run`.',
    );
  }
  checkPlan(ctx, trials);
  return {
    search: tuning.search,
    metric: tuning.metric,
    trials,
    matrix: { include: trials.map((trial) => ({ trial: trial.id, params: trial.params })) },
  };
}

/**
 * `mlops tune trial ID`: trains trial ID's config (the training cache applies, as in `train`)
 * into `<out>/tune/ID/model` and writes its result, validation metrics included, to trial.json.
 */
export async function runTuneTrial(
  ctx: StepContext,
  id: string,
  options: { cache: boolean },
): Promise<TrialOutcome> {
  const trials = plannedTrials(ctx);
  const trial = trials.find((t) => t.id === id);
  if (!trial) {
    const range = `${trials[0]?.id}…${trials.at(-1)?.id}`;
    throw new UsageError(
      `trial ${JSON.stringify(id.slice(0, 40))} is not in the plan: expected one of ${range} (see \`mlops tune plan\`).`,
    );
  }
  const paths = tunePaths(ctx.out);
  // A trial that fails now must not leave an earlier run's result to be ranked.
  await ctx.deps.fs.remove(paths.result(id));
  ctx.deps.log.info(`trial ${id}: ${describeParams(trial.params)}`);
  const trained = await trainWithCache(
    { ...ctx, config: trialConfig(ctx.config, trial.params), out: paths.trial(id) },
    options,
  );
  const result: TrialResult = {
    format: TRIAL_FORMAT,
    plan: planHash(ctx),
    trial: id,
    params: trial.params,
    // JSON has no NaN: a metric without a value (auc of one class) is left out.
    metrics: Object.fromEntries(
      Object.entries(trained.metrics).filter(([, value]) => Number.isFinite(value)),
    ),
    bundle: path.basename(trained.bundleDir),
    modelId: trained.training.modelId,
    dataHash: trained.training.dataHash,
    epochs: { run: trained.training.epochs.run, best: trained.training.epochs.best },
  };
  const file = paths.result(id);
  await writeJson(ctx, file, result);
  const { metric } = tuningOf(ctx);
  const value = result.metrics[metric] ?? null;
  ctx.deps.log.info(`trial ${id}: validation ${metric} ${formatNumber(value)}; result in ${file}`);
  return { result, file, metric, value, cached: trained.cache.hit };
}

/**
 * `mlops tune collect [results…]`: ranks the trial results (the given files, else every planned
 * trial's under `<out>/tune/`) by the validation metric, writes the leaderboard and the winning
 * config, and copies the winner's bundle to `<out>/model`.
 */
export async function runTuneCollect(
  ctx: StepContext,
  files: readonly string[],
): Promise<CollectOutcome> {
  const tuning = tuningOf(ctx);
  const trials = plannedTrials(ctx);
  const paths = tunePaths(ctx.out);
  const found = await readResults(ctx, files, trials);
  if (found.length === 0) {
    throw new UsageError(
      `no trial results in ${paths.dir}: run \`mlops tune trial ID\` for each planned trial (or \`mlops tune run\`) first.`,
    );
  }
  const order = trials.map((trial) => trial.id);
  const ranked = rankTrials(
    found.map(({ result }) => result),
    tuning.metric,
    order,
  );
  const best = ranked[0] as TrialResult;
  if (best.metrics[tuning.metric] === undefined) {
    throw new DataError(
      `no trial has a validation ${tuning.metric} (is it a metric of this task?): nothing to rank them by. Change tuning.metric.`,
    );
  }
  const seen = new Set(ranked.map((result) => result.trial));
  const missing = order.filter((id) => !seen.has(id));
  if (missing.length > 0) {
    ctx.deps.log.warn(
      `${missing.length} of ${trials.length} trials have no result (${missing.join(', ')}): ranked without them`,
    );
  }
  const leaderboard: Leaderboard = {
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
      modelId: result.modelId,
    })),
    missing,
  };
  // evaluate, report and register describe the model in <out>/model: earlier ones are stale.
  await removeStaleOutputs(ctx);
  const bundleDir = outputPaths(ctx.out).model;
  const from = found.find(({ result }) => result === best)?.file as string;
  const training = await copyVerifiedBundle(
    ctx.deps.fs,
    path.join(path.dirname(from), best.bundle),
    bundleDir,
  );
  if (training.modelId !== best.modelId) {
    throw new DataError(
      `${from}: trial ${best.trial}'s bundle holds another model than its result names. Run the trial again.`,
    );
  }
  await writeJson(ctx, paths.leaderboard, leaderboard);
  await ctx.deps.fs.write(paths.markdown, `${renderLeaderboard(leaderboard, Infinity)}\n`);
  const config = ctx.configFile ? paths.config : null;
  if (ctx.configFile && config) {
    const note = `mlops tune collect: trial ${best.trial} of ${trials.length}, validation ${tuning.metric} ${formatNumber(leaderboard.trials[0]?.value)}`;
    const text = await ctx.deps.fs.readText(ctx.configFile);
    await ctx.deps.fs.write(config, winningConfigText(text, best.params, note));
  }
  ctx.deps.log.info(
    `best: trial ${best.trial} (${describeParams(best.params)}), validation ${tuning.metric} ${formatNumber(leaderboard.trials[0]?.value)}; its bundle is in ${bundleDir}`,
  );
  return {
    leaderboard,
    bundleDir,
    files: { leaderboard: paths.leaderboard, markdown: paths.markdown, config },
  };
}

/**
 * The trial results in `files` (else the planned trials' under `<out>/tune/`), each checked: of
 * this plan, a planned trial with its planned values, once, all on the same data.
 */
async function readResults(
  ctx: StepContext,
  files: readonly string[],
  trials: Trial[],
): Promise<{ file: string; result: TrialResult }[]> {
  const paths = tunePaths(ctx.out);
  const candidates = files.length > 0 ? [...files] : trials.map((trial) => paths.result(trial.id));
  const plan = planHash(ctx);
  const planned = new Map(trials.map((trial) => [trial.id, trial]));
  const found: { file: string; result: TrialResult }[] = [];
  for (const file of candidates) {
    if (files.length === 0 && !(await ctx.deps.fs.exists(file))) continue;
    const result = await readTrialResult(ctx, file);
    const refuse = (why: string) => {
      throw new DataError(`${file}: ${why}. Run \`mlops tune trial ${result.trial}\` again.`);
    };
    if (result.plan !== plan) refuse('the trial was trained with another config');
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
