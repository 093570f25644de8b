/**
 * The JSON metadata carried in a version tag's message: what was trained, on which data and
 * config, and how well it scored, readable by `git show TAG` and by the registry.
 */
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
  createdAt: z.iso.datetime({ offset: true }),
  runUrl: z.string().optional(),
  backend: z.string().optional(),
  /** False when the version was registered with --force despite failed gates. */
  blessed: z.boolean().optional(),
});

export type TagMetadata = z.infer<typeof tagMetadataSchema>;

/** A tag message: a one-line human summary, a blank line, then the metadata as pretty JSON. */
export function formatTagMessage(meta: TagMetadata): string {
  const valid = tagMetadataSchema.parse(meta);
  const metrics = Object.entries(valid.metrics)
    .map(([metric, value]) => `${metric}=${formatNumber(value)}`)
    .join(', ');
  const summary = `${valid.name} v${valid.version} (${valid.task})${metrics ? `: ${metrics}` : ''}`;
  return `${summary}\n\n${JSON.stringify(valid, null, 2)}\n`;
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
