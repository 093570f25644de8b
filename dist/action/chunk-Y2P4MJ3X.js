import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  package_default
} from "./chunk-TQNOPFKR.js";
import {
  packVerifiedBundle,
  readVerifiedBundle
} from "./chunk-YQZQDQHW.js";
import {
  readCommittedSchema
} from "./chunk-62WKEDIO.js";
import {
  formatSchema
} from "./chunk-XQRPJJDI.js";
import {
  configHash,
  modelName
} from "./chunk-XYKEPJ3A.js";
import {
  STEP_OUTPUTS,
  checkStepOutput,
  outputPaths,
  removeStaleOutputs,
  resolveInput
} from "./chunk-C2BMDOFT.js";
import {
  parseJson
} from "./chunk-CMTZTKEX.js";
import {
  sha256Hex,
  unpackBundle
} from "./chunk-T6OIANNY.js";
import {
  BUNDLE_FILES
} from "./chunk-TE2M4OOS.js";
import {
  external_exports
} from "./chunk-QXT2EVHB.js";
import {
  errorMessage,
  summarizeMetrics
} from "./chunk-NM5J5SUB.js";
import {
  MlopsError
} from "./chunk-N5O7Y2C6.js";

// src/steps/train-cache.ts
import { createHash } from "node:crypto";
import path from "node:path";
var KEY_PREFIX = "mlops-train";
var UNUSABLE = "ignoring it and training";
var metricsSchema = external_exports.record(
  external_exports.string(),
  external_exports.number().nullable().transform((value) => value ?? NaN)
);
async function trainWithCache(ctx, options) {
  if (!options.cache) {
    ctx.deps.log.info("training cache off (--no-cache): training");
    return { ...await train(ctx), cache: { hit: false, key: null } };
  }
  const inputs = await cacheInputs(ctx);
  const key = trainingCacheKey(modelName(ctx.config), inputs);
  const restored = await restoreBundle(ctx, key, inputs);
  if (restored) return { ...restored, cache: { hit: true, key } };
  ctx.deps.log.info(`training cache: no usable entry for key ${key}; training`);
  const outcome = await train(ctx);
  await saveBundle(ctx, key, outcome, inputs);
  return { ...outcome, cache: { hit: false, key } };
}
async function train(ctx) {
  return (await import("./train-Y5OQTI2A.js")).runTrain(ctx);
}
function trainingCacheKey(name, inputs) {
  const ordered = {
    dataHash: inputs.dataHash,
    configHash: inputs.configHash,
    schemaHash: inputs.schemaHash,
    toolVersion: inputs.toolVersion,
    backend: inputs.backend
  };
  const hash = createHash("sha256").update(JSON.stringify(ordered)).digest("hex");
  return `${KEY_PREFIX}-${name}-${hash}`;
}
async function cacheInputs(ctx) {
  const { config, deps } = ctx;
  const data = createHash("sha256");
  for await (const chunk of deps.fs.stream(resolveInput(ctx, config.data.train)))
    data.update(chunk);
  const { schema } = await readCommittedSchema(ctx);
  return {
    dataHash: data.digest("hex"),
    configHash: configHash(config),
    schemaHash: schema ? createHash("sha256").update(formatSchema(schema)).digest("hex") : "inferred",
    toolVersion: package_default.version,
    backend: await plannedBackend(config.model.backend, deps.backend)
  };
}
async function plannedBackend(preferred, options) {
  if (preferred !== "auto") return preferred;
  const native = options.loadNative?.().then(
    () => true,
    () => false
  );
  if (await native) return "tensorflow";
  return options.wasmDir ? "wasm" : "cpu";
}
async function restoreBundle(ctx, key, inputs) {
  const { deps } = ctx;
  const hit = await deps.trainingCache.restore(key);
  if (!hit) return null;
  const actual = sha256Hex(hit.archive);
  if (actual !== hit.sha256) {
    deps.log.warn(
      `training cache: the entry for key ${key} in ${hit.where} is corrupt (its archive hashes to ${actual}, the entry says ${hit.sha256}); ${UNUSABLE}`
    );
    return null;
  }
  const scratch = await deps.tmpDir();
  try {
    const dir = path.join(scratch, "model");
    await unpackBundle(hit.archive, dir).catch((error) => {
      throw error instanceof MlopsError ? error : new MlopsError(errorMessage(error));
    });
    const files = await readVerifiedBundle(deps.fs, dir);
    const training = checkStepOutput(
      parseJson(text(files, BUNDLE_FILES.training), BUNDLE_FILES.training, UNUSABLE),
      BUNDLE_FILES.training,
      STEP_OUTPUTS.training,
      UNUSABLE
    );
    const mismatch = recordedMismatch(training, inputs);
    if (mismatch) {
      deps.log.warn(`training cache: the entry for key ${key} ${mismatch}; ${UNUSABLE}`);
      return null;
    }
    const metrics = metricsSchema.parse(
      parseJson(text(files, BUNDLE_FILES.metrics), BUNDLE_FILES.metrics, UNUSABLE)
    );
    const bundleDir = outputPaths(ctx.out).model;
    await removeStaleOutputs(ctx);
    await deps.fs.writeFolder(bundleDir, Object.fromEntries(files));
    deps.log.info(
      `restored from cache (key ${key}), from ${hit.where}: model ${training.modelId.slice(0, 12)}, trained ${training.epochs.run} epochs, kept epoch ${training.epochs.best}; validation: ${summarizeMetrics(metrics) || "no validation split"}`
    );
    training.warnings?.forEach((warning) => deps.log.warn(warning));
    deps.log.info(`model bundle written to ${bundleDir}`);
    return { bundleDir, training, metrics };
  } catch (error) {
    if (!(error instanceof MlopsError || error instanceof external_exports.ZodError)) throw error;
    deps.log.warn(
      `training cache: the entry for key ${key} in ${hit.where} cannot be used (${errorMessage(error)}); ${UNUSABLE}`
    );
    return null;
  } finally {
    await deps.fs.remove(scratch);
  }
}
function recordedMismatch(training, inputs) {
  if (training.dataHash !== inputs.dataHash) return "was trained on other data";
  if (training.configHash !== inputs.configHash) return "was trained with another config";
  if (training.toolVersion !== inputs.toolVersion) return "was trained by another version";
  if (training.backend !== inputs.backend) return `was trained on the ${training.backend} backend`;
  return null;
}
async function saveBundle(ctx, key, outcome, inputs) {
  const mismatch = recordedMismatch(outcome.training, inputs);
  if (mismatch) {
    ctx.deps.log.warn(`training cache: not saving key ${key}: the bundle ${mismatch}`);
    return;
  }
  const { archive, sha256 } = await packVerifiedBundle(ctx.deps.fs, outcome.bundleDir);
  await ctx.deps.trainingCache.save(key, { archive, sha256 });
}
function text(files, name) {
  const data = files.get(name);
  if (!data) throw new Error(`bundle file ${name} was not read`);
  return new TextDecoder().decode(data);
}

export {
  trainWithCache,
  trainingCacheKey
};
