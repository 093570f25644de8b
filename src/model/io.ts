/**
 * Model files as bytes: `model.json` (topology + weights manifest, the layout tfjs loaders expect)
 * and `weights.bin`. The file:// handler is tfjs-node only, so writing the bytes is the caller's job.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { BUNDLE_FILES } from './bundle.js';

export interface ModelFiles {
  /** The text of model.json. */
  modelJson: string;
  /** The bytes of weights.bin. */
  weights: Uint8Array;
}

/** Serialises a trained model to the bytes of model.json and weights.bin. */
export async function serializeModel(model: tfl.LayersModel): Promise<ModelFiles> {
  let files: ModelFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? []));
      // No save date in the file, so the same weights always give the same bytes.
      const json = {
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: 'mlops-actions',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [BUNDLE_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
      };
      files = { modelJson: `${JSON.stringify(json)}\n`, weights };
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (!files) throw new Error('tfjs did not hand the model artifacts to the save handler');
  return files;
}

/** Rebuilds a model from the bytes written by `serializeModel`. */
export async function deserializeModel(files: ModelFiles): Promise<tfl.LayersModel> {
  const json = JSON.parse(files.modelJson) as tf.io.ModelJSON;
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const buffer = files.weights.buffer.slice(
    files.weights.byteOffset,
    files.weights.byteOffset + files.weights.byteLength,
  ) as ArrayBuffer;
  return tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData: buffer }),
  );
}
