import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  runValidate
} from "./chunk-QUGUISTT.js";
import {
  runTrain
} from "./chunk-VKLD25LF.js";
import "./chunk-IDP7WWNR.js";
import "./chunk-PCOF2STY.js";
import {
  runEvaluate
} from "./chunk-TN5WLADE.js";
import "./chunk-MB3BDLEF.js";
import "./chunk-HXJTHRAK.js";
import "./chunk-KTLU2QSR.js";
import "./chunk-E7C5AOC5.js";
import {
  runReport
} from "./chunk-RFVPV5D6.js";
import {
  runRegister
} from "./chunk-WQAVTNOO.js";
import "./chunk-EHMSX5AW.js";
import "./chunk-2MIUNZN4.js";
import "./chunk-VULNSKNI.js";
import "./chunk-EPJNYDEE.js";
import "./chunk-WEDFPIX2.js";
import "./chunk-34X4ZDTJ.js";
import "./chunk-TAQL4A6A.js";
import {
  removeStaleOutputs
} from "./chunk-RRK7RW54.js";
import "./chunk-TR5YPSUC.js";
import "./chunk-RFZDLVJK.js";
import "./chunk-4FCZWPGO.js";
import "./chunk-U75PPFJS.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-ZA3UR7Y6.js";
import "./chunk-PRJFH6BC.js";

// src/steps/pipeline.ts
async function runPipeline(ctx, options = {}) {
  await removeStaleOutputs(ctx);
  const validation = await runValidate(ctx);
  if (!validation.passed) {
    ctx.deps.log.warn("data validation failed: not training. See the data checks in the report.");
    const report2 = await runReport(ctx);
    return {
      validation,
      training: null,
      evaluation: null,
      registration: null,
      report: report2,
      passed: false
    };
  }
  const training = await runTrain(ctx);
  const evaluation = await runEvaluate(ctx);
  let registration = null;
  let registrationError = null;
  if (evaluation.blessed && options.register !== false) {
    registration = await runRegister(ctx).catch((error) => {
      registrationError = error;
      return null;
    });
  }
  const report = await runReport(ctx);
  if (registrationError) throw registrationError;
  return { validation, training, evaluation, registration, report, passed: evaluation.blessed };
}
export {
  runPipeline
};
