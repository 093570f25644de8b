/**
 * The L2 penalty of `model.l2: auto`, scaled to the training rows: a fixed Gaussian prior on the
 * weights, as scikit-learn's LogisticRegression sets one by default (C = 1: ½‖w‖² beside the
 * summed loss). fitNetwork minimises the mean loss, so the same prior weighs 1 / (2n) there: it
 * matters on a few hundred rows, where early stopping on a validation split of a few dozen rows
 * is a noisy guard against overfitting, and fades as the rows outweigh it.
 */

/** The weight of the L2 penalty on every kernel for `trainRows` training rows. */
export function autoL2(trainRows: number): number {
  return 1 / (2 * Math.max(1, trainRows));
}
