import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  DataError
} from "./chunk-N5O7Y2C6.js";

// src/util/json.ts
function parseJson(text, source, remedy) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DataError(`${source}: not valid JSON (${errorMessage(error)}). ${remedy}`);
  }
}

export {
  parseJson
};
