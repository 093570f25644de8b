import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  blessing,
  formatMetrics,
  listRegistry,
  modelHeading,
  renderModel,
  stagesOf
} from "./chunk-QL2Y2MPN.js";
import "./chunk-KGA7A56M.js";
import "./chunk-TAQL4A6A.js";
import "./chunk-4FCZWPGO.js";
import "./chunk-U75PPFJS.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-ZA3UR7Y6.js";
import "./chunk-PRJFH6BC.js";
export {
  blessing,
  formatMetrics,
  listRegistry,
  modelHeading,
  renderModel,
  stagesOf
};
