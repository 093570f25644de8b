/**
 * Planning GTO's registry events (assign, unassign, deregister, deprecate) against the replayed
 * state: which tag to create on which commit, or a named error saying why not. Pure: the caller
 * reads the tags, creates the planned one and decides what to do with a conflict.
 */
import semver from 'semver';
import { RegistryConflict, UsageError } from '../errors.js';
import {
  nextStageCounter,
  requireModel,
  type ModelState,
  type ModelVersion,
  type RegistryEvent,
  type RegistryState,
} from './state.js';
import type { TagRecord } from './store.js';
import { deprecateTag, deregisterTag, stageTag, unassignTag } from './tags.js';

/** An annotated tag to create on a commit. */
export interface TagPlan {
  tag: string;
  commit: string;
}

/**
 * The registry already is as requested, so there is nothing to tag; `event` is the tag that made
 * it so. A caller that lost a race to someone doing the same thing treats this as success.
 */
export class NoChange extends RegistryConflict {
  readonly event: RegistryEvent;
  constructor(message: string, event: RegistryEvent) {
    super(message);
    this.event = event;
  }
}

export interface PromotionRequest {
  name: string;
  /** A registered version, with or without the leading `v`. */
  version: string;
  stage: string;
}

export interface PromotionPlan extends TagPlan {
  version: string;
  /** The version that held the stage before, if any. */
  previous: string | null;
}

export interface DeregisterRequest {
  name: string;
  version: string;
}

export interface DeregisterPlan extends TagPlan {
  version: string;
  /** The stages the version held, which it loses. */
  freed: string[];
}

export interface DeprecateRequest {
  name: string;
}

export interface UnassignRequest {
  name: string;
  stage: string;
  /** The version expected to hold the stage; without it, whichever does. */
  version?: string | undefined;
}

export interface UnassignPlan extends TagPlan {
  /** The version that leaves the stage. */
  version: string;
}

/** GTO's assign: the next `NAME#STAGE#N` on the version's commit. */
export function planPromotion(
  state: RegistryState,
  records: readonly TagRecord[],
  request: PromotionRequest,
  stages: readonly string[],
): PromotionPlan {
  const { name, stage } = request;
  if (!stages.includes(stage)) throw unknownStage(stage, stages);
  const model = requireModel(state, name);
  const entry = requireVersion(model, request.version);
  if (entry.deregistered) {
    throw new UsageError(
      `${name} v${entry.version} was deregistered, so it cannot be promoted: promote a ` +
        `registered version (${liveVersions(model)}).`,
    );
  }
  checkStageTagResolves(
    model,
    entry,
    `Promote that version instead, or register v${entry.version} from its own commit.`,
  );
  const holder = model.stages.find((assignment) => assignment.stage === stage);
  if (holder?.version === entry.version) {
    throw noChange(
      `${name} v${entry.version} is already in ${stage} (tag ${holder.tag}); nothing to do.`,
      model.history.findLast((event) => event.tag === holder.tag),
    );
  }
  return {
    tag: stageTag(name, stage, nextStageCounter(records, name)),
    commit: entry.commit,
    version: entry.version,
    previous: holder?.version ?? null,
  };
}

/** GTO's deregister: `NAME@vX.Y.Z!` on the version's commit; the version leaves its stages. */
export function planDeregister(
  state: RegistryState,
  records: readonly TagRecord[],
  request: DeregisterRequest,
): DeregisterPlan {
  const { name } = request;
  const model = requireModel(state, name);
  const entry = requireVersion(model, request.version);
  const { version } = entry;
  if (entry.deregistered) {
    throw noChange(
      `${name} v${version} is already deregistered; nothing to do.`,
      model.history.findLast((event) => event.kind === 'deregister' && event.version === version),
    );
  }
  return {
    tag: simpleOrCounted(records, name, deregisterTag(name, version), (counter) =>
      deregisterTag(name, version, counter),
    ),
    commit: entry.commit,
    version,
    freed: model.stages.filter((s) => s.version === version).map((s) => s.stage),
  };
}

