/** What a model reference names: `NAME#STAGE`, `NAME@vX.Y.Z` or `NAME@latest`, resolved on the tags. */
import { UsageError } from '../errors.js';
import { requireModel, stageVersion, type RegistryState } from './state.js';
import { isValidName, isValidVersion } from './tags.js';

/** A reference resolved to one registered version. */
export interface ResolvedRef {
  name: string;
  version: string;
  /** How it was chosen: `production stage`, `latest version` or `version 1.2.0`. */
  via: string;
}

const REF_RE = /^(?<name>[^#@]+)(?:#(?<stage>[^#@!]+)|@(?:v(?<version>[^!]+)|(?<latest>latest)))$/;

/** Resolves `ref` on the registry state; a UsageError says what exists when it names nothing. */
export function resolveModelRef(state: RegistryState, ref: string): ResolvedRef {
  const groups = REF_RE.exec(ref.trim())?.groups;
  const name = groups?.name ?? '';
  if (!groups || !isValidName(name) || (groups.version && !isValidVersion(groups.version))) {
    throw new UsageError(
      `"${ref}": expected NAME#STAGE, NAME@vX.Y.Z or NAME@latest (like wages#production).`,
    );
  }
  const model = requireModel(state, name);
  const live = model.versions.filter((v) => !v.deregistered).map((v) => v.version);
  if (groups.stage) {
    const version = stageVersion(model, groups.stage);
    if (!version) {
      const stages = model.stages.map((s) => `${s.stage} (v${s.version})`).join(', ') || 'none';
      throw new UsageError(`${name} has no version in stage ${groups.stage}; stages: ${stages}.`);
    }
    return { name, version, via: `${groups.stage} stage` };
  }
  if (groups.version) {
    if (!live.includes(groups.version)) {
      throw new UsageError(
        `${name} has no registered version ${groups.version}; it has: ${live.join(', ') || 'none'}.`,
      );
    }
    return { name, version: groups.version, via: `version ${groups.version}` };
  }
  if (!model.latest) throw new UsageError(`${name} has no registered version.`);
  return { name, version: model.latest, via: 'latest version' };
}
