import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  checkDataset,
  driftOptions,
  planValidation,
  runValidate
} from "./chunk-PXEXV67Y.js";
import "./chunk-VWJNTXGM.js";
import "./chunk-YEB6Y2FP.js";
import "./chunk-YQZQDQHW.js";
import "./chunk-62WKEDIO.js";
import "./chunk-CJRXHEIG.js";
import "./chunk-XQRPJJDI.js";
import "./chunk-4Y3A6PT4.js";
import "./chunk-HLR62EQG.js";
import "./chunk-7VMJNOUE.js";
import "./chunk-YR2GBVOP.js";
import "./chunk-XYKEPJ3A.js";
import "./chunk-C2BMDOFT.js";
import "./chunk-D54MHMCS.js";
import "./chunk-N3QVR3LN.js";
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
export {
  checkDataset,
  driftOptions,
  planValidation,
  runValidate
};
