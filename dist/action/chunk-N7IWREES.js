import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  MAX_TRIALS
} from "./chunk-5CCA7GT4.js";
import {
  readStepOutput
} from "./chunk-C2BMDOFT.js";
import {
  external_exports
} from "./chunk-QXT2EVHB.js";

// src/steps/tune-files.ts
import path from "node:path";
var TRIAL_FORMAT = "mlops-actions/tune-trial/v1";
var LEADERBOARD_FORMAT = "mlops-actions/tune-leaderboard/v1";
var sha256 = external_exports.string().regex(/^[0-9a-f]{64}$/, "expected a sha256 in hex");
var trialId = external_exports.string().regex(/^t\d{2,5}$/, "expected a trial id like t01");
var count = external_exports.number().int().min(0);
var metricSet = external_exports.record(external_exports.string(), external_exports.number());
var params = external_exports.record(external_exports.string(), external_exports.unknown());
var epochs = external_exports.object({ run: count, best: count });
var trialResultSchema = external_exports.object({
  format: external_exports.literal(TRIAL_FORMAT),
  /** The plan the trial belongs to (planHash): results of another config are refused. */
  plan: sha256,
  trial: trialId,
  params,
  /** Metrics on the validation split: trials are never ranked on the test split. */
  metrics: metricSet,
  /** The bundle's folder beside trial.json: a plain name, so it cannot point elsewhere. */
  bundle: external_exports.string().regex(/^[A-Za-z0-9_-]+$/, "expected a folder name"),
  modelId: sha256,
  dataHash: sha256,
  epochs
});
var leaderboardSchema = external_exports.object({
  format: external_exports.literal(LEADERBOARD_FORMAT),
  plan: sha256,
  search: external_exports.enum(["random", "grid"]),
  metric: external_exports.string(),
  /** The winning trial, and the model its bundle holds (copied to `<out>/model`). */
  best: trialId,
  modelId: sha256,
  trials: external_exports.array(
    external_exports.object({
      rank: count,
      trial: trialId,
      params,
      /** The ranking metric on the validation split; null when the trial could not score it. */
      value: external_exports.number().nullable(),
      metrics: metricSet,
      epochs,
      modelId: sha256
    })
  ).max(MAX_TRIALS),
  /** Planned trials without a result (a failed matrix job, an artifact not uploaded). */
  missing: external_exports.array(trialId).max(MAX_TRIALS)
});
var TUNE_OUTPUTS = {
  trial: { id: TRIAL_FORMAT, schema: trialResultSchema },
  leaderboard: { id: LEADERBOARD_FORMAT, schema: leaderboardSchema }
};
function tunePaths(out) {
  const dir = path.join(out, "tune");
  return {
    dir,
    trial: (id) => path.join(dir, id),
    result: (id) => path.join(dir, id, "trial.json"),
    leaderboard: path.join(dir, "leaderboard.json"),
    markdown: path.join(dir, "leaderboard.md"),
    /** The user's mlops.yml with the winner's settings: a file to commit. */
    config: path.join(dir, "best.mlops.yml")
  };
}
function readTrialResult(ctx, file) {
  return readStepOutput(ctx, file, "tune trial", TUNE_OUTPUTS.trial);
}

export {
  TRIAL_FORMAT,
  LEADERBOARD_FORMAT,
  TUNE_OUTPUTS,
  tunePaths,
  readTrialResult
};
