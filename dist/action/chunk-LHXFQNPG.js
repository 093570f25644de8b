import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  RACE_ADVICE
} from "./chunk-IFW4YRUV.js";
import {
  packVerifiedBundle
} from "./chunk-YQZQDQHW.js";
import {
  bundlePin,
  findModel,
  planVersion,
  replayTags,
  sameModelVersions
} from "./chunk-YR2GBVOP.js";
import {
  REGISTRATION_FORMAT,
  STEP_OUTPUTS,
  outputPaths,
  readStepOutput,
  resolveInput,
  writeJson
} from "./chunk-C2BMDOFT.js";
import {
  TAG_METADATA_SCHEMA_ID,
  formatTagMessage,
  isSameModel
} from "./chunk-N3QVR3LN.js";
import {
  bundleAssetName,
  versionTag
} from "./chunk-H7KIXIMF.js";
import {
  SUMS_FILE
} from "./chunk-T6OIANNY.js";
import {
  BUNDLE_FILES
} from "./chunk-TE2M4OOS.js";
import {
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  GateFailure,
  RegistryConflict,
  UsageError,
  VersionExistsForCommit
} from "./chunk-N5O7Y2C6.js";

// src/steps/register.ts
import path from "node:path";
var MAX_ATTEMPTS = 3;
async function runRegister(ctx, options = {}) {
  const candidate = await readCandidate(ctx, options);
  const outcome = await registerOrReuse(ctx, candidate, versionRequest(ctx, options));
  await writeJson(ctx, outputPaths(ctx.out).registration, outcome);
  return outcome;
}
async function readCandidate(ctx, options) {
  const paths = outputPaths(ctx.out);
  const evaluation = await readStepOutput(
    ctx,
    paths.evaluation,
    "evaluate",
    STEP_OUTPUTS.evaluation
  );
  const forced = forcedRegistration(ctx, evaluation, options);
  const training = await readStepOutput(
    ctx,
    path.join(paths.model, BUNDLE_FILES.training),
    "train",
    STEP_OUTPUTS.training
  );
  if (evaluation.modelId !== training.modelId) {
    throw new UsageError(
      `${paths.evaluation} is about another model than the one in ${paths.model}: run \`mlops evaluate\` first.`
    );
  }
  const bundle = await packVerifiedBundle(ctx.deps.fs, paths.model);
  return { training, evaluation, forced, bundle };
}
function forcedRegistration(ctx, evaluation, options) {
  if (evaluation.blessed) return null;
  if (!options.force) {
    throw new GateFailure(
      `${evaluation.name} was NOT_BLESSED by its gates, so it was not registered. Fix the failing gates, or pass --force --reason TEXT to register it anyway.`
    );
  }
  const reason = options.reason?.trim();
  if (!reason) {
    throw new UsageError(
      `--force: ${evaluation.name} was NOT_BLESSED by its gates; say why it is registered anyway with --reason TEXT (recorded in the tag, next to who forced it).`
    );
  }
  return { by: ctx.deps.actor ?? "unknown", reason };
}
function versionRequest(ctx, options) {
  return options.version ? { version: options.version } : { bump: ctx.config.registry.bump };
}
async function registerOrReuse(ctx, candidate, request) {
  const { deps } = ctx;
  const name = candidate.training.name;
  let conflict = null;
  for (let attempt = 1; ; attempt++) {
    const state = replayTags(await deps.tags.list());
    const same = reusableVersion(state, candidate.training, request);
    if (same) return reuseVersion(ctx, candidate, same);
    if (conflict instanceof VersionExistsForCommit) {
      return reuseAcrossToolVersions(ctx, candidate, state, conflict);
    }
    if (conflict && attempt > MAX_ATTEMPTS) throw retriesExhausted(name, conflict);
    const version = planVersion(state, name, request);
    try {
      return await registerNewVersion(ctx, candidate, version);
    } catch (error) {
      if (!(error instanceof RegistryConflict)) throw error;
      conflict = error;
      if (error instanceof VersionExistsForCommit) continue;
      deps.log.info(
        `${name} v${version} was taken meanwhile by another registration; reading the registry again (attempt ${attempt} of ${MAX_ATTEMPTS}). ${RACE_ADVICE}`
      );
    }
  }
}
function reuseAcrossToolVersions(ctx, candidate, state, conflict) {
  const { training } = candidate;
  const onCommit = findModel(state, training.name)?.versions.find(
    (v) => v.version === conflict.existing
  );
  const metadata = onCommit?.metadata;
  if (!onCommit || !metadata || !isSameModel({ ...training, toolVersion: metadata.toolVersion }, metadata)) {
    throw conflict;
  }
  ctx.deps.log.info(
    `${training.name} v${onCommit.version} on this commit was made from the same inputs by mlops-actions ${metadata.toolVersion ?? "before 0.1"} (this is ${training.toolVersion ?? "unknown"}); reusing it`
  );
  return reuseVersion(ctx, candidate, onCommit);
}
function retriesExhausted(name, last) {
  return new RegistryConflict(
    `${name}: each of ${MAX_ATTEMPTS} attempts found the tag it planned taken; nothing was registered. Last: ${last.message}
Run \`mlops register\` again once the other registrations have finished. ${RACE_ADVICE}`
  );
}
function reusableVersion(state, training, request) {
  const model = findModel(state, training.name);
  const same = model ? sameModelVersions(model, training) : [];
  if (!("version" in request)) return same[0];
  const wanted = request.version.replace(/^v/, "");
  return same.find((v) => v.version === wanted);
}
async function reuseVersion(ctx, candidate, same) {
  const { deps } = ctx;
  const name = candidate.training.name;
  deps.log.info(
    `${name} v${same.version} (${same.tag} on ${same.commit.slice(0, 7)}) is this model: same data, config, schema and tool version. Reusing it; no new version registered.`
  );
  const ref = { name, version: same.version, tag: same.tag };
  const pin = bundlePin(same);
  const releaseUrl = await ensureRelease(ctx, { ...ref, pin }, candidate.bundle);
  if (releaseUrl)
    deps.log.info(`the release of ${same.tag} was missing; re-published: ${releaseUrl}`);
  return {
    format: REGISTRATION_FORMAT,
    ...ref,
    commit: same.commit,
    releaseUrl,
    existing: true,
    forced: same.metadata?.forced ?? null
  };
}
async function registerNewVersion(ctx, candidate, version) {
  const { deps } = ctx;
  const { training, forced } = candidate;
  const ref = { name: training.name, version, tag: versionTag(training.name, version) };
  if (forced) warnForced(ctx, candidate, ref, forced);
  await warnIfUncommitted(ctx, ref.tag);
  const record = await deps.tags.create(ref.tag, tagMessage(ctx, candidate, version));
  await deps.tags.push([ref.tag]);
  const pin = candidate.bundle.sha256;
  const releaseUrl = await ensureRelease(ctx, { ...ref, pin }, candidate.bundle);
  deps.log.info(
    `registered ${ref.tag} at ${record.commit.slice(0, 7)}; release: ${releaseUrl ?? "already published"}`
  );
  return {
    format: REGISTRATION_FORMAT,
    ...ref,
    commit: record.commit,
    releaseUrl,
    existing: false,
    forced
  };
}
function tagMessage(ctx, candidate, version) {
  const { deps } = ctx;
  const { training, evaluation, forced } = candidate;
  return formatTagMessage({
    schema: TAG_METADATA_SCHEMA_ID,
    name: training.name,
    version,
    metrics: evaluation.evaluation.overall,
    task: training.task,
    dataHash: training.dataHash,
    configHash: training.configHash,
    ...training.schemaHash ? { schemaHash: training.schemaHash } : {},
    ...training.toolVersion ? { toolVersion: training.toolVersion } : {},
    createdAt: deps.now().toISOString(),
    backend: training.backend,
    blessed: evaluation.blessed,
    ...forced ? { forced } : {},
    bundleSha256: candidate.bundle.sha256,
    ...deps.runUrl ? { runUrl: deps.runUrl } : {}
  });
}
function warnForced(ctx, candidate, ref, forced) {
  const failed = candidate.evaluation.gates.results.filter((result) => result.status === "fail").map((result) => result.description + (result.reason ? ` (${result.reason})` : ""));
  ctx.deps.log.warn(
    `registering ${ref.name} v${ref.version} that FAILED its gates: ${failed.join("; ") || "NOT_BLESSED"}. Forced by ${forced.by}: ${forced.reason}`
  );
}
async function ensureRelease(ctx, version, bundle) {
  const { deps } = ctx;
  const asset = bundleAssetName(version.name, version.version);
  if (await hasCompleteRelease(ctx, version.tag, asset)) return null;
  if (version.pin !== null && version.pin !== bundle.sha256) {
    deps.log.warn(
      `the release of ${version.tag} is missing or incomplete, and this run's bundle (sha256 ${bundle.sha256.slice(0, 12)}\u2026) is not the one the tag pins (${version.pin.slice(0, 12)}\u2026), so it was not uploaded: a release holds the registered bytes only. Run \`mlops registry doctor --fix\` where the registered bundle is in <out>/model (the run that registered it), or register a new version.`
    );
    return null;
  }
  try {
    const release = { tag: version.tag, name: version.tag, notes: bundle.card };
    const assets = [{ name: asset, data: bundle.archive }];
    return (await deps.releases.publish({ ...release, assets })).url;
  } catch (error) {
    if (error instanceof RegistryConflict && await hasCompleteRelease(ctx, version.tag, asset)) {
      return null;
    }
    throw new UsageError(
      `${version.tag} is registered, but publishing its release failed: ${errorMessage(error)}. The tag stays; run \`mlops register\` again to publish the missing release, or upload ${asset} and ${SUMS_FILE} by hand.`
    );
  }
}
async function hasCompleteRelease(ctx, tag, asset) {
  const assets = await ctx.deps.releases.list(tag);
  return assets.includes(asset) && assets.includes(SUMS_FILE);
}
async function warnIfUncommitted(ctx, tag) {
  const { config, deps } = ctx;
  const inputs = [config.data.train, config.schema].map((file) => resolveInput(ctx, file));
  if (ctx.configFile) inputs.push(ctx.configFile);
  const found = await deps.tags.uncommitted(inputs);
  const named = (why) => found.filter((input) => input.why === why).map((input) => input.file);
  const dirty = named("changed");
  const outside = named("outside-repository");
  if (dirty.length > 0) {
    deps.log.warn(
      `${dirty.join(", ")} ${dirty.length === 1 ? "has" : "have"} uncommitted changes: ${tag} will name a commit without the data and config that made it. Commit them before registering to keep versions reproducible.`
    );
  }
  if (outside.length > 0) {
    const [lies, them, their] = outside.length === 1 ? ["lies", "it", "its"] : ["lie", "them", "their"];
    deps.log.warn(
      `${outside.join(", ")} ${lies} outside the git repository of the registry tags: ${tag} will name a commit without ${them} (the tag records only ${their} hash). Move ${them} into the repository and commit ${them} before registering to keep versions reproducible.`
    );
  }
}

export {
  runRegister,
  ensureRelease
};
