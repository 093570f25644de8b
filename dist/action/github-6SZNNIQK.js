import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  createGitHubClient,
  gitHubFailure,
  httpStatus
} from "./chunk-QQD5QRTO.js";
import "./chunk-YEV7L4AC.js";
import "./chunk-WG7UCFDQ.js";
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
