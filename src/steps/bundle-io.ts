/** Reading a model bundle folder back into a runnable model and its preprocessing, verified. */
import path from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import { packBundle, sha256Hex } from '../adapters/bundle.js';
import {
  BUNDLE_FILES,
  manifestProblems,
  modelIdOf,
  parseBundleManifest,
  type TrainingInfo,
} from '../model/bundle.js';
import type { PreprocessingSpec } from '../model/preprocess.js';
import type { FileSystem } from '../adapters/fs.js';
import { DataError, UsageError } from '../errors.js';
import { parseJson } from '../util/json.js';

export interface LoadedModel {
  model: tfl.LayersModel;
  preprocessing: PreprocessingSpec;
  training: TrainingInfo;
}

/** A verified bundle packed for a release: the `.tgz`, its sha256 and the model card. */
export interface PackedBundle {
  archive: Uint8Array;
  sha256: string;
  card: string;
}

const DAMAGED_REMEDY = 'Train it again (`mlops train`), or fetch it again from its release.';

/** Loads the model, preprocessing spec and training info from a bundle folder, verified first. */
export async function loadBundle(fs: FileSystem, dir: string): Promise<LoadedModel> {
  if (!(await fs.exists(path.join(dir, BUNDLE_FILES.model)))) {
    throw new UsageError(`${dir} holds no trained model: run \`mlops train\` first.`);
  }
  const files = await readVerifiedBundle(fs, dir);
  // TensorFlow.js loads here only: registering and fetching read bundles without it.
  const { deserializeModel } = await import('../model/io.js');
  const model = await deserializeModel({
    modelJson: text(files, BUNDLE_FILES.model),
    weights: bytes(files, BUNDLE_FILES.weights),
  });
  return {
    model,
    preprocessing: json<PreprocessingSpec>(files, dir, BUNDLE_FILES.preprocessing),
    training: json<TrainingInfo>(files, dir, BUNDLE_FILES.training),
  };
}

/**
 * Packs the bundle in `dir` for a release once it is verified, and only the files its manifest
 * lists (plus the manifest): a torn or edited bundle is never registered.
 */
export async function packVerifiedBundle(fs: FileSystem, dir: string): Promise<PackedBundle> {
  const files = await readVerifiedBundle(fs, dir);
  const archive = await packBundle(dir, [...files.keys()]);
  return { archive, sha256: sha256Hex(archive), card: text(files, BUNDLE_FILES.card) };
}

/** Copies the verified bundle in `from` to `to` (written whole); returns its training.json. */
export async function copyVerifiedBundle(
  fs: FileSystem,
  from: string,
  to: string,
): Promise<TrainingInfo> {
  const files = await readVerifiedBundle(fs, from);
  await fs.writeFolder(to, Object.fromEntries(files));
  return json<TrainingInfo>(files, from, BUNDLE_FILES.training);
}

/**
 * The files of the bundle in `dir` (its manifest included), once every file matches the manifest
 * and the weights and preprocessing still make the modelId that training.json records: a bundle
 * torn by a killed run, or edited since, is a DataError.
 */
export async function readVerifiedBundle(
  fs: FileSystem,
  dir: string,
): Promise<Map<string, Uint8Array>> {
  const manifestFile = path.join(dir, BUNDLE_FILES.manifest);
  const manifest = (await fs.exists(manifestFile))
    ? parseBundleManifest(await fs.readText(manifestFile))
    : null;
  if (!manifest) {
    throw new DataError(
      `${dir} is not a whole model bundle: ${BUNDLE_FILES.manifest} is missing or unreadable, so ` +
        `the training that wrote it did not finish (or predates manifests). ${DAMAGED_REMEDY}`,
    );
  }
  const files = new Map<string, Uint8Array | null>();
  for (const name of Object.keys(manifest.files)) {
    const file = path.join(dir, name);
    files.set(name, (await fs.exists(file)) ? await fs.readBytes(file) : null);
  }
  const problems = manifestProblems(manifest, files);
  if (problems.length > 0) {
    throw new DataError(
      `${dir} does not match its ${BUNDLE_FILES.manifest}: ${problems.join('; ')}. The bundle was ` +
        `torn by a stopped run or edited. ${DAMAGED_REMEDY}`,
    );
  }
  const verified = new Map([...files].flatMap(([name, data]) => (data ? [[name, data]] : [])));
  checkModelId(verified, dir);
  verified.set(BUNDLE_FILES.manifest, await fs.readBytes(manifestFile));
  return verified;
}

// The manifest proves the files are the ones written together; the modelId proves they are the
// model that evaluate judged and register tags, even if the manifest was written again by hand.
function checkModelId(files: ReadonlyMap<string, Uint8Array>, dir: string): void {
  const training = json<TrainingInfo>(files, dir, BUNDLE_FILES.training);
  const preprocessing = json<PreprocessingSpec>(files, dir, BUNDLE_FILES.preprocessing);
  const actual = modelIdOf(bytes(files, BUNDLE_FILES.weights), preprocessing);
  if (actual === training.modelId) return;
  throw new DataError(
    `${path.join(dir, BUNDLE_FILES.training)}: modelId ${String(training.modelId).slice(0, 12)}… is ` +
      `not the model in ${BUNDLE_FILES.weights} and ${BUNDLE_FILES.preprocessing} ` +
      `(${actual.slice(0, 12)}…). ${DAMAGED_REMEDY}`,
  );
}

function bytes(files: ReadonlyMap<string, Uint8Array>, name: string): Uint8Array {
  // The manifest check requires every bundle file, so a missing one is a bug here.
  const data = files.get(name);
  if (!data) throw new Error(`bundle file ${name} was not read`);
  return data;
}

function text(files: ReadonlyMap<string, Uint8Array>, name: string): string {
  return new TextDecoder().decode(bytes(files, name));
}

function json<T>(files: ReadonlyMap<string, Uint8Array>, dir: string, name: string): T {
  return parseJson(text(files, name), path.join(dir, name), DAMAGED_REMEDY) as T;
}
