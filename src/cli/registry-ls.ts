/** `mlops registry ls`: the registry state as a table for people, or as JSON. */
import { UsageError } from '../errors.js';
import { formatNumber } from '../util/text.js';
import { findModel, replayTags, type ModelState, type RegistryState } from '../registry/state.js';
import type { TagStore } from '../registry/store.js';

/** Reads the registry (optionally one model) and renders it as plain text. */
export async function listRegistry(
  tags: TagStore,
  name?: string,
): Promise<{ state: RegistryState; text: string }> {
  const all = replayTags(await tags.list());
  let state = all;
  if (name) {
    const model = findModel(all, name);
    if (!model)
      throw new UsageError(
        `no model "${name}" in the registry (models: ${all.models.map((m) => m.name).join(', ') || 'none'}).`,
      );
    state = { models: [model] };
  }
  if (state.models.length === 0)
    return { state, text: 'no models registered yet: run `mlops register`' };
  return { state, text: state.models.map(renderModel).join('\n\n') };
}

function renderModel(model: ModelState): string {
  const stagesOf = (version: string) =>
    model.stages.filter((s) => s.version === version).map((s) => s.stage);
  const rows = [...model.versions].reverse().map((v) => {
    const metrics = Object.entries(v.metadata?.metrics ?? {})
      .slice(0, 3)
      .map(([m, value]) => `${m}=${formatNumber(value)}`)
      .join(' ');
    const stages = stagesOf(v.version).join(',');
    return [
      `v${v.version}${v.deregistered ? ' (deregistered)' : ''}`,
      v.createdAt.slice(0, 10),
      stages || '-',
      metrics,
    ];
  });
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) =>
    `  ${r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  ')}`.trimEnd(),
  );
  const header = `${model.name}${model.deprecated ? ' (deprecated)' : ''}  latest: ${model.latest ? `v${model.latest}` : '-'}`;
  return [header, ...lines].join('\n');
}
