import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  checkPlan,
  plannedTrials,
  runTuneCollect,
  runTuneTrial
} from "./chunk-AGTBLYTV.js";
import "./chunk-Y2P4MJ3X.js";
import "./chunk-TQNOPFKR.js";
import "./chunk-YQZQDQHW.js";
import "./chunk-62WKEDIO.js";
import "./chunk-CJRXHEIG.js";
import "./chunk-XQRPJJDI.js";
import {
  tunePaths
} from "./chunk-N7IWREES.js";
import "./chunk-4Y3A6PT4.js";
import "./chunk-HLR62EQG.js";
import "./chunk-7VMJNOUE.js";
import "./chunk-5CCA7GT4.js";
import "./chunk-XYKEPJ3A.js";
import "./chunk-C2BMDOFT.js";
import "./chunk-D54MHMCS.js";
import "./chunk-N3QVR3LN.js";
import "./chunk-QAX5UHBS.js";
import "./chunk-WEDFPIX2.js";
import "./chunk-MTWO572S.js";
import "./chunk-CMTZTKEX.js";
import "./chunk-A4DXW22P.js";
import "./chunk-H7KIXIMF.js";
import "./chunk-6N7CCY5D.js";
import "./chunk-T6OIANNY.js";
import "./chunk-TE2M4OOS.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-DB6VBX4O.js";
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
