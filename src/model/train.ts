/**
 * Fitting the network: seeded shuffles, batches cut from the typed arrays one at a time, early
 * stopping and reduce-on-plateau on the validation loss, class weights and L2 in the loss.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { DataError } from '../errors.js';
import { compareByBootstrap } from '../evaluate/bootstrap.js';
import type { MetricKernel } from '../evaluate/metrics.js';
import { createRng, shuffleInPlace } from '../util/random.js';
import { PlateauSchedule, type PlateauOptions } from './budget.js';
import { buildNetwork, forward, rowLoss, type NetworkShape, type RowLoss } from './network.js';

/** Encoded examples: a row-major feature matrix and one encoded label per row. */
export interface Examples {
  features: Float32Array;
  labels: Float32Array;
  count: number;
}

export interface FitOptions extends NetworkShape {
  learningRate: number;
  /** The most epochs to run; early stopping usually ends training sooner. */
  epochs: number;
  batchSize: number;
  /** Epochs without an improvement of the monitored loss before training stops. */
  patience: number;
  minDelta: number;
  /** Lowers the learning rate when the monitored loss stalls (improvement: by more than minDelta); constant when absent. */
  reduceLr?: Omit<PlateauOptions, 'minDelta'>;
  /** Weight of the L2 penalty on every kernel; none when absent. */
  l2?: number;
  /** The loss weight of each class index; every row counts the same when absent. */
  classWeights?: readonly number[] | null;
  /** Which weights training ends with (see keepsLastWeights); `auto` when absent. */
  restoreBestWeights?: RestoreBestWeights;
  /** Called after each epoch, for progress logs. */
  onEpoch?: (log: EpochLog) => void;
}

export interface EpochLog {
  epoch: number;
  /** Mean training loss over the epoch's batches, class weights and L2 penalty included. */
  loss: number;
  /** Loss on the validation rows (class weights included), which early stopping watches. */
  valLoss?: number;
  /** The learning rate the epoch ran with. */
  learningRate: number;
}

/**
 * `early_stopping.restore_best_weights`: true restores the weights of the epoch with the lowest
 * monitored loss, false keeps the last epoch's (Keras' default), `auto` decides by the noise.
 */
export type RestoreBestWeights = boolean | 'auto';

export interface FitResult {
  model: tfl.LayersModel;
  history: EpochLog[];
  /** The epoch whose weights were kept (1-based). */
  bestEpoch: number;
  /** The epoch of the lowest monitored loss (1-based); bestEpoch unless the last weights were kept. */
  lowestEpoch: number;
  stoppedEarly: boolean;
}

/** Rows per forward pass when measuring the validation loss: no gradients, so large batches. */
const EVALUATION_BATCH = 4096;

