/**
 * The dense network for tabular data: hidden ReLU layers (optionally batch-normalised) with
 * dropout, an output fit for the task, and the task's loss per row.
 */
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
  /** A batch normalisation layer after each hidden layer; none when absent. */
  batchNorm?: boolean;
}

/**
 * Builds the network; weights are initialised from `seed`. Layers are named here: tfjs would
 * number them from a process-wide counter, so model.json would depend on how many models the
 * process built before. It is not compiled: fitNetwork runs its own training step (see train.ts).
 */
export function buildNetwork(shape: NetworkShape): tfl.Sequential {
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
    if (shape.batchNorm) {
      model.add(tfl.layers.batchNormalization({ name: `batch_norm_${i + 1}` }));
    }
    if (shape.dropout > 0) {
      model.add(tfl.layers.dropout({ name: `dropout_${i + 1}`, rate: shape.dropout }));
    }
  });
  model.add(
    tfl.layers.dense({
      name: 'output',
      ...outputLayer(shape.task, shape.classes),
      kernelInitializer: tfl.initializers.glorotUniform({ seed: shape.seed + shape.hidden.length }),
      ...(shape.hidden.length === 0 ? { inputShape: [shape.inputWidth] } : {}),
    }),
  );
  return model;
}

/**
 * The forward pass layer by layer. `model.apply(x, { training: true })` does not reach the layers
 * of a Sequential model (its graph replays each node's recorded call arguments), so dropout and
 * batch normalisation would run in inference mode.
 */
export function forward(model: tfl.Sequential, x: tf.Tensor, training: boolean): tf.Tensor {
  return model.layers.reduce<tf.Tensor>(
    (input, layer) => layer.apply(input, { training }) as tf.Tensor,
    x,
  );
}

/** A loss per row, from the labels (one per row, shape [n, 1]) and the network's outputs. */
export type RowLoss = (labels: tf.Tensor, outputs: tf.Tensor) => tf.Tensor1D;

/** The task's loss per row: the same formulas as tfjs-layers' compiled losses. */
export function rowLoss(task: Task): RowLoss {
  switch (task) {
    case 'binary':
      return (labels, outputs) => tfl.metrics.binaryCrossentropy(labels, outputs) as tf.Tensor1D;
    case 'multiclass':
      // Sparse: labels stay class indices, and only each batch is one-hot encoded here, as
      // one-hot labels for the whole table took rows × classes floats.
      return (labels, outputs) =>
        tf.tidy(() => {
          const classes = outputs.shape[1] ?? 1;
          const oneHot = tf.oneHot(tf.cast(tf.reshape(labels, [-1]), 'int32'), classes);
          return tfl.metrics.categoricalCrossentropy(oneHot, outputs) as tf.Tensor1D;
        });
    case 'regression':
      return (labels, outputs) => tfl.metrics.meanSquaredError(labels, outputs) as tf.Tensor1D;
  }
}

function outputLayer(task: Task, classes: number) {
  switch (task) {
    case 'binary':
      return { units: 1, activation: 'sigmoid' } as const;
    case 'multiclass':
      return { units: classes, activation: 'softmax' } as const;
    case 'regression':
      return { units: 1, activation: 'linear' } as const;
  }
}
