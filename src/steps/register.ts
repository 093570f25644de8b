/** `mlops register`: a new version as an annotated tag `NAME@vX.Y.Z` plus a release with the bundle. */
import path from 'node:path';
import { packBundle } from '../adapters/bundle.js';
import { GateFailure, UsageError } from '../errors.js';
import { BUNDLE_FILES, type TrainingInfo } from '../model/bundle.js';
import { formatTagMessage, TAG_METADATA_SCHEMA_ID } from '../registry/metadata.js';
import {
  findModel,
  planVersion,
  replayTags,
  type ModelVersion,
  type RegistryState,
} from '../registry/state.js';
import { bundleAssetName, versionTag } from '../registry/tags.js';
import { errorMessage } from '../util/text.js';
import {
  outputPaths,
  readStepOutput,
  resolveInput,
  writeJson,
  type StepContext,
} from './context.js';
import type { EvaluationOutcome } from './evaluate.js';

export interface RegisterOptions {
  /** An explicit version (else the configured bump of the latest). */
  version?: string;
  /** Register even when the evaluation was NOT_BLESSED. */
  force?: boolean;
}

export interface RegistrationOutcome {
  name: string;
  version: string;
  tag: string;
  commit: string;
  /** Null when an existing version was reused. */
  releaseUrl: string | null;
  /** True when the same data and config were registered before, so no new version was made. */
  existing: boolean;
}

/** Registers the evaluated model in `<out>/model` as the next version. */
export async function runRegister(
  ctx: StepContext,
  options: RegisterOptions = {},
): Promise<RegistrationOutcome> {
  const { deps, config } = ctx;
  const paths = outputPaths(ctx.out);
  const evaluation = await readStepOutput<EvaluationOutcome>(ctx, paths.evaluation, 'evaluate');
  if (!evaluation.blessed && !options.force) {
    throw new GateFailure(
      `${evaluation.name} was NOT_BLESSED by its gates, so it was not registered. ` +
        'Fix the failing gates, or pass --force to register it anyway.',
    );
  }
  const training = await readStepOutput<TrainingInfo>(
    ctx,
    path.join(paths.model, BUNDLE_FILES.training),
    'train',
  );
  if (evaluation.modelId !== training.modelId) {
    throw new UsageError(
      `${paths.evaluation} is about another model than the one in ${paths.model}: run \`mlops evaluate\` first.`,
    );
  }
  const name = training.name;
  const state = replayTags(await deps.tags.list());
  const same = await reusableVersion(ctx, state, training);
  if (same && !options.force && !options.version) {
    // A re-run (e.g. a retried CI job) trains the same model again: one version is enough.
    deps.log.info(
      `${name} v${same.version} was registered from the same data and config; not registering again`,
    );
    const outcome: RegistrationOutcome = {
      name,
      version: same.version,
      tag: same.tag,
      commit: same.commit,
      releaseUrl: null,
      existing: true,
    };
    await writeJson(ctx, paths.registration, outcome);
    return outcome;
  }
  const version = planVersion(
    state,
    name,
    options.version ? { version: options.version } : { bump: config.registry.bump },
  );
  const tag = versionTag(name, version);
  const archive = await packBundle(paths.model);
  const message = formatTagMessage({
    schema: TAG_METADATA_SCHEMA_ID,
    name,
    version,
    metrics: evaluation.evaluation.overall,
    task: training.task,
    dataHash: training.dataHash,
    configHash: training.configHash,
    createdAt: deps.now().toISOString(),
    backend: training.backend,
    blessed: evaluation.blessed,
    ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
  });
  await warnIfUncommitted(ctx, tag);
  const record = await deps.tags.create(tag, message);
  await deps.tags.push([tag]);
  const card = await deps.fs.readText(path.join(paths.model, BUNDLE_FILES.card));
  const asset = bundleAssetName(name, version);
  const releaseUrl = await deps.releases
    .publish({ tag, name: tag, notes: card, assets: [{ name: asset, data: archive }] })
    .then(
      (release) => release.url,
      (error: unknown) => {
        throw new UsageError(
          `${tag} was tagged, but publishing its release failed: ${errorMessage(error)}. ` +
            `The tag stays; publish the release again with \`mlops register --version ${version}\` after deleting the tag, or upload ${asset} by hand.`,
        );
      },
    );
  const outcome: RegistrationOutcome = {
    name,
    version,
    tag,
    commit: record.commit,
    releaseUrl,
    existing: false,
  };
  await writeJson(ctx, paths.registration, outcome);
  deps.log.info(`registered ${tag} at ${record.commit.slice(0, 7)}; release: ${releaseUrl}`);
  return outcome;
}

/**
 * A version registered from the same data and config, whose release exists (a version without
 * its bundle is not a usable version), or undefined.
 */
async function reusableVersion(
  ctx: StepContext,
  state: RegistryState,
  training: TrainingInfo,
): Promise<ModelVersion | undefined> {
  const same = findModel(state, training.name)?.versions.find(
    (v) =>
      !v.deregistered &&
      v.metadata?.dataHash === training.dataHash &&
      v.metadata.configHash === training.configHash,
  );
  return same && (await ctx.deps.releases.list(same.tag)).length > 0 ? same : undefined;
}

/** Warns when the inputs differ from the commit the tag will name, so versions stay reproducible. */
async function warnIfUncommitted(ctx: StepContext, tag: string): Promise<void> {
  const { config, deps } = ctx;
  const inputs = [config.data.train, config.schema].map((file) => resolveInput(ctx, file));
  if (ctx.configFile) inputs.push(ctx.configFile);
  const dirty = await deps.tags.uncommitted(inputs);
  if (dirty.length === 0) return;
  deps.log.warn(
    `${dirty.join(', ')} ${dirty.length === 1 ? 'has' : 'have'} uncommitted changes: ${tag} will name a commit ` +
      'without the data and config that made it. Commit them before registering to keep versions reproducible.',
  );
}
