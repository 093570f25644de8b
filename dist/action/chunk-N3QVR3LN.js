import { createRequire as __createRequire } from 'node:module'; import { dirname as __pathDirname } from 'node:path'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleFilename = __fileURLToPath(import.meta.url); const __bundleDirname = __pathDirname(__bundleFilename);
import {
  require_semver
} from "./chunk-6N7CCY5D.js";
import {
  external_exports
} from "./chunk-QXT2EVHB.js";
import {
  formatNumber
} from "./chunk-NM5J5SUB.js";
import {
  __toESM
} from "./chunk-5ZRYL5NC.js";

// src/registry/metadata.ts
var import_semver = __toESM(require_semver(), 1);
var TAG_METADATA_SCHEMA_ID = "mlops-actions/v1";
var tagMetadataSchema = external_exports.object({
  schema: external_exports.literal(TAG_METADATA_SCHEMA_ID),
  name: external_exports.string().min(1),
  version: external_exports.string().min(1),
  metrics: external_exports.record(external_exports.string(), external_exports.number()),
  task: external_exports.enum(["binary", "multiclass", "regression"]),
  dataHash: external_exports.string().min(1),
  configHash: external_exports.string().min(1),
  /** Absent in tags made before the schema and tool version were part of a model's identity. */
  schemaHash: external_exports.string().min(1).optional(),
  toolVersion: external_exports.string().min(1).optional(),
  createdAt: external_exports.iso.datetime({ offset: true }),
  runUrl: external_exports.string().optional(),
  backend: external_exports.string().optional(),
  /** False when the version was registered with --force despite failed gates. */
  blessed: external_exports.boolean().optional(),
  /** Who registered a NOT_BLESSED version with --force, and why. */
  forced: external_exports.object({ by: external_exports.string().min(1), reason: external_exports.string().min(1) }).optional(),
  /**
   * sha256 of the released `.tgz`: the tag pins the bundle, so replacing the asset and SHA256SUMS
   * together is still caught. Absent in tags made before bundles were pinned.
   */
  bundleSha256: external_exports.string().regex(/^[0-9a-f]{64}$/).optional()
});
function isSameModel(a, b) {
  return a.dataHash === b.dataHash && a.configHash === b.configHash && a.schemaHash === b.schemaHash && majorMinor(a.toolVersion) === majorMinor(b.toolVersion);
}
function majorMinor(version) {
  const parsed = version === void 0 ? null : import_semver.default.parse(version);
  return parsed ? `${parsed.major}.${parsed.minor}` : version;
}
function formatTagMessage(meta) {
  const valid = tagMetadataSchema.parse(meta);
  const metrics = Object.entries(valid.metrics).map(([metric, value]) => `${metric}=${formatNumber(value)}`).join(", ");
  const summary = `${valid.name} v${valid.version} (${valid.task})${metrics ? `: ${metrics}` : ""}`;
  return `${summary}

${JSON.stringify(valid, null, 2)}
`;
}
function metadataMismatch(metadata, tag) {
  if (metadata.name === tag.name && metadata.version === tag.version) return null;
  return `its metadata describes ${metadata.name} v${metadata.version}, not ${tag.name} v${tag.version}, so its metrics and hashes are not used`;
}
function parseTagMessage(message) {
  const start = message.indexOf("{");
  const end = message.lastIndexOf("}");
  if (start < 0 || end < start) return null;
  let json;
  try {
    json = JSON.parse(message.slice(start, end + 1));
  } catch {
    return null;
  }
  const result = tagMetadataSchema.safeParse(json);
  return result.success ? result.data : null;
}

export {
  TAG_METADATA_SCHEMA_ID,
  tagMetadataSchema,
  isSameModel,
  formatTagMessage,
  metadataMismatch,
  parseTagMessage
};
