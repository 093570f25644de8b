import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  main
} from "./chunk-WI76DKWI.js";
import "./chunk-BHCT6P2S.js";
import "./chunk-YR2GBVOP.js";
import "./chunk-5CCA7GT4.js";
import "./chunk-XYKEPJ3A.js";
import "./chunk-C2BMDOFT.js";
import "./chunk-D54MHMCS.js";
import "./chunk-N3QVR3LN.js";
import "./chunk-2KJHYJUY.js";
import "./chunk-WK7L66YU.js";
import "./chunk-DNKOUKO6.js";
import "./chunk-QAX5UHBS.js";
import "./chunk-WEDFPIX2.js";
import "./chunk-MTWO572S.js";
import "./chunk-CMTZTKEX.js";
import "./chunk-A4DXW22P.js";
import "./chunk-H7KIXIMF.js";
import "./chunk-6N7CCY5D.js";
import "./chunk-T6OIANNY.js";
import "./chunk-BKOIQZVU.js";
import "./chunk-TE2M4OOS.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-DB6VBX4O.js";
import "./chunk-AIUCNH7N.js";
import "./chunk-XU32KRXS.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";

// step-entry:fetch
await main("fetch");
