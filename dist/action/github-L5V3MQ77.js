import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  createGitHubClient,
  gitHubFailure,
  httpStatus
} from "./chunk-6V7LXQYG.js";
import "./chunk-7TIVYRXN.js";
import "./chunk-QGV53TWR.js";
import {
  DEFAULT_API_URL,
  parseRepo
} from "./chunk-BKOIQZVU.js";
import "./chunk-NM5J5SUB.js";
import "./chunk-N5O7Y2C6.js";
import "./chunk-5ZRYL5NC.js";
export {
  DEFAULT_API_URL,
  createGitHubClient,
  gitHubFailure,
  httpStatus,
  parseRepo
};
