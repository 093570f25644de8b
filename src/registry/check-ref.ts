/**
 * What a registry tag means, for deploy workflows triggered by `on: push: tags`: GTO's `check-ref`
 * with the stage tag's version resolved from its commit the way replay does.
 */
import { UsageError } from '../errors.js';
import { findModel, GTO_EVENT_NAMES, type GtoEventName, type RegistryState } from './state.js';
import { parseTag } from './tags.js';

/** One registry event, named by its tag. */
export interface RefMeaning {
  event: GtoEventName;
  name: string;
  /** The version it applies to: for a stage tag, the one on its commit; null when none is live. */
  version: string | null;
  /** The stage of an assign or unassign, else null. */
  stage: string | null;
  tag: string;
  commit: string;
  /** When the tag was made. */
  at: string;
}

/** The event behind `ref` (`NAME#STAGE#N` or `refs/tags/NAME@vX.Y.Z`); UsageError for other refs. */
export function checkRef(state: RegistryState, ref: string): RefMeaning {
  const tag = ref.replace(/^refs\/tags\//, '');
  const parsed = parseTag(tag);
  if (!parsed) {
    throw new UsageError(
      `${ref} is not a registry tag: check-ref reads tags like NAME@v1.2.0, NAME#STAGE#3, ` +
        "NAME#STAGE!#4, NAME@v1.2.0! and NAME@deprecated (GTO's grammar). In a workflow, run it " +
        'for tag pushes only (on: push: tags).',
    );
  }
  const event = findModel(state, parsed.name)?.history.find((candidate) => candidate.tag === tag);
  if (!event) {
    throw new UsageError(
      `${tag} is not an annotated tag of this repository: fetch the tags first ` +
        '(actions/checkout with fetch-depth: 0, or git fetch --tags), or pass --remote origin.',
    );
  }
  return {
    event: GTO_EVENT_NAMES[event.kind],
    name: parsed.name,
    version: event.version,
    stage: event.stage,
    tag,
    commit: event.commit,
    at: event.createdAt,
  };
}
