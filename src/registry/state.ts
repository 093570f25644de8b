/**
 * The registry state is the replay of its tags in tag-time order (DESIGN.md): which versions each
 * model has, which version holds each stage, and what happened when.
 */
import semver from 'semver';
import { MlopsError, RegistryConflict, UsageError } from '../errors.js';
import { compareText } from '../util/text.js';
import {
  isSameModel,
  metadataMismatch,
  parseTagMessage,
  type ModelIdentity,
  type TagMetadata,
} from './metadata.js';
import type { TagRecord } from './store.js';
import { isValidVersion, MAX_TAG_NUMBER, parseTag, type RegistryTag } from './tags.js';

/** A registered version of a model. */
export interface ModelVersion {
  version: string;
  tag: string;
  commit: string;
  createdAt: string;
  /**
   * The JSON metadata of the tag message; null for tags made without it (e.g. by GTO) and for
   * metadata about another model or version than the tag names.
   */
  metadata: TagMetadata | null;
  /** Set when the message's metadata was not trusted: why (it names another model or version). */
  metadataMismatch?: string;
  deregistered: boolean;
}

/** A stage and the version currently holding it. */
export interface StageAssignment {
  stage: string;
  version: string;
  /** The tag that assigned it and when. */
  tag: string;
  since: string;
}

/** One registry tag, in replay order, with the version it resolved to. */
export interface RegistryEvent {
  kind: RegistryTag['kind'];
  tag: string;
  createdAt: string;
  commit: string;
  /** The version the event applies to; null for deprecation or a stage tag on no version. */
  version: string | null;
  stage: string | null;
}

/** Everything the registry knows about one model. */
export interface ModelState {
  name: string;
  /** Ascending by semver precedence. */
  versions: ModelVersion[];
  /** Ascending by stage name. */
  stages: StageAssignment[];
  /** The highest registered (not deregistered) version, or null. */
  latest: string | null;
  deprecated: boolean;
  history: RegistryEvent[];
}

/** The whole registry, models ascending by name. */
export interface RegistryState {
  models: ModelState[];
}

/** GTO's word for each event, the one users see (`registry history`, `check-ref`). */
export type GtoEventName = 'register' | 'deregister' | 'assign' | 'unassign' | 'deprecate';

export const GTO_EVENT_NAMES: Record<RegistryTag['kind'], GtoEventName> = {
  version: 'register',
  deregister: 'deregister',
  assign: 'assign',
  unassign: 'unassign',
  deprecate: 'deprecate',
};

/** How to choose the next version: bump the highest existing one, or an explicit version. */
export type VersionRequest = { bump: 'major' | 'minor' | 'patch' } | { version: string };

const FIRST_VERSION = '0.1.0';

// Tags created within the same second need a fixed order: counters first (they only grow), then
// GTO's event priority, so a version registered with its first promotion replays before it.
const KIND_ORDER: Record<RegistryTag['kind'], number> = {
  deprecate: 0,
  version: 1,
  deregister: 2,
  assign: 3,
  unassign: 4,
};

interface ParsedRecord {
  record: TagRecord;
  parsed: RegistryTag;
  time: number;
}

interface ModelBuilder {
  versions: Map<string, ModelVersion>;
  stages: Map<string, StageAssignment>;
  deprecated: boolean;
  history: RegistryEvent[];
}

/** Replay registry tags (others are ignored) in tag-time order into the registry state. */
export function replayTags(records: readonly TagRecord[]): RegistryState {
  const builders = new Map<string, ModelBuilder>();
  for (const { record, parsed } of sortedRegistryRecords(records)) {
    let builder = builders.get(parsed.name);
    if (!builder) {
      builder = { versions: new Map(), stages: new Map(), deprecated: false, history: [] };
      builders.set(parsed.name, builder);
    }
    applyEvent(builder, parsed, record);
  }
  const models = [...builders.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([name, builder]) => finishModel(name, builder));
  return { models };
}

