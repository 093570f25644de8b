import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  ensureRelease
} from "./chunk-LHXFQNPG.js";
import "./chunk-IFW4YRUV.js";
import {
  packVerifiedBundle
} from "./chunk-YQZQDQHW.js";
import {
  bundlePin,
  replayTags
} from "./chunk-YR2GBVOP.js";
import {
  outputPaths
} from "./chunk-C2BMDOFT.js";
import "./chunk-D54MHMCS.js";
import "./chunk-N3QVR3LN.js";
import "./chunk-MTWO572S.js";
import "./chunk-CMTZTKEX.js";
import "./chunk-A4DXW22P.js";
import {
  bundleAssetName,
  ignoredTagReason,
  parseTag
} from "./chunk-H7KIXIMF.js";
import {
  require_semver
} from "./chunk-6N7CCY5D.js";
import {
  SUMS_FILE,
  sha256Hex
} from "./chunk-T6OIANNY.js";
import "./chunk-TE2M4OOS.js";
import "./chunk-QXT2EVHB.js";
import "./chunk-DB6VBX4O.js";
import "./chunk-AIUCNH7N.js";
import "./chunk-XU32KRXS.js";
import {
  errorMessage
} from "./chunk-NM5J5SUB.js";
import {
  ChecksumMismatch,
  MlopsError,
  RegistryConflict
} from "./chunk-N5O7Y2C6.js";
import {
  __toESM
} from "./chunk-5ZRYL5NC.js";