/** GTO's deprecate: `NAME@deprecated` on the commit of the model's newest event. */
export function planDeprecate(
  state: RegistryState,
  records: readonly TagRecord[],
  request: DeprecateRequest,
): TagPlan {
  const { name } = request;
  const model = requireModel(state, name);
  if (model.deprecated) {
    throw noChange(
      `${name} is already deprecated; nothing to do.`,
      model.history.findLast((event) => event.kind === 'deprecate'),
    );
  }
  // Replay makes a model only from one of its events, so a model always has a newest one.
  const newest = model.history.at(-1) as RegistryEvent;
  return {
    tag: simpleOrCounted(records, name, deprecateTag(name), (counter) =>
      deprecateTag(name, counter),
    ),
    commit: newest.commit,
  };
}

/**
 * GTO's unassign: the next `NAME#STAGE!#N` on the commit of the version holding the stage. A
 * stage the model used counts even when `stages` no longer names it, so it can still be emptied.
 */
export function planUnassign(
  state: RegistryState,
  records: readonly TagRecord[],
  request: UnassignRequest,
  stages: readonly string[],
): UnassignPlan {
  const { name, stage } = request;
  const expected = request.version?.replace(/^v/, '');
  const model = requireModel(state, name);
  const holder = model.stages.find((assignment) => assignment.stage === stage);
  if (!holder) {
    const used = model.history.some((event) => event.stage === stage);
    if (!stages.includes(stage) && !used) throw unknownStage(stage, stages);
    throw noChange(
      `no version of ${name} is in ${stage}; nothing to do.`,
      model.history.findLast(
        (event) =>
          (event.kind === 'unassign' && event.stage === stage) ||
          (event.kind === 'deregister' && event.version === expected),
      ),
    );
  }
  if (expected !== undefined && holder.version !== expected) {
    throw new RegistryConflict(
      `${name} v${expected} is not in ${stage}: v${holder.version} is (tag ${holder.tag}). ` +
        'Check `mlops registry show` and run the command again for the version you mean.',
    );
  }
  const entry = requireVersion(model, holder.version);
  checkStageTagResolves(
    model,
    entry,
    `Deregister v${entry.version}, or promote another version to ${stage}.`,
  );
  return {
    tag: unassignTag(name, stage, nextStageCounter(records, name)),
    commit: entry.commit,
    version: entry.version,
  };
}

/** The version `version` (a leading `v` allowed) of `model`, registered or deregistered. */
function requireVersion(model: ModelState, version: string): ModelVersion {
  const wanted = version.replace(/^v/, '');
  const entry = model.versions.find((candidate) => candidate.version === wanted);
  if (entry) return entry;
  throw new UsageError(
    `${model.name} has no registered version ${wanted}; it has: ${liveVersions(model)}.`,
  );
}

function liveVersions(model: ModelState): string {
  const live = model.versions.filter((v) => !v.deregistered).map((v) => v.version);
  return live.join(', ') || 'none';
}

/**
 * A stage tag names a commit, and replay resolves it to the highest live version there: refuse a
 * tag that would move another version than `entry`.
 */
function checkStageTagResolves(model: ModelState, entry: ModelVersion, remedy: string): void {
  const higher = model.versions.find(
    (v) =>
      v.commit === entry.commit &&
      !v.deregistered &&
      semver.compareBuild(v.version, entry.version) > 0,
  );
  if (higher) {
    throw new UsageError(
      `${model.name} v${entry.version} shares commit ${entry.commit.slice(0, 7)} with ` +
        `v${higher.version}, so a stage tag there would apply to v${higher.version}. ${remedy}`,
    );
  }
}

/** GTO's simple tag name while it is free, else the counted form GTO writes when forced. */
function simpleOrCounted(
  records: readonly TagRecord[],
  name: string,
  simple: string,
  counted: (counter: number) => string,
): string {
  const taken = records.some((record) => record.tag === simple);
  return taken ? counted(nextStageCounter(records, name)) : simple;
}

function unknownStage(stage: string, stages: readonly string[]): UsageError {
  return new UsageError(
    `stage "${stage}" is not a stage of this registry: registry.stages is [${stages.join(', ')}]. ` +
      'Pick one of those, or add it to registry.stages in mlops.yml.',
  );
}

/** NoChange when the event that made it so is known, else a plain conflict with the same message. */
function noChange(message: string, event: RegistryEvent | undefined): RegistryConflict {
  return event ? new NoChange(message, event) : new RegistryConflict(message);
}
