import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  parseJson
} from "./chunk-CMTZTKEX.js";
import {
  packBundle,
  sha256Hex
} from "./chunk-T6OIANNY.js";
import {
  BUNDLE_FILES,
  manifestProblems,
  modelIdOf,
  parseBundleManifest
} from "./chunk-TE2M4OOS.js";
import {
  DataError,
  UsageError
} from "./chunk-N5O7Y2C6.js";

// src/steps/bundle-io.ts
import path from "node:path";
var DAMAGED_REMEDY = "Train it again (`mlops train`), or fetch it again from its release.";
async function loadBundle(fs, dir) {
  if (!await fs.exists(path.join(dir, BUNDLE_FILES.model))) {
    throw new UsageError(`${dir} holds no trained model: run \`mlops train\` first.`);
  }
  const files = await readVerifiedBundle(fs, dir);
  const { deserializeModel } = await import("./io-TGRO2DJM.js");
  const model = await deserializeModel({
    modelJson: text(files, BUNDLE_FILES.model),
    weights: bytes(files, BUNDLE_FILES.weights)
  });
  return {
    model,
    preprocessing: json(files, dir, BUNDLE_FILES.preprocessing),
    training: json(files, dir, BUNDLE_FILES.training)
  };
}
async function packVerifiedBundle(fs, dir) {
  const files = await readVerifiedBundle(fs, dir);
  const archive = await packBundle(dir, [...files.keys()]);
  return { archive, sha256: sha256Hex(archive), card: text(files, BUNDLE_FILES.card) };
}
async function copyVerifiedBundle(fs, from, to) {
  const files = await readVerifiedBundle(fs, from);
  await fs.writeFolder(to, Object.fromEntries(files));
  return json(files, from, BUNDLE_FILES.training);
}
async function readVerifiedBundle(fs, dir) {
  const manifestFile = path.join(dir, BUNDLE_FILES.manifest);
  const manifest = await fs.exists(manifestFile) ? parseBundleManifest(await fs.readText(manifestFile)) : null;
  if (!manifest) {
    throw new DataError(
      `${dir} is not a whole model bundle: ${BUNDLE_FILES.manifest} is missing or unreadable, so the training that wrote it did not finish (or predates manifests). ${DAMAGED_REMEDY}`
    );
  }
  const files = /* @__PURE__ */ new Map();
  for (const name of Object.keys(manifest.files)) {
    const file = path.join(dir, name);
    files.set(name, await fs.exists(file) ? await fs.readBytes(file) : null);
  }
  const problems = manifestProblems(manifest, files);
  if (problems.length > 0) {
    throw new DataError(
      `${dir} does not match its ${BUNDLE_FILES.manifest}: ${problems.join("; ")}. The bundle was torn by a stopped run or edited. ${DAMAGED_REMEDY}`
    );
  }
  const verified = new Map([...files].flatMap(([name, data]) => data ? [[name, data]] : []));
  checkModelId(verified, dir);
  verified.set(BUNDLE_FILES.manifest, await fs.readBytes(manifestFile));
  return verified;
}
function checkModelId(files, dir) {
  const training = json(files, dir, BUNDLE_FILES.training);
  const preprocessing = json(files, dir, BUNDLE_FILES.preprocessing);
  const actual = modelIdOf(bytes(files, BUNDLE_FILES.weights), preprocessing);
  if (actual === training.modelId) return;
  throw new DataError(
    `${path.join(dir, BUNDLE_FILES.training)}: modelId ${String(training.modelId).slice(0, 12)}\u2026 is not the model in ${BUNDLE_FILES.weights} and ${BUNDLE_FILES.preprocessing} (${actual.slice(0, 12)}\u2026). ${DAMAGED_REMEDY}`
  );
}
function bytes(files, name) {
  const data = files.get(name);
  if (!data) throw new Error(`bundle file ${name} was not read`);
  return data;
}
function text(files, name) {
  return new TextDecoder().decode(bytes(files, name));
}
function json(files, dir, name) {
  return parseJson(text(files, name), path.join(dir, name), DAMAGED_REMEDY);
}

export {
  loadBundle,
  packVerifiedBundle,
  copyVerifiedBundle,
  readVerifiedBundle
};
