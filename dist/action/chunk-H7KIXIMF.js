import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  require_semver
} from "./chunk-6N7CCY5D.js";
import {
  UsageError
} from "./chunk-N5O7Y2C6.js";
import {
  __toESM
} from "./chunk-5ZRYL5NC.js";

// src/registry/tags.ts
var import_semver = __toESM(require_semver(), 1);
var MAX_TAG_NUMBER = 999999999;
var MAX_NAME_LENGTH = 100;
var MAX_REF_PART_BYTES = 255;
var NAME = "[a-z0-9](?:[a-z0-9/-]*[a-z0-9])?";
var FULL_NAME = `(?:[a-z0-9_./-]+=)?${NAME}`;
var NAME_RE = new RegExp(`^${NAME}$`);
var FULL_NAME_RE = new RegExp(`^${FULL_NAME}$`);
var TAG_RE = new RegExp(
  `^(?<name>${FULL_NAME})(?:(?:#(?<stage>${NAME})|@v(?<version>[0-9][0-9A-Za-z.+-]*))(?<cancel>!?)|@(?<deprecated>deprecated))(?:#(?<counter>[0-9]+))?$`
);
function isValidName(text) {
  return NAME_RE.test(text) && refFormatProblem(`refs/tags/${text}`) === null;
}
function nameProblem(text) {
  if (!NAME_RE.test(text)) {
    return 'use lower-case letters, digits, "-" and "/", starting and ending with a letter or digit (like "income" or "churn-v2")';
  }
  const refProblem = refFormatProblem(`refs/tags/${text}`);
  if (refProblem) return `git refuses it in a tag name: it ${refProblem}`;
  if (text.length > MAX_NAME_LENGTH) {
    return `it has ${text.length} characters; at most ${MAX_NAME_LENGTH} fit in the tags it names`;
  }
  return null;
}
function refFormatProblem(ref) {
  if (ref === "@") return 'is "@" alone';
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(ref)) {
    return "contains a space, a control character or one of ~ ^ : ? * [ \\";
  }
  if (ref.includes("..")) return 'contains ".."';
  if (ref.includes("@{")) return 'contains "@{"';
  if (ref.startsWith("/") || ref.endsWith("/") || ref.includes("//")) {
    return 'has an empty part between slashes (a leading, trailing or doubled "/")';
  }
  if (ref.endsWith(".")) return 'ends with "."';
  const part = ref.split("/").find((p) => p.startsWith(".") || p.endsWith(".lock"));
  if (part !== void 0) return `has a part starting with "." or ending with ".lock" ("${part}")`;
  return null;
}
function isValidVersion(text) {
  const parsed = import_semver.default.parse(text);
  return parsed !== null && parsed.raw === text && /^[0-9]/.test(text) && [parsed.major, parsed.minor, parsed.patch].every((n) => n <= MAX_TAG_NUMBER);
}
function parseTag(tag) {
  const parsed = matchTag(tag);
  return parsed && outOfBounds(parsed) === null ? parsed : null;
}
function ignoredTagReason(tag) {
  const parsed = matchTag(tag);
  return parsed && outOfBounds(parsed);
}
function matchTag(tag) {
  const groups = TAG_RE.exec(tag)?.groups;
  if (!groups?.name) return null;
  const name = groups.name;
  const counter = groups.counter === void 0 ? null : Number(groups.counter);
  const cancelled = groups.cancel === "!";
  if (groups.deprecated) return { kind: "deprecate", name, counter };
  if (groups.stage) {
    return { kind: cancelled ? "unassign" : "assign", name, stage: groups.stage, counter };
  }
  const version = groups.version ?? "";
  const parsed = import_semver.default.parse(version);
  if (parsed === null || parsed.raw !== version) return null;
  return { kind: cancelled ? "deregister" : "version", name, version, counter };
}
function outOfBounds(parsed) {
  if (parsed.counter !== null && parsed.counter > MAX_TAG_NUMBER) {
    return `its counter is above ${formatBound()}, more events than any registry records`;
  }
  if ("version" in parsed && !isValidVersion(parsed.version)) {
    return `a number of its version is above ${formatBound()}`;
  }
  return null;
}
function formatBound() {
  return MAX_TAG_NUMBER.toLocaleString("en-US");
}
function versionTag(name, version) {
  return checkedTag(`${checkedName(name)}@v${checkedVersion(version)}`);
}
function deregisterTag(name, version, counter) {
  return withCounter(`${versionTag(name, version)}!`, counter);
}
function deprecateTag(name, counter) {
  return checkedTag(withCounter(`${checkedName(name)}@deprecated`, counter));
}
function stageTag(name, stage, counter) {
  return checkedTag(`${checkedName(name)}#${checkedStage(stage)}#${checkedCounter(counter)}`);
}
function unassignTag(name, stage, counter) {
  return checkedTag(`${checkedName(name)}#${checkedStage(stage)}!#${checkedCounter(counter)}`);
}
function bundleAssetName(name, version) {
  return `${checkedName(name).replace(/[/=]/g, "-")}-v${checkedVersion(version)}.tgz`;
}
function toModelName(text) {
  const base = text.split(/[\\/]/).pop() ?? "";
  return toNamePart(base.replace(/(.)\.[A-Za-z][A-Za-z0-9]*$/, "$1"), text);
}
function toNamePart(text, source = text) {
  const slug = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (!slug) {
    throw new UsageError(
      `Cannot derive a model name from "${source}": it has no letters or digits. Set \`name:\` in mlops.yml (lower case letters, digits, "-" and "/").`
    );
  }
  return slug;
}
function checkedName(name) {
  if (FULL_NAME_RE.test(name) && refFormatProblem(`refs/tags/${name}`) === null) return name;
  throw new UsageError(
    `Invalid model name "${name}": use lower case letters, digits, "-" and "/", starting and ending with a letter or digit (for example "${safeSuggestion(name)}").`
  );
}
function checkedStage(stage) {
  if (isValidName(stage)) return stage;
  throw new UsageError(
    `Invalid stage "${stage}": use lower case letters, digits, "-" and "/", starting and ending with a letter or digit (for example "${safeSuggestion(stage)}").`
  );
}
function checkedVersion(version) {
  if (isValidVersion(version)) return version;
  throw new UsageError(
    `Invalid version "${version}": use a SemVer 2.0 version without the "v", like 1.4.0 or 2.0.0-rc.1, whose numbers are at most ${formatBound()}.`
  );
}
function checkedTag(tag) {
  const problem = refFormatProblem(`refs/tags/${tag}`) ?? (tag.split("/").some((part) => new TextEncoder().encode(part).length > MAX_REF_PART_BYTES) ? `has a part longer than ${MAX_REF_PART_BYTES} bytes` : null);
  if (problem === null) return tag;
  throw new UsageError(
    `Cannot make the tag "${tag}": git refuses it, since it ${problem}. Choose a shorter model name, stage or version (\`name:\` and \`registry.stages\` in mlops.yml).`
  );
}
function withCounter(tag, counter) {
  return counter === void 0 ? tag : `${tag}#${checkedCounter(counter)}`;
}
function checkedCounter(counter) {
  if (Number.isInteger(counter) && counter >= 1 && counter <= MAX_TAG_NUMBER) return counter;
  throw new UsageError(
    `Invalid tag counter ${counter}: it must be a whole number from 1 to ${formatBound()}.`
  );
}
function safeSuggestion(text) {
  try {
    return toModelName(text);
  } catch {
    return "my-model";
  }
}

export {
  MAX_TAG_NUMBER,
  MAX_NAME_LENGTH,
  isValidName,
  nameProblem,
  isValidVersion,
  parseTag,
  ignoredTagReason,
  versionTag,
  deregisterTag,
  deprecateTag,
  stageTag,
  unassignTag,
  bundleAssetName,
  toModelName,
  toNamePart
};
