/** `mlops registry show NAME`: one model in detail, every version newest first. */
import { replayTags, requireModel, type ModelState } from '../registry/state.js';
import type { TagStore } from '../registry/store.js';
import { blessing, formatMetrics, modelHeading, stagesOf } from './registry-ls.js';
import { alignColumns } from '../util/text-table.js';

const HEADER = ['version', 'registered', 'commit', 'stages', 'gates', 'metrics'];

/** Reads the registry and renders model `name` as plain text. */
export async function showModel(
  tags: TagStore,
  name: string,
): Promise<{ model: ModelState; text: string }> {
  const model = requireModel(replayTags(await tags.list()), name);
  const rows = [...model.versions]
    .reverse()
    .map((v) => [
      `v${v.version}${v.deregistered ? ' (deregistered)' : ''}`,
      v.createdAt.slice(0, 10),
      v.commit.slice(0, 7),
      stagesOf(model, v.version),
      blessing(v),
      formatMetrics(v),
    ]);
  const stages = model.stages.map((s) => `${s.stage}=v${s.version}`).join(' ') || '-';
  const text = [modelHeading(model), `stages: ${stages}`, '', ...alignColumns([HEADER, ...rows])];
  return { model, text: text.join('\n') };
}
