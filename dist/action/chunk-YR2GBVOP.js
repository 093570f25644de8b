import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  isSameModel,
  metadataMismatch,
  parseTagMessage
} from "./chunk-N3QVR3LN.js";
import {
  MAX_TAG_NUMBER,
  isValidVersion,
  parseTag
} from "./chunk-H7KIXIMF.js";
import {
  require_semver
} from "./chunk-6N7CCY5D.js";
import {
  compareText
} from "./chunk-NM5J5SUB.js";
import {
  MlopsError,
  RegistryConflict,
  UsageError
} from "./chunk-N5O7Y2C6.js";
import {
  __toESM
} from "./chunk-5ZRYL5NC.js";

// src/registry/state.ts
var import_semver = __toESM(require_semver(), 1);
var GTO_EVENT_NAMES = {
  version: "register",
  deregister: "deregister",
  assign: "assign",
  unassign: "unassign",
  deprecate: "deprecate"
};
var FIRST_VERSION = "0.1.0";
var KIND_ORDER = {
  deprecate: 0,
  version: 1,
  deregister: 2,
  assign: 3,
  unassign: 4
};
function replayTags(records) {
  const builders = /* @__PURE__ */ new Map();
  for (const { record, parsed } of sortedRegistryRecords(records)) {
    let builder = builders.get(parsed.name);
    if (!builder) {
      builder = { versions: /* @__PURE__ */ new Map(), stages: /* @__PURE__ */ new Map(), deprecated: false, history: [] };
      builders.set(parsed.name, builder);
    }
    applyEvent(builder, parsed, record);
  }
  const models = [...builders.entries()].sort(([a], [b]) => compareText(a, b)).map(([name, builder]) => finishModel(name, builder));
  return { models };
}
function findModel(state, name) {
  return state.models.find((model) => model.name === name);
}
function requireModel(state, name) {
  const model = findModel(state, name);
  if (model) return model;
  const known = state.models.map((m) => m.name).join(", ") || "none";
  throw new UsageError(
    `no model "${name}" in the registry (models: ${known}): check the name, or point --repo or --remote at the repository that holds its tags.`
  );
}
function stageVersion(model, stage) {
  return model.stages.find((assignment) => assignment.stage === stage)?.version ?? null;
}
function sameModelVersions(model, identity) {
  return model.versions.filter((v) => !v.deregistered && v.metadata !== null && isSameModel(v.metadata, identity)).reverse();
}
function bundlePin(version) {
  return version?.metadata?.bundleSha256 ?? null;
}
function versionsOnCommit(model, commit) {
  return model.versions.filter((v) => !v.deregistered && v.commit === commit);
}
function nextStageCounter(records, name) {
  let highest = null;
  for (const record of records) {
    const parsed = parseTag(record.tag);
    if (parsed?.name === name && parsed.counter !== null && parsed.counter > (highest?.counter ?? 0)) {
      highest = { counter: parsed.counter, tag: record.tag };
    }
  }
  if (highest?.counter === MAX_TAG_NUMBER) {
    throw new RegistryConflict(
      `${highest.tag} holds the highest counter the registry reads (${highest.counter}), so no later tag of ${name} could be numbered: it was made by hand. Delete it (git tag -d ${highest.tag}, and git push --delete REMOTE ${highest.tag} where it was pushed), then run the command again.`
    );
  }
  return (highest?.counter ?? 0) + 1;
}
function planVersion(state, name, request) {
  const versions = findModel(state, name)?.versions ?? [];
  if ("version" in request) {
    const version = request.version.replace(/^v/, "");
    if (!isValidVersion(version)) {
      throw new UsageError(
        `Invalid version "${request.version}": use SemVer 2.0 like 1.4.0 or 2.0.0-rc.1, whose numbers are at most ${MAX_TAG_NUMBER.toLocaleString("en-US")}.`
      );
    }
    const taken = versions.find((existing) => import_semver.default.eq(existing.version, version));
    if (taken) {
      throw new RegistryConflict(
        `${name} v${version} is already registered (tag ${taken.tag} on commit ${taken.commit.slice(0, 7)}). Choose another version or bump instead.`
      );
    }
    return version;
  }
  const highest = versions.at(-1);
  if (!highest) return FIRST_VERSION;
  const next = import_semver.default.inc(highest.version, request.bump);
  if (!next || !isValidVersion(next)) {
    throw new MlopsError(
      `Cannot bump ${name} v${highest.version} (${request.bump}): the result is not a version the registry reads. Pass --version, or bump another part (registry.bump in mlops.yml).`
    );
  }
  return next;
}
function sortedRegistryRecords(records) {
  const parsedRecords = [];
  for (const record of records) {
    const parsed = parseTag(record.tag);
    if (!parsed) continue;
    const time = Date.parse(record.createdAt);
    if (Number.isNaN(time)) {
      throw new MlopsError(
        `Tag ${record.tag} has an unreadable creation date "${record.createdAt}".`
      );
    }
    parsedRecords.push({ record, parsed, time });
  }
  return parsedRecords.sort(
    (a, b) => a.time - b.time || (a.parsed.counter ?? 0) - (b.parsed.counter ?? 0) || KIND_ORDER[a.parsed.kind] - KIND_ORDER[b.parsed.kind] || compareText(a.record.tag, b.record.tag)
  );
}
function applyEvent(model, parsed, record) {
  let version = null;
  let stage = null;
  switch (parsed.kind) {
    case "version": {
      version = parsed.version;
      const existing = model.versions.get(version);
      if (!existing || existing.deregistered) {
        model.versions.set(version, {
          version,
          tag: record.tag,
          commit: record.commit,
          createdAt: record.createdAt,
          ...trustedMetadata(record.message, { name: parsed.name, version }),
          deregistered: false
        });
      }
      model.deprecated = false;
      break;
    }
    case "deregister": {
      version = parsed.version;
      const existing = model.versions.get(version);
      if (existing) existing.deregistered = true;
      for (const [name, assignment] of model.stages) {
        if (assignment.version === version) model.stages.delete(name);
      }
      break;
    }
    case "deprecate":
      model.deprecated = true;
      break;
    case "assign":
      stage = parsed.stage;
      version = versionOnCommit(model, record.commit);
      if (version !== null) {
        model.stages.set(stage, { stage, version, tag: record.tag, since: record.createdAt });
        model.deprecated = false;
      }
      break;
    case "unassign":
      stage = parsed.stage;
      version = versionOnCommit(model, record.commit);
      if (version !== null && model.stages.get(stage)?.version === version) {
        model.stages.delete(stage);
      }
      break;
  }
  model.history.push({
    kind: parsed.kind,
    tag: record.tag,
    createdAt: record.createdAt,
    commit: record.commit,
    version,
    stage
  });
}
function trustedMetadata(message, tag) {
  const metadata = parseTagMessage(message);
  const mismatch = metadata && metadataMismatch(metadata, tag);
  return mismatch ? { metadata: null, metadataMismatch: mismatch } : { metadata };
}
function versionOnCommit(model, commit) {
  let found = null;
  for (const candidate of model.versions.values()) {
    if (candidate.deregistered || candidate.commit !== commit) continue;
    if (found === null || import_semver.default.compareBuild(candidate.version, found) > 0) {
      found = candidate.version;
    }
  }
  return found;
}
function finishModel(name, builder) {
  const versions = [...builder.versions.values()].sort(
    (a, b) => import_semver.default.compareBuild(a.version, b.version)
  );
  const stages = [...builder.stages.values()].sort((a, b) => compareText(a.stage, b.stage));
  const latest = versions.filter((version) => !version.deregistered).at(-1)?.version ?? null;
  return {
    name,
    versions,
    stages,
    latest,
    deprecated: builder.deprecated,
    history: builder.history
  };
}

export {
  GTO_EVENT_NAMES,
  replayTags,
  findModel,
  requireModel,
  stageVersion,
  sameModelVersions,
  bundlePin,
  versionsOnCommit,
  nextStageCounter,
  planVersion
};
