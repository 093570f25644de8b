/** The dense network for tabular data: hidden ReLU layers with dropout, an output fit for the task. */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Task } from '../evaluate/types.js';

export interface NetworkShape {
  inputWidth: number;
  task: Task;
  /** Number of classes (multiclass only). */
  classes: number;
  hidden: number[];
  dropout: number;
  learningRate: number;
  seed: number;
}

/**
 * Builds and compiles the network; weights are initialised from `seed`. Layers are named here:
 * tfjs would number them from a process-wide counter, so model.json would depend on how many
 * models the process built before.
 */
export function buildNetwork(shape: NetworkShape): tfl.LayersModel {
  const model = tfl.sequential({ name: 'mlops' });
  shape.hidden.forEach((units, i) => {
    model.add(
      tfl.layers.dense({
        name: `hidden_${i + 1}`,
        units,
        activation: 'relu',
        kernelInitializer: tfl.initializers.heNormal({ seed: shape.seed + i }),
        ...(i === 0 ? { inputShape: [shape.inputWidth] } : {}),
      }),
    );
    if (shape.dropout > 0) {
      model.add(tfl.layers.dropout({ name: `dropout_${i + 1}`, rate: shape.dropout }));
    }
  });
  const { loss, ...output } = outputLayer(shape.task, shape.classes);
  model.add(
    tfl.layers.dense({
      name: 'output',
      ...output,
      kernelInitializer: tfl.initializers.glorotUniform({ seed: shape.seed + shape.hidden.length }),
      ...(shape.hidden.length === 0 ? { inputShape: [shape.inputWidth] } : {}),
    }),
  );
  model.compile({ optimizer: tf.train.adam(shape.learningRate), loss });
  return model;
}

function outputLayer(task: Task, classes: number) {
  switch (task) {
    case 'binary':
      return { units: 1, activation: 'sigmoid', loss: 'binaryCrossentropy' } as const;
    case 'multiclass':
      // Sparse: labels stay class indices, and only each batch is one-hot encoded, by the loss.
      return {
        units: classes,
        activation: 'softmax',
        loss: 'sparseCategoricalCrossentropy',
      } as const;
    case 'regression':
      return { units: 1, activation: 'linear', loss: 'meanSquaredError' } as const;
  }
}
