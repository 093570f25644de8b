/**
 * `mlops tune run`: the matrix on one machine. Every planned trial trains as `tune trial` trains
 * it, in worker threads (one per core by default), then `tune collect` ranks the results: the same
 * files, so the same winner, as the plan → matrix → collect path.
 */
import { MlopsError, UsageError } from '../errors.js';
import type { StepContext } from './context.js';
import { tunePaths } from './tune-files.js';
import {
  checkPlan,
  plannedTrials,
  runTuneCollect,
  runTuneTrial,
  type CollectOutcome,
} from './tune.js';

/** A trial that failed with one of our errors (a diverged training, bad data): the others go on. */
export interface TrialFailure {
  trial: string;
  error: MlopsError;
}

/** Trains trials in parallel; an error that is not an MlopsError (a bug) rejects the whole run. */
export interface TrialPool {
  /** Cores available: the number of workers by default. */
  cores: number;
  run(
    ctx: StepContext,
    trials: string[],
    options: { workers: number; cache: boolean },
  ): Promise<TrialFailure[]>;
}

export type TuneRunOutcome = CollectOutcome & { workers: number; failed: string[] };

/**
 * Trains every planned trial on `workers` threads (all cores when absent; one trains them in this
 * thread, one after the other) and collects them. A failed trial is left out with a warning; when
 * every trial fails, the first one's error is the run's.
 */
export async function runTuneRun(
  ctx: StepContext,
  options: { workers?: number; cache: boolean; pool: TrialPool },
): Promise<TuneRunOutcome> {
  const trials = plannedTrials(ctx);
  checkPlan(ctx, trials);
  const workers = Math.max(1, Math.min(options.workers ?? options.pool.cores, trials.length));
  ctx.deps.log.info(
    workers === 1 ? 'training the trials one after the other' : `training on ${workers} threads`,
  );
  // Every trial is trained again: results of an earlier plan must not be ranked with these.
  await ctx.deps.fs.remove(tunePaths(ctx.out).dir);
  const ids = trials.map((trial) => trial.id);
  const failures =
    workers === 1
      ? await runSerially(ctx, ids, options.cache)
      : await options.pool.run(ctx, ids, { workers, cache: options.cache });
  for (const { trial, error } of failures) {
    ctx.deps.log.warn(`trial ${trial} failed: ${error.message}`);
  }
  if (failures.length === ids.length && failures[0]) throw failures[0].error;
  const collected = await runTuneCollect(ctx, []);
  return { ...collected, workers, failed: failures.map((failure) => failure.trial) };
}

async function runSerially(ctx: StepContext, ids: string[], cache: boolean) {
  const failures: TrialFailure[] = [];
  for (const trial of ids) {
    try {
      await runTuneTrial(ctx, trial, { cache });
    } catch (error) {
      if (!(error instanceof MlopsError)) throw error;
      failures.push({ trial, error });
    }
  }
  return failures;
}

/** `--workers N`: a whole number from 1. */
export function parseWorkers(text: string): number {
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1) {
    throw new UsageError(`--workers: expected a whole number from 1, got ${JSON.stringify(text)}.`);
  }
  return Number(text);
}
