/** `mlops promote NAME VERSION --to STAGE`: a stage tag `NAME#STAGE#N` on the version's commit. */
import semver from 'semver';
import { RegistryConflict, UsageError } from '../errors.js';
import { findModel, nextStageCounter, replayTags, stageVersion } from '../registry/state.js';
import { stageTag } from '../registry/tags.js';
import type { StepContext } from './context.js';

export interface PromoteRequest {
  name: string;
  version: string;
  stage: string;
}

export interface PromotionOutcome extends PromoteRequest {
  tag: string;
  commit: string;
  /** The version that held the stage before, if any. */
  previous: string | null;
}

/** Assigns `stage` to a registered version by creating the next stage tag. */
export async function runPromote(
  ctx: StepContext,
  request: PromoteRequest,
): Promise<PromotionOutcome> {
  const { deps, config } = ctx;
  const { name, stage } = request;
  const version = request.version.replace(/^v/, '');
  if (!config.registry.stages.includes(stage)) {
    throw new UsageError(
      `--to ${stage}: not a stage of this registry; registry.stages is [${config.registry.stages.join(', ')}].`,
    );
  }
  const records = await deps.tags.list();
  const model = findModel(replayTags(records), name);
  if (!model)
    throw new UsageError(
      `no model "${name}" in the registry: run \`mlops registry ls\` to see the models.`,
    );
  const entry = model.versions.find((v) => v.version === version && !v.deregistered);
  if (!entry) {
    const known = model.versions.filter((v) => !v.deregistered).map((v) => v.version);
    throw new UsageError(
      `${name} has no registered version ${version}; it has: ${known.join(', ') || 'none'}.`,
    );
  }
  // A stage tag names a commit, and the registry resolves it to the highest version there.
  const higher = model.versions.find(
    (v) =>
      v.commit === entry.commit &&
      !v.deregistered &&
      v.version !== version &&
      semver.gt(v.version, version),
  );
  if (higher) {
    throw new UsageError(
      `${name} v${version} shares commit ${entry.commit.slice(0, 7)} with v${higher.version}, so a stage tag there would ` +
        `assign v${higher.version}. Promote v${higher.version}, or register v${version} from its own commit.`,
    );
  }
  const previous = stageVersion(model, stage);
  if (previous === version) {
    throw new RegistryConflict(`${name} v${version} is already in ${stage}; nothing to do.`);
  }
  const tag = stageTag(name, stage, nextStageCounter(records, name));
  const message = `Promote ${name} v${version} to ${stage}\n\n${JSON.stringify(
    {
      name,
      version,
      stage,
      previous,
      promotedAt: deps.now().toISOString(),
      ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
    },
    null,
    2,
  )}\n`;
  const record = await deps.tags.create(tag, message, entry.commit);
  await deps.tags.push([tag]);
  deps.log.info(
    `${tag}: ${name} v${version} is now in ${stage}${previous ? ` (was v${previous})` : ''}`,
  );
  return { name, version, stage, tag, commit: record.commit, previous };
}
