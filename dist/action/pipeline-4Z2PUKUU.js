import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  runValidate
} from "./chunk-XK4EQHAB.js";
import {
  runTrain
} from "./chunk-TVHYH3PY.js";
import {
  runEvaluate
} from "./chunk-S364KOKJ.js";
import "./chunk-ONUP63ZO.js";
import "./chunk-Q44Z43RM.js";
import "./chunk-ENFULHTQ.js";
import "./chunk-36W742SU.js";
import {
  runReport
} from "./chunk-NE3JMS3E.js";
import {
  runRegister
} from "./chunk-2OFUNCXQ.js";
import "./chunk-FVBUSK2P.js";
import "./chunk-QODRJP7C.js";
import "./chunk-KL2ADNBE.js";
import "./chunk-KTLU2QSR.js";
import "./chunk-WOM5VDK4.js";
import "./chunk-7VMJNOUE.js";
import "./chunk-RN3VDXEH.js";
import {
  removeStaleOutputs
} from "./chunk-IRARDZYB.js";
import "./chunk-LGK7GXXG.js";
import "./chunk-WEDFPIX2.js";
import "./chunk-F5OT2ZOW.js";
import "./chunk-7BDSWT4Z.js";
import "./chunk-RYC64SMY.js";
import "./chunk-VLYWMXNP.js";
import "./chunk-33QQTOMJ.js";
import "./chunk-KE5X3KEF.js";
import "./chunk-4JI63ZGI.js";
import "./chunk-JKVQ4H3Q.js";
import "./chunk-XU32KRXS.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-NM5J5SUB.js";
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
