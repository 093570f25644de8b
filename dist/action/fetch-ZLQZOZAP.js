import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  fetchBundle,
  runFetch
} from "./chunk-YEB6Y2FP.js";
import "./chunk-YR2GBVOP.js";
import "./chunk-N3QVR3LN.js";
import "./chunk-H7KIXIMF.js";
import "./chunk-6N7CCY5D.js";
import "./chunk-T6OIANNY.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";
export {
  fetchBundle,
  runFetch
};