/** The model called `name`, or undefined when the registry has never seen it. */
export function findModel(state: RegistryState, name: string): ModelState | undefined {
  return state.models.find((model) => model.name === name);
}

/** The model called `name`; a UsageError naming the models there are when the registry has none. */
export function requireModel(state: RegistryState, name: string): ModelState {
  const model = findModel(state, name);
  if (model) return model;
  const known = state.models.map((m) => m.name).join(', ') || 'none';
  throw new UsageError(
    `no model "${name}" in the registry (models: ${known}): check the name, or point --repo or ` +
      '--remote at the repository that holds its tags.',
  );
}

/** The version holding `stage`, or null. */
export function stageVersion(model: ModelState, stage: string): string | null {
  return model.stages.find((assignment) => assignment.stage === stage)?.version ?? null;
}

/** The live (not deregistered) versions of `model` that are the model `identity`, newest first. */
export function sameModelVersions(model: ModelState, identity: ModelIdentity): ModelVersion[] {
  return model.versions
    .filter((v) => !v.deregistered && v.metadata !== null && isSameModel(v.metadata, identity))
    .reverse();
}

/**
 * The sha256 the tag of `version` pins its bundle to; null for tags made before bundles were
 * pinned and for metadata that is not trusted.
 */
export function bundlePin(version: ModelVersion | undefined): string | null {
  return version?.metadata?.bundleSha256 ?? null;
}

/** The live versions of `model` on `commit`: one at most, unless tags were made by hand. */
export function versionsOnCommit(model: ModelState, commit: string): ModelVersion[] {
  return model.versions.filter((v) => !v.deregistered && v.commit === commit);
}

/**
 * The counter for a new stage tag of `name`: the highest `#N` among its tags plus 1. Tags above
 * MAX_TAG_NUMBER are not registry tags, so one made by hand cannot push counters out of range.
 */
export function nextStageCounter(records: readonly TagRecord[], name: string): number {
  let highest: { counter: number; tag: string } | null = null;
  for (const record of records) {
    const parsed = parseTag(record.tag);
    if (
      parsed?.name === name &&
      parsed.counter !== null &&
      parsed.counter > (highest?.counter ?? 0)
    ) {
      highest = { counter: parsed.counter, tag: record.tag };
    }
  }
  if (highest?.counter === MAX_TAG_NUMBER) {
    throw new RegistryConflict(
      `${highest.tag} holds the highest counter the registry reads (${highest.counter}), so no ` +
        `later tag of ${name} could be numbered: it was made by hand. Delete it (git tag -d ` +
        `${highest.tag}, and git push --delete REMOTE ${highest.tag} where it was pushed), ` +
        'then run the command again.',
    );
  }
  return (highest?.counter ?? 0) + 1;
}

/** The version to register next for `name` (0.1.0 for a new model); throws on a taken version. */
export function planVersion(state: RegistryState, name: string, request: VersionRequest): string {
  const versions = findModel(state, name)?.versions ?? [];
  if ('version' in request) {
    const version = request.version.replace(/^v/, '');
    if (!isValidVersion(version)) {
      throw new UsageError(
        `Invalid version "${request.version}": use SemVer 2.0 like 1.4.0 or 2.0.0-rc.1, whose ` +
          `numbers are at most ${MAX_TAG_NUMBER.toLocaleString('en-US')}.`,
      );
    }
    // Deregistered versions still own their tag, and build metadata does not make a new version.
    const taken = versions.find((existing) => semver.eq(existing.version, version));
    if (taken) {
      throw new RegistryConflict(
        `${name} v${version} is already registered (tag ${taken.tag} on commit ` +
          `${taken.commit.slice(0, 7)}). Choose another version or bump instead.`,
      );
    }
    return version;
  }
  const highest = versions.at(-1);
  if (!highest) return FIRST_VERSION;
  const next = semver.inc(highest.version, request.bump);
  if (!next || !isValidVersion(next)) {
    throw new MlopsError(
      `Cannot bump ${name} v${highest.version} (${request.bump}): the result is not a version the ` +
        `registry reads. Pass --version, or bump another part (registry.bump in mlops.yml).`,
    );
  }
  return next;
}

