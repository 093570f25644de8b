import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  checkPlan,
  plannedTrials,
  runTuneCollect,
  runTuneTrial
} from "./chunk-OARYLEUW.js";
import "./chunk-Z5327RSS.js";
import "./chunk-MM3FAMLR.js";
import "./chunk-7LKQHTW3.js";
import "./chunk-BIBVYHCC.js";
import "./chunk-CJRXHEIG.js";
import "./chunk-ACRUIUDM.js";
import {
  tunePaths
} from "./chunk-Q22WOTH2.js";
import "./chunk-LIFP2JFT.js";
import "./chunk-DIFF2PC7.js";
import "./chunk-7VMJNOUE.js";
import "./chunk-NO7M2XC5.js";
import "./chunk-PIPUWA65.js";
import "./chunk-43EWFW4H.js";
import "./chunk-D54MHMCS.js";
import "./chunk-VGUEJ4FU.js";
import "./chunk-QAX5UHBS.js";
import "./chunk-WEDFPIX2.js";
import "./chunk-QWSXNRQ4.js";
import "./chunk-CMTZTKEX.js";
import "./chunk-A4DXW22P.js";
import "./chunk-EP3PDB3O.js";
import "./chunk-VP4QO2CL.js";
import "./chunk-463URQ47.js";
import "./chunk-2OKCSJGM.js";
import "./chunk-4IF2AV7F.js";
import "./chunk-TU4ZTE6I.js";
import "./chunk-AIUCNH7N.js";
import "./chunk-XU32KRXS.js";
import "./chunk-NM5J5SUB.js";
import {
  MlopsError,
  UsageError
} from "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// src/steps/tune-run.ts
async function runTuneRun(ctx, options) {
  const trials = plannedTrials(ctx);
  checkPlan(ctx, trials);
  const workers = Math.max(1, Math.min(options.workers ?? options.pool.cores, trials.length));
  ctx.deps.log.info(
    workers === 1 ? "training the trials one after the other" : `training on ${workers} threads`
  );
  await ctx.deps.fs.remove(tunePaths(ctx.out).dir);
  const ids = trials.map((trial) => trial.id);
  const failures = workers === 1 ? await runSerially(ctx, ids, options.cache) : await options.pool.run(ctx, ids, { workers, cache: options.cache });
  for (const { trial, error } of failures) {
    ctx.deps.log.warn(`trial ${trial} failed: ${error.message}`);
  }
  if (failures.length === ids.length && failures[0]) throw failures[0].error;
  const collected = await runTuneCollect(ctx, []);
  return { ...collected, workers, failed: failures.map((failure) => failure.trial) };
}
async function runSerially(ctx, ids, cache) {
  const failures = [];
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
function parseWorkers(text) {
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1) {
    throw new UsageError(`--workers: expected a whole number from 1, got ${JSON.stringify(text)}.`);
  }
  return Number(text);
}
export {
  parseWorkers,
  runTuneRun
};
