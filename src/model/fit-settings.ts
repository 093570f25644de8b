/** The `model:` section of mlops.yml turned into fitNetwork's options, `auto` values resolved. */
import type { Config } from '../config/schema.js';
import { autoHidden } from './auto-hidden.js';
import { autoL2 } from './auto-l2.js';
import { autoPatience, autoPlateauPatience } from './budget.js';
import { resolveClassWeights } from './class-weights.js';
import type { LabelEncoding } from './task.js';
import type { Examples, FitOptions } from './train.js';

/** Everything fitNetwork needs but the progress callback. */
export type FitSettings = Omit<FitOptions, 'onEpoch'>;

/** Resolves `model:` for these training examples: patience scaled to them, class weights from their labels. */
export function fitSettings(
  model: Config['model'],
  encoding: LabelEncoding,
  train: Examples,
  inputWidth: number,
): FitSettings {
  const { early_stopping: stopping, reduce_lr_on_plateau: plateau } = model;
  const batchSize = model.batch_size === 'auto' ? autoBatchSize(train.count) : model.batch_size;
  const patience =
    stopping.patience === 'auto' ? autoPatience(train.count, batchSize) : stopping.patience;
  return {
    inputWidth,
    task: encoding.task,
    classes: encoding.task === 'multiclass' ? encoding.classes.length : 1,
    hidden: model.hidden === 'auto' ? autoHidden(train.count) : model.hidden,
    dropout: model.dropout,
    batchNorm: model.batch_norm,
    learningRate: model.learning_rate,
    seed: model.seed,
    epochs: model.epochs,
    batchSize,
    patience,
    minDelta: stopping.min_delta,
    restoreBestWeights: stopping.restore_best_weights,
    ...(plateau
      ? {
          reduceLr: {
            factor: plateau.factor,
            patience:
              plateau.patience === 'auto' ? autoPlateauPatience(patience) : plateau.patience,
            minLearningRate: plateau.min_lr,
          },
        }
      : {}),
    l2: model.l2 === 'auto' ? autoL2(train.count) : model.l2,
    classWeights: resolveClassWeights(model.class_weight, encoding, train.labels),
  };
}

/** Rows per batch of `model.batch_size: auto` for a small table, and the smallest it takes. */
export const AUTO_BATCH_SIZE = 64;
/** The largest batch `auto` takes: past it, larger batches learn less per row than they save. */
export const MAX_AUTO_BATCH_SIZE = 1024;
/** Optimizer steps an epoch may take under `auto` before the batch grows. */
export const AUTO_EPOCH_STEPS = 1000;

/**
 * `model.batch_size: auto`: 64 rows, doubled while an epoch of `trainRows` would take more than
 * AUTO_EPOCH_STEPS steps, up to MAX_AUTO_BATCH_SIZE. Each step costs about the same up to a
 * thousand rows on wasm, so a million rows train in seconds an epoch rather than minutes.
 */
export function autoBatchSize(trainRows: number): number {
  let size = AUTO_BATCH_SIZE;
  while (size < MAX_AUTO_BATCH_SIZE && trainRows > size * AUTO_EPOCH_STEPS) size *= 2;
  return size;
}

/** One line for the log: the budget and the settings that shape the loss. */
export function describeFitSettings(settings: FitSettings): string {
  const parts = [
    `up to ${settings.epochs} epochs of ${settings.batchSize}-row batches`,
    `early stopping after ${settings.patience} epochs without improvement`,
    settings.reduceLr
      ? `learning rate ${settings.learningRate} × ${settings.reduceLr.factor} after ` +
        `${settings.reduceLr.patience} (down to ${settings.reduceLr.minLearningRate})`
      : `learning rate ${settings.learningRate}`,
  ];
  const weights = settings.classWeights?.map((w) => Number(w.toPrecision(3)));
  if (weights) {
    parts.push(
      weights.length <= 5
        ? `class weights ${weights.join(', ')}`
        : `class weights from ${Math.min(...weights)} to ${Math.max(...weights)}`,
    );
  }
  if (settings.l2) parts.push(`L2 ${Number(settings.l2.toPrecision(3))}`);
  if (settings.batchNorm) parts.push('batch normalisation');
  return parts.join('; ');
}
