/**
 * `mlops register`: a new version as an annotated tag `NAME@vX.Y.Z` plus a release with the bundle.
 * Idempotent: the same model (same data, config, schema and tool major.minor) is registered once,
 * a commit carries at most one version, and a run that loses a race to another reads the tags again.
 */
import path from 'node:path';
import { SUMS_FILE } from '../adapters/bundle.js';
import { GateFailure, RegistryConflict, UsageError, VersionExistsForCommit } from '../errors.js';
import { BUNDLE_FILES, type TrainingInfo } from '../model/bundle.js';
import {
  formatTagMessage,
  isSameModel,
  TAG_METADATA_SCHEMA_ID,
  type ForcedRegistration,
} from '../registry/metadata.js';
import {
  bundlePin,
  findModel,
  planVersion,
  replayTags,
  sameModelVersions,
  type ModelVersion,
  type RegistryState,
  type VersionRequest,
} from '../registry/state.js';
import type { UncommittedInput } from '../registry/store.js';
import { bundleAssetName, versionTag } from '../registry/tags.js';
import { errorMessage } from '../util/text.js';
import { packVerifiedBundle, type PackedBundle } from './bundle-io.js';
import {
  outputPaths,
  readStepOutput,
  resolveInput,
  writeJson,
  type StepContext,
} from './context.js';
import type { EvaluationOutcome } from './evaluate.js';
import { REGISTRATION_FORMAT, STEP_OUTPUTS } from './outputs.js';
import { RACE_ADVICE } from './record-event.js';

export interface RegisterOptions {
  /** An explicit version (else the configured bump of the latest). */
  version?: string;
  /** Register even when the evaluation was NOT_BLESSED (then `reason` is required). */
  force?: boolean;
  /** Why a NOT_BLESSED model is registered anyway; recorded in the tag metadata. */
  reason?: string;
}

export interface RegistrationOutcome {
  format: typeof REGISTRATION_FORMAT;
  name: string;
  version: string;
  tag: string;
  commit: string;
  /** The release's URL when this run published it (new, or repaired for a reused version), else null. */
  releaseUrl: string | null;
  /** True when the same model was registered before, so no new version was made. */
  existing: boolean;
  /** Who registered the version despite failed gates, and why; null for a blessed version. */
  forced: ForcedRegistration | null;
}

/** A run that loses this many races in a row is told to run again rather than loop. */
const MAX_ATTEMPTS = 3;

/** The evaluated model and what its release needs, read once from the step outputs. */
interface Candidate {
  training: TrainingInfo;
  evaluation: EvaluationOutcome;
  forced: ForcedRegistration | null;
  bundle: PackedBundle;
}

/** A version as named by its tag. */
interface VersionRef {
  name: string;
  version: string;
  tag: string;
}

/** A registered version and the sha256 its tag pins its bundle to (null for tags made before). */
export interface PinnedVersion extends VersionRef {
  pin: string | null;
}

/** Registers the evaluated model in `<out>/model`, or reuses the version it was registered as. */
export async function runRegister(
  ctx: StepContext,
  options: RegisterOptions = {},
): Promise<RegistrationOutcome> {
  const candidate = await readCandidate(ctx, options);
  const outcome = await registerOrReuse(ctx, candidate, versionRequest(ctx, options));
  await writeJson(ctx, outputPaths(ctx.out).registration, outcome);
  return outcome;
}

/** Reads the evaluation and bundle, refusing a NOT_BLESSED model unless forced with a reason. */
async function readCandidate(ctx: StepContext, options: RegisterOptions): Promise<Candidate> {
  const paths = outputPaths(ctx.out);
  const evaluation = await readStepOutput(
    ctx,
    paths.evaluation,
    'evaluate',
    STEP_OUTPUTS.evaluation,
  );
  const forced = forcedRegistration(ctx, evaluation, options);
  const training = await readStepOutput(
    ctx,
    path.join(paths.model, BUNDLE_FILES.training),
    'train',
    STEP_OUTPUTS.training,
  );
  if (evaluation.modelId !== training.modelId) {
    throw new UsageError(
      `${paths.evaluation} is about another model than the one in ${paths.model}: run \`mlops evaluate\` first.`,
    );
  }
  const bundle = await packVerifiedBundle(ctx.deps.fs, paths.model);
  return { training, evaluation, forced, bundle };
}

