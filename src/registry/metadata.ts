/**
 * The JSON metadata carried in a version tag's message: what was trained, on which data and
 * config, and how well it scored, readable by `git show TAG` and by the registry.
 */
import semver from 'semver';
import { z } from 'zod';
import { formatNumber } from '../util/text.js';

export const TAG_METADATA_SCHEMA_ID = 'mlops-actions/v1';

export const tagMetadataSchema = z.object({
  schema: z.literal(TAG_METADATA_SCHEMA_ID),
  name: z.string().min(1),
  version: z.string().min(1),
  metrics: z.record(z.string(), z.number()),
  task: z.enum(['binary', 'multiclass', 'regression']),
  dataHash: z.string().min(1),
  configHash: z.string().min(1),
  /** Absent in tags made before the schema and tool version were part of a model's identity. */
  schemaHash: z.string().min(1).optional(),
  toolVersion: z.string().min(1).optional(),
  createdAt: z.iso.datetime({ offset: true }),
  runUrl: z.string().optional(),
  backend: z.string().optional(),
  /** False when the version was registered with --force despite failed gates. */
  blessed: z.boolean().optional(),
  /** Who registered a NOT_BLESSED version with --force, and why. */
  forced: z.object({ by: z.string().min(1), reason: z.string().min(1) }).optional(),
  /**
   * sha256 of the released `.tgz`: the tag pins the bundle, so replacing the asset and SHA256SUMS
   * together is still caught. Absent in tags made before bundles were pinned.
   */
  bundleSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

export type TagMetadata = z.infer<typeof tagMetadataSchema>;

/** Who forced a NOT_BLESSED model into the registry, and why. */
export type ForcedRegistration = NonNullable<TagMetadata['forced']>;

/**
 * What makes two registrations the same model: the data, config and schema they were trained from,
 * and the mlops-actions release (major.minor) that trained them.
 */
export interface ModelIdentity {
  dataHash: string;
  configHash: string;
  schemaHash?: string;
  toolVersion?: string;
}

/** True when `a` and `b` are the same model, so one registered version serves both. */
export function isSameModel(a: ModelIdentity, b: ModelIdentity): boolean {
  return (
    a.dataHash === b.dataHash &&
    a.configHash === b.configHash &&
    a.schemaHash === b.schemaHash &&
    majorMinor(a.toolVersion) === majorMinor(b.toolVersion)
  );
}

// Patch releases of the tool fix bugs without changing what it trains; a minor may change models.
function majorMinor(version: string | undefined): string | undefined {
  const parsed = version === undefined ? null : semver.parse(version);
  return parsed ? `${parsed.major}.${parsed.minor}` : version;
}

/** A tag message: a one-line human summary, a blank line, then the metadata as pretty JSON. */
export function formatTagMessage(meta: TagMetadata): string {
  const valid = tagMetadataSchema.parse(meta);
  const metrics = Object.entries(valid.metrics)
    .map(([metric, value]) => `${metric}=${formatNumber(value)}`)
    .join(', ');
  const summary = `${valid.name} v${valid.version} (${valid.task})${metrics ? `: ${metrics}` : ''}`;
  return `${summary}\n\n${JSON.stringify(valid, null, 2)}\n`;
}

/**
 * Why `metadata` cannot be trusted for the version tag of `name` v`version` (it describes another
 * model or version, e.g. a message copied from another tag), or null when it matches.
 */
export function metadataMismatch(
  metadata: TagMetadata,
  tag: { name: string; version: string },
): string | null {
  if (metadata.name === tag.name && metadata.version === tag.version) return null;
  return (
    `its metadata describes ${metadata.name} v${metadata.version}, not ${tag.name} v${tag.version}, ` +
    'so its metrics and hashes are not used'
  );
}

/** The metadata in a tag message, or null when the message holds none (e.g. a tag made by GTO). */
export function parseTagMessage(message: string): TagMetadata | null {
  const start = message.indexOf('{');
  const end = message.lastIndexOf('}');
  if (start < 0 || end < start) return null;
  let json: unknown;
  try {
    json = JSON.parse(message.slice(start, end + 1));
  } catch {
    return null;
  }
  const result = tagMetadataSchema.safeParse(json);
  return result.success ? result.data : null;
}
