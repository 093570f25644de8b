/**
 * The training budget: how long to wait for the monitored loss to improve, scaled to the data, and
 * the learning rate lowered when it stalls (Keras' EarlyStopping and ReduceLROnPlateau).
 */

/** Early stopping waits at least this many optimizer steps (batches) without improvement… */
export const PATIENCE_STEPS = 500;
/** …but never fewer epochs than this… */
export const MIN_PATIENCE = 5;
/** …nor more. */
export const MAX_PATIENCE = 30;

/**
 * Epochs early stopping waits for an improvement: enough epochs to span PATIENCE_STEPS batches,
 * between MIN_PATIENCE and MAX_PATIENCE. A small table makes a few batches an epoch, so one epoch
 * barely moves the weights and a fixed patience of a few epochs stops while it is still learning;
 * a large one makes thousands, and a few epochs are plenty.
 */
export function autoPatience(trainRows: number, batchSize: number): number {
  const stepsPerEpoch = Math.max(1, Math.ceil(trainRows / batchSize));
  return Math.min(MAX_PATIENCE, Math.max(MIN_PATIENCE, Math.ceil(PATIENCE_STEPS / stepsPerEpoch)));
}

/**
 * Epochs reduce-on-plateau waits before lowering the rate: half the early-stopping patience, so
 * the lower rate gets the other half to find an improvement before training stops.
 */
export function autoPlateauPatience(earlyStoppingPatience: number): number {
  return Math.max(1, Math.floor(earlyStoppingPatience / 2));
}

export interface PlateauOptions {
  /** The rate is multiplied by this (0 < factor < 1) on each plateau. */
  factor: number;
  /** Epochs without improvement before the rate is lowered. */
  patience: number;
  /** The rate never goes below this. */
  minLearningRate: number;
  /** An epoch improves on the best when its loss is lower by more than this. */
  minDelta: number;
}

/** Reduce-on-plateau as a state machine fed one monitored loss per epoch. */
export class PlateauSchedule {
  private best = Infinity;
  private wait = 0;

  constructor(
    private rate: number,
    private readonly options: PlateauOptions,
  ) {}

  /** The learning rate for the next epoch, after an epoch whose monitored loss was `loss`. */
  next(loss: number): number {
    if (loss < this.best - this.options.minDelta) {
      this.best = loss;
      this.wait = 0;
    } else if (++this.wait >= this.options.patience) {
      this.rate = Math.max(this.options.minLearningRate, this.rate * this.options.factor);
      this.wait = 0;
    }
    return this.rate;
  }
}
