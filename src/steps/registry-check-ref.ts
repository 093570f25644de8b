/** `mlops registry check-ref REF`: what a pushed registry tag means, for deploy workflows. */
import { checkRef, type RefMeaning } from '../registry/check-ref.js';
import { replayTags } from '../registry/state.js';
import type { TagStore } from '../registry/store.js';
import { alignColumns } from '../util/text-table.js';

/** Reads the registry and renders the meaning of `ref` as `field  value` lines. */
export async function describeRef(
  tags: TagStore,
  ref: string,
): Promise<{ meaning: RefMeaning; text: string }> {
  const meaning = checkRef(replayTags(await tags.list()), ref);
  const rows = Object.entries(meaning).map(([field, value]) => [field, value ?? '-']);
  return { meaning, text: alignColumns(rows).join('\n') };
}
