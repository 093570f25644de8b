import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  bundlePin,
  findModel,
  replayTags,
  requireModel,
  stageVersion
} from "./chunk-YR2GBVOP.js";
import {
  bundleAssetName,
  isValidName,
  isValidVersion,
  versionTag
} from "./chunk-H7KIXIMF.js";
import {
  SUMS_FILE,
  sha256Hex,
  unpackBundle
} from "./chunk-T6OIANNY.js";
import {
  ChecksumMismatch,
  UsageError
} from "./chunk-N5O7Y2C6.js";

// src/steps/fetch.ts
import path from "node:path";

// src/registry/resolve.ts
var REF_RE = /^(?<name>[^#@]+)(?:#(?<stage>[^#@!]+)|@(?:v(?<version>[^!]+)|(?<latest>latest)))$/;
function resolveModelRef(state, ref) {
  const groups = REF_RE.exec(ref.trim())?.groups;
  const name = groups?.name ?? "";
  if (!groups || !isValidName(name) || groups.version && !isValidVersion(groups.version)) {
    throw new UsageError(
      `"${ref}": expected NAME#STAGE, NAME@vX.Y.Z or NAME@latest (like wages#production).`
    );
  }
  const model = requireModel(state, name);
  const live = model.versions.filter((v) => !v.deregistered).map((v) => v.version);
  if (groups.stage) {
    const version = stageVersion(model, groups.stage);
    if (!version) {
      const stages = model.stages.map((s) => `${s.stage} (v${s.version})`).join(", ") || "none";
      throw new UsageError(`${name} has no version in stage ${groups.stage}; stages: ${stages}.`);
    }
    return { name, version, via: `${groups.stage} stage` };
  }
  if (groups.version) {
    if (!live.includes(groups.version)) {
      throw new UsageError(
        `${name} has no registered version ${groups.version}; it has: ${live.join(", ") || "none"}.`
      );
    }
    return { name, version: groups.version, via: `version ${groups.version}` };
  }
  if (!model.latest) throw new UsageError(`${name} has no registered version.`);
  return { name, version: model.latest, via: "latest version" };
}

// src/steps/fetch.ts
async function fetchBundle(deps, { name, version, pin }, dir) {
  const tag = versionTag(name, version);
  const asset = bundleAssetName(name, version);
  const data = await deps.releases.download(tag, asset);
  const sha256 = sha256Hex(data);
  if (pin !== null && sha256 !== pin) {
    throw new ChecksumMismatch(
      `${asset} of release ${tag} hashes to ${sha256}, but the tag pins ${pin}: the asset and its ${SUMS_FILE} were replaced after registration. It was not unpacked. Publish the registered bundle again (\`mlops registry doctor --fix\`), or register a new version.`
    );
  }
  await unpackBundle(data, dir);
  return { tag, sha256 };
}
async function runFetch(ctx, request) {
  const { deps } = ctx;
  const dir = path.resolve(request.to);
  if (await deps.fs.exists(dir)) {
    throw new UsageError(
      `--to ${request.to}: ${dir} already exists; fetch into a new folder so no file is mixed with another bundle.`
    );
  }
  const state = replayTags(await deps.tags.list());
  const resolved = resolveModelRef(state, request.ref);
  const entry = findModel(state, resolved.name)?.versions.find(
    (v) => v.version === resolved.version
  );
  const pin = bundlePin(entry);
  if (pin === null) {
    deps.log.info(
      `the tag of ${resolved.name} v${resolved.version} pins no bundle hash (registered before pins, or its metadata is not trusted): the bundle is checked against SHA256SUMS only`
    );
  }
  try {
    const fetched = await fetchBundle(deps, { ...resolved, pin }, dir);
    deps.log.info(
      `fetched ${fetched.tag} (${resolved.via}) into ${dir}; sha256 ${fetched.sha256.slice(0, 12)}\u2026`
    );
    return { ...resolved, ...fetched, dir };
  } catch (error) {
    await deps.fs.remove(dir);
    throw error;
  }
}

export {
  resolveModelRef,
  fetchBundle,
  runFetch
};
