/**
 * The files tuning writes under `<out>/tune/`: each trial's `trial.json` beside its bundle, and
 * collect's leaderboard (JSON and markdown) and winning config. Trial files arrive as artifacts of
 * other jobs (a fork's pull request runs those jobs too), so they are read like step outputs:
 * format first, then every field.
 */
import path from 'node:path';
import { z } from 'zod';
import { MAX_TRIALS } from '../model/tuning.js';
import type { StepContext } from './context.js';
import { readStepOutput } from './context.js';

/** `format` of a trial's result file, its first field. */
export const TRIAL_FORMAT = 'mlops-actions/tune-trial/v1';
/** `format` of leaderboard.json, its first field. */
export const LEADERBOARD_FORMAT = 'mlops-actions/tune-leaderboard/v1';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in hex');
const trialId = z.string().regex(/^t\d{2,5}$/, 'expected a trial id like t01');
const count = z.number().int().min(0);
const metricSet = z.record(z.string(), z.number());
const params = z.record(z.string(), z.unknown());
const epochs = z.object({ run: count, best: count });

const trialResultSchema = z.object({
  format: z.literal(TRIAL_FORMAT),
  /** The plan the trial belongs to (planHash): results of another config are refused. */
  plan: sha256,
  trial: trialId,
  params,
  /** Metrics on the validation split: trials are never ranked on the test split. */
  metrics: metricSet,
  /** The bundle's folder beside trial.json: a plain name, so it cannot point elsewhere. */
  bundle: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected a folder name'),
  modelId: sha256,
  dataHash: sha256,
  epochs,
});

/** One trial's result: `<out>/tune/<trial>/trial.json`. */
export type TrialResult = z.infer<typeof trialResultSchema>;

const leaderboardSchema = z.object({
  format: z.literal(LEADERBOARD_FORMAT),
  plan: sha256,
  search: z.enum(['random', 'grid']),
  metric: z.string(),
  /** The winning trial, and the model its bundle holds (copied to `<out>/model`). */
  best: trialId,
  modelId: sha256,
  trials: z
    .array(
      z.object({
        rank: count,
        trial: trialId,
        params,
        /** The ranking metric on the validation split; null when the trial could not score it. */
        value: z.number().nullable(),
        metrics: metricSet,
        epochs,
        modelId: sha256,
      }),
    )
    .max(MAX_TRIALS),
  /** Planned trials without a result (a failed matrix job, an artifact not uploaded). */
  missing: z.array(trialId).max(MAX_TRIALS),
});

/** `<out>/tune/leaderboard.json`: every trial ranked, best first. */
export type Leaderboard = z.infer<typeof leaderboardSchema>;

export const TUNE_OUTPUTS = {
  trial: { id: TRIAL_FORMAT, schema: trialResultSchema },
  leaderboard: { id: LEADERBOARD_FORMAT, schema: leaderboardSchema },
};

/** Where tuning writes under `out`. */
export function tunePaths(out: string) {
  const dir = path.join(out, 'tune');
  return {
    dir,
    trial: (id: string) => path.join(dir, id),
    result: (id: string) => path.join(dir, id, 'trial.json'),
    leaderboard: path.join(dir, 'leaderboard.json'),
    markdown: path.join(dir, 'leaderboard.md'),
    /** The user's mlops.yml with the winner's settings: a file to commit. */
    config: path.join(dir, 'best.mlops.yml'),
  };
}

/** Reads and checks a trial's result file. */
export function readTrialResult(ctx: StepContext, file: string): Promise<TrialResult> {
  return readStepOutput(ctx, file, 'tune trial', TUNE_OUTPUTS.trial);
}