/** The --force record for a NOT_BLESSED model, null for a blessed one. */
function forcedRegistration(
  ctx: StepContext,
  evaluation: EvaluationOutcome,
  options: RegisterOptions,
): ForcedRegistration | null {
  if (evaluation.blessed) return null;
  if (!options.force) {
    throw new GateFailure(
      `${evaluation.name} was NOT_BLESSED by its gates, so it was not registered. ` +
        'Fix the failing gates, or pass --force --reason TEXT to register it anyway.',
    );
  }
  const reason = options.reason?.trim();
  if (!reason) {
    throw new UsageError(
      `--force: ${evaluation.name} was NOT_BLESSED by its gates; say why it is registered anyway ` +
        'with --reason TEXT (recorded in the tag, next to who forced it).',
    );
  }
  return { by: ctx.deps.actor ?? 'unknown', reason };
}

function versionRequest(ctx: StepContext, options: RegisterOptions): VersionRequest {
  return options.version ? { version: options.version } : { bump: ctx.config.registry.bump };
}

/**
 * Reuses the version of the same model when there is one, else registers a new version. A lost
 * race (the planned tag taken meanwhile) reads the tags again and decides again: the winner may
 * have registered this very model, or taken the version number.
 */
async function registerOrReuse(
  ctx: StepContext,
  candidate: Candidate,
  request: VersionRequest,
): Promise<RegistrationOutcome> {
  const { deps } = ctx;
  const name = candidate.training.name;
  let conflict: RegistryConflict | null = null;
  for (let attempt = 1; ; attempt++) {
    const state = replayTags(await deps.tags.list());
    const same = reusableVersion(state, candidate.training, request);
    if (same) return reuseVersion(ctx, candidate, same);
    // Unless a racing run registered this very model there, a commit with a version stays so.
    if (conflict instanceof VersionExistsForCommit) {
      return reuseAcrossToolVersions(ctx, candidate, state, conflict);
    }
    if (conflict && attempt > MAX_ATTEMPTS) throw retriesExhausted(name, conflict);
    const version = planVersion(state, name, request);
    try {
      return await registerNewVersion(ctx, candidate, version);
    } catch (error) {
      if (!(error instanceof RegistryConflict)) throw error;
      conflict = error;
      if (error instanceof VersionExistsForCommit) continue;
      // A normal race between CI jobs, not a problem: the last conflict is shown if they persist.
      deps.log.info(
        `${name} v${version} was taken meanwhile by another registration; reading the registry again ` +
          `(attempt ${attempt} of ${MAX_ATTEMPTS}). ${RACE_ADVICE}`,
      );
    }
  }
}

/**
 * The version on this commit when it was made from the same data, config and schema by another
 * minor release of mlops-actions (a re-run after the action moved on): a commit holds one version,
 * so it is reused; any other difference is the conflict it is.
 */
function reuseAcrossToolVersions(
  ctx: StepContext,
  candidate: Candidate,
  state: RegistryState,
  conflict: VersionExistsForCommit,
): Promise<RegistrationOutcome> {
  const { training } = candidate;
  const onCommit = findModel(state, training.name)?.versions.find(
    (v) => v.version === conflict.existing,
  );
  const metadata = onCommit?.metadata;
  if (
    !onCommit ||
    !metadata ||
    !isSameModel({ ...training, toolVersion: metadata.toolVersion }, metadata)
  ) {
    throw conflict;
  }
  ctx.deps.log.info(
    `${training.name} v${onCommit.version} on this commit was made from the same inputs by ` +
      `mlops-actions ${metadata.toolVersion ?? 'before 0.1'} (this is ${training.toolVersion ?? 'unknown'}); reusing it`,
  );
  return reuseVersion(ctx, candidate, onCommit);
}

