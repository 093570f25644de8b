/** Reading a model bundle folder back into a runnable model and its preprocessing. */
import path from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import { BUNDLE_FILES, type TrainingInfo } from '../model/bundle.js';
import { deserializeModel } from '../model/io.js';
import type { PreprocessingSpec } from '../model/preprocess.js';
import type { FileSystem } from '../adapters/fs.js';
import { UsageError } from '../errors.js';
import { parseJson } from '../util/json.js';

export interface LoadedModel {
  model: tfl.LayersModel;
  preprocessing: PreprocessingSpec;
  training: TrainingInfo;
}

/** Loads the model, preprocessing spec and training info from a bundle folder. */
export async function loadBundle(fs: FileSystem, dir: string): Promise<LoadedModel> {
  const file = (name: string) => path.join(dir, name);
  if (!(await fs.exists(file(BUNDLE_FILES.model)))) {
    throw new UsageError(`${dir} holds no trained model: run \`mlops train\` first.`);
  }
  const json = async <T>(name: string) =>
    parseJson(
      await fs.readText(file(name)),
      file(name),
      'The model bundle is damaged: train it again.',
    ) as T;
  const model = await deserializeModel({
    modelJson: await fs.readText(file(BUNDLE_FILES.model)),
    weights: await fs.readBytes(file(BUNDLE_FILES.weights)),
  });
  return {
    model,
    preprocessing: await json<PreprocessingSpec>(BUNDLE_FILES.preprocessing),
    training: await json<TrainingInfo>(BUNDLE_FILES.training),
  };
}
