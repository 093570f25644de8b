import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  deserializeModel,
  serializeModel
} from "./chunk-ESQFKZKR.js";
import "./chunk-YKFMZJAV.js";
import "./chunk-2OKCSJGM.js";
import "./chunk-4IF2AV7F.js";
import "./chunk-5ZRYL5NC.js";
export {
  deserializeModel,
  serializeModel
};
