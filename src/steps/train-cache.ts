/**
 * `mlops train` through the training cache: the key hashes what a bundle depends on (the data's
 * bytes, the effective config, the committed schema, the mlops-actions version and the backend),
 * so an unchanged run restores the bundle the earlier training wrote instead of training again.
 * A restored bundle is trusted no more than a downloaded one: its archive must match its sha256,
 * it unpacks only inside a scratch folder, its files must match their manifest and modelId, and
 * it must record the same data, config, version and backend; otherwise the step warns and trains.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import packageJson from '../../package.json' with { type: 'json' };
import { sha256Hex, unpackBundle } from '../adapters/bundle.js';
import { formatSchema } from '../data/schema.js';
import { MlopsError } from '../errors.js';
import type { BackendName } from '../config/schema.js';
import type { ActiveBackend, BackendOptions } from '../model/backend.js';
import { BUNDLE_FILES, type TrainingInfo } from '../model/bundle.js';
import { parseJson } from '../util/json.js';
import { errorMessage, summarizeMetrics } from '../util/text.js';
import { packVerifiedBundle, readVerifiedBundle } from './bundle-io.js';
import { outputPaths, removeStaleOutputs, resolveInput, type StepContext } from './context.js';
import { readCommittedSchema } from './dataset.js';
import { configHash, modelName } from './identity.js';
import { STEP_OUTPUTS, checkStepOutput } from './outputs.js';
import type { TrainOutcome } from './train.js';

/** What a training cache key is made of. */
export interface CacheInputs {
  /** sha256 of the data file's bytes, as training.json records it. */
  dataHash: string;
  configHash: string;
  /** sha256 of the committed schema in canonical form, or `inferred` when none is committed. */
  schemaHash: string;
  toolVersion: string;
  /** The backend that would train. */
  backend: ActiveBackend;
}

/** Whether the bundle came from the cache, and the key it was looked up by (null: cache off). */
export interface TrainCacheStatus {
  hit: boolean;
  key: string | null;
}

export type CachedTrainOutcome = TrainOutcome & { cache: TrainCacheStatus };

const KEY_PREFIX = 'mlops-train';
const UNUSABLE = 'ignoring it and training';
// metrics.json holds NaN (an AUC of one class) as null.
const metricsSchema = z.record(
  z.string(),
  z
    .number()
    .nullable()
    .transform((value) => value ?? NaN),
);

/**
 * Restores the bundle of an identical earlier training from the cache, or trains and saves it;
 * `cache: false` (--no-cache) trains and leaves the cache alone.
 */
export async function trainWithCache(
  ctx: StepContext,
  options: { cache: boolean },
): Promise<CachedTrainOutcome> {
  if (!options.cache) {
    ctx.deps.log.info('training cache off (--no-cache): training');
    return { ...(await train(ctx)), cache: { hit: false, key: null } };
  }
  const inputs = await cacheInputs(ctx);
  const key = trainingCacheKey(modelName(ctx.config), inputs);
  const restored = await restoreBundle(ctx, key, inputs);
  if (restored) return { ...restored, cache: { hit: true, key } };
  ctx.deps.log.info(`training cache: no usable entry for key ${key}; training`);
  const outcome = await train(ctx);
  await saveBundle(ctx, key, outcome, inputs);
  return { ...outcome, cache: { hit: false, key } };
}

/** Trains; TensorFlow.js loads with the training code, so only when the cache did not serve. */
async function train(ctx: StepContext): Promise<TrainOutcome> {
  return (await import('./train.js')).runTrain(ctx);
}

/** The cache key: the model name (to tell entries apart by eye) and a hash of `inputs`. */
export function trainingCacheKey(name: string, inputs: CacheInputs): string {
  const ordered: CacheInputs = {
    dataHash: inputs.dataHash,
    configHash: inputs.configHash,
    schemaHash: inputs.schemaHash,
    toolVersion: inputs.toolVersion,
    backend: inputs.backend,
  };
  const hash = createHash('sha256').update(JSON.stringify(ordered)).digest('hex');
  return `${KEY_PREFIX}-${name}-${hash}`;
}

/** What this run's bundle would depend on, read without parsing the data. */
async function cacheInputs(ctx: StepContext): Promise<CacheInputs> {
  const { config, deps } = ctx;
  const data = createHash('sha256');
  for await (const chunk of deps.fs.stream(resolveInput(ctx, config.data.train)))
    data.update(chunk);
  const { schema } = await readCommittedSchema(ctx);
  return {
    dataHash: data.digest('hex'),
    configHash: configHash(config),
    schemaHash: schema
      ? createHash('sha256').update(formatSchema(schema)).digest('hex')
      : 'inferred',
    toolVersion: packageJson.version,
    backend: await plannedBackend(config.model.backend, deps.backend),
  };
}