// src/steps/doctor.ts
var import_semver = __toESM(require_semver(), 1);
var NOTES = /* @__PURE__ */ new Set(["remote-only-tag", "unpinned-version"]);
async function runDoctor(ctx, options) {
  const { tags } = ctx.deps;
  const [local, remote] = [await tags.localTags(), await tags.remoteTags()];
  const tagFindings = await checkTags(ctx, local, remote, options.fix);
  const records = options.fix ? await tags.list() : local;
  const state = replayTags(records);
  const findings = [
    ...tagFindings,
    ...ignoredTags([...records, ...remote].map((t) => t.tag)),
    ...metadataMismatches(state),
    ...await checkReleases(ctx, state, options.fix)
  ];
  const problems = findings.filter((f) => !f.fixed && !NOTES.has(f.kind)).length;
  return { findings, problems, healthy: problems === 0 };
}
function formatDoctorReport(outcome) {
  const lines = outcome.findings.map(
    (f) => `${f.kind}: ${f.tag}: ${f.detail}${f.fixed ? " [fixed]" : ""}`
  );
  const fixable = outcome.findings.some((f) => !f.fixed && f.kind !== "ignored-tag");
  const verdict = outcome.healthy ? "the registry is consistent" : `${outcome.problems} ${outcome.problems === 1 ? "problem remains" : "problems remain"}` + (fixable ? ": run `mlops registry doctor --fix` to repair what can be" : "");
  return [...lines, verdict].join("\n");
}
async function checkTags(ctx, localTags, remoteTags, fix) {
  const local = localTags.filter((t) => parseTag(t.tag) !== null);
  const remote = remoteTags.filter((t) => parseTag(t.tag) !== null);
  const remoteByName = new Map(remote.map((t) => [t.tag, t]));
  const localNames = new Set(local.map((t) => t.tag));
  const localOnly = local.filter((t) => !remoteByName.has(t.tag));
  const diverged = local.filter((t) => {
    const theirs = remoteByName.get(t.tag);
    return theirs !== void 0 && theirs.object !== t.object;
  });
  const remoteOnly = remote.filter((t) => !localNames.has(t.tag));
  const findings = [
    ...await localOnlyFindings(ctx, localOnly, remote, fix),
    ...diverged.map(
      (t) => finding("diverged-tag", t.tag, divergedDetail(t, remoteByName.get(t.tag)), fix)
    ),
    ...remoteOnly.map(
      (t) => finding("remote-only-tag", t.tag, `on the remote only (${t.commit.slice(0, 7)})`, fix)
    )
  ];
  if (fix) await ctx.deps.tags.takeRemote([...diverged, ...remoteOnly].map((t) => t.tag));
  return findings;
}
async function localOnlyFindings(ctx, localOnly, remote, fix) {
  const findings = [];
  for (const tag of localOnly) {
    const conflict = pushConflict(tag, remote);
    const detail = `only in this repository (${tag.commit.slice(0, 7)}): a run stopped before pushing it` + (conflict ? `, and it cannot be pushed: ${conflict}` : "");
    if (!fix || conflict) {
      findings.push(finding("local-only-tag", tag.tag, detail, false));
      continue;
    }
    try {
      await ctx.deps.tags.push([tag.tag]);
      findings.push(finding("local-only-tag", tag.tag, `${detail}; pushed`, true));
    } catch (error) {
      if (!(error instanceof RegistryConflict)) throw error;
      findings.push(finding("local-only-tag", tag.tag, `${detail}; ${error.message}`, false));
    }
  }
  return findings;
}
function pushConflict(tag, remote) {
  const parsed = parseTag(tag.tag);
  if (!parsed) return null;
  const sameModel = remote.flatMap((t) => {
    const theirs = parseTag(t.tag);
    return theirs?.name === parsed.name ? [{ ref: t, parsed: theirs }] : [];
  });
  const sameCounter = sameModel.find(
    (t) => parsed.counter !== null && t.parsed.counter === parsed.counter
  );
  if (sameCounter) return `the remote's ${sameCounter.ref.tag} has the same counter`;
  if (parsed.kind !== "version") return null;
  const deregistered = new Set(
    sameModel.flatMap((t) => t.parsed.kind === "deregister" ? [t.parsed.version] : [])
  );
  for (const { ref, parsed: theirs } of sameModel) {
    if (theirs.kind !== "version") continue;
    if (import_semver.default.eq(theirs.version, parsed.version)) {
      return `the remote registers v${theirs.version} as ${ref.tag}`;
    }
    if (ref.commit === tag.commit && !deregistered.has(theirs.version)) {
      const commit = tag.commit.slice(0, 7);
      return `commit ${commit} carries ${ref.tag} on the remote (a commit holds one version)`;
    }
  }
  return null;
}
function divergedDetail(local, remote) {
  const theirs = remote ? ` (theirs on ${remote.commit.slice(0, 7)})` : "";
  return `differs from the remote's tag of the same name${theirs}, here on ${local.commit.slice(0, 7)}: it lost a race, and the remote is the registry of record; --fix replaces it with the remote's`;
}
function ignoredTags(tags) {
  return [...new Set(tags)].flatMap((tag) => {
    const reason = ignoredTagReason(tag);
    return reason ? [
      finding(
        "ignored-tag",
        tag,
        `not read as a registry tag: ${reason}. It was made by hand; delete it here and on the remote (git tag -d ${tag}; git push --delete REMOTE ${tag})`,
        false
      )
    ] : [];
  });
}
function metadataMismatches(state) {
  return liveVersions(state).flatMap(
    ({ version }) => version.metadataMismatch ? [
      finding(
        "metadata-mismatch",
        version.tag,
        `${version.metadataMismatch}; deregister it (mlops deregister) and register again`,
        false
      )
    ] : []
  );
}
async function checkReleases(ctx, state, fix) {
  const local = fix ? await localBundle(ctx) : null;
  const findings = [];
  for (const { model, version } of liveVersions(state)) {
    const found = await checkRelease(ctx, model, version, local);
    if (found) findings.push(found);
  }
  return findings;
}
async function checkRelease(ctx, model, version, local) {
  const { releases } = ctx.deps;
  const asset = bundleAssetName(model.name, version.version);
  const pin = bundlePin(version);
  const assets = await releases.list(version.tag);
  if (!assets.includes(asset) || !assets.includes(SUMS_FILE)) {
    return incompleteRelease(ctx, model, version, { asset, assets, pin, local });
  }
  if (pin === null) {
    return finding(
      "unpinned-version",
      version.tag,
      "registered before bundles were pinned: its release is trusted on its SHA256SUMS alone",
      false
    );
  }
  const mismatch = await releaseMismatch(ctx, version.tag, asset, pin);
  return mismatch === null ? null : finding("release-mismatch", version.tag, mismatch, false);
}
async function incompleteRelease(ctx, model, version, release) {
  const { asset, assets, pin, local } = release;
  const missing = [asset, SUMS_FILE].filter((name) => !assets.includes(name)).join(" and ");
  const detail = `its release lacks ${missing} (it has: ${assets.join(", ") || "nothing"})`;
  if (pin === null) {
    return finding(
      "incomplete-release",
      version.tag,
      `${detail}; its tag pins no bundle, so run \`mlops register\` on its commit to publish it`,
      false
    );
  }
  if (local?.bundle?.sha256 === pin) {
    const ref = { name: model.name, version: version.version, tag: version.tag, pin };
    await ensureRelease(ctx, ref, local.bundle);
    return finding(
      "incomplete-release",
      version.tag,
      `${detail}; published from ${local.dir}`,
      true
    );
  }
  return finding(
    "incomplete-release",
    version.tag,
    `${detail}. Complete it with --fix where the bundle its tag pins (sha256 ${pin.slice(0, 12)}\u2026) is in <out>/model${local ? ` (${local.dir}: ${local.why})` : ""}, or register a new version`,
    false
  );
}
async function releaseMismatch(ctx, tag, asset, pin) {
  let data;
  try {
    data = await ctx.deps.releases.download(tag, asset);
  } catch (error) {
    if (!(error instanceof ChecksumMismatch)) throw error;
    return `${error.message} Releases are immutable: register a new version`;
  }
  const actual = sha256Hex(data);
  if (actual === pin) return null;
  return `${asset} hashes to ${actual}, but the tag pins ${pin}: the asset and its ${SUMS_FILE} were replaced after registration. Fetching it is refused; delete the release by hand and publish the registered bundle again (--fix where it is in <out>/model), or register a new version`;
}
async function localBundle(ctx) {
  const dir = outputPaths(ctx.out).model;
  if (!await ctx.deps.fs.exists(dir)) return { dir, bundle: null, why: "no bundle there" };
  try {
    const bundle = await packVerifiedBundle(ctx.deps.fs, dir);
    return { dir, bundle, why: `its bundle hashes to ${bundle.sha256.slice(0, 12)}\u2026` };
  } catch (error) {
    if (!(error instanceof MlopsError)) throw error;
    return { dir, bundle: null, why: errorMessage(error) };
  }
}
function liveVersions(state) {
  return state.models.flatMap(
    (model) => model.versions.filter((v) => !v.deregistered).map((version) => ({ model, version }))
  );
}
function finding(kind, tag, detail, fixed) {
  return { kind, tag, detail, fixed };
}
export {
  formatDoctorReport,
  runDoctor
};
