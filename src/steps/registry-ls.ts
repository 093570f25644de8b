/** `mlops registry ls`: the registry state as a table for people, or as JSON. */
import { formatNumber } from '../util/text.js';
import {
  replayTags,
  requireModel,
  type ModelState,
  type ModelVersion,
  type RegistryState,
} from '../registry/state.js';
import type { TagStore } from '../registry/store.js';
import { alignColumns } from '../util/text-table.js';

/** Reads the registry (optionally one model) and renders it as plain text. */
export async function listRegistry(
  tags: TagStore,
  name?: string,
): Promise<{ state: RegistryState; text: string }> {
  const all = replayTags(await tags.list());
  const state = name ? { models: [requireModel(all, name)] } : all;
  if (state.models.length === 0)
    return { state, text: 'no models registered yet: run `mlops register`' };
  return { state, text: state.models.map(renderModel).join('\n\n') };
}

/** A model's name line, then one line per version, newest first. */
export function renderModel(model: ModelState): string {
  const rows = [...model.versions].reverse().map((v) => {
    const marks = [
      v.deregistered && 'deregistered',
      blessing(v) === 'NOT_BLESSED' && 'NOT_BLESSED',
    ];
    const marked = marks.filter(Boolean).join(', ');
    return [
      `v${v.version}${marked ? ` (${marked})` : ''}`,
      v.createdAt.slice(0, 10),
      stagesOf(model, v.version),
      formatMetrics(v, 3),
    ];
  });
  return [modelHeading(model), ...alignColumns(rows, '  ')].join('\n');
}

/** `NAME (deprecated)  latest: vX.Y.Z`. */
export function modelHeading(model: ModelState): string {
  const latest = model.latest ? `v${model.latest}` : '-';
  return `${model.name}${model.deprecated ? ' (deprecated)' : ''}  latest: ${latest}`;
}

/** The gates' verdict recorded when the version was registered; `-` for tags without it (GTO's). */
export function blessing(version: ModelVersion): 'BLESSED' | 'NOT_BLESSED' | '-' {
  const blessed = version.metadata?.blessed;
  if (blessed === undefined) return '-';
  return blessed ? 'BLESSED' : 'NOT_BLESSED';
}

/** The stages `version` holds, comma-separated, or `-`. */
export function stagesOf(model: ModelState, version: string): string {
  const held = model.stages.filter((s) => s.version === version).map((s) => s.stage);
  return held.join(',') || '-';
}

/** `metric=value` pairs from the tag metadata, the first `count` of them when given. */
export function formatMetrics(version: ModelVersion, count?: number): string {
  return Object.entries(version.metadata?.metrics ?? {})
    .slice(0, count)
    .map(([metric, value]) => `${metric}=${formatNumber(value)}`)
    .join(' ');
}
