import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  fetchBundle,
  runFetch
} from "./chunk-AIPE7BYB.js";
import "./chunk-NLK3HGL5.js";
import "./chunk-VGUEJ4FU.js";
import "./chunk-EP3PDB3O.js";
import "./chunk-VP4QO2CL.js";
import "./chunk-463URQ47.js";
import "./chunk-4IF2AV7F.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";
export {
  fetchBundle,
  runFetch
};