function retriesExhausted(name: string, last: RegistryConflict): RegistryConflict {
  return new RegistryConflict(
    `${name}: each of ${MAX_ATTEMPTS} attempts found the tag it planned taken; nothing was ` +
      `registered. Last: ${last.message}\nRun \`mlops register\` again once the other ` +
      `registrations have finished. ${RACE_ADVICE}`,
  );
}

/**
 * The newest live version registered from the same model (with an explicit version, only that
 * one): its release need not exist, since ensureRelease repairs it.
 */
function reusableVersion(
  state: RegistryState,
  training: TrainingInfo,
  request: VersionRequest,
): ModelVersion | undefined {
  const model = findModel(state, training.name);
  const same = model ? sameModelVersions(model, training) : [];
  if (!('version' in request)) return same[0];
  const wanted = request.version.replace(/^v/, '');
  return same.find((v) => v.version === wanted);
}

async function reuseVersion(
  ctx: StepContext,
  candidate: Candidate,
  same: ModelVersion,
): Promise<RegistrationOutcome> {
  const { deps } = ctx;
  const name = candidate.training.name;
  deps.log.info(
    `${name} v${same.version} (${same.tag} on ${same.commit.slice(0, 7)}) is this model: same data, ` +
      'config, schema and tool version. Reusing it; no new version registered.',
  );
  const ref = { name, version: same.version, tag: same.tag };
  const pin = bundlePin(same);
  const releaseUrl = await ensureRelease(ctx, { ...ref, pin }, candidate.bundle);
  if (releaseUrl)
    deps.log.info(`the release of ${same.tag} was missing; re-published: ${releaseUrl}`);
  return {
    format: REGISTRATION_FORMAT,
    ...ref,
    commit: same.commit,
    releaseUrl,
    existing: true,
    forced: same.metadata?.forced ?? null,
  };
}

async function registerNewVersion(
  ctx: StepContext,
  candidate: Candidate,
  version: string,
): Promise<RegistrationOutcome> {
  const { deps } = ctx;
  const { training, forced } = candidate;
  const ref = { name: training.name, version, tag: versionTag(training.name, version) };
  if (forced) warnForced(ctx, candidate, ref, forced);
  await warnIfUncommitted(ctx, ref.tag);
  const record = await deps.tags.create(ref.tag, tagMessage(ctx, candidate, version));
  await deps.tags.push([ref.tag]);
  const pin = candidate.bundle.sha256;
  const releaseUrl = await ensureRelease(ctx, { ...ref, pin }, candidate.bundle);
  deps.log.info(
    `registered ${ref.tag} at ${record.commit.slice(0, 7)}; release: ${releaseUrl ?? 'already published'}`,
  );
  return {
    format: REGISTRATION_FORMAT,
    ...ref,
    commit: record.commit,
    releaseUrl,
    existing: false,
    forced,
  };
}

function tagMessage(ctx: StepContext, candidate: Candidate, version: string): string {
  const { deps } = ctx;
  const { training, evaluation, forced } = candidate;
  return formatTagMessage({
    schema: TAG_METADATA_SCHEMA_ID,
    name: training.name,
    version,
    metrics: evaluation.evaluation.overall,
    task: training.task,
    dataHash: training.dataHash,
    configHash: training.configHash,
    ...(training.schemaHash ? { schemaHash: training.schemaHash } : {}),
    ...(training.toolVersion ? { toolVersion: training.toolVersion } : {}),
    createdAt: deps.now().toISOString(),
    backend: training.backend,
    blessed: evaluation.blessed,
    ...(forced ? { forced } : {}),
    bundleSha256: candidate.bundle.sha256,
    ...(deps.runUrl ? { runUrl: deps.runUrl } : {}),
  });
}

