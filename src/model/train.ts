/** Fitting the network: seeded shuffles, one epoch at a time, early stopping on validation loss. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { DataError } from '../errors.js';
import { createRng, shuffleInPlace } from '../util/random.js';
import { buildNetwork, type NetworkShape } from './network.js';

/** Encoded examples: a row-major feature matrix and one encoded label per row. */
export interface Examples {
  features: Float32Array;
  labels: Float32Array;
  count: number;
}

export interface FitOptions extends NetworkShape {
  epochs: number;
  batchSize: number;
  patience: number;
  minDelta: number;
  /** Called after each epoch, for progress logs. */
  onEpoch?: (log: EpochLog) => void;
}

export interface EpochLog {
  epoch: number;
  loss: number;
  valLoss?: number;
}

export interface FitResult {
  model: tfl.LayersModel;
  history: EpochLog[];
  /** The epoch whose weights were kept (1-based). */
  bestEpoch: number;
  stoppedEarly: boolean;
}

/** Trains a fresh network; the same examples, options and backend give the same weights. */
export async function fitNetwork(
  train: Examples,
  validation: Examples | null,
  options: FitOptions,
): Promise<FitResult> {
  return withSeededRandom(options.seed, async () => {
    const model = buildNetwork(options);
    const rng = createRng(options.seed);
    const order = Array.from({ length: train.count }, (_, i) => i);
    const x = tf.tensor2d(train.features, [train.count, options.inputWidth]);
    const y = labelTensor(train);
    const val = validation && validation.count > 0 ? toTensors(validation, options) : null;
    const history: EpochLog[] = [];
    let best = { loss: Infinity, epoch: 0, weights: [] as tf.Tensor[] };
    try {
      for (let epoch = 1; epoch <= options.epochs; epoch++) {
        const indices = tf.tensor1d(shuffleInPlace(order, rng), 'int32');
        const [xs, ys] = [tf.gather(x, indices), tf.gather(y, indices)];
        const fit = await model.fit(xs, ys, {
          epochs: 1,
          batchSize: options.batchSize,
          shuffle: false,
          validationData: val ?? undefined,
          verbose: 0,
        });
        tf.dispose([indices, xs, ys]);
        const log = epochLog(epoch, fit.history);
        history.push(log);
        options.onEpoch?.(log);
        const monitored = log.valLoss ?? log.loss;
        if (monitored < best.loss - options.minDelta) {
          tf.dispose(best.weights);
          best = { loss: monitored, epoch, weights: model.getWeights().map((w) => w.clone()) };
        } else if (epoch - best.epoch >= options.patience) {
          break;
        }
      }
      if (best.epoch === 0) {
        model.dispose();
        throw new DataError(
          `training diverged: the loss was ${history[0]?.loss} from the first epoch. Check the data for ` +
            'extreme values, or lower model.learning_rate.',
        );
      }
      model.setWeights(best.weights);
      return {
        model,
        history,
        bestEpoch: best.epoch,
        stoppedEarly: history.length < options.epochs,
      };
    } finally {
      tf.dispose([x, y, ...(val ?? []), ...best.weights]);
    }
  });
}

function toTensors(examples: Examples, shape: NetworkShape): [tf.Tensor, tf.Tensor] {
  return [
    tf.tensor2d(examples.features, [examples.count, shape.inputWidth]),
    labelTensor(examples),
  ];
}

/**
 * One label per row, class indices included: the multiclass loss is sparse (see network.ts), as
 * one-hot labels took rows × classes floats, copied again by every epoch's shuffle.
 */
function labelTensor(examples: Examples): tf.Tensor {
  return tf.tensor2d(examples.labels, [examples.count, 1]);
}

function epochLog(epoch: number, history: Record<string, (number | tf.Tensor)[]>): EpochLog {
  const last = (key: string) => {
    const value = history[key]?.at(-1);
    return typeof value === 'number' ? value : undefined;
  };
  const valLoss = last('val_loss');
  return { epoch, loss: last('loss') ?? NaN, ...(valLoss === undefined ? {} : { valLoss }) };
}

/**
 * Runs `fn` with Math.random drawn from a seeded generator. tfjs draws dropout masks from
 * Math.random (a fixed `seed` would repeat one mask every step), so this is the only way to make
 * training with dropout repeat exactly.
 */
async function withSeededRandom<T>(seed: number, fn: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = createRng(seed ^ 0x5eed);
  try {
    return await fn();
  } finally {
    Math.random = original;
  }
}
