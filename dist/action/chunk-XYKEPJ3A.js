import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  MAX_NAME_LENGTH,
  toModelName,
  toNamePart
} from "./chunk-H7KIXIMF.js";
import {
  compareText
} from "./chunk-NM5J5SUB.js";

// src/steps/identity.ts
import { createHash } from "node:crypto";
function modelName(config) {
  if (config.name) return config.name;
  const derived = `${toModelName(config.data.train)}-${toNamePart(config.data.label)}`;
  return derived.slice(0, MAX_NAME_LENGTH).replace(/[^a-z0-9]+$/, "");
}
function configHash(config) {
  return createHash("sha256").update(canonicalJson(config)).digest("hex");
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0);
    entries.sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export {
  modelName,
  configHash
};
