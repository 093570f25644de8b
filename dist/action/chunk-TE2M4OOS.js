import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  external_exports
} from "./chunk-QXT2EVHB.js";

// src/model/bundle.ts
import { createHash } from "node:crypto";
var BUNDLE_FILES = {
  model: "model.json",
  weights: "weights.bin",
  preprocessing: "preprocessing.json",
  schema: "schema.json",
  statistics: "statistics.json",
  history: "history.json",
  metrics: "metrics.json",
  training: "training.json",
  card: "README.md",
  /** Every other file's sha256 and size; written last, so a bundle without it is torn. */
  manifest: "manifest.json"
};
var OPTIONAL_BUNDLE_FILES = {
  /** The validation outputs' statistics, which `mlops monitor` tests served outputs against. */
  outputStatistics: "output-statistics.json"
};
var BUNDLE_MANIFEST_SCHEMA_ID = "mlops-actions/bundle-manifest/v1";
var manifestSchema = external_exports.object({
  schema: external_exports.literal(BUNDLE_MANIFEST_SCHEMA_ID),
  files: external_exports.record(
    // Plain names in the bundle folder: a listed path must never lead a reader elsewhere.
    external_exports.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/),
    external_exports.object({ sha256: external_exports.string().regex(/^[0-9a-f]{64}$/), size: external_exports.number().int().min(0) })
  )
});
var TRAINING_INFO_FORMAT = "mlops-actions/training/v1";
function bundleToFiles(bundle) {
  const files = modelFiles(bundle);
  return { ...files, [BUNDLE_FILES.manifest]: json(bundleManifest(files)) };
}
function bundleManifest(files) {
  const entries = Object.entries(files).map(([name, data]) => {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    return [name, { sha256: sha256Hex(bytes), size: bytes.byteLength }];
  });
  return { schema: BUNDLE_MANIFEST_SCHEMA_ID, files: Object.fromEntries(entries) };
}
function parseBundleManifest(text) {
  try {
    const result = manifestSchema.safeParse(JSON.parse(text));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
function manifestProblems(manifest, files) {
  const unlisted = Object.values(BUNDLE_FILES).filter((name) => name !== BUNDLE_FILES.manifest && !(name in manifest.files)).map((name) => `${name} is not in the manifest`);
  const differing = Object.entries(manifest.files).flatMap(([name, expected]) => {
    const data = files.get(name);
    if (!data) return [`${name} is missing`];
    if (data.byteLength !== expected.size) {
      return [`${name} has ${data.byteLength} bytes, the manifest says ${expected.size}`];
    }
    return sha256Hex(data) === expected.sha256 ? [] : [`${name} differs from the manifest`];
  });
  return [...unlisted, ...differing];
}
function modelIdOf(weights, preprocessing) {
  return createHash("sha256").update(weights).update(JSON.stringify(preprocessing)).digest("hex");
}
function modelFiles(bundle) {
  return {
    [BUNDLE_FILES.model]: bundle.files.modelJson,
    [BUNDLE_FILES.weights]: bundle.files.weights,
    [BUNDLE_FILES.preprocessing]: json(bundle.preprocessing),
    [BUNDLE_FILES.schema]: json(bundle.schema),
    [BUNDLE_FILES.statistics]: json(bundle.statistics),
    [BUNDLE_FILES.history]: json(bundle.history),
    [BUNDLE_FILES.metrics]: json(bundle.metrics),
    [BUNDLE_FILES.training]: json(bundle.training),
    [BUNDLE_FILES.card]: bundle.card,
    ...bundle.outputStatistics ? { [OPTIONAL_BUNDLE_FILES.outputStatistics]: json(bundle.outputStatistics) } : {}
  };
}
function json(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}

export {
  BUNDLE_FILES,
  OPTIONAL_BUNDLE_FILES,
  TRAINING_INFO_FORMAT,
  bundleToFiles,
  parseBundleManifest,
  manifestProblems,
  modelIdOf
};
