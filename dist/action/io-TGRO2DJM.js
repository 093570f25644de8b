import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  deserializeModel,
  serializeModel
} from "./chunk-6XMZXKO2.js";
import "./chunk-MBINXEGZ.js";
import "./chunk-TE2M4OOS.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-5ZRYL5NC.js";
export {
  deserializeModel,
  serializeModel
};
