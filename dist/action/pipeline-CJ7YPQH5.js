import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  runRegister
} from "./chunk-IYQZSUXI.js";
import "./chunk-JB4BCORX.js";
import {
  runValidate
} from "./chunk-OFLDNUGS.js";
import {
  trainWithCache
} from "./chunk-Z5327RSS.js";
import "./chunk-MM3FAMLR.js";
import {
  runEvaluate
} from "./chunk-R3PBZ7Z4.js";
import "./chunk-7ACIIETM.js";
import "./chunk-AIPE7BYB.js";
import "./chunk-C62A5TFF.js";
import "./chunk-62A44MYQ.js";
import "./chunk-P7KZO3SM.js";
import "./chunk-7LKQHTW3.js";
import "./chunk-BIBVYHCC.js";
import "./chunk-CJRXHEIG.js";
import "./chunk-ACRUIUDM.js";
import {
  runReport
} from "./chunk-XKSJDO3T.js";
import "./chunk-Q22WOTH2.js";
import "./chunk-YKFMZJAV.js";
import "./chunk-LIFP2JFT.js";
import "./chunk-DIFF2PC7.js";
import "./chunk-7VMJNOUE.js";
import "./chunk-NLK3HGL5.js";
import "./chunk-NO7M2XC5.js";
import "./chunk-PIPUWA65.js";
import {
  removeStaleOutputs
} from "./chunk-43EWFW4H.js";
import "./chunk-D54MHMCS.js";
import "./chunk-VGUEJ4FU.js";
import "./chunk-ZNOIVLZS.js";
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
import "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

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
  const training = await trainWithCache(ctx, { cache: options.cache ?? true });
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
