import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  main
} from "./chunk-ACKNGT2S.js";
import "./chunk-IUXFVXEU.js";
import "./chunk-NLK3HGL5.js";
import "./chunk-NO7M2XC5.js";
import "./chunk-PIPUWA65.js";
import "./chunk-43EWFW4H.js";
import "./chunk-D54MHMCS.js";
import "./chunk-VGUEJ4FU.js";
import "./chunk-FQATFMFY.js";
import "./chunk-KERSLTGE.js";
import "./chunk-ZNOIVLZS.js";
import "./chunk-QAX5UHBS.js";
import "./chunk-WEDFPIX2.js";
import "./chunk-QWSXNRQ4.js";
import "./chunk-CMTZTKEX.js";
import "./chunk-A4DXW22P.js";
import "./chunk-EP3PDB3O.js";
import "./chunk-VP4QO2CL.js";
import "./chunk-463URQ47.js";
import "./chunk-BKOIQZVU.js";
import "./chunk-2OKCSJGM.js";
import "./chunk-4IF2AV7F.js";
import "./chunk-TU4ZTE6I.js";
import "./chunk-AIUCNH7N.js";
import "./chunk-XU32KRXS.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// step-entry:register
await main("register");