/** Trains a fresh network; the same examples, options and backend give the same weights. */
export async function fitNetwork(
  train: Examples,
  validation: Examples | null,
  options: FitOptions,
): Promise<FitResult> {
  return withSeededRandom(options.seed, async () => {
    const model = buildNetwork(options);
    const optimizer = tf.train.adam(options.learningRate);
    const step = trainingStep(model, optimizer, options);
    const loss = rowLoss(options.task);
    const weights = options.classWeights ?? null;
    const schedule = options.reduceLr
      ? new PlateauSchedule(options.learningRate, {
          ...options.reduceLr,
          minDelta: options.minDelta,
        })
      : null;
    const rng = createRng(options.seed);
    const order = Array.from({ length: train.count }, (_, i) => i);
    const history: EpochLog[] = [];
    let learningRate = options.learningRate;
    let best: BestEpoch = { loss: Infinity, epoch: 0, weights: [], validationLosses: null };
    let lastValidationLosses: Float32Array | null = null;
    try {
      for (let epoch = 1; epoch <= options.epochs; epoch++) {
        shuffleInPlace(order, rng);
        const trainLoss = await runEpoch(train, order, options, weights, step);
        lastValidationLosses =
          validation && validation.count > 0
            ? await rowLosses(model, loss, validation, options.inputWidth, weights)
            : null;
        const valLoss = lastValidationLosses ? mean(lastValidationLosses) : undefined;
        const log: EpochLog = {
          epoch,
          loss: trainLoss,
          ...(valLoss === undefined ? {} : { valLoss }),
          learningRate,
        };
        history.push(log);
        options.onEpoch?.(log);
        const monitored = valLoss ?? trainLoss;
        if (monitored < best.loss - options.minDelta) {
          tf.dispose(best.weights);
          best = {
            loss: monitored,
            epoch,
            weights: model.getWeights().map((w) => w.clone()),
            validationLosses: lastValidationLosses,
          };
        } else if (epoch - best.epoch >= options.patience) {
          break;
        }
        if (schedule) {
          learningRate = schedule.next(monitored);
          setLearningRate(optimizer, learningRate);
        }
      }
      if (best.epoch === 0) {
        model.dispose();
        throw new DataError(
          `training diverged: the loss was ${history[0]?.loss} from the first epoch. Check the data for ` +
            'extreme values, or lower model.learning_rate.',
        );
      }
      const keepLast = keepsLastWeights(
        options.restoreBestWeights ?? 'auto',
        best.validationLosses,
        lastValidationLosses,
      );
      if (!keepLast) model.setWeights(best.weights);
      return {
        model,
        history,
        bestEpoch: keepLast ? history.length : best.epoch,
        lowestEpoch: best.epoch,
        stoppedEarly: history.length < options.epochs,
      };
    } finally {
      optimizer.dispose();
      tf.dispose(best.weights);
    }
  });
}

/** The epoch of the lowest monitored loss so far: its weights, and its validation loss per row. */
interface BestEpoch {
  loss: number;
  epoch: number;
  weights: tf.Tensor[];
  validationLosses: Float32Array | null;
}

/**
 * Whether training ends with the last epoch's weights rather than the best epoch's. `auto` keeps
 * the last ones unless the validation loss shows them worse beyond its noise: the paired bootstrap
 * interval of (last − best) over the validation rows, the one evaluation compares models with,
 * lies above 0. The lowest loss of a validation split of a few dozen rows is a noisy pick (the
 * epochs around it differ by less than the noise) that tends to land early, before the weights
 * training went on to at a falling learning rate; a large split that shows overfitting still
 * restores the best epoch. Without validation rows (the training loss was watched) `auto` restores
 * it too.
 */
function keepsLastWeights(
  setting: RestoreBestWeights,
  best: Float32Array | null,
  last: Float32Array | null,
): boolean {
  if (setting !== 'auto') return !setting;
  if (!best || !last) return false;
  if (best === last) return true;
  const { differences } = compareByBootstrap([meanKernel(last), meanKernel(best)], last.length);
  const worse = differences[0]?.loss;
  return worse !== undefined && worse.lower <= 0;
}

/** The mean of per-row losses under the bootstrap's draw counts. */
function meanKernel(losses: Float32Array): MetricKernel {
  return (counts) => {
    let sum = 0;
    let rows = 0;
    for (let i = 0; i < losses.length; i++) {
      const count = counts[i] ?? 0;
      sum += count * (losses[i] ?? 0);
      rows += count;
    }
    return { loss: sum / rows };
  };
}

/**
 * The warning for a run whose lowest loss was at its last epoch: the loss was still falling when
 * the epoch budget ran out, so more epochs would likely give a better model. Null otherwise.
 */
export function budgetWarning(result: Pick<FitResult, 'history' | 'lowestEpoch'>): string | null {
  const run = result.history.length;
  if (result.lowestEpoch !== run) return null;
  return (
    `the best epoch was the last one (${run} of ${run}): the loss was still falling when the ` +
    'budget ran out. Raise model.epochs, or model.learning_rate to converge sooner.'
  );
}

/** One optimizer update on a batch; returns the batch's loss (kept: the caller disposes it). */
type TrainingStep = (x: tf.Tensor, y: tf.Tensor, rowWeights: tf.Tensor | null) => tf.Scalar;

