import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  fetchBundle
} from "./chunk-YEB6Y2FP.js";
import {
  loadBundle
} from "./chunk-YQZQDQHW.js";
import {
  bundlePin,
  findModel,
  replayTags,
  stageVersion
} from "./chunk-YR2GBVOP.js";
import {
  versionTag
} from "./chunk-H7KIXIMF.js";
import {
  errorMessage,
  firstLine
} from "./chunk-NM5J5SUB.js";
import {
  ChecksumMismatch,
  MlopsError
} from "./chunk-N5O7Y2C6.js";

// src/steps/baseline.ts
async function chooseBaseline(ctx, name) {
  const { deps, config } = ctx;
  let records;
  try {
    records = await deps.tags.list();
  } catch (error) {
    if (!(error instanceof MlopsError)) throw error;
    deps.log.warn(`no registry to find a baseline in (${firstLine(errorMessage(error))})`);
    return null;
  }
  const model = findModel(replayTags(records), name);
  if (!model) return null;
  const stage = config.registry.stages.at(-1);
  const staged = stage ? stageVersion(model, stage) : null;
  const version = staged ?? model.latest;
  if (!version) return null;
  const entry = model.versions.find((v) => v.version === version);
  const tag = versionTag(name, version);
  if (entry?.metadataMismatch) deps.log.warn(`baseline ${tag}: ${entry.metadataMismatch}`);
  return { name, version, tag, reason: staged ? `${stage} stage` : "latest version", entry };
}
async function withFetchedBundle(ctx, version, use) {
  const dir = await ctx.deps.tmpDir();
  try {
    await fetchBundle(ctx.deps, version, dir);
    return await use(dir);
  } finally {
    await ctx.deps.fs.remove(dir);
  }
}
async function findBaseline(ctx, name) {
  const choice = await chooseBaseline(ctx, name);
  if (!choice) return null;
  const { version, tag, reason, entry } = choice;
  const recorded = {
    task: entry?.metadata?.task ?? "binary",
    count: 0,
    overall: entry?.metadata?.metrics ?? {},
    slices: []
  };
  const base = { version, tag, reason };
  try {
    const model = await withFetchedBundle(
      ctx,
      { name, version, pin: bundlePin(entry) },
      (dir) => loadBundle(ctx.deps.fs, dir)
    );
    return { ...base, source: "reevaluated", model, evaluation: recorded };
  } catch (error) {
    if (error instanceof ChecksumMismatch) throw error;
    ctx.deps.log.warn(
      `could not fetch the bundle of ${tag} (${errorMessage(error)}); comparing with its recorded metrics`
    );
    return entry?.metadata ? { ...base, source: "tag-metadata", evaluation: recorded } : null;
  }
}

export {
  chooseBaseline,
  withFetchedBundle,
  findBaseline
};
