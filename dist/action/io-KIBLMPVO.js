import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  deserializeModel,
  serializeModel
} from "./chunk-KL2ADNBE.js";
import "./chunk-KTLU2QSR.js";
import "./chunk-RYC64SMY.js";
import "./chunk-JKVQ4H3Q.js";
import "./chunk-PRJFH6BC.js";
export {
  deserializeModel,
  serializeModel
};