function trainingStep(
  model: tfl.Sequential,
  optimizer: tf.Optimizer,
  options: FitOptions,
): TrainingStep {
  const loss = rowLoss(options.task);
  const l2 = options.l2 ?? 0;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  // Biases and batch-norm scales are left out of the penalty, as Keras' kernel_regularizer does.
  const kernels = model.trainableWeights
    .filter((w) => w.originalName.endsWith('/kernel'))
    .map((w) => w.read());
  return (x, y, rowWeights) =>
    tf.tidy(() => {
      const cost = optimizer.minimize(
        () => {
          const perRow = loss(y, forward(model, x, true));
          const data = tf.mean(rowWeights ? tf.mul(perRow, rowWeights) : perRow);
          if (l2 === 0) return data as tf.Scalar;
          return tf.add(
            data,
            tf.mul(l2, tf.addN(kernels.map((k) => tf.sum(tf.square(k))))),
          ) as tf.Scalar;
        },
        true,
        variables,
      );
      if (!cost) throw new Error('optimizer.minimize returned no cost');
      return cost;
    });
}

/**
 * One pass over the training rows in `order`. Each batch is copied from the typed arrays into
 * tensors of its own, so memory holds one batch at a time beside the table, never a shuffled copy
 * of the whole table.
 */
async function runEpoch(
  train: Examples,
  order: readonly number[],
  options: FitOptions,
  classWeights: readonly number[] | null,
  step: TrainingStep,
): Promise<number> {
  const width = options.inputWidth;
  let total = tf.scalar(0);
  for (let start = 0; start < train.count; start += options.batchSize) {
    const size = Math.min(options.batchSize, train.count - start);
    const features = new Float32Array(size * width);
    const labels = new Float32Array(size);
    for (let i = 0; i < size; i++) {
      const row = order[start + i] ?? 0;
      features.set(train.features.subarray(row * width, (row + 1) * width), i * width);
      labels[i] = train.labels[row] ?? 0;
    }
    const x = tf.tensor2d(features, [size, width]);
    const y = tf.tensor2d(labels, [size, 1]);
    const w = classWeights ? tf.tensor1d(rowWeights(labels, classWeights)) : null;
    const cost = step(x, y, w);
    const sum = tf.tidy(() => tf.add<tf.Scalar>(total, tf.mul(cost, size)));
    tf.dispose([x, y, cost, total, ...(w ? [w] : [])]);
    total = sum;
  }
  const [sum] = await total.data();
  total.dispose();
  return (sum ?? NaN) / train.count;
}

/** Each row's loss over `examples`, without dropout; class weights as in training, no L2 penalty. */
async function rowLosses(
  model: tfl.Sequential,
  loss: RowLoss,
  examples: Examples,
  width: number,
  classWeights: readonly number[] | null,
): Promise<Float32Array> {
  const losses = new Float32Array(examples.count);
  for (let start = 0; start < examples.count; start += EVALUATION_BATCH) {
    const size = Math.min(EVALUATION_BATCH, examples.count - start);
    const labels = examples.labels.subarray(start, start + size);
    const batch = tf.tidy(() => {
      const x = tf.tensor2d(examples.features.subarray(start * width, (start + size) * width), [
        size,
        width,
      ]);
      const perRow = loss(tf.tensor2d(labels, [size, 1]), forward(model, x, false));
      return classWeights ? tf.mul(perRow, rowWeights(labels, classWeights)) : perRow;
    });
    losses.set(await batch.data(), start);
    batch.dispose();
  }
  return losses;
}

function mean(values: Float32Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Each row's loss weight: the weight of its class. */
function rowWeights(labels: Float32Array, classWeights: readonly number[]): Float32Array {
  return labels.map((label) => classWeights[label] ?? 1);
}

/**
 * Sets the rate of a live optimizer, as Keras' ReduceLROnPlateau does. tfjs reads `learningRate`
 * on every update but declares it protected; a new optimizer would lose Adam's moment estimates.
 */
function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = rate;
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