function sortedRegistryRecords(records: readonly TagRecord[]): ParsedRecord[] {
  const parsedRecords: ParsedRecord[] = [];
  for (const record of records) {
    const parsed = parseTag(record.tag);
    if (!parsed) continue;
    const time = Date.parse(record.createdAt);
    if (Number.isNaN(time)) {
      throw new MlopsError(
        `Tag ${record.tag} has an unreadable creation date "${record.createdAt}".`,
      );
    }
    parsedRecords.push({ record, parsed, time });
  }
  return parsedRecords.sort(
    (a, b) =>
      a.time - b.time ||
      (a.parsed.counter ?? 0) - (b.parsed.counter ?? 0) ||
      KIND_ORDER[a.parsed.kind] - KIND_ORDER[b.parsed.kind] ||
      compareText(a.record.tag, b.record.tag),
  );
}

function applyEvent(model: ModelBuilder, parsed: RegistryTag, record: TagRecord): void {
  let version: string | null = null;
  let stage: string | null = null;
  switch (parsed.kind) {
    case 'version': {
      version = parsed.version;
      const existing = model.versions.get(version);
      // As in GTO, registering again revives a deregistered version; a plain duplicate is ignored.
      if (!existing || existing.deregistered) {
        model.versions.set(version, {
          version,
          tag: record.tag,
          commit: record.commit,
          createdAt: record.createdAt,
          ...trustedMetadata(record.message, { name: parsed.name, version }),
          deregistered: false,
        });
      }
      model.deprecated = false;
      break;
    }
    case 'deregister': {
      version = parsed.version;
      const existing = model.versions.get(version);
      if (existing) existing.deregistered = true;
      // A deregistered version can no longer serve a stage.
      for (const [name, assignment] of model.stages) {
        if (assignment.version === version) model.stages.delete(name);
      }
      break;
    }
    case 'deprecate':
      model.deprecated = true;
      break;
    case 'assign':
      stage = parsed.stage;
      version = versionOnCommit(model, record.commit);
      if (version !== null) {
        model.stages.set(stage, { stage, version, tag: record.tag, since: record.createdAt });
        model.deprecated = false;
      }
      break;
    case 'unassign':
      stage = parsed.stage;
      version = versionOnCommit(model, record.commit);
      if (version !== null && model.stages.get(stage)?.version === version) {
        model.stages.delete(stage);
      }
      break;
  }
  model.history.push({
    kind: parsed.kind,
    tag: record.tag,
    createdAt: record.createdAt,
    commit: record.commit,
    version,
    stage,
  });
}

// Metadata copied from another tag (or forged) must not lend this version its metrics or hashes.
function trustedMetadata(
  message: string,
  tag: { name: string; version: string },
): Pick<ModelVersion, 'metadata' | 'metadataMismatch'> {
  const metadata = parseTagMessage(message);
  const mismatch = metadata && metadataMismatch(metadata, tag);
  return mismatch ? { metadata: null, metadataMismatch: mismatch } : { metadata };
}

// A stage tag names a commit, not a version; several versions on one commit resolve to the highest.
function versionOnCommit(model: ModelBuilder, commit: string): string | null {
  let found: string | null = null;
  for (const candidate of model.versions.values()) {
    if (candidate.deregistered || candidate.commit !== commit) continue;
    if (found === null || semver.compareBuild(candidate.version, found) > 0) {
      found = candidate.version;
    }
  }
  return found;
}

function finishModel(name: string, builder: ModelBuilder): ModelState {
  const versions = [...builder.versions.values()].sort((a, b) =>
    semver.compareBuild(a.version, b.version),
  );
  const stages = [...builder.stages.values()].sort((a, b) => compareText(a.stage, b.stage));
  const latest = versions.filter((version) => !version.deregistered).at(-1)?.version ?? null;
  return {
    name,
    versions,
    stages,
    latest,
    deprecated: builder.deprecated,
    history: builder.history,
  };
}
