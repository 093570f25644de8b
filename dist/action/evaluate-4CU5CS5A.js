import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  runEvaluate
} from "./chunk-Q2YO27VB.js";
import "./chunk-NDBIT35Y.js";
import "./chunk-YEB6Y2FP.js";
import "./chunk-4XV5VKAC.js";
import "./chunk-YQDBKPXL.js";
import "./chunk-46IB2XEP.js";
import "./chunk-WJYOAWCY.js";
import "./chunk-TAKOUAGW.js";
import "./chunk-CJRXHEIG.js";
import "./chunk-XQRPJJDI.js";
import "./chunk-MBINXEGZ.js";
import "./chunk-QGAB4GCY.js";
import "./chunk-VCSP3TFO.js";
import "./chunk-7VMJNOUE.js";
import "./chunk-YR2GBVOP.js";
import "./chunk-QFYNNAM4.js";
import "./chunk-D54MHMCS.js";
import "./chunk-N3QVR3LN.js";
import "./chunk-MTWO572S.js";
import "./chunk-CMTZTKEX.js";
import "./chunk-A4DXW22P.js";
import "./chunk-H7KIXIMF.js";
import "./chunk-6N7CCY5D.js";
import "./chunk-T6OIANNY.js";
import "./chunk-TEZFQHBX.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-DB6VBX4O.js";
import "./chunk-AIUCNH7N.js";
import "./chunk-XU32KRXS.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";
export {
  runEvaluate
};
