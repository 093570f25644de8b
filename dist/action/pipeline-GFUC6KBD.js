import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  runRegister
} from "./chunk-LHXFQNPG.js";
import "./chunk-IFW4YRUV.js";
import {
  runValidate
} from "./chunk-PXEXV67Y.js";
import {
  trainWithCache
} from "./chunk-Y2P4MJ3X.js";
import "./chunk-TQNOPFKR.js";
import {
  runEvaluate
} from "./chunk-KNF4P4U6.js";
import "./chunk-VWJNTXGM.js";
import "./chunk-YEB6Y2FP.js";
import "./chunk-Z7P7JFT3.js";
import "./chunk-YQDBKPXL.js";
import "./chunk-KX5X2Y5F.js";
import "./chunk-YQZQDQHW.js";
import "./chunk-62WKEDIO.js";
import "./chunk-CJRXHEIG.js";
import "./chunk-XQRPJJDI.js";
import {
  runReport
} from "./chunk-C62MYPX3.js";
import "./chunk-N7IWREES.js";
import "./chunk-MBINXEGZ.js";
import "./chunk-4Y3A6PT4.js";
import "./chunk-HLR62EQG.js";
import "./chunk-7VMJNOUE.js";
import "./chunk-YR2GBVOP.js";
import "./chunk-5CCA7GT4.js";
import "./chunk-XYKEPJ3A.js";
import {
  removeStaleOutputs
} from "./chunk-C2BMDOFT.js";
import "./chunk-D54MHMCS.js";
import "./chunk-N3QVR3LN.js";
import "./chunk-DNKOUKO6.js";
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
