/**
 * The hidden layers of `model.hidden: auto`, scaled to the training rows: a network as wide as the
 * default [64, 32] fits a few hundred rows by heart before the small validation split early
 * stopping watches can notice, and then predicts the majority class for every row.
 */

/** The layers a large table gets: the widest `auto` network. */
export const LARGE_HIDDEN: readonly number[] = [64, 32];
/** Training rows per unit of the single hidden layer a small table gets… */
export const ROWS_PER_UNIT = 12;
/** …which is never narrower than this. */
export const MIN_WIDTH = 16;

/**
 * One hidden layer of the largest power of two ≤ trainRows / ROWS_PER_UNIT units (at least
 * MIN_WIDTH), and LARGE_HIDDEN once that reaches its first layer's width (from 768 rows on).
 */
export function autoHidden(trainRows: number): number[] {
  const width = 2 ** Math.floor(Math.log2(Math.max(1, trainRows / ROWS_PER_UNIT)));
  return width >= (LARGE_HIDDEN[0] as number) ? [...LARGE_HIDDEN] : [Math.max(MIN_WIDTH, width)];
}
