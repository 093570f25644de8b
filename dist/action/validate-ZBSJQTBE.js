import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  checkDataset,
  driftOptions,
  planValidation,
  runValidate
} from "./chunk-OFLDNUGS.js";
import "./chunk-7ACIIETM.js";
import "./chunk-AIPE7BYB.js";
import "./chunk-7LKQHTW3.js";
import "./chunk-BIBVYHCC.js";
import "./chunk-CJRXHEIG.js";
import "./chunk-ACRUIUDM.js";
import "./chunk-LIFP2JFT.js";
import "./chunk-DIFF2PC7.js";
import "./chunk-7VMJNOUE.js";
import "./chunk-NLK3HGL5.js";
import "./chunk-PIPUWA65.js";
import "./chunk-43EWFW4H.js";
import "./chunk-D54MHMCS.js";
import "./chunk-VGUEJ4FU.js";
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
export {
  checkDataset,
  driftOptions,
  planValidation,
  runValidate
};