/**
 * The backend selectBackend would activate, found without loading TensorFlow.js (a second or so
 * that a restore does not need): the one named, else the first of tfjs-node (when it loads), wasm
 * (when its files are found) and cpu. Should activation still fall back (wasm failing to start),
 * the bundle records another backend: it is then neither saved nor restored.
 */
async function plannedBackend(
  preferred: BackendName,
  options: BackendOptions,
): Promise<ActiveBackend> {
  if (preferred !== 'auto') return preferred;
  const native = options.loadNative?.().then(
    () => true,
    () => false,
  );
  if (await native) return 'tensorflow';
  return options.wasmDir ? 'wasm' : 'cpu';
}

/** The cached bundle under `key` written to `<out>/model`, or null when there is none to use. */
async function restoreBundle(
  ctx: StepContext,
  key: string,
  inputs: CacheInputs,
): Promise<TrainOutcome | null> {
  const { deps } = ctx;
  const hit = await deps.trainingCache.restore(key);
  if (!hit) return null;
  const actual = sha256Hex(hit.archive);
  if (actual !== hit.sha256) {
    deps.log.warn(
      `training cache: the entry for key ${key} in ${hit.where} is corrupt (its archive hashes to ` +
        `${actual}, the entry says ${hit.sha256}); ${UNUSABLE}`,
    );
    return null;
  }
  const scratch = await deps.tmpDir();
  try {
    const dir = path.join(scratch, 'model');
    // tar's own errors included: an archive that does not unpack is an unusable entry, not a bug.
    await unpackBundle(hit.archive, dir).catch((error: unknown) => {
      throw error instanceof MlopsError ? error : new MlopsError(errorMessage(error));
    });
    const files = await readVerifiedBundle(deps.fs, dir);
    const training = checkStepOutput(
      parseJson(text(files, BUNDLE_FILES.training), BUNDLE_FILES.training, UNUSABLE),
      BUNDLE_FILES.training,
      STEP_OUTPUTS.training,
      UNUSABLE,
    );
    const mismatch = recordedMismatch(training, inputs);
    if (mismatch) {
      deps.log.warn(`training cache: the entry for key ${key} ${mismatch}; ${UNUSABLE}`);
      return null;
    }
    const metrics = metricsSchema.parse(
      parseJson(text(files, BUNDLE_FILES.metrics), BUNDLE_FILES.metrics, UNUSABLE),
    );
    const bundleDir = outputPaths(ctx.out).model;
    // As training does: outputs of later steps describe the previous model.
    await removeStaleOutputs(ctx);
    await deps.fs.writeFolder(bundleDir, Object.fromEntries(files));
    deps.log.info(
      `restored from cache (key ${key}), from ${hit.where}: model ${training.modelId.slice(0, 12)}, ` +
        `trained ${training.epochs.run} epochs, kept epoch ${training.epochs.best}; ` +
        `validation: ${summarizeMetrics(metrics) || 'no validation split'}`,
    );
    // What training warned about (a budget run out) still holds for its bundle.
    training.warnings?.forEach((warning) => deps.log.warn(warning));
    deps.log.info(`model bundle written to ${bundleDir}`);
    return { bundleDir, training, metrics };
  } catch (error) {
    // Whatever is wrong with an entry (not an archive, torn, another format), training mends it.
    if (!(error instanceof MlopsError || error instanceof z.ZodError)) throw error;
    deps.log.warn(
      `training cache: the entry for key ${key} in ${hit.where} cannot be used (${errorMessage(error)}); ${UNUSABLE}`,
    );
    return null;
  } finally {
    await deps.fs.remove(scratch);
  }
}

/** Why a restored bundle is not this run's, or null when its training.json agrees. */
function recordedMismatch(training: TrainingInfo, inputs: CacheInputs): string | null {
  if (training.dataHash !== inputs.dataHash) return 'was trained on other data';
  if (training.configHash !== inputs.configHash) return 'was trained with another config';
  if (training.toolVersion !== inputs.toolVersion) return 'was trained by another version';
  if (training.backend !== inputs.backend) return `was trained on the ${training.backend} backend`;
  return null;
}

/** Saves the bundle training just wrote, unless it is not what the key describes. */
async function saveBundle(
  ctx: StepContext,
  key: string,
  outcome: TrainOutcome,
  inputs: CacheInputs,
): Promise<void> {
  const mismatch = recordedMismatch(outcome.training, inputs);
  if (mismatch) {
    // The data changed while training, or the planned backend failed to start.
    ctx.deps.log.warn(`training cache: not saving key ${key}: the bundle ${mismatch}`);
    return;
  }
  const { archive, sha256 } = await packVerifiedBundle(ctx.deps.fs, outcome.bundleDir);
  await ctx.deps.trainingCache.save(key, { archive, sha256 });
}

function text(files: ReadonlyMap<string, Uint8Array>, name: string): string {
  const data = files.get(name);
  // A verified bundle has every file its manifest requires.
  if (!data) throw new Error(`bundle file ${name} was not read`);
  return new TextDecoder().decode(data);
}
