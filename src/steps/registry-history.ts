/** `mlops registry history NAME`: every event of a model in replay order, in GTO's words. */
import { GTO_EVENT_NAMES, replayTags, requireModel, type GtoEventName } from '../registry/state.js';
import type { TagStore } from '../registry/store.js';
import { alignColumns } from '../util/text-table.js';

/** One line of the history as `--json` prints it. */
export interface HistoryEntry {
  at: string;
  event: GtoEventName;
  version: string | null;
  stage: string | null;
  tag: string;
  commit: string;
}

const HEADER = ['time', 'event', 'version', 'stage', 'tag', 'commit'];

/** Reads the registry and renders the history of model `name` as plain text. */
export async function modelHistory(
  tags: TagStore,
  name: string,
): Promise<{ history: { name: string; events: HistoryEntry[] }; text: string }> {
  const model = requireModel(replayTags(await tags.list()), name);
  const events = model.history.map((event): HistoryEntry => ({
    at: event.createdAt,
    event: GTO_EVENT_NAMES[event.kind],
    version: event.version,
    stage: event.stage,
    tag: event.tag,
    commit: event.commit,
  }));
  const rows = events.map((entry) => [
    // Second precision in UTC: replay order is tag time, so the time column explains the order.
    entry.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    entry.event,
    entry.version ? `v${entry.version}` : '-',
    entry.stage ?? '-',
    entry.tag,
    entry.commit.slice(0, 7),
  ]);
  return {
    history: { name: model.name, events },
    text: alignColumns([HEADER, ...rows]).join('\n'),
  };
}