/** Says loudly, in the log of the run that does it, that a model that failed its gates is registered. */
function warnForced(
  ctx: StepContext,
  candidate: Candidate,
  ref: VersionRef,
  forced: ForcedRegistration,
): void {
  const failed = candidate.evaluation.gates.results
    .filter((result) => result.status === 'fail')
    .map((result) => result.description + (result.reason ? ` (${result.reason})` : ''));
  ctx.deps.log.warn(
    `registering ${ref.name} v${ref.version} that FAILED its gates: ${failed.join('; ') || 'NOT_BLESSED'}. ` +
      `Forced by ${forced.by}: ${forced.reason}`,
  );
}

/**
 * Publishes the release of `version` unless it already holds the bundle and SHA256SUMS, so a
 * missing or partial release (a run that stopped after pushing the tag) is repaired by the store,
 * but only with the bytes the tag pins: the store checks an asset already there against them, so
 * SHA256SUMS is written for the registered bundle alone. Returns the release URL when this run
 * published it, null when it was complete already or `bundle` is not the pinned one.
 */
export async function ensureRelease(
  ctx: StepContext,
  version: PinnedVersion,
  bundle: PackedBundle,
): Promise<string | null> {
  const { deps } = ctx;
  const asset = bundleAssetName(version.name, version.version);
  if (await hasCompleteRelease(ctx, version.tag, asset)) return null;
  if (version.pin !== null && version.pin !== bundle.sha256) {
    deps.log.warn(
      `the release of ${version.tag} is missing or incomplete, and this run's bundle ` +
        `(sha256 ${bundle.sha256.slice(0, 12)}…) is not the one the tag pins ` +
        `(${version.pin.slice(0, 12)}…), so it was not uploaded: a release holds the registered ` +
        'bytes only. Run `mlops registry doctor --fix` where the registered bundle is in ' +
        '<out>/model (the run that registered it), or register a new version.',
    );
    return null;
  }
  try {
    const release = { tag: version.tag, name: version.tag, notes: bundle.card };
    const assets = [{ name: asset, data: bundle.archive }];
    return (await deps.releases.publish({ ...release, assets })).url;
  } catch (error) {
    // Another run registering the same version may have published it meanwhile.
    if (error instanceof RegistryConflict && (await hasCompleteRelease(ctx, version.tag, asset))) {
      return null;
    }
    throw new UsageError(
      `${version.tag} is registered, but publishing its release failed: ${errorMessage(error)}. ` +
        `The tag stays; run \`mlops register\` again to publish the missing release, or upload ${asset} ` +
        `and ${SUMS_FILE} by hand.`,
    );
  }
}

async function hasCompleteRelease(ctx: StepContext, tag: string, asset: string): Promise<boolean> {
  const assets = await ctx.deps.releases.list(tag);
  return assets.includes(asset) && assets.includes(SUMS_FILE);
}

/**
 * Warns when the inputs differ from the commit the tag will name, or lie outside its repository
 * altogether, so versions stay reproducible.
 */
async function warnIfUncommitted(ctx: StepContext, tag: string): Promise<void> {
  const { config, deps } = ctx;
  const inputs = [config.data.train, config.schema].map((file) => resolveInput(ctx, file));
  if (ctx.configFile) inputs.push(ctx.configFile);
  const found = await deps.tags.uncommitted(inputs);
  const named = (why: UncommittedInput['why']) =>
    found.filter((input) => input.why === why).map((input) => input.file);
  const dirty = named('changed');
  const outside = named('outside-repository');
  if (dirty.length > 0) {
    deps.log.warn(
      `${dirty.join(', ')} ${dirty.length === 1 ? 'has' : 'have'} uncommitted changes: ${tag} will name a commit ` +
        'without the data and config that made it. Commit them before registering to keep versions reproducible.',
    );
  }
  if (outside.length > 0) {
    const [lies, them, their] =
      outside.length === 1 ? ['lies', 'it', 'its'] : ['lie', 'them', 'their'];
    deps.log.warn(
      `${outside.join(', ')} ${lies} outside the git repository of the registry tags: ${tag} will name a ` +
        `commit without ${them} (the tag records only ${their} hash). Move ${them} into the repository ` +
        `and commit ${them} before registering to keep versions reproducible.`,
    );
  }
}
